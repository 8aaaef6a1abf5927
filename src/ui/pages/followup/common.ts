import { formatDate } from '#shared/format/thai.ts';
import type { Progress, SlotState } from '#shared/progress/contract.ts';

/** Addresses of the follow-up pages, so that links and redirects agree. */
export const followupPaths = {
  round: (id: string) => `/rounds/${id}`,
  report: (id: string) => `/reports/${id}`,
};

export const SLOT_STATE_COLORS: Record<SlotState, string> = {
  pending: 'gray',
  draft: 'yellow',
  submitted: 'blue',
  returned: 'orange',
  accepted: 'green',
};

export const PROGRESS_COLORS: Record<Progress, string> = {
  not_started: 'gray',
  in_progress: 'yellow',
  done: 'green',
  cancelled: 'red',
};

/** A calendar date (yyyy-mm-dd) in the UI language, always Buddhist era ("12 มีนาคม 2568", "12 March 2568 BE"). */
export function beDate(isoDate: string, lang: 'th' | 'en'): string {
  return calendarDate(isoDate, lang);
}

/** A date (yyyy-mm-dd) in the UI language, in the Buddhist era in both languages. */
export function calendarDate(isoDate: string, lang: 'th' | 'en'): string {
  return formatDate(`${isoDate.slice(0, 10)}T12:00:00+07:00`, { lang });
}

/** Keeps status and percent consistent: not started 0, done 100, in progress 1–99. */
export function percentFor(progress: Progress, percent: number): number {
  if (progress === 'not_started') return 0;
  if (progress === 'done') return 100;
  if (progress === 'in_progress') return Math.min(99, Math.max(1, percent));
  return percent;
}

/** The status a percent implies (cancelled stays cancelled). */
export function progressFor(progress: Progress, percent: number): Progress {
  if (progress === 'cancelled') return progress;
  if (percent <= 0) return 'not_started';
  if (percent >= 100) return 'done';
  return 'in_progress';
}

/** A File's bytes as base64 (no data: prefix). */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** A round's label in the UI language: the English of a label the app made, else the label as typed. */
export function roundLabel(
  round: { labelTh: string; labelEn?: string | null | undefined },
  lang: 'th' | 'en',
) {
  return lang === 'en' && round.labelEn ? round.labelEn : round.labelTh;
}
