import { and, asc, eq, exists, like, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { CreateUser, GrantRole, UpdateUser, User } from '#shared/users/contract.ts';
import type { Db } from '../../db/client.ts';
import {
  identityProviderOrganizations,
  organizations,
  roleAssignments,
  userIdentities,
  users,
} from '../../db/schema/index.ts';
import { type Actor, type Grant, isDeploymentAdmin, scopeRoots } from '../../http/actor.ts';
import { detail, fail } from '../../http/app-error.ts';
import { decodeCursor, encodeCursor, LIST_LIMIT_DEFAULT } from '../../http/list-cursor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { hashPassword, verifyPassword } from '../auth/password.ts';
import { deleteSessionsOfUser } from '../auth/sessions.ts';
import { findOrganizationRow } from '../organizations/organizations.service.ts';
import { loadGrants, loadGrantsOf } from './grants.ts';
import { userPolicy } from './users.policy.ts';

type UserRow = typeof users.$inferSelect;
const NOT_FOUND = { th: 'ผู้ใช้', en: 'User' };

function toUser(row: UserRow, grants: Grant[]): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    locale: row.locale === 'en' ? 'en' : 'th',
    active: row.active,
    version: row.version,
    roles: grants.map((g) => ({
      id: g.id,
      role: g.role,
      organizationId: g.organizationId,
      organizationNameTh: g.organizationNameTh,
    })),
  };
}

/** Audit snapshots never carry the password hash. */
const snapshot = (user: User) => ({ ...user });

async function userWithGrants(db: Db, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  if (!row) throw fail.notFound(NOT_FOUND);
  return { row, grants: await loadGrants(db, id) };
}

async function readableUser(db: Db, actor: Actor, id: string) {
  const found = await userWithGrants(db, id);
  if (!userPolicy.read(actor, id, found.grants)) throw fail.forbidden();
  return found;
}

async function manageableUser(db: Db, actor: Actor, id: string) {
  const found = await userWithGrants(db, id);
  if (!userPolicy.manage(actor, found.grants)) throw fail.forbidden();
  return found;
}

/** The organisation a role is granted on, which the granter must administer. */
async function grantTarget(db: Db, actor: Actor, organizationId: string | null, field: string) {
  if (organizationId === null) {
    if (!userPolicy.grantOn(actor, null)) throw fail.forbidden();
    return null;
  }
  const org = await findOrganizationRow(db, organizationId);
  if (!org) throw fail.validation([detail(field, 'ไม่พบหน่วยงานที่ระบุ', 'unknown organisation')]);
  if (!userPolicy.grantOn(actor, org.path)) {
    throw fail.forbidden(
      'ท่านไม่ได้เป็นผู้ดูแลระบบของหน่วยงานนี้ จึงมอบบทบาทในหน่วยงานนี้ไม่ได้',
      'You are not an administrator of this organisation, so you cannot grant roles on it',
      [detail(field, 'อยู่นอกขอบเขตที่ท่านดูแล', 'outside the organisations you administer')],
    );
  }
  return org;
}

/**
 * The users list's sort key, the same on both engines: the name in lower case with each Thai leading
 * vowel (เ แ โ ใ ไ) put after its consonant, compared by code point (`COLLATE "C"`), which orders
 * Thai names by consonant first as a Thai dictionary does (close to `Intl.Collator('th')`; tone marks
 * weigh as letters).
 */
const userSortKey = sql<string>`(regexp_replace(lower(${users.displayName}), '([เแโใไ])([ก-ฮ])', '\\2\\1', 'g') collate "C")`;
const userCursor = z.tuple([z.string(), z.uuid()]);

/**
 * One page of the users the caller administers (`limit` after `cursor`, keyset on the name's sort key
 * then id): a deployment admin sees every user, an admin of organisations the users holding a role in
 * their subtrees. Two queries a page however many users: the page, then the roles of its users.
 */
