import { describe, expect, it } from 'vitest';
import {
  formatBeDate,
  formatBeMonth,
  formatBeYear,
  formatShortMonth,
  isIsoDate,
  isoFromBe,
  parseBeDate,
} from './be-date.ts';

const date = (raw: string, bounds = {}) => parseBeDate(raw, bounds);
const iso = (raw: string) => {
  const r = parseBeDate(raw);
  return r.kind === 'date' ? r.iso : r;
};

describe('parseBeDate: what people type', () => {
  it.each([
    ['5/12/2569', '2026-12-05'],
    ['05/12/2569', '2026-12-05'],
    ['5-12-2569', '2026-12-05'],
    ['5.12.2569', '2026-12-05'],
    ['5 12 2569', '2026-12-05'],
    [' 5/12/2569 ', '2026-12-05'],
    ['๕/๑๒/๒๕๖๙', '2026-12-05'],
    ['๕/12/๒๕๖๙', '2026-12-05'],
    ['5 ธ.ค. 2569', '2026-12-05'],
    ['5 ธ.ค.2569', '2026-12-05'],
    ['5ธ.ค.2569', '2026-12-05'],
    ['5 ธค 2569', '2026-12-05'],
    ['5 ธันวาคม 2569', '2026-12-05'],
    ['๕ ธันวาคม ๒๕๖๙', '2026-12-05'],
    ['5 ธันวาคม พ.ศ. 2569', '2026-12-05'],
    ['วันที่ 5 ธันวาคม พ.ศ. ๒๕๖๙', '2026-12-05'],
    ['5 December 2569', '2026-12-05'],
    ['5 December 2569 BE', '2026-12-05'],
    ['5 Dec 2569 B.E.', '2026-12-05'],
    ['5-dec-2569', '2026-12-05'],
    ['Dec 5, 2569', '2026-12-05'],
    ['December 5 2569', '2026-12-05'],
    ['1 มกราคม 2570', '2027-01-01'],
    ['1 ม.ค. 70', '2027-01-01'],
    ['30 ก.ย. 2569', '2026-09-30'],
    ['1 Sept 2569', '2026-09-01'],
    ['1 ต.ค. 2568', '2025-10-01'],
    ['2569-12-05', '2026-12-05'],
    ['5/12/69', '2026-12-05'],
    ['12 มีนาคม 2568', '2025-03-12'],
    ['26 เม.ย. 2567', '2024-04-26'],
  ])('%s → %s', (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });

  it('reads a 4-digit year of 2400 or more as BE, never adding 543 to it', () => {
    expect(iso('5/12/2569')).toBe('2026-12-05');
    expect(iso('1/1/2400')).toBe('1857-01-01');
  });

  it('knows the leap years in BE (2567 = 2024 has 29 February, 2568 does not)', () => {
    expect(iso('29/2/2567')).toBe('2024-02-29');
    expect(iso('29 ก.พ. 2567')).toBe('2024-02-29');
    expect(iso('29 กุมภาพันธ์ ๒๕๖๗')).toBe('2024-02-29');
    expect(date('29/2/2568')).toEqual({
      kind: 'problem',
      problem: { kind: 'no_such_day', day: 29, month: 2, beYear: 2568 },
    });
    expect(iso('29/2/2571')).toBe('2028-02-29');
    // 2100 CE (2643 BE) is not a leap year, 2000 CE (2543 BE) is
    expect(date('29/2/2643').kind).toBe('problem');
    expect(iso('29/2/2543')).toBe('2000-02-29');
    expect(date('31/4/2569')).toMatchObject({ problem: { kind: 'no_such_day' } });
    expect(date('31 มิ.ย. 2569')).toMatchObject({ problem: { kind: 'no_such_day' } });
  });

  it('refuses a Christian-era year, saying the BE year, instead of turning it into 3112 or 1483', () => {
    expect(date('5/12/2026')).toEqual({
      kind: 'problem',
      problem: { kind: 'ce_year', year: 2026, beYear: 2569 },
    });
    expect(date('2026-12-05')).toMatchObject({ problem: { kind: 'ce_year', year: 2026, beYear: 2569 } });
    expect(date('5 December 2026')).toMatchObject({ problem: { kind: 'ce_year', beYear: 2569 } });
    expect(date('5/12/1999')).toMatchObject({ problem: { kind: 'ce_year', beYear: 2542 } });
    expect(date('5 ธ.ค. ค.ศ. 2569')).toMatchObject({ problem: { kind: 'ce_year' } });
    expect(date('5 Dec 2569 AD')).toMatchObject({ problem: { kind: 'ce_year' } });
    expect(date('5/12/26 ค.ศ.')).toMatchObject({ problem: { kind: 'ce_year', year: 2026, beYear: 2569 } });
  });

  it('refuses what is not a date', () => {
    for (const raw of [
      'abc',
      '5/13/2569',
      '0/12/2569',
      '32/1/2569',
      '5 ธันวา 2569x',
      '5 Foo 2569',
      '5/12/569',
      '5/12',
      '2569',
      '5/12/0999',
      '12/2569',
    ]) {
      expect(date(raw), raw).toEqual({ kind: 'problem', problem: { kind: 'unreadable' } });
    }
  });

  it('gives empty for blank text', () => {
    expect(date('')).toEqual({ kind: 'empty' });
    expect(date('   ')).toEqual({ kind: 'empty' });
  });

  it('checks the bounds, inclusive', () => {
    const bounds = { min: '2025-10-01', max: '2027-09-30' };
    expect(date('1/10/2568', bounds)).toEqual({ kind: 'date', iso: '2025-10-01' });
    expect(date('30/9/2570', bounds)).toEqual({ kind: 'date', iso: '2027-09-30' });
    expect(date('30/9/2568', bounds)).toEqual({
      kind: 'problem',
      problem: { kind: 'before_min', min: '2025-10-01' },
    });
    expect(date('1/10/2570', bounds)).toEqual({
      kind: 'problem',
      problem: { kind: 'after_max', max: '2027-09-30' },
    });
    expect(date('31/12/9999', bounds)).toMatchObject({ problem: { kind: 'after_max' } });
  });
});

