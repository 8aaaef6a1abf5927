import { describe, expect, it } from 'vitest';
import { parseScoreInput } from './score-input.ts';

describe('parseScoreInput: a score typed in the entry form, read like the import reads it', () => {
  it('reads Thai and Arabic digits, a decimal comma and a trailing %', () => {
    expect(parseScoreInput('๘๗.๘๙')).toEqual({ kind: 'score', value: 87.89 });
    expect(parseScoreInput('๘7.89')).toEqual({ kind: 'score', value: 87.89 });
    expect(parseScoreInput('96,52')).toEqual({ kind: 'score', value: 96.52 });
    expect(parseScoreInput(' 75 % ')).toEqual({ kind: 'score', value: 75 });
    expect(parseScoreInput('.5')).toEqual({ kind: 'score', value: 0.5 });
  });

  it('says not assessed, empty, out of range and unreadable apart', () => {
    expect(parseScoreInput('-')).toEqual({ kind: 'not_assessed' });
    expect(parseScoreInput('ไม่ได้ประเมิน')).toEqual({ kind: 'not_assessed' });
    expect(parseScoreInput('  ')).toEqual({ kind: 'empty' });
    expect(parseScoreInput('1,000')).toEqual({ kind: 'out_of_range', value: 1000 });
    expect(parseScoreInput('-5')).toEqual({ kind: 'out_of_range', value: -5 });
    expect(parseScoreInput('6๐.5x')).toEqual({ kind: 'invalid' });
    expect(parseScoreInput('87.8.9')).toEqual({ kind: 'invalid' });
  });
});
