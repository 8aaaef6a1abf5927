import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import {
  buildZip,
  docxWithJszip,
  type FixtureEntry,
  lyingDirectoryBomb,
  minimalPdf,
  overlappingBomb,
  PNG_1x1,
  plainZip,
  zerosBomb,
} from '../../../src/server/modules/evidence/zip-fixture.testutil.ts';

/** Hostile and careless files, built in memory (nothing large is kept in the repository). */

export const utf8 = (s: string) => new TextEncoder().encode(s);
export const concat = (...parts: (Uint8Array | number[])[]) =>
  new Uint8Array(Buffer.concat(parts.map((p) => Buffer.from(p as Uint8Array))));
export const cut = (bytes: Uint8Array, at: number) => bytes.slice(0, Math.max(0, Math.min(at, bytes.length)));

export { docxWithJszip, lyingDirectoryBomb, minimalPdf, overlappingBomb, PNG_1x1, plainZip, zerosBomb };

/** A small, valid result workbook (wide format, one organisation, two scores). */
export async function goodXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('ข้อมูล');
  ws.addRow(['organization_code', '1', '2']);
  ws.addRow(['HC-UNIT', 80, 90]);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** A small valid XLSX as evidence (a table of figures). */
export const goodEvidenceXlsx = goodXlsx;

const CONTENT_TYPES_XLSX =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>';

/** An XLSX-shaped zip with the given parts after [Content_Types].xml. */
export function xlsxShaped(parts: FixtureEntry[]): Uint8Array {
  return buildZip([{ name: '[Content_Types].xml', data: utf8(CONTENT_TYPES_XLSX) }, ...parts]);
}

/** Sheets of spaces that inflate to `parts` × `partMb` MB, each part compressed once. */
export function xlsxSpacesBomb(parts: number, partMb: number): Uint8Array {
  const spaces = new Uint8Array(partMb * 1024 * 1024).fill(0x20);
  return xlsxShaped(
    Array.from({ length: parts }, (_, i) => ({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: spaces,
      deflate: true,
    })),
  );
}

/** An XLSX whose one sheet lies about its size (declares `claim` bytes, inflates to `mb` MB). */
export function xlsxLyingBomb(mb: number, claim: number): Uint8Array {
  return xlsxShaped([
    {
      name: 'xl/worksheets/sheet1.xml',
      data: new Uint8Array(mb * 1024 * 1024).fill(0x20),
      deflate: true,
      claimUncompressed: claim,
    },
  ]);
}

/** A zip of `n` tiny entries. */
export function manyEntries(n: number, prefix = 'xl/media/x'): Uint8Array {
  const one = utf8('x');
  return xlsxShaped(Array.from({ length: n }, (_, i) => ({ name: `${prefix}${i}.bin`, data: one })));
}

/** A zip in a zip in a zip … `depth` times, the innermost holding `innerMb` MB of zeros. */
export function nestedZip(depth: number, innerMb: number, outerName: 'docx' | 'xlsx'): Uint8Array {
  let inner = buildZip([{ name: 'zeros.bin', data: new Uint8Array(innerMb * 1024 * 1024), deflate: true }]);
  for (let i = 0; i < depth; i++) inner = buildZip([{ name: `level${i}.zip`, data: inner, deflate: true }]);
  const main =
    outerName === 'docx'
      ? { name: 'word/document.xml', data: utf8('<w:document xmlns:w="x"/>') }
      : { name: 'xl/workbook.xml', data: utf8('<workbook/>') };
  return buildZip([
    { name: '[Content_Types].xml', data: utf8(CONTENT_TYPES_XLSX) },
    main,
    { name: `${outerName === 'docx' ? 'word' : 'xl'}/embeddings/nested.zip`, data: inner },
  ]);
}

