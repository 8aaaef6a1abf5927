import zlib from 'node:zlib';
import JSZip from 'jszip';

/** Test files of every kind the evidence checks meet, built in memory. */

export type FixtureEntry = {
  name: string;
  data: Uint8Array;
  deflate?: boolean;
  /** Writes this uncompressed size in the headers instead of the true one. */
  claimUncompressed?: number;
  /** No data of its own: the central directory points at an earlier entry's bytes (overlapping entries). */
  sameBytesAs?: number;
};

/** A minimal ZIP writer, so that tests can build packages no ordinary writer would. */
export function buildZip(entries: FixtureEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  const written: { offset: number; crc: number; compressed: number; size: number; method: number }[] = [];
  const compressed = new Map<Uint8Array, { body: Buffer; crc: number }>();
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const shared = entry.sameBytesAs === undefined ? undefined : written[entry.sameBytesAs];
    if (shared) {
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(20, 4);
      central.writeUInt16LE(20, 6);
      central.writeUInt16LE(0x800, 8);
      central.writeUInt16LE(shared.method, 10);
      central.writeUInt32LE(shared.crc, 16);
      central.writeUInt32LE(shared.compressed, 20);
      central.writeUInt32LE(shared.size, 24);
      central.writeUInt16LE(name.length, 28);
      central.writeUInt32LE(shared.offset, 42);
      centrals.push(central, name);
      written.push(shared);
      continue;
    }
    // The same data array is compressed once (a bomb repeats one part many times).
    const cached = compressed.get(entry.data) ?? {
      body: zlib.deflateRawSync(entry.data),
      crc: zlib.crc32(entry.data),
    };
    compressed.set(entry.data, cached);
    const body = entry.deflate ? cached.body : Buffer.from(entry.data);
    const crc = cached.crc;
    const method = entry.deflate ? 8 : 0;
    const size = entry.claimUncompressed ?? entry.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    written.push({ offset, crc, compressed: body.length, size, method });
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, eocd]));
}

const text = (s: string) => new TextEncoder().encode(s);

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`;

const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`;

const DOCUMENT = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>รายงานผลการดำเนินงานตามมาตรการ</w:t></w:r></w:p></w:body>
</w:document>`;

/** A small real DOCX written by jszip, optionally with extra parts (a macro project, an OLE object). */
export async function docxWithJszip(extra: Record<string, Uint8Array> = {}): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', CONTENT_TYPES);
  zip.file('_rels/.rels', RELS);
  zip.file('word/document.xml', DOCUMENT);
  for (const [name, data] of Object.entries(extra)) zip.file(name, data);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** A plain ZIP of two text files. */
export async function plainZip(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('readme.txt', 'hello');
  zip.file('data/list.csv', 'a,b\n1,2\n');
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** A DOCX-shaped package with `parts` parts of `partBytes` zeros each, deflated honestly. */
export function zerosBomb(parts: number, partBytes: number): Uint8Array {
  const zeros = new Uint8Array(partBytes);
  return buildZip([
    { name: '[Content_Types].xml', data: text(CONTENT_TYPES) },
    { name: 'word/document.xml', data: text(DOCUMENT) },
    ...Array.from({ length: parts }, (_, i) => ({
      name: `word/media/zero${i}.bin`,
      data: zeros,
      deflate: true,
    })),
  ]);
}

/** A small DOCX-shaped package whose central directory claims one part is enormous. */
export function lyingDirectoryBomb(claimed = 0xfffffff0): Uint8Array {
  return buildZip([
    { name: '[Content_Types].xml', data: text(CONTENT_TYPES) },
    { name: 'word/document.xml', data: text(DOCUMENT), deflate: true, claimUncompressed: claimed },
  ]);
}

/** Many central directory entries all pointing at the same deflated bytes (an overlapping-entries bomb). */
export function overlappingBomb(copies = 3): Uint8Array {
  const zeros = new Uint8Array(2048);
  return buildZip([
    { name: '[Content_Types].xml', data: text(CONTENT_TYPES) },
    { name: 'word/document.xml', data: zeros, deflate: true },
    ...Array.from({ length: copies }, (_, i) => ({ name: `word/copy${i}.xml`, data: zeros, sameBytesAs: 1 })),
  ]);
}

/** The DOCX parts alone (for building variants by hand). */
export const docxParts = (): FixtureEntry[] => [
  { name: '[Content_Types].xml', data: text(CONTENT_TYPES) },
  { name: '_rels/.rels', data: text(RELS) },
  { name: 'word/document.xml', data: text(DOCUMENT), deflate: true },
];

export const PNG_1x1 = new Uint8Array(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
);

export const minimalPdf = (marker = '') =>
  text(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${marker}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );
