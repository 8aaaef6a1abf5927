import { describe, expect, it } from 'vitest';
import { cellText, cleanText } from './clean-text.ts';

/** cleanText's rule written out step by step, without its shortcut for plain ASCII. */
const byTheRule = (raw: string) =>
  raw
    .normalize('NFC')
    .replace(/\u200B|\u200C|\u200D|\u2060|\u00AD|\uFEFF/g, '')
    .replace(/[\u00A0\u202F\u2007\u2000-\u200A\u3000]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('cleanText', () => {
  it.each([
    ['87.45', '87.45'],
    ['P01-U00001', 'P01-U00001'],
    ['  i7 ', 'i7'],
    ['a\tb', 'a b'],
    ['\u00A085.5\u200B', '85.5'],
    ['ผ่าน  ดี', 'ผ่าน ดี'],
    ['', ''],
  ])('%j → %j', (raw, clean) => {
    expect(cleanText(raw)).toBe(clean);
  });

  it('gives what the rule gives for any text, plain ASCII or not', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const alphabet = [
      'a',
      'Z',
      '9',
      '.',
      '-',
      ' ',
      '\t',
      '\n',
      '~',
      '!',
      '\u00A0',
      '\u200B',
      'ก',
      'ำ',
      '\u0e4d\u0e32',
    ];
    for (let n = 0; n < 2000; n++) {
      const text = Array.from(
        { length: Math.floor(random() * 12) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('');
      expect(cleanText(text), JSON.stringify(text)).toBe(byTheRule(text));
    }
    expect(cellText(' 96.52 ')).toBe('96.52');
  });
});
