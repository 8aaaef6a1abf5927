import { and, asc, desc, eq, inArray, lt, ne, or, sql } from 'drizzle-orm';
import { activityDateBounds, DATE_FIELDS, datesOutsideBounds } from '#shared/format/date-bounds.ts';
import type { PlanContent } from '#shared/plans/contract.ts';
import type { ReportInput, Slot } from '#shared/progress/contract.ts';
import type { Db } from '../../db/client.ts';
import { organizations, plans, reportSlots, rounds } from '../../db/schema/index.ts';
import type { Actor } from '../../http/actor.ts';
import { fail } from '../../http/app-error.ts';
import { staleAction } from '../../http/stale-action.ts';
import { type AuditEntry, recordAudit, recordAuditUnlessRepeat } from '../audit/audit.service.ts';
import { contentOf } from '../plans/plans.service.ts';
import { progressPolicy } from './progress.policy.ts';
import { labelEnOf } from './rules/rounds.ts';

type SlotRow = typeof reportSlots.$inferSelect;
const NOT_FOUND = { th: 'รายการรายงาน', en: 'Report' };
/** Draft saves of one person closer together than this are one audit event. */
const SAVE_RUN_MS = 30 * 60 * 1000;

async function slotContext(db: Db, id: string) {
  const [row] = await db
    .select({ slot: reportSlots, round: rounds, plan: plans, unit: organizations })
    .from(reportSlots)
    .innerJoin(rounds, eq(rounds.id, reportSlots.roundId))
    .innerJoin(plans, eq(plans.id, rounds.planId))
    .innerJoin(organizations, eq(organizations.id, reportSlots.unitId))
    .where(eq(reportSlots.id, id));
  if (!row) throw fail.notFound(NOT_FOUND);
  const [planOrg] = await db
    .select()
    .from(organizations)
    .where(eq(organizations.id, row.plan.organizationId));
  return { ...row, planOrg: planOrg! };
}

function measureOf(content: PlanContent, measureId: string) {
  for (const [issueIndex, issue] of content.issues.entries()) {
    const measureIndex = issue.measures.findIndex((x) => x.id === measureId);
    const m = issue.measures[measureIndex];
    if (m) return { issue, measure: m, issueIndex, measureIndex };
  }
  return null;
}

export async function toSlot(
  db: Db,
  slot: SlotRow,
  plan: typeof plans.$inferSelect,
  unit: { nameTh: string; nameEn: string | null },
  roundCreatedAt?: Date,
  /** The last round's answer when the caller read it already (a list reads them all at once). */
  known?: { previous: Slot['previous'] },
): Promise<Slot> {
  const found = measureOf(contentOf(plan), slot.measureId);
  const step = slot.stepId ? found?.measure.steps.find((s) => s.id === slot.stepId) : undefined;
  let previous: Slot['previous'] = known?.previous ?? null;
  if (roundCreatedAt && !known) {
    const [prev] = await db
      .select({ slot: reportSlots, label: rounds.labelTh })
      .from(reportSlots)
      .innerJoin(rounds, eq(rounds.id, reportSlots.roundId))
      .where(
        and(
          eq(reportSlots.measureId, slot.measureId),
          eq(reportSlots.unitId, slot.unitId),
          eq(reportSlots.stepId, slot.stepId),
          ne(reportSlots.id, slot.id),
          lt(rounds.createdAt, roundCreatedAt),
        ),
      )
      .orderBy(desc(rounds.createdAt))
      .limit(1);
    if (prev)
      previous = {
        roundLabel: prev.label,
        progress: prev.slot.progress as Slot['progress'],
        percent: prev.slot.percent,
        result: prev.slot.result,
      };
  }
  return {
    id: slot.id,
    roundId: slot.roundId,
    fiscalYear: plan.fiscalYear,
    measureId: slot.measureId,
    stepId: slot.stepId,
    unitId: slot.unitId,
    unitNameTh: unit.nameTh,
    unitNameEn: unit.nameEn,
    issueTitle: found?.issue.title ?? '',
    measureTitle: found?.measure.title ?? '',
    position: found ? { issueIndex: found.issueIndex, measureIndex: found.measureIndex } : null,
    stepText: step?.text ?? null,
    steps: found?.measure.steps.map((s) => s.text) ?? [],
    monitoring: found?.measure.monitoring ?? '',
    timeframe: step?.timeframe ?? found?.measure.timeframe ?? null,
    state: slot.state as Slot['state'],
    progress: slot.progress as Slot['progress'],
    percent: slot.percent,
    result: slot.result,
    cancelReason: slot.cancelReason,
    problems: slot.problems,
    suggestions: slot.suggestions,
    activityStart: slot.activityStart,
    activityEnd: slot.activityEnd,
    links: slot.links as Slot['links'],
    paperRefs: slot.paperRefs as Slot['paperRefs'],
    reviewComment: slot.reviewComment,
    submittedAt: slot.submittedAt?.toISOString() ?? null,
    reviewedAt: slot.reviewedAt?.toISOString() ?? null,
    rowVersion: slot.rowVersion,
    previous,
  };
}

