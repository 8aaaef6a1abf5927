import type { PGlite, Transaction } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * Wall-clock time spent in database queries, by kind (`select organizations`, `insert audit_events`,
 * `begin` …), measured at the driver: from handing the query to the driver to its result, which
 * includes the round trip (PostgreSQL server) or the WebAssembly engine's work (PGlite), and the
 * driver's encoding and row parsing. Only while `active`; the wrappers cost about a microsecond a
 * query.
 */
export class QueryTimer {
  active = false;
  readonly byKind = new Map<string, { count: number; ms: number }>();

  record(sql: string, ms: number) {
    if (!this.active) return;
    const kind = queryKind(sql);
    const entry = this.byKind.get(kind) ?? { count: 0, ms: 0 };
    entry.count++;
    entry.ms += ms;
    this.byKind.set(kind, entry);
  }

  reset() {
    this.byKind.clear();
  }

  /** Runs `fn` with timing on and returns its wall-clock milliseconds; `byKind` holds its queries. */
  async measure<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
    this.reset();
    this.active = true;
    const started = performance.now();
    try {
      const value = await fn();
      return { ms: performance.now() - started, value };
    } finally {
      this.active = false;
    }
  }

  totalMs(): number {
    let ms = 0;
    for (const e of this.byKind.values()) ms += e.ms;
    return ms;
  }

  /** `kind: count × → ms` lines, slowest first. */
  describe(): string[] {
    return [...this.byKind.entries()]
      .sort((a, b) => b[1].ms - a[1].ms)
      .map(
        ([kind, e]) =>
          `${kind}: ${e.count} queries, ${Math.round(e.ms)} ms (${(e.ms / e.count).toFixed(3)} ms each)`,
      );
  }
}

/** `select organizations`, `insert assessment_scores`, `begin`: the verb and the first table named. */
export function queryKind(sql: string): string {
  const s = sql.trimStart().slice(0, 3000).toLowerCase();
  const verb = /^[a-z]+/.exec(s)?.[0] ?? '?';
  // `COPY assessment_scores (…) FROM STDIN` / `FROM '/dev/blob'`: the table copied into.
  if (verb === 'copy') return `copy ${/^copy\s+"?([a-z_]+)"?/.exec(s)?.[1] ?? '?'}`;
  const table = /\b(?:from|into|update)\s+"?([a-z_]+)"?/.exec(s)?.[1];
  return table ? `${verb} ${table}` : verb;
}

type Callback = (error: Error | null, result: unknown) => void;
type QueryFn = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/**
 * Times every query of every `pg.Client` (pool clients included: `pg.Pool#query` goes through
 * `Client#query` with a callback). Returns a function that removes the wrapper.
 */
export function timePgQueries(timer: QueryTimer): () => void {
  const proto = pg.Client.prototype as unknown as { query: QueryFn };
  const original = proto.query;
  proto.query = function (this: unknown, config: unknown, values?: unknown, callback?: unknown) {
    const c = config as { text?: string; submit?: unknown; callback?: unknown } | string;
    if (typeof c === 'object' && typeof c?.submit === 'function') {
      // A query object (the import's COPY … FROM STDIN): timed until its callback, when it has one.
      if (timer.active && typeof c.text === 'string' && typeof c.callback === 'function') {
        const text = c.text;
        const cb = c.callback as Callback;
        const started = performance.now();
        c.callback = (e: Error | null, r: unknown) => {
          timer.record(text, performance.now() - started);
          cb(e, r);
        };
      }
      return original.call(this, config, values, callback);
    }
    const text = typeof c === 'string' ? c : c?.text;
    if (!timer.active || text === undefined) return original.call(this, config, values, callback);
    const started = performance.now();
    const done = () => timer.record(text, performance.now() - started);
    if (typeof values === 'function') {
      const cb = values as Callback;
      return original.call(this, config, (e: Error | null, r: unknown) => {
        done();
        cb(e, r);
      });
    }
    if (typeof callback === 'function') {
      const cb = callback as Callback;
      return original.call(this, config, values, (e: Error | null, r: unknown) => {
        done();
        cb(e, r);
      });
    }
    return (original.call(this, config, values) as Promise<unknown>).finally(done);
  };
  return () => {
    proto.query = original;
  };
}

/**
 * Times the queries of one PGlite instance: `query` and `exec` outside transactions and the
 * transaction object's `query` / `exec` inside (what drizzle's PGlite driver calls). Call before
 * handing the client to drizzle.
 */
export function timePgliteQueries(client: PGlite, timer: QueryTimer) {
  const query = client.query.bind(client);
  const exec = client.exec.bind(client);
  const transaction = client.transaction.bind(client);
  const timed = async <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    if (!timer.active) return run();
    const started = performance.now();
    try {
      return await run();
    } finally {
      timer.record(sql, performance.now() - started);
    }
  };
  client.query = ((sql: string, params?: unknown[], options?: object) =>
    timed(sql, () => query(sql, params, options))) as PGlite['query'];
  client.exec = ((sql: string, options?: object) => timed(sql, () => exec(sql, options))) as PGlite['exec'];
  client.transaction = (<T>(callback: (tx: Transaction) => Promise<T>) =>
    transaction((tx) => {
      const wrapped = Object.create(tx) as Transaction;
      wrapped.query = ((sql: string, params?: unknown[], options?: object) =>
        timed(sql, () => tx.query(sql, params, options))) as Transaction['query'];
      wrapped.exec = ((sql: string, options?: object) =>
        timed(sql, () => tx.exec(sql, options))) as Transaction['exec'];
      return callback(wrapped);
    })) as PGlite['transaction'];
}
