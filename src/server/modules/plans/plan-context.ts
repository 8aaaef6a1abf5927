import { eq, inArray, like, sql } from 'drizzle-orm';
import type { AnalysisOutcome } from '#shared/assessments/analysis.ts';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import type { PlanContent } from '#shared/plans/contract.ts';
import type { Db } from '../../db/client.ts';
import { preparedPerDb } from '../../db/prepared.ts';
import { analyses, assessmentResults, organizations, type plans } from '../../db/schema/index.ts';
import { currentRevisions, revisionById, revisionIndex } from '../catalogue/catalogue.service.ts';
import { editionWithSupplied } from '../catalogue/supplied-questions.service.ts';
import { checkCompleteness, type UrgentFinding } from './rules/completeness.ts';
import { validatePlanContent } from './rules/validate-plan.ts';

type PlanRow = typeof plans.$inferSelect;

/** The edition a plan's codes follow: its analysis's, else the latest edition up to the year before. */
async function editionOf(db: Db, plan: Pick<PlanRow, 'analysisId' | 'fiscalYear'>): Promise<Edition | null> {
  if (plan.analysisId) {
    const [row] = await db
      .select({ revisionId: assessmentResults.catalogueRevisionId })
      .from(analyses)
      .innerJoin(assessmentResults, eq(assessmentResults.id, analyses.resultId))
      .where(eq(analyses.id, plan.analysisId));
    if (row) return editionWithSupplied(db, await revisionById(db, row.revisionId));
  }
  const eligible = (await revisionIndex(db))
    .filter((r) => r.fiscalYear < plan.fiscalYear)
    .sort((a, b) => b.fiscalYear - a.fiscalYear || b.revision - a.revision);
  return eligible[0] ? editionWithSupplied(db, await revisionById(db, eligible[0].id)) : null;
}

/** The parts the OIT assessor looks for: from the plan's edition, else the newest edition that lists them. */
async function requiredPartsFor(db: Db, edition: Edition | null): Promise<string[]> {
  if (edition?.measures_document_required_parts_th) return edition.measures_document_required_parts_th.parts;
  const withParts = (await currentRevisions(db))
    .map((r) => r.edition)
    .filter((e) => e.measures_document_required_parts_th)
    .sort((a, b) => b.fiscal_year - a.fiscal_year);
  return withParts[0]?.measures_document_required_parts_th?.parts ?? [];
}

/**
 * The urgent findings of an analysis, how many points to develop it found, and the codes of all its
 * findings (a result may score codes its edition does not list; a plan may name those it answers).
 */
export async function findingsOf(db: Db, analysisId: string | null) {
  if (!analysisId) return { urgent: [] as UrgentFinding[], develop: 0, codes: new Set<string>() };
  const [row] = await db
    .select({ outcome: analyses.outcome })
    .from(analyses)
    .where(eq(analyses.id, analysisId));
  const outcome = row?.outcome as AnalysisOutcome | undefined;
  const urgent = new Map<string, UrgentFinding>();
  const develop = new Set<string>();
  for (const f of outcome?.groups.flatMap((g) => g.findings) ?? []) {
    if (f.kind === 'urgent')
      urgent.set(f.key, { key: f.key, code: f.code, label: f.label_th ?? f.displayCode });
    if (f.kind === 'develop') develop.add(f.key);
  }
  const codes = new Set(outcome?.groups.flatMap((g) => g.findings.map((f) => f.code)) ?? []);
  return { urgent: [...urgent.values()], develop: develop.size, codes };
}

function codesOf(edition: Edition | null): Set<string> {
  if (!edition) return new Set();
  return new Set([
    ...edition.questions.map((q) => q.code),
    ...edition.indicators.map((i) => String(i.number)),
    ...edition.sub_indicators.map((s) => s.code),
  ]);
}

/**
 * The organisation and every organisation below it, with what the plan page shows of each (a prepared
 * statement: the plan page runs it, and a group's subtree is hundreds of rows).
 */
const subtreeOf = preparedPerDb((db) =>
  db
    .select({
      id: organizations.id,
      path: organizations.path,
      nameTh: organizations.nameTh,
      shortNameTh: organizations.shortNameTh,
      active: organizations.active,
    })
    .from(organizations)
    .where(like(organizations.path, sql.placeholder('prefix')))
    .prepare('plan_context_subtree'),
);

/**
 * Everything the rules need about a plan's surroundings, loaded once. `known`: the plan's
 * organisation when the caller has read it already (`readablePlan` gives it), else it is read here.
 */
export async function planContext(
  db: Db,
  plan: Pick<PlanRow, 'analysisId' | 'fiscalYear' | 'organizationId'>,
  known?: typeof organizations.$inferSelect,
) {
  const [org] =
    known?.id === plan.organizationId
      ? [known]
      : await db.select().from(organizations).where(eq(organizations.id, plan.organizationId));
  const edition = await editionOf(db, plan);
  const units = await subtreeOf(db).execute({ prefix: `${org!.path}%` });
  const findings = await findingsOf(db, plan.analysisId);
  return {
    org: org!,
    edition,
    editionCodes: new Set([...codesOf(edition), ...findings.codes]),
    requiredParts: await requiredPartsFor(db, edition),
    findings,
    units,
  };
}
export type PlanContextData = Awaited<ReturnType<typeof planContext>>;

export async function unitPathsOf(db: Db, unitIds: string[]) {
  if (unitIds.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: organizations.id, path: organizations.path })
    .from(organizations)
    .where(inArray(organizations.id, unitIds));
  return new Map(rows.map((r) => [r.id, r.path]));
}

export function validateWith(ctx: PlanContextData, content: PlanContent, unitPaths: Map<string, string>) {
  return validatePlanContent(content, {
    organizationPath: ctx.org.path,
    unitPaths,
    editionCodes: ctx.editionCodes,
  });
}

export function completenessWith(
  ctx: PlanContextData,
  plan: Pick<PlanRow, 'analysisId' | 'fiscalYear'>,
  content: PlanContent,
) {
  return checkCompleteness({
    content,
    fiscalYear: plan.fiscalYear,
    urgentFindings: ctx.findings.urgent,
    developFindings: ctx.findings.develop,
    hasAnalysis: plan.analysisId !== null,
    requiredParts: ctx.requiredParts,
  });
}
