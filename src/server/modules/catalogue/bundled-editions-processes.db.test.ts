import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/support/test-db.ts';
import { type Database, queryRows } from '../../db/client.ts';
import { loadBundledEditions } from './catalogue.service.ts';

/*
 * Issue 15: several app processes started together on one fresh PostgreSQL database each load the
 * bundled editions at start (main.ts). Without a lock two of them read "no revision yet" for a year
 * and both insert revision 1: one start failed on the unique key (catalogue_revisions_year_rev_unique).
 * Three concurrent loads (three connections of the pool, as three processes) must all succeed and
 * store each edition once.
 */
describe('the bundled editions loaded by several processes at once', () => {
  let database: Database;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.close();
  });

  it('all three starts succeed; each year has revision 1 only, added once in all', async () => {
    const added = await Promise.all([1, 2, 3].map(() => loadBundledEditions(database.db)));
    const rows = await queryRows<{ fiscal_year: number; revisions: number }>(
      database.db,
      sql`select fiscal_year, count(*)::int as revisions from catalogue_revisions group by fiscal_year order by fiscal_year`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.revisions === 1)).toBe(true);
    expect(added.reduce((a, b) => a + b, 0)).toBe(rows.length);
    // A later start adds nothing.
    expect(await loadBundledEditions(database.db)).toBe(0);
  });
});
