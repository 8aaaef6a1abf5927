import { createHash, randomInt } from 'node:crypto';

/** A link code is six digits, valid ten minutes; only its hash (bound to the channel) is stored. */
export const LINK_CODE_DIGITS = 6;
export const LINK_CODE_TTL_MS = 10 * 60 * 1000;

/** Six random digits from the CSPRNG, leading zeros kept (000123 is a code). */
export function newLinkCode(random: (max: number) => number = randomInt): string {
  return String(random(10 ** LINK_CODE_DIGITS)).padStart(LINK_CODE_DIGITS, '0');
}

/** SHA-256 of `<channel id>:<code>`: a code written for one LINE account does not match in another. */
export function linkCodeHash(channelId: string, code: string): string {
  return createHash('sha256').update(`${channelId}:${code}`).digest('hex');
}

const THAI_DIGITS = '๐๑๒๓๔๕๖๗๘๙';

/**
 * The code a chat message carries, or null when the message is not one: six digits, Thai or Arabic,
 * spaces or dashes between them allowed ("123 456", "๑๒๓-๔๕๖"), nothing else in the message.
 */
export function codeInMessage(text: string): string | null {
  const arabic = text.replace(/[๐-๙]/g, (d) => String(THAI_DIGITS.indexOf(d)));
  const compact = arabic.replace(/[\s\-–]/g, '');
  return new RegExp(`^\\d{${LINK_CODE_DIGITS}}$`).test(compact) ? compact : null;
}

/** The code as shown to the person: "123 456". */
export const displayCode = (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`;
