import { describe, expect, it } from 'vitest';
import { parsePassed, parseScore } from './parse-score.ts';

describe('parseScore', () => {
  it.each([
    ['96.52', 96.52],
    ['๙๖.๕๒', 96.52],
    ['๙๖.52', 96.52],
    ['96,52', 96.52],
    ['96,5', 96.5],
    ['96.52%', 96.52],
    ['96.52 %', 96.52],
    ['๑๐๐%', 100],
    [' 85 ', 85],
    ['\u00A085.5\u200B', 85.5],
    ['0', 0],
    ['100', 100],
    ['100.00', 100],
    ['.5', 0.5],
    ['007', 7],
    ['00.50', 0.5],
    ['00', 0],
    [96.52, 96.52],
    [0, 0],
    [100, 100],
  ])('%j → %d', (raw, score) => {
    expect(parseScore(raw)).toEqual({ ok: true, score });
  });

  it.each([null, undefined, '', '   ', '-', '–', '—', 'ไม่ได้ประเมิน', 'ไม่ประเมิน', 'N/A', 'n/a', 'NA', '#N/A'])(
    '%j → null (not assessed)',
    (raw) => {
      expect(parseScore(raw)).toEqual({ ok: true, score: null });
    },
  );

  it.each([
    ['101', 'score 101 is outside 0–100'],
    ['-1', 'score -1 is outside 0–100'],
    [101, 'score 101 is outside 0–100'],
    [-1, 'score -1 is outside 0–100'],
    ['100.01', 'score 100.01 is outside 0–100'],
    ['100.0000001', 'score 100.0000001 is outside 0–100'],
    ['99999999999999999999', 'score 99999999999999999999 is outside 0–100'],
    ['1,000', 'score 1,000 is outside 0–100'],
    ['๑๐๑', 'score ๑๐๑ is outside 0–100'],
  ])('%j is out of range', (raw, message) => {
    expect(parseScore(raw)).toMatchObject({ ok: false, message_en: message });
  });

  it.each(['abc', '96.5.2', '9,6,5', '96,52.1', '%', 'ผ่าน', '1e2', '12abc', '96 52'])(
    '%j is not a number',
    (raw) => {
      const result = parseScore(raw);
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.message_en).toContain('is not a score');
    },
  );

  it('refuses non-finite numbers, booleans and dates', () => {
    expect(parseScore(Number.NaN).ok).toBe(false);
    expect(parseScore(Number.POSITIVE_INFINITY).ok).toBe(false);
    expect(parseScore(true)).toMatchObject({
      ok: false,
      message_en: 'the score must be a number, not TRUE/FALSE',
    });
    expect(parseScore(new Date())).toMatchObject({
      ok: false,
      message_en: 'the score must be a number, not a date',
    });
  });

  it('gives the Thai message too', () => {
    expect(parseScore('101')).toMatchObject({ message_th: 'คะแนน 101 อยู่นอกช่วง 0–100' });
    expect(parseScore('abc')).toMatchObject({ message_th: '"abc" ไม่ใช่คะแนน (ต้องเป็นตัวเลข 0–100)' });
  });
});

describe('parsePassed', () => {
  it.each([
    'ผ่าน',
    'มี',
    '✓',
    '✔',
    'yes',
    'YES',
    'true',
    'TRUE',
    '1',
    '๑',
    'pass',
    'passed',
    'Passed',
    'ผ่านเกณฑ์',
    1,
    true,
  ])('%j → true', (raw) => {
    expect(parsePassed(raw)).toEqual({ ok: true, passed: true });
  });

  it.each([
    'ไม่ผ่าน',
    'ไม่มี',
    '✗',
    '✘',
    'no',
    'No',
    'false',
    'FALSE',
    '0',
    '๐',
    'fail',
    'failed',
    'ไม่ ผ่าน',
    0,
    false,
  ])('%j → false', (raw) => {
    expect(parsePassed(raw)).toEqual({ ok: true, passed: false });
  });

  it.each([null, undefined, '', ' ', '-'])('%j → null', (raw) => {
    expect(parsePassed(raw)).toEqual({ ok: true, passed: null });
  });

  it.each(['x', 'X', 'maybe', 'ผ่านบางส่วน', '2', 2, '50'])('%j is refused', (raw) => {
    const result = parsePassed(raw);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message_en).toContain('is not a pass/fail value');
  });
});
