import { describe, expect, it } from 'vitest';
import { jobLabel } from './metrics.ts';
import { metricsAllowed } from './ops.routes.ts';
import { migrationsBehind, runReadinessChecks } from './readiness.ts';
import { parseRequestId, REQUEST_ID_MAX_LENGTH, requestIdFor } from './request-id.ts';

describe('request ids', () => {
  it('keeps a short, plain incoming id (a proxy id or a UUID)', () => {
    expect(parseRequestId('3f2c9a1e-8b1d-4f61-9a8e-0c5d1e2f3a4b')).toBe(
      '3f2c9a1e-8b1d-4f61-9a8e-0c5d1e2f3a4b',
    );
    expect(parseRequestId('  lb:abc.123/7_x  ')).toBe('lb:abc.123/7_x');
    expect(parseRequestId('x'.repeat(REQUEST_ID_MAX_LENGTH))).toHaveLength(REQUEST_ID_MAX_LENGTH);
  });

  it.each([
    ['absent', undefined],
    ['empty', ''],
    ['blank', '   '],
    ['too long', 'x'.repeat(REQUEST_ID_MAX_LENGTH + 1)],
    ['a line break (log injection)', 'abc\nlevel=error'],
    ['quotes and spaces', 'a "b" c'],
    ['non-ASCII', 'คำขอ-1'],
  ])('refuses one that is %s', (_, header) => {
    expect(parseRequestId(header)).toBeNull();
  });

  it('makes a new one when the incoming one is refused', () => {
    expect(requestIdFor('bad id', () => 'made')).toBe('made');
    expect(requestIdFor('good-id', () => 'made')).toBe('good-id');
    expect(requestIdFor(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('readiness checks', () => {
  it('is ready when every check passes', async () => {
    const result = await runReadinessChecks([
      { name: 'database', check: async () => {} },
      { name: 'queue', check: async () => {} },
    ]);
    expect(result).toEqual({
      ready: true,
      checks: [
        { name: 'database', ok: true },
        { name: 'queue', ok: true },
      ],
    });
  });

  it('is not ready when one check throws, naming it with its message', async () => {
    const result = await runReadinessChecks([
      { name: 'database', check: async () => {} },
      {
        name: 'migrations',
        check: async () => {
          throw new Error('behind');
        },
      },
    ]);
    expect(result.ready).toBe(false);
    expect(result.checks).toEqual([
      { name: 'database', ok: true },
      { name: 'migrations', ok: false, message: 'behind' },
    ]);
  });

  it('fails a check that does not answer in time, without waiting for it', async () => {
    const started = performance.now();
    const result = await runReadinessChecks(
      [{ name: 'database', check: () => new Promise<void>(() => {}) }],
      50,
    );
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result).toEqual({
      ready: false,
      checks: [{ name: 'database', ok: false, message: 'no answer within 50 ms' }],
    });
  });

  it('counts a check that throws synchronously as failed', async () => {
    const result = await runReadinessChecks([
      {
        name: 'queue',
        check: () => {
          throw new Error('no queue');
        },
      },
    ]);
    expect(result.checks).toEqual([{ name: 'queue', ok: false, message: 'no queue' }]);
  });
});

describe('migrationsBehind', () => {
  const last = { folderMillis: 2000, hash: 'b'.repeat(64) };
  it('is current when the database holds the last migration, or a newer one', () => {
    expect(migrationsBehind(last, last)).toBeNull();
    expect(migrationsBehind(last, { folderMillis: 3000, hash: 'c'.repeat(64) })).toBeNull();
    expect(migrationsBehind(undefined, undefined)).toBeNull();
  });
  it('says what is behind otherwise', () => {
    expect(migrationsBehind(last, { folderMillis: 1000, hash: 'a'.repeat(64) })).toBe(
      "the last applied migration (1000, aaaaaaaaaaaa) is behind the code's last (2000, bbbbbbbbbbbb)",
    );
    expect(migrationsBehind(last, { folderMillis: 2000, hash: 'a'.repeat(64) })).toContain('is behind');
    expect(migrationsBehind(last, undefined)).toBe('no migration is applied; expected 2000, bbbbbbbbbbbb');
  });
});

describe('who may read /metrics', () => {
  const token = 'a-long-metrics-token-123';
  it('with METRICS_TOKEN: exactly that bearer token, from anywhere', () => {
    const ask = (authorization: string | undefined, remoteAddress = '203.0.113.5') =>
      metricsAllowed({ token, authorization, remoteAddress, forwarded: false });
    expect(ask(`Bearer ${token}`)).toBe(true);
    expect(ask(`bearer ${token}`)).toBe(true);
    expect(ask(undefined)).toBe(false);
    expect(ask(undefined, '127.0.0.1')).toBe(false);
    expect(ask('Bearer wrong')).toBe(false);
    expect(ask(`Basic ${token}`)).toBe(false);
    expect(ask(`Bearer ${token}x`)).toBe(false);
  });
  it('without it: direct connections from this machine only', () => {
    const ask = (remoteAddress: string | undefined, forwarded = false) =>
      metricsAllowed({ token: undefined, authorization: undefined, remoteAddress, forwarded });
    expect(ask('127.0.0.1')).toBe(true);
    expect(ask('::1')).toBe(true);
    expect(ask('::ffff:127.0.0.1')).toBe(true);
    expect(ask('127.0.0.1', true)).toBe(false);
    expect(ask('10.0.0.8')).toBe(false);
    expect(ask(undefined)).toBe(false);
  });
});

describe('jobLabel', () => {
  it('is the English part of a job named for the logs', () => {
    expect(jobLabel('Session pruning / ลบเซสชันที่หมดอายุ')).toBe('Session pruning');
    expect(jobLabel('plain')).toBe('plain');
  });
});
