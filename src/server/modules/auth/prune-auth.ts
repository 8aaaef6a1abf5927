import { lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { oidcPendingSignIns, sessions, signInAttempts } from '../../db/schema/index.ts';
import type { JobDefinition } from '../../jobs/job-queue.ts';
import { SIGN_IN_LIMITS } from './sign-in-limit.ts';

/** Sign-in attempts are kept a day: far longer than the limit's window, long enough to look into abuse. */
export const ATTEMPTS_KEPT_HOURS = 24;

/**
 * Deletes expired sessions, sign-in attempts older than a day and sign-ins sent to an identity provider that
 * never came back (past their 10 minutes); returns how many of each.
 */
export async function pruneAuth(db: Db, now = new Date()) {
  const keptSince = new Date(
    now.getTime() - Math.max(ATTEMPTS_KEPT_HOURS * 60, SIGN_IN_LIMITS.windowMinutes) * 60_000,
  );
  const expired = await db
    .delete(sessions)
    .where(lt(sessions.expiresAt, now))
    .returning({ id: sessions.tokenHash });
  const attempts = await db
    .delete(signInAttempts)
    .where(lt(signInAttempts.attemptedAt, keptSince))
    .returning({ id: signInAttempts.id });
  const pending = await db
    .delete(oidcPendingSignIns)
    .where(lt(oidcPendingSignIns.expiresAt, now))
    .returning({ id: oidcPendingSignIns.stateHash });
  return { sessions: expired.length, attempts: attempts.length, pendingSignIns: pending.length };
}

/** Every hour and at a start (once an hour for all processes), through the job queue (one process takes each turn). */
export function authPruneJob(db: Db): JobDefinition {
  return {
    name: 'session-pruning',
    label: 'Session pruning / ลบเซสชันที่หมดอายุ',
    cron: '17 * * * *',
    atStartAfterSeconds: 0,
    atStartThrottleSeconds: 3600,
    retryLimit: 2,
    retryDelaySeconds: 10,
    expireInSeconds: 15 * 60,
    run: async () => {
      await pruneAuth(db);
    },
  };
}
