import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiscalYearOf } from '#shared/format/thai.ts';
import type { Home } from '#shared/home/contract.ts';
import { planContentSchema } from '#shared/plans/contract.ts';
import { countingDb } from '../../../../tests/support/count-queries.ts';
import {
  createTestContext,
  json,
  type TestContext,
  type TestOrg,
} from '../../../../tests/support/test-app.ts';
import {
  analyses,
  assessmentResults,
  catalogueRevisions,
  documents,
  oitItems,
  planAcknowledgements,
  plans,
  publications,
  reportSlots,
  rounds,
} from '../../db/schema/index.ts';
import { bangkokDate } from '../reminders/plan-reminders.ts';
import { homeOf } from './home.service.ts';

/**
 * One province and two units in the current fiscal year: a circulated plan that unit B acknowledged,
 * its open 6-month round past its due date (A has not reported, B's report waits for review), a closed
 * monthly round with no document, a plan for next year waiting for the executive, a failing OIT link.
 * Each role sees only what waits for it.
 */
type Client = Awaited<ReturnType<TestContext['signedIn']>>;
let t: TestContext;
let province: TestOrg;
let unitA: TestOrg;
let unitB: TestOrg;
let secretariat: Client;
let executive: Client;
let reporterA: Client;
let reporterB: Client;
let viewer: Client;
let circulatedId: string;
let submittedId: string;
let openRoundId: string;
let closedRoundId: string;
let slotA: string;
let slotB: string;

const now = new Date();
const fy = fiscalYearOf(now);
const today = bangkokDate(now);
const daysFromToday = (days: number) => bangkokDate(new Date(now.getTime() + days * 86_400_000));

function planContent(units: TestOrg[]) {
  return planContentSchema.parse({
    title: `แผนมาตรการ ปี ${fy}`,
    issues: [
      { id: 'i1', title: 'ประเด็นแรก', measures: [{ id: 'm0', title: 'มาตรการของจังหวัด' }] },
      {
        id: 'i2',
        title: 'ประเด็นที่สอง',
        measures: [
          { id: 'm1', title: 'เปิดเผยข้อมูลการให้บริการ', responsible: { unitIds: units.map((u) => u.id) } },
        ],
      },
    ],
  });
}

const home = async (client: Client) => {
  const res = await client.get('/api/home');
  expect(res.status).toBe(200);
  return (await json(res)) as Home;
};

