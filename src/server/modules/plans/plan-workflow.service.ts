import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { approvalDateBounds, DATE_FIELDS, datesOutsideBounds } from '#shared/format/date-bounds.ts';
import type { InboxItem, PlanDiff } from '#shared/plans/contract.ts';
import { type Db, queryRows } from '../../db/client.ts';
import { organizations, planAcknowledgements, plans } from '../../db/schema/index.ts';
import type { Actor } from '../../http/actor.ts';
import { detail, fail } from '../../http/app-error.ts';
import type { SignedInWith } from '../../http/context.ts';
import { staleAction } from '../../http/stale-action.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { signPlanApproval } from '../signatures/signatures.service.ts';
import { completenessWith, planContext } from './plan-context.ts';
import { planPolicy } from './plans.policy.ts';
import { contentOf, editablePlan, getPlan, type PlanRow, readablePlan } from './plans.service.ts';
import { measureUnits, unitsOfMeasure } from './responsible-units.ts';
import { blocksSubmission } from './rules/completeness.ts';
import { diffPlans } from './rules/plan-diff.ts';

function expectStatus(row: PlanRow, allowed: string[], en: string, th: string) {
  if (!allowed.includes(row.status)) throw fail.conflict('plan_wrong_status', th, en);
}

/**
 * An action sent from a page loaded before the plan last changed is refused, saying who changed it and
 * when; checked before the status, since the change is often what moved the status.
 */
async function expectVersion(db: Db, row: PlanRow, rowVersion: number) {
  if (row.rowVersion !== rowVersion) throw await staleAction(db, { th: 'แผน', en: 'plan' }, 'plan', row.id);
}

async function transition(
  db: Db,
  actor: Actor,
  row: PlanRow,
  action: string,
  changes: Partial<typeof plans.$inferInsert>,
  note: Record<string, unknown> = {},
  alongside?: (tx: Db) => Promise<void>,
) {
  await db.transaction(async (tx) => {
    await alongside?.(tx);
    const [updated] = await tx
      .update(plans)
      .set({ ...changes, rowVersion: row.rowVersion + 1, updatedAt: new Date() })
      .where(and(eq(plans.id, row.id), eq(plans.rowVersion, row.rowVersion)))
      .returning({ id: plans.id });
    if (!updated) throw fail.staleVersion();
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: `plan.${action}`,
      entityType: 'plan',
      entityId: row.id,
      organizationId: row.organizationId,
      before: { status: row.status },
      after: { status: changes.status ?? row.status, ...note },
    });
  });
}

/** draft/returned → submitted, only when complete (or an admin overrides with a recorded reason). */
export async function submitPlan(
  db: Db,
  actor: Actor,
  id: string,
  input: { rowVersion: number; overrideReason?: string | undefined },
) {
  const { row, org } = await editablePlan(db, actor, id);
  await expectVersion(db, row, input.rowVersion);
  expectStatus(
    row,
    ['draft', 'returned'],
    'Only a draft or returned plan can be submitted',
    'ส่งได้เฉพาะแผนฉบับร่างหรือแผนที่ถูกส่งกลับ',
  );
  const failures = completenessWith(await planContext(db, row), row, contentOf(row));
  let override: { reason: string; by: string; at: string } | null = null;
  if (blocksSubmission(failures)) {
    if (!input.overrideReason) {
      throw fail.validation(
        failures
          .filter((f) => f.severity === 'error')
          .map((f) => detail(`content.${f.path}`, f.message_th, f.message_en)),
      );
    }
    if (!planPolicy.overrideCompleteness(actor, org.path)) {
      throw fail.forbidden(
        'เฉพาะผู้ดูแลระบบเท่านั้นที่ส่งแผนที่ยังไม่ครบถ้วนได้',
        'Only an admin may submit an incomplete plan',
      );
    }
    override = { reason: input.overrideReason, by: actor.displayName, at: new Date().toISOString() };
  }
  await transition(
    db,
    actor,
    row,
    'submit',
    {
      status: 'submitted',
      submittedBy: actor.userId,
      submittedAt: new Date(),
      completenessOverride: override,
      returnComment: null,
    },
    override ? { override } : {},
  );
  return getPlan(db, actor, id);
}

