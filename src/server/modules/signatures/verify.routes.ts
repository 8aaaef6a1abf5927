import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Db } from '../../db/client.ts';
import type { AppEnv } from '../../http/context.ts';
import type { Lang } from '../../public/i18n.ts';
import { verifyCode, verifyFile } from './verify.service.ts';
import { type PageAnswer, statusOf, verifyPage } from './verify-page.ts';

/**
 * The public verification page at /verify (decision 024): no sign-in, no session, nothing written.
 * GET /verify (the forms; ?code=… answers a code), GET /verify/<code>, POST /verify (a file, hashed in
 * memory and dropped). Mounted before the global secureHeaders in app.ts, as the /p pages are: it sets
 * its own headers (the forms post to this origin only).
 */

/** A generated document is a few MB at most; anything larger is not one of ours and is not read whole. */
export const VERIFY_MAX_BYTES = 20 * 1024 * 1024;

const CSP =
  "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': CSP,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

const langOf = (value: string | undefined): Lang => (value === 'en' ? 'en' : 'th');

function page(lang: Lang, answer: PageAnswer, typed = '') {
  return new Response(verifyPage(lang, answer, typed), { status: statusOf(answer), headers: HEADERS });
}

export function verifyRoutes(deps: { db?: Db } = {}) {
  const app = new Hono<AppEnv>();
  const dbOf = (c: { get: (k: 'readDb') => Db }) => deps.db ?? c.get('readDb');

  app.get('/', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const code = c.req.query('code');
    if (code === undefined) return page(lang, { kind: 'none' });
    return page(lang, await verifyCode(dbOf(c), code), code.slice(0, 40));
  });

  app.get('/:code', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const code = decodeURIComponent(c.req.param('code'));
    return page(lang, await verifyCode(dbOf(c), code), code.slice(0, 40));
  });

  app.post(
    '/',
    bodyLimit({
      maxSize: VERIFY_MAX_BYTES + 64 * 1024,
      onError: (c) => page(langOf(c.req.query('lang')), { kind: 'too_large', maxBytes: VERIFY_MAX_BYTES }),
    }),
    async (c) => {
      const lang = langOf(c.req.query('lang'));
      let file: unknown;
      try {
        file = (await c.req.parseBody()).file;
      } catch {
        return page(lang, { kind: 'no_file' });
      }
      if (!(file instanceof File) || file.size === 0) return page(lang, { kind: 'no_file' });
      if (file.size > VERIFY_MAX_BYTES) return page(lang, { kind: 'too_large', maxBytes: VERIFY_MAX_BYTES });
      const bytes = new Uint8Array(await file.arrayBuffer());
      return page(lang, await verifyFile(dbOf(c), bytes));
    },
  );

  app.all('*', (c) => page(langOf(c.req.query('lang')), { kind: 'unknown_code' }));
  return app;
}
