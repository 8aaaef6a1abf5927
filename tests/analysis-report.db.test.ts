import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfPrinter } from '../src/server/modules/documents/pdf/pdf-printer.ts';
import { PdfRenderer } from '../src/server/modules/documents/pdf/pdf-renderer.ts';
import { documentRenderersFor } from '../src/server/modules/documents/render-formats.ts';
import type { ScoreEntry } from '../src/shared/assessments/scores.ts';
import { toThaiDigits } from '../src/shared/format/thai.ts';
import { indicatorScores, storeAnalysis, storeResult } from './support/assessment-fixtures.ts';
import { docxText } from './support/docx-text.ts';
import { pdfPagesToPng, pdfText } from './support/pdf-text.ts';
import { createTestContext, json, type TestContext } from './support/test-app.ts';

/**
 * The analysis report through the API, from a partial result (indicator scores only, three OIT items,
 * some scores imported as "-") and a full one: what the DOCX, PDF and XLSX state is what the data shows.
 * Every page is drawn to test-output/documents/analysis-*.png for a person to look at.
 */
const OUT = path.resolve('test-output/documents');
let t: TestContext;
let pdf: PdfRenderer;
type Client = Awaited<ReturnType<TestContext['signedIn']>>;

beforeAll(async () => {
  pdf = new PdfRenderer();
  t = await createTestContext({
    documentRenderers: documentRenderersFor({ fontsDir: '/nonexistent' }, pdfPrinter(pdf)),
  });
  const { loadBundledEditions } = await import('../src/server/modules/catalogue/catalogue.service.ts');
  await loadBundledEditions(t.db);
});
afterAll(async () => {
  await pdf.close();
  await t.close();
});

const entry = (
  scope: ScoreEntry['scope'],
  code: string,
  score: number | null,
  extra: Partial<ScoreEntry> = {},
): ScoreEntry => ({ scope, code, score, passed: null, reason: null, recommendation: null, ...extra });

async function download(client: Client, url: string) {
  const r = await client.get(url);
  expect(r.status).toBe(200);
  return new Uint8Array(await r.arrayBuffer());
}

async function generate(client: Client, analysisId: string, options: object = {}) {
  const r = await client.post('/api/documents', {
    kind: 'analysis',
    subjectType: 'analysis',
    subjectId: analysisId,
    options,
  });
  expect(r.status, await r.clone().text()).toBe(200);
  const made = await json(r);
  const url = (format: string) =>
    made.document.files.find((f: { format: string; url: string }) => f.format === format)?.url as string;
  return {
    docx: await download(client, url('docx')),
    pdf: await download(client, url('pdf')),
    xlsx: await download(client, url('xlsx')),
  };
}

async function setUp(
  nameTh: string,
  year: number,
  scores: ScoreEntry[],
  settings: Record<string, unknown> = {},
) {
  const agency = await t.org(null, { nameTh });
  const admin = await t.user([{ role: 'admin', on: null }]);
  const result = await storeResult(t.db, agency.id, year, scores);
  const analysis = await storeAnalysis(t.db, await t.actorFor(admin.id), result.id, settings);
  const secretariat = await t.signedIn([{ role: 'secretariat', on: agency }]);
  return { agency, analysis, secretariat, result };
}

describe('analysis report from a partial result', () => {
  // ITA 2566: indicators 1-8 scored, 6 imported as "-"; three OIT items passed; o12 "-"; EIT "-".
  const scores = [
    ...indicatorScores([87.89, 74.84, 81.59, 76.28, 77.88, 0, 79.61, 75.83]).map((s) =>
      s.code === '6' ? { ...s, score: null } : s,
    ),
    entry('instrument', 'EIT', null),
    entry('question', 'o1', null, { passed: true }),
    entry('question', 'o2', null, { passed: true }),
    entry('question', 'o3', 100),
  ];

  it('states only what was entered, in the DOCX, the PDF and the XLSX', async () => {
    const { analysis, secretariat } = await setUp('เทศบาลทดสอบข้อมูลบางส่วน', 2566, scores);
    const files = await generate(secretariat, analysis.id, { digits: 'arabic' });
    const text = await docxText(files.docx);
    expect(text).not.toContain('ผ่านทุกรายการ');
    expect(text).toMatch(/แบบ OIT ผ่าน 3 รายการจาก 3 รายการที่มีข้อมูล \(ไม่มีข้อมูล \d+ รายการ\)/);
    expect(text).toContain(
      'ไม่มีคะแนนรวมในผลที่บันทึกไว้ (คำนวณไม่ได้: ไม่มีคะแนนแบบ EIT และ OIT (EIT: ไม่มีคะแนนตัวชี้วัดที่ 6; OIT: ไม่มีคะแนนตัวชี้วัดที่ 9 และ 10))',
    );
    // IIT is derived from its five indicators (mean 79.70) and marked as derived.
    expect(text).toContain('79.70 *');
    expect(text).toContain('ตัวชี้วัดที่ได้คะแนนสูงสุดของแบบ IIT คือ ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ (87.89)');
    // EIT and indicator 6 were imported as "-"; OIT and indicators 9-10 never entered.
    expect(text).toContain('ไม่ได้ประเมิน');
    expect(text).toContain('ไม่มีข้อมูล');
    const pages = await pdfText(files.pdf);
    const all = pages.join('\n');
    expect(all).toContain('ผ่าน 3 รายการจาก 3 รายการที่มีข้อมูล');
    await pdfPagesToPng(files.pdf, OUT, undefined, { prefix: 'analysis-partial-' });

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(files.xlsx) as never);
    const results = book.getWorksheet('ผลการประเมิน')!;
    const rows: string[] = [];
    results.eachRow((r) => {
      rows.push(
        (r.values as unknown[])
          .slice(1)
          .map((v) => (v ?? '') as string)
          .join(' | '),
      );
    });
    expect(rows.find((r) => r.includes('การเปิดเผยข้อมูล'))).toContain('ไม่มีข้อมูล');
    expect(rows.find((r) => r.includes('คุณภาพการดำเนินงาน'))).toContain('ไม่ได้ประเมิน');
    expect(book.worksheets.map((s) => s.name)).toContain('รายการแบบ OIT');
  });

  it('says when the scores changed after the analysis was computed', async () => {
    const { agency, analysis, secretariat } = await setUp('เทศบาลทดสอบคะแนนแก้ไขภายหลัง', 2566, scores);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await storeResult(t.db, agency.id, 2566, [entry('indicator', '9', 60)]);
    const text = await docxText((await generate(secretariat, analysis.id)).docx);
    expect(text).toContain('คะแนนของผลการประเมินมีการแก้ไขหลังการวิเคราะห์ครั้งนี้');
  });
});