beforeAll(async () => {
  t = await createTestContext();
  province = await t.org(null, { nameTh: 'จังหวัดทดสอบ' });
  unitA = await t.org(province, { nameTh: 'หน่วยงาน ก' });
  unitB = await t.org(province, { nameTh: 'หน่วยงาน ข' });
  secretariat = await t.signedIn([{ role: 'secretariat', on: province }]);
  executive = await t.signedIn([{ role: 'executive', on: province }]);
  reporterA = await t.signedIn([{ role: 'unit_reporter', on: unitA }]);
  reporterB = await t.signedIn([{ role: 'unit_reporter', on: unitB }]);
  viewer = await t.signedIn([{ role: 'viewer', on: province }]);

  const [revision] = await t.db
    .insert(catalogueRevisions)
    .values({
      fiscalYear: fy - 1,
      revision: 1,
      titleTh: 'x',
      titleEn: 'x',
      content: {},
      contentHash: 'x',
      origin: 'test',
    })
    .returning();
  const [result] = await t.db
    .insert(assessmentResults)
    .values({ organizationId: province.id, fiscalYear: fy - 1, catalogueRevisionId: revision!.id })
    .returning();
  await t.db.insert(analyses).values({ resultId: result!.id, title: 'วิเคราะห์', settings: {}, outcome: {} });

  const [circulated] = await t.db
    .insert(plans)
    .values({
      organizationId: province.id,
      fiscalYear: fy,
      status: 'circulated',
      content: planContent([unitA, unitB]),
      decidedAt: new Date(now.getTime() - 20 * 86_400_000),
      circulatedAt: new Date(now.getTime() - 19 * 86_400_000),
    })
    .returning();
  circulatedId = circulated!.id;
  await t.db
    .insert(planAcknowledgements)
    .values({ planId: circulatedId, unitId: unitB.id, acknowledgedBy: reporterB.id });
  const [submitted] = await t.db
    .insert(plans)
    .values({
      organizationId: province.id,
      fiscalYear: fy + 1,
      status: 'submitted',
      content: planContent([unitA]),
    })
    .returning();
  submittedId = submitted!.id;

  const [open] = await t.db
    .insert(rounds)
    .values({
      planId: circulatedId,
      kind: '6m',
      labelTh: 'รอบ ๖ เดือน',
      periodStart: daysFromToday(-60),
      periodEnd: daysFromToday(-5),
      dueDate: daysFromToday(-2),
      status: 'open',
    })
    .returning();
  openRoundId = open!.id;
  const slots = await t.db
    .insert(reportSlots)
    .values([
      { roundId: openRoundId, measureId: 'm1', unitId: unitA.id, state: 'draft' },
      { roundId: openRoundId, measureId: 'm1', unitId: unitB.id, state: 'submitted' },
    ])
    .returning();
  slotA = slots[0]!.id;
  slotB = slots[1]!.id;
  const [closed] = await t.db
    .insert(rounds)
    .values({
      planId: circulatedId,
      kind: 'monthly',
      labelTh: 'รอบเดือนแรก',
      periodStart: daysFromToday(-60),
      periodEnd: daysFromToday(-30),
      dueDate: daysFromToday(-25),
      status: 'closed',
      closedAt: new Date(now.getTime() - 24 * 86_400_000),
    })
    .returning();
  closedRoundId = closed!.id;
  await t.db
    .insert(reportSlots)
    .values({ roundId: closedRoundId, measureId: 'm1', unitId: unitA.id, state: 'accepted' });

  const check = (reachable: boolean) => ({
    checkedAt: now.toISOString(),
    url: 'https://example.test/o1',
    finalUrl: null,
    httpStatus: reachable ? 200 : 404,
    reachable,
    needsLogin: false,
    contentType: null,
    lastModified: null,
    mentionsFiscalYear: null,
    redirects: 0,
    bytesRead: 0,
    truncated: false,
    durationMs: 5,
    error: null,
  });
  await t.db.insert(oitItems).values([
    {
      organizationId: province.id,
      fiscalYear: fy,
      itemCode: 'o1',
      url: 'https://example.test/o1',
      lastCheck: check(false),
    },
    {
      organizationId: province.id,
      fiscalYear: fy,
      itemCode: 'o2',
      url: 'https://example.test/o2',
      lastCheck: check(true),
    },
  ]);
});
afterAll(() => t.close());

