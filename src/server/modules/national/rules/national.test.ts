import { describe, expect, it } from 'vitest';
import {
  MIN_AGENCIES_TO_COMPARE,
  mean2,
  measureEvidence,
  numberOrNull,
  targetStatus,
  totalBands,
} from './national.ts';

describe('targetStatus', () => {
  it('is met at 80 % of the agencies with a total at the threshold or more', () => {
    expect(targetStatus(85, 10, 8)).toEqual({
      threshold: 85,
      targetPercent: 80,
      withTotal: 10,
      atOrAbove: 8,
      sharePercent: 80,
      met: true,
    });
    expect(targetStatus(85, 10, 7)).toMatchObject({ sharePercent: 70, met: false });
  });

  it('judges the exact share, not the rounded one', () => {
    // 16,000 of 20,001 is 79.996 %: printed 80, and not met.
    expect(targetStatus(85, 20_001, 16_000)).toMatchObject({ sharePercent: 80, met: false });
    // 2566: 80.94 % of 8,323 reached it.
    expect(targetStatus(85, 8_323, 6_737)).toMatchObject({ sharePercent: 80.94, met: true });
  });

  it('says nothing is judged when no agency has a total', () => {
    expect(targetStatus(85, 0, 0)).toMatchObject({ sharePercent: null, met: null });
  });
});

describe('totalBands', () => {
  it('runs from the lowest band with an agency to 95–100, keeping empty bands between', () => {
    expect(
      totalBands(
        new Map([
          [80, 2],
          [95, 1],
        ]),
      ),
    ).toEqual([
      { from: 80, to: 85, count: 2 },
      { from: 85, to: 90, count: 0 },
      { from: 90, to: 95, count: 0 },
      { from: 95, to: 100, count: 1 },
    ]);
    expect(totalBands(new Map())).toEqual([]);
  });
});

describe('measureEvidence', () => {
  const base = {
    users: 3,
    usersRose: 2,
    usersMeanChange: 4.256,
    others: 3,
    othersRose: 1,
    othersMeanChange: -1.004,
  };

  it('gives both mean changes with at least 3 agencies on each side', () => {
    expect(MIN_AGENCIES_TO_COMPARE).toBe(3);
    expect(measureEvidence(base)).toEqual({
      comparable: true,
      users: 3,
      usersRose: 2,
      usersMeanChange: 4.26,
      others: 3,
      othersRose: 1,
      othersMeanChange: -1,
    });
  });

  it('gives only the counts when either side has fewer than 3 agencies', () => {
    expect(measureEvidence({ ...base, users: 2 })).toEqual({
      comparable: false,
      users: 2,
      usersRose: 2,
      others: 3,
      othersRose: 1,
    });
    expect(measureEvidence({ ...base, others: 2 })).toMatchObject({ comparable: false });
    expect(measureEvidence({ ...base, othersMeanChange: null })).toMatchObject({ comparable: false });
  });
});

describe('numbers from SQL', () => {
  it('reads numeric and bigint text, keeps null, rounds means to 2 decimals', () => {
    expect(numberOrNull('12')).toBe(12);
    expect(numberOrNull(null)).toBeNull();
    expect(numberOrNull('x')).toBeNull();
    expect(mean2('83.8333333')).toBe(83.83);
    expect(mean2(-0.8333)).toBe(-0.83);
    expect(mean2(undefined)).toBeNull();
  });
});
