import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../tests/support/test-db.ts';
import type { Database } from '../db/client.ts';
import { LogChannel } from '../modules/reminders/channel.ts';
import { backgroundJobPasses } from '../ops/metrics.ts';
import { LocalDiskStore } from '../storage/local-disk-store.ts';
import { appJobs } from './app-jobs.ts';
import { type JobDefinition, type JobQueue, startJobQueue } from './job-queue.ts';

let database: Database;
const started: JobQueue[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((q) => q.stop(1000)));
});
afterAll(() => database.close());

/** A queue on the test database, as one app process would start it (stopped after each test). */
async function queue(jobs: JobDefinition[]) {
  const q = await startJobQueue({ database, jobs, maintenanceIntervalSeconds: 1, onError: () => {} });
  started.push(q);
  return q;
}

function job(name: string, run: JobDefinition['run'], more: Partial<JobDefinition> = {}): JobDefinition {
  return {
    name,
    label: `${name} / ทดสอบ`,
    retryLimit: 0,
    retryDelaySeconds: 1,
    expireInSeconds: 60,
    pollingIntervalSeconds: 0.5,
    run,
    ...more,
  };
}

async function until(what: string, done: () => boolean | Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function jobRow(id: string) {
  const { rows } = await database.executeSql(
    'select state, retry_count as "retryCount" from pgboss.job where id = $1',
    [id],
  );
  return rows[0] as { state: string; retryCount: number } | undefined;
}

describe('the job queue', () => {
  it('runs each job once when three processes take work from one queue', async () => {
    const runs: { process: number; n: number }[] = [];
    const queues = await Promise.all(
      [0, 1, 2].map((p) =>
        queue([
          job(
            'count',
            async (_signal, data) => {
              runs.push({ process: p, n: Number(data.n) });
              await new Promise((r) => setTimeout(r, 20));
            },
            { policy: 'standard' },
          ),
        ]),
      ),
    );
    for (let n = 0; n < 30; n++) expect(await queues[n % 3]!.send('count', { n })).toBeTruthy();
    await until('30 runs', () => runs.length >= 30);
    await new Promise((r) => setTimeout(r, 1500)); // a second run would come within a poll or two
    expect(runs.map((r) => r.n).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, n) => n));
  });

  it('three processes starting at once on a new database declare the same queues without failing', async () => {
    for (let round = 0; round < 3; round++) {
      const fresh = await createTestDatabase();
      try {
        const jobs = ['a', 'b', 'c', 'd', 'e', 'f'].map((n) =>
          job(`race_${n}`, async () => {}, { cron: '0 3 * * *', atStartAfterSeconds: 60 }),
        );
        const three = await Promise.all(
          [0, 1, 2].map(() => startJobQueue({ database: fresh, jobs, onError: () => {} })),
        );
        await Promise.all(three.map((q) => q.stop(1000)));
        const { rows } = await fresh.executeSql(
          `select count(*)::int as n from pgboss.queue where name like 'race_%'`,
        );
        expect(rows[0]).toEqual({ n: 6 });
      } finally {
        await fresh.close();
      }
    }
  }, 120_000);

  it('a stately queue keeps one job waiting: passes never pile up', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let ran = 0;
    const q = await queue([
      job('pass', async () => {
        ran++;
        await held;
      }),
    ]);
    expect(await q.send('pass')).toBeTruthy();
    await until('the first pass to start', () => ran === 1);
    expect(await q.send('pass')).toBeTruthy(); // waits behind the running one
    expect(await q.send('pass')).toBeNull(); // one is waiting already
    expect((await q.depth()).pass).toBe(1);
    release();
    await until('the waiting pass', () => ran === 2);
  });

  it('retries a failing job after its delay, doubling, and reports each failure', async () => {
    const at: number[] = [];
    const failures: unknown[] = [];
    const q = await startJobQueue({
      database,
      maintenanceIntervalSeconds: 1,
      onError: (_job, error) => failures.push(error),
      jobs: [
        job(
          'flaky',
          async () => {
            at.push(Date.now());
            if (at.length < 3) throw new Error(`failure ${at.length}`);
          },
          { retryLimit: 2, retryDelaySeconds: 1 },
        ),
      ],
    });
    started.push(q);
    const id = (await q.send('flaky'))!;
    await until('the third try', async () => (await jobRow(id))?.state === 'completed', 30_000);
    expect(at).toHaveLength(3);
    expect(failures.map((e) => (e as Error).message)).toEqual(['failure 1', 'failure 2']);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(900);
    // The second wait is at least twice the delay (back-off), the first at least the delay.
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(1900);
    expect((await jobRow(id))?.retryCount).toBe(2);
  });

  it('a job that hangs past its expiry is failed and runs again', async () => {
    let tries = 0;
    const q = await queue([
      job(
        'hangs',
        async () => {
          tries++;
          if (tries === 1) await new Promise(() => {}); // never ends, like a process that died holding it
        },
        { retryLimit: 1, retryDelaySeconds: 1, expireInSeconds: 2 },
      ),
    ]);
    const id = (await q.send('hangs'))!;
    await until('the second try', async () => (await jobRow(id))?.state === 'completed', 30_000);
    expect(tries).toBe(2);
  });

  it('on stop, a running job is aborted and handed back; another process runs it', async () => {
    const ranOn: string[] = [];
    const slow = (who: string) =>
      job(
        'handback',
        async (signal) => {
          ranOn.push(who);
          if (who === 'a')
            await new Promise((_, reject) =>
              signal.addEventListener('abort', () => reject(new Error('stopped'))),
            );
        },
        { retryLimit: 1, retryDelaySeconds: 1 },
      );
    const a = await startJobQueue({ database, jobs: [slow('a')], onError: () => {} });
    const id = (await a.send('handback'))!;
    await until('a to take it', () => ranOn.length === 1);
    const b = await queue([slow('b')]);
    await a.stop(1000);
    await until('b to run it', async () => (await jobRow(id))?.state === 'completed', 30_000);
    expect(ranOn).toEqual(['a', 'b']);
    expect(b).toBeDefined();
  });

  it("runs the app's background jobs and counts each pass in /metrics", async () => {
    const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-jobs-'));
    try {
      const jobs = appJobs({
        db: database.db,
        fileStore: new LocalDiskStore(filesDir),
        channel: new LogChannel({ write: () => {} }),
        config: { reminderDaysBefore: 3, publicUrl: undefined },
        oit: {},
      }).map((j) => ({ ...j, cron: undefined, atStartAfterSeconds: undefined, pollingIntervalSeconds: 0.5 }));
      const passes = async (label: string) =>
        (await backgroundJobPasses.get()).values.find((v) => v.labels.job === label.split(' / ')[0])?.value ??
        0;
      const before = await Promise.all(jobs.map((j) => passes(j.label)));
      const failures: unknown[] = [];
      const q = await startJobQueue({ database, jobs, onError: (_j, e) => failures.push(e) });
      started.push(q);
      for (const j of jobs) expect(await q.send(j.name), j.name).toBeTruthy();
      await until('a pass of each', async () =>
        (await Promise.all(jobs.map((j, i) => passes(j.label).then((n) => n > before[i]!)))).every(Boolean),
      );
      expect(failures).toEqual([]);
      expect(jobs.map((j) => j.name)).toEqual(['reminders', 'session-pruning', 'orphan-sweep', 'oit-check']);
    } finally {
      fs.rmSync(filesDir, { recursive: true, force: true });
    }
  });
});
