import { fork } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { asc, eq, inArray } from 'drizzle-orm';
import { type Database, type Db, fromPglite, fromPostgres } from '../../src/server/db/client.ts';
import { assessmentResults, assessmentScores } from '../../src/server/db/schema/index.ts';
import type { Actor } from '../../src/server/http/actor.ts';
import { computeOutcomes, forEachOutcome } from '../../src/server/modules/assessments/analyse-many.ts';
import { computeOutcome } from '../../src/server/modules/assessments/analyses.service.ts';
import { analyse } from '../../src/server/modules/assessments/analysis/analyse.ts';
import { scoresOf } from '../../src/server/modules/assessments/assessments.service.ts';
import { importAssessments } from '../../src/server/modules/assessments/import-assessments.ts';
import { revisionById } from '../../src/server/modules/catalogue/catalogue.service.ts';
import { narrativeTemplates } from '../../src/server/modules/catalogue/narrative-templates.ts';
import { type AnalysisSettings, analysisSettingsSchema } from '../../src/shared/assessments/analysis.ts';
import type { ScoreEntry } from '../../src/shared/assessments/scores.ts';
import { QueryTimer, timePgliteQueries, timePgQueries } from './query-timer.ts';

/**
 * The sections of the national bench whose time and memory are the product's, each in a process of
 * its own so that neither its memory nor its garbage collector carries the bench's dataset (~0.7 GB
 * at 8,300 organisations): `runInChild` forks this file, which opens the same database (the
 * PostgreSQL server's URL, or the PGlite data directory the parent has closed), runs the section and
 * answers with what it measured.
 *
 * - `import`: reads the files, previews a small warm-up file (commit: false, nothing written: the
 *   code is compiled as in a server that has run before), then `importAssessments(commit: true)`
 *   on every file;
 * - `analysis`: the product path `forEachOutcome` over every result of the year (checked equal to
 *   `computeOutcome` on a sample first) against reading the scores in bulk, the pure `analyse()`, and
 *   the path before it: `scoresOf` and `computeOutcome` one result at a time.
 */
type Target = {
  engine: 'postgres' | 'pglite' /** the server's URL, or PGlite's data directory */;
  target: string;
};

export type ImportRequest = Target & {
  section: 'import';
  actor: Actor;
  fiscalYear: number;
  files: { fileName: string; path: string }[];
  warmup: { fileName: string; path: string } | null;
};

export type AnalysisRequest = Target & {
  section: 'analysis';
  fiscalYear: number;
  repeats: number;
  oneByOne: boolean;
  /** Results whose `forEachOutcome` outcome is checked against `computeOutcome` before timing. */
  sample: number;
};

type Memory = {
  /** Resident set just before the measured part (modules loaded, files read, warm-up done). */
  rssBeforeMb: number;
  /** Peak resident set during the measured part (VmHWM reset just before); null where it cannot be reset. */
  peakRssMb: number | null;
  /** Peak resident set over the child's whole life (`process.resourceUsage().maxRSS`). */
  maxRssMb: number;
};

type ByKind = [string, { count: number; ms: number }][];

export type ImportResult = Memory & {
  ms: number;
  /** Queries by kind (`insert assessment_results`, `copy assessment_scores`, …). */
  byKind: ByKind;
  organisations: number;
  warnings: number;
  committed: boolean;
};

export type AnalysisResult = Memory & {
  results: number;
  /** Per repeat: `forEachOutcome` of every result, the bulk read, the pure analysis, one by one. */
  samples: { analyse: number[]; readBulk: number[]; pure: number[]; readEach: number[]; oneByOne: number[] };
  analyseQueries: number;
  analyseByKind: ByKind;
  oneByOneByKind: ByKind;
  findingsPerResult: number;
};

type Request = ImportRequest | AnalysisRequest;
type Result<R> = R extends ImportRequest ? ImportResult : AnalysisResult;

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

function peakRssMb(): number | null {
  try {
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    const kb = /^VmHWM:\s+(\d+)/m.exec(status)?.[1];
    return kb === undefined ? null : Math.round(Number(kb) / 1024);
  } catch {
    return null;
  }
}

