import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What `<dataDir>/prongsai.lock` records about its holder (JSON; an older lock holds only the PID). */
export type LockRecord = {
  pid: number;
  /** os.hostname() of the holder: a container's name, or the machine's. */
  host?: string;
  /** The kernel's boot id when the lock was taken: another boot means the holder is gone. */
  bootId?: string;
  /** Field 22 of /proc/<pid>/stat (ticks after boot): a PID reused by another process starts at another time. */
  startTime?: string;
  /** When the lock was taken (ISO). */
  at?: string;
  /** The lock file's own inode number: a copy (a restore) is another file, so its holder never used it. */
  ino?: string;
};

/** This process, as a lock would record it. */
export type Here = { pid: number; host: string; bootId: string | undefined };

/** What the judgement asks the operating system; pure tests give their own answers. */
export type Probe = {
  alive(pid: number): boolean;
  startTime(pid: number): string | undefined;
  /** When this boot began (ms since 1970), if the system tells. */
  bootedAtMs(): number | undefined;
};

export type LockVerdict =
  | {
      kind: 'stale';
      reason: 'unreadable' | 'copied' | 'other-boot' | 'this-process' | 'holder-gone' | 'pid-reused';
    }
  | { kind: 'held'; pid: number }
  | { kind: 'other-host'; pid: number; host: string };

/**
 * Whether a lock found in the directory still belongs to a running Prongsai process. Pure: the
 * operating system is asked through `probe`. A lock from another host (a shared volume, a restored
 * copy, another container) cannot be checked from here, so it is reported, never taken over silently.
 * `file` is what the file system says of the lock file: its inode (a lock file that is not the one its
 * holder wrote is a copy, e.g. a restored directory, from whatever host) and its mtime (dating an older
 * lock that holds only a PID).
 */
export function judgeLock(
  record: LockRecord | undefined,
  here: Here,
  probe: Probe,
  file: { ino?: string; writtenAtMs?: number } = {},
): LockVerdict {
  if (!record) return { kind: 'stale', reason: 'unreadable' };
  if (record.ino !== undefined && file.ino !== undefined && record.ino !== file.ino) {
    return { kind: 'stale', reason: 'copied' };
  }
  if (record.host !== undefined && record.host !== here.host) {
    return { kind: 'other-host', pid: record.pid, host: record.host };
  }
  if (record.bootId !== undefined) {
    if (here.bootId !== undefined && record.bootId !== here.bootId)
      return { kind: 'stale', reason: 'other-boot' };
  } else {
    // An older lock (PID only): written before this boot, its holder is gone.
    const bootedAt = probe.bootedAtMs();
    if (file.writtenAtMs !== undefined && bootedAt !== undefined && file.writtenAtMs < bootedAt) {
      return { kind: 'stale', reason: 'other-boot' };
    }
  }
  if (record.pid === here.pid) return { kind: 'stale', reason: 'this-process' };
  if (!probe.alive(record.pid)) return { kind: 'stale', reason: 'holder-gone' };
  if (record.startTime !== undefined) {
    const now = probe.startTime(record.pid);
    if (now !== undefined && now !== record.startTime) return { kind: 'stale', reason: 'pid-reused' };
  }
  return { kind: 'held', pid: record.pid };
}

/** Reads a lock file's text: the JSON record, or an older lock's bare PID; undefined when neither. */
export function parseLockRecord(text: string): LockRecord | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) {
    const pid = Number.parseInt(trimmed, 10);
    return pid > 0 ? { pid } : undefined;
  }
  try {
    const value = JSON.parse(trimmed) as Record<string, unknown>;
    if (typeof value !== 'object' || value === null) return undefined;
    const pid = value.pid;
    if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return undefined;
    const text = (key: string) => (typeof value[key] === 'string' ? (value[key] as string) : undefined);
    const record: LockRecord = { pid };
    const host = text('host');
    const bootId = text('bootId');
    const startTime = text('startTime');
    const at = text('at');
    const ino = text('ino');
    if (ino !== undefined) record.ino = ino;
    if (host !== undefined) record.host = host;
    if (bootId !== undefined) record.bootId = bootId;
    if (startTime !== undefined) record.startTime = startTime;
    if (at !== undefined) record.at = at;
    return record;
  } catch {
    return undefined;
  }
}

/** Field 22 (starttime) of a /proc/<pid>/stat line; the name in parentheses may hold spaces. */
export function startTimeFromStat(stat: string): string | undefined {
  const close = stat.lastIndexOf(')');
  if (close < 0) return undefined;
  const fields = stat
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  // fields[0] is field 3 (state), so field 22 is fields[19].
  const value = fields[19];
  return value !== undefined && /^\d+$/.test(value) ? value : undefined;
}

const readOrUndefined = (file: string) => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

/** The operating system's answers (Linux /proc; elsewhere only whether the PID is alive). */
export const systemProbe: Probe = {
  alive(pid) {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  },
  startTime(pid) {
    const stat = readOrUndefined(`/proc/${pid}/stat`);
    return stat === undefined ? undefined : startTimeFromStat(stat);
  },
  bootedAtMs() {
    const btime = readOrUndefined('/proc/stat')?.match(/^btime (\d+)$/m)?.[1];
    return btime === undefined ? undefined : Number(btime) * 1000;
  },
};

