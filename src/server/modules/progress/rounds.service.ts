import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import {
  activityDateBounds,
  DATE_FIELDS,
  datesOutsideBounds,
  dueDateBounds,
} from '#shared/format/date-bounds.ts';
import type { Round } from '#shared/progress/contract.ts';
import type { Db } from '../../db/client.ts';
import { organizations, plans, reportSlots, rounds } from '../../db/schema/index.ts';
import type { Actor } from '../../http/actor.ts';
import { detail, fail } from '../../http/app-error.ts';
import { staleAction } from '../../http/stale-action.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { contentOf, readablePlan } from '../plans/plans.service.ts';
import { progressPolicy } from './progress.policy.ts';
import { assignmentsOf, defaultLabel, defaultPeriod, labelEnOf } from './rules/rounds.ts';

type RoundRow = typeof rounds.$inferSelect;
const NOT_FOUND = { th: 'รอบการรายงาน', en: 'Round' };

export async function roundWithPlan(db: Db, id: string) {
  const [row] = await db
    .select({ round: rounds, plan: plans, org: organizations })
    .from(rounds)
    .innerJoin(plans, eq(plans.id, rounds.planId))
    .innerJoin(organizations, eq(organizations.id, plans.organizationId))
    .where(eq(rounds.id, id));
  if (!row) throw fail.notFound(NOT_FOUND);
  return row;
}

export async function toRound(
  db: Db,
  r: RoundRow,
  plan: typeof plans.$inferSelect,
  org: typeof organizations.$inferSelect,
  /** The round's report count when the caller read it already (a list reads them all at once). */
  slotCount?: number,
): Promise<Round> {
  const [slots] =
    slotCount === undefined
      ? await db.select({ n: count() }).from(reportSlots).where(eq(reportSlots.roundId, r.id))
      : [{ n: slotCount }];
  return {
    id: r.id,
    planId: r.planId,
    organizationId: org.id,
    organizationNameTh: org.nameTh,
    organizationNameEn: org.nameEn,
    fiscalYear: plan.fiscalYear,
    kind: r.kind as Round['kind'],
    labelTh: r.labelTh,
    labelEn: labelEnOf(r, plan.fiscalYear),
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    dueDate: r.dueDate,
    status: r.status as Round['status'],
    reopenReason: r.reopenReason,
    rowVersion: r.rowVersion,
    slotCount: slots?.n ?? 0,
  };
}

export async function getRound(db: Db, actor: Actor, id: string) {
  const { round, plan, org } = await roundWithPlan(db, id);
  if (!progressPolicy.read(actor, org.path)) throw fail.forbidden();
  return toRound(db, round, plan, org);
}

export async function listRounds(db: Db, actor: Actor, planId: string) {
  const { row, org } = await readablePlan(db, actor, planId);
  if (!progressPolicy.read(actor, org.path)) throw fail.forbidden();
  const rows = await db
    .select()
    .from(rounds)
    .where(eq(rounds.planId, planId))
    .orderBy(desc(rounds.createdAt), asc(rounds.id));
  // Every round's report count in one query (not one per round).
  const counts =
    rows.length === 0
      ? []
      : await db
          .select({ roundId: reportSlots.roundId, n: count() })
          .from(reportSlots)
          .where(
            inArray(
              reportSlots.roundId,
              rows.map((r) => r.id),
            ),
          )
          .groupBy(reportSlots.roundId);
  const countOf = new Map(counts.map((c) => [c.roundId, c.n]));
  return Promise.all(rows.map((r) => toRound(db, r, row, org, countOf.get(r.id) ?? 0)));
}

/** The most rounds one plan holds (one a month, twice over): a plan's round list stays short. */
export const MAX_ROUNDS_PER_PLAN = 24;

