import { and, asc, desc, eq, gt, like, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AnalysisOutcome } from '#shared/assessments/analysis.ts';
import {
  type PlanContent,
  type PlanDetail,
  type PlanStatus,
  planContentSchema,
} from '#shared/plans/contract.ts';
import type { Db } from '../../db/client.ts';
import { preparedPerDb } from '../../db/prepared.ts';
import {
  analyses,
  assessmentResults,
  organizations,
  planAcknowledgements,
  plans,
  users,
} from '../../db/schema/index.ts';
import { type Actor, ALL_ROLES, scopeRoots } from '../../http/actor.ts';
import { detail, fail } from '../../http/app-error.ts';
import { decodeCursor, encodeCursor, LIST_LIMIT_DEFAULT } from '../../http/list-cursor.ts';
import { previousMeasuresFor } from '../assessments/previous-measures.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { readableOrganizationRow } from '../organizations/organizations.service.ts';
import { completenessWith, planContext, unitPathsOf, validateWith } from './plan-context.ts';
import { planPolicy } from './plans.policy.ts';
import { measureUnits } from './responsible-units.ts';
import {
  type CarryForwardSource,
  carryMeasuresForward,
  copyPlanContent,
  issuesFromAnalysis,
} from './rules/plan-from-analysis.ts';
import { unitIdsOf } from './rules/validate-plan.ts';

export type PlanRow = typeof plans.$inferSelect;
const NOT_FOUND = { th: 'แผนมาตรการ', en: 'Plan' };
const newId = () => crypto.randomUUID();

/** The most issues a plan holds (`planContentSchema`). */
const MAX_ISSUES = 50;

/**
 * What carrying measures forward copies from: the measures that answered the analysed result (the
 * plan in force for its fiscal year, `previousMeasuresFor`) and that plan's content. None when there is
 * no such plan or none of its measures names a code.
 */
async function carryForwardSource(
  db: Db,
  result: typeof assessmentResults.$inferSelect,
  outcome: AnalysisOutcome,
  fiscalYear: number,
): Promise<CarryForwardSource | null> {
  const previous = await previousMeasuresFor(db, result, outcome);
  if (!previous) return null;
  const [row] = await db.select().from(plans).where(eq(plans.id, previous.planId));
  return row ? { previous, content: contentOf(row), fiscalYear } : null;
}

/** Content is validated by the schema whenever it is written, so reading trusts it as stored. */
export const contentOf = (row: PlanRow) => row.content as PlanContent;

/** A plan with its organisation, in one prepared statement (every plan request starts here). */
const planWithOrganization = preparedPerDb((db) =>
  db
    .select({ row: plans, org: organizations })
    .from(plans)
    .innerJoin(organizations, eq(organizations.id, plans.organizationId))
    .where(eq(plans.id, sql.placeholder('id')))
    .prepare('plan_with_organization'),
);

export async function readablePlan(db: Db, actor: Actor, id: string) {
  const [found] = await planWithOrganization(db).execute({ id });
  if (!found) throw fail.notFound(NOT_FOUND);
  const { row, org } = found;
  if (!planPolicy.read(actor, org.path, row.status)) throw fail.forbidden();
  return { row, org };
}

export async function editablePlan(db: Db, actor: Actor, id: string) {
  const found = await readablePlan(db, actor, id);
  if (!planPolicy.edit(actor, found.org.path)) throw fail.forbidden();
  return found;
}

function defaultTitle(orgName: string, fiscalYear: number) {
  return `มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ${orgName} ประจำปีงบประมาณ พ.ศ. ${fiscalYear}`;
}

