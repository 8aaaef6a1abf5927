import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertToPdf, SOFFICE } from '#tests/support/libreoffice.ts';
import { pdfPageCount } from '#tests/support/pdf-text.ts';
import { bundledSarabun } from '../fonts/document-fonts.ts';
import type { Block, DocumentModel, RenderOptions, Row } from '../model.ts';
import { PdfRenderer } from '../pdf/pdf-renderer.ts';
import { renderDocx } from './render-docx.ts';

/**
 * The DOCX (as LibreOffice lays it out) and the PDF (Chromium) of one document paginate alike: both
 * use the same font size, the same exact line height (the font's ink bounds), the same margins,
 * paragraph and cell spacing. Tolerance: |pages(DOCX) − pages(PDF)| ≤ max(1, 10 % of the PDF's pages).
 * Runs only where LibreOffice (`soffice`) is on PATH; `npm run test:libreoffice`.
 */

if (!SOFFICE) console.info('LibreOffice not installed: the DOCX/PDF pagination parity check is skipped');

const PAGE_TOLERANCE = (pdfPages: number) => Math.max(1, Math.round(pdfPages * 0.1));

const OUT = 'test-output/documents';
const OPTIONS: RenderOptions = { digits: 'thai', font: bundledSarabun(), emblem: null };

const PROSE =
  'สำนักงานได้วิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. 2568 ' +
  'พบว่าตัวชี้วัดที่ได้คะแนนต่ำกว่าเกณฑ์ต้องได้รับการแก้ไขโดยเร่งด่วน ผู้บังคับบัญชาจึงมอบหมายให้หน่วยงานที่รับผิดชอบ ' +
  'จัดทำมาตรการและกำกับติดตามการปฏิบัติงาน เผยแพร่ข้อมูลผ่านเว็บไซต์ของหน่วยงาน และรายงานผลทุกรอบ 6 เดือน';

const STEPS = [
  'จัดทำแผนการจัดซื้อจัดจ้างประจำปีและเผยแพร่ผ่านเว็บไซต์ของหน่วยงาน',
  'ประชาสัมพันธ์ช่องทางการร้องเรียนการทุจริตให้ผู้รับบริการทราบ',
  'รายงานผลการดำเนินงานต่อผู้บริหารเพื่อทราบและพิจารณาสั่งการทุกไตรมาส',
];

function reportModel(): DocumentModel {
  const rows: Row[] = [];
  for (let g = 1; g <= 6; g++) {
    rows.push({ kind: 'group', text: `ตัวชี้วัดที่ ${g} การปฏิบัติหน้าที่`, mark: g % 2 ? 'urgent' : undefined });
    for (let q = 1; q <= 6; q++) {
      rows.push({
        kind: 'cells',
        cells: [
          { lines: [`i${g}${q}`] },
          { lines: [`เจ้าหน้าที่ของหน่วยงานท่าน ปฏิบัติงานหรือให้บริการแก่บุคคลภายนอก เป็นไปตามขั้นตอนข้อที่ ${q}`] },
          { lines: [(60 + q * 5).toFixed(2)], align: 'right', mark: q < 4 ? 'urgent' : undefined },
        ],
      });
    }
  }
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: 'รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส' },
    { kind: 'heading', level: 2, text: 'สำนักงานจังหวัดตัวอย่าง', align: 'center' },
    ...Array.from(
      { length: 4 },
      (): Block => ({ kind: 'paragraph', text: PROSE, indent: true, align: 'justify' }),
    ),
    {
      kind: 'barChart',
      title: 'คะแนนรายตัวชี้วัด',
      max: 100,
      bars: Array.from({ length: 10 }, (_, i) => ({ label: `ตัวชี้วัดที่ ${i + 1}`, value: 55 + i * 4.5 })),
      lines: [{ value: 85, label: 'เกณฑ์ 85.00' }],
    },
    { kind: 'heading', level: 2, text: '1. ผลการประเมินรายข้อ' },
    {
      kind: 'table',
      caption: 'ตารางที่ 1 คะแนนรายข้อคำถาม',
      columns: [
        { header: 'ข้อ', width: 1 },
        { header: 'ข้อคำถาม', width: 6 },
        { header: 'คะแนน', width: 1.5, align: 'right' },
      ],
      rows,
      emptyText: '-',
    },
    { kind: 'heading', level: 2, text: '2. ข้อเสนอแนะ' },
    ...Array.from({ length: 8 }, (): Block => ({ kind: 'paragraph', text: PROSE, indent: true })),
    { kind: 'paragraph', text: 'จึงเรียนมาเพื่อโปรดทราบ', indent: true },
    { kind: 'signature', name: 'นายทดสอบ ตัวอย่าง', positions: ['ผู้ว่าราชการจังหวัดตัวอย่าง'] },
  ];
  return { kind: 'analysis', title: 'รายงาน', orientation: 'portrait', form: 'report', blocks };
}

