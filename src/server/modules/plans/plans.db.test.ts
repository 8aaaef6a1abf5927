import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  indicatorScores,
  storeAnalysis,
  storeResult,
} from '../../../../tests/support/assessment-fixtures.ts';
import {
  createTestContext,
  json,
  type TestContext,
  type TestOrg,
} from '../../../../tests/support/test-app.ts';
import { loadBundledEditions } from '../catalogue/catalogue.service.ts';
import { getPlan } from './plans.service.ts';

let t: TestContext;
let province: TestOrg;
let unitA: TestOrg;
let unitB: TestOrg;
let outsider: TestOrg;
type Client = Awaited<ReturnType<TestContext['signedIn']>>;
let secretariat: Client;
let executive: Client;
let reporterA: Client;
let plan: { id: string; rowVersion: number; content: { issues: { id: string; findingKeys: string[] }[] } };

const SEED_003 = [87.89, 74.84, 81.59, 76.28, 77.88, 74.62, 79.61, 75.83, 62.2, 37.5];

beforeAll(async () => {
  t = await createTestContext();
  await loadBundledEditions(t.db);
  province = await t.org(null, { nameTh: 'จังหวัดแผน' });
  unitA = await t.org(province, { nameTh: 'สำนักงาน ก' });
  unitB = await t.org(province, { nameTh: 'สำนักงาน ข' });
  outsider = await t.org(null, { nameTh: 'จังหวัดอื่น' });
  secretariat = await t.signedIn([{ role: 'secretariat', on: province }]);
  executive = await t.signedIn([{ role: 'executive', on: province }]);
  reporterA = await t.signedIn([{ role: 'unit_reporter', on: unitA }]);
  const admin = await t.user([{ role: 'admin', on: null }]);
  const result = await storeResult(t.db, province.id, 2567, indicatorScores(SEED_003));
  const analysis = await storeAnalysis(t.db, await t.actorFor(admin.id), result.id, {
    urgentBelow: 85,
    judge: 'indicators',
  });
  const r = await secretariat.post('/api/plans', {
    organizationId: province.id,
    fiscalYear: 2568,
    analysisId: analysis.id,
  });
  expect(r.status, await r.clone().text()).toBe(201);
  plan = await json(r);
});
afterAll(() => t.close());

const measure = (id: string, units: string[], extra: Record<string, unknown> = {}) => ({
  id,
  kind: 'project',
  title: `โครงการ ${id}`,
  steps: [
    { id: `${id}-s1`, text: 'จัดทำคู่มือ' },
    { id: `${id}-s2`, text: 'เผยแพร่บนเว็บไซต์' },
  ],
  responsible: { unitIds: units, external: [] },
  timeframe: { start: '2567-10', end: '2568-09' },
  monitoring: 'รายงานผลทุก ๖ เดือน',
  ...extra,
});

function completeContent(current: typeof plan) {
  return {
    ...(current as unknown as { content: Record<string, unknown> }).content,
    monitoringSection: 'ฝ่ายเลขานุการติดตามและรายงานผลรอบ ๖ และ ๑๒ เดือน',
    issues: current.content.issues.map((issue, i) => ({
      ...issue,
      stance: i === 0 ? 'develop' : 'urgent',
      measures: [measure(`m${i}`, [i % 2 ? unitB.id : unitA.id])],
    })),
  };
}

