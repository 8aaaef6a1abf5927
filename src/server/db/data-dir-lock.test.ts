import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readEnv } from '../env.ts';
import { openDatabase } from './client.ts';
import {
  acquireDataDirLock,
  DataDirLockedError,
  type Here,
  judgeLock,
  type Probe,
  parseLockRecord,
  startTimeFromStat,
  systemProbe,
} from './data-dir-lock.ts';

const dirs: string[] = [];
const scratch = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-lock-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const lockFile = (dir: string) => path.join(dir, 'prongsai.lock');
const here: Here = { pid: 500, host: 'app-1', bootId: 'boot-b' };
/** A system where PID 1234 runs, started at tick 777, and this boot began at 1 000 000 ms. */
const probe: Probe = {
  alive: (pid) => pid === 1234 || pid === 500,
  startTime: (pid) => (pid === 1234 ? '777' : pid === 500 ? '900' : undefined),
  bootedAtMs: () => 1_000_000,
};

describe('judging a lock found in the data directory (pure)', () => {
  it('holds for a live holder on this host, same boot, same process start time', () => {
    const record = { pid: 1234, host: 'app-1', bootId: 'boot-b', startTime: '777' };
    expect(judgeLock(record, here, probe)).toEqual({ kind: 'held', pid: 1234 });
  });

  it('is stale after a reboot (another boot id), even if the PID is alive now', () => {
    const record = { pid: 1234, host: 'app-1', bootId: 'boot-a', startTime: '777' };
    expect(judgeLock(record, here, probe)).toEqual({ kind: 'stale', reason: 'other-boot' });
  });

  it('is stale when the PID now belongs to another process (it started at another time)', () => {
    const record = { pid: 1234, host: 'app-1', bootId: 'boot-b', startTime: '42' };
    expect(judgeLock(record, here, probe)).toEqual({ kind: 'stale', reason: 'pid-reused' });
  });

  it('is stale when the holder is gone', () => {
    const record = { pid: 4321, host: 'app-1', bootId: 'boot-b', startTime: '777' };
    expect(judgeLock(record, here, probe)).toEqual({ kind: 'stale', reason: 'holder-gone' });
  });

  it('is stale when the lock file is a copy (another inode than its holder wrote), from whatever host', () => {
    for (const host of ['app-1', 'app-2']) {
      const record = { pid: 1234, host, bootId: 'boot-b', startTime: '777', ino: '11' };
      expect(judgeLock(record, here, probe, { ino: '12' })).toEqual({ kind: 'stale', reason: 'copied' });
      expect(judgeLock(record, here, probe, { ino: '11' }).kind).toBe(
        host === 'app-1' ? 'held' : 'other-host',
      );
    }
  });

  it('reports a lock written on another host (shared volume, other container), whatever its PID', () => {
    for (const pid of [1234, 4321]) {
      const record = { pid, host: 'app-2', bootId: 'boot-b', startTime: '777' };
      expect(judgeLock(record, here, probe)).toEqual({ kind: 'other-host', pid, host: 'app-2' });
    }
  });

  it('dates an older PID-only lock by its file time: from before this boot it is stale', () => {
    expect(judgeLock({ pid: 1234 }, here, probe, { writtenAtMs: 999_000 })).toEqual({
      kind: 'stale',
      reason: 'other-boot',
    });
    expect(judgeLock({ pid: 1234 }, here, probe, { writtenAtMs: 1_000_500 })).toEqual({
      kind: 'held',
      pid: 1234,
    });
    expect(judgeLock({ pid: 4321 }, here, probe, { writtenAtMs: 1_000_500 })).toEqual({
      kind: 'stale',
      reason: 'holder-gone',
    });
  });

  it('reads the JSON record and the older bare PID; anything else is unreadable', () => {
    expect(parseLockRecord('1234\n')).toEqual({ pid: 1234 });
    expect(parseLockRecord('{"pid":7,"host":"h","bootId":"b","startTime":"9","at":"x"}')).toEqual({
      pid: 7,
      host: 'h',
      bootId: 'b',
      startTime: '9',
      at: 'x',
    });
    for (const bad of ['', '0', '{"pid":"7"}', '{"pid":-1}', 'null', '{'])
      expect(parseLockRecord(bad)).toBeUndefined();
    expect(judgeLock(undefined, here, probe)).toEqual({ kind: 'stale', reason: 'unreadable' });
  });

  it('reads field 22 of /proc/<pid>/stat, also when the command name holds spaces and parentheses', () => {
    const stat =
      '1933 (my (odd) app) S 1932 1933 1933 0 -1 4194560 2764 56540 0 126 0 2 92 21 20 0 1 0 2767116 5124096 963';
    expect(startTimeFromStat(stat)).toBe('2767116');
    expect(startTimeFromStat('garbage')).toBeUndefined();
    expect(systemProbe.startTime(process.pid)).toMatch(/^\d+$/);
  });
});

