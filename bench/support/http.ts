import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

/** The p-th percentile (0–100) of a list of samples. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const round2 = (n: number) => Math.round(n * 100) / 100;

/** Serves a Hono app (anything with `fetch`) or a bare node:http handler on a free loopback port. */
export async function listen(
  handler: http.RequestListener | { fetch: (request: Request) => Response | Promise<Response> },
) {
  const server =
    'fetch' in handler
      ? serve({ fetch: handler.fetch, port: 0, hostname: '127.0.0.1' })
      : http.createServer(handler).listen(0, '127.0.0.1');
  await new Promise((r) => setTimeout(r, 50));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}
