import { describe, expect, it } from 'vitest';
import { barPercent, evidenceSentence, signed, targetSentence } from './national-text.ts';

const format = (n: number) => n.toFixed(2).replace(/\.00$/, '');

describe('evidenceSentence', () => {
  const row = {
    indicator: 1,
    comparable: true,
    users: 3,
    usersRose: 1,
    usersMeanChange: -4.67,
    others: 3,
    othersRose: 2,
    othersMeanChange: 1,
  };

  it('sets the two mean changes side by side, with their signs and counts', () => {
    expect(evidenceSentence(row, 3, format)).toEqual({
      key: 'national.measures.compared',
      values: {
        users: 3,
        usersRose: 1,
        usersChange: '\u22124.67',
        others: 3,
        othersRose: 2,
        othersChange: '+1',
        indicator: 1,
      },
    });
  });

  it('says too few to compare, with no mean, when the server says so', () => {
    const sentence = evidenceSentence(
      { ...row, comparable: false, users: 2, usersMeanChange: null, othersMeanChange: null },
      3,
      format,
    );
    expect(sentence.key).toBe('national.measures.tooFew');
    expect(sentence.values).toEqual({ users: 2, usersRose: 1, others: 3, indicator: 1, minimum: 3 });
  });
});

describe('targetSentence', () => {
  const target = {
    threshold: 85,
    targetPercent: 80,
    withTotal: 6,
    atOrAbove: 4,
    sharePercent: 66.67,
    met: false,
  };
  it('says met or not met with the numbers', () => {
    expect(targetSentence(target, format)).toEqual({
      key: 'national.target.notMet',
      values: { atOrAbove: '4', withTotal: '6', share: '66.67', threshold: 85, target: 80 },
    });
    expect(targetSentence({ ...target, met: true, sharePercent: 80 }, format).key).toBe(
      'national.target.met',
    );
  });
  it('judges nothing without a total', () => {
    expect(targetSentence({ ...target, met: null, sharePercent: null }, format).key).toBe(
      'national.target.none',
    );
  });
});

describe('signed and barPercent', () => {
  it('marks rises and falls', () => {
    expect(signed(2.5, format)).toBe('+2.50');
    expect(signed(-1.25, format)).toBe('\u22121.25');
    expect(signed(0, format)).toBe('0');
  });
  it('scales bars to the largest count', () => {
    expect(barPercent(1, 4)).toBe(25);
    expect(barPercent(0, 0)).toBe(0);
  });
});
