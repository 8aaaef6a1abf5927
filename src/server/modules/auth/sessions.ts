import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sessions, users } from '../../db/schema/index.ts';
import type { Actor } from '../../http/actor.ts';
import { loadGrants } from '../users/grants.ts';

export const SESSION_COOKIE = 'prongsai_session';
export const SESSION_TTL_HOURS = 12;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export async function createSession(db: Db, userId: string, meta: { ip: string; userAgent: string | null }) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.insert(sessions).values({
    tokenHash: sha256(token),
    userId,
    csrfToken,
    expiresAt: new Date(Date.now() + SESSION_TTL_HOURS * 3600_000),
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken };
}

export async function loadSession(db: Db, token: string) {
  const tokenHash = sha256(token);
  const [row] = await db
    .select({
      csrfToken: sessions.csrfToken,
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      locale: users.locale,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, new Date()), eq(users.active, true)),
    );
  if (!row) return null;
  const actor: Actor = {
    userId: row.userId,
    email: row.email,
    displayName: row.displayName,
    locale: row.locale === 'en' ? 'en' : 'th',
    grants: await loadGrants(db, row.userId),
  };
  return { actor, session: { tokenHash, csrfToken: row.csrfToken } };
}

export async function deleteSession(db: Db, tokenHash: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSessionsOfUser(db: Db, userId: string) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}
