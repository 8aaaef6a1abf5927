import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromPostgres } from '../../src/server/db/client.ts';
import { seedDemo } from '../../src/server/modules/demo/seed-demo.ts';
import { DEMO_PASSWORD, SECRETARIAT, VIEWER } from '../e2e/support/accounts.ts';

import { type ReplicaPair, startReplicaPair } from '../support/replica-server.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';
import { withPgClient } from '../support/test-db.ts';

const ADMIN = 'admin@demo.prongsai.local';

/*
 * Issue 15, item 3: the public pages, dashboards and lists read from a streaming replica
 * (DATABASE_REPLICA_URL), the person who just saved reads their own write, and a replica that is behind
 * or down sends the reads back to the primary with one log line, never a failed request.
 *
 * A primary and a streaming replica from the npm-shipped PostgreSQL binaries (tests/support/replica-server.ts),
 * and two real server processes on them: `patient` allows the replica 60 s of lag, `strict` 1 s. Pausing
 * the replica's replay (pg_wal_replay_pause) freezes what it shows, which is how the tests see where a
 * read went. `npm run test:national`.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A signed-in browser in miniature: keeps every cookie the server sets (the session, the own-write one). */
class Browser {
  private cookies = new Map<string, string>();
  private csrf = '';

  constructor(private readonly baseUrl: string) {}

  static anonymous(baseUrl: string) {
    return new Browser(baseUrl);
  }

  static async signIn(baseUrl: string, email: string) {
    const browser = new Browser(baseUrl);
    const answer = await browser.call('POST', '/api/auth/sign-in', { email, password: DEMO_PASSWORD });
    if (answer.status !== 200) throw new Error(`sign-in as ${email}: ${answer.status} ${answer.text}`);
    browser.csrf = (JSON.parse(answer.text) as { csrfToken: string }).csrfToken;
    return browser;
  }

  /** The same cookies sent to another process of the deployment. */
  at(baseUrl: string) {
    const other = new Browser(baseUrl);
    other.cookies = this.cookies;
    other.csrf = this.csrf;
    return other;
  }

  cookie(name: string) {
    return this.cookies.get(name);
  }

  async call(method: string, url: string, body?: unknown) {
    const response = await fetch(`${this.baseUrl}${url}`, {
      method,
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(method === 'GET' ? {} : { 'x-csrf-token': this.csrf, origin: this.baseUrl }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: response.status, text: await response.text() };
  }

  async json<T>(status: number, method: string, url: string, body?: unknown): Promise<T> {
    const answer = await this.call(method, url, body);
    if (answer.status !== status) {
      throw new Error(
        `${method} ${url} answered ${answer.status}, not ${status}: ${answer.text.slice(0, 300)}`,
      );
    }
    return JSON.parse(answer.text) as T;
  }
}

async function metric(server: ServerProcess, name: string): Promise<number | null> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? null : Number(line.split(' ')[1]);
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await sleep(100);
  }
}

/** Whether this person's next read goes to the replica (their own last write replayed there, as the probe saw it). */
async function readsFromReplica(server: ServerProcess, browser: Browser) {
  const name = 'db_replica_read_requests_total{target="replica",reason="replica"}';
  const before = (await metric(server, name)) ?? 0;
  await browser.json(200, 'GET', '/api/home');
  return ((await metric(server, name)) ?? 0) > before;
}

/** The server's warning lines about the replica (JSON lines on stderr). */
function replicaWarnings(server: ServerProcess, kind: 'unavailable' | 'behind') {
  return server
    .output()
    .stderr.split('\n')
    .filter((line) => line.includes('Read replica (DATABASE_REPLICA_URL)') && line.includes(kind));
}