describe('data directory lock', () => {
  it('records PID, host, boot id and process start time, and removes the lock on release', () => {
    const dir = scratch();
    const lock = acquireDataDirLock(dir);
    const record = parseLockRecord(fs.readFileSync(lockFile(dir), 'utf8'));
    expect(record).toMatchObject({
      pid: process.pid,
      host: os.hostname(),
      bootId: fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(),
      startTime: systemProbe.startTime(process.pid),
    });
    lock.release();
    expect(fs.existsSync(lockFile(dir))).toBe(false);
  });

  it('refuses a live holder on this host, naming the directory and the PID', async () => {
    const dir = scratch();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      const pid = child.pid as number;
      await new Promise((resolve) => setTimeout(resolve, 100));
      const record = {
        pid,
        host: os.hostname(),
        bootId: fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(),
        startTime: systemProbe.startTime(pid),
      };
      fs.writeFileSync(lockFile(dir), JSON.stringify(record));
      expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
      expect(() => acquireDataDirLock(dir)).toThrow(`PID ${pid}`);
      expect(() => acquireDataDirLock(dir)).toThrow(dir);

      // The same PID recorded with another start time is another process now: taken over.
      fs.writeFileSync(lockFile(dir), JSON.stringify({ ...record, startTime: '1' }));
      acquireDataDirLock(dir).release();
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('takes over an older PID-only lock written before this boot (PID 1 is alive, but not its holder)', () => {
    const dir = scratch();
    fs.writeFileSync(lockFile(dir), '1');
    const beforeBoot = new Date((systemProbe.bootedAtMs() as number) - 60_000);
    fs.utimesSync(lockFile(dir), beforeBoot, beforeBoot);
    const lock = acquireDataDirLock(dir);
    expect(parseLockRecord(fs.readFileSync(lockFile(dir), 'utf8'))?.pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a lock from another boot: a restored copy or a reboot', () => {
    const dir = scratch();
    fs.writeFileSync(lockFile(dir), JSON.stringify({ pid: 1, host: os.hostname(), bootId: 'another-boot' }));
    const lock = acquireDataDirLock(dir);
    expect(parseLockRecord(fs.readFileSync(lockFile(dir), 'utf8'))?.pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a lock left by a process that is gone', () => {
    const dir = scratch();
    fs.writeFileSync(lockFile(dir), '999999999');
    const lock = acquireDataDirLock(dir);
    expect(parseLockRecord(fs.readFileSync(lockFile(dir), 'utf8'))?.pid).toBe(process.pid);
    lock.release();
    expect(fs.existsSync(lockFile(dir))).toBe(false);
  });

  it('takes over a restored copy of a directory locked by a live process on another host', () => {
    const original = scratch();
    const restored = scratch();
    const ino = fs.statSync(original).ino; // any inode but the copy's
    const record = {
      pid: process.pid + 1,
      host: 'production-server',
      bootId: 'x',
      startTime: '5',
      ino: String(ino),
    };
    fs.writeFileSync(lockFile(original), JSON.stringify(record));
    fs.copyFileSync(lockFile(original), lockFile(restored));
    const lock = acquireDataDirLock(restored);
    expect(parseLockRecord(fs.readFileSync(lockFile(restored), 'utf8'))?.host).toBe(os.hostname());
    lock.release();
  });

  it("records the lock file's own inode, so that the same file seen from another host is not a copy", () => {
    const dir = scratch();
    const lock = acquireDataDirLock(dir);
    expect(parseLockRecord(fs.readFileSync(lockFile(dir), 'utf8'))?.ino).toBe(
      fs.statSync(lockFile(dir), { bigint: true }).ino.toString(),
    );
    lock.release();
  });

  it('refuses a lock written on another host, naming host and PID and the override, unless told to take over', () => {
    const dir = scratch();
    const foreign = JSON.stringify({ pid: 999999999, host: 'other-container', bootId: 'x', startTime: '5' });
    fs.writeFileSync(lockFile(dir), foreign);
    let message = '';
    try {
      acquireDataDirLock(dir);
    } catch (error) {
      expect(error).toBeInstanceOf(DataDirLockedError);
      message = (error as Error).message;
    }
    expect(message).toContain('"other-container" (PID 999999999)');
    expect(message).toContain('DATA_DIR_TAKE_OVER_LOCK=true');
    expect(message).toContain('บนเครื่องหรือคอนเทนเนอร์อื่น');
    expect(fs.readFileSync(lockFile(dir), 'utf8')).toBe(foreign);

    const lock = acquireDataDirLock(dir, { takeOverOtherHost: true });
    expect(parseLockRecord(fs.readFileSync(lockFile(dir), 'utf8'))).toMatchObject({
      pid: process.pid,
      host: os.hostname(),
    });
    lock.release();
  });

  it('opens the database on a directory whose lock came from another host when DATA_DIR_TAKE_OVER_LOCK=true', async () => {
    const dir = scratch();
    fs.writeFileSync(lockFile(dir), JSON.stringify({ pid: 1, host: 'restored-from-elsewhere', bootId: 'x' }));
    const config = readEnv({ DATA_DIR: dir, DATA_DIR_TAKE_OVER_LOCK: 'true' });
    expect(readEnv({ DATA_DIR: dir }).takeOverDataDirLock).toBe(false);
    const database = await openDatabase({ ...config, takeOverDataDirLock: config.takeOverDataDirLock });
    try {
      expect(parseLockRecord(fs.readFileSync(lockFile(dir), 'utf8'))?.host).toBe(os.hostname());
    } finally {
      await database.close();
    }
    expect(fs.existsSync(lockFile(dir))).toBe(false);
  }, 60_000);

  it('makes a second app process on the same directory exit with a clear error, writing nothing', () => {
    const dir = scratch();
    const lock = acquireDataDirLock(dir);
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { ...process.env, DATA_DIR: dir, PORT: '0', DEMO_DATA: 'false', DATA_DIR_TAKE_OVER_LOCK: 'true' },
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

  it('refuses a second app process while the first runs, and starts once the first is killed with -9', async () => {
    const dir = scratch();
    const env = { ...process.env, DATA_DIR: dir, PORT: '0', DEMO_DATA: 'false' };
    /** Starts the app; resolves with the process once it says it is running, or with its exit code. */
    const start = () =>
      new Promise<{ child: ReturnType<typeof spawn>; code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { env });
        let stderr = '';
        child.stderr?.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
        });
        child.stdout?.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('is running at')) resolve({ child, code: null, stderr });
        });
        child.on('exit', (code) => resolve({ child, code, stderr }));
      });
    const first = await start();
    try {
      expect(first.code).toBeNull();
      const firstPid = first.child.pid as number;
      expect(parseLockRecord(fs.readFileSync(lockFile(dir), 'utf8'))?.pid).toBe(firstPid);

      const second = await start();
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`PID ${firstPid}`);
      expect(second.stderr).toContain('ถูกใช้งาน');

      const exited = new Promise((resolve) => first.child.once('exit', resolve));
      first.child.kill('SIGKILL');
      await exited;
      expect(fs.existsSync(lockFile(dir))).toBe(true); // left behind: nobody released it

      const third = await start();
      try {
        expect(third.code).toBeNull();
        expect(parseLockRecord(fs.readFileSync(lockFile(dir), 'utf8'))?.pid).toBe(third.child.pid);
      } finally {
        third.child.kill('SIGKILL');
      }
    } finally {
      first.child.kill('SIGKILL');
    }
  }, 180_000);

  it('refuses to start an app process on a directory whose lock came from another host', () => {
    const dir = scratch();
    fs.writeFileSync(lockFile(dir), JSON.stringify({ pid: 1, host: 'restored-from-elsewhere', bootId: 'x' }));
    const refused = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { ...process.env, DATA_DIR: dir, PORT: '0', DEMO_DATA: 'false' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('"restored-from-elsewhere" (PID 1)');
    expect(fs.existsSync(path.join(dir, 'pgdata'))).toBe(false);
  });
});
