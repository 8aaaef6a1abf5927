import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './embedded-server.ts';

/** The repository root: the server runs from here, as `npm start` does. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export type StartServerOptions = {
  /** Added to the inherited environment (and wins over PORT, HOST and DATA_DIR set here). */
  env?: Record<string, string | undefined>;
  /** Kept after stop(). Without it, a fresh temporary directory is used and removed by stop(). */
  dataDir?: string;
  /** How long to wait for the first 200 from /api/health. */
  timeoutMs?: number;
  /** `node --import tsx src/server/main.ts` (default, no wrapper process) or `npx tsx src/server/main.ts`. */
  launcher?: 'node' | 'npx';
};

export type ServerProcess = {
  url: string;
  port: number;
  /** The process that runs the server (below npx and tsx's wrapper when launcher is 'npx'). */
  pid: number;
  dataDir: string;
  /** Wall-clock milliseconds from spawn to the first 200 from /api/health. */
  startupMs: number;
  /** The last part of the server's stdout and stderr, for diagnostics. */
  output(): { stdout: string; stderr: string };
  /** SIGTERM (the server closes its database), SIGKILL after 10 s; resolves once it has exited. */
  stop(): Promise<void>;
  /** Resolves when the spawned process has exited: its exit code, or the signal that ended it. */
  exited(): Promise<number | NodeJS.Signals | null>;
};

const OUTPUT_LIMIT = 64 * 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Processes still running when the test or bench process exits are killed with it. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) killTree(child, 'SIGKILL');
});

function isRunning(child: ChildProcess) {
  return child.pid !== undefined && child.exitCode === null && child.signalCode === null;
}

/** Signals the spawned process and everything below it (npx and tsx's CLI are wrappers), deepest first. */
function killTree(child: ChildProcess, signal: NodeJS.Signals) {
  if (!isRunning(child)) return;
  for (const pid of descendants(child.pid as number).reverse()) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

function collect(stream: NodeJS.ReadableStream | null) {
  let text = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    text = (text + chunk).slice(-OUTPUT_LIMIT);
  });
  return () => text;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export type SpawnedHttp = {
  child: ChildProcess;
  /** Milliseconds from spawn to the first 200. */
  startupMs: number;
  stdout(): string;
  stderr(): string;
};

/**
 * Spawns `command args` in its own process group and polls `url` until it answers 200. Shared by
 * startServerProcess and the bench's bare-server baseline, so both are timed the same way.
 */
export async function spawnAndWaitForHttp(
  command: string,
  args: string[],
  options: { url: string; env: NodeJS.ProcessEnv; timeoutMs: number; cwd?: string },
): Promise<SpawnedHttp> {
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: options.cwd ?? repoRoot,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const stdout = collect(child.stdout);
  const stderr = collect(child.stderr);
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });

  const deadline = started + options.timeoutMs;
  for (;;) {
    if (spawnError) throw spawnError;
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${command} ${args.join(' ')} exited (${child.exitCode ?? child.signalCode}) before ${options.url} answered.\n` +
          `--- stderr ---\n${stderr()}\n--- stdout ---\n${stdout()}`,
      );
    }
    try {
      const response = await fetch(options.url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) {
        return { child, startupMs: performance.now() - started, stdout, stderr };
      }
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) {
      killTree(child, 'SIGKILL');
      await exited(child);
      throw new Error(
        `${options.url} did not answer 200 within ${options.timeoutMs} ms.\n` +
          `--- stderr ---\n${stderr()}\n--- stdout ---\n${stdout()}`,
      );
    }
    await sleep(10);
  }
}

/**
 * SIGTERM to the innermost node process only (wrappers relay signals, and a second SIGTERM would
 * cut the server's graceful close short); wrappers exit with it. SIGKILL to all after `graceMs`.
 */
export async function stopSpawned(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (isRunning(child)) {
    try {
      process.kill(innermostNodePid(child.pid as number), 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const timer = setTimeout(() => killTree(child, 'SIGKILL'), graceMs);
  await exited(child);
  clearTimeout(timer);
}

function processTable() {
  const childrenOf = new Map<number, number[]>();
  const names = new Map<number, string>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid ...": comm may contain spaces and parentheses
      const close = stat.lastIndexOf(')');
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      names.set(Number(entry), stat.slice(stat.indexOf('(') + 1, close));
      childrenOf.set(ppid, [...(childrenOf.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited meanwhile
    }
  }
  return { childrenOf, names };
}

/** The pid and all its descendants, parents before children (Linux /proc). */
function descendants(rootPid: number): number[] {
  const { childrenOf } = processTable();
  const all = [rootPid];
  for (let i = 0; i < all.length; i++) all.push(...(childrenOf.get(all[i] as number) ?? []));
  return all;
}

/** The pid's deepest descendant running node (itself when it has none): the real server under npx/tsx. */
export function innermostNodePid(rootPid: number): number {
  const { childrenOf, names } = processTable();
  let best = { pid: rootPid, depth: -1 };
  const visit = (pid: number, depth: number) => {
    if (names.get(pid) === 'node' && depth > best.depth) best = { pid, depth };
    for (const child of childrenOf.get(pid) ?? []) visit(child, depth + 1);
  };
  visit(rootPid, 0);
  return best.pid;
}

/** Resident and peak memory of a process in kB, from /proc/<pid>/status (Linux). */
export function processMemoryKb(pid: number): { rssKb: number; peakKb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssKb: field('VmRSS'), peakKb: field('VmHWM') };
}

/** Environment the server must not inherit from the caller (it would pick another database or port). */
const NOT_INHERITED = ['DATABASE_URL', 'PORT', 'HOST', 'DATA_DIR', 'PUBLIC_URL'];

/**
 * Runs the real server (`src/server/main.ts`) as a separate process on a free loopback port and
 * waits until GET /api/health answers 200. If the port was taken meanwhile, it retries on another.
 */
export async function startServerProcess(options: StartServerOptions = {}): Promise<ServerProcess> {
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-server-'));
  const inherited = { ...process.env };
  for (const name of NOT_INHERITED) delete inherited[name];
  const [command, args] =
    options.launcher === 'npx'
      ? ['npx', ['tsx', 'src/server/main.ts']]
      : [process.execPath, ['--import', 'tsx', 'src/server/main.ts']];

  try {
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const env = { ...inherited, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, ...options.env };
      let spawned: SpawnedHttp;
      try {
        spawned = await spawnAndWaitForHttp(command, args, {
          url: `${url}/api/health`,
          env,
          timeoutMs: options.timeoutMs ?? 60_000,
        });
      } catch (error) {
        if (attempt < 3 && error instanceof Error && error.message.includes('EADDRINUSE')) continue;
        throw error;
      }
      const { child, startupMs } = spawned;
      const rootPid = child.pid as number;
      return {
        url,
        port,
        pid: options.launcher === 'npx' ? innermostNodePid(rootPid) : rootPid,
        dataDir,
        startupMs,
        output: () => ({ stdout: spawned.stdout(), stderr: spawned.stderr() }),
        exited: () => exited(child).then(() => child.exitCode ?? child.signalCode),
        async stop() {
          await stopSpawned(child);
          if (ownDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
        },
      };
    }
  } catch (error) {
    if (ownDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
