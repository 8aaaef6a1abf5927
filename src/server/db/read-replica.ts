import { AsyncLocalStorage } from 'node:async_hooks';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import pg from 'pg';
import { isSecureRequest } from '../http/client-meta.ts';
import type { AppEnv } from '../http/context.ts';
import { isDatabaseUnavailable } from '../http/error-handler.ts';
import { log } from '../log.ts';
import {
  dbReplicaReadRequests as readRequests,
  dbReplicaQueryFallbacks as replicaFallbacks,
  dbReplicaLag as replicaLag,
  dbReplicaUp as replicaUp,
} from '../ops/metrics.ts';
import type { Database, Db } from './client.ts';
import {
  chooseReads,
  formatLsn,
  LagTracker,
  ownWriteWindowSeconds,
  parseLsn,
  type ReadChoice,
  type ReplicaState,
  stateLine,
} from './replica-rules.ts';
import * as schema from './schema/index.ts';

/**
 * Reads from a streaming replica (DATABASE_REPLICA_URL, issue 15 item 3, decision 020).
 *
 * `reads.db` is a Drizzle database like the primary's; each query through it goes to the replica or to
 * the primary as the request it runs in was routed by `reads.middleware` (kept in AsyncLocalStorage, so
 * nothing is passed down the services). Routes opt in by reading through `c.get('readDb')` (app.ts sets
 * it to `reads.db`, or to the primary's db when there is no replica); everything else, and every write,
 * uses `c.get('db')`, the primary, as before.
 *
 * A probe (every `probeMs`, default 1 s) reads the primary's WAL position and then the replica's replayed
 * one: the replica is up, behind (lag beyond the bound), down or not a standby. After a successful write
 * the person gets a cookie with the primary's WAL insert position; their reads go to the primary until
 * the replica has replayed that far (read-your-writes). A query the replica cannot answer (refused,
 * cut, timed out, or cancelled by a recovery conflict) is answered by the primary, and the replica counts
 * as down until the next probe says otherwise: a read never fails because of the replica.
 */

/** The own-write cookie: the primary's WAL insert position after this person's last successful write. */
export const OWN_WRITE_COOKIE = 'prongsai_wal';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** SQLSTATE 40001 on a standby: "canceling statement due to conflict with recovery" (the primary answers it). */
const RECOVERY_CONFLICT = '40001';

/** What node-postgres says when a query outlives `query_timeout` (the replica hangs); the connection is dropped. */
const QUERY_TIMEOUT = /^Query read timeout/;

function replicaCannotAnswer(error: unknown): boolean {
  if (isDatabaseUnavailable(error)) return true;
  if (error instanceof Error && QUERY_TIMEOUT.test(error.message)) return true;
  return (error as { code?: unknown } | null)?.code === RECOVERY_CONFLICT;
}

function errorLabel(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}

export type ReplicaStatus = {
  state: ReplicaState;
  /** The replica's replayed WAL position at the last probe. */
  replayLsn: string | null;
  lagMs: number;
  /** When the last probe answered (ms since the epoch; 0: never). */
  checkedAt: number;
};

export type ReadReplica = {
  /** Reads through it follow the request's routing (the replica, or the primary). */
  db: Db;
  /** For every request (app.ts): routes its reads and, after a write, sets the own-write cookie. */
  middleware: ReturnType<typeof createMiddleware<AppEnv>>;
  status(): ReplicaStatus;
  /** Where the current request's reads go ('primary' outside a request). */
  readTarget(): 'replica' | 'primary';
  /** One probe now (the timer runs them every probeMs). */
  probe(): Promise<void>;
  close(): Promise<void>;
};

