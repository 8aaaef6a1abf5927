import { eq } from 'drizzle-orm';
import { roleSchema } from '#shared/auth/roles.ts';
import type { Db } from '../../db/client.ts';
import { organizations, roleAssignments } from '../../db/schema/index.ts';
import type { Grant } from '../../http/actor.ts';

/** The roles a user holds, with the path of each organisation (roles on inactive ones still count). */
export async function loadGrants(db: Db, userId: string): Promise<Grant[]> {
  const rows = await db
    .select({
      id: roleAssignments.id,
      role: roleAssignments.role,
      organizationId: roleAssignments.organizationId,
      organizationPath: organizations.path,
      organizationNameTh: organizations.nameTh,
    })
    .from(roleAssignments)
    .leftJoin(organizations, eq(organizations.id, roleAssignments.organizationId))
    .where(eq(roleAssignments.userId, userId));
  return rows.map((r) => ({
    id: r.id,
    role: roleSchema.parse(r.role),
    organizationId: r.organizationId,
    organizationPath: r.organizationPath,
    organizationNameTh: r.organizationNameTh,
  }));
}
