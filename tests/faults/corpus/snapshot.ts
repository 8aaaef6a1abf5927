import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../src/server/db/client.ts';

/** The base tables of the `public` schema, read once from information_schema. */
export async function publicTables(db: Db): Promise<string[]> {
  const rows = await queryRows<{ table_name: string }>(
    db,
    sql`select table_name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  return rows.map((r) => r.table_name);
}

/** Rows of every table of `public` (one query), keyed by table name. */
export async function countAllTables(db: Db, tables: string[]): Promise<Record<string, number>> {
  if (tables.length === 0) return {};
  const parts = tables.map(
    (t) =>
      `select '${t.replaceAll("'", "''")}' as t, count(*)::int as n from "public"."${t.replaceAll('"', '""')}"`,
  );
  const rows = await queryRows<{ t: string; n: number }>(db, sql.raw(parts.join(' union all ')));
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}

/** Every file under the store's root, its temporary files (names starting with '.') included. */
export function countFiles(root: string): number {
  if (!fs.existsSync(root)) return 0;
  let n = 0;
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) n++;
  }
  return n;
}

export type Snapshot = { rows: Record<string, number>; files: number };

export async function snapshot(db: Db, tables: string[], filesRoot: string): Promise<Snapshot> {
  return { rows: await countAllTables(db, tables), files: countFiles(path.resolve(filesRoot)) };
}

/** What changed between two snapshots ('' when nothing). */
export function snapshotDiff(before: Snapshot, after: Snapshot): string {
  const changed: string[] = [];
  for (const [t, n] of Object.entries(after.rows)) {
    if (before.rows[t] !== n) changed.push(`${t}: ${before.rows[t]} → ${n}`);
  }
  if (before.files !== after.files) changed.push(`files: ${before.files} → ${after.files}`);
  return changed.join(', ');
}
