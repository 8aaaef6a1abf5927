import { describe, expect, it } from 'vitest';
import { docxPart } from '#tests/support/docx-text.ts';
import { renderDocx } from '../docx/render-docx.ts';
import { bundledSarabun } from '../fonts/document-fonts.ts';
import { renderBlocksHtml } from '../html/render-html.ts';
import type { Block, DocumentModel, RenderOptions } from '../model.ts';
import { WORD_JOINER } from './thai-compounds.ts';

/**
 * Both renderers protect Thai compounds where they emit text (DOCX runs, every HTML text node, table
 * headers and labels included) and leave literal and link runs exactly as written.
 */
const J = WORD_JOINER;
const options: RenderOptions = { digits: 'thai', font: bundledSarabun(), emblem: null };

const BLOCKS: Block[] = [
  { kind: 'heading', level: 1, text: 'การขับเคลื่อนมาตรการ' },
  {
    kind: 'paragraph',
    text: [
      { text: 'เผยแพร่รายละเอียดให้ผู้บังคับบัญชาทราบ ' },
      { text: 'หน่วยงาน-2568', literal: true },
      { text: ' ' },
      { text: 'เว็บไซต์หน่วยงาน', link: 'https://www.example.go.th/หน่วยงาน' },
    ],
  },
  {
    kind: 'table',
    caption: 'ผลการปฏิบัติงาน',
    columns: [
      { header: 'มาตรการ', width: 2 },
      { header: 'การติดตามประเมินผล', width: 1 },
    ],
    rows: [{ kind: 'cells', cells: [{ lines: ['เร่งด่วน'] }, { lines: ['ส่วนราชการส่วนภูมิภาค'] }] }],
    emptyText: '-',
  },
  { kind: 'fields', lines: [[{ label: 'ส่วนราชการ', value: 'หน่วยงานภาครัฐ' }]] },
  { kind: 'signature', name: 'นายทดสอบ ตัวอย่าง', positions: ['ผู้ว่าราชการจังหวัดตัวอย่าง'] },
];

const model: DocumentModel = {
  kind: 'memo',
  title: 'การขับเคลื่อนมาตรการ',
  orientation: 'portrait',
  form: 'report',
  blocks: BLOCKS,
};

describe('HTML of a printed document (PDF)', () => {
  const html = renderBlocksHtml(BLOCKS, options, { form: 'report' });

  it('joins compounds in headings, paragraphs, table captions, headers and cells, labels and positions', () => {
    for (const expected of [
      `การขับ${J}เคลื่อนมาตรการ`,
      `เผย${J}แพร่ราย${J}ละเอียดให้ผู้${J}บังคับ${J}บัญชาทราบ`,
      `<caption>ผล${J}การ${J}ปฏิบัติ${J}งาน</caption>`,
      `<th scope="col">การติดตาม${J}ประเมิน${J}ผล</th>`,
      `เร่ง${J}ด่วน`,
      `ส่วน${J}ราชการส่วน${J}ภูมิภาค`,
      `>ส่วน${J}ราชการ<`,
      `หน่วย${J}งาน${J}ภาค${J}รัฐ`,
      `ผู้${J}ว่า${J}ราชการ${J}จังหวัดตัวอย่าง`,
    ]) {
      expect(html).toContain(expected);
    }
  });

  it('leaves literal and link runs and the link address as written', () => {
    expect(html).toContain('หน่วยงาน-2568');
    expect(html).toContain('href="https://www.example.go.th/หน่วยงาน"');
    expect(html).toContain('>เว็บไซต์หน่วยงาน</a>');
  });
});

describe('HTML of a web page (public pages)', () => {
  it('is left as written unless asked: readers search and copy its text exactly', () => {
    expect(renderBlocksHtml(BLOCKS, options)).not.toContain(J);
    expect(renderBlocksHtml(BLOCKS, options, { thaiCompounds: true })).toContain(`เผย${J}แพร่`);
  });
});

describe('DOCX (Word and LibreOffice)', () => {
  it('joins compounds in runs of paragraphs, headers, cells, fields and signatures; not in literal or link runs', async () => {
    const xml = (await docxPart(await renderDocx(model, options), 'word/document.xml')) ?? '';
    const texts = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!);
    const all = texts.join('\n');
    for (const expected of [
      `การขับ${J}เคลื่อนมาตรการ`,
      `เผย${J}แพร่ราย${J}ละเอียดให้ผู้${J}บังคับ${J}บัญชาทราบ`,
      `การติดตาม${J}ประเมิน${J}ผล`,
      `เร่ง${J}ด่วน`,
      `ส่วน${J}ราชการส่วน${J}ภูมิภาค`,
      `หน่วย${J}งาน${J}ภาค${J}รัฐ`,
      `ผู้${J}ว่า${J}ราชการ${J}จังหวัดตัวอย่าง`,
    ]) {
      expect(all).toContain(expected);
    }
    expect(texts).toContain('หน่วยงาน-2568');
    expect(texts).toContain('เว็บไซต์หน่วยงาน');
  });
});
