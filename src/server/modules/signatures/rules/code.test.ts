import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, codeFromRandom, formatCode, parseCode } from './code.ts';

describe('verification code', () => {
  it('draws 10 characters of Crockford base32, shown as XXXXX-XXXXX', () => {
    const code = codeFromRandom(Uint8Array.from([0, 1, 2, 3, 31, 32, 33, 255, 100, 18]));
    expect(code).toBe('0123Z01Z4J');
    expect(code).toHaveLength(10);
    expect(formatCode('ABCDE12345')).toBe('ABCDE-12345');
    expect(CODE_ALPHABET).not.toMatch(/[ILOU]/);
    expect(() => codeFromRandom(new Uint8Array(9))).toThrow();
  });

  it('reads a code as people type it: lower case, spaces, Thai digits, with or without the hyphen', () => {
    expect(parseCode('ABCDE-12345')).toBe('ABCDE12345');
    expect(parseCode('abcde-12345')).toBe('ABCDE12345');
    expect(parseCode(' abcde 12345 ')).toBe('ABCDE12345');
    expect(parseCode('ABCDE12345')).toBe('ABCDE12345');
    expect(parseCode('ABCDE-๑๒๓๔๕')).toBe('ABCDE12345');
    expect(parseCode('ab cd e–1 2345')).toBe('ABCDE12345');
    // Letters Crockford reads as digits.
    expect(parseCode('oIL00-ABCDE')).toBe('01100ABCDE');
    // Full-width characters typed on a phone keyboard.
    expect(parseCode('ＡＢＣＤＥ-12345')).toBe('ABCDE12345');
  });

  it('refuses what cannot be a code', () => {
    expect(parseCode('')).toBeNull();
    expect(parseCode('ABCDE-1234')).toBeNull();
    expect(parseCode('ABCDE-123456')).toBeNull();
    expect(parseCode('ABCDU-12345')).toBeNull();
    expect(parseCode('ABCDE-1234!')).toBeNull();
    expect(parseCode('กขคงจ-12345')).toBeNull();
  });
});
