import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScoreEntry } from '#shared/assessments/scores.ts';
import { planContentSchema } from '#shared/plans/contract.ts';
import { indicatorScores, storeResult } from '../../../../tests/support/assessment-fixtures.ts';
import { countingDb } from '../../../../tests/support/count-queries.ts';
import {
  createTestContext,
  json,
  type TestContext,
  type TestOrg,
} from '../../../../tests/support/test-app.ts';
import {
  documents,
  libraryMeasures,
  organizations,
  plans,
  publications,
  reportSlots,
  rounds,
} from '../../db/schema/index.ts';
import { applyScores, editionForYear, listResultsWithScores } from '../assessments/assessments.service.ts';
import { loadBundledEditions } from '../catalogue/catalogue.service.ts';
import { bundledLibrary } from '../plans/measures-library.service.ts';
import type { NationalView } from './national.schema.ts';
import { nationalView } from './national.service.ts';
import { nationalViewSql } from './national.sql.ts';

/**
 * A ministry with two provinces. Province 1: agencies A1, A2, A3 (A1 has a division U1, which is not
 * an agency). Province 2: B1–B5. Results of 2566 and 2567 with every indicator at one score unless
 * said: A1 80 → 90, A2 84 → 80 with a stated total of 86, A3 90 → 70, B1 96 → 97, B2 none → only
 * IIT indicators (no total), B3 60 → none, B4 70 → 75, B5 88 → 85.
 * Plans of 2567: A1 superseded + circulated (no-gift measure, published), A2 approved (no-gift and an
 * added measure, its publication withdrawn), A3 approved (no-gift), B1 circulated (published), B2
 * submitted, B3 draft, B4 approved (added measure; and an approved 2566 plan with no-gift), B5 draft
 * with no-gift (not in force). Rounds: A1 open, 10 days past due, two reports open; B4 open, 3 days
 * past due, one draft; A3 open past due but all reported; B1 closed past due; A1 open not yet due.
 */
const Y = 2567;
const NO_GIFT = 'no-gift-policy-declaration';
const ADDED = 'test-open-data-measure';
const now = new Date('2024-06-15T05:00:00Z');
const daysBefore = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);

let t: TestContext;
let ministry: TestOrg;
let p1: TestOrg;
let p2: TestOrg;
const ag: Record<string, TestOrg> = {};
let u1: TestOrg;
type Client = Awaited<ReturnType<TestContext['signedIn']>>;
let admin: Client;
let view: NationalView;

const all = (score: number) => indicatorScores(Array.from({ length: 10 }, () => score));
const total = (score: number): ScoreEntry => ({
  scope: 'total',
  code: 'ITA',
  score,
  passed: null,
  reason: null,
  recommendation: null,
});

function content(libraryIds: string[], unitId: string) {
  return planContentSchema.parse({
    title: 'แผนมาตรการ',
    issues: [
      {
        id: 'i1',
        title: 'ประเด็น',
        measures: [
          { id: 'm0', title: 'มาตรการของหน่วยงานเอง', responsible: { unitIds: [unitId] } },
          ...libraryIds.map((libraryId, i) => ({
            id: `m${i + 1}`,
            title: `มาตรการจากคลัง ${libraryId}`,
            libraryId,
            responsible: { unitIds: [unitId] },
          })),
        ],
      },
    ],
  });
}

async function plan(org: TestOrg, status: string, libraryIds: string[] = [], versionNo = 1, fiscalYear = Y) {
  const [row] = await t.db
    .insert(plans)
    .values({ organizationId: org.id, fiscalYear, versionNo, status, content: content(libraryIds, org.id) })
    .returning();
  return row!;
}

