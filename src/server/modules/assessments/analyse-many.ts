import { and, asc, desc, lt, sql } from 'drizzle-orm';
import type { AnalysisOutcome, AnalysisSettings } from '#shared/assessments/analysis.ts';
import type { EditionGrouping } from '#shared/catalogue/edition.schema.ts';
import type { Db } from '../../db/client.ts';
import { assessmentResults, plans } from '../../db/schema/index.ts';
import { type CurrentRevision, groupingsFor, revisionById } from '../catalogue/catalogue.service.ts';
import { narrativeTemplates } from '../catalogue/narrative-templates.ts';
import { editionWithSupplied } from '../catalogue/supplied-questions.service.ts';
import { computeOutcome } from './analyses.service.ts';
import { analyse } from './analysis/analyse.ts';
import { scoresByResult } from './bulk-scores.ts';
import { previousMeasuresFor } from './previous-measures.service.ts';

type ResultRow = typeof assessmentResults.$inferSelect;

/** Results whose scores (theirs and their previous year's) are read and analysed together. */
export const ANALYSE_CHUNK = 2000;

/**
 * The analyses of many results with one set of settings, each the outcome `computeOutcome` gives for
 * it, in a number of queries that does not grow with each result: the catalogue revisions once (they
 * are cached; each edition with what agencies supplied for it), the previous results of every organisation in one query, the scores in bulk
 * (`scoresByResult`, for `ANALYSE_CHUNK` results and their previous years at a time; the next
 * chunk is read while this one is analysed), then the pure `analyse()` per result, and last year's measures
 * (`previousMeasuresFor`) for the organisations that have a plan of that year. Outcomes in the order
 * of `results`.
 *
 * A national analysis (8,300 results) holds ~50 KB of outcome per result: callers that do not keep
 * every outcome use `forEachOutcome`.
 */
export async function computeOutcomes(
  db: Db,
  results: readonly ResultRow[],
  settings: AnalysisSettings,
): Promise<AnalysisOutcome[]> {
  const outcomes: AnalysisOutcome[] = [];
  await forEachOutcome(db, results, settings, (outcome) => {
    outcomes.push(outcome);
  });
  return outcomes;
}

/**
 * `computeOutcomes` one outcome at a time, in the order of `results`: `each` receives the outcome, its
 * result and its index, and may be async (it is awaited before the next). Nothing is kept.
 */
