/**
 * The bounds of the dates people enter, shared by the UI's date fields (minDate/maxDate) and the server's
 * schemas and services, so both refuse the same dates with the same words. All dates are ISO calendar
 * dates (`yyyy-mm-dd`), today is today in Bangkok. A fiscal year (ปีงบประมาณ) runs from 1 October of the
 * year before to 30 September: FY 2569 is 2025-10-01 … 2026-09-30.
 */
import { z } from 'zod';
import type { ErrorDetail } from '../http/api-error.ts';
import { BE_OFFSET, type DateBounds, formatBeDate, isIsoDate } from './be-date.ts';
import { BANGKOK } from './thai.ts';

/** 1 January 2500 BE: no date a person enters here is older (the documents' own lower bound). */
export const EARLIEST_DATE = '1957-01-01';

/** Today's calendar date in Bangkok. */
export function bangkokToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: BANGKOK,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** 1 October before the fiscal year (BE): FY 2569 → 2025-10-01. */
export function fiscalYearStart(fiscalYear: number): string {
  return `${fiscalYear - BE_OFFSET - 1}-10-01`;
}

/** 30 September of the fiscal year (BE): FY 2569 → 2026-09-30. */
export function fiscalYearEnd(fiscalYear: number): string {
  return `${fiscalYear - BE_OFFSET}-09-30`;
}

/** The same day `years` years later (29 February → 28 February in a common year). */
export function addYears(iso: string, years: number): string {
  const year = Number(iso.slice(0, 4)) + years;
  const md = iso.slice(5);
  const leap = new Date(Date.UTC(year, 1, 29)).getUTCMonth() === 1;
  return `${String(year).padStart(4, '0')}-${md === '02-29' && !leap ? '02-28' : md}`;
}

/** The latest date anyone enters: 31 December of the year after next (a planned activity's end). */
export function latestDate(now: Date = new Date()): string {
  return `${Number(bangkokToday(now).slice(0, 4)) + 2}-12-31`;
}

/**
 * A plan's approval (the memo's date): not in the future, and not before the fiscal year before the
 * plan's (a plan may be approved ahead of its year, not two years ahead).
 */
export function approvalDateBounds(fiscalYear: number, now: Date = new Date()): Required<DateBounds> {
  return { min: addYears(fiscalYearStart(fiscalYear), -1), max: bangkokToday(now) };
}

/** A follow-up round's due date: within the plan's fiscal year or the next (rounds of 12 months end late). */
export function dueDateBounds(fiscalYear: number): Required<DateBounds> {
  return { min: fiscalYearStart(fiscalYear), max: fiscalYearEnd(fiscalYear + 1) };
}

/** A reported activity's start or end: from a year before the plan's fiscal year to the end of the next. */
export function activityDateBounds(fiscalYear: number): Required<DateBounds> {
  return { min: addYears(fiscalYearStart(fiscalYear), -1), max: fiscalYearEnd(fiscalYear + 1) };
}

/** A paper referred to (an order, a memo) was issued already: from 2500 BE to today. */
export function paperDateBounds(now: Date = new Date()): Required<DateBounds> {
  return { min: EARLIEST_DATE, max: bangkokToday(now) };
}

/**
 * The message for a date outside its bounds, naming the field and the bounds in the Buddhist era:
 * `วันครบกำหนดส่ง 31 ธันวาคม 9999 ต้องอยู่ระหว่าง 1 ตุลาคม 2568 ถึง 30 กันยายน 2570`.
 */
