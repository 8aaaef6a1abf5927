import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countingDb } from '../../../../tests/support/count-queries.ts';
import {
  createTestContext,
  json,
  type TestContext,
  type TestOrg,
} from '../../../../tests/support/test-app.ts';
import { roleAssignments, users } from '../../db/schema/index.ts';
import { listUsers } from './users.service.ts';

let t: TestContext;
let province: TestOrg;
let region: TestOrg;
let deploymentAdmin: Awaited<ReturnType<TestContext['signedIn']>>;
let regionAdmin: Awaited<ReturnType<TestContext['signedIn']>>;
type Row = { id: string; displayName: string; roles: { organizationId: string | null }[] };
type Page = { items: Row[]; nextCursor: string | null };

/** The order the list promises: Thai leading vowels after their consonant, code points, then id. */
const sortKey = (name: string) => name.toLowerCase().replace(/([เแโใไ])([ก-ฮ])/g, '$2$1');
const byKey = (a: Row, b: Row) => {
  const [ka, kb] = [sortKey(a.displayName), sortKey(b.displayName)];
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};
const NAMES = ['เกศินี', 'กานดา', 'ไพโรจน์', 'พิมพ์', 'สมชาย', 'สมชาย', 'Anan', 'anan', 'โสภา', 'แก้วตา'];
const OUTSIDE = 60;
const INSIDE = 70;

async function walk(client: typeof deploymentAdmin, limit: number) {
  const seen: Row[] = [];
  let cursor: string | null = null;
  do {
    const r = await client.get(`/api/users?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(r.status, await r.clone().text()).toBe(200);
    const body = (await json(r)) as Page;
    expect(body.items.length).toBeLessThanOrEqual(limit);
    seen.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return seen;
}

beforeAll(async () => {
  t = await createTestContext();
  province = await t.org(null, { nameTh: 'จังหวัดผู้ใช้' });
  region = await t.org(province, { nameTh: 'เขตผู้ใช้' });
  deploymentAdmin = await t.signedIn([{ role: 'admin', on: null }]);
  regionAdmin = await t.signedIn([{ role: 'admin', on: region }]);
  const unit = await t.org(region, { nameTh: 'หน่วยในเขต' });
  // Users in the region's unit (the region admin sees them) and in the province only (they do not).
  for (const [count, on, tag] of [
    [INSIDE, unit, 'in'],
    [OUTSIDE, province, 'out'],
  ] as const) {
    const rows = await t.db
      .insert(users)
      .values(
        Array.from({ length: count }, (_, i) => ({
          email: `${tag}-${i}@list.test`,
          displayName: NAMES[i % NAMES.length]!,
          passwordHash: 'x',
        })),
      )
      .returning({ id: users.id });
    await t.db
      .insert(roleAssignments)
      .values(rows.map((r) => ({ userId: r.id, role: 'unit_reporter', organizationId: on.id })));
    // Two roles for some, so a user with several roles is still listed once.
    await t.db
      .insert(roleAssignments)
      .values(rows.slice(0, 5).map((r) => ({ userId: r.id, role: 'viewer', organizationId: on.id })));
  }
});
afterAll(() => t.close());

describe('the users list', () => {
  it('walks every user exactly once for a deployment admin, by name (Thai by consonant), ties by id', async () => {
    const seen = await walk(deploymentAdmin, 23);
    const all = await t.db.select({ id: users.id }).from(users);
    expect(seen).toHaveLength(all.length);
    expect(new Set(seen.map((u) => u.id)).size).toBe(all.length);
    expect(seen.map((u) => u.id)).toEqual([...seen].sort(byKey).map((u) => u.id));
    // Thai names by their consonant first, as a Thai dictionary orders them.
    const thai = [
      ...new Set(seen.map((u) => u.displayName).filter((n) => NAMES.includes(n) && /^[ก-๛]/.test(n))),
    ];
    expect(thai).toEqual(['กานดา', 'เกศินี', 'แก้วตา', 'พิมพ์', 'ไพโรจน์', 'สมชาย', 'โสภา']);
  });

  it('lists to an admin of an organisation only the users holding a role inside it, each once', async () => {
    const seen = await walk(regionAdmin, 30);
    // The region's unit users, and the region admin (a role on the region itself).
    expect(seen).toHaveLength(INSIDE + 1);
    expect(new Set(seen.map((u) => u.id)).size).toBe(INSIDE + 1);
    expect(seen.map((u) => u.id)).toEqual([...seen].sort(byKey).map((u) => u.id));
    expect(seen.every((u) => u.roles.some((r) => r.organizationId !== province.id))).toBe(true);
  });

  it('reads a page in the same queries whatever its size', async () => {
    const actor = await t.actorFor(regionAdmin.id);
    const queriesFor = async (limit: number) => {
      const counting = countingDb(t.db);
      const page = await listUsers(counting.db, actor, { limit });
      expect(page.items).toHaveLength(limit);
      return counting.count();
    };
    const small = await queriesFor(2);
    expect(await queriesFor(INSIDE)).toBe(small);
    // The page, the scope's subquery (built, not sent on its own) and the roles of the page's users.
    expect(small).toBeLessThanOrEqual(3);
  });

  it('holds 100 users a page unless asked, never more than 500, and refuses a cursor it did not give', async () => {
    const first = (await json(await deploymentAdmin.get('/api/users'))) as Page;
    expect(first.items).toHaveLength(100);
    expect(typeof first.nextCursor).toBe('string');
    expect((await deploymentAdmin.get('/api/users?limit=501')).status).toBe(400);
    const bad = await deploymentAdmin.get('/api/users?cursor=bm90LWEtY3Vyc29y');
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.details[0]).toMatchObject({ path: 'cursor' });
  });
});
