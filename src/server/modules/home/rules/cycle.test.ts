import { describe, expect, it } from 'vitest';
import { type CycleFacts, calendarDateOf, cycleStages } from './cycle.ts';

const none: CycleFacts = {
  fiscalYear: 2570,
  resultOn: null,
  analysedOn: null,
  plans: [],
  rounds: [],
  finalReportPublishedOn: null,
};

const states = (f: CycleFacts) => cycleStages(f).map((s) => `${s.stage}:${s.state}`);

describe('cycleStages', () => {
  it('with no data, the result is the current stage and the rest not yet', () => {
    expect(states(none)).toEqual([
      'result:current',
      'analysis:not_yet',
      'plan_approved:not_yet',
      'circulated:not_yet',
      'round_6m:not_yet',
      'round_12m:not_yet',
      'published:not_yet',
    ]);
  });

  it('marks what the data shows done, with the day it happened, and the next stage current', () => {
    const stages = cycleStages({
      ...none,
      resultOn: '2026-09-20',
      analysedOn: '2026-09-25',
      plans: [
        { status: 'superseded', decidedOn: '2026-10-20', circulatedOn: '2026-10-22' },
        { status: 'circulated', decidedOn: '2026-11-30', circulatedOn: '2026-12-01' },
      ],
      rounds: [
        { kind: '6m', status: 'open', closedOn: null },
        { kind: 'monthly', status: 'closed', closedOn: '2026-11-30' },
      ],
    });
    expect(stages.map((s) => s.state)).toEqual([
      'done',
      'done',
      'done',
      'done',
      'current',
      'not_yet',
      'not_yet',
    ]);
    // The first approval and circulation count, not the latest version's.
    expect(stages[2]!.doneOn).toBe('2026-10-20');
    expect(stages[3]!.doneOn).toBe('2026-10-22');
    expect(stages[4]!.doneOn).toBeNull();
  });

  it('a submitted or returned plan is not approved; a round is done only when closed', () => {
    const stages = cycleStages({
      ...none,
      resultOn: '2026-09-20',
      analysedOn: '2026-09-25',
      plans: [{ status: 'returned', decidedOn: '2026-10-20', circulatedOn: null }],
    });
    expect(stages[2]).toMatchObject({ stage: 'plan_approved', state: 'current', doneOn: null });
  });

  it('a stage passed over is not recorded (not "not yet"); the current one follows the last stage done', () => {
    const stages = cycleStages({
      ...none,
      resultOn: '2026-09-20',
      plans: [{ status: 'approved', decidedOn: '2026-10-20', circulatedOn: null }],
    });
    expect(stages.map((s) => s.state)).toEqual([
      'done',
      'not_recorded',
      'done',
      'current',
      'not_yet',
      'not_yet',
      'not_yet',
    ]);
  });

  it('publishing the 12-month report completes the cycle', () => {
    const stages = cycleStages({
      ...none,
      resultOn: '2026-09-20',
      analysedOn: '2026-09-25',
      plans: [{ status: 'circulated', decidedOn: '2026-10-20', circulatedOn: '2026-10-22' }],
      rounds: [
        { kind: '6m', status: 'closed', closedOn: '2027-04-10' },
        { kind: '12m', status: 'closed', closedOn: '2027-10-10' },
      ],
      finalReportPublishedOn: '2027-10-15',
    });
    expect(stages.every((s) => s.state === 'done')).toBe(true);
  });
});

describe('the fiscal calendar', () => {
  it('FY 2570 starts on 1 Oct 2569 BE (2026), its 6-month point is 31 Mar 2570 BE, its 12-month 30 Sep', () => {
    expect(calendarDateOf('result', 2570)).toBe('2026-10-01');
    expect(calendarDateOf('round_6m', 2570)).toBe('2027-03-31');
    expect(calendarDateOf('round_12m', 2570)).toBe('2027-09-30');
    expect(calendarDateOf('analysis', 2570)).toBeNull();
  });
});
