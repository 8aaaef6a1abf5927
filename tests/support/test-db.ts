import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, fromPglite, fromPostgres } from '../../src/server/db/client.ts';

export const TEMPLATE_DB = 'prongsai_template';

export function testDbKind(): 'pglite' | 'postgres' {
  return process.env.DB_KIND === 'postgres' ? 'postgres' : 'pglite';
}

/** A fresh, migrated database for one test file: a PGlite copy of the template, or a server database. */
export async function createTestDatabase(): Promise<Database> {
  if (testDbKind() === 'postgres') {
    const adminUrl = inject('postgresUrl');
    const name = `test_${randomUUID().replaceAll('-', '')}`;
    await withPgClient(adminUrl, (admin) => admin.query(`create database ${name} template ${TEMPLATE_DB}`));
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return fromPostgres(url.toString(), 4);
  }
  const template = fs.readFileSync(inject('pgliteTemplate'));
  const client = await PGlite.create({ loadDataDir: new Blob([template]) });
  return fromPglite(client);
}

/** One connection to `url` for `work` (creating or dropping a database, ending backends), then closed. */
export async function withPgClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
