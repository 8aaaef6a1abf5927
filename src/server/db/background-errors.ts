import { isDatabaseUnavailable } from '../http/error-handler.ts';
import { log as logger } from '../log.ts';
import { backgroundJobFailures, jobLabel } from '../ops/metrics.ts';

export type Log = (line: string) => void;

/** The server logger as `{ warn, error }`: a warning line, or an error line with the error as `err`. */
export const serverLog = {
  warn: (line: string) => logger().warn(line),
  error: (message: unknown, error?: unknown) =>
    error === undefined ? logger().error(message) : logger().error({ err: error }, String(message)),
};

/**
 * How a background job (reminders, the OIT link check, the orphan sweep, session pruning, the demo's
 * publication) tells a failed pass. While the database is down (a restart, a failover) every pass fails
 * the same way and tries again at its next turn: that is one line naming the job, not a stack trace per
 * pass. Anything else is a fault and is printed whole.
 */
export function backgroundErrorReporter(
  job: string,
  log: { warn: Log; error: (...args: unknown[]) => void } = serverLog,
) {
  return (error: unknown) => {
    // Every failed pass counts in background_job_failures_total{job} (/metrics), outage or fault.
    backgroundJobFailures.inc({ job: jobLabel(job) });
    if (isDatabaseUnavailable(error)) {
      const code =
        (error as { code?: unknown }).code ?? (error as { cause?: { code?: unknown } }).cause?.code;
      log.warn(
        `${job}: the database is unavailable${typeof code === 'string' ? ` (${code})` : ''}; the next pass tries again`,
      );
      return;
    }
    log.error(`${job}:`, error);
  };
}

/**
 * For `process.on('unhandledRejection')`: pg-boss 10 records a job's end without awaiting it, so while
 * the database is away that write is a rejected promise nobody holds. That one is told in a line (the
 * job stays active, expires and runs again); any other unhandled rejection is a fault and ends the
 * process as Node would.
 */
export function toleratingDatabaseOutage(log: { warn: Log } = serverLog) {
  return (reason: unknown) => {
    if (isDatabaseUnavailable(reason)) {
      log.warn(
        `Job queue / คิวงาน: a write was lost while the database is unavailable; the job expires and runs again`,
      );
      return;
    }
    throw reason;
  };
}
