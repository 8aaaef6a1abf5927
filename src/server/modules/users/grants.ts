import { eq, inArray } from 'drizzle-orm';
import { roleSchema } from '#shared/auth/roles.ts';
import type { Db } from '../../db/client.ts';
import { organizations, roleAssignments } from '../../db/schema/index.ts';
import type { Actor, Grant } from '../../http/actor.ts';

/**
 * The actor of a known user, for calling services as them outside a request (the demo cycle, the command
 * line, the benches, tests): their grants as the database gives them, the UI language Thai.
 */
export async function actorOf(
  db: Db,
  user: { id: string; email: string; displayName: string },
): Promise<Actor> {
  return {
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    locale: 'th',
    grants: await loadGrants(db, user.id),
  };
}

/** The roles a user holds, with the path of each organisation (roles on inactive ones still count). */
export async function loadGrants(db: Db, userId: string): Promise<Grant[]> {
  return (await loadGrantsOf(db, [userId])).get(userId) ?? [];
}

/**
 * The grants of many users in one query (lists of users), by user id; `null`: every user's (a
 * deployment-wide list, which could hold more ids than a query may bind).
 */
export async function loadGrantsOf(db: Db, userIds: readonly string[] | null): Promise<Map<string, Grant[]>> {
  const byUser = new Map<string, Grant[]>();
  if (userIds?.length === 0) return byUser;
  const rows = await db
    .select({
      userId: roleAssignments.userId,
      id: roleAssignments.id,
      role: roleAssignments.role,
      organizationId: roleAssignments.organizationId,
      organizationPath: organizations.path,
      organizationNameTh: organizations.nameTh,
    })
    .from(roleAssignments)
    .leftJoin(organizations, eq(organizations.id, roleAssignments.organizationId))
    .where(userIds ? inArray(roleAssignments.userId, [...userIds]) : undefined);
  for (const r of rows) {
    const list = byUser.get(r.userId) ?? [];
    list.push({
      id: r.id,
      role: roleSchema.parse(r.role),
      organizationId: r.organizationId,
      organizationPath: r.organizationPath,
      organizationNameTh: r.organizationNameTh,
    });
    byUser.set(r.userId, list);
  }
  return byUser;
}
