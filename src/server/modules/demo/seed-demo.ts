import type { Db } from '../../db/client.ts';
import { organizations, roleAssignments, users } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { needsFirstAdmin } from '../auth/auth.service.ts';
import { hashPassword } from '../auth/password.ts';
import { childPath } from '../organizations/tree.ts';
import { DEMO_MUNICIPALITY, DEMO_PASSWORD, DEMO_PROVINCE, DEMO_USERS } from './demo-data.ts';

/**
 * Fills an empty database with the demo agencies and one account per role. Does nothing once any
 * user exists, so it never touches real data. Returns whether it seeded.
 */
export async function seedDemo(db: Db): Promise<boolean> {
  if (!(await needsFirstAdmin(db))) return false;
  // All demo accounts share one password, so one (deliberately slow) hash serves them all.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const idByCode = new Map<string, string>();
    for (const agency of [DEMO_PROVINCE, DEMO_MUNICIPALITY]) {
      const rootId = crypto.randomUUID();
      const rootPath = childPath(null, rootId);
      const { units, ...root } = agency;
      await tx.insert(organizations).values({ id: rootId, path: rootPath, parentId: null, ...root });
      idByCode.set(root.code, rootId);
      for (const unit of units) {
        const id = crypto.randomUUID();
        await tx
          .insert(organizations)
          .values({ id, parentId: rootId, path: childPath(rootPath, id), ...unit });
        idByCode.set(unit.code, id);
      }
    }
    for (const demo of DEMO_USERS) {
      const [user] = await tx
        .insert(users)
        .values({ email: demo.email, displayName: demo.displayName, passwordHash })
        .returning({ id: users.id });
      const organizationId = demo.on === null ? null : idByCode.get(demo.on)!;
      await tx.insert(roleAssignments).values({ userId: user!.id, role: demo.role, organizationId });
    }
    await recordAudit(tx, {
      actorUserId: null,
      action: 'demo.seed',
      entityType: 'deployment',
      entityId: 'demo',
      after: { organizations: idByCode.size, users: DEMO_USERS.length },
    });
  });
  return true;
}
