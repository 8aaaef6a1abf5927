import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { configureLogger } from '../log.ts';
import { backgroundJobFailures } from '../ops/metrics.ts';
import { backgroundErrorReporter } from './background-errors.ts';

function capture() {
  const warnings: string[] = [];
  const errors: unknown[][] = [];
  return {
    warnings,
    errors,
    log: { warn: (line: string) => warnings.push(line), error: (...args: unknown[]) => errors.push(args) },
  };
}

describe('backgroundErrorReporter', () => {
  it('tells a database outage in one line naming the job, without the stack', () => {
    const { warnings, errors, log } = capture();
    const report = backgroundErrorReporter('Reminders / การแจ้งเตือน', log);
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    report(refused);
    report(
      new DrizzleQueryError(
        'select 1',
        [],
        Object.assign(new Error('terminating connection'), { code: '57P01' }),
      ),
    );
    expect(errors).toEqual([]);
    expect(warnings).toEqual([
      'Reminders / การแจ้งเตือน: the database is unavailable (ECONNREFUSED); the next pass tries again',
      'Reminders / การแจ้งเตือน: the database is unavailable (57P01); the next pass tries again',
    ]);
    expect(warnings.join('\n')).not.toMatch(/\n\s+at /);
  });

  it('prints any other failure whole, with the job named', () => {
    const { warnings, errors, log } = capture();
    const fault = new TypeError('cannot read properties of undefined');
    backgroundErrorReporter('OIT link check', log)(fault);
    expect(warnings).toEqual([]);
    expect(errors).toEqual([['OIT link check:', fault]]);
  });
});

describe('backgroundErrorReporter and /metrics', () => {
  it('counts every failed pass under the job name in English', async () => {
    const value = async () =>
      (await backgroundJobFailures.get()).values.find((v) => v.labels.job === 'Orphan-file sweep')?.value ??
      0;
    const before = await value();
    const report = backgroundErrorReporter('Orphan-file sweep / ล้างไฟล์ที่ไม่มีเจ้าของ', capture().log);
    report(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
    report(new Error('disk full'));
    expect(await value()).toBe(before + 2);
  });

  it('logs through the server logger by default: one JSON line on stderr, the error as a field', () => {
    const stderr: Record<string, unknown>[] = [];
    configureLogger('info', {
      stdout: { write: () => {} },
      stderr: { write: (line: string) => void stderr.push(JSON.parse(line) as Record<string, unknown>) },
    });
    try {
      backgroundErrorReporter('OIT link check / งานตรวจลิงก์ OIT')(new TypeError('bad'));
      backgroundErrorReporter('Reminders')(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));
    } finally {
      configureLogger('info');
    }
    expect(stderr).toHaveLength(2);
    expect(stderr[0]).toMatchObject({
      level: 50,
      msg: 'OIT link check / งานตรวจลิงก์ OIT:',
      err: { message: 'bad' },
    });
    expect(stderr[1]).toMatchObject({
      level: 40,
      msg: 'Reminders: the database is unavailable (ECONNREFUSED); the next pass tries again',
    });
  });
});
