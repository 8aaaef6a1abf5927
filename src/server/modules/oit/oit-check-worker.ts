import { and, gte, max, sql } from 'drizzle-orm';
import { fiscalYearOf } from '#shared/format/thai.ts';
import { backgroundErrorReporter } from '../../db/background-errors.ts';
import type { Db } from '../../db/client.ts';
import { oitItems } from '../../db/schema/index.ts';
import { backgroundJobPasses } from '../../ops/metrics.ts';
import { runChecksAsSystem } from './oit.service.ts';
import { type OitDepsInput, oitDeps } from './oit-deps.ts';

export type OitCheckWorker = {
  /** One pass now; waits for a pass already running instead of starting another. */
  runOnce(): Promise<void>;
  /** Stops the timers, cancels the checks in flight, waits for the pass to end. */
  stop(): Promise<void>;
};

const DAY_MS = 24 * 60 * 60 * 1000;
/** Bangkok has no daylight saving: always UTC+7. */
const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;

/** Milliseconds from `now` to the next `hour`:00 in Bangkok (a full day when it is that moment). */
export function msUntilNextRun(now: Date, hour: number): number {
  const local = now.getTime() + BANGKOK_OFFSET_MS;
  const todayAt = Math.floor(local / DAY_MS) * DAY_MS + hour * 60 * 60 * 1000;
  const next = todayAt > local ? todayAt : todayAt + DAY_MS;
  return next - local;
}

/**
 * Organisation-years worth checking: this fiscal year and the one before, with at least one stored
 * item, none of it checked within `minAgeMs` (so a restart does not check the same links again).
 */
export async function dueTrackers(db: Db, now: Date, minAgeMs: number) {
  const cutoff = new Date(now.getTime() - minAgeMs);
  return db
    .select({ organizationId: oitItems.organizationId, fiscalYear: oitItems.fiscalYear })
    .from(oitItems)
    .where(and(gte(oitItems.fiscalYear, fiscalYearOf(now) - 1)))
    .groupBy(oitItems.organizationId, oitItems.fiscalYear)
    .having(
      sql`coalesce(${max(oitItems.checkedAt)}, 'epoch'::timestamptz) < ${cutoff.toISOString()}::timestamptz`,
    );
}

/**
 * The nightly link check: every day at `hourBangkok` (default 02:00) it checks the links of every
 * organisation-year that has tracked items (this fiscal year and the last), one organisation-year
 * after another, each with the checker's bounded concurrency. A catch-up pass runs `startDelayMs`
 * after start (default 5 minutes) for trackers not checked in the last `minAgeMs` (default 20 h).
 * Timers are unref'd (they never keep the process alive), passes never overlap, and an error in one
 * organisation-year is reported and the pass goes on. Started and stopped with the app in main.ts.
 */
export function startOitCheckWorker(options: {
  db: Db;
  deps?: OitDepsInput;
  hourBangkok?: number;
  startDelayMs?: number;
  minAgeMs?: number;
  now?: () => Date;
  onError?: (error: unknown) => void;
}): OitCheckWorker {
  const { db } = options;
  const deps = oitDeps(options.deps);
  const hour = options.hourBangkok ?? 2;
  const minAgeMs = options.minAgeMs ?? 20 * 60 * 60 * 1000;
  const now = options.now ?? (() => new Date());
  const onError = options.onError ?? backgroundErrorReporter('OIT link check / งานตรวจลิงก์ OIT');
  const controller = new AbortController();
  let running: Promise<void> | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const pass = async () => {
    try {
      for (const t of await dueTrackers(db, now(), minAgeMs)) {
        if (controller.signal.aborted) return;
        try {
          await runChecksAsSystem(db, deps, t.organizationId, t.fiscalYear, controller.signal);
        } catch (error) {
          onError(error);
        }
      }
      backgroundJobPasses.inc({ job: 'OIT link check' });
    } catch (error) {
      onError(error);
    }
  };

  const runOnce = () => {
    if (!running) running = pass().finally(() => (running = null));
    return running;
  };

  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      void runOnce().finally(() => schedule(msUntilNextRun(now(), hour)));
    }, delay);
    timer.unref();
  };
  const catchUp = setTimeout(
    () => {
      if (!stopped) void runOnce();
    },
    options.startDelayMs ?? 5 * 60 * 1000,
  );
  catchUp.unref();
  schedule(msUntilNextRun(now(), hour));

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(catchUp);
      clearTimeout(timer);
      controller.abort();
      await running;
    },
  };
}