/** submitted → approved (with the memo's number and date) or returned (with a comment), by an executive. */
export async function decidePlan(
  db: Db,
  actor: Actor,
  id: string,
  input:
    | {
        decision: 'approve';
        rowVersion: number;
        memoNumber: string;
        memoDate: string;
        signerPosition?: string | undefined;
      }
    | { decision: 'return'; rowVersion: number; comment: string },
  /**
   * The session the approval is made in: given (as every approval through the API is), the approval is
   * recorded as the executive's electronic signature in the same transaction (decision 024).
   */
  signing?: { signedInWith: SignedInWith },
) {
  const { row, org } = await readablePlan(db, actor, id);
  if (!planPolicy.decide(actor, org.path)) {
    throw fail.forbidden(
      'เฉพาะผู้บริหารของหน่วยงานนี้เท่านั้นที่อนุมัติหรือส่งกลับแผนได้',
      'Only an executive of this organisation may approve or return the plan',
    );
  }
  await expectVersion(db, row, input.rowVersion);
  expectStatus(
    row,
    ['submitted'],
    'Only a submitted plan can be approved or returned',
    'อนุมัติหรือส่งกลับได้เฉพาะแผนที่ส่งแล้ว',
  );
  if (input.decision === 'approve') {
    // The memo is dated within the plan's reach: not in the future, not before the year before its own.
    const badDates = datesOutsideBounds([
      {
        path: 'memoDate',
        value: input.memoDate,
        bounds: approvalDateBounds(row.fiscalYear),
        field: DATE_FIELDS.memoDate,
      },
    ]);
    if (badDates.length > 0) throw fail.validation(badDates);
    const failures = completenessWith(await planContext(db, row), row, contentOf(row));
    if (blocksSubmission(failures) && !row.completenessOverride) {
      throw fail.validation(
        failures
          .filter((f) => f.severity === 'error')
          .map((f) => detail(`content.${f.path}`, f.message_th, f.message_en)),
      );
    }
    await transition(
      db,
      actor,
      row,
      'approve',
      {
        status: 'approved',
        decidedBy: actor.userId,
        decidedAt: new Date(),
        memoNumber: input.memoNumber,
        memoDate: input.memoDate,
      },
      { memoNumber: input.memoNumber, memoDate: input.memoDate },
      // The version it replaces stays readable, marked superseded, in the same transaction.
      async (tx) => {
        if (signing) {
          await signPlanApproval(tx, actor, row, {
            signedInWith: signing.signedInWith,
            position: input.signerPosition,
          });
        }
        await tx
          .update(plans)
          .set({ status: 'superseded', updatedAt: new Date() })
          .where(
            and(
              eq(plans.organizationId, row.organizationId),
              eq(plans.fiscalYear, row.fiscalYear),
              inArray(plans.status, ['approved', 'circulated']),
            ),
          );
      },
    );
  } else {
    await transition(
      db,
      actor,
      row,
      'return',
      {
        status: 'returned',
        decidedBy: actor.userId,
        decidedAt: new Date(),
        returnComment: input.comment,
      },
      { comment: input.comment },
    );
  }
  return getPlan(db, actor, id);
}

/** approved → circulated: every responsible unit now finds its measures in its inbox. */
export async function circulatePlan(db: Db, actor: Actor, id: string, input: { rowVersion: number }) {
  const { row } = await editablePlan(db, actor, id);
  await expectVersion(db, row, input.rowVersion);
  expectStatus(row, ['approved'], 'Only an approved plan can be circulated', 'แจ้งเวียนได้เฉพาะแผนที่อนุมัติแล้ว');
  await transition(db, actor, row, 'circulate', {
    status: 'circulated',
    circulatedBy: actor.userId,
    circulatedAt: new Date(),
  });
  return getPlan(db, actor, id);
}

/**
 * Who a plan's next steps reach, for the confirmations that say so: the executives who may approve it
 * (active users holding `executive` on the organisation or above it), and each responsible unit with
 * the number of active unit reporters who see its measures and get the rounds' e-mail reminders (a
 * `unit_reporter` on the unit or above it, as the reminders count them; deployment-wide grants left out).
 */