export async function getSlot(db: Db, actor: Actor, id: string) {
  const ctx = await slotContext(db, id);
  if (!progressPolicy.report(actor, ctx.unit.path) && !progressPolicy.read(actor, ctx.planOrg.path))
    throw fail.forbidden();
  return toSlot(db, ctx.slot, ctx.plan, ctx.unit, ctx.round.createdAt);
}

async function writeSlot(
  db: Db,
  actor: Actor,
  ctx: Awaited<ReturnType<typeof slotContext>>,
  rowVersion: number,
  action: string,
  changes: Partial<typeof reportSlots.$inferInsert>,
  comment?: string,
) {
  await expectSlotVersion(db, ctx.slot, rowVersion);
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(reportSlots)
      .set({ ...changes, rowVersion: ctx.slot.rowVersion + 1, updatedAt: new Date() })
      .where(and(eq(reportSlots.id, ctx.slot.id), eq(reportSlots.rowVersion, ctx.slot.rowVersion)))
      .returning({ id: reportSlots.id });
    if (!updated) throw fail.staleVersion();
    // Draft saves come every few seconds while a reporter types (autosave): a line when the state changes.
    const record =
      action === 'save' ? (t: Db, e: AuditEntry) => recordAuditUnlessRepeat(t, e, SAVE_RUN_MS) : recordAudit;
    await record(tx, {
      actorUserId: actor.userId,
      action: `report.${action}`,
      entityType: 'report_slot',
      entityId: ctx.slot.id,
      organizationId: ctx.slot.unitId,
      before: { state: ctx.slot.state, progress: ctx.slot.progress, percent: ctx.slot.percent },
      after: {
        state: changes.state ?? ctx.slot.state,
        progress: changes.progress ?? ctx.slot.progress,
        percent: changes.percent ?? ctx.slot.percent,
        comment: comment ?? null,
      },
    });
  });
  return getSlot(db, actor, ctx.slot.id);
}

/** A report changed since the page was loaded: refused, saying who changed it and when. */
async function expectSlotVersion(db: Db, slot: SlotRow, rowVersion: number) {
  if (slot.rowVersion !== rowVersion) {
    throw await staleAction(db, { th: 'รายงาน', en: 'report' }, 'report_slot', slot.id);
  }
}

function assertRoundOpen(round: typeof rounds.$inferSelect) {
  if (round.status !== 'open') {
    throw fail.conflict('round_closed', 'รอบการรายงานนี้ปิดแล้วหรือยังไม่เปิด', 'This round is not open for reports');
  }
}

/** Saves a draft; the unit's own people only, while the round is open and the report not in review. */
export async function saveReport(db: Db, actor: Actor, id: string, input: ReportInput, submit = false) {
  const ctx = await slotContext(db, id);
  if (!progressPolicy.report(actor, ctx.unit.path)) {
    throw fail.forbidden(
      'รายงานได้เฉพาะรายการของหน่วยงานของท่าน',
      'You may report only on your own unit’s measures',
    );
  }
  assertRoundOpen(ctx.round);
  if (!['pending', 'draft', 'returned'].includes(ctx.slot.state)) {
    throw fail.conflict(
      'report_locked',
      'รายงานนี้ส่งแล้ว รอผลการตรวจ',
      'This report is submitted and awaits review',
    );
  }
  // The activity's dates near the plan's fiscal year (a year before it to the end of the next).
  const near = activityDateBounds(ctx.plan.fiscalYear);
  const badDates = datesOutsideBounds([
    { path: 'activityStart', value: input.activityStart, bounds: near, field: DATE_FIELDS.activityStart },
    { path: 'activityEnd', value: input.activityEnd, bounds: near, field: DATE_FIELDS.activityEnd },
  ]);
  if (badDates.length > 0) throw fail.validation(badDates);
  const { rowVersion, ...fields } = input;
  return writeSlot(db, actor, ctx, rowVersion, submit ? 'submit' : 'save', {
    ...fields,
    state: submit ? 'submitted' : ctx.slot.state === 'returned' ? 'returned' : 'draft',
    ...(submit ? { submittedAt: new Date(), submittedBy: actor.userId } : {}),
  });
}

