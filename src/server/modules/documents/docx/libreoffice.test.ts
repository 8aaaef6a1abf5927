import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanContent } from '#shared/plans/contract.ts';
import { convertToPdf, SOFFICE } from '#tests/support/libreoffice.ts';
import { pdfPageCount, pdfText } from '#tests/support/pdf-text.ts';
import { bundledSarabun } from '../fonts/document-fonts.ts';
import { memoDocument } from '../layouts/memo.ts';
import { planDocument } from '../layouts/plan-document.ts';
import { roundReport } from '../layouts/round-report.ts';
import type { DocumentImage, DocumentModel, RenderOptions } from '../model.ts';
import { renderDocx } from './render-docx.ts';

/**
 * The DOCX files renderDocx makes open in LibreOffice: each is converted to PDF headless, as an
 * officer's LibreOffice would open it, and the PDF must hold the pages and the Thai text. Runs only
 * where `soffice` is on PATH.
 */

if (!SOFFICE) console.info('LibreOffice not installed: the DOCX → LibreOffice check is skipped');

const OUT = 'test-output/documents';
const HEADER = { organizationNameTh: 'สำนักงานจังหวัดตัวอย่าง', fiscalYear: 2568, date: '2025-03-01' };
const SIGNER = { name: 'นายทดสอบ ตัวอย่าง', positions: ['ผู้ว่าราชการจังหวัดตัวอย่าง'] };
const UNIT = '00000000-0000-4000-8000-000000000001';

/** Short enough to stay on one line of its cell (pdfText reads a table row line by line across cells). */
const PLAN_STEP = 'เผยแพร่แผนการจัดซื้อจัดจ้างผ่านเว็บไซต์ของหน่วยงาน';
const MEMO_LINE = 'ขอความเห็นชอบมาตรการส่งเสริมคุณธรรมและความโปร่งใส';
const ROUND_STEP = 'จัดอบรมให้ความรู้แก่บุคลากรของหน่วยงาน';

