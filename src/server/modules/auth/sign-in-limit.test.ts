import { describe, expect, it } from 'vitest';
import {
  accountDelaySeconds,
  accountWaitSeconds,
  addressWaitSeconds,
  SIGN_IN_LIMITS,
  tooManySignIns,
} from './sign-in-limit.ts';

const now = new Date('2026-12-05T04:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe('accountDelaySeconds', () => {
  it('answers the first failures at once, then doubles from 1 s up to the cap, never a lockout', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => accountDelaySeconds(n))).toEqual([
      0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60,
    ]);
    expect(accountDelaySeconds(10_000)).toBe(SIGN_IN_LIMITS.maxDelaySeconds);
  });
});

describe('accountWaitSeconds', () => {
  const failures = (n: number, lastAgo: number) =>
    Array.from({ length: n }, (_, i) => ({ succeeded: false, attemptedAt: ago(lastAgo + i) }));

  it('counts failures since the last success only', () => {
    expect(accountWaitSeconds([], now)).toBe(0);
    expect(accountWaitSeconds(failures(3, 0), now)).toBe(0);
    expect(accountWaitSeconds(failures(5, 0), now)).toBe(2);
    const afterSuccess = [...failures(3, 0), { succeeded: true, attemptedAt: ago(10) }, ...failures(9, 11)];
    expect(accountWaitSeconds(afterSuccess, now)).toBe(0);
  });

  it('counts the wait from the last failure', () => {
    expect(accountWaitSeconds(failures(10, 45), now)).toBe(15);
    expect(accountWaitSeconds(failures(10, 60), now)).toBe(0);
  });
});

describe('addressWaitSeconds', () => {
  it('limits an address only past perIp failures, until the oldest counted leaves the window', () => {
    const window = SIGN_IN_LIMITS.windowMinutes * 60;
    const times = (n: number) => Array.from({ length: n }, (_, i) => ago(i));
    expect(addressWaitSeconds(times(SIGN_IN_LIMITS.perIp - 1), now)).toBe(0);
    expect(addressWaitSeconds(times(SIGN_IN_LIMITS.perIp), now)).toBe(window - (SIGN_IN_LIMITS.perIp - 1));
  });
});

describe('tooManySignIns', () => {
  it('says when to try again in Thai and English, in seconds or minutes', () => {
    const short = tooManySignIns(4);
    expect(short.status).toBe(429);
    expect(short.headers).toEqual({ 'Retry-After': '4' });
    expect(short.messageTh).toContain('4 วินาที');
    expect(short.messageEn).toContain('4 seconds');
    const long = tooManySignIns(600);
    expect(long.messageTh).toContain('10 นาที');
    expect(long.messageEn).toContain('10 minutes');
  });
});
