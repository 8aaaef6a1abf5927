import { and, count, eq, gt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { signInAttempts } from '../../db/schema/index.ts';
import { fail } from '../../http/app-error.ts';

/** Failed sign-ins allowed in the window, per e-mail and per client address. */
export const SIGN_IN_LIMITS = { windowMinutes: 15, perEmail: 5, perIp: 30 };

export async function assertSignInAllowed(db: Db, email: string, ip: string): Promise<void> {
  const since = new Date(Date.now() - SIGN_IN_LIMITS.windowMinutes * 60_000);
  const failures = (column: typeof signInAttempts.email | typeof signInAttempts.ip, value: string) =>
    db
      .select({ n: count() })
      .from(signInAttempts)
      .where(
        and(eq(column, value), eq(signInAttempts.succeeded, false), gt(signInAttempts.attemptedAt, since)),
      );
  const [[byEmail], [byIp]] = await Promise.all([
    failures(signInAttempts.email, email),
    failures(signInAttempts.ip, ip),
  ]);
  if ((byEmail?.n ?? 0) >= SIGN_IN_LIMITS.perEmail || (byIp?.n ?? 0) >= SIGN_IN_LIMITS.perIp) {
    throw fail.tooManyRequests(SIGN_IN_LIMITS.windowMinutes * 60);
  }
}

export async function recordSignInAttempt(db: Db, email: string, ip: string, succeeded: boolean) {
  await db.insert(signInAttempts).values({ email, ip, succeeded });
}
