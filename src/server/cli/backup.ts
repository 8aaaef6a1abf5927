/**
 * Backup and restore of a whole deployment: the database and the files that live outside it (the file
 * store: evidence, generated documents, emblems; and the fonts an agency added), together.
 *
 * The database is dumped logically through the app's own connection, in one REPEATABLE READ READ ONLY
 * transaction (one consistent snapshot), a JSON file per table written by PostgreSQL itself
 * (`json_agg`), so the same code serves PGlite and a server `DATABASE_URL`, and a restore rebuilds every
 * value with PostgreSQL's own conversion (`json_populate_recordset`). The files are copied after the
 * snapshot: stored files are written before the rows that name them and never change under a key, so
 * every file the snapshot names is there. A manifest records the rows per table, the migrations the
 * schema was at, and the SHA-256 of every file; a restore checks both against it.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import type { FileStore } from '../storage/file-store.ts';
import { CliError } from './cli-context.ts';

export const MANIFEST = 'manifest.json';
const FORMAT = 'prongsai-backup/1';

export type BackupManifest = {
  format: typeof FORMAT;
  createdAt: string;
  engine: 'pglite' | 'postgres';
  /** Applied migrations (their hashes, in order): a restore needs the same schema. */
  migrations: string[];
  /** Tables in the order they are restored (a table after the tables it refers to). */
  tables: { name: string; rows: number }[];
  /** Every copied file: `files/<key>` (the file store) or `fonts/<name>`, with its SHA-256 and size. */
  files: { path: string; sha256: string; bytes: number }[];
};

export type Verification = { tables: number; rows: number; files: number };

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const ident = (name: string) => sql.raw(`"${name.replaceAll('"', '""')}"`);