export type ReadReplicaOptions = {
  url: string;
  /** Beyond this lag reads go to the primary (DATABASE_REPLICA_MAX_LAG_SECONDS). */
  maxLagMs: number;
  probeMs?: number;
  poolSize?: number;
  /** How long opening a replica connection, or a probe, may take before the replica counts as down (2 s). */
  timeoutMs?: number;
  /**
   * A read the replica has not answered in this long (5 s) is asked of the primary instead: a replica
   * that hangs (frozen, network gone silent) costs the requests in flight this much, never a failure.
   */
  queryTimeoutMs?: number;
};

type Scope = { choice: ReadChoice; counted: boolean };

type QueryArgs = Parameters<pg.Pool['query']>;

/**
 * The pool Drizzle sees behind `reads.db` (its class name ends in Pool, which is how Drizzle's
 * transactions know to check a client out). Each call goes where the current request was routed.
 */
class ReplicaRoutingPool {
  constructor(
    private readonly primary: pg.Pool,
    private readonly replica: pg.Pool,
    private readonly scopes: AsyncLocalStorage<Scope>,
    private readonly onReplicaFailure: (error: unknown) => void,
  ) {}

  private target(): 'replica' | 'primary' {
    const scope = this.scopes.getStore();
    if (!scope) return 'primary';
    if (!scope.counted) {
      scope.counted = true;
      readRequests.inc({ target: scope.choice.target, reason: scope.choice.reason });
    }
    return scope.choice.target;
  }

  async query(...args: QueryArgs) {
    const query = (pool: pg.Pool) => (pool.query as (...a: unknown[]) => Promise<pg.QueryResult>)(...args);
    if (this.target() === 'primary') return query(this.primary);
    try {
      return await query(this.replica);
    } catch (error) {
      if (!replicaCannotAnswer(error)) throw error;
      this.fellBack(error);
      return query(this.primary);
    }
  }

  async connect(): Promise<pg.PoolClient> {
    if (this.target() === 'primary') return this.primary.connect();
    try {
      return await this.replica.connect();
    } catch (error) {
      if (!replicaCannotAnswer(error)) throw error;
      this.fellBack(error);
      return this.primary.connect();
    }
  }

  private fellBack(error: unknown) {
    replicaFallbacks.inc();
    // The rest of this request reads from the primary too.
    const scope = this.scopes.getStore();
    if (scope) scope.choice = { target: 'primary', reason: 'down' };
    this.onReplicaFailure(error);
  }
}

/**
 * Opens the replica's pool and starts its probe. `primary` must be the PostgreSQL server's Database
 * (fromPostgres); its close() then closes the replica's pool and stops the probe first.
 */
