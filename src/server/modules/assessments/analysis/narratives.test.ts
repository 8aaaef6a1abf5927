import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { numbersHash } from './narratives.ts';

const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

describe('numbersHash', () => {
  it('is the first 16 hex digits of the SHA-256 of kind|score|threshold, every time it is asked', () => {
    for (let i = 0; i < 3; i++) {
      expect(numbersHash({ kind: 'urgent', score: 80.5, threshold: 85 })).toBe(sha('urgent|80.5|85'));
      expect(numbersHash({ kind: 'strength', score: 100, threshold: null })).toBe(sha('strength|100|'));
    }
    expect(numbersHash({ kind: 'develop', score: 80.5, threshold: 85 })).not.toBe(
      numbersHash({ kind: 'urgent', score: 80.5, threshold: 85 }),
    );
  });
});
