import { and, asc, desc, eq, inArray, lt } from 'drizzle-orm';
import type { AnalysisOutcome, AnalysisSettings } from '#shared/assessments/analysis.ts';
import type { Analysis } from '#shared/assessments/contract.ts';
import type { Db } from '../../db/client.ts';
import { analyses, analysisNarratives, assessmentResults } from '../../db/schema/index.ts';
import type { Actor } from '../../http/actor.ts';
import { fail } from '../../http/app-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { groupingsFor, revisionById } from '../catalogue/catalogue.service.ts';
import { narrativeTemplates } from '../catalogue/narrative-templates.ts';
import { editionWithSupplied } from '../catalogue/supplied-questions.service.ts';
import { analyse } from './analysis/analyse.ts';
import { assessmentPolicy } from './assessments.policy.ts';
import { readableResult, scoresOf } from './assessments.service.ts';
import { previousMeasuresFor } from './previous-measures.service.ts';

type AnalysisRow = typeof analyses.$inferSelect;
type ResultRow = typeof assessmentResults.$inferSelect;
const NOT_FOUND = { th: 'การวิเคราะห์', en: 'Analysis' };

/** Runs the analysis of a result with the given settings against the data as it is now. */
export async function computeOutcome(
  db: Db,
  result: ResultRow,
  settings: AnalysisSettings,
): Promise<AnalysisOutcome> {
  const revision = await revisionById(db, result.catalogueRevisionId);
  // The catalogue's edition with the questions and wording agencies supplied for it (2569 IIT/EIT).
  const edition = await editionWithSupplied(db, revision);
  const [previousRow] = await db
    .select()
    .from(assessmentResults)
    .where(
      and(
        eq(assessmentResults.organizationId, result.organizationId),
        lt(assessmentResults.fiscalYear, result.fiscalYear),
      ),
    )
    .orderBy(desc(assessmentResults.fiscalYear))
    .limit(1);
  const previous = previousRow
    ? {
        fiscalYear: previousRow.fiscalYear,
        edition: await editionWithSupplied(db, await revisionById(db, previousRow.catalogueRevisionId)),
        scores: await scoresOf(db, previousRow.id),
      }
    : null;
  const choice = settings.grouping;
  // Only a catalogue grouping needs the editions it may reuse groupings from.
  const groupings = choice.kind === 'catalogue' ? await groupingsFor(db, edition) : [];
  if (choice.kind === 'catalogue' && !groupings.some((g) => g.code === choice.code)) {
    throw fail.validation([
      {
        path: 'settings.grouping.code',
        message_th: `กรอบการประเมินปี ${revision.fiscalYear} ไม่มีการจัดกลุ่ม "${choice.code}"`,
        message_en: `the ${revision.fiscalYear} edition has no grouping "${choice.code}"`,
      },
    ]);
  }
  const outcome = analyse({
    fiscalYear: result.fiscalYear,
    edition,
    groupings,
    scores: await scoresOf(db, result.id),
    statedLevel: result.statedLevel,
    previous,
    settings,
    templates: narrativeTemplates(),
  });
  // Closing the loop: last year's measures that answered this result, read against its yoy rows.
  outcome.previousMeasures = await previousMeasuresFor(db, result, outcome);
  return outcome;
}

/**
 * Outcomes stored before the analysis derived its figures (no `figures`) are computed again for
 * display with their own settings, so every screen and document meets one shape; nothing is written.
 */
async function currentShape(db: Db, row: AnalysisRow): Promise<AnalysisOutcome> {
  const stored = row.outcome as Partial<AnalysisOutcome>;
  if (stored.figures && stored.indicatorExtremes) return stored as AnalysisOutcome;
  const [result] = await db.select().from(assessmentResults).where(eq(assessmentResults.id, row.resultId));
  return computeOutcome(db, result!, row.settings as AnalysisSettings);
}

async function toAnalysis(
  db: Db,
  row: AnalysisRow,
  orgNameTh: string,
  organizationId: string,
  /** The analysis's narratives when the caller read them already (a list reads them all at once). */
  known?: (typeof analysisNarratives.$inferSelect)[],
): Promise<Analysis> {
  const outcome = await currentShape(db, row);
  const hashes = new Map(outcome.groups.flatMap((g) => g.findings.map((f) => [f.key, f.numbersHash])));
  const narratives =
    known ?? (await db.select().from(analysisNarratives).where(eq(analysisNarratives.analysisId, row.id)));
  return {
    id: row.id,
    resultId: row.resultId,
    organizationId,
    organizationNameTh: orgNameTh,
    title: row.title,
    settings: row.settings as AnalysisSettings,
    outcome,
    narratives: narratives.map((n) => ({
      findingKey: n.findingKey,
      text: n.text,
      stale: hashes.get(n.findingKey) !== n.numbersHash,
      editedAt: n.editedAt.toISOString(),
    })),
    limitations: row.limitations,
    version: row.version,
    computedAt: row.computedAt.toISOString(),
  };
}

function defaultTitle(settings: AnalysisSettings, fiscalYear: number) {
  return `วิเคราะห์ผลการประเมิน ITA ปี ${fiscalYear} (เกณฑ์ ${settings.urgentBelow})`;
}

