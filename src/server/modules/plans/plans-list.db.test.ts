import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planContentSchema } from '#shared/plans/contract.ts';
import { countingDb } from '../../../../tests/support/count-queries.ts';
import {
  createTestContext,
  json,
  type TestContext,
  type TestOrg,
} from '../../../../tests/support/test-app.ts';
import { plans } from '../../db/schema/index.ts';
import { listPlans } from './plans.service.ts';

let t: TestContext;
let province: TestOrg;
let admin: Awaited<ReturnType<TestContext['signedIn']>>;
type Row = { id: string; organizationId: string; fiscalYear: number; versionNo: number };
type Page = { items: Row[]; nextCursor: string | null };

beforeAll(async () => {
  t = await createTestContext();
  province = await t.org(null, { nameTh: 'จังหวัดทดสอบ' });
  admin = await t.signedIn([{ role: 'admin', on: province }]);
});
afterAll(() => t.close());

/** Every plan the list gives from its first page to its last, `limit` at a time. */
async function walk(query: string, limit: number) {
  const seen: Row[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const r = await admin.get(`/api/plans?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(r.status, await r.clone().text()).toBe(200);
    const body = (await json(r)) as Page;
    expect(body.items.length).toBeLessThanOrEqual(limit);
    seen.push(...body.items);
    cursor = body.nextCursor;
    pages += 1;
  } while (cursor);
  return { seen, pages };
}

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
    const listed = ((await json(r)) as Page).items.map((p) => p.id);
    expect(listed).toEqual([...ids].sort());
  });

  describe('a page at a time', () => {
    let region: TestOrg;
    let units: TestOrg[];
    const YEARS = [2566, 2567, 2568];
    beforeAll(async () => {
      region = await t.org(province, { nameTh: 'เขตหลายหน่วย' });
      units = [];
      for (let i = 0; i < 40; i++) units.push(await t.org(region, { nameTh: `หน่วยในเขต ${i}` }));
      const content = planContentSchema.parse({
        title: 'แผนที่มีประเด็น',
        issues: [
          {
            id: 'i1',
            title: 'ประเด็นที่ ๑',
            measures: [
              { id: 'm1', title: 'มาตรการ ก' },
              { id: 'm2', title: 'มาตรการ ข' },
            ],
          },
          { id: 'i2', title: 'ประเด็นที่ ๒', measures: [{ id: 'm3', title: 'มาตรการ ค' }] },
        ],
      });
      // Three years, two versions a year for every unit: many plans share year and version.
      for (const fiscalYear of YEARS) {
        for (const versionNo of [1, 2]) {
          await t.db.insert(plans).values(
            units.map((u) => ({
              organizationId: u.id,
              fiscalYear,
              versionNo,
              status: versionNo === 1 ? 'superseded' : 'circulated',
              content,
            })),
          );
        }
      }
    });

    it('walks every plan exactly once: newest year first, then the highest version, ties by id', async () => {
      const { seen, pages } = await walk(`organizationId=${region.id}`, 37);
      const total = units.length * YEARS.length * 2;
      expect(seen).toHaveLength(total);
      expect(new Set(seen.map((p) => p.id)).size).toBe(total);
      expect(pages).toBe(Math.ceil(total / 37));
      const sorted = [...seen].sort(
        (a, b) =>
          b.fiscalYear - a.fiscalYear ||
          b.versionNo - a.versionNo ||
          (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      );
      expect(seen.map((p) => p.id)).toEqual(sorted.map((p) => p.id));
      // The same walk with another page size gives the same order.
      expect((await walk(`organizationId=${region.id}`, 100)).seen.map((p) => p.id)).toEqual(
        seen.map((p) => p.id),
      );
    });

    it('reads the title and the counts of issues and measures from the content', async () => {
      const first = (await json(await admin.get(`/api/plans?organizationId=${units[0]!.id}`))) as Page;
      expect(first.items).toHaveLength(6);
      expect(first.items[0]).toMatchObject({
        title: 'แผนที่มีประเด็น',
        issueCount: 2,
        measureCount: 3,
        organizationNameTh: 'หน่วยในเขต 0',
      });
    });

    it('reads a page in the same queries whatever its size', async () => {
      const actor = await t.actorFor(admin.id);
      const queriesFor = async (limit: number) => {
        const counting = countingDb(t.db);
        const page = await listPlans(counting.db, actor, { organizationId: region.id, limit });
        expect(page.items).toHaveLength(limit);
        return counting.count();
      };
      const small = await queriesFor(2);
      expect(await queriesFor(240)).toBe(small);
      expect(small).toBeLessThanOrEqual(2);
    });

    it("binds each caller's own scope, year and cursor to the kept statement of a shape", async () => {
      // The same shape (one subtree, a year, a cursor) read by three callers one after another:
      // a statement kept with the first caller's values would list their plans to the others.
      const callers = [units[5]!, units[6]!, units[7]!].map(async (unit) => ({
        unit,
        client: await t.signedIn([{ role: 'secretariat', on: unit }]),
      }));
      for (const { unit, client } of await Promise.all(callers)) {
        const first = (await json(await client.get('/api/plans?fiscalYear=2567&limit=1'))) as Page;
        expect(first.items.map((p) => [p.organizationId, p.fiscalYear, p.versionNo])).toEqual([
          [unit.id, 2567, 2],
        ]);
        const next = (await json(
          await client.get(`/api/plans?fiscalYear=2567&limit=1&cursor=${first.nextCursor}`),
        )) as Page;
        expect(next.items.map((p) => [p.organizationId, p.fiscalYear, p.versionNo])).toEqual([
          [unit.id, 2567, 1],
        ]);
        expect(next.nextCursor).toBeNull();
      }
      // Two subtrees: both, and nothing else.
      const two = await t.signedIn([
        { role: 'viewer', on: units[8]! },
        { role: 'secretariat', on: units[9]! },
      ]);
      const both = (await json(await two.get('/api/plans?fiscalYear=2566'))) as Page;
      expect(new Set(both.items.map((p) => p.organizationId))).toEqual(new Set([units[8]!.id, units[9]!.id]));
      expect(both.items).toHaveLength(4);
    });

    it('lists one organisation alone with only=organization', async () => {
      const own = (await json(
        await admin.get(`/api/plans?organizationId=${region.id}&only=organization`),
      )) as Page;
      expect(own).toEqual({ items: [], nextCursor: null });
      const unit = (await json(
        await admin.get(`/api/plans?organizationId=${units[3]!.id}&only=organization&fiscalYear=2567`),
      )) as Page;
      expect(unit.items.map((p) => [p.organizationId, p.fiscalYear, p.versionNo])).toEqual([
        [units[3]!.id, 2567, 2],
        [units[3]!.id, 2567, 1],
      ]);
    });

    it('holds 100 plans a page unless asked, never more than 500, and refuses a cursor it did not give', async () => {
      const first = (await json(await admin.get('/api/plans'))) as Page;
      expect(first.items).toHaveLength(100);
      expect(typeof first.nextCursor).toBe('string');
      expect((await admin.get('/api/plans?limit=501')).status).toBe(400);
      expect((await admin.get('/api/plans?limit=0')).status).toBe(400);
      const bad = await admin.get('/api/plans?cursor=bm90LWEtY3Vyc29y');
      expect(bad.status).toBe(400);
      const body = await json(bad);
      expect(body.error.details[0]).toMatchObject({ path: 'cursor' });
      expect(body.error.details[0].message_en).toContain('cursor');
    });
  });
});
