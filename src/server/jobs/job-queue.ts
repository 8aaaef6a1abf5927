import PgBoss from 'pg-boss';
import { backgroundErrorReporter } from '../db/background-errors.ts';
import type { Database } from '../db/client.ts';
import { log } from '../log.ts';
import { backgroundJobPasses, jobLabel } from '../ops/metrics.ts';

/**
 * One kind of background work. Its queue lives in the database (pg-boss's `pgboss` schema), so with
 * several app processes on one PostgreSQL server each job is taken by exactly one of them; on the
 * embedded database the same queue runs in the one process.
 */
export type JobDefinition = {
  /** The queue's name: letters, digits, `-` and `_`. */
  name: string;
  /** "English / ไทย", as the logs and /metrics name it. */
  label: string;
  /** When it runs by itself: a cron expression (minutes at the finest) in `tz` (default Asia/Bangkok). */
  cron?: string;
  tz?: string;
  /** Also once this many seconds after a process starts (throttled: one per `atStartThrottleSeconds` for all processes). */
  atStartAfterSeconds?: number;
  atStartThrottleSeconds?: number;
  /** A job that fails is tried again this many times, after `retryDelaySeconds`, doubling each time. */
  retryLimit: number;
  retryDelaySeconds: number;
  /**
   * A job still running after this long (its process died, or it hangs) is failed by the queue's
   * maintenance and, while it has retries left, runs again (on any process).
   */
  expireInSeconds: number;
  /**
   * `stately` (default): at most one job waiting and one running, so passes never overlap and a backlog
   * never piles up; `standard`: every job sent is kept and run (work items, e.g. one document each).
   */
  policy?: 'stately' | 'standard';
  /** Jobs this process runs at a time (default 1; 0: this process only sends, others run them). */
  workers?: number;
  /** Seconds between two looks for work by one process (default 5). */
  pollingIntervalSeconds?: number;
  /** The work; `signal` aborts when the process shuts down (the job is then handed back and retried). */
  run(signal: AbortSignal, data: Record<string, unknown>): Promise<void>;
};

export type JobQueueOptions = {
  database: Pick<Database, 'executeSql'>;
  jobs: JobDefinition[];
  /** Seconds between maintenance passes (expiring jobs whose process died, archiving); default 60. */
  maintenanceIntervalSeconds?: number;
  /** Seconds between looks at the cron schedules (one process does it per turn); default 30. */
  cronMonitorIntervalSeconds?: number;
  /** Caps every job's expiry (JOB_EXPIRE_SECONDS): a lost job is retried sooner; maintenance runs at a third of it. */
  expireCapSeconds?: number;
  /** What a failed job run says (default: one line per job in the server log, see backgroundErrorReporter). */
  onError?: (job: JobDefinition, error: unknown) => void;
};

export type JobQueue = {
  /** Puts one job in the queue now (stately queues drop it when one is already waiting); its id or null. */
  send(name: string, data?: Record<string, unknown>): Promise<string | null>;
  /** Where one job stands: its state, retries, and what it failed with (pg-boss's output). */
  job(name: string, id: string): Promise<JobState | null>;
  /** Cancels a job not yet ended (its requester gave up). */
  cancel(name: string, id: string): Promise<void>;
  /** Jobs waiting (created or waiting to retry) per queue, for /metrics. */
  depth(): Promise<Record<string, number>>;
  /** Throws when the queue's tables cannot be read (for /readyz). */
  ping(): Promise<void>;
  /**
   * Stops taking work; jobs running are given `graceMs` to end, then aborted and handed back to the
   * queue (failed, so they retry on another process or after the restart).
   */
  stop(graceMs?: number): Promise<void>;
};

export type JobState = {
  state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
  retryCount: number;
  /** A failed job's error (`{ message }`), as pg-boss recorded it. */
  output: unknown;
};

export const JOB_SCHEMA = 'pgboss';

/**
 * Starts pg-boss on the app's own database connection (no second pool): creates its schema on the
 * first start, registers each job's queue, worker and schedule.
 */