/** A package with an entry whose name climbs out of any folder it is extracted into. */
export async function traversalPackage(kind: 'docx' | 'xlsx', entryName: string): Promise<Uint8Array> {
  const base = kind === 'docx' ? await docxWithJszip() : await goodXlsx();
  const zip = await JSZip.loadAsync(base);
  zip.file(entryName, 'pwned');
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

// Wrong types: the first bytes of programs, scripts and markup.
export const EXE = concat(
  utf8('MZ'),
  new Uint8Array(58),
  [0x80, 0, 0, 0],
  new Uint8Array(64),
  utf8('PE\0\0'),
);
export const ELF = concat([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], new Uint8Array(56));
export const MACHO = concat([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1], new Uint8Array(24));
export const JAVA_CLASS = concat([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 52], new Uint8Array(16));
export const SHELL = utf8('#!/bin/sh\ncurl http://169.254.169.254/latest/meta-data/ | sh\n');
export const HTML = utf8('<!DOCTYPE html><html><body><script>fetch("/api/auth/me")</script></body></html>');
export const SVG = utf8(
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>',
);
export const OLE = concat([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], new Uint8Array(504));
export const GZIP = concat([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3], new Uint8Array(20));
export const RAR = concat(utf8('Rar!\x1a\x07\x00'), new Uint8Array(20));
export const SEVEN_Z = concat([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], new Uint8Array(26));

/** A valid small JPEG header and end (enough for a sniffer; cut variants drop the end). */
export const JPEG = concat(
  [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10],
  utf8('JFIF\0'),
  [1, 1, 0, 0, 1, 0, 1, 0, 0],
  [0xff, 0xd9],
);

// Encodings of the CSV `code,score\n1,80\n` (with a Thai reason column where it matters).
const CSV_TEXT = 'code,score,reason\n1,80,ดีมาก\n2,90,ครบถ้วน\n';
export const csv = {
  utf16leNoBom: () => new Uint8Array(Buffer.from(CSV_TEXT, 'utf16le')),
  utf16beNoBom: () => new Uint8Array(Buffer.from(CSV_TEXT, 'utf16le').swap16()),
  utf32le: () => {
    const out = Buffer.alloc(4 + CSV_TEXT.length * 4);
    out.writeUInt32LE(0xfeff, 0);
    [...CSV_TEXT].forEach((ch, i) => {
      out.writeUInt32LE(ch.codePointAt(0)!, 4 + i * 4);
    });
    return new Uint8Array(out);
  },
  latin1: () => new Uint8Array(Buffer.from('code,score,reason\n1,80,caf\u00e9 cr\u00e8me\n', 'latin1')),
  tis620: () =>
    // ดีมาก in TIS-620 (Thai code page 874): single bytes above 0xA0, not UTF-8.
    concat(utf8('code,score,reason\n1,80,'), [0xb4, 0xd5, 0xc1, 0xd2, 0xa1], utf8('\n')),
  brokenUtf8: () => concat(utf8('code,score,reason\n1,80,'), [0xc3, 0x28, 0xa0, 0xa1], utf8('\n')),
  overlongSlash: () => concat(utf8('code,score,reason\n1,80,'), [0xc0, 0xaf], utf8('\n')),
  overlongNul: () => concat(utf8('code,score,reason\n1,80,'), [0xc0, 0x80], utf8('\n')),
  overlong3: () => concat(utf8('code,score,reason\n1,80,'), [0xe0, 0x80, 0xaf], utf8('\n')),
  surrogateInUtf8: () => concat(utf8('code,score,reason\n1,80,'), [0xed, 0xa0, 0x80], utf8('\n')),
  beyondUnicode: () => concat(utf8('code,score,reason\n1,80,'), [0xf4, 0x90, 0x80, 0x80], utf8('\n')),
  bomOnly: () => new Uint8Array([0xef, 0xbb, 0xbf]),
  utf16BomOnly: () => new Uint8Array([0xff, 0xfe]),
  bomThenBlank: () => concat([0xef, 0xbb, 0xbf], utf8('\r\n\r\n\n')),
  cutMidThai: () => cut(utf8(CSV_TEXT), utf8(CSV_TEXT).length - 2),
  lineBreaks: (ch: string) => utf8(ch.repeat((4 * 1024 * 1024) / ch.length)),
  wideRow: (columns: number) => utf8(`code,score\n${'1,'.repeat(columns - 1)}1\n`),
  longCell: (chars: number) => utf8(`code,score,reason\n1,80,"${'ก'.repeat(chars)}"\n`),
  unterminatedQuote: () => utf8('code,score,reason\n1,80,"ยังไม่ปิด\n2,90,ok\n'),
  nul: () => utf8('code,score\n1,8\u00000\n'),
  utf16WithBom: () => concat([0xff, 0xfe], Buffer.from('code,score\n1,abc\n', 'utf16le')),
  mixedLineEnds: () => utf8('code,score\r\n1,80\n2,90\r3,70\r\n'),
};

/** A CSV of one result whose one score is `value`, as typed. */
export const csvScore = (value: string) => utf8(`code,score\n1,${value}\n`);
