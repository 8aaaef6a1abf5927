import { formatDate } from '#shared/format/thai.ts';
import type { Block, Inline } from '../model.ts';

/** Facts every document states about where it comes from. */
export type DocumentHeader = {
  organizationNameTh: string;
  fiscalYear: number;
  /** The document's date: chosen in the options, else the day it is generated (ISO). */
  date: string;
};

/** Prose typed by users: one paragraph per blank-line-separated block, first line indented. */
export function prose(text: string): Block[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => ({ kind: 'paragraph', text: p, indent: true, align: 'justify' }) as const);
}

/** `26 เมษายน 2567` (Arabic digits: the renderer turns them into Thai ones when chosen). */
export const longDate = (iso: string) => formatDate(iso, { digits: 'arabic', style: 'long' });

export const score = (value: number | null) => (value === null ? 'ไม่ได้ประเมิน' : value.toFixed(2));

export const heading = (level: 1 | 2 | 3, text: Inline, align?: 'center'): Block =>
  align ? { kind: 'heading', level, text, align } : { kind: 'heading', level, text };

/** The organisation's name under a title, unless the title already names it (said once, not twice). */
export const organizationHeading = (title: string, organizationNameTh: string): Block[] =>
  title.includes(organizationNameTh) ? [] : [heading(2, organizationNameTh, 'center')];

/** Lines of a cell from text that may hold several lines. */
export const linesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
