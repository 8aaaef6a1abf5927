import type { Server } from 'node:http';
import { log } from '../log.ts';

/** Requests in flight get this long to finish after SIGTERM/SIGINT; then their connections are cut. */
export const SHUTDOWN_GRACE_MS = 10_000;

/**
 * What SIGTERM and SIGINT do: the listening socket closes at once (a new connection is refused), the
 * requests in flight finish (idle keep-alive connections are closed as they become idle), for at most
 * `graceMs`; then `release()` runs (workers stop after their running pass, Chromium and the database
 * close) and the process exits 0. A second signal exits at once (1). `stopping()` turns true at the first
 * signal: /readyz answers 503 from then on, so a load balancer stops sending.
 */
export function gracefulShutdown(options: {
  server: Server;
  release: () => Promise<unknown>;
  graceMs?: number;
  exit?: (code: number) => void;
}) {
  const graceMs = options.graceMs ?? SHUTDOWN_GRACE_MS;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;

  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log().warn(`${signal} again: exiting now, without waiting`);
      exit(1);
      return;
    }
    stopping = true;
    const started = performance.now();
    log().info(
      `${signal}: no new connections; finishing the requests in flight (at most ${graceMs / 1000} s)`,
    );
    const { server } = options;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // A keep-alive connection whose request has finished would hold close() until its own time-out.
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    const cut = setTimeout(() => {
      log().warn(`Requests still in flight after ${graceMs / 1000} s: their connections are closed`);
      server.closeAllConnections();
    }, graceMs);
    void closed
      .then(() => {
        clearInterval(idle);
        clearTimeout(cut);
        log().info(
          `Requests finished in ${Math.round(performance.now() - started)} ms; stopping the workers`,
        );
        return options.release();
      })
      .then(
        () => {
          log().info('Stopped');
          exit(0);
        },
        (error: unknown) => {
          log().error({ err: error }, 'Stopping failed');
          exit(1);
        },
      );
  };

  return { onSignal, stopping: () => stopping };
}
