import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyses } from '../src/server/db/schema/index.ts';
import { previousMeasuresFor } from '../src/server/modules/assessments/previous-measures.service.ts';
import { pdfPrinter } from '../src/server/modules/documents/pdf/pdf-printer.ts';
import { PdfRenderer } from '../src/server/modules/documents/pdf/pdf-renderer.ts';
import { documentRenderersFor } from '../src/server/modules/documents/render-formats.ts';
import { circulatePlan, decidePlan, submitPlan } from '../src/server/modules/plans/plan-workflow.service.ts';
import { createPlan, savePlan } from '../src/server/modules/plans/plans.service.ts';
import { reviewReport, saveReport } from '../src/server/modules/progress/reports.service.ts';
import { closeRound, createRound, openRound } from '../src/server/modules/progress/rounds.service.ts';
import type { AnalysisOutcome } from '../src/shared/assessments/analysis.ts';
import type { PreviousMeasures } from '../src/shared/assessments/previous-measures.ts';
import type { ScoreEntry } from '../src/shared/assessments/scores.ts';
import { type PlanContent, planContentSchema } from '../src/shared/plans/contract.ts';
import { storeAnalysis, storeResult } from './support/assessment-fixtures.ts';
import { docxText } from './support/docx-text.ts';
import { pdfPagesToPng, pdfText } from './support/pdf-text.ts';
import { createTestContext, json, type TestContext, type TestOrg } from './support/test-app.ts';

/**
 * Closing the loop on both engines: an organisation's plan of fiscal 2567 (made from its 2566 analysis)
 * with measures on i7, indicator 9 and O12, approved and circulated; a 6-month and a 12-month round
 * reporting on them; results of 2566 and 2567. The 2567 analysis shows, per indicator and question,
 * those measures numbered as printed, their status at the 12-month round, and the change in score; the
 * analysis report prints the table (DOCX, PDF) only when there is something to show; and the 2568 plan
 * made from the 2567 analysis carries the measures of the weak point that remains.
 */
const OUT = path.resolve('test-output/documents');
let t: TestContext;
let pdf: PdfRenderer;
let agency: TestOrg;
let finance: TestOrg;
let it_unit: TestOrg;
type Actor = Awaited<ReturnType<TestContext['actorFor']>>;
let secretariat: Actor;
let executive: Actor;
let reporterFinance: Actor;
let reporterIt: Actor;
let secretariatClient: Awaited<ReturnType<TestContext['signedIn']>>;

const entry = (
  scope: ScoreEntry['scope'],
  code: string,
  score: number | null,
  extra: Partial<ScoreEntry> = {},
) => ({ scope, code, score, passed: null, reason: null, recommendation: null, ...extra }) as ScoreEntry;
const indicators = (values: number[]) => values.map((v, i) => entry('indicator', String(i + 1), v));

const SCORES_2566 = [
  ...indicators([90, 86, 88, 86, 91, 87, 89, 90, 62.2, 86]),
  entry('question', 'i7', 70.5),
  entry('question', 'o12', 0, { passed: false, reason: 'ไม่พบรายงานบนเว็บไซต์' }),
];
const SCORES_2567 = [
  ...indicators([91, 84.25, 88, 86, 92, 87, 90, 90, 88.4, 85]),
  entry('question', 'i7', 81),
  entry('question', 'o12', 100, { passed: true }),
];

beforeAll(async () => {
  pdf = new PdfRenderer();
  t = await createTestContext({
    documentRenderers: documentRenderersFor({ fontsDir: '/nonexistent' }, pdfPrinter(pdf)),
  });
  const { loadBundledEditions } = await import('../src/server/modules/catalogue/catalogue.service.ts');
  await loadBundledEditions(t.db);
  agency = await t.org(null, { nameTh: 'เทศบาลเมืองวงจรมาตรการ', kind: 'municipality' });
  finance = await t.org(agency, { nameTh: 'กองคลัง' });
  it_unit = await t.org(agency, { nameTh: 'ฝ่ายเทคโนโลยีสารสนเทศ' });
  secretariatClient = await t.signedIn([{ role: 'secretariat', on: agency }]);
  secretariat = await t.actorFor(secretariatClient.id);
  executive = await t.actorFor((await t.user([{ role: 'executive', on: agency }])).id);
  reporterFinance = await t.actorFor((await t.user([{ role: 'unit_reporter', on: finance }])).id);
  reporterIt = await t.actorFor((await t.user([{ role: 'unit_reporter', on: it_unit }])).id);
});
afterAll(async () => {
  await pdf.close();
  await t.close();
});

