import { describe, expect, it } from 'vitest';
import type { ScoreEntry } from '#shared/assessments/scores.ts';
import { diffScores } from './score-diff.ts';

const entry = (scope: ScoreEntry['scope'], code: string, score: number | null): ScoreEntry => ({
  scope,
  code,
  score,
  passed: null,
  reason: null,
  recommendation: null,
});

describe('diffScores', () => {
  it('over nothing stored: every score added, in order, merged as given', () => {
    const incoming = [entry('total', 'ITA', 90), entry('indicator', '1', 80), entry('question', 'i1', null)];
    const diff = diffScores([], incoming, 'merge');
    expect(diff).toEqual({
      changes: [
        { scope: 'total', code: 'ITA', kind: 'added', after: 90 },
        { scope: 'indicator', code: '1', kind: 'added', after: 80 },
        { scope: 'question', code: 'i1', kind: 'added', after: null },
      ],
      unchanged: 0,
      merged: incoming,
    });
    expect(diffScores([], incoming, 'replace')).toEqual(diff);
  });

  it('over nothing stored, gives each added change once as a frozen value, whatever the organisation', () => {
    const a = diffScores([], [entry('question', 'o1', 100), entry('question', 'o2', 0)], 'merge').changes;
    const b = diffScores([], [entry('question', 'o1', 100), entry('question', 'o2', -0)], 'merge').changes;
    expect(a[0]).toBe(b[0]);
    expect(Object.isFrozen(a[0])).toBe(true);
    expect(() => {
      (a[0] as { after: number }).after = 0;
    }).toThrow();
    expect(a[0]).toEqual({ scope: 'question', code: 'o1', kind: 'added', after: 100 });
    expect(Object.is(b[1]!.after, -0)).toBe(true);
    expect(Object.is(a[1]!.after, 0)).toBe(true);
  });

  it('over nothing stored, a code given twice keeps the later value at its first place', () => {
    const diff = diffScores(
      [],
      [entry('indicator', '1', 80), entry('question', '1', 70), entry('indicator', '1', 85)],
      'merge',
    );
    expect(diff.changes).toEqual([
      { scope: 'indicator', code: '1', kind: 'added', after: 85 },
      { scope: 'question', code: '1', kind: 'added', after: 70 },
    ]);
    expect(diff.merged.map((s) => s.score)).toEqual([85, 70]);
  });

  it('over nothing stored, a list shaped like the one before it but repeating a code is not taken for it', () => {
    diffScores([], [entry('indicator', '1', 80), entry('indicator', '2', 70)], 'merge');
    const repeated = diffScores([], [entry('indicator', '1', 80), entry('indicator', '1', 75)], 'merge');
    expect(repeated.changes).toEqual([{ scope: 'indicator', code: '1', kind: 'added', after: 75 }]);
    expect(repeated.merged.map((s) => s.score)).toEqual([75]);
    const again = diffScores([], [entry('indicator', '1', 81), entry('indicator', '2', 70)], 'merge');
    expect(again.changes.map((c) => c.after)).toEqual([81, 70]);
  });

  it('over stored scores: changed, added, removed (replace) or kept (merge), unchanged counted', () => {
    const stored = [entry('indicator', '1', 80), entry('indicator', '2', 90), entry('indicator', '3', 70)];
    const incoming = [entry('indicator', '1', 82), entry('indicator', '2', 90), entry('indicator', '4', 60)];
    const merge = diffScores(stored, incoming, 'merge');
    expect(merge.changes).toEqual([
      { scope: 'indicator', code: '1', kind: 'changed', before: 80, after: 82 },
      { scope: 'indicator', code: '4', kind: 'added', after: 60 },
    ]);
    expect(merge.unchanged).toBe(2);
    expect(merge.merged.map((s) => `${s.code}:${s.score}`)).toEqual(['1:82', '2:90', '3:70', '4:60']);
    const replace = diffScores(stored, incoming, 'replace');
    expect(replace.changes.map((c) => `${c.kind} ${c.code}`)).toEqual(['changed 1', 'added 4', 'removed 3']);
    expect(replace.unchanged).toBe(1);
  });
});
