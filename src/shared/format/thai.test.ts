import { describe, expect, it } from 'vitest';
import {
  fiscalYearOf,
  formatDate,
  formatDateTime,
  formatNumber,
  toArabicDigits,
  toThaiDigits,
} from './thai.ts';

describe('Thai formatting', () => {
  it('converts digits both ways', () => {
    expect(toThaiDigits('ต.ค. 67 – ก.ย. 68')).toBe('ต.ค. ๖๗ – ก.ย. ๖๘');
    expect(toArabicDigits('๙๖.๕๒')).toBe('96.52');
  });

  it('prints Buddhist-era dates in Bangkok time', () => {
    // 2024-04-25T18:00Z is already 26 April in Bangkok
    const d = new Date('2024-04-25T18:00:00Z');
    expect(formatDate(d, { digits: 'thai' })).toBe('๒๖ เมษายน ๒๕๖๗');
    expect(formatDate(d, { style: 'medium' })).toBe('26 เม.ย. 2567');
    expect(formatDate(d, { lang: 'en', style: 'medium' })).toBe('26 Apr 2567 BE');
  });

  it('prints English dates with English month names and the Buddhist-era year', () => {
    const d = new Date('2026-12-20T05:00:00Z');
    expect(formatDate(d, { lang: 'en' })).toBe('20 December 2569 BE');
    expect(formatDateTime(d, { lang: 'en' })).toBe('20 Dec 2569 BE, 12:00');
    expect(formatDateTime(d, { lang: 'th' })).toBe('20 ธ.ค. 2569 12:00');
  });

  it('keeps one formatter per language, digits and style: interleaved calls each get their own format', () => {
    const d = new Date('2024-04-25T18:00:00Z');
    for (let round = 0; round < 2; round++) {
      expect(formatDate(d, { lang: 'en', style: 'medium' })).toBe('26 Apr 2567 BE');
      expect(formatDate(d, { digits: 'thai' })).toBe('๒๖ เมษายน ๒๕๖๗');
      expect(formatDate(d)).toBe('26 เมษายน 2567');
      expect(formatDateTime(d, { digits: 'thai' })).toBe('๒๖ เม.ย. ๒๕๖๗ ๐๑:๐๐');
      expect(formatDate(d, { style: 'short' })).toBe('26/4/2567');
      expect(fiscalYearOf(d)).toBe(2567);
    }
  });

  it('formats numbers with Thai digits on request', () => {
    expect(formatNumber(96.52, { digits: 'thai' })).toBe('๙๖.๕๒');
    expect(formatNumber(1234.5, { fractionDigits: 2 })).toBe('1,234.50');
  });

  it('knows the fiscal year starts in October', () => {
    expect(fiscalYearOf(new Date('2024-09-30T12:00:00+07:00'))).toBe(2567);
    expect(fiscalYearOf(new Date('2024-09-30T17:30:00Z'))).toBe(2568); // 1 Oct 00:30 in Bangkok
  });
});
