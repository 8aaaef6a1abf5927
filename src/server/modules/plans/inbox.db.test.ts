import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planContentSchema } from '#shared/plans/contract.ts';
import { countingDb } from '../../../../tests/support/count-queries.ts';
import {
  createTestContext,
  json,
  type TestContext,
  type TestOrg,
} from '../../../../tests/support/test-app.ts';
import { planAcknowledgements, plans } from '../../db/schema/index.ts';
import { inbox } from './plan-workflow.service.ts';

let t: TestContext;
let province: TestOrg;
let unitA: TestOrg;
let unitB: TestOrg;
let reporter: Awaited<ReturnType<TestContext['signedIn']>>;
type Item = { planId: string; unitId: string; fiscalYear: number; acknowledgedAt: string | null };

const contentFor = (units: TestOrg[]) =>
  planContentSchema.parse({
    title: 'แผนมาตรการ',
    issues: [
      {
        id: 'i1',
        title: 'ประเด็น',
        measures: [{ id: 'm1', title: 'มาตรการของหน่วย', responsible: { unitIds: units.map((u) => u.id) } }],
      },
    ],
  });

/** Circulated plans of `org` for each year, naming `units` responsible. */
async function circulated(org: TestOrg, units: TestOrg[], years: number[]) {
  return t.db
    .insert(plans)
    .values(
      years.map((fiscalYear) => ({
        organizationId: org.id,
        fiscalYear,
        status: 'circulated',
        content: contentFor(units),
      })),
    )
    .returning({ id: plans.id, fiscalYear: plans.fiscalYear });
}

async function queries() {
  const actor = await t.actorFor(reporter.id);
  const counting = countingDb(t.db);
  const items = await inbox(counting.db, actor);
  return { n: counting.count(), items };
}

beforeAll(async () => {
  t = await createTestContext();
  province = await t.org(null, { nameTh: 'จังหวัดของหน่วย' });
  unitA = await t.org(province, { nameTh: 'หน่วย ก' });
  unitB = await t.org(province, { nameTh: 'หน่วย ข' });
  reporter = await t.signedIn([{ role: 'unit_reporter', on: unitA }]);
});
afterAll(() => t.close());

describe('the unit inbox (tasks)', () => {
  it('reads the plans above the caller’s units only, in the same three queries however many plans there are', async () => {
    const own = await circulated(province, [unitA, unitB], [2567]);
    const first = await queries();
    expect(first.items.map((i) => [i.planId, i.unitId])).toEqual([[own[0]!.id, unitA.id]]);
    expect(first.n).toBeLessThanOrEqual(3);

    // Thirty other provinces' plans: none is read, none is listed.
    for (let i = 0; i < 30; i++) {
      const other = await t.org(null, { nameTh: `จังหวัดอื่น ${i}` });
      const otherUnit = await t.org(other, { nameTh: `หน่วยอื่น ${i}` });
      await circulated(other, [otherUnit], [2567, 2568]);
    }
    // More years of the own province's plans, one acknowledged.
    const more = await circulated(province, [unitA, unitB], [2568, 2569, 2570]);
    await t.db
      .insert(planAcknowledgements)
      .values({ planId: more[1]!.id, unitId: unitA.id, acknowledgedBy: reporter.id });
    const later = await queries();
    expect(later.n).toBe(first.n);
    expect(later.items.map((i) => i.fiscalYear)).toEqual([2570, 2569, 2568, 2567]);
    expect(later.items.every((i) => i.unitId === unitA.id)).toBe(true);
    expect(later.items.filter((i) => i.acknowledgedAt !== null).map((i) => i.planId)).toEqual([more[1]!.id]);

    const r = await reporter.get('/api/plans/inbox');
    expect(r.status).toBe(200);
    expect(((await json(r)) as Item[]).map((i) => i.planId)).toEqual(later.items.map((i) => i.planId));
  });
});