const measure = (id: string, title: string, unitId: string, codes: string[] = []) => ({
  id,
  title,
  codes,
  steps: [{ id: `${id}-s1`, text: 'จัดทำแนวทาง' }],
  responsible: { unitIds: [unitId], external: [] },
  timeframe: { start: '2566-10', end: '2567-09' },
});

/** The 2567 plan as written from the 2566 analysis, approved and circulated. */
async function planOf2567(analysisId: string) {
  const drafted = await createPlan(t.db, secretariat, {
    organizationId: agency.id,
    fiscalYear: 2567,
    analysisId,
    issuesFrom: 'none',
    copyFromPreviousYear: false,
  });
  const content: PlanContent = planContentSchema.parse({
    ...drafted.content,
    monitoringSection: 'รายงานผลต่อนายกเทศมนตรีทุก ๖ เดือน',
    issues: [
      {
        id: 'iss-budget',
        title: 'การใช้งบประมาณ',
        stance: 'urgent',
        findingKeys: ['question:i7'],
        codes: ['i7'],
        measures: [
          measure('m-publish', 'เผยแพร่แผนการใช้จ่ายงบประมาณประจำปี', finance.id),
          measure('m-explain', 'ชี้แจงการใช้งบประมาณแก่บุคลากร', finance.id, ['i7']),
        ],
      },
      {
        id: 'iss-web',
        title: 'การเปิดเผยข้อมูล',
        stance: 'urgent',
        findingKeys: ['indicator:9'],
        codes: ['9'],
        measures: [measure('m-web', 'ปรับปรุงเว็บไซต์ให้ครบทุกรายการ', it_unit.id, ['o12'])],
      },
    ],
  });
  const saved = await savePlan(t.db, secretariat, drafted.id, { rowVersion: drafted.rowVersion, content });
  const submitted = await submitPlan(t.db, secretariat, saved.id, { rowVersion: saved.rowVersion });
  const approved = await decidePlan(t.db, executive, submitted.id, {
    decision: 'approve',
    rowVersion: submitted.rowVersion,
    memoNumber: 'ทด 52008/1',
    memoDate: '2023-10-20',
  });
  return circulatePlan(t.db, secretariat, approved.id, { rowVersion: approved.rowVersion });
}

type Report = { progress: 'done' | 'in_progress' | 'not_started'; percent: number; accept: boolean };

/** A round of a kind, each measure's report as given (submitted, and accepted where said), closed. */
async function round(planId: string, kind: '6m' | '12m', reports: Record<string, Report>) {
  const created = await createRound(t.db, secretariat, { planId, kind, dueDate: '2024-10-15' });
  const opened = await openRound(t.db, secretariat, created.id, created.rowVersion);
  const { reportSlots } = await import('../src/server/db/schema/index.ts');
  const slots = await t.db.select().from(reportSlots).where(eq(reportSlots.roundId, created.id));
  for (const slot of slots) {
    const report = reports[slot.measureId];
    if (!report) continue;
    const reporter = slot.unitId === finance.id ? reporterFinance : reporterIt;
    const sent = await saveReport(
      t.db,
      reporter,
      slot.id,
      {
        rowVersion: slot.rowVersion,
        result: 'ดำเนินการตามแผน',
        progress: report.progress,
        percent: report.percent,
        cancelReason: null,
        problems: '',
        suggestions: '',
        activityStart: null,
        activityEnd: null,
        links: [],
        paperRefs: [],
      },
      true,
    );
    if (report.accept)
      await reviewReport(t.db, secretariat, slot.id, { decision: 'accept', rowVersion: sent.rowVersion });
  }
  return closeRound(t.db, secretariat, created.id, opened.rowVersion);
}

let result2567: Awaited<ReturnType<typeof storeResult>>;
let analysis2566Id: string;
let analysis2567: Awaited<ReturnType<typeof storeAnalysis>>;
let built: PreviousMeasures | null;