export async function forEachOutcome(
  db: Db,
  results: readonly ResultRow[],
  settings: AnalysisSettings,
  each: (outcome: AnalysisOutcome, result: ResultRow, index: number) => void | Promise<void>,
  chunkSize = ANALYSE_CHUNK,
): Promise<void> {
  if (results.length === 0) return;
  const revisions = await revisionsOf(
    db,
    results.map((r) => r.catalogueRevisionId),
  );
  const groupings = await groupingsByRevision(db, results, revisions, settings);
  const previousRows = await previousResults(db, results);
  const previousRevisions = await revisionsOf(
    db,
    [...previousRows.values()].map((p) => p.catalogueRevisionId),
  );
  const planned = await plannedYears(db, results);
  const templates = narrativeTemplates();

  const scoresOfChunk = (from: number) => {
    const ids: string[] = [];
    for (const r of results.slice(from, from + chunkSize)) {
      ids.push(r.id);
      const previous = previousRows.get(r.id);
      if (previous) ids.push(previous.id);
    }
    return scoresByResult(db, [...new Set(ids)]);
  };
  let next = scoresOfChunk(0);
  for (let from = 0; from < results.length; from += chunkSize) {
    const scores = await next;
    // Read the next chunk while this one is analysed (on a server pool it runs on another connection).
    if (from + chunkSize < results.length) {
      next = scoresOfChunk(from + chunkSize);
      // A failure of the read ahead is met when it is awaited; until then it must not count as unhandled.
      next.catch(() => {});
      // Let the query go out before the analysis below holds the thread: the server reads while we analyse.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const end = Math.min(results.length, from + chunkSize);
    for (let i = from; i < end; i++) {
      const result = results[i]!;
      const revision = revisions.get(result.catalogueRevisionId)!;
      const previousRow = previousRows.get(result.id);
      const outcome = analyse({
        fiscalYear: result.fiscalYear,
        edition: revision.edition,
        groupings: groupings.get(result.catalogueRevisionId) ?? [],
        scores: scores.get(result.id) ?? [],
        statedLevel: result.statedLevel,
        previous: previousRow
          ? {
              fiscalYear: previousRow.fiscalYear,
              edition: previousRevisions.get(previousRow.catalogueRevisionId)!.edition,
              scores: scores.get(previousRow.id) ?? [],
            }
          : null,
        settings,
        templates,
      });
      // Closing the loop, as computeOutcome does, through the same service: only for an organisation
      // with a plan of that year (the one query above), for no other can there be measures to show.
      if (planned.has(`${result.organizationId}:${result.fiscalYear}`)) {
        outcome.previousMeasures = await previousMeasuresFor(db, result, outcome);
      }
      await each(outcome, result, i);
    }
  }
}

/**
 * The revisions by id, each with the edition as `computeOutcome` reads it: the catalogue's, with the
 * questions and wording agencies supplied for its year (`editionWithSupplied`).
 */
async function revisionsOf(db: Db, ids: readonly string[]): Promise<Map<string, CurrentRevision>> {
  const out = new Map<string, CurrentRevision>();
  for (const id of new Set(ids)) {
    const revision = await revisionById(db, id);
    out.set(id, { ...revision, edition: await editionWithSupplied(db, revision) });
  }
  return out;
}

/**
 * The groupings a catalogue grouping needs, per revision of the results (one read of the catalogue
 * index per edition). An edition without the chosen grouping is refused as `computeOutcome` refuses
 * it: by `computeOutcome` itself, on the first result of that edition.
 */
async function groupingsByRevision(
  db: Db,
  results: readonly ResultRow[],
  revisions: ReadonlyMap<string, CurrentRevision>,
  settings: AnalysisSettings,
): Promise<Map<string, readonly EditionGrouping[]>> {
  const out = new Map<string, readonly EditionGrouping[]>();
  const choice = settings.grouping;
  if (choice.kind !== 'catalogue') return out;
  for (const [id, revision] of revisions) {
    const groupings = await groupingsFor(db, revision.edition);
    if (!groupings.some((g) => g.code === choice.code)) {
      await computeOutcome(db, results.find((r) => r.catalogueRevisionId === id)!, settings);
      throw new Error(`the ${revision.fiscalYear} edition has no grouping "${choice.code}"`);
    }
    out.set(id, groupings);
  }
  return out;
}

/**
 * `organizationId:fiscalYear` of the results whose organisation has a plan (any version, any status)
 * for that fiscal year: the only ones `previousMeasuresFor` can find measures for.
 */
async function plannedYears(db: Db, results: readonly ResultRow[]): Promise<Set<string>> {
  const orgIds = [...new Set(results.map((r) => r.organizationId))];
  const years = [...new Set(results.map((r) => r.fiscalYear))];
  const rows = await db
    .selectDistinct({ organizationId: plans.organizationId, fiscalYear: plans.fiscalYear })
    .from(plans)
    .where(
      and(
        sql`${plans.organizationId} = any(${sql.param(orgIds)}::uuid[])`,
        sql`${plans.fiscalYear} = any(${sql.param(years)}::int[])`,
      ),
    );
  return new Set(rows.map((r) => `${r.organizationId}:${r.fiscalYear}`));
}

/**
 * Per result id, the organisation's latest result of an earlier fiscal year (what `computeOutcome`
 * compares with), from one query over every organisation of `results`.
 */
async function previousResults(db: Db, results: readonly ResultRow[]): Promise<Map<string, ResultRow>> {
  const orgIds = [...new Set(results.map((r) => r.organizationId))];
  const latestYear = Math.max(...results.map((r) => r.fiscalYear));
  const rows = await db
    .select()
    .from(assessmentResults)
    .where(
      and(
        sql`${assessmentResults.organizationId} = any(${sql.param(orgIds)}::uuid[])`,
        lt(assessmentResults.fiscalYear, latestYear),
      ),
    )
    .orderBy(asc(assessmentResults.organizationId), desc(assessmentResults.fiscalYear));
  const byOrg = new Map<string, ResultRow[]>();
  for (const row of rows) {
    const list = byOrg.get(row.organizationId);
    if (list) list.push(row);
    else byOrg.set(row.organizationId, [row]);
  }
  const out = new Map<string, ResultRow>();
  for (const r of results) {
    // Newest first: the first earlier year is the one compared with.
    const previous = byOrg.get(r.organizationId)?.find((p) => p.fiscalYear < r.fiscalYear);
    if (previous) out.set(r.id, previous);
  }
  return out;
}
