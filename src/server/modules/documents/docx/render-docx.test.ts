import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { docxPart, docxParts, docxText, docxXml } from '#tests/support/docx-text.ts';
import type { Block, DocumentFont, DocumentImage, DocumentModel, Run } from '../model.ts';
import { renderDocx } from './render-docx.ts';

const FONT_DIR = path.resolve('node_modules/@expo-google-fonts/sarabun');
const font: DocumentFont = {
  family: 'Sarabun',
  regular: new Uint8Array(fs.readFileSync(path.join(FONT_DIR, '400Regular/Sarabun_400Regular.ttf'))),
  bold: new Uint8Array(fs.readFileSync(path.join(FONT_DIR, '700Bold/Sarabun_700Bold.ttf'))),
  bodySizePt: 14,
  source: 'bundled',
};

/** A solid PNG (RGB, no filter) standing in for an agency's emblem. */
function solidPng(width: number, height: number, rgb: [number, number, number]): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.from([0, ...Array.from({ length: width }, () => rgb).flat()]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Declared 100 × 120 so that the aspect ratio is checked. */
const emblem: DocumentImage = {
  bytes: solidPng(100, 120, [150, 30, 30]),
  mime: 'image/png',
  width: 100,
  height: 120,
};

const URL = 'https://itas.nacc.go.th/2568/report?id=42';
const CODE = 'ITA-2568-001';
const LONG = 'การติดตามประเมินผลรอบที่ 2 ของหน่วยงาน '.repeat(80).slice(0, 3000);
const MEASURES = [
  {
    name: 'มาตรการที่ 1 เปิดเผยข้อมูลการจัดซื้อจัดจ้าง',
    steps: ['จัดทำแผน 12 เดือน', 'เผยแพร่ทางเว็บไซต์'],
    unit: 'กองคลัง',
  },
  {
    name: 'มาตรการที่ 2 ป้องกันการรับสินบน',
    steps: ['ประกาศนโยบาย', 'อบรมเจ้าหน้าที่ 3 รุ่น', 'รายงานผล'],
    unit: 'กลุ่มงานบุคคล',
  },
  { name: 'มาตรการที่ 3 การติดตามประเมินผล', steps: ['ติดตามรายไตรมาส'], unit: 'ศูนย์ปฏิบัติการต่อต้านการทุจริต' },
];
const EMPTY_TEXT = 'ไม่มีประเด็นที่ต้องพัฒนาเร่งด่วน';

const linkRuns: Run[] = [
  { text: 'ผลคะแนนรวม 85.50 คะแนน ดูรายละเอียดที่ ' },
  { text: URL, link: URL },
  { text: ' รหัสอ้างอิง ' },
  { text: CODE, literal: true },
];

const blocks: Block[] = [
  { kind: 'heading', level: 1, text: 'แผนยกระดับคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. 2568' },
  {
    kind: 'fields',
    lines: [
      [
        { label: 'ที่', value: 'สธ 0201/123' },
        { label: 'วันที่', value: '26 เมษายน 2568' },
      ],
      [{ label: 'เรื่อง', value: 'การติดตามประเมินผล' }],
    ],
  },
  { kind: 'heading', level: 2, text: '1. ผลการประเมิน' },
  { kind: 'paragraph', indent: true, align: 'justify', text: linkRuns },
  { kind: 'list', ordered: true, items: ['ตัวชี้วัดที่ 9 ต่ำกว่าเกณฑ์', 'ตัวชี้วัดที่ 10 ผ่านเกณฑ์'] },
  { kind: 'list', ordered: false, items: ['ข้อสังเกต'] },
  { kind: 'heading', level: 3, text: 'มาตรการ' },
  {
    kind: 'table',
    caption: 'ตารางที่ 1 มาตรการและผู้รับผิดชอบ',
    emptyText: 'ไม่มีมาตรการ',
    columns: [
      { header: 'มาตรการ', width: 3 },
      { header: 'ขั้นตอน', width: 4 },
      { header: 'ผู้รับผิดชอบ', width: 2, align: 'center' },
    ],
    rows: [
      { kind: 'group', text: 'ประเด็นที่ 1 การเปิดเผยข้อมูล', mark: 'urgent' },
      ...MEASURES.map((m, i) => ({
        kind: 'cells' as const,
        cells: [
          { lines: [m.name], mark: i === 0 ? ('develop' as const) : undefined },
          { lines: m.steps, numbered: true },
          { lines: [m.unit] },
        ],
      })),
      { kind: 'group', text: 'ประเด็นที่ 2 รายละเอียด' },
      {
        kind: 'cells',
        cells: [{ lines: ['รายละเอียดยาว'] }, { lines: [LONG], colSpan: 2, align: 'justify' }],
      },
    ],
  },
  {
    kind: 'table',
    caption: 'ตารางที่ 2 ประเด็นเร่งด่วน',
    emptyText: EMPTY_TEXT,
    columns: [{ header: 'หัวข้อที่ไม่ควรปรากฏ', width: 1 }],
    rows: [],
  },
  {
    kind: 'legend',
    items: [
      { mark: 'urgent', label: 'ต้องพัฒนาเร่งด่วน' },
      { mark: 'develop', label: 'ควรพัฒนา' },
      { mark: 'ok', label: 'ผ่าน' },
      { mark: 'strength', label: 'จุดแข็ง' },
      { mark: 'muted', label: 'ไม่ได้ประเมิน' },
    ],
  },
  {
    kind: 'barChart',
    title: 'คะแนนรายตัวชี้วัด',
    max: 100,
    bars: [
      { label: 'ตัวชี้วัดที่ 1', value: 92.5, mark: 'strength' },
      { label: 'ตัวชี้วัดที่ 2', value: 60, mark: 'urgent' },
      { label: 'ตัวชี้วัดที่ 3', value: null },
      { label: 'ตัวชี้วัดที่ 4', value: 0 },
      { label: 'ตัวชี้วัดที่ 5', value: 100 },
    ],
    lines: [{ value: 85, label: 'เกณฑ์ 85.00' }],
  },
  { kind: 'pageBreak' },
  {
    kind: 'signature',
    caption: 'ลงชื่อ',
    name: 'นายสมชาย ใจดี',
    positions: ['ผู้อำนวยการกองยุทธศาสตร์', 'ผู้รับผิดชอบ'],
  },
];

const model: DocumentModel = {
  kind: 'plan',
  title: 'แผนยกระดับ 2568',
  orientation: 'landscape',
  form: 'report',
  blocks,
};

function withoutLiterals(text: string): string {
  return text.split(URL).join('').split(CODE).join('');
}

/** Undo the ODTTF obfuscation the way LibreOffice does: the key is the GUID's hex pairs read backwards. */
function deobfuscate(data: Uint8Array, fontKey: string): Uint8Array {
  const hex = fontKey.replace(/[{}-]/g, '');
  const key = Array.from({ length: 16 }, (_, i) => Number.parseInt(hex.slice(30 - 2 * i, 32 - 2 * i), 16));
  const out = new Uint8Array(data);
  for (let i = 0; i < 32; i++) out[i] = out[i]! ^ key[i % 16]!;
  return out;
}

describe('renderDocx', () => {
  it('renders every text with Thai digits, except literal and link runs', async () => {
    const bytes = await renderDocx(model, { digits: 'thai', font, emblem });
    fs.mkdirSync('test-output/documents', { recursive: true });
    fs.writeFileSync('test-output/documents/sample.docx', bytes);

    const text = await docxText(bytes);
    for (const m of MEASURES) {
      expect(text).toContain(m.name.replace(/\d/g, (d) => '๐๑๒๓๔๕๖๗๘๙'[Number(d)]!));
      expect(text).toContain(m.unit);
    }
    expect(text).toContain('๑.\tจัดทำแผน ๑๒ เดือน');
    expect(text).toContain('๒.\tอบรมเจ้าหน้าที่ ๓ รุ่น');
    expect(text).toContain('การติดตามประเมินผล');
    expect(text).toContain('ผู้รับผิดชอบ');
    expect(text).toContain('ผลคะแนนรวม ๘๕.๕๐ คะแนน');
    expect(text).toContain('ที่ สธ ๐๒๐๑/๑๒๓\tวันที่ ๒๖ เมษายน ๒๕๖๘');
    // The unassessed bar's cell holds only the threshold line (empty segments of a nested table).
    expect(text).toMatch(/ตัวชี้วัดที่ ๓ \|[ |]* \| ไม่ได้ประเมิน/);
    expect(text).toContain('๙๒.๕๐');
    expect(text).toContain('เกณฑ์ ๘๕.๐๐');
    expect(text).toContain('(นายสมชาย ใจดี)');
    expect(text).toContain('ผู้อำนวยการกองยุทธศาสตร์');
    expect(text).toContain(LONG.replace(/\d/g, (d) => '๐๑๒๓๔๕๖๗๘๙'[Number(d)]!));
    // Literal and link runs keep their Arabic digits; nothing else has any.
    expect(text).toContain(URL);
    expect(text).toContain(CODE);
    expect(withoutLiterals(text)).not.toMatch(/[0-9]/);
  });

  it('writes Arabic digits when asked', async () => {
    const bytes = await renderDocx(model, { digits: 'arabic', font, emblem: null });
    const text = await docxText(bytes);
    expect(text).toContain('ผลคะแนนรวม 85.50 คะแนน');
    expect(text).toContain('1.\tจัดทำแผน 12 เดือน');
    expect(text).toContain('เกณฑ์ 85.00');
    expect(text).not.toMatch(/[๐-๙]/);
    const xml = await docxXml(bytes);
    expect(xml).toMatch(/<w:pgNumType[^>]*w:fmt="decimal"/);
  });

  it('sets the Thai font, size and language on runs and as document defaults', async () => {
    const bytes = await renderDocx(model, { digits: 'thai', font, emblem: null });
    const xml = await docxXml(bytes);
    expect(xml).toContain('w:ascii="Sarabun"');
    expect(xml).toContain('w:cs="Sarabun"');
    expect(xml).toContain('<w:szCs w:val="28"/>');
    expect(xml).toMatch(/<w:lang w:val="th-TH" w:bidi="th-TH"\/>/);
    expect(xml).toContain('<w:bCs/>');
    expect(xml).toContain('w:val="thaiDistribute"');
    const styles = (await docxPart(bytes, 'word/styles.xml')) ?? '';
    const defaults = styles.match(/<w:rPrDefault>.*?<\/w:rPrDefault>/)?.[0] ?? '';
    expect(defaults).toContain('w:cs="Sarabun"');
    expect(defaults).toContain('<w:szCs w:val="28"/>');
    expect(defaults).toContain('w:bidi="th-TH"');
  });

  it('embeds the regular and bold font so that they can be read back', async () => {
    const bytes = await renderDocx(model, { digits: 'thai', font, emblem: null });
    const parts = await docxParts(bytes);
    expect(parts).toContain('word/fonts/font1.odttf');
    expect(parts).toContain('word/fonts/font2.odttf');
    const table = (await docxPart(bytes, 'word/fontTable.xml')) ?? '';
    expect(table).toContain('<w:font w:name="Sarabun">');
    expect(table).toContain('<w:charset w:val="DE"/>');
    const keys = [
      ...table.matchAll(/<w:(embedRegular|embedBold) r:id="(rId\d)" w:fontKey="(\{[0-9A-F-]{36}\})"\/>/g),
    ];
    expect(keys.map((k) => k[1])).toEqual(['embedRegular', 'embedBold']);
    const rels = (await docxPart(bytes, 'word/_rels/fontTable.xml.rels')) ?? '';
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(bytes);
    for (const [, , id, key] of keys) {
      const target = rels.match(new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`))?.[1];
      const data = await zip.file(`word/${target}`)!.async('uint8array');
      const original = id === 'rId1' ? font.regular : font.bold!;
      expect(Buffer.from(deobfuscate(data, key!)).equals(Buffer.from(original))).toBe(true);
    }
    const settings = (await docxPart(bytes, 'word/settings.xml')) ?? '';
    expect(settings).toContain('<w:embedTrueTypeFonts/>');

    const regularOnly = await renderDocx(model, {
      digits: 'thai',
      font: { ...font, bold: null },
      emblem: null,
    });
    expect((await docxParts(regularOnly)).filter((part) => part.startsWith('word/fonts/'))).toEqual([
      'word/fonts/font1.odttf',
    ]);
    const regularTable = (await docxPart(regularOnly, 'word/fontTable.xml')) ?? '';
    expect(regularTable).toContain('<w:embedRegular');
    expect(regularTable).not.toContain('<w:embedBold');
  });

  it('repeats header rows, numbers pages from page 2 in Thai digits and leaves empty tables out', async () => {
    const bytes = await renderDocx(model, { digits: 'thai', font, emblem: null });
    const xml = await docxXml(bytes);
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).not.toMatch(/<w:cantSplit\/>(?:(?!<\/w:tr>).)*มาตรการที่/);
    expect(xml).toMatch(/<w:pgNumType[^>]*w:fmt="thaiNumbers"/);
    expect(xml).toContain('<w:titlePg/>');
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(xml).toMatch(/<w:pgMar w:top="1417" w:right="1134" w:bottom="1134" w:left="1701"/);
    const text = await docxText(bytes);
    expect(text.split('\n')).toContain(EMPTY_TEXT);
    expect(xml).not.toContain('หัวข้อที่ไม่ควรปรากฏ');
    // Every table cell ends with a paragraph.
    expect(xml).not.toMatch(/<\/w:tbl><\/w:tc>/);
    expect(xml).not.toMatch(/<w:tc>(?:<w:tcPr>(?:(?!<\/w:tcPr>).)*<\/w:tcPr>)?<\/w:tc>/);
  });

  it('keeps hyperlink targets and core properties', async () => {
    const bytes = await renderDocx(model, { digits: 'thai', font, emblem: null });
    const xml = await docxXml(bytes);
    expect(xml).toContain('<w:hyperlink');
    const rels = (await docxPart(bytes, 'word/_rels/document.xml.rels')) ?? '';
    expect(rels).toMatch(/Target="https:\/\/itas\.nacc\.go\.th\/2568\/report\?id=42" TargetMode="External"/);
    const core = (await docxPart(bytes, 'docProps/core.xml')) ?? '';
    expect(core).toContain('<dc:title>แผนยกระดับ 2568</dc:title>');
    expect(core).toContain('<dc:language>th-TH</dc:language>');
  });

  it('puts a memo emblem at the left of the big heading', async () => {
    const memo: DocumentModel = {
      kind: 'memo',
      title: 'บันทึกข้อความ',
      orientation: 'portrait',
      form: 'official',
      blocks: [{ kind: 'heading', level: 1, text: 'บันทึกข้อความ' }, ...blocks.slice(1, 2)],
    };
    const bytes = await renderDocx(memo, { digits: 'thai', font, emblem });
    fs.mkdirSync('test-output/documents', { recursive: true });
    fs.writeFileSync('test-output/documents/memo.docx', bytes);
    const xml = await docxXml(bytes);
    const first = xml.match(/<w:body>(.*?)<\/w:tbl>/)?.[1] ?? '';
    expect(first).toContain('<w:drawing>');
    expect(first).toContain('บันทึกข้อความ');
    expect(first).toContain('<w:sz w:val="50"/>');
    // 1.5 cm high (540000 EMU), 1.25 cm wide for a 100 × 120 emblem.
    expect(first).toMatch(/<wp:extent cx="4500\d\d" cy="5400\d\d"\/>/);
    expect((await docxParts(bytes)).some((part) => part.startsWith('word/media/'))).toBe(true);
  });
  it('makes Normal the chosen font at the body size with the exact line height of the PDF, and headings bold', async () => {
    const bytes = await renderDocx(model, { digits: 'thai', font, emblem: null });
    const styles = (await docxPart(bytes, 'word/styles.xml')) ?? '';
    // Sarabun's ink bounds: 1.853 em; at 14 pt an exact line of 25.94 pt (519 twips), as in the PDF.
    // docx 9.15 marks it w:default="1" after the id.
    const normal =
      styles.match(/<w:style w:type="paragraph" w:styleId="Normal"[^>]*>.*?<\/w:style>/)?.[0] ?? '';
    expect(normal).toContain('w:cs="Sarabun"');
    expect(normal).toContain('<w:sz w:val="28"/>');
    expect(normal).toContain('<w:szCs w:val="28"/>');
    expect(normal).toMatch(/w:line="519" w:lineRule="exact"/);
    const defaults = styles.match(/<w:pPrDefault>.*?<\/w:pPrDefault>/)?.[0] ?? '';
    expect(defaults).toMatch(/w:line="519" w:lineRule="exact"/);
    expect(styles).not.toContain('atLeast');
    for (const [level, size] of [
      [1, 18],
      [2, 16],
      [3, 14],
    ] as const) {
      const style =
        styles.match(
          new RegExp(`<w:style w:type="paragraph" w:styleId="Heading${level}">.*?</w:style>`),
        )?.[0] ?? '';
      expect(style).toContain('<w:b/>');
      expect(style).toContain(`<w:sz w:val="${size * 2}"/>`);
      expect(style).toContain('w:cs="Sarabun"');
      expect(style).not.toContain('2E74B5');
    }
    const xml = await docxXml(bytes);
    expect(xml).toContain('<w:pStyle w:val="Heading2"/>');
  });

  it('prints the page number as "- ๒ -", the dashes in runs of their own (LibreOffice drops text after a field in its run)', async () => {
    const bytes = await renderDocx(model, { digits: 'thai', font, emblem: null });
    const parts = await docxParts(bytes);
    const headers = await Promise.all(
      parts.filter((p) => /^word\/header\d+\.xml$/.test(p)).map((p) => docxPart(bytes, p)),
    );
    const header = headers.find((h) => h?.includes('PAGE')) ?? '';
    // A run holding only a field character (begin, separate, end: docx 9.15 writes each in its own run,
    // as Word does) carries no text; the dashes must still be in runs of their own.
    const runs = [...header.matchAll(/<w:r>(.*?)<\/w:r>/g)]
      .map((m) => m[1]!)
      .filter((r) => !/^(?:<w:rPr>.*?<\/w:rPr>)?<w:fldChar [^>]*\/>$/.test(r));
    expect(
      runs.map((r) => r.match(/<w:t[^>]*>([^<]*)<\/w:t>/)?.[1] ?? (r.includes('PAGE') ? 'PAGE' : '')),
    ).toEqual(['- ', 'PAGE', ' -']);
    expect(await docxXml(bytes)).toMatch(/<w:pgNumType[^>]*w:fmt="thaiNumbers"/);
  });

  it('keeps a signature with the paragraph before it and in one piece', async () => {
    const signed: DocumentModel = {
      ...model,
      orientation: 'portrait',
      blocks: [
        { kind: 'paragraph', text: 'ย่อหน้าแรก' },
        { kind: 'paragraph', text: 'จึงเรียนมาเพื่อโปรดพิจารณา' },
        { kind: 'signature', name: 'นายทดสอบ ลงนาม', positions: ['ผู้ว่าราชการจังหวัด', 'ปฏิบัติราชการแทน'] },
      ],
    };
    const xml = await docxXml(await renderDocx(signed, { digits: 'thai', font, emblem: null }));
    const paragraphs = [...xml.matchAll(/<w:p>(.*?)<\/w:p>/g)].map((m) => m[1]!);
    const keeps = (text: string) => {
      const p = paragraphs.find((x) => x.includes(text)) ?? '';
      return p.includes('<w:keepNext/>');
    };
    expect(keeps('ย่อหน้าแรก')).toBe(false);
    expect(keeps('จึงเรียนมาเพื่อโปรดพิจารณา')).toBe(true);
    expect(keeps('(นายทดสอบ ลงนาม)')).toBe(true);
    expect(keeps('ผู้ว่าราชการจังหวัด')).toBe(true);
    expect(keeps('ปฏิบัติราชการแทน')).toBe(false);
  });
});
