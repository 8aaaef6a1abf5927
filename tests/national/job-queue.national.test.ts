import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRETARIAT } from '../e2e/support/accounts.ts';
import { PLAN_MEASURE } from '../e2e/support/setup-plan.ts';
import { ApiClient } from '../faults/support/app-under-test.ts';
import { setUpPlanContent } from '../support/plan-content.ts';
import { type Cluster, startCluster } from './support/cluster.ts';
import { jobCompleted, jobPasses, jobRow, pidOwningPort, sendJob } from './support/jobs.ts';

/*
 * Issue 15, item 2: the background work of three app processes goes through one job queue in the
 * database (pg-boss, src/server/jobs/). Each job sent runs once, on one of the processes; a process
 * killed (SIGKILL) while it holds a job leaves it active until it expires (JOB_EXPIRE_SECONDS, short
 * here), then it runs again on another process, once. `npm run test:national`.
 */

const PROCESSES = 3;

describe('one job queue for three app processes', () => {
  let cluster: Cluster;
  let sql: pg.Client;
  let databaseUrl: string;
  const urls = () => cluster.processes.map((p) => p.url);
  const passesOn = async (job: string, processUrls: string[]) =>
    (await Promise.all(processUrls.map((u) => jobPasses(u, job)))).reduce((a, b) => a + b, 0);

  beforeAll(async () => {
    cluster = await startCluster({
      processes: PROCESSES,
      // PDFs through the queue: only the first process runs Chromium, one render at a time.
      env: { JOB_EXPIRE_SECONDS: '6', PDF_RENDER_QUEUE: 'true' },
      envOf: (i) => ({ PDF_RENDER_WORKERS: i === 0 ? '1' : '0' }),
    });
    databaseUrl = cluster.deployment.databaseUrl!;
    sql = new pg.Client({ connectionString: databaseUrl });
    await sql.connect();
    // The passes each process runs at its start (throttled to one for all) are over before counting.
    const end = Date.now() + 30_000;
    for (;;) {
      const { rows } = await sql.query(
        `select count(*)::int as n from pgboss.job where name = 'orphan-sweep' and state < 'completed'`,
      );
      if (rows[0].n === 0) break;
      if (Date.now() > end) throw new Error('the sweep at start did not end within 30 s');
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 240_000);

  afterAll(async () => {
    await sql?.end();
    await cluster?.stop();
  }, 120_000);

  it('PDFs asked of the processes that render none are rendered by the one that does', async () => {
    const secretariat = await ApiClient.signIn(urls()[2]!, SECRETARIAT);
    const orgs = await secretariat.expect<{ id: string; code: string }[]>(200, 'GET', '/api/organizations');
    const province = orgs.find((o) => o.code === 'DEMO-PROV')!;
    const unit = orgs.find((o) => o.code === 'DEMO-PROV-03')!;
    const plan = await secretariat.expect<{ id: string; rowVersion: number; content: { title: string } }>(
      201,
      'POST',
      '/api/plans',
      { organizationId: province.id, fiscalYear: 2590, issuesFrom: 'none' },
    );
    await secretariat.expect(200, 'PUT', `/api/plans/${plan.id}`, {
      rowVersion: plan.rowVersion,
      content: setUpPlanContent(plan.content.title, 2590, [
        { id: 'measure-1', title: PLAN_MEASURE, unitIds: [unit.id] },
      ]),
    });
    const before = await Promise.all(urls().map((u) => jobPasses(u, 'PDF render')));
    const made = await secretariat.expect<{ document: { id: string }; missing: unknown[] }>(
      200,
      'POST',
      '/api/documents',
      {
        kind: 'plan',
        subjectType: 'plan',
        subjectId: plan.id,
      },
    );
    expect(made.missing).toEqual([]);
    const pdf = await secretariat.at(urls()[1]!).bytes(`/api/documents/${made.document.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const after = await Promise.all(urls().map((u) => jobPasses(u, 'PDF render')));
    const rendered = after.map((n, i) => n - before[i]!);
    expect(rendered[0], 'renders on the process with PDF_RENDER_WORKERS=1').toBeGreaterThan(0);
    expect(rendered.slice(1), 'none on the processes with PDF_RENDER_WORKERS=0').toEqual([0, 0]);
  }, 180_000);

  it('runs each job sent once, on one of the three processes', async () => {
    const before = await passesOn('Orphan-file sweep', urls());
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const id = await sendJob(databaseUrl, 'orphan-sweep');
      expect(id, 'the queue had no sweep waiting').toBeTruthy();
      ids.push(id!);
      await jobCompleted(sql, id!);
    }
    // Six passes in all, summed over the three processes' /metrics: none ran twice, none was lost.
    expect((await passesOn('Orphan-file sweep', urls())) - before).toBe(6);
    const { rows } = await sql.query(`select state, retry_count from pgboss.job where id = any($1::uuid[])`, [
      ids,
    ]);
    expect(rows.every((r) => r.state === 'completed' && r.retry_count === 0)).toBe(true);
  }, 180_000);

  it('a process killed while it holds a job: the job runs again on another process, once', async () => {
    // The test holds the sessions table: the pruning job's DELETE waits on it in whichever process took it.
    const blocker = new pg.Client({ connectionString: databaseUrl });
    await blocker.connect();
    await blocker.query('begin');
    await blocker.query('lock table sessions in access exclusive mode');
    const before = new Map(
      await Promise.all(urls().map(async (u) => [u, await jobPasses(u, 'Session pruning')] as const)),
    );
    const id = await sendJob(databaseUrl, 'session-pruning');
    expect(id).toBeTruthy();
    let holder: number | undefined;
    await expect
      .poll(
        async () => {
          const { rows } = await sql.query<{ client_port: number }>(
            `select client_port from pg_stat_activity where wait_event_type = 'Lock' and query ilike 'delete from "sessions"%'`,
          );
          const pids = cluster.processes.map((p) => p.pid);
          holder = rows[0] ? pidOwningPort(rows[0].client_port, pids) : undefined;
          return holder;
        },
        { timeout: 30_000, interval: 250 },
      )
      .toBeDefined();
    expect((await jobRow(sql, id!))?.state).toBe('active');
    const killed = cluster.processes.find((p) => p.pid === holder)!;
    process.kill(killed.pid, 'SIGKILL');
    await killed.exited();
    await blocker.query('commit');
    await blocker.end();

    const survivors = cluster.processes.filter((p) => p !== killed).map((p) => p.url);
    const job = await jobCompleted(sql, id!);
    // Expired after JOB_EXPIRE_SECONDS, failed once, retried after its delay by a process still alive.
    expect(job.retryCount).toBe(1);
    const beforeOnSurvivors = survivors.reduce((sum, u) => sum + before.get(u)!, 0);
    expect((await passesOn('Session pruning', survivors)) - beforeOnSurvivors).toBe(1);
    // Nothing else of the kind was left running or waiting.
    const { rows } = await sql.query(
      `select count(*)::int as n from pgboss.job where name = 'session-pruning' and state < 'completed'`,
    );
    expect(rows[0].n).toBe(0);
  }, 180_000);
});
