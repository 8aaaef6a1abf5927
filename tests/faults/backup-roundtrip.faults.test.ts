import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Database, fromPostgres, openEmbedded } from '../../src/server/db/client.ts';
import { readEnv } from '../../src/server/env.ts';
import { loadBundledEditions } from '../../src/server/modules/catalogue/catalogue.service.ts';
import { publishDemo } from '../../src/server/modules/demo/demo-cycle.ts';
import { seedDemo } from '../../src/server/modules/demo/seed-demo.ts';
import { pdfPrinter } from '../../src/server/modules/documents/pdf/pdf-printer.ts';
import { pdfRendererFromEnv } from '../../src/server/modules/documents/pdf/pdf-renderer.ts';
import { documentRenderersFor } from '../../src/server/modules/documents/render-formats.ts';
import { LocalDiskStore } from '../../src/server/storage/local-disk-store.ts';
import { SECRETARIAT } from '../e2e/support/accounts.ts';
import { repoRoot, type ServerProcess, startServerProcess } from '../support/server-process.ts';
import { testDbKind, withPgClient } from '../support/test-db.ts';
import { ApiClient } from './support/app-under-test.ts';

/*
 * Issue 14, item 6, as an operator does it: a deployment made by the app (the demo's whole cycle,
 * its documents rendered and published, plans saved through the running app) is backed up with
 * `npm run prongsai -- backup`, restored with `restore` into a new, empty deployment, and the two
 * apps are then asked the same questions: every list, every plan, every document's bytes, the public
 * pages. On PostgreSQL the backup is also taken while the app is saving (one consistent snapshot):
 * it restores, verifies against its manifest, and holds a plan as one of the saves, never half of one.
 */
const kind = testDbKind();
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-faults-backup-'));
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A deployment: its data directory (files, fonts; PGlite's database) and, on PostgreSQL, its database. */
type Deployment = { dataDir: string; databaseUrl?: string };
const databases: string[] = [];

/** A connection to the shared test server's `postgres` database. */
const withAdmin = <T>(work: (client: pg.Client) => Promise<T>) => withPgClient(inject('postgresUrl'), work);

/** A new, empty deployment (an empty database on PostgreSQL: the restore migrates it). */
async function emptyDeployment(name: string): Promise<Deployment> {
  const dataDir = path.join(root, name);
  fs.mkdirSync(dataDir);
  if (kind === 'pglite') return { dataDir };
  const db = `faults_backup_${randomUUID().replaceAll('-', '')}`;
  await withAdmin((admin) => admin.query(`create database ${db}`));
  databases.push(db);
  const url = new URL(inject('postgresUrl'));
  url.pathname = `/${db}`;
  return { dataDir, databaseUrl: url.toString() };
}

const envOf = (d: Deployment) => ({
  DATA_DIR: d.dataDir,
  DATABASE_URL: d.databaseUrl ?? '',
  LOG_LEVEL: 'error',
});

async function open(d: Deployment): Promise<Database> {
  return d.databaseUrl ? fromPostgres(d.databaseUrl, 2) : openEmbedded(d.dataDir);
}

/** `npm run prongsai -- <args>` on a deployment, as the README says (without npm's wrapper). */
function cli(
  d: Deployment,
  ...args: string[]
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/prongsai.ts', ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...envOf(d) },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const start = (d: Deployment) =>
  startServerProcess({ dataDir: d.dataDir, env: { ...envOf(d), DEMO_DATA: 'false' }, timeoutMs: 90_000 });

type Plan = { id: string; rowVersion: number; content: { title: string } };

/** Everything a person can read of a deployment, in a form two deployments can be compared by. */
async function snapshot(client: ApiClient) {
  const read = <T>(url: string) => client.expect<T>(200, 'GET', url);
  const planList = (await read<{ items: { id: string }[] }>('/api/plans')).items;
  const plans = await Promise.all(planList.map((p) => read<Plan>(`/api/plans/${p.id}`)));
  const documents: Record<string, string> = {};
  for (const plan of plans) {
    const rounds = await read<{ id: string }[]>(`/api/rounds?planId=${plan.id}`);
    for (const subjectId of [plan.id, ...rounds.map((r) => r.id)]) {
      const versions = await read<{ id: string; files: { format: string }[] }[]>(
        `/api/documents?subjectId=${subjectId}`,
      );
      for (const version of versions) {
        for (const file of version.files) {
          const answer = await client.bytes(`/api/documents/${version.id}/${file.format}`);
          expect(answer.status, `document ${version.id} ${file.format}`).toBe(200);
          documents[`${version.id}/${file.format}`] = sha(answer.bytes);
        }
      }
    }
  }
  // Absolute addresses name the host the request came to: the two apps listen on different ports.
  const publicText = async (url: string) => {
    const answer = await fetch(`${client.baseUrl}${url}`);
    return { status: answer.status, body: (await answer.text()).replaceAll(client.baseUrl, 'http://app') };
  };
  return {
    organizations: await read('/api/organizations'),
    results: await read('/api/assessments'),
    planList,
    plans,
    documents,
    publicPage: await publicText('/p/demo-prov'),
    feed: await publicText('/p/demo-prov/feed.json'),
  };
}

/** A new plan of จังหวัดตัวอย่าง (DEMO-PROV) for the year, created through the app by `client`. */
async function newProvincePlan(client: ApiClient, fiscalYear: number): Promise<Plan> {
  const organizations = await client.expect<{ id: string; code: string }[]>(200, 'GET', '/api/organizations');
  return client.expect<Plan>(201, 'POST', '/api/plans', {
    organizationId: organizations.find((o) => o.code === 'DEMO-PROV')!.id,
    fiscalYear,
    issuesFrom: 'none',
  });
}

let source: Deployment;
let app: ServerProcess | undefined;
const apps: ServerProcess[] = [];

beforeAll(async () => {
  source = await emptyDeployment('source');
  // The demo's whole cycle, made and published as the app makes it at its first start in development.
  const database = await open(source);
  await database.migrate();
  await loadBundledEditions(database.db);
  expect(await seedDemo(database.db, { cycle: true })).toBe(true);
  const pdf = pdfRendererFromEnv();
  const config = readEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: source.dataDir });
  try {
    expect(
      await publishDemo(
        database.db,
        new LocalDiskStore(config.filesDir),
        documentRenderersFor(config, pdfPrinter(pdf)),
      ),
    ).toBe(2);
  } finally {
    await pdf.close();
    await database.close();
  }
  app = await start(source);
  apps.push(app);
}, 300_000);