function planModel(): DocumentModel {
  const rows: Row[] = [];
  for (let i = 1; i <= 5; i++) {
    rows.push({ kind: 'group', text: `(${i}) ประเด็นการเปิดเผยข้อมูลและการป้องกันการทุจริต` });
    for (let m = 1; m <= 4; m++) {
      rows.push({
        kind: 'cells',
        cells: [
          { lines: [`(${i}.${m}) มาตรการส่งเสริมการเปิดเผยข้อมูลการจัดซื้อจัดจ้าง`] },
          { lines: STEPS, numbered: true },
          { lines: ['กลุ่มงานบริหารทั่วไป', 'กองคลัง'] },
          { lines: ['ต.ค. 67 – ก.ย. 68'], align: 'center' },
          { lines: ['รายงานผลรอบ 6 เดือนและรอบ 12 เดือน'] },
        ],
      });
    }
  }
  const blocks: Block[] = [
    {
      kind: 'heading',
      level: 1,
      text: 'มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2568',
    },
    { kind: 'paragraph', text: PROSE, indent: true },
    {
      kind: 'table',
      columns: [
        { header: 'มาตรการ/โครงการ/กิจกรรม', width: 3 },
        { header: 'ขั้นตอน/วิธีการปฏิบัติ', width: 5 },
        { header: 'ผู้รับผิดชอบ', width: 2 },
        { header: 'ระยะเวลาดำเนินการ', width: 1.6 },
        { header: 'การติดตามประเมินผล', width: 2 },
      ],
      rows,
      emptyText: '-',
    },
    { kind: 'paragraph', text: 'ประกาศ ณ วันที่ 1 มีนาคม พ.ศ. 2568', align: 'center' },
    { kind: 'signature', name: 'นายทดสอบ ตัวอย่าง', positions: ['ผู้ว่าราชการจังหวัดตัวอย่าง'] },
  ];
  return { kind: 'plan', title: 'แผน', orientation: 'landscape', form: 'report', blocks };
}

function memoModel(): DocumentModel {
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: 'บันทึกข้อความ' },
    {
      kind: 'fields',
      lines: [
        [{ label: 'ส่วนราชการ', value: 'สำนักงานจังหวัดตัวอย่าง กลุ่มงานบริหารทั่วไป โทร. 0 5551 1234' }],
        [
          { label: 'ที่', value: 'ตก 0017.2/123' },
          { label: 'วันที่', value: '1 มีนาคม 2568' },
        ],
        [{ label: 'เรื่อง', value: 'ขอความเห็นชอบมาตรการส่งเสริมคุณธรรมและความโปร่งใส' }],
        [{ label: 'เรียน', value: 'ผู้ว่าราชการจังหวัดตัวอย่าง' }],
      ],
    },
    ...Array.from(
      { length: 9 },
      (): Block => ({ kind: 'paragraph', text: PROSE, indent: true, align: 'justify' }),
    ),
    { kind: 'paragraph', text: 'จึงเรียนมาเพื่อโปรดพิจารณา', indent: true },
    { kind: 'signature', name: 'นายทดสอบ ตัวอย่าง', positions: ['หัวหน้าสำนักงานจังหวัดตัวอย่าง'] },
  ];
  return { kind: 'memo', title: 'บันทึกข้อความ', orientation: 'portrait', form: 'official', blocks };
}

describe.skipIf(!SOFFICE)('DOCX (LibreOffice) and PDF (Chromium) paginate alike', () => {
  let dir = '';
  let pdf: PdfRenderer;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docx-parity-'));
    pdf = new PdfRenderer();
  });
  afterAll(async () => {
    await pdf.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const cases = [
    { name: 'report', model: reportModel, minPages: 3 },
    { name: 'plan', model: planModel, minPages: 3 },
    { name: 'memo', model: memoModel, minPages: 2 },
  ];
  for (const c of cases) {
    it(`${c.name}: page counts within max(1, 10 %)`, async () => {
      const model = c.model();
      const docx = path.join(dir, `${c.name}.docx`);
      fs.writeFileSync(docx, await renderDocx(model, OPTIONS));
      const result = await convertToPdf(docx, dir);
      expect(result.code, result.stderr).toBe(0);
      const fromDocx = result.pdf!;
      const fromHtml = await pdf.renderDocument(model, OPTIONS);
      fs.mkdirSync(OUT, { recursive: true });
      fs.writeFileSync(path.join(OUT, `parity-${c.name}-libreoffice.pdf`), fromDocx);
      fs.writeFileSync(path.join(OUT, `parity-${c.name}-chromium.pdf`), fromHtml);
      const docxPages = await pdfPageCount(fromDocx);
      const pdfPages = await pdfPageCount(fromHtml);
      console.info(`pagination parity ${c.name}: DOCX (LibreOffice) ${docxPages}, PDF ${pdfPages}`);
      expect(pdfPages).toBeGreaterThanOrEqual(c.minPages);
      expect(Math.abs(docxPages - pdfPages), `DOCX ${docxPages} pages, PDF ${pdfPages}`).toBeLessThanOrEqual(
        PAGE_TOLERANCE(pdfPages),
      );
    }, 150_000);
  }
});