export async function planAudience(db: Db, actor: Actor, id: string) {
  const { row, org } = await readablePlan(db, actor, id);
  const approvers = await queryRows<{ name: string }>(
    db,
    sql`
      select distinct u.display_name as name
      from role_assignments ra
      join organizations g on g.id = ra.organization_id
      join users u on u.id = ra.user_id and u.active
      where ra.role = 'executive' and starts_with(${org.path}, g.path)
      order by u.display_name`,
  );
  const unitIds = [...measureUnits(contentOf(row))];
  const counted =
    unitIds.length === 0
      ? []
      : await queryRows<{ unit_id: string; name_th: string; name_en: string | null; reporters: number }>(
          db,
          sql`
            select unit.id as unit_id, unit.name_th, unit.name_en, count(distinct u.id)::int as reporters
            from organizations unit
            left join organizations g on starts_with(unit.path, g.path)
            left join role_assignments ra on ra.organization_id = g.id and ra.role = 'unit_reporter'
            left join users u on u.id = ra.user_id and u.active
            where unit.id in (${sql.join(
              unitIds.map((u) => sql`${u}::uuid`),
              sql`, `,
            )})
            group by unit.id, unit.name_th, unit.name_en`,
        );
  const byId = new Map(counted.map((c) => [c.unit_id, c]));
  return {
    approvers: approvers.map((a) => a.name),
    units: unitIds.flatMap((unitId) => {
      const c = byId.get(unitId);
      return c ? [{ unitId, nameTh: c.name_th, nameEn: c.name_en, reporters: c.reporters }] : [];
    }),
  };
}

/** A new draft version from an approved (or circulated) one; the approved one stays as it is. */
export async function startNewVersion(db: Db, actor: Actor, id: string) {
  const { row } = await editablePlan(db, actor, id);
  expectStatus(
    row,
    ['approved', 'circulated'],
    'A new version starts from an approved plan',
    'ฉบับใหม่เริ่มจากแผนที่อนุมัติแล้ว',
  );
  const [latest] = await db
    .select()
    .from(plans)
    .where(and(eq(plans.organizationId, row.organizationId), eq(plans.fiscalYear, row.fiscalYear)))
    .orderBy(desc(plans.versionNo))
    .limit(1);
  if (
    latest &&
    latest.id !== row.id &&
    (latest.status === 'draft' || latest.status === 'returned' || latest.status === 'submitted')
  ) {
    throw fail.conflict(
      'draft_exists',
      `มีฉบับที่ ${latest.versionNo} อยู่ระหว่างจัดทำแล้ว`,
      `Version ${latest.versionNo} is already in progress`,
    );
  }
  const created = await db.transaction(async (tx) => {
    const [next] = await tx
      .insert(plans)
      .values({
        organizationId: row.organizationId,
        fiscalYear: row.fiscalYear,
        versionNo: (latest?.versionNo ?? row.versionNo) + 1,
        previousVersionId: row.id,
        analysisId: row.analysisId,
        content: row.content,
        createdBy: actor.userId,
      })
      .returning();
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'plan.new_version',
      entityType: 'plan',
      entityId: next!.id,
      organizationId: row.organizationId,
      after: { from: row.id, versionNo: next!.versionNo },
    });
    return next!;
  });
  return getPlan(db, actor, created.id);
}

/** A responsible unit's receipt; only someone holding a role on that unit may give it. */
export async function acknowledgePlan(db: Db, actor: Actor, id: string, unitId: string) {
  const { row } = await readablePlan(db, actor, id);
  expectStatus(
    row,
    ['circulated'],
    'Only a circulated plan can be acknowledged',
    'รับทราบได้เฉพาะแผนที่แจ้งเวียนแล้ว',
  );
  if (!measureUnits(contentOf(row)).has(unitId)) {
    throw fail.validation([
      detail('unitId', 'หน่วยงานนี้ไม่มีมาตรการในแผน', 'this unit has no measure in the plan'),
    ]);
  }
  const [unit] = await db.select().from(organizations).where(eq(organizations.id, unitId));
  if (!unit || !planPolicy.acknowledgeFor(actor, unit.path)) {
    throw fail.forbidden('รับทราบได้เฉพาะในนามหน่วยงานของท่านเอง', 'You may acknowledge only for your own unit');
  }
  await db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(planAcknowledgements)
      .where(and(eq(planAcknowledgements.planId, id), eq(planAcknowledgements.unitId, unitId)));
    if (existing) return;
    await tx.insert(planAcknowledgements).values({ planId: id, unitId, acknowledgedBy: actor.userId });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'plan.acknowledge',
      entityType: 'plan',
      entityId: id,
      organizationId: unitId,
      after: { unitId },
    });
  });
  return getPlan(db, actor, id);
}