export async function createPlan(
  db: Db,
  actor: Actor,
  input: {
    organizationId: string;
    fiscalYear: number;
    analysisId: string | null;
    issuesFrom: 'groups' | 'findings' | 'merged' | 'none';
    copyFromPreviousYear: boolean;
    /** With an analysis: last year's measures that answered a still-weak finding come along. */
    carryForward?: boolean | undefined;
    title?: string | undefined;
  },
) {
  const org = await readableOrganizationRow(db, actor, input.organizationId);
  if (!planPolicy.edit(actor, org.path)) throw fail.forbidden();
  const existing = await db
    .select({ id: plans.id })
    .from(plans)
    .where(and(eq(plans.organizationId, org.id), eq(plans.fiscalYear, input.fiscalYear)));
  if (existing.length > 0) {
    throw fail.conflict(
      'plan_exists',
      `หน่วยงานนี้มีแผนมาตรการปีงบประมาณ ${input.fiscalYear} แล้ว ให้แก้ไขแผนเดิมหรือสร้างฉบับใหม่`,
      `This organisation already has a ${input.fiscalYear} plan; edit it or start a new version`,
    );
  }
  let content: PlanContent = planContentSchema.parse({
    title: input.title ?? defaultTitle(org.nameTh, input.fiscalYear),
  });
  if (input.copyFromPreviousYear) {
    // Last year's plan as approved (the version in force), else its newest version.
    const candidates = await db
      .select()
      .from(plans)
      .where(and(eq(plans.organizationId, org.id), eq(plans.fiscalYear, input.fiscalYear - 1)))
      .orderBy(desc(plans.versionNo));
    const previous =
      candidates.find((p) => p.status === 'approved' || p.status === 'circulated') ?? candidates[0];
    if (!previous) {
      throw fail.validation([
        detail(
          'copyFromPreviousYear',
          `ไม่มีแผนปีงบประมาณ ${input.fiscalYear - 1}`,
          `there is no ${input.fiscalYear - 1} plan to copy`,
        ),
      ]);
    }
    content = { ...copyPlanContent(contentOf(previous), newId), title: content.title };
  }
  if (input.analysisId) {
    const [analysis] = await db
      .select({ outcome: analyses.outcome, result: assessmentResults })
      .from(analyses)
      .innerJoin(assessmentResults, eq(assessmentResults.id, analyses.resultId))
      .where(eq(analyses.id, input.analysisId));
    if (!analysis || analysis.result.organizationId !== org.id) {
      throw fail.validation([
        detail('analysisId', 'ไม่พบการวิเคราะห์ของหน่วยงานนี้', 'no such analysis of this organisation'),
      ]);
    }
    if (!input.copyFromPreviousYear) {
      const outcome = analysis.outcome as AnalysisOutcome;
      content.issues = issuesFromAnalysis(outcome, input.issuesFrom, newId);
      if (content.issues.length > MAX_ISSUES) {
        throw fail.validation([
          detail(
            'issuesFrom',
            `การวิเคราะห์นี้ให้ประเด็น ${content.issues.length} ประเด็น เกินกว่าที่แผนหนึ่งฉบับมีได้ (${MAX_ISSUES} ประเด็น): เลือกสร้างหนึ่งประเด็นต่อกลุ่ม หรือรวมเป็นประเด็นเดียว`,
            `This analysis gives ${content.issues.length} issues, more than a plan holds (${MAX_ISSUES}): choose one issue per group, or merged`,
          ),
        ]);
      }
      if (input.carryForward) {
        const source = await carryForwardSource(db, analysis.result, outcome, input.fiscalYear);
        if (!source) {
          const year = analysis.result.fiscalYear;
          throw fail.validation([
            detail(
              'carryForward',
              `ไม่มีมาตรการให้นำต่อ: ไม่มีแผนมาตรการปีงบประมาณ ${year} ที่อนุมัติแล้วซึ่งมีมาตรการระบุรหัสข้อคำถามหรือตัวชี้วัด`,
              `nothing to carry forward: there is no approved ${year} plan with measures that name a question or indicator code`,
            ),
          ]);
        }
        content.issues = carryMeasuresForward(content.issues, source, newId);
      }
    }
  }
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(plans)
      .values({
        organizationId: org.id,
        fiscalYear: input.fiscalYear,
        analysisId: input.analysisId,
        content,
        createdBy: actor.userId,
      })
      .returning();
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'plan.create',
      entityType: 'plan',
      entityId: created!.id,
      organizationId: org.id,
      after: { fiscalYear: input.fiscalYear, analysisId: input.analysisId, issues: content.issues.length },
    });
    return created!;
  });
  return getPlan(db, actor, row.id);
}

