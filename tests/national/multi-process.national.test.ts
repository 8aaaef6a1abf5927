import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toThaiDigits } from '#shared/format/thai.ts';
import { EXECUTIVE, REPORTER, SECRETARIAT, VIEWER } from '../e2e/support/accounts.ts';
import { bangkokDate } from '../e2e/support/dates.ts';
import { PLAN_MEASURE } from '../e2e/support/setup-plan.ts';
import { ApiClient } from '../faults/support/app-under-test.ts';
import { setUpPlanContent } from '../support/plan-content.ts';
import { startSmtpServer } from '../support/smtp-server.ts';
import { type Cluster, startCluster } from './support/cluster.ts';
import { jobCompleted, sendJob } from './support/jobs.ts';

/*
 * Issue 15, item 1: three app processes on one PostgreSQL database, one shared FILES_DIR, behind a
 * round-robin proxy (tests/national/support/cluster.ts). The main journeys cross processes: what one
 * process wrote, another reads; a session made on one is valid on all; the stale-save check and the
 * sign-in limits hold across processes; an upload is stored once and downloads everywhere; a
 * publication shows on every process's public pages; reminders go out once and the orphan sweep
 * leaves a file another process is still committing alone (both through the job queue; its own
 * guarantees are in job-queue.national.test.ts).
 * `npm run test:national` (project `national`, DB_KIND=postgres).
 */