/** The secretariat accepts a submitted report or returns it with a comment the unit sees. */
export async function reviewReport(
  db: Db,
  actor: Actor,
  id: string,
  input:
    | { decision: 'accept'; rowVersion: number }
    | { decision: 'return'; rowVersion: number; comment: string },
) {
  const ctx = await slotContext(db, id);
  if (!progressPolicy.manage(actor, ctx.planOrg.path)) throw fail.forbidden();
  await expectSlotVersion(db, ctx.slot, input.rowVersion);
  assertRoundOpen(ctx.round);
  if (ctx.slot.state !== 'submitted') {
    throw fail.conflict(
      'report_not_submitted',
      'ตรวจได้เฉพาะรายงานที่ส่งแล้ว',
      'Only a submitted report can be reviewed',
    );
  }
  const now = new Date();
  return input.decision === 'accept'
    ? writeSlot(db, actor, ctx, input.rowVersion, 'accept', {
        state: 'accepted',
        reviewedAt: now,
        reviewedBy: actor.userId,
        reviewComment: null,
      })
    : writeSlot(
        db,
        actor,
        ctx,
        input.rowVersion,
        'return',
        { state: 'returned', reviewedAt: now, reviewedBy: actor.userId, reviewComment: input.comment },
        input.comment,
      );
}

/** What the caller's units must report in open rounds (a unit reporter's inbox). */
export async function mySlots(
  db: Db,
  actor: Actor,
): Promise<
  (Slot & { roundLabel: string; roundLabelEn: string | null; dueDate: string; planTitle: string })[]
> {
  // Only the slots of units at or above one the caller holds a role on (the report policy), read in
  // SQL: never the deployment's other open rounds.
  const myPaths = actor.grants.map((g) => g.organizationPath).filter((p): p is string => p !== null);
  if (myPaths.length === 0) return [];
  const rows = await db
    .select({ slot: reportSlots, round: rounds, plan: plans, unit: organizations })
    .from(reportSlots)
    .innerJoin(rounds, eq(rounds.id, reportSlots.roundId))
    .innerJoin(plans, eq(plans.id, rounds.planId))
    .innerJoin(organizations, eq(organizations.id, reportSlots.unitId))
    .where(
      and(
        eq(rounds.status, 'open'),
        or(
          ...myPaths.map((p) => sql`left(${p}::text, length(${organizations.path})) = ${organizations.path}`),
        ),
      ),
    );
  // In plan order: by round, then by the measure's place in its plan.
  const position = (r: (typeof rows)[number]) =>
    contentOf(r.plan)
      .issues.flatMap((i) => i.measures.map((m) => m.id))
      .indexOf(r.slot.measureId);
  const mine = rows
    .filter((r) => progressPolicy.report(actor, r.unit.path))
    .sort(
      (a, b) =>
        a.round.dueDate.localeCompare(b.round.dueDate) ||
        a.round.id.localeCompare(b.round.id) ||
        position(a) - position(b) ||
        a.slot.stepId.localeCompare(b.slot.stepId),
    );
  // Each slot's answer in the last earlier round, for all of them in one query (not one per slot).
  const earlier =
    mine.length === 0
      ? []
      : await db
          .select({ slot: reportSlots, label: rounds.labelTh, createdAt: rounds.createdAt })
          .from(reportSlots)
          .innerJoin(rounds, eq(rounds.id, reportSlots.roundId))
          .where(
            and(
              inArray(reportSlots.unitId, [...new Set(mine.map((r) => r.slot.unitId))]),
              inArray(reportSlots.measureId, [...new Set(mine.map((r) => r.slot.measureId))]),
              lt(rounds.createdAt, new Date(Math.max(...mine.map((r) => r.round.createdAt.getTime())))),
            ),
          )
          .orderBy(desc(rounds.createdAt), asc(reportSlots.id));
  const previousOf = (r: (typeof mine)[number]): Slot['previous'] => {
    const prev = earlier.find(
      (e) =>
        e.slot.measureId === r.slot.measureId &&
        e.slot.unitId === r.slot.unitId &&
        e.slot.stepId === r.slot.stepId &&
        e.slot.id !== r.slot.id &&
        e.createdAt < r.round.createdAt,
    );
    return prev
      ? {
          roundLabel: prev.label,
          progress: prev.slot.progress as Slot['progress'],
          percent: prev.slot.percent,
          result: prev.slot.result,
        }
      : null;
  };
  return Promise.all(
    mine.map(async (r) => ({
      ...(await toSlot(db, r.slot, r.plan, r.unit, r.round.createdAt, { previous: previousOf(r) })),
      roundLabel: r.round.labelTh,
      roundLabelEn: labelEnOf(r.round, r.plan.fiscalYear),
      dueDate: r.round.dueDate,
      planTitle: contentOf(r.plan).title,
    })),
  );
}
