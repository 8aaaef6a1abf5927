import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { signInAttempts } from '../../db/schema/index.ts';
import { AppError } from '../../http/app-error.ts';

/**
 * Brute force is slowed without letting anyone lock an office out:
 * - per account, consecutive failures (since the last success) are answered at once for the first
 *   `freeFailures`, then each next try waits `firstDelaySeconds`, doubling, at most `maxDelaySeconds`;
 *   a success clears it. A stranger can make the owner wait a minute at most, never lock them out.
 * - per client address, only FAILURES count (a busy office signing in successfully never does); past
 *   `perIp` failures in the window that address alone waits until the oldest of them leaves the window.
 */
export const SIGN_IN_LIMITS = {
  windowMinutes: 15,
  freeFailures: 3,
  firstDelaySeconds: 1,
  maxDelaySeconds: 60,
  perIp: 100,
};

/** Attempts per account worth reading: past this many consecutive failures the wait is at its cap. */
const ACCOUNT_ATTEMPTS_READ = 16;

/** The wait after `consecutiveFailures` failed sign-ins in a row on one account, in seconds. */
export function accountDelaySeconds(consecutiveFailures: number, limits = SIGN_IN_LIMITS): number {
  const beyond = consecutiveFailures - limits.freeFailures;
  if (beyond <= 0) return 0;
  return Math.min(limits.firstDelaySeconds * 2 ** Math.min(beyond - 1, 30), limits.maxDelaySeconds);
}

type Attempt = { succeeded: boolean; attemptedAt: Date };

/** Seconds the account must still wait, from its recent attempts (newest first); 0 = may try now. */
export function accountWaitSeconds(attempts: Attempt[], now: Date, limits = SIGN_IN_LIMITS): number {
  let failures = 0;
  for (const attempt of attempts) {
    if (attempt.succeeded) break;
    failures++;
  }
  const last = attempts[0];
  if (!last || failures === 0) return 0;
  const until = last.attemptedAt.getTime() + accountDelaySeconds(failures, limits) * 1000;
  return Math.max(0, Math.ceil((until - now.getTime()) / 1000));
}

/** Seconds the address must still wait, from its failures in the window (newest first); 0 = may try now. */
export function addressWaitSeconds(failuresAt: Date[], now: Date, limits = SIGN_IN_LIMITS): number {
  const oldestCounted = failuresAt[limits.perIp - 1];
  if (!oldestCounted) return 0;
  const until = oldestCounted.getTime() + limits.windowMinutes * 60_000;
  return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
}

/** 429 with Retry-After, saying in both languages when to try again. */
export function tooManySignIns(retryAfterSeconds: number): AppError {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  const [th, en] =
    retryAfterSeconds < 120
      ? [`${retryAfterSeconds} วินาที`, `${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}`]
      : [`${minutes} นาที`, `${minutes} minutes`];
  return new AppError(
    429,
    'too_many_attempts',
    `เข้าสู่ระบบไม่สำเร็จหลายครั้ง กรุณารอ ${th} แล้วลองใหม่`,
    `Too many failed sign-ins; try again in ${en}`,
    [],
    { 'Retry-After': String(retryAfterSeconds) },
  );
}

export async function assertSignInAllowed(
  db: Db,
  email: string,
  ip: string,
  now = new Date(),
): Promise<void> {
  const since = new Date(now.getTime() - SIGN_IN_LIMITS.windowMinutes * 60_000);
  const [byEmail, byIp] = await Promise.all([
    db
      .select({ succeeded: signInAttempts.succeeded, attemptedAt: signInAttempts.attemptedAt })
      .from(signInAttempts)
      .where(and(eq(signInAttempts.email, email), gt(signInAttempts.attemptedAt, since)))
      .orderBy(desc(signInAttempts.attemptedAt))
      .limit(ACCOUNT_ATTEMPTS_READ),
    db
      .select({ attemptedAt: signInAttempts.attemptedAt })
      .from(signInAttempts)
      .where(
        and(
          eq(signInAttempts.ip, ip),
          eq(signInAttempts.succeeded, false),
          gt(signInAttempts.attemptedAt, since),
        ),
      )
      .orderBy(desc(signInAttempts.attemptedAt))
      .limit(SIGN_IN_LIMITS.perIp),
  ]);
  const wait = Math.max(
    accountWaitSeconds(byEmail, now),
    addressWaitSeconds(
      byIp.map((r) => r.attemptedAt),
      now,
    ),
  );
  if (wait > 0) throw tooManySignIns(wait);
}

/**
 * Checks the limits and records the attempt as a failure, one at a time per address and per account
 * (locks on both, the address first in every transaction so two never wait on each other), so tries
 * sent all at once each see the ones before them: on one account, and from one address spraying many
 * accounts. The lock is held for two reads and an insert, not for the password check. Returns the
 * attempt's id for `markSignInSucceeded`; an attempt never marked (wrong password, a crash) stays a failure.
 */
export async function beginSignInAttempt(db: Db, email: string, ip: string): Promise<string> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sign-in-address:${ip}`}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sign-in:${email}`}))`);
    await assertSignInAllowed(tx, email, ip);
    const [row] = await tx
      .insert(signInAttempts)
      .values({ email, ip, succeeded: false })
      .returning({ id: signInAttempts.id });
    return row!.id;
  });
}

export async function markSignInSucceeded(db: Db, attemptId: string) {
  await db.update(signInAttempts).set({ succeeded: true }).where(eq(signInAttempts.id, attemptId));
}
