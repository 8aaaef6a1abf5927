import { describe, expect, it } from 'vitest';
import { planContentSchema } from '#shared/plans/contract.ts';
import { assignmentsOf, defaultPeriod, measureStatus } from './rounds.ts';

const r = (
  progress: 'not_started' | 'in_progress' | 'done' | 'cancelled',
  percent: number,
  counted = true,
) => ({ progress, percent, counted });

describe('measure status from its units', () => {
  it('is done only when every unit is done', () => {
    expect(measureStatus([r('done', 100), r('done', 100)])).toEqual({ status: 'done', percent: 100 });
    expect(measureStatus([r('done', 100), r('in_progress', 40)])).toEqual({
      status: 'in_progress',
      percent: 70,
    });
  });
  it('leaves cancelled units out, and is cancelled when all are', () => {
    expect(measureStatus([r('done', 100), r('cancelled', 0)]).status).toBe('done');
    expect(measureStatus([r('cancelled', 0)]).status).toBe('cancelled');
  });
  it('counts a report not yet submitted as not started', () => {
    expect(measureStatus([r('done', 100, false), r('not_started', 0)])).toEqual({
      status: 'not_started',
      percent: 0,
    });
  });
});

describe('rounds', () => {
  it('know the default periods of the fiscal year', () => {
    expect(defaultPeriod('6m', 2568)).toEqual({ start: '2024-10-01', end: '2025-03-31' });
    expect(defaultPeriod('12m', 2568)).toEqual({ start: '2024-10-01', end: '2025-09-30' });
  });
  it('assign a slot per measure and unit, and per step with its own units', () => {
    const u1 = '11111111-1111-4111-8111-111111111111';
    const u2 = '22222222-2222-4222-8222-222222222222';
    const content = planContentSchema.parse({
      title: 'แผน',
      issues: [
        {
          id: 'i',
          title: 'ประเด็น',
          measures: [
            {
              id: 'm',
              title: 'มาตรการ',
              responsible: { unitIds: [u1] },
              steps: [
                { id: 's1', text: 'ขั้นตอน', responsible: { unitIds: [u2] } },
                { id: 's2', text: 'ขั้นตอน' },
              ],
            },
          ],
        },
      ],
    });
    expect(assignmentsOf(content)).toEqual([
      { measureId: 'm', stepId: '', unitId: u1 },
      { measureId: 'm', stepId: 's1', unitId: u2 },
    ]);
  });
});