/** A round on an approved or circulated plan, with the default period of its kind unless given. */
export async function createRound(
  db: Db,
  actor: Actor,
  input: {
    planId: string;
    kind: Round['kind'];
    labelTh?: string | undefined;
    periodStart?: string | undefined;
    periodEnd?: string | undefined;
    dueDate: string;
  },
) {
  const { row: plan, org } = await readablePlan(db, actor, input.planId);
  if (!progressPolicy.manage(actor, org.path)) throw fail.forbidden();
  if (plan.status !== 'approved' && plan.status !== 'circulated') {
    throw fail.validation([
      detail('planId', 'รอบการรายงานต้องสร้างบนแผนที่อนุมัติแล้ว', 'rounds follow an approved plan'),
    ]);
  }
  // Due within the plan's fiscal year or the next; the period it covers near the plan's year.
  const near = activityDateBounds(plan.fiscalYear);
  const badDates = datesOutsideBounds([
    {
      path: 'dueDate',
      value: input.dueDate,
      bounds: dueDateBounds(plan.fiscalYear),
      field: DATE_FIELDS.dueDate,
    },
    { path: 'periodStart', value: input.periodStart, bounds: near, field: DATE_FIELDS.periodStart },
    { path: 'periodEnd', value: input.periodEnd, bounds: near, field: DATE_FIELDS.periodEnd },
  ]);
  if (badDates.length > 0) throw fail.validation(badDates);
  const period = defaultPeriod(input.kind, plan.fiscalYear);
  const created = await db.transaction(async (tx) => {
    const [held] = await tx.select({ n: count() }).from(rounds).where(eq(rounds.planId, plan.id));
    if ((held?.n ?? 0) >= MAX_ROUNDS_PER_PLAN) {
      throw fail.validation([
        detail(
          'planId',
          `แผนนี้มีรอบการรายงานครบ ${MAX_ROUNDS_PER_PLAN} รอบแล้ว ซึ่งเป็นจำนวนสูงสุด ให้ใช้รอบที่มีอยู่ (เปิดรอบที่ปิดแล้วอีกครั้งได้)`,
          `this plan already has ${MAX_ROUNDS_PER_PLAN} follow-up rounds, the most a plan holds; use one of them (a closed round can be reopened)`,
        ),
      ]);
    }
    const [r] = await tx
      .insert(rounds)
      .values({
        planId: plan.id,
        kind: input.kind,
        labelTh:
          input.labelTh ??
          defaultLabel(input.kind, plan.fiscalYear, {
            start: input.periodStart ?? period.start,
            end: input.periodEnd ?? period.end,
          }),
        periodStart: input.periodStart ?? period.start,
        periodEnd: input.periodEnd ?? period.end,
        dueDate: input.dueDate,
        createdBy: actor.userId,
      })
      .returning();
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'round.create',
      entityType: 'round',
      entityId: r!.id,
      organizationId: org.id,
      after: r,
    });
    return r!;
  });
  return toRound(db, created, plan, org);
}

async function changeRound(
  db: Db,
  actor: Actor,
  id: string,
  rowVersion: number,
  action: string,
  allowed: string[],
  changes: Partial<typeof rounds.$inferInsert>,
  alongside?: (tx: Db, round: RoundRow, plan: typeof plans.$inferSelect) => Promise<void>,
) {
  const { round, plan, org } = await roundWithPlan(db, id);
  if (!progressPolicy.manage(actor, org.path)) throw fail.forbidden();
  // A page loaded before the round last changed: say who changed it and when (often what moved its status).
  if (round.rowVersion !== rowVersion) {
    throw await staleAction(db, { th: 'รอบการรายงาน', en: 'round' }, 'round', id);
  }
  if (!allowed.includes(round.status)) {
    throw fail.conflict(
      'round_wrong_status',
      `รอบการรายงานอยู่ในสถานะ ${round.status}`,
      `The round is ${round.status}`,
    );
  }
  await db.transaction(async (tx) => {
    await alongside?.(tx, round, plan);
    const [updated] = await tx
      .update(rounds)
      .set({ ...changes, rowVersion: round.rowVersion + 1 })
      .where(and(eq(rounds.id, id), eq(rounds.rowVersion, round.rowVersion)))
      .returning({ id: rounds.id });
    if (!updated) throw fail.staleVersion();
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: `round.${action}`,
      entityType: 'round',
      entityId: id,
      organizationId: org.id,
      before: { status: round.status },
      after: { status: changes.status ?? round.status, reason: changes.reopenReason ?? null },
    });
  });
  return getRound(db, actor, id);
}

/** Opening creates the report slots: one per measure (and per step with its own units) per unit. */
export function openRound(db: Db, actor: Actor, id: string, rowVersion: number) {
  return changeRound(
    db,
    actor,
    id,
    rowVersion,
    'open',
    ['draft'],
    { status: 'open', openedAt: new Date() },
    async (tx, round, plan) => {
      const assignments = assignmentsOf(contentOf(plan));
      if (assignments.length === 0) {
        throw fail.validation([
          detail('planId', 'แผนไม่มีหน่วยงานผู้รับผิดชอบ', 'the plan names no responsible unit'),
        ]);
      }
      await tx.insert(reportSlots).values(assignments.map((a) => ({ roundId: round.id, ...a })));
    },
  );
}

export function closeRound(db: Db, actor: Actor, id: string, rowVersion: number) {
  return changeRound(db, actor, id, rowVersion, 'close', ['open'], {
    status: 'closed',
    closedAt: new Date(),
  });
}

/** A closed round is read-only until reopened, with the reason recorded. */
export function reopenRound(db: Db, actor: Actor, id: string, rowVersion: number, reason: string) {
  return changeRound(db, actor, id, rowVersion, 'reopen', ['closed'], {
    status: 'open',
    closedAt: null,
    reopenReason: reason,
  });
}