export async function startJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const { database, jobs } = options;
  const boss = new PgBoss({
    db: { executeSql: (text, values) => database.executeSql(text, values) },
    schema: JOB_SCHEMA,
    migrate: true,
    supervise: true,
    schedule: jobs.some((j) => j.cron),
    maintenanceIntervalSeconds:
      options.maintenanceIntervalSeconds ??
      (options.expireCapSeconds ? Math.min(60, Math.max(1, Math.floor(options.expireCapSeconds / 3))) : 60),
    cronMonitorIntervalSeconds: options.cronMonitorIntervalSeconds ?? 30,
  });
  // pg-boss's own troubles (a poll while the database restarts): one line each, the loop goes on.
  boss.on('error', (error: Error) => {
    log().warn(`Job queue / คิวงาน: ${error.message}`);
  });
  await boss.start();

  const controller = new AbortController();
  const report =
    options.onError ?? ((job: JobDefinition, error: unknown) => backgroundErrorReporter(job.label)(error));
  // Queues, options and schedules first. Processes starting together on a new database declare them at
  // once: pg-boss's create_queue attaches a partition to its job table, and two of those can deadlock;
  // the declarations are idempotent, so a transient failure is declared again (retryOnRace).
  await retryOnRace(() => declare(boss, jobs, options.expireCapSeconds));
  for (const job of jobs) {
    const take = async ([item]: PgBoss.Job<Record<string, unknown>>[]) => {
      if (!item) return;
      try {
        await job.run(controller.signal, item.data ?? {});
        backgroundJobPasses.inc({ job: jobLabel(job.label) });
      } catch (error) {
        report(job, error);
        throw error; // the queue marks the job failed and schedules its retry
      }
    };
    for (let w = 0; w < (job.workers ?? 1); w++) {
      await boss.work<Record<string, unknown>>(
        job.name,
        { pollingIntervalSeconds: job.pollingIntervalSeconds ?? 5, batchSize: 1 },
        take,
      );
    }
  }

  let stopped = false;
  return {
    send: (name, data = {}) => boss.send(name, data),
    async job(name, id) {
      const found = await boss.getJobById(name, id, { includeArchive: true });
      return found
        ? { state: found.state, retryCount: found.retryCount, output: found.output as unknown }
        : null;
    },
    async cancel(name, id) {
      await boss.cancel(name, id);
    },
    async depth() {
      const sizes = await Promise.all(
        jobs.map(async (j) => [j.name, await boss.getQueueSize(j.name)] as const),
      );
      return Object.fromEntries(sizes);
    },
    async ping() {
      await database.executeSql(`select 1 from ${JOB_SCHEMA}.version limit 1`);
    },
    async stop(graceMs = 10_000) {
      if (stopped) return;
      stopped = true;
      const aborting = setTimeout(() => controller.abort(), Math.max(0, graceMs - 500));
      try {
        // Waits for running jobs up to the timeout, then fails those still running: they retry.
        await boss.stop({ graceful: true, timeout: graceMs, wait: true, close: false });
      } finally {
        clearTimeout(aborting);
        controller.abort();
      }
    },
  };
}

/** Creates the queues not there yet, sets every queue's options and schedule, sends the passes at start. */
async function declare(boss: PgBoss, jobs: JobDefinition[], expireCapSeconds: number | undefined) {
  // pg-boss's create_queue costs ~80 ms a queue on PGlite even when the queue exists (a restart): only
  // queues not there yet are created; updateQueue sets the options of every one either way.
  const existing = new Set((await boss.getQueues()).map((q) => q.name));
  for (const job of jobs) {
    const queue = {
      name: job.name,
      policy: job.policy ?? 'stately',
      retryLimit: job.retryLimit,
      retryDelay: job.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: Math.min(job.expireInSeconds, expireCapSeconds ?? Number.POSITIVE_INFINITY),
    } as const;
    if (!existing.has(job.name)) await boss.createQueue(job.name, queue);
    // createQueue keeps an existing queue as it was: a changed retry or expiry takes effect here.
    await boss.updateQueue(job.name, queue);
    if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: job.tz ?? 'Asia/Bangkok' });
    else await boss.unschedule(job.name);
    if (job.atStartAfterSeconds !== undefined) {
      await boss.send(
        job.name,
        {},
        { startAfter: job.atStartAfterSeconds, singletonSeconds: job.atStartThrottleSeconds ?? 3600 },
      );
    }
  }
}

/** PostgreSQL errors of two sessions meeting (deadlock, serialization, a unique key taken a moment before). */
const RACE_CODES = new Set(['40P01', '40001', '23505']);

/**
 * Runs `work` again (up to `attempts` times, after a short random pause) while it fails with an error of
 * two sessions meeting; any other error, or the last one, is thrown.
 */
export async function retryOnRace<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= attempts || typeof code !== 'string' || !RACE_CODES.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200 * attempt));
    }
  }
}
