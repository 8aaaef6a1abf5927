import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { configureLogger } from '../log.ts';
import { gracefulShutdown } from './shutdown.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A real HTTP server whose /slow answers after `slowMs`; requests go through a keep-alive agent. */
async function serverWithSlowRoute(slowMs: number, sent: string[] = []) {
  const server = http.createServer((req, res) => {
    if (req.url === '/slow') setTimeout(() => res.end('done', () => sent.push('sent')), slowMs);
    else res.end('fast');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const agent = new http.Agent({ keepAlive: true });
  const get = (path: string) =>
    new Promise<string>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path, agent }, (res) => {
          let body = '';
          res.on('data', (chunk) => {
            body += chunk;
          });
          res.on('end', () => resolve(`${res.statusCode} ${body}`));
        })
        .on('error', (error: NodeJS.ErrnoException) => reject(error));
    });
  return { server, get, agent };
}

describe('gracefulShutdown', () => {
  afterEach(() => configureLogger('info'));

  it('lets the request in flight finish, refuses new connections, then releases and exits 0', async () => {
    configureLogger('silent');
    // The server writes 'sent' when the slow response is out; release and exit must come after it.
    const events: string[] = [];
    const { server, get, agent } = await serverWithSlowRoute(400, events);
    const port = (server.address() as AddressInfo).port;
    // A keep-alive connection that is idle when the signal comes must not hold the close.
    expect(await get('/fast')).toBe('200 fast');
    const shutdown = gracefulShutdown({
      server,
      release: async () => {
        events.push('released');
      },
      exit: (code) => events.push(`exit ${code}`),
    });
    const slow = get('/slow');
    await sleep(100);
    expect(shutdown.stopping()).toBe(false);
    shutdown.onSignal('SIGTERM');
    expect(shutdown.stopping()).toBe(true);
    const fresh = new http.Agent({ keepAlive: false });
    const refused = await new Promise<string>((resolve) => {
      http
        .get({ host: '127.0.0.1', port, agent: fresh }, () => resolve('answered'))
        .on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    });
    expect(refused).toBe('ECONNREFUSED');
    expect(await slow).toBe('200 done');
    for (let i = 0; i < 50 && !events.includes('exit 0'); i++) await sleep(20);
    expect(events).toEqual(['sent', 'released', 'exit 0']);
    agent.destroy();
  });

  it('cuts the requests still running after the grace period', async () => {
    configureLogger('silent');
    const { server, get, agent } = await serverWithSlowRoute(5_000);
    const events: string[] = [];
    const shutdown = gracefulShutdown({
      server,
      graceMs: 200,
      release: async () => {
        events.push('released');
      },
      exit: (code) => events.push(`exit ${code}`),
    });
    const slow = get('/slow').then(
      (answer) => answer,
      (error: NodeJS.ErrnoException) => error.code ?? error.message,
    );
    await sleep(100);
    const started = performance.now();
    shutdown.onSignal('SIGTERM');
    expect(await slow).toBe('ECONNRESET');
    for (let i = 0; i < 50 && !events.includes('exit 0'); i++) await sleep(20);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(events).toEqual(['released', 'exit 0']);
    agent.destroy();
  });

  it('exits at once, with 1, on a second signal', async () => {
    configureLogger('silent');
    const { server, get, agent } = await serverWithSlowRoute(1_000);
    const exits: number[] = [];
    const shutdown = gracefulShutdown({ server, release: async () => {}, exit: (code) => exits.push(code) });
    const slow = get('/slow').catch(() => 'cut');
    await sleep(50);
    shutdown.onSignal('SIGTERM');
    shutdown.onSignal('SIGINT');
    expect(exits).toEqual([1]);
    server.closeAllConnections();
    await slow;
    agent.destroy();
  });
});
