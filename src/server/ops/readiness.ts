import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { type Db, migrationsFolder, queryRows } from '../db/client.ts';

/**
 * One thing /readyz asks before it says the process may take traffic. `check` resolves when all is
 * well and throws (its message is shown) when not. main.ts builds the list: the database and its
 * migrations today; the job queue's check (issue 15, item 2) is added there when the queue exists.
 */
export type ReadinessCheck = { name: string; check(): Promise<void> };

export type CheckResult = { name: string; ok: boolean; message?: string };
export type Readiness = { ready: boolean; checks: CheckResult[] };

/** A check that has not answered within this many milliseconds has failed (a hung server is not ready). */
export const READINESS_TIMEOUT_MS = 2_000;

class CheckTimeout extends Error {}

/** Runs every check at once, each bounded by `timeoutMs`; ready only when all passed. */
export async function runReadinessChecks(
  checks: readonly ReadinessCheck[],
  timeoutMs = READINESS_TIMEOUT_MS,
): Promise<Readiness> {
  const results = await Promise.all(
    checks.map(async ({ name, check }): Promise<CheckResult> => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new CheckTimeout(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([Promise.resolve().then(check), timeout]);
        return { name, ok: true };
      } catch (error) {
        return { name, ok: false, message: error instanceof Error ? error.message : String(error) };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { ready: results.every((r) => r.ok), checks: results };
}

export type MigrationMark = { folderMillis: number; hash: string };

/**
 * Whether the database holds the last migration this code knows. Drizzle's migrator applies every
 * migration whose journal time (`folderMillis`) is later than the newest row of
 * drizzle.__drizzle_migrations (`created_at`), so the database is current when that row is at least as
 * new as the last migration in the folder (and, at the same time, has its hash). A database ahead of
 * the code (a newer process migrated it) is current for this check. Returns null, or what is wrong.
 */
export function migrationsBehind(expected: MigrationMark | undefined, applied: MigrationMark | undefined) {
  if (!expected) return null;
  if (!applied) return `no migration is applied; expected ${describe(expected)}`;
  if (applied.folderMillis > expected.folderMillis) return null;
  if (applied.folderMillis === expected.folderMillis && applied.hash === expected.hash) return null;
  return `the last applied migration (${describe(applied)}) is behind the code's last (${describe(expected)})`;
}

function describe(mark: MigrationMark) {
  return `${mark.folderMillis}, ${mark.hash.slice(0, 12)}`;
}

/** The last migration of the folder the app migrates from (read once). */
let lastMigration: MigrationMark | undefined | null = null;
function lastMigrationOfCode(): MigrationMark | undefined {
  if (lastMigration === null) {
    const files = readMigrationFiles({ migrationsFolder });
    const last = files.at(-1);
    lastMigration = last ? { folderMillis: last.folderMillis, hash: last.hash } : undefined;
  }
  return lastMigration;
}

/** The database answers (`select 1`), and its migrations are those of this code. */
export function databaseReadiness(db: Db): ReadinessCheck[] {
  return [
    {
      name: 'database',
      async check() {
        await db.execute(sql`select 1`);
      },
    },
    {
      name: 'migrations',
      async check() {
        const rows = await queryRows<{ hash: string; created_at: string | number }>(
          db,
          sql`select hash, created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
        );
        const row = rows[0];
        const problem = migrationsBehind(
          lastMigrationOfCode(),
          row ? { folderMillis: Number(row.created_at), hash: row.hash } : undefined,
        );
        if (problem) throw new Error(problem);
      },
    },
  ];
}
