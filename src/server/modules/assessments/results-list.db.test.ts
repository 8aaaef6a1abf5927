import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countingDb } from '../../../../tests/support/count-queries.ts';
import {
  createTestContext,
  json,
  type TestContext,
  type TestOrg,
} from '../../../../tests/support/test-app.ts';
import { assessmentResults, assessmentScores, organizations } from '../../db/schema/index.ts';
import { currentRevision, loadBundledEditions } from '../catalogue/catalogue.service.ts';
import { listResults } from './assessments.service.ts';

let t: TestContext;
let province: TestOrg;
let admin: Awaited<ReturnType<TestContext['signedIn']>>;
const UNITS = 160;
const YEARS = [2566, 2567];

beforeAll(async () => {
  t = await createTestContext();
  await loadBundledEditions(t.db);
  province = await t.org(null, { nameTh: 'จังหวัดหลายหน่วย' });
  admin = await t.signedIn([{ role: 'admin', on: province }]);
  const units: TestOrg[] = [];
  for (let i = 0; i < UNITS; i++) units.push(await t.org(province, { nameTh: `หน่วยที่ ${i}` }));
  for (const year of YEARS) {
    const revision = (await currentRevision(t.db, year))!;
    const rows = await t.db
      .insert(assessmentResults)
      .values(
        [province, ...units].map((u) => ({
          organizationId: u.id,
          fiscalYear: year,
          catalogueRevisionId: revision.id,
        })),
      )
      .returning({ id: assessmentResults.id });
    await t.db
      .insert(assessmentScores)
      .values(rows.map((r, i) => ({ resultId: r.id, scope: 'total', code: 'ITA', score: 50 + (i % 50) })));
  }
});
afterAll(() => t.close());

/** How many queries `listResults` sends for a page of `limit`. */
async function queriesFor(limit: number) {
  const actor = await t.actorFor(admin.id);
  const counting = countingDb(t.db);
  const page = await listResults(counting.db, actor, { organizationId: province.id, limit });
  expect(page.items).toHaveLength(limit);
  return counting.count();
}

type Row = { id: string; fiscalYear: number; organizationId: string };

describe('the results list', () => {
  it('reads a page in the same few queries whatever its size (one more for each further edition)', async () => {
    const small = await queriesFor(5);
    // The first 161 are one year's: one edition, like the page of 5.
    expect(await queriesFor(UNITS + 1)).toBe(small);
    // 300 span both years, so two editions: one query more, not one per result.
    expect(await queriesFor(300)).toBe(small + 1);
    expect(small).toBeLessThanOrEqual(6);
  });

  it('pages with the cursor through every result exactly once, newest year first, then the tree, ties by id', async () => {
    const seen: Row[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/api/assessments?organizationId=${province.id}&limit=70${cursor ? `&cursor=${cursor}` : ''}`;
      const r = await admin.get(query);
      expect(r.status, await r.clone().text()).toBe(200);
      const body = (await json(r)) as { items: Row[]; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(70);
      seen.push(...body.items);
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor);
    const total = (UNITS + 1) * YEARS.length;
    expect(pages).toBe(Math.ceil(total / 70));
    expect(new Set(seen.map((r) => r.id)).size).toBe(total);
    expect(seen).toHaveLength(total);

    const orgs = await t.db.select({ id: organizations.id, path: organizations.path }).from(organizations);
    const pathOf = new Map(orgs.map((o) => [o.id, o.path]));
    const key = (r: Row) => [-r.fiscalYear, pathOf.get(r.organizationId)!, r.id] as const;
    const sorted = [...seen].sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      if (ka[0] !== kb[0]) return ka[0] - kb[0];
      if (ka[1] !== kb[1]) return ka[1] < kb[1] ? -1 : 1;
      return ka[2] < kb[2] ? -1 : ka[2] > kb[2] ? 1 : 0;
    });
    expect(seen.map((r) => r.id)).toEqual(sorted.map((r) => r.id));
    expect(seen[0]!.organizationId).toBe(province.id);
  });

  it('holds 100 results a page unless asked, never more than 500, and refuses a cursor it did not give', async () => {
    const first = (await json(await admin.get('/api/assessments'))) as { items: Row[]; nextCursor: string };
    expect(first.items).toHaveLength(100);
    expect(typeof first.nextCursor).toBe('string');
    expect((await admin.get('/api/assessments?limit=501')).status).toBe(400);
    const bad = await admin.get('/api/assessments?cursor=bm90LWEtY3Vyc29y');
    expect(bad.status).toBe(400);
    const body = await json(bad);
    expect(body.error.details[0]).toMatchObject({ path: 'cursor' });
    expect(body.error.details[0].message_th).toContain('cursor');
  });
});