async function publish(org: TestOrg, planId: string, withdrawn = false) {
  const [doc] = await t.db
    .insert(documents)
    .values({
      organizationId: org.id,
      fiscalYear: Y,
      kind: 'plan',
      subjectType: 'plan',
      subjectId: planId,
      versionNo: 1,
      inputsHash: 'h',
      inputsLabel: 'แผน',
      options: {},
      title: 'แผน',
    })
    .returning();
  await t.db.insert(publications).values({
    organizationId: org.id,
    fiscalYear: Y,
    kind: 'plan',
    pathKey: 'plan',
    versionNo: 1,
    subjectId: planId,
    documentId: doc!.id,
    title: 'แผน',
    model: {},
    changeSummary: 'ฉบับแรก',
    withdrawnAt: withdrawn ? now : null,
  });
}

async function round(
  planId: string,
  status: string,
  dueDate: string,
  slots: { unit: TestOrg; state: string }[],
) {
  const [r] = await t.db
    .insert(rounds)
    .values({
      planId,
      kind: '6m',
      labelTh: 'รอบ ๖ เดือน',
      periodStart: '2023-10-01',
      periodEnd: '2024-03-31',
      dueDate,
      status,
    })
    .returning();
  let n = 0;
  for (const s of slots) {
    await t.db
      .insert(reportSlots)
      .values({ roundId: r!.id, measureId: `m${n++}`, unitId: s.unit.id, state: s.state });
  }
}

beforeAll(async () => {
  t = await createTestContext();
  await loadBundledEditions(t.db);
  ministry = await t.org(null, { nameTh: 'กระทรวงทดสอบ', kind: 'other' });
  p1 = await t.org(ministry, { nameTh: 'จังหวัดหนึ่ง', kind: 'province' });
  p2 = await t.org(ministry, { nameTh: 'จังหวัดสอง', kind: 'province' });
  for (const [key, parent] of [
    ['A1', p1],
    ['A2', p1],
    ['A3', p1],
    ['B1', p2],
    ['B2', p2],
    ['B3', p2],
    ['B4', p2],
    ['B5', p2],
  ] as const) {
    ag[key] = await t.org(parent, { nameTh: `หน่วยงาน ${key}`, kind: 'municipality' });
  }
  u1 = await t.org(ag.A1!, { nameTh: 'กองหนึ่ง', kind: 'division' });

  const previous: Record<string, number> = { A1: 80, A2: 84, A3: 90, B1: 96, B3: 60, B4: 70, B5: 88 };
  for (const [key, score] of Object.entries(previous))
    await storeResult(t.db, ag[key]!.id, Y - 1, all(score));
  for (const [key, score] of Object.entries({ A1: 90, A3: 70, B1: 97, B4: 75, B5: 85 }))
    await storeResult(t.db, ag[key]!.id, Y, all(score));
  await storeResult(t.db, ag.A2!.id, Y, [...all(80), total(86)]);
  await storeResult(t.db, ag.B2!.id, Y, indicatorScores([40, 50, 50, 50, 50]));

  await t.db.insert(libraryMeasures).values({
    id: ADDED,
    origin: 'admin',
    content: {
      id: ADDED,
      kind: 'measure',
      title_th: 'เปิดเผยข้อมูลสาธารณะ',
      title_en: 'Open public data',
      steps_th: ['จัดทำรายการข้อมูล'],
      monitoring_th: 'ติดตามทุกไตรมาส',
      codes: { '2567': ['o1'] },
      indicators: [9],
      source: ['common-practice'],
      confidence: 'medium',
    },
  });

  await plan(ag.A1!, 'superseded', [NO_GIFT], 1);
  const a1 = await plan(ag.A1!, 'circulated', [NO_GIFT], 2);
  await publish(ag.A1!, a1.id);
  const a2 = await plan(ag.A2!, 'approved', [NO_GIFT, ADDED]);
  await publish(ag.A2!, a2.id, true);
  const a3 = await plan(ag.A3!, 'approved', [NO_GIFT]);
  const b1 = await plan(ag.B1!, 'circulated');
  await publish(ag.B1!, b1.id);
  await plan(ag.B2!, 'submitted');
  await plan(ag.B3!, 'draft');
  const b4 = await plan(ag.B4!, 'approved', [ADDED]);
  await plan(ag.B4!, 'approved', [NO_GIFT], 1, Y - 1);
  await plan(ag.B5!, 'draft', [NO_GIFT]);

  await round(a1.id, 'open', daysBefore(10), [
    { unit: u1, state: 'pending' },
    { unit: u1, state: 'returned' },
    { unit: u1, state: 'accepted' },
  ]);
  await round(a1.id, 'open', daysBefore(-5), [{ unit: u1, state: 'pending' }]);
  await round(b4.id, 'open', daysBefore(3), [{ unit: ag.B4!, state: 'draft' }]);
  await round(a3.id, 'open', daysBefore(20), [
    { unit: ag.A3!, state: 'submitted' },
    { unit: ag.A3!, state: 'accepted' },
  ]);
  await round(b1.id, 'closed', daysBefore(30), [{ unit: ag.B1!, state: 'pending' }]);

  admin = await t.signedIn([{ role: 'admin', on: null }]);
  view = await nationalView(t.db, await t.actorFor(admin.id), ministry.id, Y, now);
});

