import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../tests/support/test-db.ts';
import type { Database } from '../db/client.ts';
import { roleAssignments, users } from '../db/schema/index.ts';
import { CliError } from './cli-context.ts';
import { createAdminCommand } from './create-admin-command.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('create-admin', () => {
  it('refuses a weak password and writes nothing', async () => {
    await expect(
      createAdminCommand(database, ['--email', 'root@x.th', '--name', 'ผู้ดูแล'], async () => 'short'),
    ).rejects.toThrow(CliError);
    expect(await database.db.select().from(users)).toEqual([]);
  });

  it('creates a deployment-wide admin on an empty database, once', async () => {
    const out = await createAdminCommand(
      database,
      ['--email', 'Root@X.th', '--name', 'ผู้ดูแล'],
      async () => 'a-strong-password-1',
    );
    expect(out).toContain('root@x.th');
    const [grant] = await database.db.select().from(roleAssignments);
    expect(grant).toMatchObject({ role: 'admin', organizationId: null });
    await expect(
      createAdminCommand(
        database,
        ['--email', 'second@x.th', '--name', 'อีกคน'],
        async () => 'a-strong-password-2',
      ),
    ).rejects.toThrow(/already exists/);
  });
});
