import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Block, DocumentFont, DocumentModel, RenderOptions } from '../model.ts';
import { stripWordJoiners } from '../typography/thai-compounds.ts';
import { renderBlocksHtml as blocksHtml, renderHtml as documentHtml } from './render-html.ts';

// The markup without the word joiners that keep Thai compounds whole (typography/thai-compounds.test.ts).
const renderBlocksHtml = (...args: Parameters<typeof blocksHtml>) => stripWordJoiners(blocksHtml(...args));
const renderHtml = (...args: Parameters<typeof documentHtml>) => stripWordJoiners(documentHtml(...args));

const sarabun = (file: string) =>
  new Uint8Array(fs.readFileSync(`node_modules/@expo-google-fonts/sarabun/${file}`));
const FONT: DocumentFont = {
  family: 'Sarabun',
  regular: sarabun('400Regular/Sarabun_400Regular.ttf'),
  bold: sarabun('700Bold/Sarabun_700Bold.ttf'),
  bodySizePt: 14,
  source: 'bundled',
};
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The HTML without the base64 data of fonts and images (short failure messages). */
const render = (...args: Parameters<typeof renderHtml>) =>
  renderHtml(...args).replace(/base64,[A-Za-z0-9+/=]{40,}/g, 'base64,…');

const thai = (overrides: Partial<RenderOptions> = {}): RenderOptions => ({
  digits: 'thai',
  font: FONT,
  emblem: null,
  ...overrides,
});

const doc = (blocks: Block[], overrides: Partial<DocumentModel> = {}): DocumentModel => ({
  kind: 'plan',
  title: 'แผนปี 2569',
  orientation: 'portrait',
  form: 'report',
  blocks,
  ...overrides,
});

const TABLE: Block = {
  kind: 'table',
  caption: 'มาตรการ 2569',
  columns: [
    { header: 'มาตรการ', width: 3 },
    { header: 'ขั้นตอน', width: 5 },
    { header: 'ระยะเวลา', width: 2, align: 'center' },
  ],
  rows: [
    { kind: 'group', text: 'ประเด็นที่ 1', mark: 'urgent' },
    {
      kind: 'cells',
      cells: [
        { lines: ['มาตรการที่ 1'], mark: 'develop' },
        { lines: ['ขั้นที่ 1', 'ขั้นที่ 2'], numbered: true },
        { lines: ['ต.ค. 2568'] },
      ],
    },
    { kind: 'cells', cells: [{ lines: ['ทั้งแถว'], colSpan: 3, bold: true }] },
  ],
  emptyText: 'ไม่มีมาตรการ',
};

