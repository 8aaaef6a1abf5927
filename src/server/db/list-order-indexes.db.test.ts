import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/support/test-app.ts';
import { queryRows } from './client.ts';

/**
 * The national lists read a page from an index in their own order instead of sorting every row
 * (bench/README.md, "National size": 8,300 agencies' plans sorted with their content took ~300 ms a
 * page). Sorting is priced out here (`enable_sort = off`), so the plan shows whether an index can give
 * the order at all: an index whose NULLS order differs from the query's cannot, and the plan sorts.
 */
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

async function planOf(query: ReturnType<typeof sql>) {
  return t.db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_sort = off`);
    await tx.execute(sql`set local enable_seqscan = off`);
    const rows = await queryRows<Record<string, string>>(tx, sql`explain ${query}`);
    return rows.map((r) => Object.values(r)[0]).join('\n');
  });
}

describe('indexes in the lists’ order', () => {
  it('gives the plans list (newest year, highest version, then id) from plans_list_order_by_idx, unsorted', async () => {
    const plan = await planOf(
      sql`select id from plans order by fiscal_year desc, version_no desc, id asc limit 51`,
    );
    expect(plan).toContain('plans_list_order_by_idx');
    expect(plan).not.toMatch(/\bSort\b/);
  });

  it('gives the results list its newest year first from assessment_results_year_idx', async () => {
    const plan = await planOf(sql`select id from assessment_results order by fiscal_year desc limit 51`);
    expect(plan).toContain('assessment_results_year_idx');
    expect(plan).not.toMatch(/\bSort\b/);
  });
});
