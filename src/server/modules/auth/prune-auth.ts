import { lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sessions, signInAttempts } from '../../db/schema/index.ts';
import { backgroundJobPasses } from '../../ops/metrics.ts';
import { SIGN_IN_LIMITS } from './sign-in-limit.ts';

/** Sign-in attempts are kept a day: far longer than the limit's window, long enough to look into abuse. */
export const ATTEMPTS_KEPT_HOURS = 24;

/** Deletes expired sessions and sign-in attempts older than a day; returns how many of each. */
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
  return { sessions: expired.length, attempts: attempts.length };
}

/** Prunes once at start and then every `intervalMs` (default 6 h); the timer does not keep the process alive. */
export function startAuthPruner(deps: { db: Db; intervalMs?: number; onError?: (e: unknown) => void }) {
  const prune = () =>
    pruneAuth(deps.db).then(
      () => void backgroundJobPasses.inc({ job: 'Session pruning' }),
      (e: unknown) => deps.onError?.(e),
    );
  let running = prune();
  const timer = setInterval(
    () => {
      running = running.then(prune);
    },
    deps.intervalMs ?? 6 * 3600_000,
  );
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
