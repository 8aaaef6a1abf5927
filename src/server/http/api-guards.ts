import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { log as logger } from '../log.ts';
import { fail } from './app-error.ts';
import type { AppEnv } from './context.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The only state-changing API calls a stranger may make: signing in and the first run. */
export const PUBLIC_WRITES = new Set(['/api/auth/sign-in', '/api/auth/setup']);
/** Writes that authenticate themselves: LINE's webhook, by its signature over the body (line/webhook.ts). */
export const SELF_AUTHENTICATED_WRITES = /^\/api\/line\/webhook\/[^/]+$/;

/**
 * Authentication first: a state-changing request without a session is refused with 401 before its
 * body is validated, so that a stranger learns nothing of a route's rules from its 400s.
 * Runs after the session middleware.
 */
export const authenticateFirst = createMiddleware<AppEnv>(async (c, next) => {
  if (SAFE_METHODS.has(c.req.method) || c.get('actor')) return next();
  if (PUBLIC_WRITES.has(c.req.path.replace(/\/+$/, ''))) return next();
  if (SELF_AUTHENTICATED_WRITES.test(c.req.path)) return next();
  throw fail.unauthenticated();
});

/**
 * API answers carry personal data and the CSRF token: no browser or proxy may keep them.
 * A route that sets its own Cache-Control keeps it.
 */
export const noStore = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
});

/**
 * Behind a proxy with TRUST_PROXY off, every client shares the proxy's address, so the per-address
 * sign-in limit counts a whole office as one. Says so once, at the first request that shows it.
 */
export function warnUntrustedProxy(
  log: (message: string) => void = (message) => logger().warn(message),
): MiddlewareHandler<AppEnv> {
  let warned = false;
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!warned && !c.get('config').trustProxy && c.req.header('x-forwarded-for')) {
      warned = true;
      if (c.get('config').logLevel !== 'silent') {
        log(
          'Requests carry X-Forwarded-For but TRUST_PROXY is off: every client is seen as the proxy ' +
            '(one address for sign-in limits and the audit trail). Set TRUST_PROXY=true when a reverse ' +
            'proxy you control sets that header.',
        );
      }
    }
    return next();
  });
}
