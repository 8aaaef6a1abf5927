import { timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import { type Context, Hono } from 'hono';
import { AppError } from '../http/app-error.ts';
import type { AppEnv } from '../http/context.ts';
import { metricsRegistry } from './metrics.ts';
import { type ReadinessCheck, runReadinessChecks } from './readiness.ts';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * Who may read /metrics. With METRICS_TOKEN set: whoever sends `Authorization: Bearer <token>`, from
 * anywhere. Without it: only a connection opened from this machine (loopback) that no proxy forwarded
 * (a reverse proxy on the same host would otherwise make every visitor look local).
 */
export function metricsAllowed(request: {
  token: string | undefined;
  authorization: string | undefined;
  remoteAddress: string | undefined;
  forwarded: boolean;
}): boolean {
  if (request.token !== undefined) {
    const given = /^Bearer\s+(.+)$/i.exec(request.authorization ?? '')?.[1]?.trim() ?? '';
    const a = Buffer.from(given);
    const b = Buffer.from(request.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }
  return !request.forwarded && request.remoteAddress !== undefined && LOOPBACK.test(request.remoteAddress);
}

function remoteAddress(c: Context<AppEnv>): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

/** Paths probed by load balancers and Prometheus: logged at debug, not at info. */
export const OPS_PATHS = ['/healthz', '/readyz', '/metrics'] as const;

/**
 * /healthz: the process is alive (no database touched). /readyz: the readiness checks pass (503 with
 * each check's answer otherwise). /metrics: Prometheus text format, see metricsAllowed(). None of them
 * is behind sign-in or CSRF, and none is cached.
 */
export function opsRoutes(deps: { readiness: () => readonly ReadinessCheck[] }) {
  return new Hono<AppEnv>()
    .use('*', async (c, next) => {
      await next();
      c.header('Cache-Control', 'no-store');
    })
    .get('/healthz', (c) => c.json({ status: 'ok' }))
    .get('/readyz', async (c) => {
      const { ready, checks } = await runReadinessChecks(deps.readiness());
      return ready ? c.json({ status: 'ok', checks }) : c.json({ status: 'unavailable', checks }, 503);
    })
    .get('/metrics', async (c) => {
      const allowed = metricsAllowed({
        token: c.get('config').metricsToken,
        authorization: c.req.header('authorization'),
        remoteAddress: remoteAddress(c),
        forwarded: c.req.header('x-forwarded-for') !== undefined || c.req.header('forwarded') !== undefined,
      });
      if (!allowed) {
        throw new AppError(
          401,
          'metrics_unauthorized',
          'ต้องส่ง METRICS_TOKEN ในส่วนหัว Authorization: Bearer หรือเรียกจากเครื่องนี้โดยตรง',
          'Send METRICS_TOKEN as Authorization: Bearer, or call from this machine directly',
          [],
          { 'WWW-Authenticate': 'Bearer' },
        );
      }
      return c.body(await metricsRegistry.metrics(), 200, { 'Content-Type': metricsRegistry.contentType });
    });
}
