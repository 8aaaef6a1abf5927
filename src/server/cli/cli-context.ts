import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { openDatabase } from '../db/client.ts';
import { organizations, roleAssignments, users } from '../db/schema/index.ts';
import { readEnv } from '../env.ts';
import type { Actor } from '../http/actor.ts';
import { loadBundledEditions } from '../modules/catalogue/catalogue.service.ts';
import { actorOf } from '../modules/users/grants.ts';

export class CliError extends Error {}

/** Opens the same database the app uses (and its lock), with the catalogue loaded. */
export async function openCliDatabase(): Promise<Database> {
  const config = readEnv();
  const database = await openDatabase({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    takeOverDataDirLock: config.takeOverDataDirLock,
  });
  await loadBundledEditions(database.db);
  return database;
}

/**
 * The user a command acts as: `--as EMAIL`, or else the first deployment-wide admin. Every change is
 * audited under that user, and the same policies as the API apply.
 */
export async function cliActor(database: Database, email: string | undefined): Promise<Actor> {
  const db = database.db;
  const [row] = email
    ? await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`)
    : await db
        .select({ id: users.id, email: users.email, displayName: users.displayName })
        .from(users)
        .innerJoin(roleAssignments, eq(roleAssignments.userId, users.id))
        .where(
          and(
            eq(roleAssignments.role, 'admin'),
            isNull(roleAssignments.organizationId),
            eq(users.active, true),
          ),
        )
        .orderBy(users.createdAt)
        .limit(1);
  if (!row) {
    throw new CliError(
      email
        ? `No user ${email} / ไม่พบผู้ใช้ ${email}`
        : 'No deployment-wide administrator exists yet; create one first (or pass --as EMAIL). / ยังไม่มีผู้ดูแลระบบ',
    );
  }
  return actorOf(db, row);
}

export async function organizationByCode(database: Database, code: string) {
  const [row] = await database.db
    .select()
    .from(organizations)
    .where(sql`lower(${organizations.code}) = lower(${code})`);
  if (!row) throw new CliError(`No organisation with code ${code} / ไม่พบหน่วยงานรหัส ${code}`);
  return row;
}
