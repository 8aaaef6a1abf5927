import { ENGLISH_MONTHS, THAI_MONTHS_SHORT } from '../format/be-date.ts';
import { toThaiDigits } from '../format/thai.ts';
import type { BeMonth } from './contract.ts';

export function parseMonth(m: BeMonth): { year: number; month: number } {
  const [y, mm] = m.split('-');
  return { year: Number(y), month: Number(mm) };
}

export function formatBeMonth(year: number, month: number): BeMonth {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** Months since an epoch, for ordering and arithmetic. */
export const monthIndex = (m: BeMonth) => {
  const { year, month } = parseMonth(m);
  return year * 12 + (month - 1);
};

/** A fiscal year runs from October of the year before to September: FY 2568 = 2567-10 … 2568-09. */
export function fiscalYearRange(fiscalYear: number): { start: BeMonth; end: BeMonth } {
  return { start: formatBeMonth(fiscalYear - 1, 10), end: formatBeMonth(fiscalYear, 9) };
}

export function shiftMonth(m: BeMonth, years: number): BeMonth {
  const { year, month } = parseMonth(m);
  return formatBeMonth(year + years, month);
}

/** `ต.ค. ๖๗` (Thai, Thai digits), `ต.ค. 67`, or `Oct 2567 BE` in English (BE in both languages). */
export function formatMonth(
  m: BeMonth,
  opts: { lang?: 'th' | 'en'; digits?: 'thai' | 'arabic' } = {},
): string {
  const { year, month } = parseMonth(m);
  if (opts.lang === 'en') return `${ENGLISH_MONTHS[month - 1]!.slice(0, 3)} ${year} BE`;
  const text = `${THAI_MONTHS_SHORT[month - 1]} ${String(year).slice(2)}`;
  return opts.digits === 'thai' ? toThaiDigits(text) : text;
}

/** `ต.ค. ๖๗ – ก.ย. ๖๘` · `Oct 2567 – Sep 2568 BE`; a single month is written once (`พ.ย. ๖๔`). */
export function formatTimeframe(
  t: { start: BeMonth; end: BeMonth },
  opts: { lang?: 'th' | 'en'; digits?: 'thai' | 'arabic' } = {},
): string {
  if (t.start === t.end) return formatMonth(t.start, opts);
  if (opts.lang === 'en')
    return `${formatMonth(t.start, opts).replace(/ BE$/, '')} – ${formatMonth(t.end, opts)}`;
  return `${formatMonth(t.start, opts)} – ${formatMonth(t.end, opts)}`;
}