/** Saves the whole content against the version it was read at; a stale save changes nothing. */
export async function savePlan(
  db: Db,
  actor: Actor,
  id: string,
  input: { rowVersion: number; content: PlanContent },
) {
  const { row, org } = await editablePlan(db, actor, id);
  if (row.status !== 'draft' && row.status !== 'returned') {
    throw fail.conflict(
      'plan_not_editable',
      'แผนที่ส่งแล้วหรืออนุมัติแล้วแก้ไขไม่ได้ ให้สร้างฉบับใหม่ (แผนที่ส่งแล้วต้องให้ผู้บริหารส่งกลับก่อน)',
      'A submitted or approved plan cannot be edited; start a new version (or have it returned first)',
    );
  }
  if (row.rowVersion !== input.rowVersion) throw fail.staleVersion();
  const ctx = await planContext(db, row, org);
  const errors = validateWith(ctx, input.content, await unitPathsOf(db, unitIdsOf(input.content)));
  if (errors.length > 0) throw fail.validation(errors.map((e) => ({ ...e, path: `content.${e.path}` })));
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(plans)
      .set({ content: input.content, rowVersion: row.rowVersion + 1, updatedAt: new Date() })
      .where(and(eq(plans.id, id), eq(plans.rowVersion, row.rowVersion)))
      .returning({ id: plans.id });
    if (!updated) throw fail.staleVersion();
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'plan.save',
      entityType: 'plan',
      entityId: id,
      organizationId: row.organizationId,
      before: { rowVersion: row.rowVersion, content: row.content },
      after: { rowVersion: row.rowVersion + 1, content: input.content },
    });
  });
  return getPlan(db, actor, id);
}

/** The versions of a plan (its organisation's plans of its year), for the plan page. */
const planVersions = preparedPerDb((db) =>
  db
    .select({ id: plans.id, versionNo: plans.versionNo, status: plans.status })
    .from(plans)
    .where(
      and(
        eq(plans.organizationId, sql.placeholder('organizationId')),
        eq(plans.fiscalYear, sql.placeholder('fiscalYear')),
      ),
    )
    .orderBy(plans.versionNo)
    .prepare('plan_versions'),
);

/** A plan's acknowledgements with who gave them, for the plan page. */
const planAcks = preparedPerDb((db) =>
  db
    .select({
      unitId: planAcknowledgements.unitId,
      at: planAcknowledgements.acknowledgedAt,
      by: users.displayName,
    })
    .from(planAcknowledgements)
    .innerJoin(users, eq(users.id, planAcknowledgements.acknowledgedBy))
    .where(eq(planAcknowledgements.planId, sql.placeholder('planId')))
    .prepare('plan_acknowledgements'),
);

