import { and, eq, inArray, sql } from 'drizzle-orm';
import type { ScoreEntry } from '#shared/assessments/scores.ts';
import type { Db } from '../../db/client.ts';
import { assessmentResults, assessmentScores, auditEvents, organizations } from '../../db/schema/index.ts';
import { fail } from '../../http/app-error.ts';
import type { CurrentRevision } from '../catalogue/catalogue.service.ts';
import type { ScoreChange } from './score-diff.ts';

type OrgRow = typeof organizations.$inferSelect;
type ResultRow = typeof assessmentResults.$inferSelect;
const CHUNK = 5000;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Organisations by code, case-insensitive, in one query per 5,000 codes. */
export async function organizationsByCode(db: Db, codes: readonly string[]): Promise<Map<string, OrgRow>> {
  const byCode = new Map<string, OrgRow>();
  for (const part of chunks([...new Set(codes.map((c) => c.toLowerCase()))])) {
    const rows = await db
      .select()
      .from(organizations)
      .where(inArray(sql`lower(${organizations.code})`, part));
    for (const r of rows) byCode.set(r.code.toLowerCase(), r);
  }
  return byCode;
}

/** Existing results of a fiscal year for these organisations, with their scores, in a few queries. */
export async function existingResults(db: Db, orgIds: readonly string[], fiscalYear: number) {
  const out = new Map<string, { result: ResultRow; scores: ScoreEntry[] }>();
  for (const part of chunks(orgIds)) {
    const results = await db
      .select()
      .from(assessmentResults)
      .where(
        and(inArray(assessmentResults.organizationId, part), eq(assessmentResults.fiscalYear, fiscalYear)),
      );
    const byId = new Map(results.map((r) => [r.id, r]));
    for (const r of results) out.set(r.organizationId, { result: r, scores: [] });
    for (const ids of chunks([...byId.keys()])) {
      const scores = await db.select().from(assessmentScores).where(inArray(assessmentScores.resultId, ids));
      for (const s of scores) {
        out.get(byId.get(s.resultId)!.organizationId)!.scores.push({
          scope: s.scope as ScoreEntry['scope'],
          code: s.code,
          score: s.score,
          passed: s.passed,
          reason: s.reason,
          recommendation: s.recommendation,
        });
      }
    }
  }
  return out;
}

export type PlannedWrite = {
  org: OrgRow;
  existing: ResultRow | undefined;
  statedLevel: string | null;
  merged: ScoreEntry[];
  changes: ScoreChange[];
  unchanged: number;
  /** How many scores the file gave for this organisation. */
  scoreCount: number;
};

/**
 * Writes many organisations' results in one transaction with set-based statements: new results in one
 * insert, scores through `unnest` arrays (no per-value parameter building), one audit row per
 * organisation. Nothing is written for organisations whose data did not change.
 */
export async function writeResults(
  tx: Db,
  actorUserId: string | null,
  fiscalYear: number,
  revision: CurrentRevision,
  writes: readonly PlannedWrite[],
  source: string,
) {
  const changed = writes.filter(
    (w) =>
      !w.existing ||
      w.changes.length > 0 ||
      (w.existing.statedLevel ?? null) !== w.statedLevel ||
      w.existing.catalogueRevisionId !== revision.id,
  );
  if (changed.length === 0) return 0;
  const resultIds = new Map<string, string>();
  const created = changed.filter((w) => !w.existing);
  for (const part of chunks(created, 1000)) {
    const rows = await tx
      .insert(assessmentResults)
      .values(
        part.map((w) => ({
          organizationId: w.org.id,
          fiscalYear,
          catalogueRevisionId: revision.id,
          statedLevel: w.statedLevel,
        })),
      )
      .returning({ id: assessmentResults.id, organizationId: assessmentResults.organizationId });
    for (const r of rows) resultIds.set(r.organizationId, r.id);
  }
  for (const w of changed.filter((x) => x.existing)) {
    const [updated] = await tx
      .update(assessmentResults)
      .set({
        statedLevel: w.statedLevel,
        catalogueRevisionId: revision.id,
        version: w.existing!.version + 1,
        updatedAt: new Date(),
      })
      .where(
        and(eq(assessmentResults.id, w.existing!.id), eq(assessmentResults.version, w.existing!.version)),
      )
      .returning({ id: assessmentResults.id });
    if (!updated) throw fail.staleVersion();
    resultIds.set(w.org.id, updated.id);
  }
  const replaced = changed.filter((w) => w.existing).map((w) => w.existing!.id);
  for (const ids of chunks(replaced))
    await tx.delete(assessmentScores).where(inArray(assessmentScores.resultId, ids));

  const rows = changed.flatMap((w) => w.merged.map((s) => ({ resultId: resultIds.get(w.org.id)!, ...s })));
  for (const part of chunks(rows, 20_000)) {
    await tx.execute(sql`
      insert into assessment_scores (result_id, scope, code, score, passed, reason, recommendation)
      select * from unnest(
        ${sql.param(part.map((r) => r.resultId))}::uuid[], ${sql.param(part.map((r) => r.scope))}::text[],
        ${sql.param(part.map((r) => r.code))}::text[], ${sql.param(part.map((r) => r.score))}::float8[],
        ${sql.param(part.map((r) => r.passed))}::boolean[], ${sql.param(part.map((r) => r.reason))}::text[],
        ${sql.param(part.map((r) => r.recommendation))}::text[])`);
  }
  // One audit row per organisation: a new result records its size (its scores are the state itself);
  // a changed one records every change, before → after.
  for (const part of chunks(changed, 1000)) {
    await tx.insert(auditEvents).values(
      part.map((w) => ({
        actorUserId,
        action: w.existing ? `assessment.${source}.update` : `assessment.${source}.create`,
        entityType: 'assessment_result',
        entityId: resultIds.get(w.org.id)!,
        organizationId: w.org.id,
        before: w.existing ? { version: w.existing.version, statedLevel: w.existing.statedLevel } : null,
        after: w.existing
          ? { version: w.existing.version + 1, statedLevel: w.statedLevel, changes: w.changes }
          : { version: 1, statedLevel: w.statedLevel, scores: w.merged.length },
      })),
    );
  }
  return changed.length;
}