afterAll(async () => {
  await t?.close();
});

const names = (list: { nameTh: string }[]) => list.map((a) => a.nameTh);

describe('national view of a ministry, one year', () => {
  it('counts the agencies, their results and their change from the year before', () => {
    expect(view.fiscalYear).toBe(Y);
    expect(view.years).toEqual([2567, 2566]);
    expect(view.edition).toEqual({ fiscalYear: 2567 });
    expect(view.summary).toEqual({
      agencies: 8,
      withResult: 7,
      withTotal: 6,
      noResult: 1,
      resultWithoutTotal: 1,
      meanTotal: 83.83, // (90 + 86 + 70 + 97 + 75 + 85) / 6
      withPrevious: 7,
      meanPrevious: 81.14, // 568 / 7
      withBoth: 6,
      rose: 4,
      fell: 2,
      same: 0,
      meanChange: -0.83, // (10 + 2 − 20 + 1 + 5 − 3) / 6
    });
  });

  it('says whether the national target is met, with the numbers', () => {
    expect(view.target).toEqual({
      threshold: 85,
      targetPercent: 80,
      withTotal: 6,
      atOrAbove: 4,
      sharePercent: 66.67,
      met: false,
    });
  });

  it('counts levels by the edition of the year, and totals in bands of 5', () => {
    expect(view.levels.map((l) => [l.code, l.name_th, l.count])).toEqual([
      ['excellent', 'ผ่านดีเยี่ยม', 1],
      ['good', 'ผ่านดี', 2],
      ['pass', 'ผ่าน', 1],
      ['needs-improvement', 'ต้องปรับปรุง', 2],
      ['urgent-improvement', 'ต้องปรับปรุงโดยด่วน', 0],
    ]);
    expect(view.bands).toEqual([
      { from: 70, to: 75, count: 1 },
      { from: 75, to: 80, count: 1 },
      { from: 80, to: 85, count: 0 },
      { from: 85, to: 90, count: 2 },
      { from: 90, to: 95, count: 1 },
      { from: 95, to: 100, count: 1 },
    ]);
  });

  it('breaks the node down by its children', () => {
    expect(view.children).toEqual([
      {
        id: p2.id,
        nameTh: 'จังหวัดสอง',
        nameEn: null,
        kind: 'province',
        agencies: 5,
        withTotal: 3,
        atOrAbove: 2,
        sharePercent: 66.67,
        meanTotal: 85.67,
      },
      {
        id: p1.id,
        nameTh: 'จังหวัดหนึ่ง',
        nameEn: null,
        kind: 'province',
        agencies: 3,
        withTotal: 3,
        atOrAbove: 2,
        sharePercent: 66.67,
        meanTotal: 82,
      },
    ]);
  });

  it('lists the agencies lowest total first, with the total and level the app derives for each', async () => {
    expect(view.agencies.map((a) => [a.nameTh, a.total, a.level, a.previousTotal, a.change])).toEqual([
      ['หน่วยงาน A3', 70, 'needs-improvement', 90, -20],
      ['หน่วยงาน B4', 75, 'needs-improvement', 70, 5],
      ['หน่วยงาน B5', 85, 'good', 88, -3],
      ['หน่วยงาน A2', 86, 'pass', 84, 2],
      ['หน่วยงาน A1', 90, 'good', 80, 10],
      ['หน่วยงาน B1', 97, 'excellent', 96, 1],
      ['หน่วยงาน B2', null, null, null, null],
      ['หน่วยงาน B3', null, null, 60, null],
    ]);
    expect(view.agencies.find((a) => a.nameTh === 'หน่วยงาน B2')?.hasResult).toBe(true);
    expect(view.agencies.find((a) => a.nameTh === 'หน่วยงาน B3')?.hasResult).toBe(false);
    // The same figures as the results list derives one result at a time (derive.ts, level.ts).
    const listed = await listResultsWithScores(t.db, await t.actorFor(admin.id), {
      organizationId: ministry.id,
      fiscalYear: Y,
    });
    for (const r of listed) {
      const row = view.agencies.find((a) => a.id === r.organizationId)!;
      expect([row.total, row.level]).toEqual([r.total, r.computedLevel]);
    }
  });

  it('ranks the indicators lowest mean first, with the agencies below the threshold', () => {
    const [first, ...rest] = view.indicators;
    expect(first).toMatchObject({
      number: 1,
      mean: 76.71, // (90 + 80 + 70 + 97 + 40 + 75 + 85) / 7
      scored: 7,
      below: 4,
      meanPrevious: 84.67, // A1 80, A2 84, A3 90, B1 96, B4 70, B5 88
      withPrevious: 6,
      meanChange: -1.83, // (10 − 4 − 20 + 1 + 5 − 3) / 6
    });
    expect(first?.name_th).toBeTruthy();
    expect(rest.slice(0, 4).map((i) => [i.number, i.mean, i.scored, i.below])).toEqual([
      [2, 78.14, 7, 4],
      [3, 78.14, 7, 4],
      [4, 78.14, 7, 4],
      [5, 78.14, 7, 4],
    ]);
    expect(rest.slice(4).map((i) => [i.number, i.mean, i.scored, i.below])).toEqual(
      [6, 7, 8, 9, 10].map((n) => [n, 82.83, 6, 3]),
    );
  });

  it('names the agencies without an approved plan and without a published plan of the year', () => {
    expect(view.plans.agencies).toBe(8);
    expect(view.plans.notApproved).toBe(3);
    expect(view.plans.notApprovedList.map((a) => [a.nameTh, a.latestStatus])).toEqual([
      ['หน่วยงาน B2', 'submitted'],
      ['หน่วยงาน B3', 'draft'],
      ['หน่วยงาน B5', 'draft'],
    ]);
    expect(view.plans.notPublished).toBe(6);
    expect(view.plans.notPublishedList.map((a) => [a.nameTh, a.approved])).toEqual([
      ['หน่วยงาน A2', true],
      ['หน่วยงาน A3', true],
      ['หน่วยงาน B2', false],
      ['หน่วยงาน B3', false],
      ['หน่วยงาน B4', true],
      ['หน่วยงาน B5', false],
    ]);
  });

  it('names the agencies late in a round of the year: open, past due, a report still open', () => {
    expect(view.late.count).toBe(2);
    expect(view.late.list.map((a) => [a.nameTh, a.rounds, a.daysLate, a.openReports, a.earliestDue])).toEqual(
      [
        ['หน่วยงาน A1', 1, 10, 2, daysBefore(10)],
        ['หน่วยงาน B4', 1, 3, 1, daysBefore(3)],
      ],
    );
  });

  it('sets standard measures beside the change of the indicators they answer, as evidence with counts', () => {
    const noGiftIndicators = bundledLibrary().find((m) => m.id === NO_GIFT)!.indicators;
    expect(noGiftIndicators.length).toBeGreaterThan(0);
    const noGift = view.measures.filter((m) => m.libraryId === NO_GIFT);
    expect(noGift.map((m) => m.indicator)).toEqual([...noGiftIndicators].sort((a, b) => a - b));
    for (const m of noGift) {
      // Users: A1 (+10), A2 (−4), A3 (−20); the others with the indicator in both years: B1 (+1),
      // B4 (+5, its no-gift plan is of 2566), B5 (−3, its no-gift plan is a draft).
      expect(m).toMatchObject({
        titleTh: expect.stringContaining('No Gift Policy'),
        comparable: true,
        users: 3,
        usersRose: 1,
        usersMeanChange: -4.67,
        others: 3,
        othersRose: 2,
        othersMeanChange: 1,
      });
    }
    expect(view.measures.filter((m) => m.libraryId === ADDED)).toEqual([
      {
        libraryId: ADDED,
        titleTh: 'เปิดเผยข้อมูลสาธารณะ',
        titleEn: 'Open public data',
        indicator: 9,
        indicatorName_th: expect.any(String),
        indicatorName_en: expect.any(String),
        // Users A2 (−4) and B4 (+5): too few to compare, so no mean is given.
        comparable: false,
        users: 2,
        usersRose: 1,
        usersMeanChange: null,
        others: 4,
        othersRose: 2,
        othersMeanChange: null,
      },
    ]);
    expect(view.measures.at(-1)?.libraryId).toBe(ADDED);
  });

  it('reads in the same number of statements however many agencies there are', async () => {
    const actor = await t.actorFor(admin.id);
    const statements = async () => {
      const counting = countingDb(t.db);
      await nationalView(counting.db, actor, ministry.id, Y, now);
      return counting.count();
    };
    const before = await statements();
    for (let i = 0; i < 3; i++) {
      const extra = await t.org(p2, { nameTh: `หน่วยงานเพิ่ม ${i}`, kind: 'municipality' });
      await storeResult(t.db, extra.id, Y, all(60));
    }
    expect(await statements()).toBe(before);
    const after = await nationalView(t.db, actor, ministry.id, Y, now);
    expect(after.summary.agencies).toBe(11);
    expect(after.target.atOrAbove).toBe(4);
    expect(after.target.withTotal).toBe(9);
  });

  it('gives the bare SQL behind the view, which a pg client runs as it is', async () => {
    const statements = nationalViewSql(Y, p1.path, { today: daysBefore(0) });
    expect(statements.map((s) => s.name)).toEqual(['results', 'indicators', 'plans', 'late', 'measures']);
    // The driver's own client (PGlite or pg): text and parameters, no drizzle in between.
    const client = (
      t.db as unknown as {
        $client: { query(text: string, params: unknown[]): Promise<{ rows: Record<string, unknown>[] }> };
      }
    ).$client;
    const answers = new Map<string, Record<string, unknown>[]>();
    for (const s of statements) answers.set(s.name, (await client.query(s.text, s.params)).rows);
    const parse = (v: unknown) =>
      (typeof v === 'string' ? JSON.parse(v) : v) as Record<string, Record<string, unknown>>;
    const results = parse(answers.get('results')![0]!.view);
    expect(Number(results.summary!.agencies)).toBe(3);
    expect(Number(results.summary!.withTotal)).toBe(3);
    expect(answers.get('indicators')!.map((r) => Number(r.number))).toHaveLength(10);
    expect(Number(parse(answers.get('late')![0]!.view).count)).toBe(1);
    expect(answers.get('measures')!.map((r) => r.libraryId)).toContain(NO_GIFT);
  });
});

