import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planContentSchema } from '#shared/plans/contract.ts';
import {
  createTestContext,
  json,
  type TestContext,
  type TestOrg,
} from '../../../../tests/support/test-app.ts';
import { plans } from '../../db/schema/index.ts';

let t: TestContext;
let province: TestOrg;
let admin: Awaited<ReturnType<TestContext['signedIn']>>;

beforeAll(async () => {
  t = await createTestContext();
  province = await t.org(null, { nameTh: 'จังหวัดทดสอบ' });
  admin = await t.signedIn([{ role: 'admin', on: province }]);
});
afterAll(() => t.close());

describe('the plans list', () => {
  it('lists plans with equal year and version in id order, the same at every read', async () => {
    const content = planContentSchema.parse({ title: 'แผนมาตรการ' });
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) {
      const unit = await t.org(province, { nameTh: `หน่วยที่ ${i}` });
      const [plan] = await t.db
        .insert(plans)
        .values({ organizationId: unit.id, fiscalYear: 2568, status: 'circulated', content })
        .returning({ id: plans.id });
      ids.push(plan!.id);
    }
    const r = await admin.get(`/api/plans?organizationId=${province.id}&fiscalYear=2568`);
    expect(r.status, await r.clone().text()).toBe(200);
    const listed = ((await json(r)) as { id: string }[]).map((p) => p.id);
    expect(listed).toEqual([...ids].sort());
  });
});
