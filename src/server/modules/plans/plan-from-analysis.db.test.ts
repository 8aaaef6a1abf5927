import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScoreEntry } from '#shared/assessments/scores.ts';
import { storeAnalysis, storeResult } from '../../../../tests/support/assessment-fixtures.ts';
import {
  createTestContext,
  json,
  type TestContext,
  type TestOrg,
} from '../../../../tests/support/test-app.ts';
import { plans } from '../../db/schema/index.ts';
import { loadBundledEditions } from '../catalogue/catalogue.service.ts';

/**
 * A plan made from an analysis through the API: it passes the completeness check for everything the
 * analysis decides (stances, codes, finding keys, the parts of the edition's measures document), so
 * what is left is what a person writes; once written, it saves (its codes are the edition's) and submits.
 */
let t: TestContext;
let agency: TestOrg;
let unit: TestOrg;
type Client = Awaited<ReturnType<TestContext['signedIn']>>;
let secretariat: Client;
let adminActor: Awaited<ReturnType<TestContext['actorFor']>>;

const entry = (
  scope: ScoreEntry['scope'],
  code: string,
  score: number | null,
  extra: Partial<ScoreEntry> = {},
) => ({ scope, code, score, passed: null, reason: null, recommendation: null, ...extra }) as ScoreEntry;

beforeAll(async () => {
  t = await createTestContext();
  await loadBundledEditions(t.db);
  agency = await t.org(null, { nameTh: 'เทศบาลเมืองทดสอบแผน' });
  unit = await t.org(agency, { nameTh: 'สำนักปลัดเทศบาล' });
  secretariat = await t.signedIn([{ role: 'secretariat', on: agency }]);
  adminActor = await t.actorFor((await t.user([{ role: 'admin', on: null }])).id);
});
afterAll(() => t.close());

/** ITA 2566 with every question: i7, i19 urgent; e6 to develop; O12 and O34 failed; i1 at 100. */
function questions2566(): ScoreEntry[] {
  const special: Record<string, number> = { i7: 70, i19: 80, e6: 90, i1: 100 };
  const codes = [
    ...'i'
      .repeat(31)
      .split('')
      .map((_, k) => `i${k + 1}`),
    ...'e'
      .repeat(15)
      .split('')
      .map((_, k) => `e${k + 1}`),
  ];
  return [
    ...codes.map((c) => entry('question', c, special[c] ?? 96)),
    entry('question', 'o12', 0, { passed: false, reason: 'ไม่พบรายงานบนเว็บไซต์' }),
    entry('question', 'o34', 0, { passed: false, reason: 'ไม่พบรายงานบนเว็บไซต์' }),
  ];
}

