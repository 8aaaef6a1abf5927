import { describe, expect, it } from 'vitest';
import {
  chooseReads,
  formatLsn,
  LagTracker,
  ownWriteWindowSeconds,
  parseLsn,
  stateLine,
} from './replica-rules.ts';

const lsn = (text: string) => parseLsn(text) as bigint;

describe('WAL positions', () => {
  it('reads PostgreSQL’s X/Y form as one number that compares across the halves', () => {
    expect(parseLsn('0/3000148')).toBe(0x3000148n);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) | 0xb374d848n);
    expect(lsn('1/0') > lsn('0/FFFFFFFF')).toBe(true);
    expect(formatLsn(lsn('16/B374D848'))).toBe('16/B374D848');
    expect(formatLsn(lsn('0/a'))).toBe('0/A');
  });

  it('refuses anything else (a forged or damaged cookie is ignored, not trusted)', () => {
    for (const bad of ['', '0', '0/', '/1', 'G/1', '1/2/3', '123456789/0', '0/1; drop', ' 0/x']) {
      expect(parseLsn(bad), bad).toBeNull();
    }
  });
});

describe('replica lag', () => {
  it('is 0 while the replica has replayed what the primary wrote, however idle the primary', () => {
    const t = new LagTracker();
    expect(t.observe(1000, lsn('0/100'), lsn('0/100'))).toBe(0);
    expect(t.observe(60_000, lsn('0/100'), lsn('0/100'))).toBe(0);
  });

  it('counts from when the primary was first seen ahead of what the replica replays', () => {
    const t = new LagTracker();
    expect(t.observe(0, lsn('0/100'), lsn('0/100'))).toBe(0);
    // Replay paused at 0/100 while the primary writes on.
    expect(t.observe(1000, lsn('0/200'), lsn('0/100'))).toBe(0);
    expect(t.observe(2000, lsn('0/300'), lsn('0/100'))).toBe(1000);
    expect(t.observe(7000, lsn('0/300'), lsn('0/100'))).toBe(6000);
    // Replay reaches 0/200 (written at 1000): what waits now is 0/300, first seen at 2000.
    expect(t.observe(8000, lsn('0/300'), lsn('0/200'))).toBe(6000);
    expect(t.observe(9000, lsn('0/300'), lsn('0/300'))).toBe(0);
  });

  it('keeps a bounded history while the replica stays behind, without forgetting the oldest wait', () => {
    const t = new LagTracker(3);
    for (let i = 1; i <= 10; i++) t.observe(i * 1000, BigInt(i * 256), 0n);
    expect(t.observe(11_000, 11n * 256n, 0n)).toBe(10_000);
    t.reset();
    expect(t.observe(12_000, 12n * 256n, 0n)).toBe(0);
  });
});

describe('where a request reads', () => {
  const base = {
    safeMethod: true,
    state: 'up' as const,
    replayLsn: lsn('0/500'),
    checkedAt: 10_000,
    now: 10_500,
    staleAfterMs: 5000,
    ownWriteLsn: null,
  };

  it('reads from the replica when it is up, recent, and has the person’s own last write', () => {
    expect(chooseReads(base)).toEqual({ target: 'replica', reason: 'replica' });
    expect(chooseReads({ ...base, ownWriteLsn: lsn('0/500') })).toEqual({
      target: 'replica',
      reason: 'replica',
    });
    expect(chooseReads({ ...base, ownWriteLsn: lsn('0/400') }).target).toBe('replica');
  });

  it('reads from the primary after the person’s own write the replica has not replayed yet', () => {
    expect(chooseReads({ ...base, ownWriteLsn: lsn('0/501') })).toEqual({
      target: 'primary',
      reason: 'own_write',
    });
    expect(chooseReads({ ...base, replayLsn: null, ownWriteLsn: lsn('0/1') }).target).toBe('primary');
  });

  it('reads from the primary in a request that writes, and whenever the replica is not up', () => {
    expect(chooseReads({ ...base, safeMethod: false })).toEqual({ target: 'primary', reason: 'write' });
    for (const state of ['starting', 'behind', 'down', 'not_standby'] as const) {
      expect(chooseReads({ ...base, state })).toEqual({ target: 'primary', reason: state });
    }
  });

  it('reads from the primary when the last probe is old news (a probe that hangs)', () => {
    expect(chooseReads({ ...base, now: 15_001 })).toEqual({ target: 'primary', reason: 'stale' });
    expect(chooseReads({ ...base, now: 15_000 }).target).toBe('replica');
  });

  it('keeps the own-write window as long as the lag bound plus two probes', () => {
    expect(ownWriteWindowSeconds(5000, 1000)).toBe(7);
    expect(ownWriteWindowSeconds(2000, 250)).toBe(3);
  });
});

describe('log lines', () => {
  const d = { lagMs: 7200, maxLagMs: 5000 };

  it('says one line per change of state, none while it stays the same', () => {
    expect(stateLine('up', 'up', d)).toBeNull();
    expect(stateLine('down', 'down', d)).toBeNull();
    expect(stateLine('behind', 'behind', { ...d, lagMs: 9000 })).toBeNull();
    expect(stateLine('up', 'behind', d)).toEqual({
      level: 'warn',
      line: 'Read replica (DATABASE_REPLICA_URL) is 7.2 s behind the primary (bound 5 s): reads go to the primary until it catches up',
    });
    expect(stateLine('up', 'down', { ...d, error: 'ECONNREFUSED' })?.line).toBe(
      'Read replica (DATABASE_REPLICA_URL) is unavailable (ECONNREFUSED): reads go to the primary until it answers',
    );
    expect(stateLine('down', 'up', d)).toMatchObject({ level: 'info' });
    expect(stateLine('down', 'up', d)?.line).toContain('again');
    expect(stateLine('starting', 'up', d)?.line).not.toContain('again');
    expect(stateLine('up', 'not_standby', d)?.level).toBe('warn');
  });
});
