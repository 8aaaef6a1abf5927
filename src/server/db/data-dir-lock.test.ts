import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from './data-dir-lock.ts';

const dirs: string[] = [];
const scratch = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-lock-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('data directory lock', () => {
  it('refuses a second holder, naming the directory and the PID', () => {
    const dir = scratch();
    const lock = acquireDataDirLock(dir);
    fs.writeFileSync(path.join(dir, 'prongsai.lock'), '1'); // PID 1 is always alive
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    try {
      acquireDataDirLock(dir);
    } catch (error) {
      expect((error as Error).message).toContain(dir);
      expect((error as Error).message).toContain('PID 1');
    }
    lock.release();
  });

  it('takes over a lock left by a process that is gone', () => {
    const dir = scratch();
    fs.writeFileSync(path.join(dir, 'prongsai.lock'), '999999999');
    const lock = acquireDataDirLock(dir);
    expect(fs.readFileSync(path.join(dir, 'prongsai.lock'), 'utf8')).toBe(String(process.pid));
    lock.release();
    expect(fs.existsSync(path.join(dir, 'prongsai.lock'))).toBe(false);
  });

  it('makes a second app process on the same directory exit with a clear error, writing nothing', () => {
    const dir = scratch();
    const lock = acquireDataDirLock(dir);
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { ...process.env, DATA_DIR: dir, PORT: '0', DEMO_DATA: 'false' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    lock.release();
    expect(child.status).toBe(1);
    expect(child.stderr).toContain(dir);
    expect(child.stderr).toContain(`PID ${process.pid}`);
    expect(child.stderr).toContain('ถูกใช้งาน');
    expect(fs.existsSync(path.join(dir, 'pgdata'))).toBe(false);
  });
});
