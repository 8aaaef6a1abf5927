import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxyServer } from 'http-proxy-3';

/**
 * A round-robin HTTP load balancer from npm (http-proxy-3) on a free loopback port, adding
 * X-Forwarded-For as nginx's `proxy_set_header X-Forwarded-For` does, with keep-alive connections to
 * the processes. Until `setTargets` is called (or while it is given none) it answers 503; a process
 * that is down gets the request answered 502.
 */
export async function startBalancer() {
  // Keep-alive to the processes, as nginx's `keepalive` in an upstream block. An idle connection is
  // closed after 4 s, before Node's server closes it at 5 s (keepAliveTimeout), so a request is never
  // sent on a connection the process is closing at that moment.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256, timeout: 4_000 });
  const proxy = createProxyServer({ xfwd: true, agent });
  let targets: string[] = [];
  const served: number[] = [];
  let next = 0;
  const front = http.createServer((req, res) => {
    if (targets.length === 0) {
      res.writeHead(503).end('no app process yet');
      return;
    }
    const first = next++;
    // A GET or HEAD whose connection failed goes to the next process once (nginx's proxy_next_upstream).
    const retryable = req.method === 'GET' || req.method === 'HEAD';
    const send = (attempt: number) => {
      const index = (first + attempt) % targets.length;
      served[index] = (served[index] ?? 0) + 1;
      proxy.web(req, res, { target: targets[index] }, (error) => {
        if (retryable && attempt === 0 && !res.headersSent && targets.length > 1) {
          send(1);
          return;
        }
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`bad gateway: ${(error as Error).message}`);
      });
    };
    send(0);
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(front.address() as AddressInfo).port}`,
    /** Requests sent to each target so far (index as the targets given). */
    served,
    setTargets(urls: string[]) {
      targets = urls;
      served.splice(0, served.length, ...urls.map(() => 0));
    },
    async close() {
      targets = [];
      await new Promise<void>((resolve) => {
        front.close(() => resolve());
        front.closeAllConnections();
      });
      proxy.close();
      agent.destroy();
    },
  };
}