describe('measures plan', () => {
  it('starts from the analysis with one issue per group of weak points, and flags what is missing', async () => {
    expect(plan.content.issues).toHaveLength(9);
    expect(plan.content.issues[0]!.findingKeys).toEqual(['indicator:2']);
    const detail = await json(await secretariat.get(`/api/plans/${plan.id}`));
    const codes = new Set(detail.completeness.map((c: { code: string }) => c.code));
    // Each urgent finding is in an issue: only what a person writes is missing (no second line per finding).
    expect(codes).toEqual(new Set(['part_monitoring', 'issue_without_measure']));
    expect(detail.requiredParts.length).toBe(7);
  });

  it('refuses bad content with the path of each error and writes nothing', async () => {
    const content = completeContent(plan);
    const bad = structuredClone(content) as { issues: { measures: Record<string, unknown>[] }[] };
    bad.issues[0]!.measures[0]!.timeframe = { start: '2568-09', end: '2567-10' };
    bad.issues[1]!.measures[0]!.responsible = { unitIds: [outsider.id], external: [] };
    bad.issues[2]!.measures[0]!.codes = ['i99'];
    const r = await secretariat.request('PUT', `/api/plans/${plan.id}`, {
      rowVersion: plan.rowVersion,
      content: bad,
    });
    expect(r.status).toBe(400);
    const paths = (await json(r)).error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual([
      'content.issues[0].measures[0].timeframe.end',
      'content.issues[1].measures[0].responsible.unitIds[0]',
      'content.issues[2].measures[0].codes[0]',
    ]);
    const empty = structuredClone(content) as unknown as {
      issues: { measures: { title: string }[] }[];
      title: string;
    };
    empty.issues[0]!.measures[0]!.title = '  ';
    empty.title = 'x'.repeat(501);
    const r2 = await secretariat.request('PUT', `/api/plans/${plan.id}`, {
      rowVersion: plan.rowVersion,
      content: empty,
    });
    expect(r2.status).toBe(400);
    const paths2 = (await json(r2)).error.details.map((d: { path: string }) => d.path);
    expect(paths2).toEqual(expect.arrayContaining(['content.title', 'content.issues[0].measures[0].title']));
    expect((await json(await secretariat.get(`/api/plans/${plan.id}`))).rowVersion).toBe(plan.rowVersion);
  });

  it('refuses a stale save and keeps HTML as plain text', async () => {
    const content = { ...completeContent(plan), introduction: '<script>alert(1)</script>' };
    const ok = await secretariat.request('PUT', `/api/plans/${plan.id}`, {
      rowVersion: plan.rowVersion,
      content,
    });
    expect(ok.status, await ok.clone().text()).toBe(200);
    const saved = await json(ok);
    expect(saved.content.introduction).toBe('<script>alert(1)</script>');
    const stale = await secretariat.request('PUT', `/api/plans/${plan.id}`, {
      rowVersion: plan.rowVersion,
      content,
    });
    expect(stale.status).toBe(409);
    expect((await json(stale)).error.code).toBe('stale_version');
    plan = saved;
  });

  it('reads Thai digits in codes as Arabic (i๓ is i3) and saves the plan', async () => {
    const content = completeContent(plan) as unknown as {
      issues: { codes: string[]; measures: { codes: string[] }[] }[];
    };
    content.issues[0]!.codes = ['i๓'];
    content.issues[0]!.measures[0]!.codes = ['i๓', ' o๑ '];
    const r = await secretariat.request('PUT', `/api/plans/${plan.id}`, {
      rowVersion: plan.rowVersion,
      content,
    });
    expect(r.status, await r.clone().text()).toBe(200);
    const saved = await json(r);
    expect(saved.content.issues[0].codes).toEqual(['i3']);
    expect(saved.content.issues[0].measures[0].codes).toEqual(['i3', 'o1']);
    plan = saved;
  });

  it('submits only when complete, and only executives of the organisation decide', async () => {
    const detail = await json(await secretariat.get(`/api/plans/${plan.id}`));
    expect(detail.completeness.filter((c: { severity: string }) => c.severity === 'error')).toEqual([]);
    const submitted = await json(
      await secretariat.post(`/api/plans/${plan.id}/submit`, { rowVersion: detail.rowVersion }),
    );
    expect(submitted.status).toBe('submitted');
    const approveBody = {
      decision: 'approve',
      rowVersion: submitted.rowVersion,
      memoNumber: 'ตก ๐๐๑๗/๑๒๓',
      // The earliest memo date for a plan of FY 2568: 1 October 2566 BE, a year before the plan's year.
      memoDate: '2023-10-01',
    };
    // A memo dated in the future, a day too early or on 31 December 9999 is refused, naming the field.
    const tomorrow = new Date(Date.now() + 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);
    for (const memoDate of [tomorrow, '2023-09-30', '9999-12-31']) {
      const refused = await executive.post(`/api/plans/${plan.id}/decision`, { ...approveBody, memoDate });
      expect(refused.status, memoDate).toBe(400);
      const detail = (await json(refused)).error.details[0];
      expect(detail.path).toBe('memoDate');
      expect(detail.message_th).toContain('วันที่ของบันทึกข้อความที่อนุมัติแผน');
      expect(detail.message_en).toMatch(/memo’s date .* BE/);
    }
    expect((await json(await secretariat.get(`/api/plans/${plan.id}`))).status).toBe('submitted');
    expect((await secretariat.post(`/api/plans/${plan.id}/decision`, approveBody)).status).toBe(403);
    const otherExecutive = await t.signedIn([{ role: 'executive', on: outsider }]);
    expect((await otherExecutive.post(`/api/plans/${plan.id}/decision`, approveBody)).status).toBe(403);
    const approved = await json(await executive.post(`/api/plans/${plan.id}/decision`, approveBody));
    expect(approved).toMatchObject({ status: 'approved', memoNumber: 'ตก ๐๐๑๗/๑๒๓', memoDate: '2023-10-01' });
    const edit = await secretariat.request('PUT', `/api/plans/${plan.id}`, {
      rowVersion: approved.rowVersion,
      content: approved.content,
    });
    expect(edit.status).toBe(409);
    expect((await json(edit)).error.code).toBe('plan_not_editable');
    plan = approved;
  });

  it('refuses to submit an incomplete plan unless an admin gives a reason', async () => {
    const other = await t.org(null, { nameTh: 'เทศบาลทดลอง' });
    const sec = await t.signedIn([{ role: 'secretariat', on: other }]);
    const admin = await t.signedIn([{ role: 'admin', on: other }]);
    const draft = await json(await sec.post('/api/plans', { organizationId: other.id, fiscalYear: 2568 }));
    const refused = await sec.post(`/api/plans/${draft.id}/submit`, { rowVersion: draft.rowVersion });
    expect(refused.status).toBe(400);
    expect((await json(refused)).error.details.length).toBeGreaterThan(0);
    const notAdmin = await sec.post(`/api/plans/${draft.id}/submit`, {
      rowVersion: draft.rowVersion,
      overrideReason: 'เร่งด่วนตามหนังสือสั่งการ',
    });
    expect(notAdmin.status).toBe(403);
    const overridden = await json(
      await admin.post(`/api/plans/${draft.id}/submit`, {
        rowVersion: draft.rowVersion,
        overrideReason: 'เร่งด่วนตามหนังสือสั่งการ',
      }),
    );
    expect(overridden.completenessOverride.reason).toBe('เร่งด่วนตามหนังสือสั่งการ');
  });

  it('circulates; each unit acknowledges for itself only and sees its measures in its inbox', async () => {
    const circulated = await json(
      await secretariat.post(`/api/plans/${plan.id}/circulate`, { rowVersion: plan.rowVersion }),
    );
    expect(circulated.status).toBe('circulated');
    expect(
      circulated.acknowledgements.map((a: { acknowledgedAt: string | null }) => a.acknowledgedAt),
    ).toEqual([null, null]);
    const box = await json(await reporterA.get('/api/plans/inbox'));
    expect(box).toHaveLength(1);
    expect(box[0].unitId).toBe(unitA.id);
    // No English name was entered for the unit or its organisation: the English UI falls back to Thai.
    expect(box[0]).toMatchObject({ unitNameEn: null, organizationNameEn: null });
    expect(box[0].measures.length).toBeGreaterThan(0);
    // Each measure carries its place in the plan (issue and measure index), as the documents number it.
    for (const m of box[0].measures as { issueIndex: number; measureIndex: number; measureId: string }[]) {
      expect(circulated.content.issues[m.issueIndex].measures[m.measureIndex].id).toBe(m.measureId);
    }
    expect((await reporterA.post(`/api/plans/${plan.id}/acknowledgements/${unitB.id}`)).status).toBe(403);
    expect((await secretariat.post(`/api/plans/${plan.id}/acknowledgements/${unitA.id}`)).status).toBe(403);
    const acked = await json(await reporterA.post(`/api/plans/${plan.id}/acknowledgements/${unitA.id}`));
    const a = acked.acknowledgements.find((x: { unitId: string }) => x.unitId === unitA.id);
    expect(a.acknowledgedAt).not.toBeNull();
    plan = acked;
  });

  it('starts a new version from the approved one, leaves the approved one unchanged, and shows the diff', async () => {
    const v2 = await json(await secretariat.post(`/api/plans/${plan.id}/versions`));
    expect(v2).toMatchObject({ versionNo: 2, status: 'draft' });
    const content = structuredClone(v2.content);
    content.issues[0].measures[0].title = 'โครงการที่แก้ไขแล้ว';
    content.issues.pop();
    const saved = await json(
      await secretariat.request('PUT', `/api/plans/${v2.id}`, { rowVersion: v2.rowVersion, content }),
    );
    const diff = await json(await secretariat.get(`/api/plans/${saved.id}/diff/${plan.id}`));
    expect(diff.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'changed', what: 'measure', fields: ['title'] }),
        expect.objectContaining({ kind: 'removed', what: 'issue' }),
      ]),
    );
    const v1 = await json(await secretariat.get(`/api/plans/${plan.id}`));
    expect(v1.status).toBe('circulated');
    expect(v1.content.issues).toHaveLength(9);
  });

  it('starts next year’s plan from this year’s: measures and units kept, months moved one year', async () => {
    const next = await secretariat.post('/api/plans', {
      organizationId: province.id,
      fiscalYear: 2569,
      copyFromPreviousYear: true,
    });
    expect(next.status, await next.clone().text()).toBe(201);
    const copy = await json(next);
    const source = await json(await secretariat.get(`/api/plans/${plan.id}`));
    expect(copy.content.issues.map((i: { title: string }) => i.title)).toEqual(
      source.content.issues.map((i: { title: string }) => i.title),
    );
    const m = copy.content.issues[0].measures[0];
    expect(m.timeframe).toEqual({ start: '2568-10', end: '2569-09' });
    expect(m.responsible.unitIds).toEqual(source.content.issues[0].measures[0].responsible.unitIds);
    expect(m.id).not.toBe(source.content.issues[0].measures[0].id);
    const nothing = await secretariat.post('/api/plans', {
      organizationId: unitA.id,
      fiscalYear: 2569,
      copyFromPreviousYear: true,
    });
    expect(nothing.status).toBe(400);
    expect((await json(nothing)).error.details[0].path).toBe('copyFromPreviousYear');
  });
});

