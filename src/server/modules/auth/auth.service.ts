import { count, sql } from 'drizzle-orm';
import type { MeResponse } from '#shared/auth/contract.ts';
import type { Db } from '../../db/client.ts';
import { roleAssignments, users } from '../../db/schema/index.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError, fail } from '../../http/app-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { burnPasswordCheck, hashPassword, verifyPassword } from './password.ts';
import { createSession } from './sessions.ts';
import { beginSignInAttempt, markSignInSucceeded } from './sign-in-limit.ts';

type ClientMeta = { ip: string; userAgent: string | null };

const wrongCredentials = () =>
  new AppError(401, 'wrong_credentials', 'อีเมลหรือรหัสผ่านไม่ถูกต้อง', 'Wrong e-mail or password');

export async function signIn(db: Db, input: { email: string; password: string }, meta: ClientMeta) {
  const attemptId = await beginSignInAttempt(db, input.email, meta.ip);
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${input.email}`);
  // An account that signs in only through an identity provider has no password: the same answer, after as long.
  const hash = user?.passwordHash ?? null;
  const ok = user?.active && hash !== null ? await verifyPassword(input.password, hash) : false;
  if (!user || hash === null) await burnPasswordCheck(input.password);
  if (!ok || !user) throw wrongCredentials();
  await markSignInSucceeded(db, attemptId);
  return createSession(db, user.id, meta);
}

export async function needsFirstAdmin(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

/** First run: the very first account becomes a deployment-wide admin. Refused once any user exists. */
/** The very first account, a deployment-wide admin; refused once any user exists. Returns its id. */
export async function insertFirstAdmin(
  db: Db,
  input: { email: string; displayName: string; password: string },
) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    // Serialise concurrent first-run requests so that exactly one can win.
    await tx.execute(sql`lock table ${users} in exclusive mode`);
    if (!(await needsFirstAdmin(tx))) {
      throw fail.conflict('already_set_up', 'ระบบมีผู้ดูแลระบบแล้ว', 'The first administrator already exists');
    }
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, displayName: input.displayName, passwordHash })
      .returning();
    await tx.insert(roleAssignments).values({ userId: user!.id, role: 'admin', organizationId: null });
    await recordAudit(tx, {
      actorUserId: user!.id,
      action: 'user.first_admin',
      entityType: 'user',
      entityId: user!.id,
      after: { email: user!.email, displayName: user!.displayName, role: 'admin' },
    });
    return user!.id;
  });
}

/** First run from the browser: creates the first admin and signs them in. */
export async function createFirstAdmin(
  db: Db,
  input: { email: string; displayName: string; password: string },
  meta: ClientMeta,
) {
  return createSession(db, await insertFirstAdmin(db, input), meta);
}

export function describeActor(actor: Actor, csrfToken: string): MeResponse {
  return {
    user: {
      id: actor.userId,
      email: actor.email,
      displayName: actor.displayName,
      locale: actor.locale,
      roles: actor.grants.map((g) => ({
        id: g.id,
        role: g.role,
        organizationId: g.organizationId,
        organizationNameTh: g.organizationNameTh,
      })),
    },
    csrfToken,
  };
}
