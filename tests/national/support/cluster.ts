import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxyServer } from 'http-proxy-3';
import { createDeployment, type Deployment } from '../../faults/support/app-under-test.ts';
import type { ServerProcess } from '../../support/server-process.ts';

/**
 * A national deployment in miniature (issue 15, item 1): N app processes (the real server, as
 * `npm start` runs it) on one PostgreSQL database, sharing one data directory and so one FILES_DIR
 * (with the S3 driver, FILES_S3_*, they would share the bucket the same way), behind a round-robin
 * HTTP proxy from npm (http-proxy-3) that adds X-Forwarded-For, with TRUST_PROXY=true and PUBLIC_URL
 * the proxy's address, as in production. Demo accounts are seeded into the database by
 * createDeployment (on PostgreSQL the app makes no demo data itself).
 */
export type Cluster = {
  deployment: Deployment;
  /** The proxy: the one address users know. */
  url: string;
  /** The processes behind it, in start order; each also answers on its own address. */
  processes: ServerProcess[];
  /** How many requests the proxy sent to each process (index as `processes`). */
  served: number[];
  /** Stops every process (SIGTERM) and starts them again, all at once, on the same data. */
  restartAll(): Promise<void>;
  /** Stops the proxy and the processes and drops the database. */
  stop(): Promise<void>;
};

export type ClusterOptions = {
  processes: number;
  /** Added to every process's environment (e.g. SMTP_URL). */
  env?: Record<string, string | undefined>;
};

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const deployment = await createDeployment();
  if (deployment.kind !== 'postgres') {
    await deployment.remove();
    throw new Error('the multi-process harness needs a PostgreSQL server (DB_KIND=postgres)');
  }
  // Keep-alive to the processes, as nginx's `keepalive` in an upstream block.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const proxy = createProxyServer({ xfwd: true, agent });
  let targets: string[] = [];
  const served: number[] = [];
  let next = 0;
  const front = http.createServer((req, res) => {
    if (targets.length === 0) {
      res.writeHead(503).end('no app process yet');
      return;
    }
    const index = next++ % targets.length;
    served[index] = (served[index] ?? 0) + 1;
    proxy.web(req, res, { target: targets[index] }, (error) => {
      // A process that is down: the proxy answers 502 as nginx would.
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`bad gateway: ${(error as Error).message}`);
    });
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  const env = { TRUST_PROXY: 'true', PUBLIC_URL: url, ...options.env };

  const startAll = () => Promise.all(Array.from({ length: options.processes }, () => deployment.start(env)));
  let processes: ServerProcess[] = [];
  try {
    processes = await startAll();
  } catch (error) {
    front.close();
    await deployment.remove();
    throw error;
  }
  targets = processes.map((p) => p.url);
  const cluster: Cluster = {
    deployment,
    url,
    processes,
    served,
    async restartAll() {
      targets = [];
      await Promise.all(cluster.processes.map((p) => p.stop()));
      cluster.processes.splice(0, cluster.processes.length, ...(await startAll()));
      targets = cluster.processes.map((p) => p.url);
    },
    async stop() {
      targets = [];
      await Promise.all(cluster.processes.map((p) => p.stop()));
      await new Promise<void>((resolve) => {
        front.close(() => resolve());
        front.closeAllConnections();
      });
      proxy.close();
      agent.destroy();
      await deployment.remove();
    },
  };
  return cluster;
}
