import { describe, expect, it } from 'vitest';
import { normalizeCode, readInteger, readNumber } from './numbers.ts';

describe('readNumber: numbers typed in Thai or Arabic digits', () => {
  it.each([
    ['60', 60],
    ['๖๐', 60],
    [' ๖๐ ', 60],
    ['๖0', 60],
    ['6๐', 60],
    ['๙๖.๕๒', 96.52],
    ['96,52', 96.52],
    ['๙๖,๕', 96.5],
    ['1,000', 1000],
    ['๑,๐๐๐,๐๐๐.๕', 1000000.5],
    ['-5', -5],
    ['.5', 0.5],
    ['0', 0],
    ['-0', 0],
  ])('%s → %d', (raw, value) => {
    expect(readNumber(raw)).toEqual({ ok: true, value });
  });

  it('refuses what cannot be read, never as 0', () => {
    for (const raw of [
      '6๐.5x',
      'abc',
      '๖๐%',
      '1.2.3',
      '1,0000',
      '12,34,567',
      '1 000',
      '--1',
      '๖๐ บาท',
      'Infinity',
    ]) {
      expect(readNumber(raw), raw).toEqual({ ok: false, reason: 'not_a_number', text: raw.trim() });
    }
  });

  it('says empty for blank text', () => {
    expect(readNumber('  ')).toEqual({ ok: false, reason: 'empty' });
  });

  it('reads whole numbers only when asked', () => {
    expect(readInteger('๖๐')).toEqual({ ok: true, value: 60 });
    expect(readInteger('60.5')).toEqual({ ok: false, reason: 'not_a_number', text: '60.5' });
  });
});

describe('normalizeCode', () => {
  it('makes Thai digits Arabic and trims', () => {
    expect(normalizeCode('i๓')).toBe('i3');
    expect(normalizeCode(' o๑๔ ')).toBe('o14');
    expect(normalizeCode('๔')).toBe('4');
    expect(normalizeCode('e5')).toBe('e5');
  });
});
