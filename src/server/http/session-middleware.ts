import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { loadSession, SESSION_COOKIE } from '../modules/auth/sessions.ts';
import { fail } from './app-error.ts';
import type { AppEnv } from './context.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Loads the signed-in actor, if any, from the session cookie. */
export const sessionMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  c.set('actor', null);
  c.set('session', null);
  const token = getCookie(c, SESSION_COOKIE);
  if (token) {
    const loaded = await loadSession(c.get('db'), token);
    if (loaded) {
      c.set('actor', loaded.actor);
      c.set('session', loaded.session);
    }
  }
  await next();
});

/**
 * CSRF: a state-changing request must come from our own origin (browsers send Origin on them) and,
 * when it rides on a session, carry the session's CSRF token in X-CSRF-Token. Requests without a
 * session (sign-in, first run) must be JSON, which a cross-site form cannot send.
 */
export const csrfMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  if (SAFE_METHODS.has(c.req.method)) return next();
  const origin = c.req.header('origin');
  const expected = c.get('config').publicUrl
    ? new URL(c.get('config').publicUrl!).origin
    : new URL(c.req.url).origin;
  if (origin && origin !== expected) {
    throw fail.forbidden('คำขอมาจากเว็บไซต์อื่น', 'Cross-site request refused');
  }
  const session = c.get('session');
  if (session) {
    if (c.req.header('x-csrf-token') !== session.csrfToken) {
      throw fail.forbidden('โทเค็นป้องกันการปลอมแปลงคำขอไม่ถูกต้อง กรุณาโหลดหน้าใหม่', 'Missing or wrong CSRF token');
    }
  } else if (!c.req.header('content-type')?.startsWith('application/json')) {
    throw fail.badRequest('ต้องส่งข้อมูลแบบ JSON', 'The request body must be JSON');
  }
  return next();
});