const PROCESSES = 3;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('three app processes behind one address', () => {
  let cluster: Cluster;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let sql: pg.Client;
  let orgs: { id: string; code: string }[] = [];
  /** The same signed-in session on process i (0-based). */
  let secretariatOn: ApiClient[] = [];
  const at = (i: number) => cluster.processes[i]!.url;
  const filesDir = () => path.join(cluster.deployment.dataDir, 'files');
  const storedEvidence = (): string[] => {
    const dir = path.join(filesDir(), 'evidence');
    return fs.existsSync(dir)
      ? fs
          .readdirSync(dir, { recursive: true, withFileTypes: true })
          .filter((e) => e.isFile() && !e.name.startsWith('.'))
          .map((e) => path.join(e.parentPath, e.name))
      : [];
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    cluster = await startCluster({
      processes: PROCESSES,
      env: { SMTP_URL: smtp.url, REMINDER_DAYS_BEFORE: '3' },
    });
    sql = new pg.Client({ connectionString: cluster.deployment.databaseUrl });
    await sql.connect();
    const secretariat = await ApiClient.signIn(at(0), SECRETARIAT);
    secretariatOn = cluster.processes.map((p) => secretariat.at(p.url));
    orgs = await secretariat.expect(200, 'GET', '/api/organizations');
  }, 240_000);

  afterAll(async () => {
    await sql?.end();
    await cluster?.stop();
    await smtp?.close();
  }, 120_000);

  it('the proxy spreads requests over the three processes, each answering on the same database', async () => {
    const before = [...cluster.served];
    for (let i = 0; i < 3 * PROCESSES; i++) {
      expect((await fetch(`${cluster.url}/api/health`)).status).toBe(200);
    }
    const spread = cluster.served.map((n, i) => n - (before[i] ?? 0));
    expect(spread).toEqual([3, 3, 3]);
    // One connection to the database per process at least, from three different server processes.
    const pids = new Set(cluster.processes.map((p) => p.pid));
    expect(pids.size).toBe(PROCESSES);
  });

  it('a session made on process 1 is valid on 2 and 3, and a sign-out on 3 ends it on all', async () => {
    const viewer = await ApiClient.signIn(at(0), VIEWER);
    for (const i of [1, 2]) {
      const me = await viewer.at(at(i)).expect<{ user: { email: string } }>(200, 'GET', '/api/auth/me');
      expect(me.user.email).toBe(VIEWER);
    }
    await viewer.at(at(2)).expect(204, 'POST', '/api/auth/sign-out');
    for (const i of [0, 1, 2]) {
      expect((await viewer.at(at(i)).call('GET', '/api/auth/me')).status, `process ${i + 1}`).toBe(401);
    }
  });

  it('a plan saved through process 1 reads the same through 2 and 3; an old version is refused (409) across processes', async () => {
    const province = orgs.find((o) => o.code === 'DEMO-PROV')!;
    const created = await secretariatOn[0]!.expect<{
      id: string;
      rowVersion: number;
      content: { title: string };
    }>(201, 'POST', '/api/plans', { organizationId: province.id, fiscalYear: 2590, issuesFrom: 'none' });
    const summary = 'บันทึกผ่านกระบวนการที่ 1 อ่านจากกระบวนการที่ 2 และ 3';
    const saved = await secretariatOn[0]!.expect<{ rowVersion: number; content: unknown }>(
      200,
      'PUT',
      `/api/plans/${created.id}`,
      { rowVersion: created.rowVersion, content: { title: created.content.title, analysisSummary: summary } },
    );
    for (const i of [1, 2]) {
      const read = await secretariatOn[i]!.expect<{ rowVersion: number; content: unknown }>(
        200,
        'GET',
        `/api/plans/${created.id}`,
      );
      expect(read.rowVersion, `process ${i + 1}`).toBe(saved.rowVersion);
      expect(read.content, `process ${i + 1}`).toEqual(saved.content);
    }
    // A save on process 2 with the version just read…
    const second = await secretariatOn[1]!.expect<{ rowVersion: number }>(
      200,
      'PUT',
      `/api/plans/${created.id}`,
      {
        rowVersion: saved.rowVersion,
        content: { title: created.content.title, analysisSummary: `${summary} (แก้ไขบนกระบวนการที่ 2)` },
      },
    );
    expect(second.rowVersion).toBe(saved.rowVersion + 1);
    // …then one on process 1 with the old version: refused, and nothing of it kept.
    const stale = await secretariatOn[0]!.call('PUT', `/api/plans/${created.id}`, {
      rowVersion: saved.rowVersion,
      content: { title: created.content.title, analysisSummary: 'เขียนทับด้วยฉบับเก่า' },
    });
    expect(stale.status).toBe(409);
    const after = await secretariatOn[2]!.expect<{
      rowVersion: number;
      content: { analysisSummary: string };
    }>(200, 'GET', `/api/plans/${created.id}`);
    expect(after.rowVersion).toBe(second.rowVersion);
    expect(after.content.analysisSummary).toContain('แก้ไขบนกระบวนการที่ 2');
  });

  it('failed sign-ins are counted across processes: the fifth in a row is held back wherever it lands', async () => {
    // SIGN_IN_LIMITS: three failures are answered at once, then the account waits 1 s, doubling.
    // Spread over three processes, no process alone sees more than two: the count must be shared.
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await fetch(`${at(attempt % PROCESSES)}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: EXECUTIVE, password: 'wrong-password-for-the-test' }),
      });
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses[4]).toBe(429);
    // After the wait, the right password on yet another process signs in (and clears the count).
    await sleep(2_100);
    await ApiClient.signIn(at(2), EXECUTIVE);
  });

  /** An approved, circulated plan of the province with one measure of DEMO-PROV-03 and an open round due in two days. */
  let setUp: Promise<{ planId: string; title: string; roundId: string; slotId: string }> | undefined;
  const approvedPlanWithRound = () => {
    setUp ??= (async () => {
      const province = orgs.find((o) => o.code === 'DEMO-PROV')!;
      const unit = orgs.find((o) => o.code === 'DEMO-PROV-03')!;
      const [year, month] = bangkokDate(0).split('-').map(Number) as [number, number];
      const fiscalYear = year + 543 + (month >= 10 ? 1 : 0);
      // Each step on another process, as a load balancer would send them.
      const plan = await secretariatOn[0]!.expect<{
        id: string;
        rowVersion: number;
        content: { title: string };
      }>(201, 'POST', '/api/plans', { organizationId: province.id, fiscalYear, issuesFrom: 'none' });
      const saved = await secretariatOn[1]!.expect<{ rowVersion: number }>(
        200,
        'PUT',
        `/api/plans/${plan.id}`,
        {
          rowVersion: plan.rowVersion,
          content: setUpPlanContent(plan.content.title, fiscalYear, [
            { id: 'measure-1', title: PLAN_MEASURE, unitIds: [unit.id] },
          ]),
        },
      );
      const submitted = await secretariatOn[2]!.expect<{ rowVersion: number }>(
        200,
        'POST',
        `/api/plans/${plan.id}/submit`,
        { rowVersion: saved.rowVersion },
      );
      const executive = await ApiClient.signIn(at(1), EXECUTIVE);
      const approved = await executive.expect<{ rowVersion: number }>(
        200,
        'POST',
        `/api/plans/${plan.id}/decision`,
        {
          decision: 'approve',
          rowVersion: submitted.rowVersion,
          memoNumber: 'ชบ 0017/150',
          memoDate: bangkokDate(0),
        },
      );
      await secretariatOn[0]!.expect(200, 'POST', `/api/plans/${plan.id}/circulate`, {
        rowVersion: approved.rowVersion,
      });
      const round = await secretariatOn[1]!.expect<{ id: string; rowVersion: number }>(
        201,
        'POST',
        '/api/rounds',
        {
          planId: plan.id,
          kind: '6m',
          dueDate: bangkokDate(2),
        },
      );
      await secretariatOn[2]!.expect(200, 'POST', `/api/rounds/${round.id}/open`, {
        rowVersion: round.rowVersion,
      });
      const reporter = await ApiClient.signIn(at(0), REPORTER);
      const slots = await reporter.expect<{ id: string; roundId: string }[]>(200, 'GET', '/api/reports/mine');
      const slot = slots.find((s) => s.roundId === round.id) ?? slots[0]!;
      return { planId: plan.id, title: plan.content.title, roundId: round.id, slotId: slot.id };
    })();
    return setUp;
  };

  it('an upload through process 1 is stored once (one row, one file) and downloads through 2 and 3', async () => {
    const { slotId } = await approvedPlanWithRound();
    const reporter = await ApiClient.signIn(at(0), REPORTER);
    const filesBefore = storedEvidence().length;
    const bytes = Buffer.concat([
      Buffer.from('%PDF-1.4\n% national harness\n'),
      Buffer.alloc(200 * 1024, 7),
      Buffer.from('\n%%EOF\n'),
    ]);
    const file = await reporter.expect<{ id: string; sha256: string }>(
      201,
      'POST',
      `/api/evidence/slots/${slotId}`,
      {
        fileName: 'หลักฐานการเผยแพร่.pdf',
        contentBase64: bytes.toString('base64'),
      },
    );
    expect(file.sha256).toBe(sha256(bytes));
    for (const i of [1, 2]) {
      const other = reporter.at(at(i));
      const listed = await other.expect<{ id: string }[]>(200, 'GET', `/api/evidence/slots/${slotId}`);
      expect(listed.map((f) => f.id)).toContain(file.id);
      const download = await other.bytes(`/api/evidence/${file.id}/download`);
      expect(download.status, `download through process ${i + 1}`).toBe(200);
      expect(sha256(download.bytes)).toBe(file.sha256);
    }
    const rows = await sql.query('select count(*)::int as n from evidence_files where sha256 = $1', [
      file.sha256,
    ]);
    expect(rows.rows[0].n).toBe(1);
    expect(storedEvidence().length).toBe(filesBefore + 1);
    expect(storedEvidence().filter((f) => path.basename(f) === file.sha256)).toHaveLength(1);
  });

  it('a publication through process 1 shows on the public pages of 2 and 3 within about a second, though they had the page cached', async () => {
    const { planId, title: planTitle } = await approvedPlanWithRound();
    // The public pages write the title with Thai digits.
    const title = toThaiDigits(planTitle);
    const province = orgs.find((o) => o.code === 'DEMO-PROV')!;
    const site = await secretariatOn[0]!.expect<{ indexUrl: string }>(
      200,
      'GET',
      `/api/publications/sites/${province.id}`,
    );
    const pagePath = new URL(site.indexUrl, cluster.url).pathname;
    const page = async (i: number) => {
      const response = await fetch(`${at(i)}${pagePath}`);
      return { status: response.status, html: await response.text() };
    };
    // Processes 2 and 3 render (and cache) the page before anything of this plan is published.
    for (const i of [1, 2]) {
      const before = await page(i);
      expect(before.html).not.toContain(title);
      // Twice: the second answer comes from the cache.
      expect((await page(i)).html).toBe(before.html);
    }
    const published = await secretariatOn[0]!.expect<{ created: boolean; publication: { pathKey: string } }>(
      200,
      'POST',
      '/api/publications',
      { kind: 'plan', subjectId: planId },
    );
    expect(published.created).toBe(true);
    const publishedAt = Date.now();
    for (const i of [1, 2]) {
      await expect
        .poll(async () => (await page(i)).html.includes(title), { timeout: 5_000, interval: 100 })
        .toBe(true);
    }
    const lag = Date.now() - publishedAt;
    console.info(`the publication showed on processes 2 and 3 after ${lag} ms`);
    // The site memo holds one second; the stamp query then sees the new publication.
    expect(lag).toBeLessThan(3_000);
  }, 120_000);

  it('reminders and the orphan sweep through one job queue: the due reminder is sent once; a file being committed is left alone, an old orphan is removed', async () => {
    const { slotId } = await approvedPlanWithRound();
    // A referenced file of its own (the test runs alone with -t too).
    const reporter = await ApiClient.signIn(at(1), REPORTER);
    await reporter.expect(201, 'POST', `/api/evidence/slots/${slotId}`, {
      fileName: 'หลักฐานรอบ.pdf',
      contentBase64: Buffer.from('%PDF-1.4\n% kept by its row\n%%EOF\n').toString('base64'),
    });
    // A file another process is still committing (bytes written, row not yet committed): fresh mtime.
    const inFlight = path.join(filesDir(), 'evidence', 'ab', `ab${'0'.repeat(62)}`);
    // Bytes an interrupted upload left a day and more ago: past ORPHAN_GRACE_MS, no row names them.
    const stale = path.join(filesDir(), 'evidence', 'cd', `cd${'1'.repeat(62)}`);
    for (const file of [inFlight, stale]) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, `bytes of ${path.basename(file)}`);
    }
    const dayAndHourAgo = new Date(Date.now() - 25 * 3600_000);
    fs.utimesSync(stale, dayAndHourAgo, dayAndHourAgo);
    // Every referenced file is made old too: the sweepers must keep it because a row names it.
    const referenced = storedEvidence().filter((f) => f !== inFlight && f !== stale);
    expect(referenced.length).toBeGreaterThan(0);
    for (const file of referenced) fs.utimesSync(file, dayAndHourAgo, dayAndHourAgo);

    // One sweep and one reminders pass through the job queue, taken by one of the three processes each
    // (the three started together, so their passes at start are over: a start sweeps once for all).
    const databaseUrl = cluster.deployment.databaseUrl!;
    for (const job of ['orphan-sweep', 'reminders']) {
      const id = await sendJob(databaseUrl, job);
      if (id) await jobCompleted(sql, id);
    }
    await expect
      .poll(
        async () =>
          (
            await sql.query(
              `select count(*) filter (where status = 'sent')::int as sent, count(*) filter (where status = 'pending')::int as pending from outbox`,
            )
          ).rows[0],
        { timeout: 90_000, interval: 500 },
      )
      .toMatchObject({ sent: expect.any(Number), pending: 0 });
    await expect.poll(() => smtp.received.length, { timeout: 90_000, interval: 500 }).toBeGreaterThan(0);
    // The reminders job runs again every minute (on one process): wait one whole turn before counting.
    await sleep(65_000);
    const outbox = await sql.query<{ dedupe_key: string; recipient: string; status: string }>(
      'select dedupe_key, recipient, status from outbox order by dedupe_key',
    );
    const dueSoon = outbox.rows.filter((r) => r.dedupe_key.startsWith('due_soon:'));
    expect(dueSoon.length, 'due-soon reminders queued').toBeGreaterThan(0);
    expect(outbox.rows.every((r) => r.status === 'sent')).toBe(true);
    const toReporter = smtp.received.filter((m) => m.to.includes(REPORTER));
    expect(
      toReporter.length,
      `messages received by the reporter (${dueSoon.length} due-soon queued for them)`,
    ).toBe(dueSoon.filter((r) => r.recipient === REPORTER).length);
    expect(smtp.received.length, 'every message received once').toBe(outbox.rows.length);

    expect(fs.existsSync(inFlight), 'a file younger than the grace period is left for its upload').toBe(true);
    expect(fs.existsSync(stale), 'an old file no row names is removed').toBe(false);
    for (const file of referenced) expect(fs.existsSync(file), `referenced ${file}`).toBe(true);
  }, 300_000);
});