export async function listUsers(
  db: Db,
  actor: Actor,
  page: { limit?: number; cursor?: string | undefined } = {},
): Promise<{ items: User[]; nextCursor: string | null }> {
  if (!userPolicy.list(actor)) throw fail.forbidden();
  const { limit = LIST_LIMIT_DEFAULT, cursor } = page;
  const after = cursor === undefined ? undefined : decodeCursor(cursor, userCursor);
  const roots = isDeploymentAdmin(actor)
    ? null
    : scopeRoots(actor, ['admin']).filter((r): r is string => r !== null);
  if (roots?.length === 0) return { items: [], nextCursor: null };
  const inScope = roots
    ? or(
        exists(
          db
            .select({ one: sql`1` })
            .from(roleAssignments)
            .innerJoin(organizations, eq(organizations.id, roleAssignments.organizationId))
            .where(
              and(
                eq(roleAssignments.userId, users.id),
                or(...roots.map((root) => like(organizations.path, `${root}%`))),
              ),
            ),
        ),
        // Accounts that signed in through an identity provider linked to these organisations (maybe no role
        // yet). Written as SQL: one statement a page however many users, as before.
        sql`exists (select 1 from ${userIdentities} join ${identityProviderOrganizations} on ${identityProviderOrganizations.providerId} = ${userIdentities.providerId} join ${organizations} on ${organizations.id} = ${identityProviderOrganizations.organizationId} where ${userIdentities.userId} = ${users.id} and (${or(...roots.map((root) => like(organizations.path, `${root}%`)))}))`,
      )
    : undefined;
  const fetched = await db
    .select({
      row: users,
      key: userSortKey,
      // The identity providers the account signs in with (decision 025), in the same statement.
      signInProviders: sql<
        string[] | null
      >`(select json_agg(p.name order by p.name) from ${userIdentities} ui join identity_providers p on p.id = ui.provider_id where ui.user_id = "users"."id")`,
    })
    .from(users)
    .where(
      and(
        inScope,
        after
          ? sql`(${userSortKey}, ${users.id}) > (${after[0]}::text collate "C", ${after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(userSortKey, asc(users.id))
    .limit(limit + 1);
  const more = fetched.length > limit;
  const rows = more ? fetched.slice(0, limit) : fetched;
  const grants = await loadGrantsOf(
    db,
    rows.map((r) => r.row.id),
  );
  const last = rows[rows.length - 1];
  return {
    items: rows.map(({ row, signInProviders }) => ({
      ...toUser(row, grants.get(row.id) ?? []),
      signInProviders: signInProviders ?? [],
    })),
    nextCursor: more && last ? encodeCursor([last.key, last.row.id]) : null,
  };
}

export async function getUser(db: Db, actor: Actor, id: string): Promise<User> {
  const { row, grants } = await readableUser(db, actor, id);
  return toUser(row, grants);
}

async function assertEmailFree(db: Db, email: string) {
  const clash = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`);
  if (clash.length > 0) {
    throw fail.conflict('email_taken', 'อีเมลนี้มีผู้ใช้แล้ว', 'This e-mail address is already in use', [
      detail('email', `อีเมล ${email} มีผู้ใช้แล้ว`, `${email} is already in use`),
    ]);
  }
}

export async function createUser(db: Db, actor: Actor, input: CreateUser): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await grantTarget(tx, actor, input.organizationId, 'organizationId');
    await assertEmailFree(tx, input.email);
    const [row] = await tx
      .insert(users)
      .values({ email: input.email, displayName: input.displayName, passwordHash })
      .returning();
    await tx.insert(roleAssignments).values({
      userId: row!.id,
      role: input.role,
      organizationId: input.organizationId,
      grantedBy: actor.userId,
    });
    const created = toUser(row!, await loadGrants(tx, row!.id));
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'user.create',
      entityType: 'user',
      entityId: row!.id,
      organizationId: input.organizationId,
      after: snapshot(created),
    });
    return created;
  });
}

export async function updateUser(db: Db, actor: Actor, id: string, input: UpdateUser): Promise<User> {
  return db.transaction(async (tx) => {
    const self = actor.userId === id;
    const { row, grants } =
      self && input.active === undefined
        ? await readableUser(tx, actor, id)
        : await manageableUser(tx, actor, id);
    if (row.version !== input.version) throw fail.staleVersion();
    if (self && input.active === false) {
      throw fail.validation([detail('active', 'ไม่สามารถปิดบัญชีของตนเองได้', 'you cannot deactivate yourself')]);
    }
    const { version: _v, ...changes } = input;
    const [updated] = await tx
      .update(users)
      .set({ ...changes, version: row.version + 1, updatedAt: new Date() })
      .where(and(eq(users.id, id), eq(users.version, row.version)))
      .returning();
    if (!updated) throw fail.staleVersion();
    if (input.active === false) await deleteSessionsOfUser(tx, id);
    const after = toUser(updated, grants);
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      organizationId: grants.find((g) => g.organizationId)?.organizationId ?? null,
      before: snapshot(toUser(row, grants)),
      after: snapshot(after),
    });
    return after;
  });
}

