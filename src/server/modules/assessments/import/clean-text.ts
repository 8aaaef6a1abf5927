import { toArabicDigits } from '#shared/format/thai.ts';

/** Zero-width space, non-joiner, joiner, word joiner, soft hyphen and a stray BOM. */
const INVISIBLE = /\u200B|\u200C|\u200D|\u2060|\u00AD|\uFEFF/g;
/** No-break spaces (NBSP, narrow NBSP, figure space) and other Unicode spaces → a plain space. */
const ODD_SPACES = /[\u00A0\u202F\u2007\u2000-\u200A\u3000]/g;
/** Text that NFC, the removals and the space rules leave as it is. */
const PLAIN = /^[\x21-\x7e]*$/;

/**
 * The text as a person sees it: NFC, without zero-width characters, every space a plain space, runs
 * of spaces collapsed, trimmed. NFC and not NFKC: NFKC would split the Thai vowel ำ (U+0E33) into
 * two characters and Thai names would no longer match.
 */
export function cleanText(raw: string): string {
  // Printable ASCII without a space (a code, a score): already clean. A national file has ~900k such cells.
  if (PLAIN.test(raw)) return raw;
  return raw.normalize('NFC').replace(INVISIBLE, '').replace(ODD_SPACES, ' ').replace(/\s+/g, ' ').trim();
}

/** `cleanText`, Thai digits as Arabic, lower case, without any space: the form codes are compared in. */
export function compactText(raw: string): string {
  return toArabicDigits(cleanText(raw)).toLowerCase().replace(/\s+/g, '');
}

/** A spreadsheet cell as clean text; numbers as JavaScript prints them; blanks as ''. */
export function cellText(raw: unknown): string {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'number') return Number.isFinite(raw) ? String(raw) : '';
  if (typeof raw === 'string') return cleanText(raw);
  if (typeof raw === 'boolean') return raw ? 'TRUE' : 'FALSE';
  return cleanText(String(raw));
}

/** Spreadsheet column letters for a 0-based column index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
