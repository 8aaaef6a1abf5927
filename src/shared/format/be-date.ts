/**
 * Buddhist-era dates as people type and read them. Values are ISO calendar dates (`yyyy-mm-dd`, CE), the
 * form every API and form field uses; what a person types and reads is the Buddhist era (พ.ศ. = CE + 543).
 *
 * Reading rules (docs/decisions/014-buddhist-era-dates-and-thai-digits.md):
 * - day, month, year in that order: `5/12/2569`, `5-12-2569`, `5.12.2569`, `5 12 2569`, `5 ธ.ค. 2569`,
 *   `5 ธันวาคม 2569`, `5 December 2569`, `Dec 5, 2569`, `2569-12-05`; Thai digits anywhere (`๕/๑๒/๒๕๖๙`);
 *   `วันที่`, `พ.ศ.`, `BE` / `B.E.` around the date are ignored;
 * - a 4-digit year of 2400 or more is a Buddhist-era year (2569 → 2026 CE); a 2-digit year is short for
 *   25xx (`5/12/69` → 2569), as Thai papers write it;
 * - a year that can only be Christian-era (1900–2399, or one marked ค.ศ. / CE / AD) is refused with the
 *   Buddhist-era year it would be, never turned into another date (typing 2026 never gives 3112 or 1483);
 * - a day the month does not have (29 February 2568, 31 April) is refused.
 */
import { formatDate, toArabicDigits } from './thai.ts';

export const BE_OFFSET = 543;

export const THAI_MONTHS = [
  'มกราคม',
  'กุมภาพันธ์',
  'มีนาคม',
  'เมษายน',
  'พฤษภาคม',
  'มิถุนายน',
  'กรกฎาคม',
  'สิงหาคม',
  'กันยายน',
  'ตุลาคม',
  'พฤศจิกายน',
  'ธันวาคม',
] as const;

export const THAI_MONTHS_SHORT = [
  'ม.ค.',
  'ก.พ.',
  'มี.ค.',
  'เม.ย.',
  'พ.ค.',
  'มิ.ย.',
  'ก.ค.',
  'ส.ค.',
  'ก.ย.',
  'ต.ค.',
  'พ.ย.',
  'ธ.ค.',
] as const;

export const ENGLISH_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** Month names (full and short, Thai and English) without dots and spaces, lower-case → 1–12. */
const MONTH_BY_NAME: ReadonlyMap<string, number> = (() => {
  const map = new Map<string, number>();
  const key = (name: string) => name.toLowerCase().replace(/[.\s]/g, '');
  for (let i = 0; i < 12; i++) {
    map.set(key(THAI_MONTHS[i]!), i + 1);
    map.set(key(THAI_MONTHS_SHORT[i]!), i + 1);
    map.set(key(ENGLISH_MONTHS[i]!), i + 1);
    map.set(key(ENGLISH_MONTHS[i]!.slice(0, 3)), i + 1);
  }
  map.set('sept', 9);
  return map;
})();

export type BeDateProblem =
  /** Not a date in any form we read. */
  | { kind: 'unreadable' }
  /** A Christian-era year (or one marked CE); `beYear` is what it would be in the Buddhist era. */
  | { kind: 'ce_year'; year: number; beYear: number }
  /** The month has no such day in that year (29 February 2568). */
  | { kind: 'no_such_day'; day: number; month: number; beYear: number }
  | { kind: 'before_min'; min: string }
  | { kind: 'after_max'; max: string };

export type BeDateReading =
  | { kind: 'empty' }
  | { kind: 'date'; iso: string }
  | { kind: 'problem'; problem: BeDateProblem };

export type DateBounds = { min?: string | undefined; max?: string | undefined };

const ERA_BE = /(^|\s)(พ\.?\s*ศ\.?|b\.?\s*e\.?)(?=\s|$|\d)/giu;
const ERA_CE = /(^|\s)(ค\.?\s*ศ\.?|c\.?\s*e\.?|a\.?\s*d\.?)(?=\s|$|\d)/giu;

/** Days in a month of a CE year (leap years by the Gregorian rule, which the BE calendar shares). */
export function daysInMonth(ceYear: number, month: number): number {
  return new Date(Date.UTC(ceYear, month, 0)).getUTCDate();
}

