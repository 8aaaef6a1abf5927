import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './context.ts';

/** One line per request at LOG_LEVEL=info or debug: method, path, status, milliseconds. */
export const requestLogger = createMiddleware<AppEnv>(async (c, next) => {
  const level = c.get('config').logLevel;
  if (level !== 'info' && level !== 'debug') return next();
  const started = performance.now();
  await next();
  const ms = (performance.now() - started).toFixed(1);
  console.log(`${c.req.method} ${c.req.path} ${c.res.status} ${ms}ms`);
});
