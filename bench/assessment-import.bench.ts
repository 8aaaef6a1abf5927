import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Database, type Db, fromPglite, fromPostgres } from '../src/server/db/client.ts';
import { organizations, roleAssignments, users } from '../src/server/db/schema/index.ts';
import type { Actor } from '../src/server/http/actor.ts';
import { editionForYear } from '../src/server/modules/assessments/assessments.service.ts';
import { MAX_IMPORT_BYTES } from '../src/server/modules/assessments/import/decode-file.ts';
import { parseImportFile } from '../src/server/modules/assessments/import/import-file.ts';
import { loadBundledEditions } from '../src/server/modules/catalogue/catalogue.service.ts';
import type { ScoreEntry } from '../src/shared/assessments/scores.ts';
import { startEmbeddedServer } from '../tests/support/embedded-server.ts';
import { type Bench, type BenchContext, median, type Report } from './support/bench.ts';
import { type ImportResult, runInChild } from './support/child.ts';
import {
  bundledEdition,
  nationalWideCsv,
  type SyntheticOrg,
  seededRandom,
  seededUuid,
  syntheticOrganisations,
} from './support/national-dataset.ts';
import { copyFromStdin, copyRows } from './support/pg-copy.ts';

/**
 * The national import and analysis (product issue: 8,300 organisations × every code of an edition).
 * Options, as arguments after `bench/run.ts` or as environment variables:
 * `--orgs=500` / `BENCH_ORGS` (default 8300), `--engines=pglite` / `BENCH_ENGINES` (default both),
 * `--repeats=5` / `BENCH_REPEATS` (repetitions of the analysis and the bulk read, median; default 3),
 * `--import-repeats=1` / `BENCH_IMPORT_REPEATS` (COPY and import, in turn, median; default 3),
 * `--one-by-one=false` / `BENCH_ONE_BY_ONE` (skip the analysis one result at a time).
 */
const FISCAL_YEAR = 2566;
const PROVINCES = 77;
const SEED = 2566;
const UNNEST_BATCH = 10_000;
/** `--one-by-one=false`: skip the analysis one result at a time (the "before" path, slow on PGlite). */
let skipOneByOne = false;

function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return (
    process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length) ??
    process.env[`BENCH_${name.toUpperCase().replaceAll('-', '_')}`]
  );
}

type Engine = 'postgres' | 'pglite';

/** One database under test, with what the baselines need beside the app's drizzle `Db`. */
type Harness = {
  engine: Engine;
  /** The app's database (PGlite: the instance open now, see `whileClosed`). */
  readonly database: Database;
  /** Where a child process opens the same database: the server's URL, or PGlite's data directory. */
  childTarget: string;
  /**
   * Runs `fn` while this process does not hold the database (PGlite's data directory has one user at
   * a time: it is closed, then opened again); on the server, simply runs it.
   */
  whileClosed<T>(fn: () => Promise<T>): Promise<T>;
  /** Plain SQL outside the app's code (TRUNCATE, CHECKPOINT, counts). */
  sql<T>(text: string): Promise<T[]>;
  /** COPY both tables in one transaction. */
  copyBoth(resultsText: string, scoresText: string): Promise<void>;
  /** Multi-row INSERT … SELECT FROM unnest(arrays) in batches, in one transaction. */
  unnestBoth(results: ResultRow[], scores: ScoreRow[]): Promise<void>;
  close(): Promise<void>;
};

type ResultRow = [
  id: string,
  organizationId: string,
  fiscalYear: number,
  revisionId: string,
  level: string | null,
];
type ScoreRow = [
  resultId: string,
  scope: string,
  code: string,
  score: number | null,
  passed: boolean | null,
  reason: string | null,
  recommendation: string | null,
];

const RESULT_COLUMNS =
  'assessment_results (id, organization_id, fiscal_year, catalogue_revision_id, stated_level)';
