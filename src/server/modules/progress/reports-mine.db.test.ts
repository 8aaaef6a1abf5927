import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planContentSchema } from '#shared/plans/contract.ts';
import { countingDb } from '../../../../tests/support/count-queries.ts';
import {
  createTestContext,
  json,
  type TestContext,
  type TestOrg,
} from '../../../../tests/support/test-app.ts';
import { plans, reportSlots, rounds } from '../../db/schema/index.ts';
import { mySlots } from './reports.service.ts';

let t: TestContext;
let province: TestOrg;
let unitA: TestOrg;
let reporter: Awaited<ReturnType<TestContext['signedIn']>>;

const contentFor = (unit: TestOrg) =>
  planContentSchema.parse({
    title: 'แผนที่ติดตาม',
    issues: [
      {
        id: 'i1',
        title: 'ประเด็น',
        measures: ['m1', 'm2', 'm3'].map((id) => ({
          id,
          title: `มาตรการ ${id}`,
          responsible: { unitIds: [unit.id] },
        })),
      },
    ],
  });

/** A circulated plan of `org` with a round in `status`, holding a report of `unit` for each measure given. */
async function planWithRound(
  org: TestOrg,
  unit: TestOrg,
  status: string,
  measureIds: string[],
  createdAt?: Date,
) {
  const [plan] = await t.db
    .insert(plans)
    .values({ organizationId: org.id, fiscalYear: 2568, status: 'circulated', content: contentFor(unit) })
    .returning({ id: plans.id });
  return roundOf(plan!.id, unit, status, measureIds, createdAt);
}

async function roundOf(
  planId: string,
  unit: TestOrg,
  status: string,
  measureIds: string[],
  createdAt?: Date,
) {
  const [round] = await t.db
    .insert(rounds)
    .values({
      planId,
      kind: 'custom',
      labelTh: `รอบ ${status}`,
      periodStart: '2024-10-01',
      periodEnd: '2025-03-31',
      dueDate: '2025-04-30',
      status,
      ...(createdAt ? { createdAt } : {}),
    })
    .returning({ id: rounds.id });
  const slots = await t.db
    .insert(reportSlots)
    .values(measureIds.map((measureId) => ({ roundId: round!.id, measureId, unitId: unit.id })))
    .returning({ id: reportSlots.id, measureId: reportSlots.measureId });
  return { planId, roundId: round!.id, slots };
}

async function queries() {
  const actor = await t.actorFor(reporter.id);
  const counting = countingDb(t.db);
  const items = await mySlots(counting.db, actor);
  return { n: counting.count(), items };
}

beforeAll(async () => {
  t = await createTestContext();
  province = await t.org(null, { nameTh: 'จังหวัดที่รายงาน' });
  unitA = await t.org(province, { nameTh: 'หน่วยที่รายงาน' });
  reporter = await t.signedIn([{ role: 'unit_reporter', on: unitA }]);
});
afterAll(() => t.close());

describe('the reports a unit must send (reports/mine)', () => {
  it('reads only the caller’s units’ open reports, with last round’s answers, in the same queries however many', async () => {
    // Last round (closed) answered m1; this round (open) asks for m1.
    const earlier = await planWithRound(province, unitA, 'closed', ['m1'], new Date('2025-01-01T00:00:00Z'));
    await t.db
      .update(reportSlots)
      .set({ progress: 'in_progress', percent: 40, result: 'ทำไปครึ่งทาง' })
      .where(eq(reportSlots.id, earlier.slots[0]!.id));
    const open = await roundOf(earlier.planId, unitA, 'open', ['m1']);
    const first = await queries();
    expect(first.items.map((s) => s.id)).toEqual([open.slots[0]!.id]);
    expect(first.items[0]!.previous).toMatchObject({
      roundLabel: 'รอบ closed',
      percent: 40,
      result: 'ทำไปครึ่งทาง',
    });

    // Thirty other provinces with open rounds: none of their reports is read or listed.
    for (let i = 0; i < 30; i++) {
      const other = await t.org(null, { nameTh: `จังหวัดอื่น ${i}` });
      const otherUnit = await t.org(other, { nameTh: `หน่วยอื่น ${i}` });
      await planWithRound(other, otherUnit, 'open', ['m1', 'm2']);
    }
    // Two more own reports in the open round.
    await t.db
      .insert(reportSlots)
      .values(['m2', 'm3'].map((measureId) => ({ roundId: open.roundId, measureId, unitId: unitA.id })));
    const later = await queries();
    expect(later.n).toBe(first.n);
    expect(later.items.map((s) => s.measureId)).toEqual(['m1', 'm2', 'm3']);
    expect(later.items.every((s) => s.unitId === unitA.id)).toBe(true);
    expect(later.items.map((s) => s.previous?.percent ?? null)).toEqual([40, null, null]);

    const r = await reporter.get('/api/reports/mine');
    expect(r.status).toBe(200);
    expect(((await json(r)) as { id: string }[]).map((s) => s.id)).toEqual(later.items.map((s) => s.id));
  });
});