describe('GET /api/home', () => {
  it('the executive finds the plan waiting for approval, one link to the plan page', async () => {
    const answer = await home(executive);
    expect(answer.items).toEqual([
      expect.objectContaining({
        kind: 'plan_to_approve',
        state: 'waiting',
        href: `/plans/${submittedId}`,
        fiscalYear: fy + 1,
        organization: { id: province.id, nameTh: 'จังหวัดทดสอบ', nameEn: null },
      }),
    ]);
    expect(answer.menu).toEqual({ plans: 1, tasks: 0, oit: 0 });
    expect(answer.today).toBe(today);
  });

  it('the secretariat finds the late round first, then what waits without a deadline', async () => {
    const answer = await home(secretariat);
    expect(answer.items.map((i) => i.kind)).toEqual([
      'round_reports_missing',
      'units_not_acknowledged',
      'reports_to_review',
      'round_documents',
      'oit_links_failing',
    ]);
    const [missing, unacknowledged, review, docs, oit] = answer.items;
    expect(missing).toMatchObject({
      state: 'late',
      deadline: daysFromToday(-2),
      count: 1,
      units: [{ id: unitA.id, nameTh: 'หน่วยงาน ก' }],
      href: `/rounds/${openRoundId}`,
    });
    expect(unacknowledged).toMatchObject({
      count: 1,
      units: [{ id: unitA.id }],
      href: `/plans/${circulatedId}`,
    });
    // One report to review: the link opens it directly.
    expect(review).toMatchObject({ count: 1, href: `/reports/${slotB}` });
    expect(docs).toMatchObject({
      subject: 'รอบเดือนแรก',
      documents: { generated: false, published: false },
      href: `/rounds/${closedRoundId}`,
    });
    expect(oit).toMatchObject({ count: 1, href: `/oit?org=${province.id}&year=${fy}` });
    // The secretariat does not approve.
    expect(answer.items.some((i) => i.kind === 'plan_to_approve')).toBe(false);
    expect(answer.menu).toEqual({ plans: 4, tasks: 0, oit: 1 });
    expect(answer.total).toBe(5);
  });

  it('unit A’s reporter: the late report first (with its measure number), then the acknowledgement', async () => {
    const answer = await home(reporterA);
    expect(answer.items).toEqual([
      expect.objectContaining({
        kind: 'report_due',
        state: 'late',
        number: '(2.1)',
        subject: 'เปิดเผยข้อมูลการให้บริการ',
        deadline: daysFromToday(-2),
        href: `/reports/${slotA}`,
        units: [expect.objectContaining({ id: unitA.id })],
      }),
      expect.objectContaining({
        kind: 'plan_to_acknowledge',
        href: '/tasks',
        units: [expect.objectContaining({ id: unitA.id })],
      }),
    ]);
    expect(answer.menu).toEqual({ plans: 0, tasks: 2, oit: 0 });
  });

  it('unit B, which acknowledged and sent its report, has nothing waiting; a returned report comes back', async () => {
    expect((await home(reporterB)).items).toEqual([]);
    await t.db.update(reportSlots).set({ state: 'returned' }).where(eq(reportSlots.id, slotB));
    const answer = await home(reporterB);
    expect(answer.items).toEqual([
      expect.objectContaining({ kind: 'report_due', state: 'returned', href: `/reports/${slotB}` }),
    ]);
    await t.db.update(reportSlots).set({ state: 'submitted' }).where(eq(reportSlots.id, slotB));
  });

  it('a viewer has nothing waiting and sees the province’s cycle with the dates it happened', async () => {
    const answer = await home(viewer);
    expect(answer.items).toEqual([]);
    expect(answer.total).toBe(0);
    expect(answer.cycles).toHaveLength(1);
    const [cycle] = answer.cycles;
    expect(cycle).toMatchObject({
      organization: { id: province.id },
      fiscalYear: fy,
      resultYear: fy - 1,
      planHref: `/plans/${circulatedId}`,
    });
    expect(cycle!.stages.map((s) => `${s.stage}:${s.state}`)).toEqual([
      'result:done',
      'analysis:done',
      'plan_approved:done',
      'circulated:done',
      'round_6m:current',
      'round_12m:not_yet',
      'published:not_yet',
    ]);
    expect(cycle!.stages[0]).toMatchObject({ doneOn: today, calendarDate: `${fy - 544}-10-01` });
    expect(cycle!.stages[2]!.doneOn).toBe(daysFromToday(-20));
    expect(cycle!.stages[4]!.calendarDate).toBe(`${fy - 543}-03-31`);
  });

  it('a unit reporter’s cycle is the province’s: the plan is made above the unit', async () => {
    const answer = await home(reporterA);
    expect(answer.cycles.map((c) => c.organization.id)).toEqual([province.id]);
  });

  it('a closed round asks to publish once its document is generated, and nothing once published', async () => {
    const docsItem = async () => (await home(secretariat)).items.find((i) => i.kind === 'round_documents');
    expect((await docsItem())?.documents).toEqual({ generated: false, published: false });
    const [doc] = await t.db
      .insert(documents)
      .values({
        organizationId: province.id,
        fiscalYear: fy,
        kind: 'round',
        subjectType: 'round',
        subjectId: closedRoundId,
        versionNo: 1,
        inputsHash: 'h',
        inputsLabel: 'รอบ',
        options: {},
        title: 'รายงาน',
      })
      .returning();
    expect((await docsItem())?.documents).toEqual({ generated: true, published: false });
    const [pub] = await t.db
      .insert(publications)
      .values({
        organizationId: province.id,
        fiscalYear: fy,
        kind: 'round',
        pathKey: 'round/monthly-1',
        versionNo: 1,
        subjectId: closedRoundId,
        documentId: doc!.id,
        title: 'รายงาน',
        model: {},
        changeSummary: 'ฉบับแรก',
      })
      .returning();
    expect(await docsItem()).toBeUndefined();
    // Withdrawn, it is no longer published.
    await t.db.update(publications).set({ withdrawnAt: new Date() }).where(eq(publications.id, pub!.id));
    expect((await docsItem())?.documents).toEqual({ generated: true, published: false });
  });

  it('reads in the same number of queries however many plans, rounds and reports there are', async () => {
    const actor = await t.actorFor(secretariat.id);
    const queriesFor = async () => {
      const counting = countingDb(t.db);
      await homeOf(counting.db, actor, now);
      return counting.count();
    };
    const before = await queriesFor();
    for (let i = 0; i < 3; i++) {
      const other = await t.org(province, { nameTh: `หน่วยงานเพิ่ม ${i}` });
      const [p] = await t.db
        .insert(plans)
        .values({
          organizationId: other.id,
          fiscalYear: fy,
          status: 'circulated',
          content: planContent([unitA, unitB]),
        })
        .returning();
      const [r] = await t.db
        .insert(rounds)
        .values({
          planId: p!.id,
          kind: 'custom',
          labelTh: `รอบ ${i}`,
          periodStart: daysFromToday(-30),
          periodEnd: daysFromToday(-1),
          dueDate: daysFromToday(-1),
          status: 'open',
        })
        .returning();
      await t.db.insert(reportSlots).values([
        { roundId: r!.id, measureId: 'm1', unitId: unitA.id, state: 'pending' },
        { roundId: r!.id, measureId: 'm1', unitId: unitB.id, state: 'submitted' },
      ]);
    }
    const after = await queriesFor();
    expect(after).toBe(before);
    const answer = await home(secretariat);
    expect(answer.items.filter((i) => i.kind === 'round_reports_missing')).toHaveLength(4);
  });

  it('a deployment-wide admin sees what the secretariat sees, for every organisation, without a cycle of its own', async () => {
    const admin = await t.signedIn([{ role: 'admin', on: null }]);
    const answer = await home(admin);
    const kinds = new Set(answer.items.map((i) => i.kind));
    for (const kind of [
      'round_reports_missing',
      'units_not_acknowledged',
      'reports_to_review',
      'oit_links_failing',
    ])
      expect(kinds).toContain(kind);
    // An admin does not approve (the executive does) nor report for a unit.
    expect(kinds).not.toContain('plan_to_approve');
    expect(kinds).not.toContain('report_due');
    expect(answer.cycles).toEqual([]);
  });

  it('needs a session', async () => {
    expect((await t.client().get('/api/home')).status).toBe(401);
  });
});

describe('GET /api/home/latest-result-year', () => {
  it('gives the latest year with a result in the organisation or below it, null when none', async () => {
    const res = await secretariat.get(`/api/home/latest-result-year?organizationId=${province.id}`);
    expect(await json(res)).toEqual({ fiscalYear: fy - 1 });
    const none = await reporterA.get(`/api/home/latest-result-year?organizationId=${unitA.id}`);
    expect(await json(none)).toEqual({ fiscalYear: null });
  });

  it('refuses an organisation outside the caller’s roles', async () => {
    const elsewhere = await t.org(null, { nameTh: 'จังหวัดอื่น' });
    expect((await reporterA.get(`/api/home/latest-result-year?organizationId=${elsewhere.id}`)).status).toBe(
      403,
    );
  });
});