const SCORE_COLUMNS = 'assessment_scores (result_id, scope, code, score, passed, reason, recommendation)';
const UNNEST_RESULTS = `insert into ${RESULT_COLUMNS} select * from unnest($1::uuid[], $2::uuid[], $3::int[], $4::uuid[], $5::text[])`;
const UNNEST_SCORES = `insert into ${SCORE_COLUMNS} select * from unnest($1::uuid[], $2::text[], $3::text[], $4::float8[], $5::bool[], $6::text[], $7::text[])`;

/** Column arrays of `rows[from, to)`, the parameters of an unnest insert. */
function columns(rows: readonly (readonly unknown[])[], from = 0, to = rows.length): unknown[][] {
  const width = rows[0]?.length ?? 0;
  const out: unknown[][] = Array.from({ length: width }, () => []);
  for (let i = from; i < to; i++) for (let c = 0; c < width; c++) out[c]!.push(rows[i]![c]);
  return out;
}

async function pgliteHarness(): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-bench-import-'));
  const dataDir = path.join(dir, 'pgdata');
  // On disk, as the server's embedded database (openEmbedded without the data-directory lock).
  const open = async () => {
    const opened = await PGlite.create(dataDir);
    return opened;
  };
  let client = await open();
  let database = fromPglite(client);
  return {
    engine: 'pglite',
    get database() {
      return database;
    },
    childTarget: dataDir,
    async whileClosed(fn) {
      await database.close();
      try {
        return await fn();
      } finally {
        client = await open();
        database = fromPglite(client);
      }
    },
    sql: async <T>(text: string) => (await client.query<T>(text)).rows,
    async copyBoth(resultsText, scoresText) {
      await client.transaction(async (tx) => {
        await tx.query(`COPY ${RESULT_COLUMNS} FROM '/dev/blob'`, [], { blob: new Blob([resultsText]) });
        await tx.query(`COPY ${SCORE_COLUMNS} FROM '/dev/blob'`, [], { blob: new Blob([scoresText]) });
      });
    },
    async unnestBoth(results, scores) {
      await client.transaction(async (tx) => {
        await tx.query(UNNEST_RESULTS, columns(results));
        for (let i = 0; i < scores.length; i += UNNEST_BATCH) {
          await tx.query(UNNEST_SCORES, columns(scores, i, Math.min(scores.length, i + UNNEST_BATCH)));
        }
      });
    },
    async close() {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresHarness(): Promise<Harness> {
  const server = await startEmbeddedServer();
  const url = server.url('postgres');
  const database = fromPostgres(url);
  const raw = new pg.Client({ connectionString: url });
  await raw.connect();
  return {
    engine: 'postgres',
    database,
    childTarget: url,
    whileClosed: (fn) => fn(),
    sql: async <T>(text: string) => (await raw.query(text)).rows as T[],
    async copyBoth(resultsText, scoresText) {
      await raw.query('begin');
      await copyFromStdin(raw, RESULT_COLUMNS, resultsText);
      await copyFromStdin(raw, SCORE_COLUMNS, scoresText);
      await raw.query('commit');
    },
    async unnestBoth(results, scores) {
      await raw.query('begin');
      await raw.query(UNNEST_RESULTS, columns(results));
      for (let i = 0; i < scores.length; i += UNNEST_BATCH) {
        await raw.query(UNNEST_SCORES, columns(scores, i, Math.min(scores.length, i + UNNEST_BATCH)));
      }
      await raw.query('commit');
    },
    async close() {
      await database.close();
      // pool.end() resolves before its sockets are closed. Stopping the server while one is still
      // open makes it send a FATAL to an idle pool client, and the pool (no 'error' listener: it is
      // client.ts's) throws it as an uncaught error. Wait until the server has no other client.
      for (let i = 0; i < 200; i++) {
        const { rows } = await raw.query<{ n: number }>(
          "select count(*)::int as n from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()",
        );
        if (rows[0]?.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await raw.end();
      await server.stop();
    },
  };
}

/**
 * Under `node --cpu-prof`, logs a section's start and end on the profile's clock (monotonic
 * microseconds), so that `bench/support/cpu-profile-summary.ts <profile> <from> <to>` can summarise
 * that section alone.
 */
function profileWindow(context: BenchContext, name: string) {
  const profiling = process.execArgv.some((a) => a.startsWith('--cpu-prof'));
  const now = () => Number(process.hrtime.bigint() / 1000n);
  const from = now();
  return {
    end() {
      if (profiling) context.log(`cpu-prof window ${name}: ${from} ${now()}`);
    },
  };
}

/** Resident set of this process now, for progress lines. */
function rssMb(): number {
  return Math.round(process.memoryUsage.rss() / 1024 / 1024);
}

/** The peak resident set of this process since the last reset (Linux; 0 elsewhere). */
function peakRssMb(): number {
  try {
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    return Math.round(Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

/** Resets VmHWM to the current RSS (Linux ≥ 4.0), so each engine's peak is its own. */
function resetPeakRss(): boolean {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** What both engines load: the organisations, the national file, and the rows it holds. */
type Dataset = {
  orgs: SyntheticOrg[];
  chunks: { fileName: string; bytes: Uint8Array; organisations: number }[];
  /** Per organisation code: its result id (baselines) and what the file gives for it. */
  parsed: { org: SyntheticOrg; resultId: string; scores: ScoreEntry[]; statedLevel: string | null }[];
  scoreRows: ScoreRow[];
  scoresCopyText: string;
  scoreSum: number;
  parseMs: number;
  /** The chunks as files, for the import's own process; the folder is removed at the end. */
  dir: string;
  files: { fileName: string; path: string }[];
  /** The header and the first organisations of the first file: the import process's warm-up preview. */
  warmup: { fileName: string; path: string };
};

/** Organisations in the warm-up file the import process previews before it is measured. */
const WARMUP_ORGS = 50;

async function prepare(context: BenchContext, orgCount: number): Promise<Dataset> {
  const random = seededRandom(SEED);
  const edition = bundledEdition(FISCAL_YEAR);
  const orgs = syntheticOrganisations(orgCount, PROVINCES, random);
  const file = nationalWideCsv(edition, orgs, random, MAX_IMPORT_BYTES);
  const mb = (n: number) => (n / 1024 / 1024).toFixed(2);
  context.log(
    `national file: ${orgs.length} organisations, ${file.cells} score cells, ${mb(file.totalBytes)} MB as one ` +
      `file; limit ${mb(MAX_IMPORT_BYTES)} MB → ${file.chunks.length} file(s) of ` +
      file.chunks.map((c) => `${c.organisations} orgs / ${mb(c.bytes.byteLength)} MB`).join(', '),
  );
  context.report('import_orgs', orgs.length, 'orgs');
  context.report('import_file_mb', Number(mb(file.totalBytes)), 'MB');
  context.report('import_chunks', file.chunks.length, 'files');

  // The parse alone (no database), on the same bytes the import reads: its share of the import.
  const byCode = new Map(orgs.map((o) => [o.code.toLowerCase(), o]));
  const parsed: Dataset['parsed'] = [];
  let warnings = 0;
  const started = performance.now();
  for (const chunk of file.chunks) {
    const result = await parseImportFile(chunk.bytes, chunk.fileName, { edition, fiscalYear: FISCAL_YEAR });
    if (result.errors.length > 0)
      throw new Error(`the synthetic file has errors: ${JSON.stringify(result.errors[0])}`);
    warnings += result.warnings.length;
    for (const o of result.organizations) {
      const org = byCode.get(o.code.toLowerCase());
      if (!org) throw new Error(`parsed an unknown organisation ${o.code}`);
      parsed.push({ org, resultId: '', scores: o.scores, statedLevel: o.statedLevel });
    }
  }
  const parseMs = performance.now() - started;
  if (warnings > 0) context.log(`the parser gave ${warnings} warning(s) on the synthetic file`);
  const ids = seededRandom(SEED + 1);
  const scoreRows: ScoreRow[] = [];
  let scoreSum = 0;
  for (const p of parsed) {
    p.resultId = seededUuid(ids);
    for (const s of p.scores) {
      scoreRows.push([p.resultId, s.scope, s.code, s.score, s.passed, s.reason, s.recommendation]);
      scoreSum += s.score ?? 0;
    }
  }
  context.report('import_rows', scoreRows.length, 'rows');
  context.report('import_parse_ms', Math.round(parseMs), 'ms');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-bench-national-'));
  const files = file.chunks.map((chunk) => {
    const filePath = path.join(dir, chunk.fileName);
    fs.writeFileSync(filePath, chunk.bytes);
    return { fileName: chunk.fileName, path: filePath };
  });
  // TextDecoder drops the BOM: put it back, as the file has it.
  const lines = new TextDecoder().decode(file.chunks[0]!.bytes).split('\r\n');
  const warmup = { fileName: 'warm-up.csv', path: path.join(dir, 'warm-up.csv') };
  fs.writeFileSync(warmup.path, `\uFEFF${lines.slice(0, WARMUP_ORGS + 1).join('\r\n')}\r\n`);
  return {
    orgs,
    chunks: file.chunks,
    parsed,
    scoreRows,
    scoresCopyText: copyRows(scoreRows),
    scoreSum,
    parseMs,
    dir,
    files,
    warmup,
  };
}

async function seed(db: Db, orgs: readonly SyntheticOrg[]): Promise<Actor> {
  for (let i = 0; i < orgs.length; i += 1000) await db.insert(organizations).values(orgs.slice(i, i + 1000));
  const email = 'bench-admin@bench.local';
  const [user] = await db
    .insert(users)
    .values({ email, displayName: 'ผู้ดูแลระบบ (bench)', passwordHash: 'not-a-password-hash' })
    .returning({ id: users.id });
  const [grant] = await db
    .insert(roleAssignments)
    .values({ userId: user!.id, role: 'admin', organizationId: null })
    .returning({ id: roleAssignments.id });
  return {
    userId: user!.id,
    email,
    displayName: 'ผู้ดูแลระบบ (bench)',
    locale: 'th',
    grants: [
      {
        id: grant!.id,
        role: 'admin',
        organizationId: null,
        organizationPath: null,
        organizationNameTh: null,
      },
    ],
  };
}

/** Empties the two tables (new files, as after a fresh install) and checkpoints, between loads. */
async function emptyScores(h: Harness) {
  await h.sql('truncate assessment_scores, assessment_results cascade');
  await h.sql('checkpoint');
}

async function checkLoaded(h: Harness, data: Dataset, what: string) {
  const [row] = await h.sql<{ n: string | number; total: string | number | null; results: string | number }>(
    'select count(*) as n, sum(score) as total, (select count(*) from assessment_results) as results from assessment_scores',
  );
  const n = Number(row?.n);
  const total = Number(row?.total ?? 0);
  if (n !== data.scoreRows.length || Number(row?.results) !== data.parsed.length) {
    throw new Error(
      `${what} on ${h.engine} stored ${n} scores of ${row?.results} results, expected ${data.scoreRows.length} of ${data.parsed.length}`,
    );
  }
  if (Math.abs(total - data.scoreSum) > 1e-6 * Math.max(1, data.scoreSum)) {
    throw new Error(`${what} on ${h.engine}: the scores sum to ${total}, expected ${data.scoreSum}`);
  }
}

const ms = (x: number) => Math.round(x);
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

/** Runs one engine's section. */
async function runEngine(
  context: BenchContext,
  h: Harness,
  data: Dataset,
  repeats: number,
  importRepeats: number,
) {
  const { engine } = h;
  const report: Report = (name, value, unit, goal) => context.report(name, value, unit, goal);
  const setupStarted = performance.now();
  await h.database.migrate();
  await loadBundledEditions(h.database.db);
  const actor = await seed(h.database.db, data.orgs);
  const revision = await editionForYear(h.database.db, FISCAL_YEAR);
  context.log(
    `${engine}: migrated, catalogue and ${data.orgs.length} organisations in ${ms(performance.now() - setupStarted)} ms, RSS ${rssMb()} MB`,
  );

  // Baselines: the same rows (results and scores) straight into the tables, one transaction each.
  const resultRows: ResultRow[] = data.parsed.map((p) => [
    p.resultId,
    p.org.id,
    FISCAL_YEAR,
    revision.id,
    p.statedLevel,
  ]);
  const resultsCopyText = copyRows(resultRows);
  await h.sql('checkpoint');
  let started = performance.now();
  await h.unnestBoth(resultRows, data.scoreRows);
  const unnestMs = performance.now() - started;
  await checkLoaded(h, data, 'unnest insert');
  report(`baseline_unnest_insert_${engine}_ms`, ms(unnestMs), 'ms');
  await emptyScores(h);

  // COPY and the real import path, in turn, `importRepeats` times each (the median of each, and their
  // ratio: one run of each on a shared 2-CPU machine is easily ±20 %), the tables emptied and
  // checkpointed after each; the last import stays for the analysis. The import runs file by file, as
  // a secretariat would upload them, in a process of its own (its memory is the import's).
  const copies: number[] = [];
  const imports: ImportResult[] = [];
  for (let run = 0; run < importRepeats; run++) {
    started = performance.now();
    await h.copyBoth(resultsCopyText, data.scoresCopyText);
    copies.push(performance.now() - started);
    await checkLoaded(h, data, 'COPY');
    await emptyScores(h);
    context.log(
      `${engine}: import ${run + 1} of ${importRepeats} (${data.chunks.length} file(s), importAssessments commit) in a child process; bench RSS ${rssMb()} MB`,
    );
    const window = profileWindow(context, `${engine} import ${run + 1}`);
    const child = await h.whileClosed(() =>
      runInChild({
        section: 'import',
        engine,
        target: h.childTarget,
        actor,
        fiscalYear: FISCAL_YEAR,
        files: data.files,
        warmup: data.warmup,
      }),
    );
    window.end();
    if (!child.committed || child.organisations !== data.parsed.length) {
      throw new Error(`the import committed ${child.organisations} organisations of ${data.parsed.length}`);
    }
    await checkLoaded(h, data, 'the import');
    if (child.warnings > 0) context.log(`${engine}: the import gave ${child.warnings} warning(s)`);
    if (child.peakRssMb === null)
      context.log(`${engine}: VmHWM could not be reset: the peak is the child's lifetime maxRSS`);
    imports.push(child);
    if (run < importRepeats - 1) await emptyScores(h);
  }
  const list = (xs: number[]) => xs.map((x) => ms(x)).join(', ');
  context.log(
    `${engine}: COPY ${list(copies)} ms; import ${list(imports.map((c) => c.ms))} ms; import peak RSS ${imports.map((c) => c.peakRssMb ?? c.maxRssMb).join(', ')} MB`,
  );
  const copyMs = median(copies);
  const importMs = median(imports.map((c) => c.ms));
  // The import whose time is the median: its queries say where that time went.
  const child = imports.find((c) => c.ms === importMs) ?? imports[0]!;
  report(`baseline_copy_${engine}_ms`, ms(copyMs), 'ms');
  report(`import_national_${engine}_ms`, ms(importMs), 'ms');
  report(
    `import_vs_baseline_${engine}_ratio`,
    ratio(importMs, copyMs),
    'x',
    engine === 'postgres' ? { atMost: 1.2 } : undefined,
  );
  report(`import_vs_unnest_${engine}_ratio`, ratio(importMs, unnestMs), 'x');
  // The import process's memory: the highest of its peaks during the import, and what it held just
  // before (node, the app's modules, the file read; PGlite's engine and heap on pglite).
  const peak = Math.max(...imports.map((c) => c.peakRssMb ?? c.maxRssMb));
  report(`import_peak_rss_${engine}_mb`, peak, 'MB', engine === 'postgres' ? { atMost: 400 } : undefined);
  report(`import_rss_before_${engine}_mb`, Math.max(...imports.map((c) => c.rssBeforeMb)), 'MB');
  // Where the import's time goes: queries by kind (driver-side wall clock), the parse (measured on
  // the same bytes in this process), and the rest (diffs, drizzle building statements, mapping).
  const byKind = new Map(child.byKind);
  const queriesMs = [...byKind.values()].reduce((a, e) => a + e.ms, 0);
  context.log(
    `${engine}: the median import ${ms(child.ms)} ms = parse ~${ms(data.parseMs)} ms + queries ${ms(queriesMs)} ms + other`,
  );
  for (const [kind, e] of [...byKind].sort((a, b) => b[1].ms - a[1].ms)) {
    context.log(`  ${kind}: ${e.count} queries, ${ms(e.ms)} ms`);
  }
  const part = (kinds: string[]) => kinds.reduce((a, k) => a + (byKind.get(k)?.ms ?? 0), 0);
  report(`import_${engine}_parse_ms`, ms(data.parseMs), 'ms');
  report(`import_${engine}_org_lookup_ms`, ms(part(['select organizations'])), 'ms');
  report(
    `import_${engine}_find_result_ms`,
    ms(part(['select assessment_results', 'select assessment_scores', 'select catalogue_revisions'])),
    'ms',
  );
  report(
    `import_${engine}_insert_results_ms`,
    ms(part(['copy assessment_results', 'insert assessment_results', 'update assessment_results'])),
    'ms',
  );
  report(
    `import_${engine}_insert_scores_ms`,
    ms(part(['copy assessment_scores', 'insert assessment_scores', 'delete assessment_scores'])),
    'ms',
  );
  report(`import_${engine}_audit_ms`, ms(part(['insert audit_events'])), 'ms');
  report(`import_${engine}_transaction_ms`, ms(part(['begin', 'commit', 'rollback'])), 'ms');
  report(`import_${engine}_queries_ms`, ms(queriesMs), 'ms');
  report(
    `import_${engine}_queries`,
    [...byKind.values()].reduce((a, e) => a + e.count, 0),
    'queries',
  );
  report(`import_${engine}_other_js_ms`, ms(Math.max(0, child.ms - queriesMs - data.parseMs)), 'ms');

  // Fresh statistics before reading: the tables went from empty to ~900k rows in one transaction,
  // and a plan made on the empty-table statistics can be quadratic (the bulk read below ran for
  // minutes as a nested loop before autovacuum's ANALYZE). PGlite (single-user) has no autovacuum.
  started = performance.now();
  await h.sql('analyze assessment_results, assessment_scores');
  report(`analyze_after_import_${engine}_ms`, ms(performance.now() - started), 'ms');
  // And vacuumed, as autovacuum would do right after such an insert (on the server it would run beside
  // the analysis below, on the same two CPUs, and make its figures depend on when it starts).
  started = performance.now();
  await h.sql('vacuum assessment_results, assessment_scores');
  await h.sql('checkpoint');
  context.log(`${engine}: vacuum and checkpoint after the import ${ms(performance.now() - started)} ms`);
  // The scores read once on the server's side as the bulk read reads them (no row sent), so that
  // neither timed read below pays for pages not cached yet.
  await h.sql(
    `select count(*) from (select * from assessment_scores where result_id in (select id from assessment_results where fiscal_year = ${FISCAL_YEAR}) order by result_id, scope, code) s`,
  );

  // Analysis of every organisation vs. reading their scores, in a process of its own too.
  context.log(`${engine}: analysis of ${data.parsed.length} results in a child process, ${repeats} run(s)`);
  const window2 = profileWindow(context, `${engine} analysis`);
  const a = await h.whileClosed(() =>
    runInChild({
      section: 'analysis',
      engine,
      target: h.childTarget,
      fiscalYear: FISCAL_YEAR,
      repeats,
      oneByOne: !skipOneByOne,
      sample: SAME_OUTCOME_SAMPLE,
    }),
  );
  window2.end();
  for (const [kind, e] of a.analyseByKind)
    context.log(`  forEachOutcome: ${kind}: ${e.count} queries, ${ms(e.ms)} ms`);
  for (const [kind, e] of a.oneByOneByKind) {
    context.log(`  computeOutcome one by one: ${kind}: ${e.count} queries, ${ms(e.ms)} ms`);
  }
  context.log(
    `${engine}: analysis runs: forEachOutcome ${list(a.samples.analyse)} ms; bulk read ${list(a.samples.readBulk)} ms; pure ${list(a.samples.pure)} ms`,
  );
  const readBulk = median(a.samples.readBulk);
  const analysed = median(a.samples.analyse);
  report(`read_scores_bulk_${engine}_ms`, ms(readBulk), 'ms');
  report(`analyse_all_${engine}_ms`, ms(analysed), 'ms');
  report(`analyse_vs_read_bulk_${engine}_ratio`, ratio(analysed, readBulk), 'x', { atMost: 1.5 });
  report(`analyse_all_${engine}_queries`, a.analyseQueries, 'queries');
  report(`analyse_findings_per_result`, a.findingsPerResult, 'findings');
  report(`analyse_pure_${engine}_ms`, ms(median(a.samples.pure)), 'ms');
  report(`analyse_peak_rss_${engine}_mb`, a.peakRssMb ?? a.maxRssMb, 'MB');
  report(`analyse_rss_before_${engine}_mb`, a.rssBeforeMb, 'MB');
  report(`read_scores_all_${engine}_ms`, ms(median(a.samples.readEach)), 'ms');
  if (a.samples.oneByOne.length > 0) {
    const oneByOne = median(a.samples.oneByOne);
    report(`analyse_one_by_one_${engine}_ms`, ms(oneByOne), 'ms');
    report(`analyse_one_by_one_vs_read_bulk_${engine}_ratio`, ratio(oneByOne, readBulk), 'x');
  }
}

/** Results whose outcomes from `forEachOutcome` are checked against `computeOutcome` before timing. */
const SAME_OUTCOME_SAMPLE = 25;

const bench: Bench = {
  name: 'national assessment import and analysis',
  async run(context) {
    const orgCount = Number(option('orgs') ?? 8300);
    if (!Number.isInteger(orgCount) || orgCount < 1) throw new Error(`--orgs must be a positive integer`);
    const engines = (option('engines') ?? 'postgres,pglite').split(',') as Engine[];
    for (const e of engines) if (e !== 'postgres' && e !== 'pglite') throw new Error(`unknown engine ${e}`);
    // Each figure is already a total over thousands of organisations: COPY and the import run
    // `--import-repeats` times each (the tables emptied between), the analysis `--repeats` times
    // (medians), not `--runs` times.
    const repeats = Number(option('repeats') ?? 3);
    if (!Number.isInteger(repeats) || repeats < 1) throw new Error('--repeats must be a positive integer');
    if (context.runs !== 1)
      context.log(`--runs=${context.runs} is not used here: the analysis runs --repeats=${repeats} time(s)`);
    skipOneByOne = option('one-by-one') === 'false';
    const importRepeats = Number(option('import-repeats') ?? 3);
    if (!Number.isInteger(importRepeats) || importRepeats < 1)
      throw new Error('--import-repeats must be a positive integer');
    const data = await prepare(context, orgCount);
    try {
      for (const engine of engines) {
        const canReset = resetPeakRss();
        const h = engine === 'postgres' ? await postgresHarness() : await pgliteHarness();
        try {
          await runEngine(context, h, data, repeats, importRepeats);
        } finally {
          await h.close();
        }
        context.report(`peak_rss_${engine}_mb`, peakRssMb(), 'MB');
        if (!canReset) context.log('peak RSS could not be reset: it is the peak of the whole run so far');
      }
    } finally {
      fs.rmSync(data.dir, { recursive: true, force: true });
    }
  },
};

export default bench;