afterAll(async () => {
  for (const running of apps) await running.stop();
  if (kind === 'postgres') {
    await withAdmin(async (admin) => {
      for (const db of databases) await admin.query(`drop database if exists ${db} with (force)`);
    });
  }
  fs.rmSync(root, { recursive: true, force: true });
}, 120_000);

describe(`backup → restore → compare (${kind})`, () => {
  /** Saves a plan again and again through the app until told to stop; the titles it acknowledged. */
  function saveRepeatedly(client: ApiClient, plan: Plan, stop: () => boolean) {
    const acknowledged: string[] = [];
    let sent = 0;
    const done = (async () => {
      let rowVersion = plan.rowVersion;
      while (!stop()) {
        const title = `แผนสำรองข้อมูล บันทึกครั้งที่ ${++sent}`;
        const answer = await client.call('PUT', `/api/plans/${plan.id}`, {
          rowVersion,
          content: { ...plan.content, title },
        });
        expect(answer.status, JSON.stringify(answer.json)).toBe(200);
        rowVersion = (answer.json as Plan).rowVersion;
        acknowledged.push(title);
      }
    })();
    return { done, acknowledged, sent: () => sent };
  }

  it.runIf(kind === 'postgres')(
    'a backup taken while the app saves restores, verifies, and holds each plan as one whole save',
    async () => {
      const client = await ApiClient.signIn(app!.url, SECRETARIAT);
      const plan = await newProvincePlan(client, 2572);
      let stop = false;
      const saving = saveRepeatedly(client, plan, () => stop);
      await sleep(500);
      const out = path.join(root, 'backup-during-saves');
      const backup = await cli(source, 'backup', '--out', out);
      stop = true;
      await saving.done;
      expect(backup.stderr).toBe('');
      expect(backup.status).toBe(0);
      expect(saving.acknowledged.length).toBeGreaterThan(2);

      const target = await emptyDeployment('restored-during-saves');
      const restore = await cli(target, 'restore', '--from', out);
      expect(restore.stderr).toBe('');
      expect(restore.stdout).toMatch(/Restored and verified against the manifest/);
      const restored = await start(target);
      apps.push(restored);
      const reader = await ApiClient.signIn(restored.url, SECRETARIAT);
      const copy = await reader.expect<Plan>(200, 'GET', `/api/plans/${plan.id}`);
      // The snapshot holds one save whole: its title is one the app was sent (or the plan as created).
      expect([
        plan.content.title,
        ...saving.acknowledged,
        `แผนสำรองข้อมูล บันทึกครั้งที่ ${saving.sent()}`,
      ]).toContain(copy.content.title);
      await restored.stop();
    },
  );

  it('restores into an empty deployment that answers every list, plan, document and public page as the original', async () => {
    const client = await ApiClient.signIn(app!.url, SECRETARIAT);
    const plan = await newProvincePlan(client, 2571);
    let count = 0;
    await saveRepeatedly(client, plan, () => ++count > 5).done;

    // The embedded database is backed up with the app stopped (its data-directory lock).
    if (kind === 'pglite') {
      await app!.stop();
      apps.splice(apps.indexOf(app!), 1);
    }
    const out = path.join(root, 'backup');
    const backup = await cli(source, 'backup', '--out', out);
    expect(backup.stderr).toBe('');
    expect(backup.stdout).toMatch(/Backed up \d+ rows in \d+ tables and [1-9]\d* files/);
    if (kind === 'pglite') {
      app = await start(source);
      apps.push(app);
    }

    const target = await emptyDeployment('restored');
    const restore = await cli(target, 'restore', '--from', out);
    expect(restore.stderr).toBe('');
    expect(restore.status).toBe(0);
    expect(restore.stdout).toMatch(
      /Restored and verified against the manifest: [1-9]\d* rows .* [1-9]\d* files/,
    );
    const restored = await start(target);
    apps.push(restored);

    const original = await snapshot(await ApiClient.signIn(app!.url, SECRETARIAT));
    const copy = await snapshot(await ApiClient.signIn(restored.url, SECRETARIAT));
    expect(Object.keys(original.documents).length).toBeGreaterThan(3);
    expect(original.publicPage.status).toBe(200);
    expect(original.plans.map((p) => p.content.title)).toContain('แผนสำรองข้อมูล บันทึกครั้งที่ 5');
    expect(copy.planList).toEqual(original.planList);
    expect(copy.plans).toEqual(original.plans);
    expect(copy.organizations).toEqual(original.organizations);
    expect(copy.results).toEqual(original.results);
    expect(copy.documents).toEqual(original.documents);
    expect(copy.feed).toEqual(original.feed);
    expect(copy.publicPage).toEqual(original.publicPage);
  });
});
