import { createMiddleware } from 'hono/factory';
import { formatIssuePath } from '#shared/http/validation-messages.ts';
import { AppError, detail } from './app-error.ts';
import type { AppEnv } from './context.ts';

/** A high surrogate not followed by a low one, or a low one not preceded by a high one (code units). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text PostgreSQL cannot store: a NUL character, or half of a UTF-16 surrogate pair (which has no
 * UTF-8 form). Either makes the database refuse the write, so they are refused at the door instead.
 */
export function badTextReason(value: string): 'nul' | 'surrogate' | null {
  if (value.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(value)) return 'surrogate';
  return null;
}

export type BadText = { path: (string | number)[]; reason: 'nul' | 'surrogate' };

/** The first string (object keys included) in a parsed JSON value that cannot be stored, or null. */
export function findBadText(value: unknown, path: (string | number)[] = []): BadText | null {
  if (typeof value === 'string') {
    const reason = badTextReason(value);
    return reason ? { path, reason } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findBadText(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const keyReason = badTextReason(key);
      if (keyReason) return { path: [...path, key], reason: keyReason };
      const found = findBadText(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/** Only an escaped `\u0000` or an escaped surrogate can put such text into JSON decoded from UTF-8. */
const SUSPECT_JSON = /\\u(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2})/;
const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');
/** A path that can be shown (and stored in a log): the bad characters become U+FFFD. */
const printable = (path: string) => path.replaceAll('\u0000', '\uFFFD').replace(LONE_SURROGATES, '\uFFFD');

export function invalidText(where: string, bad: BadText): AppError {
  const field = printable(where) || '(body)';
  const [th, en] =
    bad.reason === 'nul'
      ? ['มีอักขระ NUL (\\u0000) ซึ่งบันทึกไม่ได้', 'contains a NUL character (\\u0000), which cannot be stored']
      : [
          'มีอักขระ UTF-16 ที่ไม่ครบคู่ (surrogate เดี่ยว) ซึ่งบันทึกไม่ได้',
          'contains a lone UTF-16 surrogate, which cannot be stored',
        ];
  return new AppError(
    400,
    'invalid_text',
    `ข้อความในช่อง ${field} ${th} ไม่ได้บันทึกข้อมูลใด ๆ`,
    `The text at ${field} ${en}; nothing was saved`,
    [detail(field, th, en)],
  );
}

/**
 * One check for every route: a JSON body or query string carrying text that cannot be stored is
 * refused with 400 `invalid_text` naming the first bad field, before any route reads it.
 */
export const textGuard = createMiddleware<AppEnv>(async (c, next) => {
  const url = new URL(c.req.url);
  for (const [key, value] of url.searchParams) {
    const reason = badTextReason(key) ?? badTextReason(value);
    if (reason) throw invalidText(`query.${key}`, { path: [], reason });
  }
  const contentType = c.req.header('content-type')?.split(';')[0]?.trim() ?? '';
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && JSON_TYPE.test(contentType)) {
    // Cached by Hono: the route's validator reads the same text again without touching the stream.
    const text = await c.req.text();
    if (SUSPECT_JSON.test(text)) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined; // malformed JSON: the route's validator answers it
      }
      const bad = parsed === undefined ? null : findBadText(parsed);
      if (bad) throw invalidText(formatIssuePath(bad.path), bad);
    }
  }
  await next();
});
