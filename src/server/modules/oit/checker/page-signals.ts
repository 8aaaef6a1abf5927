import zlib from 'node:zlib';
import { toThaiDigits } from '#shared/format/thai.ts';

/**
 * What a page says, read from its first bytes: whether it is a login form and whether it names the
 * fiscal year. Pure functions of the bytes and headers, tested without a network.
 */

export function mediaTypeOf(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

const isHtml = (media: string) => media === 'text/html' || media === 'application/xhtml+xml';
const isText = (media: string) =>
  media.startsWith('text/') || media === 'application/json' || media === 'application/xml';
const isPdf = (media: string, bytes: Uint8Array) =>
  media === 'application/pdf' || Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';

/** The charset named by the header, else by a <meta> in the first 4 KB, else UTF-8. */
export function charsetOf(contentType: string | null, bytes: Uint8Array): string {
  const fromHeader = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  if (fromHeader) return fromHeader.toLowerCase();
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const fromMeta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
  return (fromMeta ?? 'utf-8').toLowerCase();
}

/** The bytes as text; Thai pages still served as TIS-620 / windows-874 decode as such. */
export function decodeText(bytes: Uint8Array, charset: string): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** The visible text of an HTML page, roughly: no scripts, styles, comments, tags; entities decoded. */
export function htmlText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => safeCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => safeCodePoint(Number(dec)))
    .replace(/&nbsp;/gi, ' ')
    .replace(/&amp;/gi, '&');
}

const safeCodePoint = (n: number) => (n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : ' ');

/** An <input type=password> anywhere in the markup: the page asks for a sign-in. */
export function hasPasswordField(html: string): boolean {
  return /<input\b[^>]*\btype\s*=\s*["']?password\b/i.test(html);
}

/** Addresses that name a sign-in page (…/login, /signin, wp-login.php, /sso/, /auth/…). */
export function looksLikeLoginUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return /(^|[/_.-])(log-?in|sign-?in|signon|wp-login|sso|cas|auth(enticate)?)([/_.?-]|$)/i.test(
      `${u.pathname}${u.search}`,
    );
  } catch {
    return false;
  }
}

/** The BE year as a whole number in Arabic or Thai digits (not inside a longer number). */
export function textMentionsYear(text: string, fiscalYear: number): boolean {
  const arabic = String(fiscalYear);
  const thai = toThaiDigits(arabic);
  return (
    new RegExp(`(?<![0-9])${arabic}(?![0-9])`).test(text) ||
    new RegExp(`(?<![๐-๙])${thai}(?![๐-๙])`).test(text)
  );
}

/**
 * A cheap look into a PDF: its raw bytes and its deflated streams, searched for the year as ASCII
 * digits, UTF-8 or UTF-16BE Thai digits. Thai text is usually drawn with font glyph ids, so not
 * finding the year proves nothing: the answer is then null ("could not tell"), never false.
 */
export function pdfMentionsYear(bytes: Uint8Array, fiscalYear: number): true | null {
  const buffer = Buffer.from(bytes);
  const needles = [
    Buffer.from(String(fiscalYear), 'latin1'),
    Buffer.from(toThaiDigits(fiscalYear), 'utf8'),
    Buffer.from(toThaiDigits(fiscalYear), 'utf16le').swap16(),
  ];
  const found = (b: Buffer) => needles.some((n) => b.includes(n));
  if (found(buffer)) return true;
  let budget = 8 * 1024 * 1024; // inflate at most this much in total
  let at = 0;
  while (budget > 0) {
    const start = buffer.indexOf('stream', at, 'latin1');
    if (start < 0) break;
    let from = start + 6;
    if (buffer[from] === 0x0d) from++;
    if (buffer[from] === 0x0a) from++;
    const end = buffer.indexOf('endstream', from, 'latin1');
    if (end < 0) break;
    at = end + 9;
    try {
      const out = zlib.inflateSync(buffer.subarray(from, end), { maxOutputLength: budget });
      budget -= out.length;
      if (found(out)) return true;
    } catch {
      // Not deflated, cut at the size limit, or over the budget: skip it.
    }
  }
  return null;
}

export type PageSignals = { passwordField: boolean; mentionsFiscalYear: boolean | null };

/** Reads the first bytes of an answer: a password field (HTML only) and the fiscal year. */
export function readPage(
  bytes: Uint8Array,
  contentType: string | null,
  fiscalYear: number | null,
): PageSignals {
  const media = mediaTypeOf(contentType);
  if (isPdf(media, bytes)) {
    return {
      passwordField: false,
      mentionsFiscalYear: fiscalYear === null ? null : pdfMentionsYear(bytes, fiscalYear),
    };
  }
  const sniffedHtml =
    media === '' && /<html|<!doctype html/i.test(Buffer.from(bytes.subarray(0, 1024)).toString('latin1'));
  if (isHtml(media) || sniffedHtml) {
    const html = decodeText(bytes, charsetOf(contentType, bytes));
    return {
      passwordField: hasPasswordField(html),
      mentionsFiscalYear: fiscalYear === null ? null : textMentionsYear(htmlText(html), fiscalYear),
    };
  }
  if (isText(media)) {
    const text = decodeText(bytes, charsetOf(contentType, bytes));
    return {
      passwordField: false,
      mentionsFiscalYear: fiscalYear === null ? null : textMentionsYear(text, fiscalYear),
    };
  }
  return { passwordField: false, mentionsFiscalYear: null };
}
