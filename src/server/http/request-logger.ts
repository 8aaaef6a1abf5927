import { createMiddleware } from 'hono/factory';
import { log } from '../log.ts';
import { observeRequest } from '../ops/metrics.ts';
import { OPS_PATHS } from '../ops/ops.routes.ts';
import { requestIdFor } from '../ops/request-id.ts';
import { routePattern } from '../ops/route-pattern.ts';
import type { AppEnv } from './context.ts';

/**
 * Every request gets an id: the caller's X-Request-Id when it is short and plain (a proxy's id follows
 * the request), else a new UUID. It is answered in X-Request-Id, kept in the context (`requestId`) for
 * the error handler's lines, and logged with the request's line: method, route pattern (not the path:
 * ids stay out), status, milliseconds. The request's duration goes to http_request_duration_seconds.
 * Lines are at info (LOG_LEVEL=info or debug); the probes (/healthz, /readyz, /metrics) at debug.
 */
export const requestLogger = createMiddleware<AppEnv>(async (c, next) => {
  const requestId = requestIdFor(c.req.header('x-request-id'));
  c.set('requestId', requestId);
  const started = performance.now();
  try {
    await next();
  } finally {
    c.header('X-Request-Id', requestId);
    const ms = performance.now() - started;
    const route = routePattern(c);
    const status = c.res.status;
    observeRequest(c.req.method, route, status, ms / 1000);
    // The app's own LOG_LEVEL decides (tests run apps at 'silent' in a process whose logger is at info).
    const level = c.get('config').logLevel;
    const probe = (OPS_PATHS as readonly string[]).includes(c.req.path);
    if (level === 'debug' || (level === 'info' && !probe)) {
      log()[probe ? 'debug' : 'info'](
        { requestId, method: c.req.method, route, status, ms: Math.round(ms * 10) / 10 },
        `${c.req.method} ${route} ${status} ${ms.toFixed(1)}ms`,
      );
    }
  }
});
