import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';

/**
 * The route pattern a request was for (`/api/plans/:id`), for logs and metric labels: never the raw
 * path, whose ids would make a series each. The first route matched for the request's own method
 * that is not a wildcard is its handler, even when a middleware answered first (a 401 before the
 * route ran is still counted under the route). Otherwise, the pattern of the last handler that ran
 * (a wildcard such as `/api/*` or the UI's `*`), which keeps the set of labels bounded.
 */
export function routePattern(c: Context): string {
  const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
  const own = matchedRoutes(c).find((r) => r.method === method && !r.path.includes('*'));
  return own?.path ?? c.req.routePath;
}