describe('a year the catalogue has no edition of', () => {
  it('names the levels by the edition its results were scored against', async () => {
    const province = await t.org(null, { nameTh: 'จังหวัดปีหน้า', kind: 'province' });
    const agency = await t.org(province, { nameTh: 'หน่วยงานปีหน้า', kind: 'municipality' });
    const [org] = await t.db.select().from(organizations).where(eq(organizations.id, agency.id));
    const revision = await editionForYear(t.db, 2568);
    await t.db.transaction((tx) =>
      applyScores(
        tx,
        { userId: null },
        {
          org: org!,
          fiscalYear: 2571,
          revision,
          statedLevel: null,
          scores: all(96),
          mode: 'merge',
          source: 'test',
        },
      ),
    );
    const next = await nationalView(t.db, await t.actorFor(admin.id), province.id, 2571, now);
    expect(next.edition).toEqual({ fiscalYear: 2568 });
    expect(next.levels.find((l) => l.count === 1)).toMatchObject({ code: 'excellent', name_th: 'ผ่านดีเยี่ยม' });
    expect(next.target).toMatchObject({ threshold: 85, withTotal: 1, atOrAbove: 1, met: true });
  });
});

describe('who sees which node', () => {
  it('a province secretariat sees its province and below, not the ministry nor the other province', async () => {
    const secretariat = await t.signedIn([{ role: 'secretariat', on: p1 }]);
    const own = await secretariat.get(`/api/national/${p1.id}?fiscalYear=${Y}`);
    expect(own.status).toBe(200);
    const body = (await json(own)) as NationalView;
    expect(body.summary.agencies).toBe(3);
    expect(body.ancestors).toEqual([]);
    expect(names(body.children)).toEqual(['หน่วยงาน A1', 'หน่วยงาน A2', 'หน่วยงาน A3']);
    expect((await secretariat.get(`/api/national/${ag.A1!.id}?fiscalYear=${Y}`)).status).toBe(200);
    expect((await secretariat.get(`/api/national/${ministry.id}?fiscalYear=${Y}`)).status).toBe(403);
    expect((await secretariat.get(`/api/national/${p2.id}?fiscalYear=${Y}`)).status).toBe(403);
    expect(names(await json(await secretariat.get('/api/national/roots')))).toEqual(['จังหวัดหนึ่ง']);
  });

  it('an agency executive sees its own agency only; a unit reporter sees no national view', async () => {
    const executive = await t.signedIn([{ role: 'executive', on: ag.A1! }]);
    const own = (await json(await executive.get(`/api/national/${ag.A1!.id}`))) as NationalView;
    expect(own.fiscalYear).toBe(Y);
    expect(own.summary.agencies).toBe(1);
    expect(own.agencies.map((a) => a.total)).toEqual([90]);
    expect((await executive.get(`/api/national/${p1.id}`)).status).toBe(403);
    const reporter = await t.signedIn([{ role: 'unit_reporter', on: ag.A1! }]);
    expect((await reporter.get(`/api/national/${ag.A1!.id}`)).status).toBe(403);
    expect(await json(await reporter.get('/api/national/roots'))).toEqual([]);
  });

  it('a viewer on the ministry opens a province with the ministry in its breadcrumb', async () => {
    const viewer = await t.signedIn([{ role: 'viewer', on: ministry }]);
    const body = (await json(await viewer.get(`/api/national/${p2.id}?fiscalYear=${Y}`))) as NationalView;
    expect(names(body.ancestors)).toEqual(['กระทรวงทดสอบ']);
    expect(body.summary.agencies).toBe(8); // B1–B5 and the three added by the statements test
    expect(names(await json(await viewer.get('/api/national/roots')))).toEqual(['กระทรวงทดสอบ']);
  });

  it('refuses a year outside the range and a node with no results at all', async () => {
    expect((await admin.get(`/api/national/${ministry.id}?fiscalYear=99`)).status).toBe(400);
    const empty = await t.org(null, { nameTh: 'ว่าง' });
    const res = await admin.get(`/api/national/${empty.id}`);
    expect(res.status).toBe(404);
    expect((await json(res)).error.message_en).toMatch(/ITA results/);
  });
});
