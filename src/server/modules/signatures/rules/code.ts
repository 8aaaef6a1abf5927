/**
 * The verification code printed with an electronic signature: 10 characters of Crockford's base32
 * (0-9 and A-Z without I, L, O, U: nothing that reads as another character aloud or on paper), shown
 * as `XXXXX-XXXXX`; 50 random bits, so guessing one among even a million signatures is hopeless.
 * Stored without the hyphen.
 */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 10;

/** The code from 10 random values (each taken modulo 32: pass random bytes). */
export function codeFromRandom(random: Uint8Array): string {
  if (random.length < CODE_LENGTH) throw new Error(`a code needs ${CODE_LENGTH} random bytes`);
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[random[i]! & 31];
  return code;
}

/** `ABCDE-FGHJK` from the stored `ABCDEFGHJK`. */
export function formatCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

const THAI_DIGITS = '๐๑๒๓๔๕๖๗๘๙';

/**
 * A code as a person types or reads it, normalised to the stored form, or null when it cannot be one:
 * any case, spaces and hyphens anywhere (or none), Thai digits, and the letters Crockford's base32 reads
 * as digits (I and L as 1, O as 0). U and any other character make it malformed.
 */
export function parseCode(input: string): string | null {
  const cleaned = input
    .normalize('NFKC')
    .replace(/[\s\-‐‑‒–—_.]/g, '')
    .replace(/[๐-๙]/g, (d) => String(THAI_DIGITS.indexOf(d)))
    .toUpperCase()
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  if (cleaned.length !== CODE_LENGTH) return null;
  for (const ch of cleaned) if (!CODE_ALPHABET.includes(ch)) return null;
  return cleaned;
}