export async function getPlan(db: Db, actor: Actor, id: string): Promise<PlanDetail> {
  const { row, org } = await readablePlan(db, actor, id);
  const content = contentOf(row);
  const ctx = await planContext(db, row, org);
  const versions = await planVersions(db).execute({
    organizationId: row.organizationId,
    fiscalYear: row.fiscalYear,
  });
  const acks = await planAcks(db).execute({ planId: id });
  const unitName = new Map(ctx.units.map((u) => [u.id, u.nameTh]));
  const responsibleUnits = measureUnits(content);
  const names = new Map<string, string>();
  if (row.decidedBy) {
    const [u] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, row.decidedBy));
    if (u) names.set(row.decidedBy, u.name);
  }
  const override = row.completenessOverride as { reason: string; by: string; at: string } | null;
  return {
    id: row.id,
    organizationId: org.id,
    organizationNameTh: org.nameTh,
    fiscalYear: row.fiscalYear,
    versionNo: row.versionNo,
    status: row.status as PlanStatus,
    title: content.title,
    issueCount: content.issues.length,
    measureCount: content.issues.reduce((n, i) => n + i.measures.length, 0),
    updatedAt: row.updatedAt.toISOString(),
    analysisId: row.analysisId,
    rowVersion: row.rowVersion,
    content,
    completeness: completenessWith(ctx, row, content),
    requiredParts: ctx.requiredParts,
    units: ctx.units
      .filter((u) => u.active)
      .sort((a, b) => a.path.localeCompare(b.path))
      .map((u) => ({
        id: u.id,
        nameTh: u.nameTh,
        shortNameTh: u.shortNameTh,
        depth: u.path.split('/').filter(Boolean).length - 1,
      })),
    submittedAt: row.submittedAt?.toISOString() ?? null,
    completenessOverride: override,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decidedByName: row.decidedBy ? (names.get(row.decidedBy) ?? null) : null,
    returnComment: row.returnComment,
    memoNumber: row.memoNumber,
    memoDate: row.memoDate,
    circulatedAt: row.circulatedAt?.toISOString() ?? null,
    acknowledgements:
      row.status === 'circulated' || acks.length > 0
        ? [...responsibleUnits].map((unitId) => {
            const ack = acks.find((a) => a.unitId === unitId);
            return {
              unitId,
              unitNameTh: unitName.get(unitId) ?? unitId,
              acknowledgedAt: ack?.at.toISOString() ?? null,
              acknowledgedByName: ack?.by ?? null,
            };
          })
        : [],
    versions: versions.map((v) => ({ id: v.id, versionNo: v.versionNo, status: v.status as PlanStatus })),
  };
}

type PlanFilter = { organizationId?: string; fiscalYear?: number; only?: 'subtree' | 'organization' };
/** The sort key of the plans list after which a page starts: newest year, then highest version, then id. */
const planCursor = z.tuple([z.number().int(), z.number().int(), z.uuid()]);

/**
 * What decides the plans list's SQL text: the caller's scope (everything, or how many subtrees), the
 * organisation filter, the year filter and the cursor. Each shape is one prepared statement.
 */
type PlanListShape = {
  roots: number | 'all';
  chosen: 'none' | 'organization' | 'subtree';
  year: boolean;
  after: boolean;
};
/** Scopes of more subtrees than this are built per request instead of kept (a name per count). */
const MAX_KEPT_ROOTS = 16;

function planListStatement(db: Db, shape: PlanListShape, name?: string) {
  const p = sql.placeholder;
  const issues = sql`coalesce(${plans.content}->'issues', '[]'::jsonb)`;
  const query = db
    .select({
      id: plans.id,
      organizationId: organizations.id,
      organizationNameTh: organizations.nameTh,
      organizationPath: organizations.path,
      fiscalYear: plans.fiscalYear,
      versionNo: plans.versionNo,
      status: plans.status,
      title: sql<string>`coalesce(${plans.content}->>'title', '')`,
      issueCount: sql<number>`jsonb_array_length(${issues})::int`,
      measureCount: sql<number>`(select coalesce(sum(jsonb_array_length(coalesce(i->'measures', '[]'::jsonb))), 0)::int from jsonb_array_elements(${issues}) as i)`,
      updatedAt: plans.updatedAt,
    })
    .from(plans)
    .innerJoin(organizations, eq(organizations.id, plans.organizationId))
    .where(
      and(
        shape.roots === 'all'
          ? undefined
          : or(...Array.from({ length: shape.roots }, (_, i) => like(organizations.path, p(`root${i}`)))),
        shape.chosen === 'organization'
          ? eq(organizations.id, p('chosenId'))
          : shape.chosen === 'subtree'
            ? like(organizations.path, p('chosenPath'))
            : undefined,
        shape.year ? eq(plans.fiscalYear, p('fiscalYear')) : undefined,
        shape.after
          ? or(
              lt(plans.fiscalYear, p('afterYear')),
              and(
                eq(plans.fiscalYear, p('afterYear')),
                or(
                  lt(plans.versionNo, p('afterVersion')),
                  and(eq(plans.versionNo, p('afterVersion')), gt(plans.id, p('afterId'))),
                ),
              ),
            )
          : undefined,
      ),
    )
    // Ties (plans of many organisations share year and version) by id, so the order never changes.
    .orderBy(desc(plans.fiscalYear), desc(plans.versionNo), asc(plans.id))
    .limit(p('limit'));
  return query.prepare(name ?? '');
}
type PlanListStatement = ReturnType<typeof planListStatement>;

