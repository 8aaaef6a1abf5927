import { createDeployment, type Deployment } from '../../faults/support/app-under-test.ts';
import type { ServerProcess } from '../../support/server-process.ts';
import { startBalancer } from './balancer.ts';

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
  /** Stops the proxy and the processes and drops the database. */
  stop(): Promise<void>;
};

export type ClusterOptions = {
  processes: number;
  /** Added to every process's environment (e.g. SMTP_URL). */
  env?: Record<string, string | undefined>;
  /** Added to process i's environment (0-based), after `env`. */
  envOf?: (i: number) => Record<string, string | undefined>;
};

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const deployment = await createDeployment();
  if (deployment.kind !== 'postgres') {
    await deployment.remove();
    throw new Error('the multi-process harness needs a PostgreSQL server (DB_KIND=postgres)');
  }
  const balancer = await startBalancer();
  const url = balancer.url;
  const env = { TRUST_PROXY: 'true', PUBLIC_URL: url, ...options.env };

  const startAll = () =>
    Promise.all(
      Array.from({ length: options.processes }, (_, i) =>
        deployment.start({ ...env, ...options.envOf?.(i) }),
      ),
    );
  let processes: ServerProcess[] = [];
  try {
    processes = await startAll();
  } catch (error) {
    await balancer.close();
    await deployment.remove();
    throw error;
  }
  balancer.setTargets(processes.map((p) => p.url));
  const cluster: Cluster = {
    deployment,
    url,
    processes,
    served: balancer.served,
    async stop() {
      await balancer.close();
      await Promise.all(cluster.processes.map((p) => p.stop()));
      await deployment.remove();
    },
  };
  return cluster;
}
