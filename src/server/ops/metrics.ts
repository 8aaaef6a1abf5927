import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus metrics, in one registry served by GET /metrics. Every module that measures
 * something records here; nothing is global in prom-client's default registry.
 */
export const metricsRegistry = new Registry();

/** Request latency by method, route pattern (never the raw path: ids would make a series each) and status class. */
export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration in seconds, by method, route pattern and status class',
  labelNames: ['method', 'route', 'status_class'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [metricsRegistry],
});

export function observeRequest(method: string, route: string, status: number, seconds: number) {
  httpRequestDuration.observe({ method, route, status_class: `${Math.floor(status / 100)}xx` }, seconds);
}

/** PDF renders (HTML printed by Chromium): how long a successful one took, from asking for a turn to the bytes. */
export const pdfRenderDuration = new Histogram({
  name: 'pdf_render_duration_seconds',
  help: 'Duration of successful PDF renders in seconds (waiting for a turn included)',
  buckets: [0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120],
  registers: [metricsRegistry],
});

/** PDF renders that failed, by reason: busy (queue full), timeout, unavailable (Chromium), crashed (twice), memory, error. */
export const pdfRenderFailures = new Counter({
  name: 'pdf_render_failures_total',
  help: 'PDF renders that failed, by reason',
  labelNames: ['reason'] as const,
  registers: [metricsRegistry],
});

/**
 * The PDF renderer's Chromium memory (the browser and its child processes, proportional set size from
 * /proc), measured after each render and every half second while renders run; 0 when no browser runs.
 */
export const pdfChromiumMemory = new Gauge({
  name: 'pdf_chromium_memory_bytes',
  help: "Memory of the PDF renderer's Chromium process tree in bytes (0: no browser running)",
  registers: [metricsRegistry],
});

/**
 * Chromium browsers replaced by the PDF renderer, by reason: memory (over PDF_MEMORY_MB after a render),
 * memory_limit (over the hard bound during one, killed), renders (maxRendersPerBrowser), crash (gone).
 */
export const pdfBrowserRecycles = new Counter({
  name: 'pdf_browser_recycles_total',
  help: 'Chromium browsers replaced by the PDF renderer, by reason',
  labelNames: ['reason'] as const,
  registers: [metricsRegistry],
});

/** Background job passes (reminders, the OIT link check, the orphan sweep, session pruning) that ended well. */
export const backgroundJobPasses = new Counter({
  name: 'background_job_passes_total',
  help: 'Background job passes that completed, by job',
  labelNames: ['job'] as const,
  registers: [metricsRegistry],
});

/** Background job passes that failed (database unavailable included), by job. */
export const backgroundJobFailures = new Counter({
  name: 'background_job_failures_total',
  help: 'Background job passes that failed, by job',
  labelNames: ['job'] as const,
  registers: [metricsRegistry],
});

/** The metric label of a job named "English / ไทย" in the logs: its English part. */
export function jobLabel(job: string): string {
  return job.split(' / ')[0]?.trim() || job;
}

/** The read replica (DATABASE_REPLICA_URL, db/read-replica.ts): 1 while reads may go to it, 0 while they go to the primary. */
export const dbReplicaUp = new Gauge({
  name: 'db_replica_up',
  help: 'Read replica state: 1 when reads may go to it, 0 when they go to the primary (behind, down, starting, not a standby)',
  registers: [metricsRegistry],
});

/** How long the oldest WAL the replica has not replayed has been waiting, at its last probe. */
export const dbReplicaLag = new Gauge({
  name: 'db_replica_lag_seconds',
  help: 'How long the oldest WAL the read replica has not replayed has been waiting, in seconds (at its last probe)',
  registers: [metricsRegistry],
});

/** Requests that read through `readDb`, once each, by where their reads went and why. */
export const dbReplicaReadRequests = new Counter({
  name: 'db_replica_read_requests_total',
  help: 'Requests that read through the replica-capable connection, by where their reads went and why (replica, own_write, behind, down, stale, …)',
  labelNames: ['target', 'reason'] as const,
  registers: [metricsRegistry],
});

/** Queries the replica could not answer that the primary answered instead. */
export const dbReplicaQueryFallbacks = new Counter({
  name: 'db_replica_query_fallbacks_total',
  help: 'Queries the read replica could not answer (unavailable, recovery conflict, time-out) that the primary answered',
  registers: [metricsRegistry],
});

export type PoolStats = { total: number; idle: number; waiting: number };

/**
 * The PostgreSQL connection pool's use (pg.Pool's totalCount, idleCount, waitingCount), read at scrape
 * time. main.ts registers it when the database is a PostgreSQL server; PGlite has no pool.
 */
export function registerPoolMetrics(read: () => PoolStats | undefined, registry = metricsRegistry) {
  return new Gauge({
    name: 'db_pool_connections',
    help: 'PostgreSQL pool connections: total open, idle, and requests waiting for one',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const stats = read();
      if (!stats) return;
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });
}

/**
 * HOOK for the job queue (issue 15, item 2): when the queue exists, main.ts calls this with a function
 * that counts the jobs waiting (e.g. graphile-worker's or pg-boss's queue size) and the gauge
 * `job_queue_depth{queue}` appears. Until then nothing is registered: there is no queue to measure.
 */
export function registerQueueDepth(
  read: () => Promise<Record<string, number>> | Record<string, number>,
  registry = metricsRegistry,
) {
  return new Gauge({
    name: 'job_queue_depth',
    help: 'Jobs waiting in the queue, by queue',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      for (const [queue, depth] of Object.entries(await read())) this.set({ queue }, depth);
    },
  });
}

let defaultsOn = false;
/** Node's process metrics (CPU, memory, event-loop lag, GC): once per process, from main.ts. */
export function collectProcessMetrics() {
  if (defaultsOn) return;
  defaultsOn = true;
  collectDefaultMetrics({ register: metricsRegistry });
}
