import { describe, expect, it } from 'vitest';
import { fiscalYearRange, formatTimeframe, monthIndex, shiftMonth } from './months.ts';

describe('plan months', () => {
  it('knows the fiscal year runs October to September', () => {
    expect(fiscalYearRange(2568)).toEqual({ start: '2567-10', end: '2568-09' });
  });
  it('prints a timeframe as agencies write it', () => {
    expect(formatTimeframe({ start: '2567-10', end: '2568-09' }, { digits: 'thai' })).toBe(
      'ต.ค. ๖๗ – ก.ย. ๖๘',
    );
    expect(formatTimeframe({ start: '2567-10', end: '2568-09' }, { lang: 'en' })).toBe(
      'Oct 2567 – Sep 2568 BE',
    );
    expect(formatTimeframe({ start: '2564-11', end: '2564-11' }, { lang: 'en' })).toBe('Nov 2564 BE');
    expect(formatTimeframe({ start: '2564-11', end: '2564-11' }, { digits: 'thai' })).toBe('พ.ย. ๖๔');
  });
  it('orders and shifts months', () => {
    expect(monthIndex('2568-01')).toBeGreaterThan(monthIndex('2567-12'));
    expect(shiftMonth('2567-10', 1)).toBe('2568-10');
  });
});
