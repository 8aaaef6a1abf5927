import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
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