/** A solid 8 × 8 PNG standing in for an agency's emblem. */
function tinyPng(): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(8, 0);
  header.writeUInt32BE(8, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.from([0, ...Array.from({ length: 8 }, () => [150, 30, 30]).flat()]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(Array.from({ length: 8 }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const EMBLEM: DocumentImage = { bytes: tinyPng(), mime: 'image/png', width: 8, height: 8 };

function planModel(): DocumentModel {
  const measure = (id: string, title: string, steps: string[]) => ({
    id,
    kind: 'measure' as const,
    title,
    pointIds: [],
    steps: steps.map((text, i) => ({ id: `${id}-s${i}`, text, responsible: null, timeframe: null })),
    responsible: { unitIds: [UNIT], external: ['สำนักงาน ป.ป.ช. ประจำจังหวัด'] },
    timeframe: { start: '2567-10', end: '2568-09' },
    monitoring: 'รายงานผลรอบ 6 เดือนและรอบ 12 เดือน',
    codes: [],
    budget: null,
    target: '',
    outputIndicator: '',
    libraryId: null,
  });
  const content: PlanContent = {
    title: 'มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2568',
    introduction: 'สำนักงานจังหวัดตัวอย่างได้วิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ',
    analysisSummary: '',
    monitoringSection: 'ฝ่ายเลขานุการติดตามและรายงานผลรอบ 6 เดือนและรอบ 12 เดือน',
    preparedBy: '',
    layout: 'columns',
    issues: [
      {
        id: 'i1',
        title: 'การเปิดเผยข้อมูล',
        stance: 'urgent',
        description: '',
        points: [],
        findingKeys: [],
        codes: [],
        measures: [
          measure('m1', 'การเปิดเผยข้อมูลการจัดซื้อจัดจ้าง', [
            'จัดทำแผนการจัดซื้อจัดจ้างประจำปี',
            PLAN_STEP,
            'รายงานผลการจัดซื้อจัดจ้างรายไตรมาสต่อผู้บริหาร',
          ]),
        ],
      },
      {
        id: 'i2',
        title: 'การป้องกันการรับสินบน',
        stance: 'develop',
        description: '',
        points: [],
        findingKeys: [],
        codes: [],
        measures: [measure('m2', 'ประกาศนโยบายไม่รับของขวัญ', ['ประกาศนโยบาย', 'ประชาสัมพันธ์ให้บุคลากรทราบ'])],
      },
    ],
  };
  return planDocument({
    header: HEADER,
    content,
    versionNo: 1,
    unitNames: { [UNIT]: 'กลุ่มงานบริหารทั่วไป' },
    approval: null,
    analysis: null,
    signer: SIGNER,
  });
}

function memoModel(): DocumentModel {
  return memoDocument({
    content: {
      department: 'สำนักงานจังหวัดตัวอย่าง กลุ่มงานบริหารทั่วไป',
      subject: 'ขอความเห็นชอบแผนส่งเสริมคุณธรรม',
      to: 'ผู้ว่าราชการจังหวัดตัวอย่าง',
      background: 'สำนักงาน ป.ป.ช. กำหนดให้หน่วยงานภาครัฐจัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใส',
      facts: MEMO_LINE,
      considerations: 'เห็นควรให้ความเห็นชอบและแจ้งเวียนหน่วยงานที่เกี่ยวข้อง',
      proposal: 'จึงเรียนมาเพื่อโปรดพิจารณาให้ความเห็นชอบ',
      closing: 'จึงเรียนมาเพื่อโปรดพิจารณา',
    },
    number: 'ตก 0017.2/123',
    date: '2025-03-01',
    signer: SIGNER,
  });
}

function roundModel(): DocumentModel {
  return roundReport({
    header: HEADER,
    planTitle: 'มาตรการส่งเสริมคุณธรรมและความโปร่งใส',
    roundLabel: 'รอบ 6 เดือน',
    periodStart: '2024-10-01',
    periodEnd: '2025-03-31',
    lines: [
      {
        issueTitle: '1. การเปิดเผยข้อมูล',
        measure: 'การเปิดเผยข้อมูลการจัดซื้อจัดจ้าง',
        method: [ROUND_STEP, 'รายงานผล'],
        responsible: ['กลุ่มงานบริหารทั่วไป', 'กองคลัง'],
        period: 'ต.ค. 67 – ก.ย. 68',
        result: 'หน่วย 1: ดำเนินการแล้วเสร็จ\nหน่วย 2: อยู่ระหว่างดำเนินการ',
        status: 'อยู่ระหว่างดำเนินการ',
      },
    ],
    counts: { done: 0, inProgress: 1, notStarted: 0, cancelled: 0, measures: 1 },
    problems: [{ unitNameTh: 'กองคลัง', measureTitle: 'การเปิดเผยข้อมูล', text: 'งบประมาณไม่เพียงพอ' }],
    suggestions: [],
    evidence: [
      {
        measureTitle: 'การเปิดเผยข้อมูล',
        unitNameTh: 'กองคลัง',
        items: [
          { label: 'ประกาศ.pdf', url: null },
          { label: 'เว็บไซต์', url: 'https://www.example.go.th/ita' },
        ],
      },
    ],
    introduction: '',
  });
}

const squash = (text: string) => text.replace(/\s+/g, '');

describe('DOCX → LibreOffice (headless PDF conversion)', () => {
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docx-libreoffice-'));
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const cases: { name: string; model: () => DocumentModel; emblem: boolean; text: string }[] = [
    { name: 'plan', model: planModel, emblem: false, text: PLAN_STEP },
    { name: 'memo', model: memoModel, emblem: true, text: MEMO_LINE },
    { name: 'round', model: roundModel, emblem: false, text: ROUND_STEP },
  ];

  for (const c of cases) {
    it.skipIf(!SOFFICE)(
      `${c.name}: LibreOffice converts it without errors and the PDF holds its Thai text`,
      async () => {
        const model = c.model();
        if (c.name === 'memo') expect(model.form).toBe('official');
        const options: RenderOptions = {
          digits: 'thai',
          font: bundledSarabun(),
          emblem: c.emblem ? EMBLEM : null,
        };
        const docx = path.join(dir, `${c.name}.docx`);
        fs.writeFileSync(docx, await renderDocx(model, options));
        const result = await convertToPdf(docx, dir);

        expect(result.code, result.stderr).toBe(0);
        expect(result.stderr).not.toMatch(/error|could not be loaded|corrupt/i);
        expect(result.pdf, `${result.stdout}\n${result.stderr}`).not.toBeNull();
        const pdf = result.pdf!;
        expect(pdf.byteLength).toBeGreaterThan(0);
        fs.mkdirSync(OUT, { recursive: true });
        fs.writeFileSync(path.join(OUT, `libreoffice-${c.name}.pdf`), pdf);

        expect(await pdfPageCount(pdf)).toBeGreaterThanOrEqual(1);
        const text = squash((await pdfText(pdf)).join('\n'));
        // Thai digits are asked for, and the known texts have none: they come out as written.
        expect(text).toContain(squash(c.text));
        if (c.emblem) {
          // LibreOffice drew the emblem: the PDF holds an image.
          expect(Buffer.from(pdf).toString('latin1')).toMatch(/\/Subtype\s*\/Image/);
        }
      },
      130_000,
    );
  }
});