describe('the plan page', () => {
  it('reads the plan with its organisation once: the plan and its organisation joined, not read again for its context', async () => {
    const actor = await t.actorFor(secretariat.id);
    const first = await getPlan(t.db, actor, plan.id);
    const client = (t.db as unknown as { $client: { query: (...args: unknown[]) => unknown } }).$client;
    const query = vi.spyOn(client, 'query');
    try {
      const again = await getPlan(t.db, actor, plan.id);
      expect(again).toEqual(first);
      // The plan with its organisation, the analysis's edition, the organisation's units, the
      // analysis's findings, the versions, the acknowledgements, the approver's name (it was 9: the plan,
      // then its organisation, then the organisation again for the context).
      expect(first.decidedByName).not.toBeNull();
      // What the page shows of the organisation's subtree (read with the columns it needs only).
      expect(first.units).toEqual(
        [
          { org: province, nameTh: 'จังหวัดแผน', depth: 0 },
          { org: unitA, nameTh: 'สำนักงาน ก', depth: 1 },
          { org: unitB, nameTh: 'สำนักงาน ข', depth: 1 },
        ]
          .sort((a, b) => a.org.path.localeCompare(b.org.path))
          .map((u) => ({ id: u.org.id, nameTh: u.nameTh, shortNameTh: null, depth: u.depth })),
      );
      expect(query).toHaveBeenCalledTimes(7);
    } finally {
      query.mockRestore();
    }
  });
});
