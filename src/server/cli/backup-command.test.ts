import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** `npm run prongsai -- backup / restore` as an operator runs them, on embedded databases. */
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-backup-cli-'));
const run = (dataDir: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/prongsai.ts', ...args], {
    env: { ...process.env, DATA_DIR: path.join(root, dataDir), LOG_LEVEL: 'silent', DATABASE_URL: '' },
    encoding: 'utf8',
    timeout: 90_000,
  });

beforeAll(async () => {
  const { openEmbedded } = await import('../db/client.ts');
  const { seedDemo } = await import('../modules/demo/seed-demo.ts');
  const database = await openEmbedded(path.join(root, 'a'));
  await database.migrate();
  await seedDemo(database.db);
  await database.close();
  fs.mkdirSync(path.join(root, 'a/files/evidence/ab'), { recursive: true });
  fs.writeFileSync(path.join(root, 'a/files/evidence/ab/abcdef'), 'bytes of a stored file');
}, 120_000);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('backup and restore from the command line', () => {
  it('backs up, restores into a new data directory and says it verified; refuses a non-empty one', () => {
    const out = path.join(root, 'backup');
    const backup = run('a', 'backup', '--out', out);
    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);
    expect(backup.stdout).toMatch(/Backed up \d+ rows in \d+ tables and 1 files/);

    const restored = run('b', 'restore', '--from', out);
    expect(restored.stderr).toBe('');
    expect(restored.status).toBe(0);
    expect(restored.stdout).toMatch(/Restored and verified against the manifest: [1-9]\d* rows .* 1 files/);
    expect(fs.readFileSync(path.join(root, 'b/files/evidence/ab/abcdef'), 'utf8')).toBe(
      'bytes of a stored file',
    );

    const again = run('b', 'restore', '--from', out);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/empty deployment only; this one has data: .*users/);

    const usage = run('b', 'restore');
    expect(usage.status).toBe(1);
    expect(usage.stderr).toContain('restore --from DIR');
  }, 300_000);
});
