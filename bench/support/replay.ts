import type { Logger } from 'drizzle-orm/logger';
import type pg from 'pg';
import { listen } from './http.ts';

export type Statement = { sql: string; params: unknown[] };

/**
 * A drizzle logger that records the statements sent while `capture` runs: the SQL an endpoint runs,
 * to replay on a bare route (`bareReplay`). Give `logger` to drizzle() when the app's db is made.
 */
export function queryRecorder() {
  let recording: Statement[] | null = null;
  const logger: Logger = {
    logQuery: (sql, params) => {
      recording?.push({ sql, params });
    },
  };
  return {
    logger,
    async capture<T>(fn: () => Promise<T>): Promise<{ value: T; statements: Statement[] }> {
      const statements: Statement[] = [];
      recording = statements;
      try {
        return { value: await fn(), statements };
      } finally {
        recording = null;
      }
    },
  };
}

/**
 * A bare node:http route that runs the same statements, one after another, through `pg` on `pool`,
 * and answers their rows as JSON: what the endpoint costs without the framework, the services and
 * their JavaScript.
 */
export function bareReplay(pool: pg.Pool, statements: readonly Statement[]) {
  return listen(async (_req, res) => {
    try {
      const rows = [];
      for (const s of statements) rows.push((await pool.query(s.sql, s.params as unknown[])).rows);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(rows));
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  });
}
