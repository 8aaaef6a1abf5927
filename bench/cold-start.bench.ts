import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../tests/support/embedded-server.ts';
import {
  processMemoryKb,
  type StartServerOptions,
  spawnAndWaitForHttp,
  startServerProcess,
  stopSpawned,
} from '../tests/support/server-process.ts';
import { type Bench, type BenchContext, type Goal, median } from './support/bench.ts';

const BARE_SERVER =
  "require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1')";

/** Server settings left to their defaults, whatever the shell running the bench has set. */
const DEFAULTS = { NODE_ENV: undefined, LOG_LEVEL: undefined, DEMO_DATA: undefined };

type Sample = { ms: number; rssKb: number; peakKb: number };

const toMb = (kb: number) => Math.round(kb / 1024);

function reportSamples(
  context: BenchContext,
  name: string,
  samples: Sample[],
  goals: { ms?: Goal; rssMb?: Goal } = {},
) {
  context.report(`${name}_ms`, Math.round(median(samples.map((s) => s.ms))), 'ms', goals.ms);
  context.report(`${name}_rss_mb`, toMb(median(samples.map((s) => s.rssKb))), 'MB', goals.rssMb);
  context.report(`${name}_peak_rss_mb`, toMb(median(samples.map((s) => s.peakKb))), 'MB');
}

/** A bare node:http server answering a static string: what spawning node alone costs. */
async function bareServer(nodeArgs: string[]): Promise<Sample> {
  const port = await freePort();
  const spawned = await spawnAndWaitForHttp(process.execPath, [...nodeArgs, '-e', BARE_SERVER], {
    url: `http://127.0.0.1:${port}/`,
    env: { ...process.env, PORT: String(port) },
    timeoutMs: 15_000,
  });
  const memory = processMemoryKb(spawned.child.pid as number);
  await stopSpawned(spawned.child);
  return { ms: spawned.startupMs, ...memory };
}

async function server(options: StartServerOptions): Promise<Sample & { stop(): Promise<number> }> {
  const started = await startServerProcess({
    timeoutMs: 120_000,
    ...options,
    env: { ...DEFAULTS, ...options.env },
  });
  const memory = processMemoryKb(started.pid);
  return {
    ms: started.startupMs,
    ...memory,
    async stop() {
      const t = performance.now();
      await started.stop();
      return performance.now() - t;
    },
  };
}

function directorySizeKb(dir: string): number {
  let bytes = 0;
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) bytes += fs.statSync(full).size;
    }
  };
  walk(dir);
  return bytes / 1024;
}

const bench: Bench = {
  name: 'cold start',
  async run(context) {
    const baseline: Sample[] = [];
    const baselineTsx: Sample[] = [];
    for (let i = 0; i < context.runs; i++) {
      baseline.push(await bareServer([]));
      baselineTsx.push(await bareServer(['--import', 'tsx']));
    }
    reportSamples(context, 'baseline_node_http', baseline);
    reportSamples(context, 'baseline_node_tsx_http', baselineTsx);

    // (a) empty database, DEMO_DATA=false: migrations and the bundled catalogue only.
    const empty: Sample[] = [];
    for (let i = 0; i < context.runs; i++) {
      context.log(`(a) empty, no demo data: run ${i + 1}`);
      const s = await server({ env: { DEMO_DATA: 'false' } });
      await s.stop();
      empty.push(s);
    }
    reportSamples(context, 'cold_start_empty_pglite', empty);

    // (b0) empty database with the demo agencies and accounts only (DEMO_DATA=accounts: the demo data
    // before it ran the province's whole cycle), to compare with (b).
    const accounts: Sample[] = [];
    for (let i = 0; i < context.runs; i++) {
      context.log(`(b0) empty, demo accounts only: run ${i + 1}`);
      const s = await server({ env: { DEMO_DATA: 'accounts' } });
      await s.stop();
      accounts.push(s);
    }
    reportSamples(context, 'cold_start_empty_pglite_demo_accounts', accounts);

    // (b) empty database with demo data (the default: with the whole cycle), then (c) a restart on that directory.
    const demo: Sample[] = [];
    const restart: Sample[] = [];
    const stops: number[] = [];
    const sizes: number[] = [];
    for (let i = 0; i < context.runs; i++) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-bench-'));
      try {
        context.log(`(b) empty, demo data: run ${i + 1}`);
        const first = await server({ dataDir });
        stops.push(await first.stop());
        demo.push(first);
        sizes.push(directorySizeKb(dataDir));
        context.log(`(c) restart on the initialised directory: run ${i + 1}`);
        const second = await server({ dataDir });
        await second.stop();
        restart.push(second);
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    }
    reportSamples(context, 'cold_start_empty_pglite_demo', demo);
    // Issue 15: embedded mode with one province's data (the demo province and its whole cycle).
    reportSamples(context, 'restart_initialised_pglite', restart, {
      ms: { atMost: 3000 },
      rssMb: { atMost: 400 },
    });
    context.report('stop_after_demo_start_ms', Math.round(median(stops)), 'ms');
    context.report('data_dir_after_demo_mb', toMb(median(sizes)), 'MB');

    // (a) again through `npx tsx`, to show what the npx wrapper adds.
    const npx: Sample[] = [];
    for (let i = 0; i < context.runs; i++) {
      context.log(`(a) through npx tsx: run ${i + 1}`);
      const s = await server({ env: { DEMO_DATA: 'false' }, launcher: 'npx' });
      await s.stop();
      npx.push(s);
    }
    context.report('cold_start_empty_pglite_npx_ms', Math.round(median(npx.map((s) => s.ms))), 'ms');
  },
};

export default bench;