export function openReadReplica(primary: Database, options: ReadReplicaOptions): ReadReplica {
  if (primary.kind !== 'postgres') {
    throw new Error('A read replica needs the PostgreSQL server (DATABASE_URL), not the embedded database');
  }
  const primaryPool = (primary.db as unknown as { $client: pg.Pool }).$client;
  const probeMs = options.probeMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? 2000;
  const maxLagMs = options.maxLagMs;
  const windowSeconds = ownWriteWindowSeconds(maxLagMs, probeMs);
  const staleAfterMs = 3 * probeMs + timeoutMs;

  const replicaPool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: options.queryTimeoutMs ?? 5000,
  });
  const scopes = new AsyncLocalStorage<Scope>();
  const tracker = new LagTracker();
  let state: ReplicaState = 'starting';
  let replayLsn: bigint | null = null;
  let lagMs = 0;
  let checkedAt = 0;

  function setState(next: ReplicaState, error?: unknown) {
    const said = stateLine(state, next, {
      lagMs,
      maxLagMs,
      error: error === undefined ? undefined : errorLabel(error),
    });
    state = next;
    replicaUp.set(next === 'up' ? 1 : 0);
    if (!said) return;
    if (said.level === 'warn') log().warn(said.line);
    else log().info(said.line);
  }

  const replicaFailed = (error: unknown) => {
    tracker.reset();
    setState('down', error);
  };
  // A connection the replica ends (it stopped, restarted) must not take the process down: pg emits
  // 'error' on the idle client; the next query opens a new connection or falls back.
  replicaPool.on('error', replicaFailed);
  replicaPool.on('connect', (client) => client.on('error', replicaFailed));

  const routing = new ReplicaRoutingPool(primaryPool, replicaPool, scopes, replicaFailed);
  const db = drizzlePg({ client: routing as unknown as pg.Pool, schema }) as unknown as Db;

  async function probe() {
    const at = Date.now();
    let primaryLsn: bigint | null;
    try {
      const { rows } = await primaryPool.query<{ lsn: string }>({
        text: 'select pg_current_wal_lsn()::text as lsn',
        query_timeout: timeoutMs,
      } as pg.QueryConfig);
      primaryLsn = parseLsn(rows[0]?.lsn ?? '');
    } catch {
      // The primary itself is unreachable: nothing to compare with; the status goes stale on its own.
      return;
    }
    try {
      const { rows } = await replicaPool.query<{ standby: boolean; lsn: string | null }>({
        text: 'select pg_is_in_recovery() as standby, pg_last_wal_replay_lsn()::text as lsn',
        query_timeout: timeoutMs,
      } as pg.QueryConfig);
      const row = rows[0];
      const replayed = row?.lsn ? parseLsn(row.lsn) : null;
      if (!row?.standby || replayed === null || primaryLsn === null) {
        replayLsn = null;
        checkedAt = Date.now();
        setState('not_standby');
        return;
      }
      replayLsn = replayed;
      lagMs = tracker.observe(at, primaryLsn, replayed);
      replicaLag.set(lagMs / 1000);
      checkedAt = Date.now();
      setState(lagMs > maxLagMs ? 'behind' : 'up');
    } catch (error) {
      replicaFailed(error);
    }
  }

  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const loop = () => {
    timer = setTimeout(() => {
      probe().finally(() => {
        if (!closed) loop();
      });
    }, probeMs);
    timer.unref();
  };
  replicaUp.set(0);
  void probe().finally(() => {
    if (!closed) loop();
  });

  async function primaryInsertLsn(): Promise<string | null> {
    const { rows } = await primaryPool.query<{ lsn: string }>(
      'select pg_current_wal_insert_lsn()::text as lsn',
    );
    const lsn = parseLsn(rows[0]?.lsn ?? '');
    return lsn === null ? null : formatLsn(lsn);
  }

  const middleware = createMiddleware<AppEnv>(async (c, next) => {
    c.set('readDb', db);
    const safeMethod = SAFE_METHODS.has(c.req.method);
    const own = getCookie(c, OWN_WRITE_COOKIE);
    const choice = chooseReads({
      safeMethod,
      state,
      replayLsn,
      checkedAt,
      now: Date.now(),
      staleAfterMs,
      ownWriteLsn: own === undefined ? null : parseLsn(own),
    });
    await scopes.run({ choice, counted: false }, () => next());
    // After a write that succeeded: remember how far the primary's WAL is, for this person's next reads.
    if (!safeMethod && c.res.status < 400) {
      const lsn = await primaryInsertLsn().catch(() => null);
      if (lsn) {
        setCookie(c, OWN_WRITE_COOKIE, lsn, {
          httpOnly: true,
          sameSite: 'Lax',
          secure: isSecureRequest(c),
          path: '/',
          maxAge: windowSeconds,
        });
      }
    }
  });

  const closePrimary = primary.close.bind(primary);
  primary.close = async () => {
    closed = true;
    if (timer) clearTimeout(timer);
    await replicaPool.end().catch(() => {});
    await closePrimary();
  };

  return {
    db,
    middleware,
    readTarget: () => scopes.getStore()?.choice.target ?? 'primary',
    status: () => ({ state, replayLsn: replayLsn === null ? null : formatLsn(replayLsn), lagMs, checkedAt }),
    probe,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await replicaPool.end().catch(() => {});
    },
  };
}
