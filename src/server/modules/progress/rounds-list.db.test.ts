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
import { listRounds, MAX_ROUNDS_PER_PLAN } from './rounds.service.ts';

let t: TestContext;
let province: TestOrg;
let unit: TestOrg;
let secretariat: Awaited<ReturnType<TestContext['signedIn']>>;
let planId: string;

beforeAll(async () => {
  t = await createTestContext();
  province = await t.org(null, { nameTh: 'จังหวัดรอบ' });
  unit = await t.org(province, { nameTh: 'หน่วยรอบ' });
  secretariat = await t.signedIn([{ role: 'secretariat', on: province }]);
  const [plan] = await t.db
    .insert(plans)
    .values({
      organizationId: province.id,
      fiscalYear: 2568,
      status: 'circulated',
      content: planContentSchema.parse({ title: 'แผนที่มีหลายรอบ' }),
    })
    .returning({ id: plans.id });
  planId = plan!.id;
});
afterAll(() => t.close());

/** Rounds of the plan, each with `slots` reports of the unit. */
async function addRounds(n: number, slots: number) {
  const made = await t.db
    .insert(rounds)
    .values(
      Array.from({ length: n }, (_, i) => ({
        planId,
        kind: 'custom',
        labelTh: `รอบที่ ${i + 1}`,
        periodStart: '2024-10-01',
        periodEnd: '2025-03-31',
        dueDate: '2025-04-30',
      })),
    )
    .returning({ id: rounds.id });
  for (const r of made) {
    if (slots === 0) continue;
    await t.db
      .insert(reportSlots)
      .values(
        Array.from({ length: slots }, (_, k) => ({ roundId: r.id, measureId: `m${k}`, unitId: unit.id })),
      );
  }
  return made;
}

async function queries() {
  const actor = await t.actorFor(secretariat.id);
  const counting = countingDb(t.db);
  const list = await listRounds(counting.db, actor, planId);
  return { n: counting.count(), list };
}

describe('the rounds of a plan', () => {
  it('are read with their report counts in the same queries however many rounds there are', async () => {
    await addRounds(1, 3);
    const one = await queries();
    expect(one.list.map((r) => r.slotCount)).toEqual([3]);
    await addRounds(MAX_ROUNDS_PER_PLAN - 2, 2);
    const many = await queries();
    expect(many.list).toHaveLength(MAX_ROUNDS_PER_PLAN - 1);
    expect(many.n).toBe(one.n);
    expect(many.list.reduce((sum, r) => sum + r.slotCount, 0)).toBe(3 + (MAX_ROUNDS_PER_PLAN - 2) * 2);
  });

  it(`holds at most ${MAX_ROUNDS_PER_PLAN} rounds: one more is refused in Thai and English, nothing written`, async () => {
    const last = await secretariat.post('/api/rounds', { planId, kind: '6m', dueDate: '2025-04-30' });
    expect(last.status, await last.clone().text()).toBe(201);
    const refused = await secretariat.post('/api/rounds', { planId, kind: '12m', dueDate: '2025-10-31' });
    expect(refused.status).toBe(400);
    const detail = (await json(refused)).error.details[0];
    expect(detail.path).toBe('planId');
    expect(detail.message_th).toContain(`${MAX_ROUNDS_PER_PLAN} รอบ`);
    expect(detail.message_en).toContain(`${MAX_ROUNDS_PER_PLAN} follow-up rounds`);
    expect(await json(await secretariat.get(`/api/rounds?planId=${planId}`))).toHaveLength(
      MAX_ROUNDS_PER_PLAN,
    );
  });
});
