import { describe, expect, it } from 'vitest';
import type { CycleStage } from '#shared/home/contract.ts';
import { nextStep } from './cycle-text.ts';

const stage = (
  s: CycleStage['stage'],
  state: CycleStage['state'],
  calendarDate: string | null = null,
): CycleStage => ({
  stage: s,
  state,
  doneOn: null,
  calendarDate,
});

describe('nextStep', () => {
  it('names the current stage with its calendar date', () => {
    expect(
      nextStep({
        resultYear: 2569,
        stages: [
          stage('result', 'done'),
          stage('round_6m', 'current', '2027-03-31'),
          stage('round_12m', 'not_yet'),
        ],
      }),
    ).toEqual({ key: 'round_6m', resultYear: 2569, calendarDate: '2027-03-31' });
  });

  it('says done when no stage is current', () => {
    expect(
      nextStep({ resultYear: 2569, stages: [stage('result', 'done'), stage('published', 'done')] }).key,
    ).toBe('done');
  });
});