export function outOfBoundsMessage(
  iso: string,
  bounds: DateBounds,
  field: { th: string; en: string },
): { th: string; en: string } | null {
  if (!isIsoDate(iso)) {
    return { th: `${field.th}: "${iso}" ไม่ใช่วันที่`, en: `${field.en}: "${iso}" is not a date` };
  }
  const before = bounds.min !== undefined && iso < bounds.min;
  const after = bounds.max !== undefined && iso > bounds.max;
  if (!before && !after) return null;
  const shown = { th: formatBeDate(iso, 'th'), en: formatBeDate(iso, 'en') };
  if (bounds.min && bounds.max) {
    return {
      th: `${field.th} ${shown.th} ต้องอยู่ระหว่าง ${formatBeDate(bounds.min, 'th')} ถึง ${formatBeDate(bounds.max, 'th')}`,
      en: `${field.en} ${shown.en} must be between ${formatBeDate(bounds.min, 'en')} and ${formatBeDate(bounds.max, 'en')}`,
    };
  }
  if (before && bounds.min) {
    return {
      th: `${field.th} ${shown.th} ต้องไม่ก่อน ${formatBeDate(bounds.min, 'th')}`,
      en: `${field.en} ${shown.en} cannot be before ${formatBeDate(bounds.min, 'en')}`,
    };
  }
  return {
    th: `${field.th} ${shown.th} ต้องไม่หลัง ${formatBeDate(bounds.max ?? iso, 'th')}`,
    en: `${field.en} ${shown.en} cannot be after ${formatBeDate(bounds.max ?? iso, 'en')}`,
  };
}

/**
 * A date a person entered, as the API takes it: a real ISO calendar date from 1 January 2500 BE to the
 * end of the year after next (no 9999-12-31), refused otherwise with a Thai and an English message.
 * `notAfterToday` also refuses a date in the future (Bangkok time): an approval, a paper's date.
 */
export function enteredDate(field: { th: string; en: string }, options: { notAfterToday?: boolean } = {}) {
  return z.iso.date().superRefine((value, ctx) => {
    const max = options.notAfterToday ? bangkokToday() : latestDate();
    const message = outOfBoundsMessage(value, { min: EARLIEST_DATE, max }, field);
    if (!message) return;
    // A Buddhist-era year in an ISO date (2569-12-05) is the likely mistake: say which era is wanted.
    const year = Number(value.slice(0, 4));
    const era =
      year >= 2400
        ? {
            th: ` (ปีในวันที่แบบ ISO เป็นคริสต์ศักราช: ${year} → ${year - BE_OFFSET})`,
            en: ` (the year of an ISO date is Christian-era: ${year} → ${year - BE_OFFSET})`,
          }
        : { th: '', en: '' };
    ctx.addIssue({ code: 'custom', message: message.en + era.en, params: { th: message.th + era.th } });
  });
}

/** The dates people enter, named as their forms name them (the server's messages say which field). */
export const DATE_FIELDS = {
  memoDate: { th: 'วันที่ของบันทึกข้อความที่อนุมัติแผน', en: 'The approving memo’s date' },
  dueDate: { th: 'วันครบกำหนดส่ง', en: 'The due date' },
  periodStart: { th: 'วันเริ่มช่วงผลงาน', en: 'The period’s start' },
  periodEnd: { th: 'วันสิ้นสุดช่วงผลงาน', en: 'The period’s end' },
  activityStart: { th: 'วันที่เริ่มกิจกรรม', en: 'The activity’s start' },
  activityEnd: { th: 'วันที่สิ้นสุดกิจกรรม', en: 'The activity’s end' },
  paperDate: { th: 'วันที่ของหนังสืออ้างอิง', en: 'The paper’s date' },
} as const;

export type DateCheck = {
  path: string;
  value: string | null | undefined;
  bounds: DateBounds;
  field: { th: string; en: string };
};

/** Each given date outside its bounds, as an API error detail (path, Thai and English message). */
export function datesOutsideBounds(checks: readonly DateCheck[]): ErrorDetail[] {
  return checks.flatMap(({ path, value, bounds, field }) => {
    const message = value ? outOfBoundsMessage(value, bounds, field) : null;
    return message ? [{ path, message_th: message.th, message_en: message.en }] : [];
  });
}
