import fs from 'node:fs';
import type pg from 'pg';
import PgBoss from 'pg-boss';
import { expect } from 'vitest';
import { JOB_SCHEMA } from '../../../src/server/jobs/job-queue.ts';

export type JobRow = { id: string; name: string; state: string; retryCount: number };

/**
 * Puts one job in the deployment's queue as another producer would (pg-boss on its own connection,
 * taking no work), and gives its id; null when a stately queue already holds one waiting.
 */
export async function sendJob(databaseUrl: string, name: string): Promise<string | null> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: JOB_SCHEMA,
    migrate: false,
    supervise: false,
    schedule: false,
    max: 1,
  });
  boss.on('error', () => {});
  await boss.start();
  try {
    return await boss.send(name, {});
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

export async function jobRow(sql: pg.Client, id: string): Promise<JobRow | undefined> {
  const { rows } = await sql.query<JobRow>(
    `select id, name, state, retry_count as "retryCount" from ${JOB_SCHEMA}.job where id = $1`,
    [id],
  );
  return rows[0];
}

/** Waits (inside a test, at most 90 s) until the job has completed, and gives its row. */
export async function jobCompleted(sql: pg.Client, id: string): Promise<JobRow> {
  await expect
    .poll(async () => (await jobRow(sql, id))?.state, { timeout: 90_000, interval: 250 })
    .toBe('completed');
  return (await jobRow(sql, id))!;
}

/** A counter's value for `job` in one process's /metrics (a direct, loopback request: no token needed). */
export async function jobPasses(processUrl: string, job: string): Promise<number> {
  const text = await (await fetch(`${processUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`background_job_passes_total{job="${job}"}`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/**
 * Which of `pids` owns the TCP connection whose local port is `port` (a database backend's
 * client_port): /proc/net/tcp{,6} gives the socket's inode, /proc/<pid>/fd the owner.
 */
export function pidOwningPort(port: number, pids: number[]): number | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[1]?.endsWith(`:${hexPort}`)) inodes.add(cols[9]!);
    }
  }
  return pids.find((pid) => {
    try {
      return fs
        .readdirSync(`/proc/${pid}/fd`)
        .some((fd) => inodes.has(/^socket:\[(\d+)\]$/.exec(readLink(`/proc/${pid}/fd/${fd}`))?.[1] ?? ''));
    } catch {
      return false;
    }
  });
}

function readLink(p: string) {
  try {
    return fs.readlinkSync(p);
  } catch {
    return '';
  }
}