/** An ISO date from a Buddhist-era year, month and day; null when the month has no such day. */
export function isoFromBe(beYear: number, month: number, day: number): string | null {
  const ceYear = beYear - BE_OFFSET;
  if (!Number.isInteger(ceYear) || ceYear < 1 || ceYear > 9999) return null;
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(ceYear, month)) return null;
  return `${String(ceYear).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The Buddhist-era year of an ISO date: 2026-12-05 → 2569. */
export function beYearOf(iso: string): number {
  return Number(iso.slice(0, 4)) + BE_OFFSET;
}

/** Reads a typed year: 4 digits ≥ 2400 is BE, 2 digits is 25xx, a CE-looking year is a problem. */
function readYear(text: string, markedCe: boolean): { beYear: number } | { problem: BeDateProblem } {
  const year = Number(text);
  if (text.length === 2) {
    if (markedCe) return { problem: { kind: 'ce_year', year: 2000 + year, beYear: 2000 + year + BE_OFFSET } };
    return { beYear: 2500 + year };
  }
  if (text.length !== 4) return { problem: { kind: 'unreadable' } };
  if (markedCe || (year >= 1900 && year < 2400)) {
    return { problem: { kind: 'ce_year', year, beYear: year + BE_OFFSET } };
  }
  if (year < 2400) return { problem: { kind: 'unreadable' } };
  return { beYear: year };
}

type Parts = { day: number; month: number; year: string };

function splitParts(text: string): Parts | null {
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (m) return { year: m[1]!, month: Number(m[2]), day: Number(m[3]) };
  m = /^(\d{1,2})\s*[-/.\s]\s*(\d{1,2})\s*[-/.\s]\s*(\d{2}|\d{4})$/.exec(text);
  if (m) return { day: Number(m[1]), month: Number(m[2]), year: m[3]! };
  // 5 ธ.ค. 2569 · 5 ธันวาคม 2569 · 5-dec-2569 · 5 December 2569
  m = /^(\d{1,2})\s*[-/\s]?\s*([^\d\s/-][^\d/-]*?)\s*[-/\s]?\s*(\d{2}|\d{4})$/u.exec(text);
  if (m) {
    const month = MONTH_BY_NAME.get(m[2]!.replace(/[.,\s]/g, ''));
    return month ? { day: Number(m[1]), month, year: m[3]! } : null;
  }
  // Dec 5, 2569 · December 5 2569
  m = /^([a-z][a-z.]*)\s*(\d{1,2}),?\s*(\d{2}|\d{4})$/.exec(text);
  if (m) {
    const month = MONTH_BY_NAME.get(m[1]!.replace(/\./g, ''));
    return month ? { day: Number(m[2]), month, year: m[3]! } : null;
  }
  return null;
}

/**
 * Reads a date typed by a person (see the rules above), checked against the field's bounds (ISO dates,
 * inclusive). Blank text is `empty`, which the field decides about (required or not).
 */
export function parseBeDate(raw: string, bounds: DateBounds = {}): BeDateReading {
  let text = toArabicDigits(raw).normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  if (text === '') return { kind: 'empty' };
  text = text.replace(/^วันที่\s*/u, '').replace(/^ที่\s*/u, '');
  const markedCe = ERA_CE.test(text);
  ERA_CE.lastIndex = 0;
  text = text.replace(ERA_CE, '$1').replace(ERA_BE, '$1').replace(/\s+/g, ' ').trim();
  const parts = splitParts(text);
  if (!parts) return { kind: 'problem', problem: { kind: 'unreadable' } };
  if (parts.month < 1 || parts.month > 12 || parts.day < 1 || parts.day > 31) {
    return { kind: 'problem', problem: { kind: 'unreadable' } };
  }
  const year = readYear(parts.year, markedCe);
  if ('problem' in year) return { kind: 'problem', problem: year.problem };
  const iso = isoFromBe(year.beYear, parts.month, parts.day);
  if (!iso) {
    return {
      kind: 'problem',
      problem: { kind: 'no_such_day', day: parts.day, month: parts.month, beYear: year.beYear },
    };
  }
  const outside = outsideBounds(iso, bounds);
  return outside ? { kind: 'problem', problem: outside } : { kind: 'date', iso };
}

/** Whether an ISO date is before `min` or after `max` (both inclusive bounds, ISO). */
export function outsideBounds(iso: string, bounds: DateBounds): BeDateProblem | null {
  if (bounds.min && iso < bounds.min) return { kind: 'before_min', min: bounds.min };
  if (bounds.max && iso > bounds.max) return { kind: 'after_max', max: bounds.max };
  return null;
}

/** Is this a real calendar date in ISO form (`2024-02-29` yes, `2025-02-29` no)? */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * An ISO calendar date for a person, in the UI language, always in the Buddhist era:
 * `5 ธันวาคม 2569` · `5 December 2569 BE` (long) · `5 ธ.ค. 2569` · `5 Dec 2569 BE` (medium).
 */
export function formatBeDate(iso: string, lang: 'th' | 'en', style: 'long' | 'medium' = 'long'): string {
  return formatDate(`${iso.slice(0, 10)}T12:00:00+07:00`, { lang, style });
}

/** Month and BE year for a calendar header: `ธันวาคม 2569` · `December 2569 BE`. */
export function formatBeMonth(iso: string, lang: 'th' | 'en'): string {
  const month = Number(iso.slice(5, 7)) - 1;
  const year = beYearOf(iso);
  return lang === 'th' ? `${THAI_MONTHS[month]} ${year}` : `${ENGLISH_MONTHS[month]} ${year} BE`;
}

/** A BE year for a calendar's year view: `พ.ศ. 2569` · `2569 BE`. */
export function formatBeYear(iso: string, lang: 'th' | 'en'): string {
  const year = beYearOf(iso);
  return lang === 'th' ? `พ.ศ. ${year}` : `${year} BE`;
}

/** A short month name for a calendar's month grid: `ธ.ค.` · `Dec`. */
export function formatShortMonth(iso: string, lang: 'th' | 'en'): string {
  const month = Number(iso.slice(5, 7)) - 1;
  return lang === 'th' ? THAI_MONTHS_SHORT[month]! : ENGLISH_MONTHS[month]!.slice(0, 3);
}