function resetPeakRss(): boolean {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** Starts the memory measure (after a full collection); `end()` gives the figures. */
function memoryWindow() {
  (globalThis as { gc?: () => void }).gc?.();
  const rssBeforeMb = mb(process.memoryUsage.rss());
  const canReset = resetPeakRss();
  return {
    end: (): Memory => ({
      rssBeforeMb,
      peakRssMb: canReset ? peakRssMb() : null,
      maxRssMb: mb(process.resourceUsage().maxRSS * 1024),
    }),
  };
}

async function open(request: Target, timer: QueryTimer): Promise<{ database: Database; untime: () => void }> {
  if (request.engine === 'postgres') {
    const untime = timePgQueries(timer);
    return { database: fromPostgres(request.target), untime };
  }
  const client = await PGlite.create(request.target);
  timePgliteQueries(client, timer);
  return { database: fromPglite(client), untime: () => {} };
}

async function runImport(request: ImportRequest, db: Db, timer: QueryTimer): Promise<ImportResult> {
  const read = (f: { fileName: string; path: string }) => ({
    fileName: f.fileName,
    bytes: new Uint8Array(fs.readFileSync(f.path)),
  });
  if (request.warmup) {
    const { fileName, bytes } = read(request.warmup);
    await importAssessments(db, request.actor, {
      fileName,
      bytes,
      fiscalYear: request.fiscalYear,
      commit: false,
    });
  }
  const files = request.files.map(read);
  const memory = memoryWindow();
  let organisations = 0;
  let warnings = 0;
  let committed = true;
  const measured = await timer.measure(async () => {
    for (const file of files) {
      const preview = await importAssessments(db, request.actor, {
        fileName: file.fileName,
        bytes: file.bytes,
        fiscalYear: request.fiscalYear,
        commit: true,
      });
      organisations += preview.organizations.length;
      warnings += preview.warnings.length;
      committed &&= preview.committed;
    }
  });
  return {
    ...memory.end(),
    ms: measured.ms,
    byKind: [...timer.byKind.entries()],
    organisations,
    warnings,
    committed,
  };
}

/** Every score of the fiscal year in one query, grouped by result as `scoresOf` gives them. */
export async function bulkScores(db: Db, fiscalYear: number): Promise<Map<string, ScoreEntry[]>> {
  const rows = await db
    .select()
    .from(assessmentScores)
    .where(
      inArray(
        assessmentScores.resultId,
        db
          .select({ id: assessmentResults.id })
          .from(assessmentResults)
          .where(eq(assessmentResults.fiscalYear, fiscalYear)),
      ),
    )
    .orderBy(asc(assessmentScores.resultId), asc(assessmentScores.scope), asc(assessmentScores.code));
  const out = new Map<string, ScoreEntry[]>();
  for (const r of rows) {
    let list = out.get(r.resultId);
    if (!list) {
      list = [];
      out.set(r.resultId, list);
    }
    list.push({
      scope: r.scope as ScoreEntry['scope'],
      code: r.code,
      score: r.score,
      passed: r.passed,
      reason: r.reason,
      recommendation: r.recommendation,
    });
  }
  return out;
}

/** The bench times the product path only if it gives what `computeOutcome` gives. */
async function checkSameOutcomes(
  db: Db,
  results: (typeof assessmentResults.$inferSelect)[],
  settings: AnalysisSettings,
) {
  const batch = await computeOutcomes(db, results, settings);
  for (const [i, r] of results.entries()) {
    if (!isDeepStrictEqual(batch[i], await computeOutcome(db, r, settings))) {
      throw new Error(`computeOutcomes and computeOutcome differ for result ${r.id}`);
    }
  }
}

async function runAnalysis(request: AnalysisRequest, db: Db, timer: QueryTimer): Promise<AnalysisResult> {
  const results = await db
    .select()
    .from(assessmentResults)
    .where(eq(assessmentResults.fiscalYear, request.fiscalYear))
    .orderBy(asc(assessmentResults.organizationId));
  const settings = analysisSettingsSchema.parse({});
  // Also the warm-up: every path below has run once before it is timed (the parent has read the
  // scores once on the server's side, so that the first timed read does not pay for cold pages).
  await checkSameOutcomes(db, results.slice(0, request.sample), settings);
  const samples: AnalysisResult['samples'] = {
    analyse: [],
    readBulk: [],
    pure: [],
    readEach: [],
    oneByOne: [],
  };
  let analyseQueries = 0;
  let analyseByKind: ByKind = [];
  let oneByOneByKind: ByKind = [];
  let findings = 0;
  const memory = memoryWindow();
  let memoryOfAnalysis: Memory | null = null;
  const collect = () => (globalThis as { gc?: () => void }).gc?.();
  for (let run = 0; run < request.repeats; run++) {
    // The product path: computeOutcomes' one-at-a-time form (a national run keeps no 8,300 outcomes).
    // Each timed part starts on a collected heap: what the part before left is not its garbage.
    if (run > 0) collect();
    findings = 0;
    const analysed = await timer.measure(() =>
      forEachOutcome(db, results, settings, (outcome) => {
        for (const g of outcome.groups) findings += g.findings.length;
      }),
    );
    samples.analyse.push(analysed.ms);
    analyseByKind = [...timer.byKind.entries()];
    analyseQueries = analyseByKind.reduce((a, [, e]) => a + e.count, 0);
    memoryOfAnalysis ??= memory.end();
    collect();
    const bulk = await timer.measure(() => bulkScores(db, request.fiscalYear));
    samples.readBulk.push(bulk.ms);
    let scores: Map<string, ScoreEntry[]> | null = bulk.value;
    // The pure analysis alone, on scores already in memory (CPU only).
    const templates = narrativeTemplates();
    const { edition } = await revisionById(db, results[0]!.catalogueRevisionId);
    collect();
    const started = performance.now();
    for (const r of results) {
      analyse({
        fiscalYear: r.fiscalYear,
        edition,
        groupings: [],
        scores: scores.get(r.id) ?? [],
        statedLevel: r.statedLevel,
        previous: null,
        settings,
        templates,
      });
    }
    samples.pure.push(performance.now() - started);
    scores = null;
    // Before: one result at a time, as the services read one (scoresOf; computeOutcome), once.
    if (run > 0) continue;
    collect();
    const each = await timer.measure(async () => {
      for (const r of results) await scoresOf(db, r.id);
    });
    samples.readEach.push(each.ms);
    if (request.oneByOne && run === 0) {
      collect();
      const oneByOne = await timer.measure(async () => {
        for (const r of results) await computeOutcome(db, r, settings);
      });
      samples.oneByOne.push(oneByOne.ms);
      oneByOneByKind = [...timer.byKind.entries()];
    }
  }
  return {
    ...memoryOfAnalysis!,
    results: results.length,
    samples,
    analyseQueries,
    analyseByKind,
    oneByOneByKind,
    findingsPerResult: Math.round((findings / Math.max(1, results.length)) * 10) / 10,
  };
}

async function run(request: Request): Promise<ImportResult | AnalysisResult> {
  const timer = new QueryTimer();
  const { database, untime } = await open(request, timer);
  try {
    return request.section === 'import'
      ? await runImport(request, database.db, timer)
      : await runAnalysis(request, database.db, timer);
  } finally {
    await database.close();
    untime();
  }
}

/** Forks this file, runs the section there and returns what it measured (rejects with its error). */
export function runInChild<R extends Request>(request: R): Promise<Result<R>> {
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let answer: { ok: true; result: Result<R> } | { ok: false; error: string } | undefined;
    child.on('message', (message) => {
      answer = message as typeof answer;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (answer?.ok) resolve(answer.result);
      else
        reject(
          new Error(answer ? answer.error : `the bench's child process exited with ${code} and no answer`),
        );
    });
    child.send(request);
  });
}

// In the child: one request, one answer, then exit.
if (process.send && process.argv[1] === fileURLToPath(import.meta.url)) {
  process.once('message', (request: Request) => {
    run(request).then(
      (result) => process.send!({ ok: true, result }, () => process.exit(0)),
      (error: unknown) =>
        process.send!(
          { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) },
          () => process.exit(1),
        ),
    );
  });
}