describe('formatting BE dates', () => {
  it('prints the date in the UI language, always BE', () => {
    expect(formatBeDate('2026-12-05', 'th')).toBe('5 ธันวาคม 2569');
    expect(formatBeDate('2026-12-05', 'en')).toBe('5 December 2569 BE');
    expect(formatBeDate('2026-12-05', 'th', 'medium')).toBe('5 ธ.ค. 2569');
    expect(formatBeDate('2026-12-05', 'en', 'medium')).toBe('5 Dec 2569 BE');
    expect(formatBeDate('2024-02-29', 'th')).toBe('29 กุมภาพันธ์ 2567');
  });

  it('what it prints reads back to the same date', () => {
    for (const d of ['2026-12-05', '2024-02-29', '2025-10-01', '2027-01-31']) {
      for (const lang of ['th', 'en'] as const) {
        for (const style of ['long', 'medium'] as const) expect(iso(formatBeDate(d, lang, style))).toBe(d);
      }
    }
  });

  it('labels the calendar in BE', () => {
    expect(formatBeMonth('2026-12-01', 'th')).toBe('ธันวาคม 2569');
    expect(formatBeMonth('2026-12-01', 'en')).toBe('December 2569 BE');
    expect(formatBeYear('2026-01-01', 'th')).toBe('พ.ศ. 2569');
    expect(formatBeYear('2026-01-01', 'en')).toBe('2569 BE');
    expect(formatShortMonth('2026-02-01', 'th')).toBe('ก.พ.');
    expect(formatShortMonth('2026-02-01', 'en')).toBe('Feb');
  });

  it('builds ISO dates from BE parts', () => {
    expect(isoFromBe(2569, 12, 5)).toBe('2026-12-05');
    expect(isoFromBe(2568, 2, 29)).toBeNull();
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-2-1')).toBe(false);
  });
});
