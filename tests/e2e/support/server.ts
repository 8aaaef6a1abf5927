import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, type ServerProcess, startServerProcess } from '#tests/support/server-process.ts';

export { repoRoot, type ServerProcess };

/**
 * The real server with its demo data, in a child process on a free loopback port (see
 * startServerProcess). `env` is added to the demo settings (e.g. an SMTP server for reminders).
 * The built UI must be there: the server serves it, and the tests drive it.
 */
export async function startDemoServer(env: Record<string, string> = {}): Promise<ServerProcess> {
  if (!fs.existsSync(path.join(repoRoot, 'dist/ui/index.html'))) {
    throw new Error('dist/ui is missing: run `npm run build:ui` before the e2e tests (`npm test` does it).');
  }
  return startServerProcess({
    // The agencies and accounts only: each journey makes its own result, plan and rounds.
    env: { NODE_ENV: 'development', DEMO_DATA: 'accounts', LOG_LEVEL: 'error', ...env },
    timeoutMs: 90_000,
  });
}
