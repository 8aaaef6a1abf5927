import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromPostgres } from '../../src/server/db/client.ts';
import { SESSION_COOKIE } from '../../src/server/modules/auth/sessions.ts';
import { seedDemo } from '../../src/server/modules/demo/seed-demo.ts';
import { SECRETARIAT } from '../e2e/support/accounts.ts';
import { type EmbeddedServer, startEmbeddedServer } from '../support/embedded-server.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';
import { testDbKind, withPgClient } from '../support/test-db.ts';
import { type ApiAnswer, ApiClient } from './support/app-under-test.ts';

/*
 * Issue 14, item 1, under load: PostgreSQL restarted (fast shutdown, as `pg_ctl restart -m fast`) and
 * every backend ended (`pg_terminate_backend`, as a failover or a proxy would) while readers and
 * writers keep calling the real app process. Before the pool had its error listeners the process
 * exited with "Unhandled 'error' event" on the first of these. It must stay up, answer 503 with
 * Retry-After (never 500) while the database is away, serve again by itself once it is back, and keep
 * every write it acknowledged. The app runs on a PostgreSQL server of its own: the shared test server
 * cannot be restarted under the other files.
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const DB_NAME = 'prongsai_restart_load';
const FISCAL_YEAR = 2570;

type Sample = { at: number; kind: 'read' | 'write'; status: number | 'connection-error'; code?: string };

describe.runIf(testDbKind() === 'postgres')('a PostgreSQL restart under load', () => {
  let postgres: EmbeddedServer;
  let app: ServerProcess;
  let secretariat: ApiClient;
  let organizationId: string;

  const admin = <T>(work: (client: pg.Client) => Promise<T>) => withPgClient(postgres.url('postgres'), work);

  const alive = () => {
    try {
      process.kill(app.pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  beforeAll(async () => {
    postgres = await startEmbeddedServer();
    await admin((client) => client.query(`create database ${DB_NAME}`));
    // With DATABASE_URL the app runs as in production and makes no demo data: the accounts are made here.
    const database = fromPostgres(postgres.url(DB_NAME), 1);
    await database.migrate();
    await seedDemo(database.db, { cycle: false });
    await database.close();
    app = await startServerProcess({
      env: {
        DATABASE_URL: postgres.url(DB_NAME),
        DEMO_DATA: 'accounts',
        LOG_LEVEL: 'error',
      },
      timeoutMs: 90_000,
    });
    secretariat = await ApiClient.signIn(app.url, SECRETARIAT);
    const organizations = await secretariat.expect<{ id: string; code: string }[]>(
      200,
      'GET',
      '/api/organizations',
    );
    organizationId = organizations.find((o) => o.code === 'DEMO-PROV')!.id;
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
    await postgres?.stop();
  }, 60_000);

  /** A plan of its own for one writer: created, then saved again and again with its row version. */
  async function newPlan(fiscalYear: number) {
    return secretariat.expect<{ id: string; rowVersion: number; content: { title: string } }>(
      201,
      'POST',
      '/api/plans',
      {
        organizationId,
        fiscalYear,
        issuesFrom: 'none',
      },
    );
  }

  const content = (title: string) => ({
    title,
    analysisSummary: 'ผลการประเมินปีที่แล้วชี้ว่าการเปิดเผยข้อมูลการให้บริการยังไม่ครบถ้วน',
    monitoringSection: 'คณะทำงาน ITA ติดตามความก้าวหน้าทุกรอบ 6 เดือน',
    issues: [],
  });

  /**
   * Load until `until()` says stop: readers on lists and the plan, one writer per plan saving a new
   * title each time. Every answer is sampled; the writer keeps the titles the server acknowledged.
   */
  function load(planIds: string[], until: () => boolean, samples: Sample[], started: number) {
    const sample = (kind: Sample['kind'], answer: ApiAnswer | 'connection-error') => {
      if (answer === 'connection-error') samples.push({ at: Date.now() - started, kind, status: answer });
      else
        samples.push({
          at: Date.now() - started,
          kind,
          status: answer.status,
          code: (answer.json as { error?: { code?: string } } | null)?.error?.code,
        });
    };
    const call = (method: string, url: string, body?: unknown) =>
      secretariat.call(method, url, body).catch(() => 'connection-error' as const);
    const reads = [
      '/api/plans',
      '/api/organizations',
      '/api/home',
      ...planIds.map((id) => `/api/plans/${id}`),
    ];
    const readers = Array.from({ length: 12 }, async (_, i) => {
      for (let n = i; !until(); n++) {
        sample('read', await call('GET', reads[n % reads.length]!));
        await sleep(20);
      }
    });
    const acknowledged = new Map<string, { titles: string[]; sent: number }>();
    const writers = planIds.map(async (id, w) => {
      const titles: string[] = [];
      const record = { titles, sent: 0 };
      acknowledged.set(id, record);
      let rowVersion = (await secretariat.expect<{ rowVersion: number }>(200, 'GET', `/api/plans/${id}`))
        .rowVersion;
      for (let n = 1; !until(); n++) {
        const title = `แผนทดสอบ ${w + 1} บันทึกครั้งที่ ${n}`;
        record.sent = n;
        const answer = await call('PUT', `/api/plans/${id}`, { rowVersion, content: content(title) });
        sample('write', answer);
        if (answer !== 'connection-error' && answer.status === 200) {
          titles.push(title);
          rowVersion = (answer.json as { rowVersion: number }).rowVersion;
        } else if (answer !== 'connection-error' && answer.status === 409) {
          // A save whose answer was lost may have landed: read the version the server has now.
          const now = await call('GET', `/api/plans/${id}`);
          if (now !== 'connection-error' && now.status === 200)
            rowVersion = (now.json as { rowVersion: number }).rowVersion;
        } else {
          await sleep(100);
        }
      }
    });
    return { done: Promise.all([...readers, ...writers]), acknowledged };
  }

  function expectOnlyKnownAnswers(samples: Sample[]) {
    const unexpected = samples.filter(
      (s) =>
        !(
          s.status === 200 ||
          (s.kind === 'write' && s.status === 409) ||
          (s.status === 503 && s.code === 'database_unavailable')
        ),
    );
    expect(unexpected.slice(0, 10), `${unexpected.length} unexpected answers`).toEqual([]);
  }

  async function expectAcknowledgedKept(acknowledged: Map<string, { titles: string[]; sent: number }>) {
    for (const [id, { titles, sent }] of acknowledged) {
      const plan = await secretariat.expect<{ content: { title: string } }>(200, 'GET', `/api/plans/${id}`);
      const last = titles.at(-1);
      expect(last, 'a save was acknowledged').toBeDefined();
      // The last acknowledged title, or a later save whose answer was lost with its connection.
      const n = Number(/ครั้งที่ (\d+)$/.exec(plan.content.title)?.[1]);
      expect(n).toBeGreaterThanOrEqual(Number(/ครั้งที่ (\d+)$/.exec(last!)?.[1]));
      expect(n).toBeLessThanOrEqual(sent);
    }
  }

  it('stays up through a fast restart: 503 with Retry-After meanwhile, serves again by itself, keeps every acknowledged save', async () => {
    const plans = [await newPlan(FISCAL_YEAR), await newPlan(FISCAL_YEAR + 1)];
    const samples: Sample[] = [];
    const started = Date.now();
    let stop = false;
    const running = load(
      plans.map((p) => p.id),
      () => stop,
      samples,
      started,
    );
    await sleep(3_000);
    const haltedAt = Date.now() - started;
    await postgres.halt();
    await sleep(3_000);
    expect(alive(), `the app exited:\n${app.output().stderr}`).toBe(true);
    await postgres.resume();
    const resumedAt = Date.now() - started;
    await sleep(8_000);
    stop = true;
    await running.done;

    expect(alive(), `the app exited:\n${app.output().stderr}`).toBe(true);
    expect(app.output().stderr).not.toContain("Unhandled 'error' event");
    // An outage is told in lines (connection lost, a job's pass failed), not in stack traces.
    expect(app.output().stderr).not.toMatch(/\n\s+at /);
    expectOnlyKnownAnswers(samples);
    const before = samples.filter((s) => s.at < haltedAt);
    const during = samples.filter((s) => s.at > haltedAt + 500 && s.at < resumedAt);
    const settled = samples.filter((s) => s.at > resumedAt + 4_000);
    expect(before.filter((s) => s.status === 200).length).toBeGreaterThan(20);
    expect(during.length).toBeGreaterThan(20);
    expect(during.every((s) => s.status === 503)).toBe(true);
    // Back by itself: nothing was restarted on the app's side.
    expect(settled.length).toBeGreaterThan(20);
    expect(settled.filter((s) => s.status !== 200 && s.status !== 409)).toEqual([]);

    await expectAcknowledgedKept(running.acknowledged);
    // A 503 says when to try again.
    const retry = await sampleRetryAfter();
    expect(retry).toBeGreaterThan(0);
  });

  /** A 503's Retry-After while the database is away (checked once, outside the load). */
  async function sampleRetryAfter() {
    await postgres.halt();
    try {
      // Any request that reads the database: the session cookie is looked up.
      const response = await fetch(`${app.url}/api/auth/me`, { headers: { cookie: `${SESSION_COOKIE}=x` } });
      await response.arrayBuffer();
      expect(response.status).toBe(503);
      return Number(response.headers.get('retry-after'));
    } finally {
      await postgres.resume();
      await waitUntilServing();
    }
  }

  async function waitUntilServing() {
    for (let attempt = 0; attempt < 40; attempt++) {
      if ((await secretariat.call('GET', '/api/plans').catch(() => null))?.status === 200) return;
      await sleep(250);
    }
    throw new Error('the app did not serve again within 10 s of the database coming back');
  }

  it('stays up when every backend is ended mid-request, answers 503 for what was cut, then serves', async () => {
    const plans = [await newPlan(FISCAL_YEAR + 2)];
    const samples: Sample[] = [];
    const started = Date.now();
    let stop = false;
    const running = load(
      plans.map((p) => p.id),
      () => stop,
      samples,
      started,
    );
    let ended = 0;
    for (let burst = 0; burst < 5; burst++) {
      await sleep(800);
      ended += await admin(async (client) => {
        const result = await client.query(
          `select pg_terminate_backend(pid) as ended from pg_stat_activity
            where datname = $1 and pid <> pg_backend_pid()`,
          [DB_NAME],
        );
        return result.rows.filter((row) => row.ended === true).length;
      });
    }
    const lastBurstAt = Date.now() - started;
    await sleep(3_000);
    stop = true;
    await running.done;

    expect(ended).toBeGreaterThan(0);
    expect(alive(), `the app exited:\n${app.output().stderr}`).toBe(true);
    expect(app.output().stderr).not.toContain("Unhandled 'error' event");
    expectOnlyKnownAnswers(samples);
    const settled = samples.filter((s) => s.at > lastBurstAt + 1_000);
    expect(settled.length).toBeGreaterThan(10);
    expect(settled.filter((s) => s.status !== 200 && s.status !== 409)).toEqual([]);
    await expectAcknowledgedKept(running.acknowledged);
  });
});
