import { and, asc, desc, eq, gt, inArray, like, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import type { SaveResult } from '#shared/assessments/contract.ts';
import type { ScoreEntry } from '#shared/assessments/scores.ts';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import type { Db } from '../../db/client.ts';
import { assessmentResults, assessmentScores, organizations } from '../../db/schema/index.ts';
import { type Actor, ALL_ROLES, scopeRoots } from '../../http/actor.ts';
import { detail, fail } from '../../http/app-error.ts';
import { decodeCursor, encodeCursor, LIST_LIMIT_DEFAULT } from '../../http/list-cursor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type CurrentRevision, currentRevision, revisionById } from '../catalogue/catalogue.service.ts';
import { editionWithSupplied } from '../catalogue/supplied-questions.service.ts';
import { readableOrganizationRow } from '../organizations/organizations.service.ts';
import { deriveFigures } from './analysis/derive.ts';
import { ScoreIndex } from './analysis/score-index.ts';
import { assessmentPolicy } from './assessments.policy.ts';
import { checkScoresAgainstEdition } from './edition-codes.ts';
import { diffScores } from './score-diff.ts';

type ResultRow = typeof assessmentResults.$inferSelect;
type OrgRow = typeof organizations.$inferSelect;
const NOT_FOUND = { th: 'ผลการประเมิน', en: 'Assessment result' };

export async function editionForYear(
  db: Db,
  editionYear: number,
  field = 'editionYear',
): Promise<CurrentRevision> {
  const revision = await currentRevision(db, editionYear);
  if (!revision) {
    throw fail.validation([
      detail(
        field,
        `ไม่มีกรอบการประเมินปี ${editionYear} ในระบบ`,
        `there is no ${editionYear} edition in the catalogue`,
      ),
    ]);
  }
  return revision;
}

export async function scoresOf(db: Db, resultId: string): Promise<ScoreEntry[]> {
  return (await scoresOfMany(db, [resultId])).get(resultId) ?? [];
}

/** The scores of many results, by result id, in a few queries (1,000 results a query). */
export async function scoresOfMany(db: Db, resultIds: readonly string[]): Promise<Map<string, ScoreEntry[]>> {
  const byResult = new Map<string, ScoreEntry[]>();
  for (let i = 0; i < resultIds.length; i += 1000) {
    const rows = await db
      .select()
      .from(assessmentScores)
      .where(inArray(assessmentScores.resultId, resultIds.slice(i, i + 1000)))
      .orderBy(asc(assessmentScores.scope), asc(assessmentScores.code));
    for (const r of rows) {
      const list = byResult.get(r.resultId) ?? [];
      list.push({
        scope: r.scope as ScoreEntry['scope'],
        code: r.code,
        score: r.score,
        passed: r.passed,
        reason: r.reason,
        recommendation: r.recommendation,
      });
      byResult.set(r.resultId, list);
    }
  }
  return byResult;
}

export async function findResult(db: Db, organizationId: string, fiscalYear: number) {
  const [row] = await db
    .select()
    .from(assessmentResults)
    .where(
      and(eq(assessmentResults.organizationId, organizationId), eq(assessmentResults.fiscalYear, fiscalYear)),
    );
  return row;
}

/**
 * Writes one organisation's scores for a fiscal year inside the caller's transaction, records what
 * changed in the audit trail, and does nothing at all when nothing changed (re-imports are idempotent).
 */
export async function applyScores(
  tx: Db,
  actor: { userId: string | null },
  input: {
    org: OrgRow;
    fiscalYear: number;
    revision: CurrentRevision;
    statedLevel: string | null;
    scores: readonly ScoreEntry[];
    mode: 'merge' | 'replace';
    expectedVersion?: number | undefined;
    source: string;
  },
) {
  const existing = await findResult(tx, input.org.id, input.fiscalYear);
  if (existing && input.expectedVersion !== undefined && existing.version !== input.expectedVersion) {
    throw fail.staleVersion();
  }
  if (existing && existing.catalogueRevisionId !== input.revision.id) {
    const prior = await revisionById(tx, existing.catalogueRevisionId);
    if (prior.fiscalYear !== input.revision.fiscalYear && input.mode === 'merge') {
      throw fail.validation([
        detail(
          'editionYear',
          `ผลการประเมินปี ${input.fiscalYear} ของหน่วยงานนี้ใช้กรอบปี ${prior.fiscalYear} อยู่แล้ว`,
          `this organisation's ${input.fiscalYear} result already follows the ${prior.fiscalYear} edition`,
        ),
      ]);
    }
  }
  const before = existing ? await scoresOf(tx, existing.id) : [];
  const { changes, unchanged, merged } = diffScores(before, input.scores, input.mode);
  const statedLevel = input.statedLevel ?? (input.mode === 'merge' ? (existing?.statedLevel ?? null) : null);
  const levelChanged = (existing?.statedLevel ?? null) !== statedLevel;
  if (
    existing &&
    changes.length === 0 &&
    !levelChanged &&
    existing.catalogueRevisionId === input.revision.id
  ) {
    return { result: existing, changes, unchanged, created: false };
  }
  let result: ResultRow;
  if (existing) {
    const [updated] = await tx
      .update(assessmentResults)
      .set({
        statedLevel,
        catalogueRevisionId: input.revision.id,
        version: existing.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(assessmentResults.id, existing.id), eq(assessmentResults.version, existing.version)))
      .returning();
    if (!updated) throw fail.staleVersion();
    result = updated;
    await tx.delete(assessmentScores).where(eq(assessmentScores.resultId, existing.id));
  } else {
    const [created] = await tx
      .insert(assessmentResults)
      .values({
        organizationId: input.org.id,
        fiscalYear: input.fiscalYear,
        catalogueRevisionId: input.revision.id,
        statedLevel,
      })
      .returning();
    result = created!;
  }
  if (merged.length > 0) {
    await tx.insert(assessmentScores).values(merged.map((s) => ({ resultId: result.id, ...s })));
  }
  await recordAudit(tx, {
    actorUserId: actor.userId,
    action: existing ? `assessment.${input.source}.update` : `assessment.${input.source}.create`,
    entityType: 'assessment_result',
    entityId: result.id,
    organizationId: input.org.id,
    before: existing ? { version: existing.version, statedLevel: existing.statedLevel } : null,
    after: { version: result.version, statedLevel, changes },
  });
  return { result, changes, unchanged, created: !existing };
}

async function writableOrg(db: Db, actor: Actor, organizationId: string) {
  const org = await readableOrganizationRow(db, actor, organizationId);
  if (!assessmentPolicy.write(actor, org.path)) throw fail.forbidden();
  return org;
}

export async function saveResult(db: Db, actor: Actor, input: SaveResult) {
  const org = await writableOrg(db, actor, input.organizationId);
  const revision = await editionForYear(db, input.editionYear ?? input.fiscalYear);
  // Questions agencies supplied for the edition (2569 IIT/EIT) may be entered like the catalogue's.
  const errors = checkScoresAgainstEdition(await editionWithSupplied(db, revision), input.scores);
  if (errors.length > 0) throw fail.validation(errors);
  const { result } = await db.transaction((tx) =>
    applyScores(tx, actor, {
      org,
      fiscalYear: input.fiscalYear,
      revision,
      statedLevel: input.statedLevel,
      scores: input.scores,
      mode: 'replace',
      expectedVersion: input.version,
      source: 'form',
    }),
  );
  return getResult(db, actor, result.id);
}

function summarize(row: ResultRow, org: OrgRow, edition: Edition, scores: ScoreEntry[]) {
  const figures = deriveFigures(edition, new ScoreIndex(edition, scores));
  const total = figures.total.value;
  const level = figures.level.computed;
  return {
    id: row.id,
    organizationId: org.id,
    organizationCode: org.code,
    organizationNameTh: org.nameTh,
    fiscalYear: row.fiscalYear,
    editionYear: edition.fiscal_year,
    total,
    totalDerived: figures.total.stated === null && total !== null,
    totalDiffersFrom: figures.total.differs ? figures.total.derived : null,
    statedLevel: row.statedLevel,
    computedLevel: level,
    computedLevelName_th: edition.levels.levels.find((l) => l.code === level)?.name_th ?? null,
    scoreCount: scores.length,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function readableResult(db: Db, actor: Actor, id: string) {
  const [row] = await db.select().from(assessmentResults).where(eq(assessmentResults.id, id));
  if (!row) throw fail.notFound(NOT_FOUND);
  const org = await readableOrganizationRow(db, actor, row.organizationId);
  if (!assessmentPolicy.read(actor, org.path)) throw fail.forbidden();
  return { row, org };
}

export async function getResult(db: Db, actor: Actor, id: string) {
  const { row, org } = await readableResult(db, actor, id);
  const revision = await revisionById(db, row.catalogueRevisionId);
  const edition = await editionWithSupplied(db, revision);
  const scores = await scoresOf(db, id);
  return { ...summarize(row, org, edition, scores), scores };
}

type ResultFilter = { organizationId?: string; fiscalYear?: number };
/** The sort key of the results list after which a page starts: newest year first, then the tree, then id. */
const resultCursor = z.tuple([z.number().int(), z.string(), z.uuid()]);
type ResultPageInput = { limit?: number; cursor?: string | undefined };

/**
 * Results the caller reads, each with its scores (the list route sends them without), newest year
 * first, then in tree order, ties by id. Reads in a constant number of queries however many results:
 * the rows, their scores, and each edition they follow once. With `page.limit` it reads one page
 * after `page.cursor` (keyset) and says where the next one starts.
 */
export async function listResultsWithScores(db: Db, actor: Actor, filter: ResultFilter) {
  return (await resultsPage(db, actor, filter, {})).items;
}

async function resultsPage(db: Db, actor: Actor, filter: ResultFilter, page: ResultPageInput) {
  const roots = scopeRoots(actor, ALL_ROLES);
  const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor, resultCursor);
  if (roots.length === 0) return { items: [], nextCursor: null };
  let prefix: string | null = null;
  if (filter.organizationId) prefix = (await readableOrganizationRow(db, actor, filter.organizationId)).path;
  const scope = roots.includes(null) ? undefined : or(...roots.map((r) => like(organizations.path, `${r}%`)));
  const query = db
    .select({ result: assessmentResults, org: organizations })
    .from(assessmentResults)
    .innerJoin(organizations, eq(organizations.id, assessmentResults.organizationId))
    .where(
      and(
        scope,
        prefix ? like(organizations.path, `${prefix}%`) : undefined,
        filter.fiscalYear ? eq(assessmentResults.fiscalYear, filter.fiscalYear) : undefined,
        after
          ? or(
              lt(assessmentResults.fiscalYear, after[0]),
              and(
                eq(assessmentResults.fiscalYear, after[0]),
                or(
                  gt(organizations.path, after[1]),
                  and(eq(organizations.path, after[1]), gt(assessmentResults.id, after[2])),
                ),
              ),
            )
          : undefined,
      ),
    )
    .orderBy(desc(assessmentResults.fiscalYear), asc(organizations.path), asc(assessmentResults.id));
  const fetched = page.limit === undefined ? await query : await query.limit(page.limit + 1);
  const more = page.limit !== undefined && fetched.length > page.limit;
  const rows = more ? fetched.slice(0, page.limit) : fetched;
  const revisions = new Map<string, Edition>();
  const allScores = await scoresOfMany(
    db,
    rows.map((r) => r.result.id),
  );
  const items = [];
  for (const { result, org } of rows) {
    if (!revisions.has(result.catalogueRevisionId)) {
      revisions.set(
        result.catalogueRevisionId,
        await editionWithSupplied(db, await revisionById(db, result.catalogueRevisionId)),
      );
    }
    const scores = allScores.get(result.id) ?? [];
    items.push({ ...summarize(result, org, revisions.get(result.catalogueRevisionId)!, scores), scores });
  }
  const last = rows[rows.length - 1];
  const nextCursor =
    more && last ? encodeCursor([last.result.fiscalYear, last.org.path, last.result.id]) : null;
  return { items, nextCursor };
}

/** One page of the results list (`limit` rows after `cursor`), without the scores. */
export async function listResults(
  db: Db,
  actor: Actor,
  filter: ResultFilter & { limit?: number; cursor?: string | undefined },
) {
  const { limit = LIST_LIMIT_DEFAULT, cursor, ...rest } = filter;
  const { items, nextCursor } = await resultsPage(db, actor, rest, { limit, cursor });
  return { items: items.map(({ scores: _scores, ...summary }) => summary), nextCursor };
}
