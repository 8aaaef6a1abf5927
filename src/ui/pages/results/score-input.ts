import { readNumber } from '#shared/format/numbers.ts';
import { toArabicDigits } from '#shared/format/thai.ts';

export type ParsedScore =
  | { kind: 'empty' }
  | { kind: 'not_assessed' }
  | { kind: 'score'; value: number }
  | { kind: 'invalid' }
  | { kind: 'out_of_range'; value: number };

const NOT_ASSESSED = new Set(['-', '–', '—', 'n/a', 'na', 'ไม่ได้ประเมิน', 'ไม่ประเมิน']);

/**
 * A score typed in a form: Thai or Arabic digits, an optional %, a dash for "not assessed". The number
 * is read by the same reader as the result import (`readNumber`), so a score typed and a score imported
 * are read alike.
 */
export function parseScoreInput(raw: string): ParsedScore {
  const text = raw.trim().replace(/\s*%$/, '');
  if (text === '') return { kind: 'empty' };
  if (NOT_ASSESSED.has(toArabicDigits(text).toLowerCase())) return { kind: 'not_assessed' };
  const reading = readNumber(text);
  if (!reading.ok) return { kind: 'invalid' };
  if (reading.value < 0 || reading.value > 100) return { kind: 'out_of_range', value: reading.value };
  return { kind: 'score', value: reading.value };
}