/** The app's tables in an order where each comes after the tables its foreign keys name. */
async function tablesInOrder(db: Db): Promise<string[]> {
  const tables = (
    await queryRows<{ name: string }>(
      db,
      sql`select table_name as name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    )
  ).map((r) => r.name);
  const refs = await queryRows<{ child: string; parent: string }>(
    db,
    sql`select c.relname as child, p.relname as parent from pg_constraint k
        join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
        join pg_namespace n on n.oid = c.relnamespace
        where k.contype = 'f' and n.nspname = 'public' and c.oid <> p.oid`,
  );
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const next = tables.filter(
      (t) =>
        !placed.has(t) &&
        refs.every((r) => r.child !== t || placed.has(r.parent) || !tables.includes(r.parent)),
    );
    if (next.length === 0)
      throw new CliError('The tables refer to each other in a cycle; cannot order them.');
    for (const t of next) {
      ordered.push(t);
      placed.add(t);
    }
  }
  return ordered;
}

async function appliedMigrations(db: Db): Promise<string[]> {
  return (
    await queryRows<{ hash: string }>(db, sql`select hash from drizzle.__drizzle_migrations order by id`)
  ).map((r) => r.hash);
}

async function* walk(root: string, dir = ''): AsyncIterable<string> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fs.readdir(path.join(root, dir), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const rel = dir === '' ? e.name : `${dir}/${e.name}`;
    if (e.isDirectory()) yield* walk(root, rel);
    else if (e.isFile() && !e.name.startsWith('.')) yield rel;
  }
}

async function isEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await fs.readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

/** Writes a backup of the database and the files into `outDir` (which must be empty or absent). */
export async function backupDeployment(
  db: Db,
  engine: BackupManifest['engine'],
  store: FileStore,
  fontsDir: string,
  outDir: string,
): Promise<BackupManifest> {
  if (!(await isEmptyDir(outDir))) {
    throw new CliError(`${outDir} is not empty; back up into a new directory. / ไดเรกทอรีปลายทางไม่ว่าง`);
  }
  await fs.mkdir(path.join(outDir, 'db'), { recursive: true });
  const manifest: BackupManifest = {
    format: FORMAT,
    createdAt: new Date().toISOString(),
    engine,
    migrations: [],
    tables: [],
    files: [],
  };
  await db.transaction(
    async (tx) => {
      manifest.migrations = await appliedMigrations(tx);
      for (const name of await tablesInOrder(tx)) {
        const [row] = await queryRows<{ rows: number; data: string }>(
          tx,
          sql`select count(*)::int as rows, coalesce(json_agg(t), '[]'::json)::text as data from ${ident(name)} t`,
        );
        await fs.writeFile(path.join(outDir, 'db', `${name}.json`), row!.data);
        manifest.tables.push({ name, rows: row!.rows });
      }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  for await (const { key } of store.list('')) {
    const bytes = await store.get(key);
    await writeFile(path.join(outDir, 'files', ...key.split('/')), bytes);
    manifest.files.push({ path: `files/${key}`, sha256: sha256(bytes), bytes: bytes.byteLength });
  }
  for await (const rel of walk(fontsDir)) {
    const bytes = await fs.readFile(path.join(fontsDir, rel));
    await writeFile(path.join(outDir, 'fonts', rel), bytes);
    manifest.files.push({ path: `fonts/${rel}`, sha256: sha256(bytes), bytes: bytes.byteLength });
  }
  await writeFile(path.join(outDir, MANIFEST), Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
  return manifest;
}

async function writeFile(target: string, bytes: Uint8Array) {
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.writeFile(target, bytes);
}

async function readManifest(fromDir: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = await fs.readFile(path.join(fromDir, MANIFEST), 'utf8');
  } catch {
    throw new CliError(`No ${MANIFEST} in ${fromDir}: not a Prongsai backup. / ไม่พบ ${MANIFEST}`);
  }
  const manifest = JSON.parse(text) as BackupManifest;
  if (manifest.format !== FORMAT) throw new CliError(`Unknown backup format ${String(manifest.format)}`);
  return manifest;
}

/**
 * Restores a backup into an EMPTY deployment (its database migrated and without a row; its file store
 * and fonts directory empty), then checks rows per table and every file's SHA-256 against the manifest.
 */
export async function restoreDeployment(
  db: Db,
  store: FileStore,
  fontsDir: string,
  fromDir: string,
): Promise<Verification> {
  const manifest = await readManifest(fromDir);
  // Every file first, against its recorded hash: a damaged backup is refused before anything is written.
  const files = new Map<string, Uint8Array>();
  for (const f of manifest.files) {
    const bytes = await fs.readFile(path.join(fromDir, ...f.path.split('/')));
    if (sha256(bytes) !== f.sha256) throw new CliError(`${f.path}: its SHA-256 differs from the manifest`);
    files.set(f.path, bytes);
  }
  const migrations = await appliedMigrations(db);
  if (migrations.join() !== manifest.migrations.join()) {
    throw new CliError(
      `The backup was made at another schema version (${manifest.migrations.length} migrations; this app has ${migrations.length}): restore it with the same Prongsai version. / รุ่นของฐานข้อมูลไม่ตรงกับข้อมูลสำรอง`,
    );
  }
  const tables = await tablesInOrder(db);
  const notEmpty: string[] = [];
  for (const name of tables) {
    const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${ident(name)}`);
    if (row!.n > 0) notEmpty.push(`${name} (${row!.n})`);
  }
  for await (const _ of store.list('')) {
    notEmpty.push('the file store');
    break;
  }
  if (!(await isEmptyDir(fontsDir))) notEmpty.push('the fonts directory');
  if (notEmpty.length > 0) {
    throw new CliError(
      `Restore goes into an empty deployment only; this one has data: ${notEmpty.join(', ')}. Point DATA_DIR (or DATABASE_URL and FILES_DIR, or FILES_S3_BUCKET and FILES_S3_PREFIX) at a new, empty deployment. / กู้คืนได้เฉพาะระบบที่ยังไม่มีข้อมูล`,
    );
  }
  const unknown = manifest.tables.filter((t) => !tables.includes(t.name)).map((t) => t.name);
  if (unknown.length > 0) throw new CliError(`Tables not in this schema: ${unknown.join(', ')}`);

  await db.transaction(async (tx) => {
    for (const { name } of manifest.tables) {
      const data = await fs.readFile(path.join(fromDir, 'db', `${name}.json`), 'utf8');
      await tx.execute(
        sql`insert into ${ident(name)} select * from json_populate_recordset(null::${ident(name)}, ${data}::json)`,
      );
    }
    // Sequences (the audit trail's ids) continue after the restored rows.
    const sequences = await queryRows<{ tbl: string; col: string; seq: string }>(
      tx,
      sql`select c.table_name as tbl, c.column_name as col,
                 pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) as seq
          from information_schema.columns c
          where c.table_schema = 'public' and pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) is not null`,
    );
    for (const s of sequences) {
      await tx.execute(
        sql`select setval(${s.seq}::regclass, coalesce((select max(${ident(s.col)}) from ${ident(s.tbl)}), 0) + 1, false)`,
      );
    }
  });

  for (const f of manifest.files) {
    const bytes = files.get(f.path)!;
    const rel = f.path.slice(f.path.indexOf('/') + 1);
    if (f.path.startsWith('files/')) await store.put(rel, bytes);
    else await writeFile(path.join(fontsDir, ...rel.split('/')), bytes);
  }
  return verifyDeployment(db, store, fontsDir, manifest);
}

/** Compares a deployment with a manifest: rows per table and every file's SHA-256; throws on a difference. */
export async function verifyDeployment(
  db: Db,
  store: FileStore,
  fontsDir: string,
  manifest: BackupManifest,
): Promise<Verification> {
  const differences: string[] = [];
  for (const t of manifest.tables) {
    const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${ident(t.name)}`);
    if (row!.n !== t.rows) differences.push(`${t.name}: ${row!.n} rows, the backup has ${t.rows}`);
  }
  for (const f of manifest.files) {
    const rel = f.path.slice(f.path.indexOf('/') + 1);
    const bytes = f.path.startsWith('files/')
      ? await store.get(rel).catch(() => null)
      : await fs.readFile(path.join(fontsDir, rel)).catch(() => null);
    if (!bytes) differences.push(`${f.path}: missing`);
    else if (sha256(bytes) !== f.sha256) differences.push(`${f.path}: SHA-256 differs`);
  }
  if (differences.length > 0) {
    throw new CliError(`The restored deployment differs from the backup:\n  ${differences.join('\n  ')}`);
  }
  return {
    tables: manifest.tables.length,
    rows: manifest.tables.reduce((n, t) => n + t.rows, 0),
    files: manifest.files.length,
  };
}