/** The circulated plans' measures for the units the caller holds a role on. */
/**
 * The caller's units' measures in circulated plans. A unit's measures are in plans of organisations
 * at or above it, so only those plans are read (never the deployment's other plans), newest year
 * first, in tree order, ties by id; their units and acknowledgements in one query each: three queries
 * however many plans. Bounded by construction: one circulated plan a year for each organisation
 * above a unit the caller holds a role on.
 */
export async function inbox(db: Db, actor: Actor): Promise<InboxItem[]> {
  const myUnitPaths = actor.grants.map((g) => g.organizationPath).filter((p): p is string => p !== null);
  if (myUnitPaths.length === 0) return [];
  const rows = await db
    .select({ plan: plans, org: organizations })
    .from(plans)
    .innerJoin(organizations, eq(organizations.id, plans.organizationId))
    .where(
      and(
        eq(plans.status, 'circulated'),
        or(
          ...myUnitPaths.map(
            (p) => sql`left(${p}::text, length(${organizations.path})) = ${organizations.path}`,
          ),
        ),
      ),
    )
    .orderBy(desc(plans.fiscalYear), asc(organizations.path), asc(plans.id));
  const unitsOf = new Map(rows.map(({ plan }) => [plan.id, [...measureUnits(contentOf(plan))]]));
  const allUnitIds = [...new Set([...unitsOf.values()].flat())];
  const allUnits =
    allUnitIds.length === 0
      ? []
      : await db
          .select()
          .from(organizations)
          .where(inArray(organizations.id, allUnitIds))
          .orderBy(asc(organizations.path), asc(organizations.id));
  const allAcks =
    rows.length === 0
      ? []
      : await db
          .select()
          .from(planAcknowledgements)
          .where(
            inArray(
              planAcknowledgements.planId,
              rows.map((r) => r.plan.id),
            ),
          );
  const items: InboxItem[] = [];
  for (const { plan, org } of rows) {
    const content = contentOf(plan);
    const unitIds = new Set(unitsOf.get(plan.id));
    if (unitIds.size === 0) continue;
    const units = allUnits.filter((u) => unitIds.has(u.id));
    const acks = allAcks.filter((a) => a.planId === plan.id);
    for (const unit of units) {
      if (!myUnitPaths.some((p) => p.startsWith(unit.path))) continue;
      const measures = content.issues.flatMap((issue, issueIndex) =>
        issue.measures
          .map((m, measureIndex) => ({ m, measureIndex }))
          .filter(({ m }) => unitsOfMeasure(m).has(unit.id))
          .map(({ m, measureIndex }) => ({
            issueTitle: issue.title,
            issueIndex,
            measureIndex,
            measureId: m.id,
            title: m.title,
            kind: m.kind,
            steps: m.steps.map((s) => ({
              text: s.text,
              mine: (s.responsible?.unitIds ?? m.responsible.unitIds).includes(unit.id),
            })),
            timeframe: m.timeframe,
            monitoring: m.monitoring,
          })),
      );
      items.push({
        planId: plan.id,
        organizationNameTh: org.nameTh,
        organizationNameEn: org.nameEn,
        fiscalYear: plan.fiscalYear,
        versionNo: plan.versionNo,
        unitId: unit.id,
        unitNameTh: unit.nameTh,
        unitNameEn: unit.nameEn,
        acknowledgedAt: acks.find((a) => a.unitId === unit.id)?.acknowledgedAt.toISOString() ?? null,
        measures,
      });
    }
  }
  return items;
}

export async function diffVersions(db: Db, actor: Actor, id: string, otherId: string): Promise<PlanDiff> {
  const to = await readablePlan(db, actor, id);
  const from = await readablePlan(db, actor, otherId);
  if (from.row.organizationId !== to.row.organizationId || from.row.fiscalYear !== to.row.fiscalYear) {
    throw fail.validation([
      detail('otherId', 'เปรียบเทียบได้เฉพาะฉบับของแผนเดียวกัน', 'compare versions of the same plan only'),
    ]);
  }
  return {
    from: { id: from.row.id, versionNo: from.row.versionNo },
    to: { id: to.row.id, versionNo: to.row.versionNo },
    changes: diffPlans(contentOf(from.row), contentOf(to.row)),
  };
}
