import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type EmbeddedServer, startEmbeddedServer } from '../../../tests/support/embedded-server.ts';
import { type ServerProcess, startServerProcess } from '../../../tests/support/server-process.ts';
import { testDbKind, withPgClient } from '../../../tests/support/test-db.ts';
import { isDatabaseUnavailable } from '../http/error-handler.ts';
import { SESSION_COOKIE } from '../modules/auth/sessions.ts';
import { fromPostgres, queryRows } from './client.ts';

/*
 * Issue 14, item 1: a PostgreSQL restart (or pg_terminate_backend, idle_session_timeout, a proxy's
 * time-out) ends the pool's idle connections. Without an 'error' listener on the pool, Node threw
 * "Unhandled 'error' event" and the app process exited. This runs the real server process against a
 * PostgreSQL server of its own (the shared test server cannot be stopped), ends its connections,
 * stops and starts the server, and checks the process rides through: 503 with Retry-After meanwhile,
 * answers again afterwards by itself.
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const DB_NAME = 'prongsai_restart';

describe.runIf(testDbKind() === 'postgres')('a database restart does not kill the app', () => {
  let postgres: EmbeddedServer;
  let databaseUrl: string;
  let adminUrl: string;
  let app: ServerProcess;

  beforeAll(async () => {
    postgres = await startEmbeddedServer();
    adminUrl = postgres.url('postgres');
    databaseUrl = postgres.url(DB_NAME);
    await withAdmin((admin) => admin.query(`create database ${DB_NAME}`));
    app = await startServerProcess({ env: { DATABASE_URL: databaseUrl, LOG_LEVEL: 'error' } });
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await postgres?.stop();
  }, 60_000);

  const withAdmin = <T>(work: (admin: pg.Client) => Promise<T>) => withPgClient(adminUrl, work);

  /** A request that reads the database: the session cookie is looked up (and not found: 401). */
  const readsDatabase = () =>
    fetch(`${app.url}/api/auth/me`, { headers: { cookie: `${SESSION_COOKIE}=no-such-session` } });

  const alive = () => {
    try {
      process.kill(app.pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  /** Fills the pool with several idle connections, so that more than one is ended below. */
  async function warmPool() {
    const answers = await Promise.all(Array.from({ length: 6 }, readsDatabase));
    expect(answers.map((r) => r.status)).toEqual(Array(6).fill(401));
  }

  it('survives pg_terminate_backend of every idle connection, and the next request succeeds', async () => {
    await warmPool();
    const ended = await withAdmin(async (admin) => {
      const result = await admin.query(
        `select pg_terminate_backend(pid) as ended from pg_stat_activity
          where datname = $1 and pid <> pg_backend_pid()`,
        [DB_NAME],
      );
      return result.rows.filter((row) => row.ended === true).length;
    });
    expect(ended).toBeGreaterThan(0);
    await sleep(1_000);
    expect(alive(), `the app exited:\n${app.output().stderr}`).toBe(true);
    expect(app.output().stderr).not.toContain("Unhandled 'error' event");
    expect((await readsDatabase()).status).toBe(401);
  });

  it('answers 503 with Retry-After while the server is down, and recovers by itself when it is back', async () => {
    await warmPool();
    // SIGINT: PostgreSQL's fast shutdown, as `pg_ctl restart -m fast` (connections get 57P01).
    await postgres.halt();
    await sleep(500);
    expect(alive(), `the app exited:\n${app.output().stderr}`).toBe(true);

    const during = await readsDatabase();
    expect(during.status).toBe(503);
    expect(Number(during.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await during.json()) as { error: { code: string; message_th: string; message_en: string } };
    expect(body.error.code).toBe('database_unavailable');
    expect(body.error.message_th).toMatch(/ฐานข้อมูล/);
    expect(body.error.message_en).toMatch(/database/i);
    expect(alive(), `the app exited:\n${app.output().stderr}`).toBe(true);

    await postgres.resume();
    // Nothing is restarted on the app's side: the pool opens new connections on its own.
    let status = 0;
    for (let attempt = 0; attempt < 20 && status !== 401; attempt++) {
      status = (await readsDatabase()).status;
      if (status !== 401) await sleep(250);
    }
    expect(status).toBe(401);
    expect(alive()).toBe(true);
    expect(app.output().stderr).not.toContain("Unhandled 'error' event");
  });
});

describe.runIf(testDbKind() === 'postgres')('a connection lost while checked out', () => {
  it('is heard (no unhandled error), fails its transaction as unavailable, and is not reused', async () => {
    const adminUrl = inject('postgresUrl');
    const name = `restart_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const heard: Error[] = [];
    const database = fromPostgres(url.toString(), 1, (error) => heard.push(error));
    try {
      // Between two queries of a transaction the client belongs to no query and is not idle in the pool:
      // only a listener on the client itself hears the server end it.
      const outcome = await database.db
        .transaction(async (tx) => {
          const [row] = await queryRows<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`);
          await admin.query('select pg_terminate_backend($1)', [row?.pid]);
          await sleep(500);
          await tx.execute(sql`select 1`);
        })
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect(heard.map((error) => (error as { code?: string }).code)).toContain('57P01');
      expect(isDatabaseUnavailable(outcome)).toBe(true);
      // The pool has one connection: the dead client must have been dropped for this to answer.
      const [again] = await queryRows<{ one: number }>(database.db, sql`select 1 as one`);
      expect(again?.one).toBe(1);
    } finally {
      await database.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
