import type { Db } from '../../db/client.ts';
import { organizations, roleAssignments, users } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { needsFirstAdmin } from '../auth/auth.service.ts';
import { hashPassword } from '../auth/password.ts';
import { childPath } from '../organizations/tree.ts';
import { type DemoPeople, seedDemoCycle } from './demo-cycle.ts';
import {
  DEMO_MUNICIPALITY,
  DEMO_PASSWORD,
  DEMO_PROVINCE,
  DEMO_UNIT_REPORTERS,
  DEMO_USERS,
  type DemoUser,
} from './demo-data.ts';

/**
 * Fills an empty database with the demo agencies and one account per role and, with `cycle`, the
 * province's yearly cycle (demo-cycle.ts): result, analysis, approved and circulated plan, a closed
 * round (publishDemo() publishes them). Does nothing once any user exists, so it never touches real
 * data; everything is one transaction, so a failure leaves the database empty. Returns whether it seeded.
 */
export async function seedDemo(db: Db, options: { cycle?: boolean } = {}): Promise<boolean> {
  if (!(await needsFirstAdmin(db))) return false;
  // All demo accounts share one password, so one (deliberately slow) hash serves them all.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const accounts: DemoUser[] = options.cycle ? [...DEMO_USERS, ...DEMO_UNIT_REPORTERS] : DEMO_USERS;
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
    const userByEmail = new Map<string, { id: string; email: string; displayName: string }>();
    for (const demo of accounts) {
      const [user] = await tx
        .insert(users)
        .values({ email: demo.email, displayName: demo.displayName, passwordHash })
        .returning({ id: users.id });
      userByEmail.set(demo.email, { id: user!.id, email: demo.email, displayName: demo.displayName });
      const organizationId = demo.on === null ? null : idByCode.get(demo.on)!;
      await tx.insert(roleAssignments).values({ userId: user!.id, role: demo.role, organizationId });
    }
    await recordAudit(tx, {
      actorUserId: null,
      action: 'demo.seed',
      entityType: 'deployment',
      entityId: 'demo',
      after: { organizations: idByCode.size, users: accounts.length, cycle: options.cycle === true },
    });
    if (!options.cycle) return;
    const person = (role: DemoUser['role'], on: string) =>
      userByEmail.get(accounts.find((u) => u.role === role && u.on === on)!.email)!;
    const people: DemoPeople = {
      secretariat: person('secretariat', DEMO_PROVINCE.code),
      executive: person('executive', DEMO_PROVINCE.code),
      reporters: new Map(
        accounts
          .filter((u) => u.role === 'unit_reporter' && u.on?.startsWith(`${DEMO_PROVINCE.code}-`))
          .map((u) => [u.on!, userByEmail.get(u.email)!]),
      ),
    };
    const units = new Map(
      DEMO_PROVINCE.units.map((u) => [u.code, { id: idByCode.get(u.code)!, code: u.code }]),
    );
    await seedDemoCycle(tx, { id: idByCode.get(DEMO_PROVINCE.code)! }, units, people);
  });
  return true;
}