/** The plans list's prepared statements of each database, by shape. */
const planListStatements = preparedPerDb(() => new Map<string, PlanListStatement>());

function keptPlanListStatement(db: Db, shape: PlanListShape): PlanListStatement {
  if (shape.roots !== 'all' && shape.roots > MAX_KEPT_ROOTS) return planListStatement(db, shape);
  const name = `plans_list_${shape.roots}_${shape.chosen}_${shape.year ? 'y' : 'n'}_${shape.after ? 'a' : 'n'}`;
  const kept = planListStatements(db);
  let statement = kept.get(name);
  if (!statement) {
    statement = planListStatement(db, shape, name);
    kept.set(name, statement);
  }
  return statement;
}

/**
 * One page of the plans the caller reads (`limit` rows after `cursor`, keyset): newest fiscal year
 * first, then the highest version, ties by id (so the order never changes, even after a restore).
 * `organizationId` narrows to that organisation and those below it, or to it alone with
 * `only: 'organization'`. One query for the page (two with `organizationId`) however many plans:
 * the title and the counts of issues and measures are read from the content in SQL, not the content.
 * The query is a prepared statement per shape (`PlanListShape`), built once per database.
 */
export async function listPlans(
  db: Db,
  actor: Actor,
  filter: PlanFilter & { limit?: number; cursor?: string | undefined },
) {
  const { limit = LIST_LIMIT_DEFAULT, cursor } = filter;
  const after = cursor === undefined ? undefined : decodeCursor(cursor, planCursor);
  const roots = scopeRoots(actor, ALL_ROLES);
  if (roots.length === 0) return { items: [], nextCursor: null };
  const chosen = filter.organizationId
    ? await readableOrganizationRow(db, actor, filter.organizationId)
    : null;
  const everything = roots.includes(null);
  const values: Record<string, unknown> = { limit: limit + 1 };
  if (!everything) for (const [i, r] of roots.entries()) values[`root${i}`] = `${r}%`;
  if (chosen) {
    if (filter.only === 'organization') values.chosenId = chosen.id;
    else values.chosenPath = `${chosen.path}%`;
  }
  if (filter.fiscalYear) values.fiscalYear = filter.fiscalYear;
  if (after) {
    values.afterYear = after[0];
    values.afterVersion = after[1];
    values.afterId = after[2];
  }
  const fetched = await keptPlanListStatement(db, {
    roots: everything ? 'all' : roots.length,
    chosen: chosen ? (filter.only === 'organization' ? 'organization' : 'subtree') : 'none',
    year: Boolean(filter.fiscalYear),
    after: after !== undefined,
  }).execute(values);
  const more = fetched.length > limit;
  const rows = more ? fetched.slice(0, limit) : fetched;
  const last = rows[rows.length - 1];
  return {
    items: rows
      .filter((p) => planPolicy.read(actor, p.organizationPath, p.status))
      .map(({ organizationPath: _path, ...p }) => ({
        ...p,
        status: p.status as PlanStatus,
        updatedAt: p.updatedAt.toISOString(),
      })),
    nextCursor: more && last ? encodeCursor([last.fiscalYear, last.versionNo, last.id]) : null,
  };
}
