/**
 * "ประจำปีงบประมาณ พ.ศ. 2568" in titles. A title states the fiscal year once: a plan's title usually
 * carries it already, and a round's label may too ("รอบ 6 เดือน … ปีงบประมาณ พ.ศ. 2568"), so a title made
 * of both would state it twice.
 */
import { toArabicDigits } from '#shared/format/thai.ts';

/** "ปีงบประมาณ 2568", "ประจำปีงบประมาณ พ.ศ.๒๕๖๘", with the space around it. */
const PHRASE = /\s*(?:ประจำ)?ปีงบประมาณ\s*(?:พ\.\s*ศ\.\s*)?([0-9๐-๙]{4})/g;

const yearOf = (match: RegExpMatchArray) => Number(toArabicDigits(match[1]!));

/** Whether the text names this fiscal year (in either digit system). */
export function statesFiscalYear(text: string, fiscalYear: number): boolean {
  return [...text.matchAll(PHRASE)].some((m) => yearOf(m) === fiscalYear);
}

/** The text without its mentions of this fiscal year (other years are kept), spaces tidied. */
export function withoutFiscalYear(text: string, fiscalYear: number): string {
  return text
    .replace(PHRASE, (phrase, year: string) => (Number(toArabicDigits(year)) === fiscalYear ? ' ' : phrase))
    .replace(/\(\s*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\s+([)\]])/g, '$1')
    .trim();
}

/** `ประจำปีงบประมาณ พ.ศ. 2568` */
export const fiscalYearPhrase = (fiscalYear: number) => `ประจำปีงบประมาณ พ.ศ. ${fiscalYear}`;