describe('renderHtml: the page', () => {
  it('is a complete Thai HTML document with print rules and the font inlined', () => {
    const html = render(doc([{ kind: 'heading', level: 1, text: 'หัวเรื่อง' }]), thai(), { forPrint: true });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="th">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>แผนปี ๒๕๖๙</title>');
    expect(html).toContain('size: A4 portrait;');
    expect(html).toContain('margin: 2.5cm 2cm 2cm 3cm;');
    // The page number as the DOCX prints it: "- ๒ -".
    expect(html).toContain('content: "- " counter(page, thai) " -";');
    expect(html).toMatch(/@page :first \{\s*@top-center \{ content: none; \}/);
    expect(html).toContain("@font-face{font-family:'Sarabun';font-style:normal;font-weight:400;");
    expect(html).toContain(
      "font-weight:700;font-display:block;ascent-override:128.6%;descent-override:56.7%;line-gap-override:0%;src:url(data:font/ttf;base64,…) format('truetype')",
    );
    expect(html).toContain("format('truetype')");
    expect(html).toContain("font-family: 'Sarabun', sans-serif;");
    expect(html).toContain('font-size: 14pt;');
    expect(html).toContain('overflow-wrap: anywhere;');
    // Lines as tall as the font's ink (Sarabun: 1.286 em above the baseline, 0.567 below), so that the
    // marks of a page's first line do not stick out above the page's text area.
    expect(html).toContain('line-height: 1.853;');
    expect(html).not.toContain('line-height: 1.35');
    // A signature stays with the text before it; headings and captions with what follows.
    expect(html).toMatch(/\.ps-signature \{[^}]*break-inside: avoid; break-before: avoid;/);
    expect(html).toMatch(/\.ps-table caption \{[^}]*break-after: avoid;/);
    expect(html).toMatch(/\.ps-doc h1, \.ps-doc h2, \.ps-doc h3 \{[^}]*break-after: avoid;/);
    expect(html).not.toContain('@media screen');
    expect(html).not.toMatch(/<script|<link|src="http/);
  });

  it('uses Arabic page numbers and the landscape size when asked; adds a sheet look on screen', () => {
    const html = render(doc([], { orientation: 'landscape' }), thai({ digits: 'arabic' }));
    expect(html).toContain('content: "- " counter(page, decimal) " -";');
    expect(html).toContain('size: A4 landscape;');
    expect(html).toContain('@media screen');
    expect(html).toContain('<title>แผนปี 2569</title>');
  });

  it('adds the bundled Sarabun as the fallback of another font, and keeps a font name out of the CSS syntax', () => {
    const font: DocumentFont = {
      ...FONT,
      family: "TH Sarabun New'</style><script>",
      bold: null,
      source: 'folder',
    };
    const html = render(doc([]), thai({ font }));
    expect(html).toContain("font-family: 'TH Sarabun Newstylescript', 'Sarabun', sans-serif;");
    expect(html).toContain(
      "@font-face{font-family:'TH Sarabun Newstylescript';font-style:normal;font-weight:400;",
    );
    expect(html).not.toContain("font-family:'TH Sarabun Newstylescript';font-style:normal;font-weight:700;");
    expect(html.match(/@font-face\{font-family:'Sarabun'/g)).toHaveLength(2);
    expect(html).not.toContain('<script>');
    expect(html.match(/<\/style>/g)).toHaveLength(1);
  });
});

describe('renderHtml: escaping and digits', () => {
  it('escapes every text, including in tables, fields, charts and attributes', () => {
    const evil = '<script>alert("x")</script>&';
    const html = renderBlocksHtml(
      [
        { kind: 'heading', level: 2, text: evil },
        { kind: 'paragraph', text: [{ text: evil, bold: true }] },
        { kind: 'list', ordered: false, items: [evil] },
        {
          ...(TABLE as Extract<Block, { kind: 'table' }>),
          caption: evil,
          columns: [{ header: evil, width: 1 }],
        },
        { kind: 'fields', lines: [[{ label: evil, value: evil }]] },
        { kind: 'signature', name: evil, positions: [evil], caption: evil },
        {
          kind: 'barChart',
          title: evil,
          max: 100,
          bars: [{ label: evil, value: 50 }],
          lines: [{ value: 80, label: evil }],
        },
        { kind: 'legend', items: [{ mark: 'urgent', label: evil }] },
        { kind: 'paragraph', text: [{ text: 'x', link: 'https://a.example/?q="><script>' }] },
      ],
      thai(),
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('"x"');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;');
    expect(html).toContain('href="https://a.example/?q=&quot;&gt;&lt;script&gt;"');
  });

  it('links only http(s) addresses', () => {
    const html = renderBlocksHtml(
      [{ kind: 'paragraph', text: [{ text: 'x', link: 'javascript:alert(1)' }] }],
      thai(),
    );
    expect(html).not.toContain('<a ');
  });

  it('writes Thai digits except in literal and link runs', () => {
    const html = renderBlocksHtml(
      [
        {
          kind: 'paragraph',
          text: [
            { text: 'ปี 2569 ' },
            { text: 'ITA-2569', literal: true },
            { text: ' https://x.go.th/2569', link: 'https://x.go.th/2569' },
          ],
        },
        { kind: 'list', ordered: true, items: ['ข้อ 1'] },
      ],
      thai(),
    );
    expect(html).toContain('ปี ๒๕๖๙ ITA-2569<a href="https://x.go.th/2569"> https://x.go.th/2569</a>');
    expect(html).toContain('<div class="ps-doc digits-thai">');
    expect(html).toContain('<li>ข้อ ๑</li>');
    const arabic = renderBlocksHtml([{ kind: 'paragraph', text: 'ปี 2569' }], thai({ digits: 'arabic' }));
    expect(arabic).toContain('ปี 2569');
    expect(arabic).toContain('<div class="ps-doc">');
  });
});

describe('renderBlocksHtml: blocks', () => {
  it('renders a table with a repeated header, group rows over all columns, numbered lines and marks', () => {
    const html = renderBlocksHtml([TABLE], thai());
    expect(html).toContain('<caption>มาตรการ ๒๕๖๙</caption>');
    expect(html).toContain(
      '<thead><tr><th scope="col">มาตรการ</th><th scope="col">ขั้นตอน</th><th scope="col">ระยะเวลา</th></tr></thead>',
    );
    expect(html).toContain('<col style="width:30%"><col style="width:50%"><col style="width:20%">');
    expect(html).toContain('<tr class="group"><td colspan="3" class="mark-urgent">ประเด็นที่ ๑</td></tr>');
    expect(html).toContain('<td class="mark-develop"><p class="line">มาตรการที่ ๑</p></td>');
    expect(html).toContain('<ol class="steps"><li>ขั้นที่ ๑</li><li>ขั้นที่ ๒</li></ol>');
    expect(html).toContain('<td class="al-center"><p class="line">ต.ค. ๒๕๖๘</p></td>');
    expect(html).toContain('<td colspan="3" class="bold">');
    const css = render(doc([TABLE]), thai());
    expect(css).toContain('.ps-doc .ps-table thead { display: table-header-group; }');
    expect(css).toContain('.ps-doc .ps-table tr { break-inside: auto; }');
  });

  it('says the empty text instead of an empty table', () => {
    const html = renderBlocksHtml([{ ...(TABLE as Extract<Block, { kind: 'table' }>), rows: [] }], thai());
    expect(html).not.toContain('<table');
    expect(html).toContain('<p class="empty-table">ไม่มีมาตรการ</p>');
  });

  it('lays out fields two to a line, keeps a blank label as wide as the one above, and signs at the right', () => {
    const html = renderBlocksHtml(
      [
        {
          kind: 'fields',
          lines: [
            [
              { label: 'ที่', value: 'ตย 0023/1' },
              { label: 'วันที่', value: '1 ม.ค. 2569' },
            ],
            [{ label: 'สิ่งที่ส่งมาด้วย', value: '1. แผน' }],
            [{ label: ' ', value: '2. รายงาน' }],
          ],
        },
        { kind: 'signature', name: 'นายสมชาย ใจดี', positions: ['นายก', 'ผู้รายงาน'] },
      ],
      thai(),
    );
    expect(html).toContain(
      '<div class="fields-line"><div class="field"><span class="field-label">ที่</span><span class="field-value">ตย ๐๐๒๓/๑</span></div>' +
        '<div class="field"><span class="field-label">วันที่</span><span class="field-value">๑ ม.ค. ๒๕๖๙</span></div></div>',
    );
    expect(html).toContain(
      '<span class="field-label spacer">สิ่งที่ส่งมาด้วย</span><span class="field-value">๒. รายงาน</span>',
    );
    expect(html).toContain('<p>(นายสมชาย ใจดี)</p><p>นายก</p><p>ผู้รายงาน</p>');
  });

  it('draws a bar chart as SVG with values to 2 decimals, threshold lines and unassessed bars', () => {
    const html = renderBlocksHtml(
      [
        {
          kind: 'barChart',
          title: 'คะแนน',
          max: 100,
          bars: [
            { label: 'ตัวชี้วัดที่ 1', value: 91.234, mark: 'strength' },
            { label: 'ตัวชี้วัดที่ 2', value: 72.5, mark: 'urgent' },
            { label: 'ตัวชี้วัดที่ 3', value: 84.1, mark: 'develop' },
            { label: 'ตัวชี้วัดที่ 4', value: null },
          ],
          lines: [{ value: 85, label: 'เกณฑ์ 85.00' }],
        },
        { kind: 'legend', items: [{ mark: 'urgent', label: 'เร่งด่วน' }] },
        { kind: 'pageBreak' },
      ],
      thai(),
    );
    expect(html).toContain('<figure class="ps-chart"><figcaption>คะแนน</figcaption><svg');
    expect(html).toContain('>๙๑.๒๓</text>');
    expect(html).toContain(' font-weight="bold">๗๒.๕๐</text>');
    expect(html).toContain('>ไม่ได้ประเมิน</text>');
    expect(html).toContain('stroke-dasharray="4 3"');
    expect(html).toContain('>เกณฑ์ ๘๕.๐๐</text>');
    expect(html).toContain('<clipPath id="chart0-');
    expect(html).toContain('<li><span class="swatch mark-urgent"></span>เร่งด่วน</li>');
    expect(html).toContain('<div class="page-break"></div>');
  });

  it('puts the emblem beside บันทึกข้อความ in the official form and above the title in a report', () => {
    const emblem = { bytes: PNG, mime: 'image/png' as const, width: 100, height: 120 };
    const blocks: Block[] = [
      { kind: 'heading', level: 1, text: 'บันทึกข้อความ', align: 'center' },
      { kind: 'paragraph', text: 'เนื้อความ' },
    ];
    const official = render(doc(blocks, { form: 'official' }), thai({ emblem }));
    expect(official).toContain(
      '<div class="memo-head"><div class="emblem"><img src="data:image/png;base64,iVBORw0KGgo=" alt="" width="100" height="120"></div><h1>บันทึกข้อความ</h1></div>',
    );
    const report = render(doc(blocks), thai({ emblem }));
    expect(report).toMatch(
      /<div class="report-emblem"><img src="data:image\/png;base64,iVBORw0KGgo="[^>]*><\/div><h1 class="al-center">/,
    );
    expect(renderBlocksHtml(blocks, thai({ emblem }))).not.toContain('<img');
    expect(render(doc(blocks, { form: 'official' }), thai())).toContain(
      '<div class="memo-head"><h1>บันทึกข้อความ</h1></div>',
    );
  });

  it('gives blocks for a web page without the page rules or fonts', () => {
    const html = renderBlocksHtml(
      [{ kind: 'paragraph', text: 'ข้อความ', indent: true, align: 'justify', spaceBefore: 6 }],
      thai(),
    );
    expect(html).toBe(
      '<div class="ps-doc digits-thai">\n<p class="al-justify indent" style="margin-top:6pt">ข้อความ</p>\n</div>',
    );
  });
});
