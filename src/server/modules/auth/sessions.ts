import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import { roleSchema } from '#shared/auth/roles.ts';
import type { Db } from '../../db/client.ts';
import { preparedPerDb } from '../../db/prepared.ts';
import { organizations, roleAssignments, sessions, users } from '../../db/schema/index.ts';
import type { Actor, Grant } from '../../http/actor.ts';
import type { SignedInWith } from '../../http/context.ts';

export const SESSION_COOKIE = 'prongsai_session';
export const SESSION_TTL_HOURS = 12;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export async function createSession(
  db: Db,
  userId: string,
  meta: { ip: string; userAgent: string | null; signedInWith?: SignedInWith },
) {
  const signedInWith = meta.signedInWith ?? { method: 'password' };
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.insert(sessions).values({
    tokenHash: sha256(token),
    userId,
    csrfToken,
    expiresAt: new Date(Date.now() + SESSION_TTL_HOURS * 3600_000),
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
    signInMethod: signedInWith.method,
    signInProvider: signedInWith.method === 'oidc' ? signedInWith.provider : null,
  });
  return { token, csrfToken };
}

/**
 * The session, its user and the user's grants in one prepared statement (every API request runs it):
 * a row per grant, or one with no grant for a user who holds none.
 */
const sessionStatement = preparedPerDb((db) =>
  db
    .select({
      csrfToken: sessions.csrfToken,
      signInMethod: sessions.signInMethod,
      signInProvider: sessions.signInProvider,
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      locale: users.locale,
      grantId: roleAssignments.id,
      role: roleAssignments.role,
      organizationId: roleAssignments.organizationId,
      organizationPath: organizations.path,
      organizationNameTh: organizations.nameTh,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(roleAssignments, eq(roleAssignments.userId, users.id))
    .leftJoin(organizations, eq(organizations.id, roleAssignments.organizationId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('tokenHash')),
        gt(sessions.expiresAt, sql.placeholder('now')),
        eq(users.active, true),
      ),
    )
    .prepare('load_session'),
);

export async function loadSession(db: Db, token: string) {
  const tokenHash = sha256(token);
  const rows = await sessionStatement(db).execute({ tokenHash, now: new Date().toISOString() });
  const row = rows[0];
  if (!row) return null;
  const grants: Grant[] = [];
  for (const r of rows) {
    if (r.grantId === null || r.role === null) continue;
    grants.push({
      id: r.grantId,
      role: roleSchema.parse(r.role),
      organizationId: r.organizationId,
      organizationPath: r.organizationPath,
      organizationNameTh: r.organizationNameTh,
    });
  }
  const actor: Actor = {
    userId: row.userId,
    email: row.email,
    displayName: row.displayName,
    locale: row.locale === 'en' ? 'en' : 'th',
    grants,
  };
  const signedInWith: SignedInWith =
    row.signInMethod === 'oidc' && row.signInProvider !== null
      ? { method: 'oidc', provider: row.signInProvider }
      : { method: 'password' };
  return { actor, session: { tokenHash, csrfToken: row.csrfToken, signedInWith } };
}

export async function deleteSession(db: Db, tokenHash: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSessionsOfUser(db: Db, userId: string) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}