describe('a plan made from an analysis, through the service', () => {
  it('leaves only what a person writes, says how to fix each, then saves and submits once written', async () => {
    const result = await storeResult(t.db, agency.id, 2566, questions2566());
    const analysis = await storeAnalysis(t.db, adminActor, result.id, {
      urgentBelow: 85,
      developBelow: 95,
      strengthAtOrAbove: 100,
      grouping: { kind: 'catalogue', code: 'issues-7' },
    });
    const findings = analysis.outcome.groups.flatMap((g) => g.findings);
    const r = await secretariat.post('/api/plans', {
      organizationId: agency.id,
      fiscalYear: 2567,
      analysisId: analysis.id,
      issuesFrom: 'groups',
    });
    expect(r.status, await r.clone().text()).toBe(201);
    const plan = await json(r);
    const issues = plan.content.issues as {
      title: string;
      stance: string;
      findingKeys: string[];
      codes: string[];
    }[];

    // Each finding once; the stances the analysis found each have an issue; no title numbered twice.
    const keys = issues.flatMap((i) => i.findingKeys);
    expect(keys.sort()).toEqual([...new Set(findings.map((f) => f.key))].sort());
    expect(new Set(issues.map((i) => i.stance))).toEqual(new Set(['urgent', 'develop', 'keep']));
    expect(issues.some((i) => /ประเด็นที่\s*\d/.test(i.title))).toBe(false);
    expect(issues.find((i) => i.codes.includes('i7'))!.stance).toBe('urgent');
    expect(issues.find((i) => i.codes.includes('e6'))!.stance).toBe('develop');

    const errors = plan.completeness.filter((c: { severity: string }) => c.severity === 'error');
    expect(new Set(errors.map((c: { code: string }) => c.code))).toEqual(
      new Set(['issue_without_measure', 'part_monitoring']),
    );
    expect(errors).toHaveLength(issues.length + 1);
    expect(errors.find((c: { code: string }) => c.code === 'part_monitoring').message_th).toContain(
      'เขียน "การกำกับติดตามและการรายงานผล"',
    );

    // What a person writes: a measure per issue (naming the issue's codes) and the monitoring section.
    const content = {
      ...plan.content,
      monitoringSection: 'รายงานผลต่อนายกเทศมนตรีทุก ๖ เดือน',
      issues: plan.content.issues.map((issue: { codes: string[] }, i: number) => ({
        ...issue,
        measures: [
          {
            id: `m${i}`,
            title: `มาตรการที่ ${i + 1}`,
            steps: [{ id: `m${i}-s`, text: 'จัดทำแนวทางและเผยแพร่' }],
            responsible: { unitIds: [unit.id], external: [] },
            timeframe: { start: '2566-10', end: '2567-09' },
            codes: issue.codes,
          },
        ],
      })),
    };
    const saved = await secretariat.request('PUT', `/api/plans/${plan.id}`, {
      rowVersion: plan.rowVersion,
      content,
    });
    expect(saved.status, await saved.clone().text()).toBe(200);
    const after = await json(saved);
    expect(after.completeness).toEqual([]);
    const submitted = await secretariat.post(`/api/plans/${plan.id}/submit`, {
      rowVersion: after.rowVersion,
    });
    expect(submitted.status, await submitted.clone().text()).toBe(200);
  });

  it('one finding per issue beyond what a plan holds is refused, saying which choice fits, and writes nothing', async () => {
    const other = await t.org(null, { nameTh: 'องค์การบริหารส่วนตำบลทดสอบ' });
    const sec = await t.signedIn([{ role: 'secretariat', on: other }]);
    // Indicators pass, yet every IIT and EIT question is weak and twenty OIT items failed: as many issues.
    const scores = [
      ...[90, 90, 90, 90, 90, 90, 90, 90, 90, 90].map((v, i) => entry('indicator', String(i + 1), v)),
      ...questions2566().map((s) => (s.code.startsWith('o') ? s : { ...s, score: 70 })),
      ...Array.from({ length: 20 }, (_, k) => entry('question', `o${k + 13}`, 0, { passed: false })),
    ];
    const result = await storeResult(t.db, other.id, 2566, scores);
    const analysis = await storeAnalysis(t.db, adminActor, result.id, { urgentBelow: 85 });
    const r = await sec.post('/api/plans', {
      organizationId: other.id,
      fiscalYear: 2567,
      analysisId: analysis.id,
      issuesFrom: 'findings',
    });
    expect(r.status).toBe(400);
    const body = await json(r);
    expect(body.error.details[0].path).toBe('issuesFrom');
    expect(body.error.details[0].message_th).toContain('เลือกสร้างหนึ่งประเด็นต่อกลุ่ม');
    expect(await t.db.select().from(plans).where(eq(plans.organizationId, other.id))).toEqual([]);
    // One per group is within what a plan holds.
    const ok = await sec.post('/api/plans', {
      organizationId: other.id,
      fiscalYear: 2567,
      analysisId: analysis.id,
      issuesFrom: 'groups',
    });
    expect(ok.status, await ok.clone().text()).toBe(201);
  });

  it('asking to carry last year’s measures forward with no approved plan of that year is refused, nothing written', async () => {
    const other = await t.org(null, { nameTh: 'เทศบาลตำบลทดสอบนำต่อ' });
    const sec = await t.signedIn([{ role: 'secretariat', on: other }]);
    const result = await storeResult(t.db, other.id, 2566, questions2566());
    const analysis = await storeAnalysis(t.db, adminActor, result.id, { urgentBelow: 85 });
    const r = await sec.post('/api/plans', {
      organizationId: other.id,
      fiscalYear: 2567,
      analysisId: analysis.id,
      carryForward: true,
    });
    expect(r.status).toBe(400);
    const detail = (await json(r)).error.details[0];
    expect(detail.path).toBe('carryForward');
    expect(detail.message_th).toContain('ไม่มีแผนมาตรการปีงบประมาณ 2566 ที่อนุมัติแล้ว');
    expect(await t.db.select().from(plans).where(eq(plans.organizationId, other.id))).toEqual([]);
  });
});
