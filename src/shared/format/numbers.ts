/**
 * The one reader of numbers and codes that people type or import, in Thai (๐–๙) or Arabic (0–9) digits.
 * The result import (scores), the plan's codes and every number input of the UI read through it.
 *
 * Rules (docs/decisions/014-buddhist-era-dates-and-thai-digits.md):
 * - Thai digits are read as the same Arabic digits; a number may mix the two (`๖0` is 60): a Thai
 *   keyboard gives either depending on the shift key, and once converted there is only one reading.
 * - Surrounding spaces are ignored; '.' is the decimal point; a comma is the decimal point only when it
 *   is the only separator and 1–2 digits follow it (`96,52` → 96.52), a thousands separator when it
 *   groups 3 digits (`1,000` → 1000), and anything else is refused.
 * - Anything else in the text (a letter, a second point, `6๐.5x`) makes it unreadable: refused, never
 *   guessed, never taken as 0.
 */
import { toArabicDigits } from './thai.ts';

export type NumberReading =
  | { ok: true; value: number }
  | { ok: false; reason: 'empty' }
  | { ok: false; reason: 'not_a_number'; text: string };

const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;
const DECIMAL_COMMA = /^[-+]?\d+,\d{1,2}$/;
const THOUSANDS = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** A number typed in Thai or Arabic digits (see the rules above). */
export function readNumber(raw: string): NumberReading {
  const shown = raw.trim();
  if (shown === '') return { ok: false, reason: 'empty' };
  let text = toArabicDigits(shown);
  const commas = (text.match(/,/g) ?? []).length;
  if (commas > 0) {
    if (commas === 1 && !text.includes('.') && DECIMAL_COMMA.test(text)) text = text.replace(',', '.');
    else if (THOUSANDS.test(text)) text = text.replace(/,/g, '');
    else return { ok: false, reason: 'not_a_number', text: shown };
  }
  if (!DECIMAL.test(text)) return { ok: false, reason: 'not_a_number', text: shown };
  const value = Number(text);
  if (!Number.isFinite(value)) return { ok: false, reason: 'not_a_number', text: shown };
  return { ok: true, value: value === 0 ? 0 : value };
}

/** A whole number typed in Thai or Arabic digits; a fraction is refused like any unreadable text. */
export function readInteger(raw: string): NumberReading {
  const reading = readNumber(raw);
  if (reading.ok && !Number.isInteger(reading.value)) {
    return { ok: false, reason: 'not_a_number', text: raw.trim() };
  }
  return reading;
}

/**
 * A question or indicator code as typed (`i๓`, ` O14 `): Thai digits made Arabic, spaces around removed.
 * Letters keep their case (the edition's codes are compared as written).
 */
export function normalizeCode(raw: string): string {
  return toArabicDigits(raw).trim();
}