describe('analysis report from a full result', () => {
  it('has per-indicator paragraphs, suggestions with their questions, failed items by sub-indicator; ordered by score', async () => {
    const { editionForYear } = await import('../src/server/modules/assessments/assessments.service.ts');
    const edition = (await editionForYear(t.db, 2566)).edition;
    const questionScore = (code: string, i: number) =>
      code === 'i4' ? 70 : code === 'i5' ? 78.2 : 86 + (i % 14);
    const scores: ScoreEntry[] = [
      entry('total', 'ITA', 85.12),
      entry('instrument', 'IIT', 88.4),
      entry('instrument', 'EIT', 84.1),
      entry('instrument', 'OIT', 83.6),
      ...indicatorScores([88.2, 74.84, 91.5, 76.28, 96.1, 74.62, 79.61, 95.83, 62.2, 87.5]),
      ...edition.questions.map((q, i) =>
        q.instrument === 'OIT'
          ? ['o12', 'o30', 'o31'].includes(q.code)
            ? entry('question', q.code, null, {
                passed: false,
                reason: 'ไม่ครบองค์ประกอบตามที่กำหนด',
                recommendation: `ควรเผยแพร่ข้อมูล ${q.display_code} ให้ครบถ้วน`,
              })
            : entry('question', q.code, null, { passed: true })
          : entry('question', q.code, questionScore(q.code, i), {
              recommendation: q.code === 'i4' ? 'ควรสร้างความตระหนักเรื่องการรับสินบน' : null,
            }),
      ),
    ];
    const { analysis, secretariat } = await setUp('องค์การบริหารส่วนจังหวัดทดสอบ', 2566, scores, {
      urgentBelow: 85,
      developBelow: 90,
    });
    const files = await generate(secretariat, analysis.id, { indicatorOrder: 'score' });
    const text = await docxText(files.docx);
    const th = toThaiDigits;
    expect(text).toContain(`ได้คะแนนรวม ${th('85.12')} คะแนน อยู่ในระดับ`);
    const i4 = edition.questions.find((q) => q.code === 'i4')!;
    expect(text).toContain(`ตัวชี้วัดที่ ${th(1)} การปฏิบัติหน้าที่ มีข้อที่ต้องแก้ไขโดยเร่งด่วน`);
    expect(text).toContain(`ควรสร้างความตระหนักเรื่องการรับสินบน`);
    expect(text).toContain(`i${th(4)} ${i4.text_th}`);
    expect(text).not.toMatch(/ข้อ i[๐-๙]+ "i[๐-๙]+"/);
    expect(text).toContain(
      `ผ่าน ${th(edition.questions.filter((q) => q.instrument === 'OIT').length - 3)} รายการจาก`,
    );
    expect(text).toContain(`ตัวชี้วัดย่อยที่ ${th('9.2')} การบริหารงาน`);
    expect(text).toContain('คะแนนรายตัวชี้วัด (เรียงตามคะแนนจากมากไปน้อย)');
    // By score: indicator 5 (96.10) comes before indicator 8 (95.83) and indicator 9 (62.20) last.
    const at = (s: string) => text.indexOf(s);
    expect(at(`${th(5)}. การแก้ไขปัญหาการทุจริต`)).toBeLessThan(at(`${th(8)}. การปรับปรุงการทำงาน`));
    expect(at(`${th(8)}. การปรับปรุงการทำงาน`)).toBeLessThan(at(`${th(9)}. การเปิดเผยข้อมูล`));
    await pdfPagesToPng(files.pdf, OUT, undefined, { prefix: 'analysis-full-' });
  });
});
