import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectionText } from '../../../tests/support/errors.ts';
import { createTestDatabase, testDbKind } from '../../../tests/support/test-db.ts';
import { type Database, queryRows } from './client.ts';
import { auditEvents } from './schema/index.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe(`database (${testDbKind()})`, () => {
  it('runs on the engine this project says it runs on', async () => {
    const [row] = await queryRows<{ server_version_num: string }>(database.db, sql`show server_version_num`);
    const version = Number(row!.server_version_num);
    // The server project must be the oldest supported PostgreSQL, so a 16+ statement fails here.
    if (testDbKind() === 'postgres') expect(Math.floor(version / 10000)).toBe(15);
    else expect(version).toBeGreaterThanOrEqual(150000);
  });

  it('refuses a PostgreSQL-16-only function on the server project', async () => {
    const run = database.db.execute(sql`select any_value(x) from (values (1)) as t(x)`);
    if (testDbKind() === 'postgres') expect(await rejectionText(run)).toMatch(/any_value/);
    else await expect(run).resolves.toBeDefined();
  });

  it('keeps the audit trail append-only', async () => {
    await database.db.insert(auditEvents).values({ action: 'test', entityType: 'x', entityId: '1' });
    expect(await rejectionText(database.db.update(auditEvents).set({ action: 'changed' }))).toMatch(
      /append-only/,
    );
    expect(await rejectionText(database.db.delete(auditEvents))).toMatch(/append-only/);
  });
});
