import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { fromPglite, fromPostgres } from '../../src/server/db/client.ts';
import { startEmbeddedServer } from './embedded-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresUrl: string;
  }
}

export const TEMPLATE_DB = 'prongsai_template';

/** Migrates one template per run; each test file then starts from a copy of it. */
export default async function setup(project: TestProject) {
  if (project.name === 'postgres' || project.name === 'faults-postgres' || project.name === 'national') {
    const server = await startEmbeddedServer();
    const admin = new pg.Client({ connectionString: server.url('postgres') });
    await admin.connect();
    await admin.query(`create database ${TEMPLATE_DB}`);
    await admin.end();
    const template = fromPostgres(server.url(TEMPLATE_DB), 1);
    await template.migrate();
    await template.close();
    project.provide('postgresUrl', server.url('postgres'));
    return () => server.stop();
  }
  const dir = path.resolve('.vitest-tmp');
  fs.mkdirSync(dir, { recursive: true });
  const client = await PGlite.create();
  const template = fromPglite(client);
  await template.migrate();
  const dump = await client.dumpDataDir('none');
  const file = path.join(dir, `pglite-template-${process.pid}.tar`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await template.close();
  project.provide('pgliteTemplate', file);
  return () => fs.rmSync(file, { force: true });
}