export async function createAnalysis(
  db: Db,
  actor: Actor,
  resultId: string,
  input: { title?: string | undefined; settings: AnalysisSettings },
) {
  const { row: result, org } = await readableResult(db, actor, resultId);
  if (!assessmentPolicy.write(actor, org.path)) throw fail.forbidden();
  const outcome = await computeOutcome(db, result, input.settings);
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(analyses)
      .values({
        resultId,
        title: input.title ?? defaultTitle(input.settings, result.fiscalYear),
        settings: input.settings,
        outcome,
        createdBy: actor.userId,
      })
      .returning();
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'analysis.create',
      entityType: 'analysis',
      entityId: created!.id,
      organizationId: org.id,
      after: { title: created!.title, settings: input.settings },
    });
    return created!;
  });
  return toAnalysis(db, row, org.nameTh, org.id);
}

async function readableAnalysis(db: Db, actor: Actor, id: string) {
  const [row] = await db.select().from(analyses).where(eq(analyses.id, id));
  if (!row) throw fail.notFound(NOT_FOUND);
  const { row: result, org } = await readableResult(db, actor, row.resultId);
  return { row, result, org };
}

export async function getAnalysis(db: Db, actor: Actor, id: string) {
  const { row, org } = await readableAnalysis(db, actor, id);
  return toAnalysis(db, row, org.nameTh, org.id);
}

export async function listAnalyses(db: Db, actor: Actor, resultId: string) {
  const { org } = await readableResult(db, actor, resultId);
  const rows = await db
    .select()
    .from(analyses)
    .where(eq(analyses.resultId, resultId))
    .orderBy(desc(analyses.computedAt), asc(analyses.id));
  // Every analysis's narratives in one query (not one per analysis).
  const narratives =
    rows.length === 0
      ? []
      : await db
          .select()
          .from(analysisNarratives)
          .where(
            inArray(
              analysisNarratives.analysisId,
              rows.map((r) => r.id),
            ),
          );
  return Promise.all(
    rows.map((r) =>
      toAnalysis(
        db,
        r,
        org.nameTh,
        org.id,
        narratives.filter((n) => n.analysisId === r.id),
      ),
    ),
  );
}

/** Changes settings, title or limitations and recomputes the findings from the current scores. */
export async function updateAnalysis(
  db: Db,
  actor: Actor,
  id: string,
  input: {
    version: number;
    title?: string | undefined;
    settings?: AnalysisSettings | undefined;
    limitations?: string | undefined;
  },
) {
  const { row, result, org } = await readableAnalysis(db, actor, id);
  if (!assessmentPolicy.write(actor, org.path)) throw fail.forbidden();
  if (row.version !== input.version) throw fail.staleVersion();
  const settings = input.settings ?? (row.settings as AnalysisSettings);
  const outcome = await computeOutcome(db, result, settings);
  const updated = await db.transaction(async (tx) => {
    const [next] = await tx
      .update(analyses)
      .set({
        title: input.title ?? row.title,
        settings,
        outcome,
        limitations: input.limitations ?? row.limitations,
        version: row.version + 1,
        computedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(and(eq(analyses.id, id), eq(analyses.version, row.version)))
      .returning();
    if (!next) throw fail.staleVersion();
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'analysis.update',
      entityType: 'analysis',
      entityId: id,
      organizationId: org.id,
      before: { title: row.title, settings: row.settings, limitations: row.limitations },
      after: { title: next.title, settings, limitations: next.limitations },
    });
    return next;
  });
  return toAnalysis(db, updated, org.nameTh, org.id);
}

/** The secretariat's words for a finding, tied to the numbers they were written against. */
export async function saveNarrative(db: Db, actor: Actor, id: string, findingKey: string, text: string) {
  const { row, org } = await readableAnalysis(db, actor, id);
  if (!assessmentPolicy.write(actor, org.path)) throw fail.forbidden();
  const finding = (row.outcome as AnalysisOutcome).groups
    .flatMap((g) => g.findings)
    .find((f) => f.key === findingKey);
  if (!finding) throw fail.notFound({ th: 'ประเด็นที่พบ', en: 'Finding' });
  await db.transaction(async (tx) => {
    const [previous] = await tx
      .select()
      .from(analysisNarratives)
      .where(and(eq(analysisNarratives.analysisId, id), eq(analysisNarratives.findingKey, findingKey)));
    const values = { text, numbersHash: finding.numbersHash, editedBy: actor.userId, editedAt: new Date() };
    if (previous) {
      await tx
        .update(analysisNarratives)
        .set(values)
        .where(and(eq(analysisNarratives.analysisId, id), eq(analysisNarratives.findingKey, findingKey)));
    } else {
      await tx.insert(analysisNarratives).values({ analysisId: id, findingKey, ...values });
    }
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'analysis.narrative',
      entityType: 'analysis',
      entityId: id,
      organizationId: org.id,
      before: previous ? { findingKey, text: previous.text } : null,
      after: { findingKey, text },
    });
  });
  return toAnalysis(db, row, org.nameTh, org.id);
}