export function hereNow(): Here {
  return {
    pid: process.pid,
    host: os.hostname(),
    bootId: readOrUndefined('/proc/sys/kernel/random/boot_id')?.trim() || undefined,
  };
}

/** The environment variable that lets a start take over a lock written on another host. */
export const TAKE_OVER_VARIABLE = 'DATA_DIR_TAKE_OVER_LOCK';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    /** Set when the holder ran on another host (or container). */
    readonly host?: string,
  ) {
    super(
      host === undefined
        ? `The database directory ${dataDir} is in use by another Prongsai process (PID ${pid}). ` +
            `Stop that process or set DATA_DIR to another directory.\n` +
            `ไดเรกทอรีฐานข้อมูล ${dataDir} ถูกใช้งานโดยโปรแกรม Prongsai อื่นอยู่ (PID ${pid}) ` +
            `กรุณาหยุดโปรแกรมนั้น หรือกำหนด DATA_DIR เป็นไดเรกทอรีอื่น`
        : `The database directory ${dataDir} is locked by Prongsai on another host or container, "${host}" (PID ${pid}), ` +
            `which cannot be checked from here. Stop Prongsai there; if nothing there uses this directory any more ` +
            `(a restored copy, a removed container), start once with ${TAKE_OVER_VARIABLE}=true to take the lock over.\n` +
            `ไดเรกทอรีฐานข้อมูล ${dataDir} ถูกล็อกโดยโปรแกรม Prongsai บนเครื่องหรือคอนเทนเนอร์อื่น "${host}" (PID ${pid}) ` +
            `ซึ่งตรวจสอบจากที่นี่ไม่ได้ กรุณาหยุดโปรแกรมที่นั่น หากที่นั่นไม่ได้ใช้ไดเรกทอรีนี้แล้ว (เช่น สำเนาที่กู้คืนมา หรือคอนเทนเนอร์ที่ลบไปแล้ว) ` +
            `ให้เริ่มโปรแกรมหนึ่งครั้งโดยกำหนด ${TAKE_OVER_VARIABLE}=true เพื่อรับล็อกมา`,
    );
  }
}

export type LockOptions = {
  /** Take over a lock written on another host (the operator says nothing there uses the directory). */
  takeOverOtherHost?: boolean;
  here?: Here;
  probe?: Probe;
};

/**
 * PGlite has no lock between processes: a second opener silently loses writes. So the app holds
 * `<dataDir>/prongsai.lock`, recording its PID, process start time, host and boot id, and refuses to
 * open a directory whose lock belongs to a live process. A lock whose holder is gone is taken over:
 * from another boot (a reboot, a restored copy), a dead PID, or a PID now used by another process
 * (it started at another time). A lock from another host is refused unless `takeOverOtherHost`.
 *
 * Node has no flock() without a native module (which would need a compiler on every machine), so the
 * lock is a file whose holder is checked by identity rather than one the kernel drops.
 */
export function acquireDataDirLock(dataDir: string, options: LockOptions = {}): { release(): void } {
  const here = options.here ?? hereNow();
  const probe = options.probe ?? systemProbe;
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'prongsai.lock');
  const record: LockRecord = {
    pid: here.pid,
    host: here.host,
    ...(here.bootId === undefined ? {} : { bootId: here.bootId }),
    ...(probe.startTime(here.pid) === undefined ? {} : { startTime: probe.startTime(here.pid) }),
    at: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    // Written whole beside the lock (with its own inode number), then linked into place: link() fails
    // if the lock exists, so the lock never appears half-written to another starter.
    const temp = `${lockPath}.${here.pid}.${randomBytes(4).toString('hex')}`;
    fs.writeFileSync(temp, '', { flag: 'wx' });
    const ino = fs.statSync(temp, { bigint: true }).ino.toString();
    const content = `${JSON.stringify({ ...record, ino })}\n`;
    fs.writeFileSync(temp, content);
    try {
      fs.linkSync(temp, lockPath);
      return holding(lockPath, content);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(temp, { force: true });
    }
    let found: string;
    let stat: fs.BigIntStats;
    try {
      found = fs.readFileSync(lockPath, 'utf8');
      stat = fs.statSync(lockPath, { bigint: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // released meanwhile
      throw error;
    }
    const verdict = judgeLock(parseLockRecord(found), here, probe, {
      ino: stat.ino.toString(),
      writtenAtMs: Number(stat.mtimeMs),
    });
    if (verdict.kind === 'held') throw new DataDirLockedError(dataDir, verdict.pid);
    if (verdict.kind === 'other-host' && !options.takeOverOtherHost) {
      throw new DataDirLockedError(dataDir, verdict.pid, verdict.host);
    }
    removeIfStill(lockPath, found);
  }
  throw new Error(`Could not take the lock ${lockPath}`);
}

/** Moves a stale lock away only if it is still the one judged (another starter may have replaced it). */
function removeIfStill(lockPath: string, judged: string) {
  const aside = `${lockPath}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    fs.renameSync(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (readOrUndefined(aside) !== judged) {
    // Someone else's fresh lock: put it back (link fails if yet another lock is there already).
    try {
      fs.linkSync(aside, lockPath);
    } catch {
      // the newer lock stays
    }
  }
  fs.rmSync(aside, { force: true });
}

function holding(lockPath: string, content: string) {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    if (readOrUndefined(lockPath) === content) fs.rmSync(lockPath, { force: true });
  };
  process.once('exit', release);
  return { release };
}