describe('closing the loop', () => {
  it('lists last year’s measures per indicator and question, numbered as printed, with their 12-month status and the change', async () => {
    const result2566 = await storeResult(t.db, agency.id, 2566, SCORES_2566);
    analysis2566Id = (await storeAnalysis(t.db, secretariat, result2566.id, { urgentBelow: 85 })).id;
    const plan = await planOf2567(analysis2566Id);
    await round(plan.id, '6m', {
      'm-publish': { progress: 'in_progress', percent: 30, accept: true },
      'm-web': { progress: 'in_progress', percent: 20, accept: true },
    });
    await round(plan.id, '12m', {
      'm-publish': { progress: 'done', percent: 100, accept: true },
      'm-web': { progress: 'in_progress', percent: 70, accept: false },
    });

    result2567 = await storeResult(t.db, agency.id, 2567, SCORES_2567);
    analysis2567 = await storeAnalysis(t.db, secretariat, result2567.id, { urgentBelow: 85 });
    built = await previousMeasuresFor(t.db, result2567, analysis2567.outcome);
    expect(built).not.toBeNull();
    expect(built).toMatchObject({
      planId: plan.id,
      planFiscalYear: 2567,
      lastRound: {
        label_th: 'รอบ 12 เดือน (ต.ค. 66 – ก.ย. 67)',
        label_en: '12-month round (Oct 2566 – Sep 2567 BE)',
      },
      previousFiscalYear: 2566,
      currentFiscalYear: 2567,
    });
    expect(
      built!.rows.map((r) => [
        r.displayCode,
        r.measures.map((m) => `${m.number} ${m.title}: ${m.progress ?? 'none'} ${m.percent ?? ''}`.trim()),
        r.previous,
        r.current,
        r.change,
      ]),
    ).toEqual([
      [
        'i7',
        [
          '(1.1) เผยแพร่แผนการใช้จ่ายงบประมาณประจำปี: done 100',
          // Its unit reported nothing at 12 months: no status, not "not started".
          '(1.2) ชี้แจงการใช้งบประมาณแก่บุคลากร: none',
        ],
        70.5,
        81,
        10.5,
      ],
      // Submitted (not yet accepted) counts as reported, as in the round's roll-up.
      ['9', ['(2.1) ปรับปรุงเว็บไซต์ให้ครบทุกรายการ: in_progress 70'], 62.2, 88.4, 26.2],
      ['O12', ['(2.1) ปรับปรุงเว็บไซต์ให้ครบทุกรายการ: in_progress 70'], 0, 100, 100],
    ]);
    // Once the analysis computes it itself (computeOutcome), it is the same.
    const stored = analysis2567.outcome.previousMeasures;
    if (stored) expect(stored).toEqual(built);
    // A result whose fiscal year had no approved plan has nothing to show.
    expect(await previousMeasuresFor(t.db, result2566, analysis2567.outcome)).toBeNull();
  });

  it('prints the table in the analysis report (DOCX and PDF) only when there is something to show', async () => {
    // The outcome as computeOutcome stores it once it fills previousMeasures.
    const outcome = { ...analysis2567.outcome, previousMeasures: built } as AnalysisOutcome;
    await t.db.update(analyses).set({ outcome }).where(eq(analyses.id, analysis2567.id));
    const files = await generate(analysis2567.id);
    const pages = await pdfText(files.pdf);
    // Cells wrap inside narrow columns: compare without the spaces of line ends.
    const all = pages.join('').replace(/\s+/g, '');
    const has = (text: string) => expect(all).toContain(text.replace(/\s+/g, ''));
    has('มาตรการปีที่แล้ว → ผล → คะแนนเปลี่ยน');
    has('ผลการดำเนินงานตามที่รายงาน ณ รอบ 12 เดือน (ต.ค. 66 – ก.ย. 67)');
    has('ตัวชี้วัด/ข้อคำถาม มาตรการ ผลการดำเนินงาน ณ รอบ 12 เดือน คะแนนปีก่อน คะแนนปีนี้ เปลี่ยนแปลง');
    // Row by row, cell by cell: i7 (no wording in 2567: named with its indicator), indicator 9, O12.
    has(
      'i7 (ข้อคำถามของตัวชี้วัดที่ 2 การใช้งบประมาณ) (1.1) เผยแพร่แผนการใช้จ่ายงบประมาณประจำปี (1.2) ชี้แจงการใช้งบประมาณแก่บุคลากร (1.1) ดำเนินการแล้วเสร็จ (1.2) ไม่มีรายงานผล 70.50 81.00 +10.50',
    );
    has(
      'ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล (2.1) ปรับปรุงเว็บไซต์ให้ครบทุกรายการ อยู่ระหว่างดำเนินการ ร้อยละ 70 62.20 88.40 +26.20',
    );
    has('ประจำปี รอบ 6 เดือน (2.1) ปรับปรุงเว็บไซต์ให้ครบทุกรายการ อยู่ระหว่างดำเนินการ ร้อยละ 70 0.00 100.00 +100.00');
    const docx = (await docxText(files.docx)).replace(/\s+/g, ' ');
    expect(docx).toContain('มาตรการปีที่แล้ว → ผล → คะแนนเปลี่ยน');
    expect(docx).toContain('(2.1) ปรับปรุงเว็บไซต์ให้ครบทุกรายการ');
    await pdfPagesToPng(files.pdf, OUT, undefined, { prefix: 'analysis-previous-measures-' });

    // The 2566 analysis: no plan answered it, no table and no caption.
    const before = await generate(analysis2566Id);
    const text = (await pdfText(before.pdf)).join('\n');
    expect(text).not.toContain('มาตรการปีที่แล้ว');
    expect(await docxText(before.docx)).not.toContain('มาตรการปีที่แล้ว');
  });

  it('carries the measures of the weak point that remains into the 2568 plan, months moved, status noted', async () => {
    const r = await secretariatClient.post('/api/plans', {
      organizationId: agency.id,
      fiscalYear: 2568,
      analysisId: analysis2567.id,
      issuesFrom: 'groups',
      carryForward: true,
    });
    expect(r.status, await r.clone().text()).toBe(201);
    const plan = await json(r);
    const issues = plan.content.issues as PlanContent['issues'];
    // Indicator 9 and O12 pass now: only i7 (81, still under 85) is weak; its two measures come along.
    const carried = issues.flatMap((i) => i.measures.map((m) => ({ issue: i, m })));
    expect(carried.map(({ issue, m }) => [issue.codes.includes('i7'), m.title])).toEqual([
      [true, 'เผยแพร่แผนการใช้จ่ายงบประมาณประจำปี'],
      [true, 'ชี้แจงการใช้งบประมาณแก่บุคลากร'],
    ]);
    expect(carried[0]!.m).toMatchObject({
      timeframe: { start: '2567-10', end: '2568-09' },
      responsible: { unitIds: [finance.id] },
      codes: ['i7'],
      carriedFrom: { fiscalYear: 2567, number: '(1.1)', progress: 'done', percent: 100 },
    });
    expect(carried[0]!.m.id).not.toBe('m-publish');
    expect(carried[1]!.m.carriedFrom).toMatchObject({ number: '(1.2)', progress: null, roundLabel_th: null });
    // Complete enough to save as it is, and the carried measures count as the issue's measures.
    const saved = await secretariatClient.request('PUT', `/api/plans/${plan.id}`, {
      rowVersion: plan.rowVersion,
      content: plan.content,
    });
    expect(saved.status, await saved.clone().text()).toBe(200);
    const i7Issue = issues.findIndex((i) => i.codes.includes('i7'));
    expect(
      (await json(saved)).completeness.some(
        (c: { code: string; path: string }) =>
          c.code === 'issue_without_measure' && c.path === `issues[${i7Issue}].measures`,
      ),
    ).toBe(false);
  });
});

async function download(url: string) {
  const r = await secretariatClient.get(url);
  expect(r.status).toBe(200);
  return new Uint8Array(await r.arrayBuffer());
}

async function generate(analysisId: string) {
  const r = await secretariatClient.post('/api/documents', {
    kind: 'analysis',
    subjectType: 'analysis',
    subjectId: analysisId,
    options: { digits: 'arabic' },
  });
  expect(r.status, await r.clone().text()).toBe(200);
  const made = await json(r);
  const url = (format: string) =>
    made.document.files.find((f: { format: string; url: string }) => f.format === format)?.url as string;
  return { docx: await download(url('docx')), pdf: await download(url('pdf')) };
}
