import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type PlanExpectations,
  type SeedPlanFixture,
  summarizePlan,
  valueAt,
} from './fixtures/plans/plan-builder.ts';
import { seed000, seed000Expectations } from './fixtures/plans/seed-000.ts';
import { seed001, seed001Expectations } from './fixtures/plans/seed-001.ts';
import { createTestContext, json, type TestContext } from './support/test-app.ts';

/**
 * Two real agencies' plans (seeds 000 and 001) entered through the API, stored, read back and compared
 * part by part: issues to improve and to keep, points, steps, several units per measure with their own
 * months, outside bodies, the monitoring column.
 */
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  const { loadBundledEditions } = await import('../src/server/modules/catalogue/catalogue.service.ts');
  await loadBundledEditions(t.db);
});
afterAll(() => t.close());

const cases: [string, SeedPlanFixture, PlanExpectations][] = [
  ['seed 000 (Surat Thani, fiscal 2565)', seed000, seed000Expectations],
  ['seed 001 (Tak, fiscal 2568)', seed001, seed001Expectations],
];

describe.each(cases)('%s entered as a plan', (_name, fixture, expectations) => {
  it('keeps all of its structure through the API', async () => {
    const agency = await t.org(null, { nameTh: fixture.organization.nameTh });
    const unitIdByKey: Record<string, string> = {};
    for (const unit of fixture.units)
      unitIdByKey[unit.key] = (await t.org(agency, { nameTh: unit.nameTh })).id;
    const secretariat = await t.signedIn([{ role: 'secretariat', on: agency }]);
    const created = await json(
      await secretariat.post('/api/plans', { organizationId: agency.id, fiscalYear: fixture.fiscalYear }),
    );
    let n = 0;
    const content = fixture.build(unitIdByKey, () => `seed-${++n}`);
    const saved = await secretariat.request('PUT', `/api/plans/${created.id}`, {
      rowVersion: created.rowVersion,
      content,
    });
    expect(saved.status, await saved.clone().text()).toBe(200);
    const stored = await json(await secretariat.get(`/api/plans/${created.id}`));
    expect(stored.content).toEqual(content);
    expect(summarizePlan(stored.content, unitIdByKey)).toEqual(expectations.summary);
    for (const { path, value } of expectations.strings) expect(valueAt(stored.content, path)).toEqual(value);
  });
});
