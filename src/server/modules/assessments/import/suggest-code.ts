import type { Edition, InstrumentCode } from '#shared/catalogue/edition.schema.ts';
import { displayCodeOf, instrumentOfCode, openInstruments } from '#shared/catalogue/supplied-questions.ts';
import { cleanText, compactText } from './clean-text.ts';
import type { CodeProblem } from './normalize-code.ts';

/** Where a damaged code was found: the instrument of the codes around it, and how far patterns go. */
export type SuggestContext = {
  /** The instrument of the neighbouring codes (rows above/below, columns left/right); any when absent. */
  instrument?: InstrumentCode | null | undefined;
  /**
   * For instruments whose question list is unknown (codes accepted by pattern): the highest question
   * number worth suggesting, e.g. the largest number that instrument had in any known edition.
   */
  patternLimit?: Partial<Record<InstrumentCode, number>> | undefined;
};

/** Highest question number suggested for an instrument without a list when no limit is given. */
const DEFAULT_PATTERN_LIMIT = 40;
const PREFIX = /^(?:ข้อคำถามที่|ข้อคำถาม|ข้อที่|ข้อ|question|item)?/;

/**
 * The codes a code damaged by OCR or by a lost letter most likely was, as NACC prints them: digits
 * only, where the `i` was read as ๑/1 (`๑๑๙` → i19) or the letter was lost (`๒๘` → O28). Only
 * codes that exist in the edition, or that fit the pattern of an instrument whose list is unknown,
 * and only in the instrument of the context when one is given. Empty when nothing is likely.
 */
export function suggestCodes(raw: string, edition: Edition, context: SuggestContext = {}): string[] {
  const digits = compactText(raw).replace(PREFIX, '');
  if (!/^[0-9]{2,4}$/.test(digits)) return [];
  const candidates: string[] = [];
  // `i` read as the digit one: ๑๑๙ → i19 (the rest must be a number without a leading zero).
  if (digits.startsWith('1') && /^[1-9]/.test(digits.slice(1))) candidates.push(`i${digits.slice(1)}`);
  // The letter lost altogether: ๒๘ → i28, e28, o28.
  if (/^[1-9]/.test(digits)) for (const letter of ['i', 'e', 'o']) candidates.push(`${letter}${digits}`);
  const known = new Set(edition.questions.map((q) => q.code));
  const open = openInstruments(edition);
  const fitsPattern = (code: string, instrument: InstrumentCode) =>
    open.has(instrument) &&
    Number(code.slice(1)) <= (context.patternLimit?.[instrument] ?? DEFAULT_PATTERN_LIMIT);
  const out: string[] = [];
  for (const code of candidates) {
    const instrument = instrumentOfCode(code)!;
    if (context.instrument && instrument !== context.instrument) continue;
    if (!known.has(code) && !fitsPattern(code, instrument)) continue;
    if (!out.includes(code)) out.push(code);
  }
  return out.map(displayCodeOf);
}

/** "i19" / "i28 หรือ O28" / "i28 or O28". */
function alternatives(codes: string[], or: string): string {
  return codes.length <= 1 ? (codes[0] ?? '') : `${codes.slice(0, -1).join(', ')} ${or} ${codes.at(-1)}`;
}

/**
 * A refused code with its likely meaning: "รหัส ๑๑๙ ไม่มีในกรอบการประเมินปี 2569 หมายถึง i19 หรือไม่"
 * / "code ๑๑๙ does not exist in the 2569 edition; did you mean i19?". The problem as given when
 * nothing is likely.
 */
export function withSuggestion(
  problem: CodeProblem,
  raw: string,
  edition: Edition,
  context: SuggestContext = {},
): CodeProblem {
  const codes = suggestCodes(raw, edition, context);
  if (codes.length === 0) return problem;
  const shown = cleanText(raw);
  const year = edition.fiscal_year;
  return {
    ok: false,
    message_th: `รหัส ${shown} ไม่มีในกรอบการประเมินปี ${year} หมายถึง ${alternatives(codes, 'หรือ')} หรือไม่`,
    message_en: `code ${shown} does not exist in the ${year} edition; did you mean ${alternatives(codes, 'or')}?`,
  };
}
