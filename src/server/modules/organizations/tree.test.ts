import { describe, expect, it } from 'vitest';
import { childPath, depthOf, isWithin, rebase, wouldCreateCycle } from './tree.ts';

describe('organisation tree paths', () => {
  const province = childPath(null, 'p');
  const unit = childPath(province, 'u');
  const section = childPath(unit, 's');

  it('builds paths and depths', () => {
    expect(section).toBe('/p/u/s/');
    expect([depthOf(province), depthOf(unit), depthOf(section)]).toEqual([0, 1, 2]);
  });

  it('knows a subtree by its prefix, not by a shared name start', () => {
    expect(isWithin(section, province)).toBe(true);
    expect(isWithin(childPath(null, 'pp'), province)).toBe(false);
  });

  it('refuses a move under the organisation itself or its descendants', () => {
    expect(wouldCreateCycle(unit, unit)).toBe(true);
    expect(wouldCreateCycle(unit, section)).toBe(true);
    expect(wouldCreateCycle(unit, province)).toBe(false);
    expect(wouldCreateCycle(unit, null)).toBe(false);
  });

  it('rebases descendants', () => {
    expect(rebase(section, unit, '/q/u/')).toBe('/q/u/s/');
  });
});