describe('reads from a streaming replica', () => {
  let pair: ReplicaPair;
  let patient: ServerProcess;
  let strict: ServerProcess;
  let province: { id: string; code: string };
  let slugs = 0;
  const newSlug = () => `replica-test-${process.pid}-${++slugs}`;

  beforeAll(async () => {
    pair = await startReplicaPair();
    const { primary, replica } = pair;
    await withPgClient(primary.url('postgres'), (admin) => admin.query('create database app'));
    // With DATABASE_URL the server seeds no demo data: the accounts go in here (the app migrates at start).
    const database = fromPostgres(primary.url('app'), 1);
    await database.migrate();
    await seedDemo(database.db);
    await database.close();
    await replica.caughtUp();
    const env = (maxLagSeconds: number) => ({
      DATABASE_URL: primary.url('app'),
      DATABASE_REPLICA_URL: replica.url('app'),
      DATABASE_REPLICA_MAX_LAG_SECONDS: String(maxLagSeconds),
      DEMO_DATA: 'accounts',
      // info: the replica's "answers again" lines are info; warnings go to stderr either way.
      LOG_LEVEL: 'info',
    });
    [patient, strict] = await Promise.all([
      startServerProcess({ env: env(60), timeoutMs: 90_000 }),
      startServerProcess({ env: env(1), timeoutMs: 90_000 }),
    ]);
    const secretariat = await Browser.signIn(patient.url, SECRETARIAT);
    const orgs = await secretariat.json<{ id: string; code: string }[]>(200, 'GET', '/api/organizations');
    province = orgs.find((o) => o.code === 'DEMO-PROV')!;
    for (const server of [patient, strict]) {
      await until(
        `${server.url} reads from the replica`,
        async () => (await metric(server, 'db_replica_up')) === 1,
      );
    }
  }, 240_000);

  afterAll(async () => {
    await Promise.allSettled([patient?.stop(), strict?.stop()]);
    await pair?.stop();
  }, 120_000);

  it('a public page and a list read from the replica, while the person who just saved reads their own write', async () => {
    const writer = await Browser.signIn(patient.url, SECRETARIAT);
    const viewer = await Browser.signIn(patient.url, VIEWER);
    const anonymous = Browser.anonymous(patient.url);
    // Signing in wrote (the session): the viewer reads the primary until the probe sees that replayed.
    await pair.replica.caughtUp();
    await until('the viewer reads from the replica', () => readsFromReplica(patient, viewer));
    await pair.replica.pauseReplay();
    const slug = newSlug();
    try {
      // A write: the public address name, and a plan.
      await writer.json(200, 'PUT', `/api/publications/sites/${province.id}`, { slug });
      expect(decodeURIComponent(writer.cookie('prongsai_wal') ?? '')).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
      const plan = await writer.json<{ id: string }>(201, 'POST', '/api/plans', {
        organizationId: province.id,
        fiscalYear: 2591,
        issuesFrom: 'none',
      });

      // Anyone else reads the replica, frozen before the write: the address does not exist there yet…
      expect((await anonymous.call('GET', `/p/${slug}`)).status).toBe(404);
      const listed = (b: Browser) =>
        b.json<{ items: { id: string }[] }>(
          200,
          'GET',
          `/api/plans?organizationId=${province.id}&fiscalYear=2591`,
        );
      expect((await listed(viewer)).items.map((p) => p.id)).not.toContain(plan.id);
      // …while the writer, whose cookie says how far the primary's WAL was after the save, reads the primary.
      const own = await writer.call('GET', `/p/${slug}`);
      expect(own.status).toBe(200);
      expect((await listed(writer)).items.map((p) => p.id)).toContain(plan.id);
      // The dashboard answers from the replica too (the viewer's reads were counted there).
      await viewer.json(200, 'GET', '/api/home');
      const counts = await (await fetch(`${patient.url}/metrics`)).text();
      expect(counts).toMatch(/db_replica_read_requests_total\{target="replica",reason="replica"\} [1-9]/);
      expect(counts).toMatch(/db_replica_read_requests_total\{target="primary",reason="own_write"\} [1-9]/);
    } finally {
      await pair.replica.resumeReplay();
    }
    await pair.replica.caughtUp();
    // Replayed: everyone sees it.
    expect((await anonymous.call('GET', `/p/${slug}`)).status).toBe(200);
    expect(replicaWarnings(patient, 'behind')).toEqual([]);
  });

  it('the public pages’ site memo is kept per database: the person who renamed the agency sees the new name at once', async () => {
    const secretariat = await Browser.signIn(patient.url, SECRETARIAT);
    const slug = newSlug();
    await secretariat.json(200, 'PUT', `/api/publications/sites/${province.id}`, { slug });
    const admin = await Browser.signIn(patient.url, ADMIN);
    const current = await admin.json<{ version: number; nameTh: string }>(
      200,
      'GET',
      `/api/organizations/${province.id}`,
    );
    await pair.replica.caughtUp();
    await until('the admin reads from the replica', () => readsFromReplica(patient, admin));
    const anonymous = Browser.anonymous(patient.url);
    expect((await anonymous.call('GET', `/p/${slug}`)).status).toBe(200);
    await pair.replica.pauseReplay();
    const renamed = `${current.nameTh} (เปลี่ยนชื่อ ${slugs})`;
    try {
      await admin.json(200, 'PATCH', `/api/organizations/${province.id}`, {
        version: current.version,
        nameTh: renamed,
      });
      // Anyone else: the replica's old name, kept in this process's site memo for a second…
      const seenByOthers = await anonymous.call('GET', `/p/${slug}`);
      expect(seenByOthers.status).toBe(200);
      expect(seenByOthers.text).not.toContain(renamed);
      // …which is not the admin's: their reads go to the primary, memoised apart.
      const seenByAdmin = await admin.call('GET', `/p/${slug}`);
      expect(seenByAdmin.status).toBe(200);
      expect(seenByAdmin.text).toContain(renamed);
    } finally {
      await pair.replica.resumeReplay();
    }
  });

  it('a replica further behind than the bound: reads go to the primary, with one warning, and come back when it catches up', async () => {
    const writer = await Browser.signIn(strict.url, SECRETARIAT);
    await pair.replica.caughtUp();
    await until('strict reads from the replica', async () => (await metric(strict, 'db_replica_up')) === 1);
    const warned = replicaWarnings(strict, 'behind').length;
    await pair.replica.pauseReplay();
    try {
      const slug = newSlug();
      await writer.json(200, 'PUT', `/api/publications/sites/${province.id}`, { slug });
      // With 1 s allowed, the strict process soon reads the primary: the new address answers to anyone…
      await until(
        'the strict process falls back to the primary',
        async () => (await Browser.anonymous(strict.url).call('GET', `/p/${slug}`)).status === 200,
      );
      expect(await metric(strict, 'db_replica_up')).toBe(0);
      expect(await metric(strict, 'db_replica_lag_seconds')).toBeGreaterThan(1);
      // …while the patient process (60 s allowed) still reads the paused replica.
      expect((await Browser.anonymous(patient.url).call('GET', `/p/${slug}`)).status).toBe(404);
      // Many reads meanwhile, one warning line.
      for (let i = 0; i < 10; i++) {
        expect((await Browser.anonymous(strict.url).call('GET', `/p/${slug}`)).status).toBe(200);
      }
      expect(replicaWarnings(strict, 'behind')).toHaveLength(warned + 1);
    } finally {
      await pair.replica.resumeReplay();
    }
    await until(
      'strict reads from the replica again',
      async () => (await metric(strict, 'db_replica_up')) === 1,
    );
    expect(strict.output().stdout).toContain('Read replica (DATABASE_REPLICA_URL) answers again');
    expect(replicaWarnings(strict, 'behind')).toHaveLength(warned + 1);
  });

  it('a replica that hangs (frozen): reads in flight are answered by the primary after the query time-out, later ones at once', async () => {
    const viewer = await Browser.signIn(patient.url, VIEWER);
    const slug = newSlug();
    await (await Browser.signIn(patient.url, SECRETARIAT)).json(
      200,
      'PUT',
      `/api/publications/sites/${province.id}`,
      { slug },
    );
    await pair.replica.caughtUp();
    await until('the viewer reads from the replica', () => readsFromReplica(patient, viewer));
    const warned = replicaWarnings(patient, 'unavailable').length;
    pair.replica.freeze();
    try {
      const answers: { status: number; ms: number }[] = [];
      const started = Date.now();
      while (Date.now() - started < 8000) {
        for (const read of [
          () => Browser.anonymous(patient.url).call('GET', `/p/${slug}`),
          () => viewer.call('GET', `/api/plans?organizationId=${province.id}`),
        ]) {
          const t0 = Date.now();
          const { status } = await read();
          answers.push({ status, ms: Date.now() - t0 });
        }
      }
      expect(new Set(answers.map((a) => a.status))).toEqual(new Set([200]));
      // None waited much beyond the replica's query time-out (5 s) and the last ones did not wait at all.
      expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(7000);
      expect(answers.at(-1)!.ms).toBeLessThan(1000);
      expect(await metric(patient, 'db_replica_up')).toBe(0);
      expect(replicaWarnings(patient, 'unavailable')).toHaveLength(warned + 1);
    } finally {
      pair.replica.thaw();
    }
    await until('reads from the replica again', async () => (await metric(patient, 'db_replica_up')) === 1);
  });

  it('a replica that is down: every read still answers from the primary (never a 500), with one warning line', async () => {
    const viewer = await Browser.signIn(patient.url, VIEWER);
    const writer = await Browser.signIn(patient.url, SECRETARIAT);
    const slug = newSlug();
    await writer.json(200, 'PUT', `/api/publications/sites/${province.id}`, { slug });
    await pair.replica.caughtUp();
    for (const server of [patient, strict]) {
      await until('reads from the replica', async () => (await metric(server, 'db_replica_up')) === 1);
    }
    const warned = new Map([patient, strict].map((s) => [s, replicaWarnings(s, 'unavailable').length]));

    await pair.replica.halt();
    try {
      // At once (before any probe has noticed) and for a while after: each read answers.
      const statuses: number[] = [];
      const started = Date.now();
      while (Date.now() - started < 3000) {
        for (const server of [patient, strict]) {
          const anon = Browser.anonymous(server.url);
          const v = viewer.at(server.url);
          statuses.push(
            (await anon.call('GET', `/p/${slug}`)).status,
            (await v.call('GET', `/api/plans?organizationId=${province.id}`)).status,
            (await v.call('GET', '/api/home')).status,
          );
        }
      }
      expect(new Set(statuses)).toEqual(new Set([200]));
      for (const server of [patient, strict]) {
        expect(await metric(server, 'db_replica_up')).toBe(0);
        expect(replicaWarnings(server, 'unavailable'), server.url).toHaveLength(warned.get(server)! + 1);
      }
    } finally {
      await pair.replica.resume();
    }
    await pair.replica.caughtUp();
    for (const server of [patient, strict]) {
      await until('reads from the replica again', async () => (await metric(server, 'db_replica_up')) === 1);
      expect(replicaWarnings(server, 'unavailable')).toHaveLength(warned.get(server)! + 1);
    }
  });
});
