import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { log } from '../log.ts';
import { acquireDataDirLock, type LockOptions } from './data-dir-lock.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** A database or a transaction: services take this and never care which driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** PostgreSQL only: the pool's connections (open, idle) and the checkouts waiting, for /metrics. */
  poolStats?(): { total: number; idle: number; waiting: number };
  /**
   * Plain SQL for a library that brings its own (the job queue, pg-boss): with `values`, one statement
   * with parameters; without, a script of one or more statements (the answer of the last).
   */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
};

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export function fromPglite(client: PGlite, onClose?: () => void): Database {
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(drizzlePglite(client, { schema }), { migrationsFolder }),
    async close() {
      await client.close();
      onClose?.();
    },
    async executeSql(text, values) {
      if (values?.length) return client.query(text, values);
      // PGlite's query() takes one statement; exec() runs a script and answers each statement. A script
      // that is one transaction (`BEGIN; …; COMMIT;`) runs inside transaction(), which holds the one
      // session until it commits or rolls back: a failure never leaves the session in an aborted
      // transaction for the next caller.
      const inner = /^\s*BEGIN;([\s\S]*)COMMIT;?\s*$/i.exec(text)?.[1];
      const results = inner ? await client.transaction((tx) => tx.exec(inner)) : await client.exec(text);
      return results.at(-1) ?? { rows: [] };
    },
  };
}

/** How a lost database connection is told: one line, not a stack (the request that needed it gets a 503). */
export function logConnectionError(error: Error) {
  const code = (error as { code?: string }).code;
  log().warn(
    `Database connection lost${code ? ` (${code})` : ''}: ${error.message}; a new one is opened when needed`,
  );
}

export function fromPostgres(url: string, poolSize = 10, onConnectionError = logConnectionError): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  /*
   * The server may end any connection (a restart, a failover, pg_terminate_backend, idle_session_timeout, a
   * proxy's time-out). pg then emits 'error': on the pool for an idle client, on the client itself while it
   * is checked out between queries. Unheard, Node throws "Unhandled 'error' event" and the process exits.
   * Heard, pg-pool drops the dead client (on release it sees it is not queryable) and opens a new connection
   * at the next checkout, so the app reconnects by itself; nothing here keeps a client beyond one checkout.
   */
  const told = new WeakSet<Error>();
  const tell = (error: Error) => {
    if (told.has(error)) return;
    told.add(error);
    onConnectionError(error);
  };
  pool.on('error', tell);
  pool.on('connect', (client) => client.on('error', tell));
  const pgDb = drizzlePg(pool, { schema });
  return {
    db: pgDb as unknown as Db,
    kind: 'postgres',
    async migrate() {
      // Several app processes may start together against one server: let one migrate at a time.
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock(4242424242)');
        await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
      } finally {
        await client.query('select pg_advisory_unlock(4242424242)').catch(() => {});
        client.release();
      }
    },
    close: () => pool.end(),
    async executeSql(text, values) {
      if (values?.length) return pool.query(text, values);
      // A script (several statements, its own BEGIN) that fails midway leaves its connection in an aborted
      // transaction: roll back before the connection goes back to the pool.
      const connection = await pool.connect();
      try {
        const result: pg.QueryResult | pg.QueryResult[] = await connection.query(text);
        return Array.isArray(result) ? (result.at(-1) ?? { rows: [] }) : result;
      } catch (error) {
        await connection.query('rollback').catch(() => {});
        throw error;
      } finally {
        connection.release();
      }
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}

/**
 * PGlite's buffer pool in its WebAssembly memory. PostgreSQL's default (128 MB) is zeroed at start, so it
 * is resident from the first moment: ~100 MB of an embedded server's RSS more than 32 MB (issue 15: RSS
 * after start ≤ 400 MB). One province's data fits; what does not is read again through the operating
 * system's file cache. Durability is unchanged.
 */
export const EMBEDDED_SHARED_BUFFERS = '32MB';

/** The embedded PGlite database in `<dataDir>/pgdata`, guarded by the data-directory lock. */
export async function openEmbedded(dataDir: string, lockOptions: LockOptions = {}): Promise<Database> {
  const lock = acquireDataDirLock(dataDir, lockOptions);
  try {
    const client = await PGlite.create(path.join(dataDir, 'pgdata'), {
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`],
    });
    return fromPglite(client, lock.release);
  } catch (error) {
    lock.release();
    throw error;
  }
}

export async function openDatabase(options: {
  dataDir: string;
  databaseUrl: string | undefined;
  /** Take over a data-directory lock written on another host (DATA_DIR_TAKE_OVER_LOCK). */
  takeOverDataDirLock?: boolean;
}) {
  const database = options.databaseUrl
    ? fromPostgres(options.databaseUrl)
    : await openEmbedded(options.dataDir, { takeOverOtherHost: options.takeOverDataDirLock === true });
  await database.migrate();
  return database;
}

/** Raw SQL with typed rows; both drivers answer `{ rows }`. Prefer the query builder where it can. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
