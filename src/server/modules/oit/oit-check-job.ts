import { and, gte, max, sql } from 'drizzle-orm';
import { fiscalYearOf } from '#shared/format/thai.ts';
import { backgroundErrorReporter } from '../../db/background-errors.ts';
import type { Db } from '../../db/client.ts';
import { oitItems } from '../../db/schema/index.ts';
import type { JobDefinition } from '../../jobs/job-queue.ts';
import { runChecksAsSystem } from './oit.service.ts';
import { type OitDepsInput, oitDeps } from './oit-deps.ts';

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
 * One pass: checks the links of every organisation-year that has tracked items (this fiscal year and
 * the last) not checked within `minAgeMs` (default 20 h, so a catch-up after a restart does not check
 * the same links again), one organisation-year after another, each with the checker's bounded
 * concurrency. An error in one organisation-year is reported and the pass goes on; `signal` stops it.
 */
export async function oitCheckPass(options: {
  db: Db;
  deps?: OitDepsInput;
  minAgeMs?: number;
  now?: Date;
  signal?: AbortSignal;
  onError?: (error: unknown) => void;
}) {
  const { db } = options;
  const deps = oitDeps(options.deps);
  const onError = options.onError ?? backgroundErrorReporter('OIT link check / งานตรวจลิงก์ OIT');
  const due = await dueTrackers(db, options.now ?? new Date(), options.minAgeMs ?? 20 * 60 * 60 * 1000);
  for (const t of due) {
    if (options.signal?.aborted) throw new Error('OIT link check stopped: the process is shutting down');
    try {
      await runChecksAsSystem(db, deps, t.organizationId, t.fiscalYear, options.signal);
    } catch (error) {
      onError(error);
    }
  }
}

/**
 * The nightly link check at 02:00 Bangkok time through the job queue (one process takes it), and a
 * catch-up 5 minutes after a start for trackers not checked in the last 20 hours.
 */
export function oitCheckJob(options: { db: Db; deps?: OitDepsInput }): JobDefinition {
  return {
    name: 'oit-check',
    label: 'OIT link check / งานตรวจลิงก์ OIT',
    cron: '0 2 * * *',
    tz: 'Asia/Bangkok',
    atStartAfterSeconds: 5 * 60,
    atStartThrottleSeconds: 6 * 3600,
    retryLimit: 2,
    retryDelaySeconds: 5 * 60,
    expireInSeconds: 3 * 60 * 60,
    run: (signal) => oitCheckPass({ ...options, signal }),
  };
}