export async function changePassword(
  db: Db,
  actor: Actor,
  id: string,
  input: { currentPassword?: string | undefined; newPassword: string },
) {
  const self = actor.userId === id;
  const { row, grants } = self ? await readableUser(db, actor, id) : await manageableUser(db, actor, id);
  if (
    self &&
    !(
      input.currentPassword &&
      row.passwordHash !== null &&
      (await verifyPassword(input.currentPassword, row.passwordHash))
    )
  ) {
    throw fail.validation([
      detail('currentPassword', 'รหัสผ่านปัจจุบันไม่ถูกต้อง', 'the current password is not correct'),
    ]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, version: row.version + 1, updatedAt: new Date() })
      .where(eq(users.id, id));
    if (!self) await deleteSessionsOfUser(tx, id);
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: self ? 'user.password_change' : 'user.password_reset',
      entityType: 'user',
      entityId: id,
      organizationId: grants.find((g) => g.organizationId)?.organizationId ?? null,
    });
  });
}

export async function grantRole(db: Db, actor: Actor, userId: string, input: GrantRole): Promise<User> {
  return db.transaction(async (tx) => {
    const { row } = await userWithGrants(tx, userId);
    const org = await grantTarget(tx, actor, input.organizationId, 'organizationId');
    if (input.organizationId === null && input.role !== 'admin') {
      throw fail.validation([
        detail('organizationId', 'บทบาทนี้ต้องระบุหน่วยงาน', 'this role must be held on an organisation'),
      ]);
    }
    const existing = (await loadGrants(tx, userId)).find(
      (g) => g.role === input.role && g.organizationId === input.organizationId,
    );
    if (existing) {
      throw fail.conflict(
        'role_exists',
        'ผู้ใช้มีบทบาทนี้ในหน่วยงานนี้อยู่แล้ว',
        'The user already holds this role here',
      );
    }
    const [assignment] = await tx
      .insert(roleAssignments)
      .values({ userId, role: input.role, organizationId: input.organizationId, grantedBy: actor.userId })
      .returning();
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'role.grant',
      entityType: 'role_assignment',
      entityId: assignment!.id,
      organizationId: org?.id ?? null,
      after: { userId, role: input.role, organizationId: input.organizationId },
    });
    return toUser(row, await loadGrants(tx, userId));
  });
}

export async function revokeRole(db: Db, actor: Actor, userId: string, assignmentId: string): Promise<User> {
  return db.transaction(async (tx) => {
    const { row, grants } = await userWithGrants(tx, userId);
    const grant = grants.find((g) => g.id === assignmentId);
    if (!grant) throw fail.notFound({ th: 'บทบาท', en: 'Role assignment' });
    if (!userPolicy.grantOn(actor, grant.organizationPath)) throw fail.forbidden();
    if (grant.role === 'admin' && grant.organizationId === null) {
      const [{ count }] = (await tx
        .select({ count: sql<number>`count(*)::int` })
        .from(roleAssignments)
        .where(and(eq(roleAssignments.role, 'admin'), sql`${roleAssignments.organizationId} is null`))) as [
        { count: number },
      ];
      if (count <= 1) {
        throw fail.conflict(
          'last_deployment_admin',
          'ไม่สามารถถอนผู้ดูแลระบบคนสุดท้ายของทั้งระบบได้',
          'The last deployment-wide administrator cannot be removed',
        );
      }
    }
    await tx.delete(roleAssignments).where(eq(roleAssignments.id, assignmentId));
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'role.revoke',
      entityType: 'role_assignment',
      entityId: assignmentId,
      organizationId: grant.organizationId,
      before: { userId, role: grant.role, organizationId: grant.organizationId },
    });
    return toUser(row, await loadGrants(tx, userId));
  });
}
