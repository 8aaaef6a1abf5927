import { and, eq, gte, inArray, isNotNull, isNull, like, or, type SQL, sql } from 'drizzle-orm';
import type { Role } from '#shared/auth/roles.ts';
import { fiscalYearOf } from '#shared/format/thai.ts';
import {
  HOME_ITEM_LIMIT,
  type Home,
  type HomeCycle,
  type HomeItem,
  type HomeName,
} from '#shared/home/contract.ts';
import { checkIsOk, type OitCheck } from '#shared/oit/contract.ts';
import type { PlanContent } from '#shared/plans/contract.ts';
import type { Db } from '../../db/client.ts';
import {
  analyses,
  assessmentResults,
  documents,
  oitItems,
  organizations,
  planAcknowledgements,
  plans,
  publications,
  reportSlots,
  rounds,
} from '../../db/schema/index.ts';
import { type Actor, scopeRoots } from '../../http/actor.ts';
import { readableOrganizationRow } from '../organizations/organizations.service.ts';
import { planPolicy } from '../plans/plans.policy.ts';
import { measureUnits } from '../plans/responsible-units.ts';
import { progressPolicy } from '../progress/progress.policy.ts';
import { bangkokDate } from '../reminders/plan-reminders.ts';
import { cycleStages } from './rules/cycle.ts';
import {
  itemState,
  measureIn,
  menuCounts,
  nameOf,
  roundWaits,
  SLOT_OPEN_STATES,
  sortItems,
  unitsNotAcknowledged,
} from './rules/items.ts';

const MANAGERS: readonly Role[] = ['secretariat', 'admin'];
/** Who answers for a unit (acknowledges, reports): any role held on it but a viewer's. */
const UNIT_ROLES: readonly Role[] = ['unit_reporter', 'secretariat', 'admin', 'executive'];
/** Plans that still ask something of someone (superseded ones never do). */
const LIVE_PLAN_STATUSES = ['draft', 'returned', 'submitted', 'approved', 'circulated'];

type OrgRow = { id: string; path: string; nameTh: string; nameEn: string | null };

const rootsOf = (actor: Actor, roles: readonly Role[]) =>
  actor.grants.filter((g) => roles.includes(g.role)).map((g) => g.organizationPath);

/** Organisations in the subtrees (null: everywhere); false when there is none. */
function within(roots: readonly (string | null)[]): SQL | undefined {
  if (roots.includes(null)) return undefined;
  if (roots.length === 0) return sql`false`;
  return or(...roots.map((r) => like(organizations.path, `${r}%`)));
}

/** Either condition; undefined (everything) when either is (drizzle's or() would drop it). */
const either = (a: SQL | undefined, b: SQL): SQL | undefined => (a === undefined ? undefined : or(a, b));

/** Organisations at or above the units (a unit's plan is its parent's). */
function above(paths: readonly string[]): SQL {
  if (paths.length === 0) return sql`false`;
  return or(...paths.map((p) => sql`${p} like ${organizations.path} || '%'`))!;
}

/** A policy with the viewer's grants left out: what a person answers for on a unit. */
const answeringActor = (actor: Actor): Actor => ({
  ...actor,
  grants: actor.grants.filter((g) => UNIT_ROLES.includes(g.role)),
});

/**
 * What waits for the signed-in person and where their agency stands in the year, read in a fixed
 * number of queries whatever the number of plans, rounds and reports.
 */
export async function homeOf(db: Db, actor: Actor, now = new Date()): Promise<Home> {
  const today = bangkokDate(now);
  const fiscalYear = fiscalYearOf(now);
  const answering = answeringActor(actor);
  const unitPaths = answering.grants.map((g) => g.organizationPath).filter((p): p is string => p !== null);
  const manageRoots = rootsOf(actor, MANAGERS);
  const decideRoots = rootsOf(actor, ['executive']);
  const items: HomeItem[] = [];
  const unitNames = new Map<string, OrgRow>();

  // Plans: to approve, returned, to submit, to circulate, and circulated ones awaiting acknowledgement.
  const planRows = await db
    .select({
      id: plans.id,
      fiscalYear: plans.fiscalYear,
      status: plans.status,
      title: sql<string>`${plans.content}->>'title'`,
      // The whole content only where its units are read (a circulated plan's acknowledgements).
      content: sql<PlanContent | null>`case when ${plans.status} = 'circulated' then ${plans.content} end`,
      org: {
        id: organizations.id,
        path: organizations.path,
        nameTh: organizations.nameTh,
        nameEn: organizations.nameEn,
      },
    })
    .from(plans)
    .innerJoin(organizations, eq(organizations.id, plans.organizationId))
    .where(
      and(
        inArray(plans.status, LIVE_PLAN_STATUSES),
        either(within([...manageRoots, ...decideRoots]), above(unitPaths)),
      ),
    );
  const circulated = planRows.filter((p) => p.status === 'circulated');
  const circulatedUnitIds = new Map(
    circulated.map((p) => [p.id, p.content ? [...measureUnits(p.content)] : []]),
  );
  const allUnitIds = [...new Set([...circulatedUnitIds.values()].flat())];
  const [acks, units] = await Promise.all([
    circulated.length === 0
      ? []
      : db
          .select({ planId: planAcknowledgements.planId, unitId: planAcknowledgements.unitId })
          .from(planAcknowledgements)
          .where(
            inArray(
              planAcknowledgements.planId,
              circulated.map((p) => p.id),
            ),
          ),
    allUnitIds.length === 0
      ? []
      : db
          .select({
            id: organizations.id,
            path: organizations.path,
            nameTh: organizations.nameTh,
            nameEn: organizations.nameEn,
          })
          .from(organizations)
          .where(inArray(organizations.id, allUnitIds)),
  ]);
  for (const u of units) unitNames.set(u.id, u);
  const acknowledged = new Map<string, Set<string>>();
  for (const a of acks) acknowledged.set(a.planId, (acknowledged.get(a.planId) ?? new Set()).add(a.unitId));

  for (const p of planRows) {
    const base = {
      subject: p.title,
      number: null,
      organization: nameOf(p.org),
      fiscalYear: p.fiscalYear,
      deadline: null,
      count: 1,
      units: [] as HomeName[],
      documents: null,
      href: `/plans/${p.id}`,
    };
    const manages = planPolicy.edit(actor, p.org.path);
    const state = (returned = false) => itemState({ deadline: null, returned, today });
    if (p.status === 'submitted' && planPolicy.decide(actor, p.org.path)) {
      items.push({ ...base, key: `plan_to_approve:${p.id}`, kind: 'plan_to_approve', state: state() });
    } else if (p.status === 'returned' && manages) {
      items.push({ ...base, key: `plan_returned:${p.id}`, kind: 'plan_returned', state: state(true) });
    } else if (p.status === 'draft' && manages) {
      items.push({ ...base, key: `plan_to_submit:${p.id}`, kind: 'plan_to_submit', state: state() });
    } else if (p.status === 'approved' && manages) {
      items.push({ ...base, key: `plan_to_circulate:${p.id}`, kind: 'plan_to_circulate', state: state() });
    } else if (p.status === 'circulated') {
      const missing = unitsNotAcknowledged(
        circulatedUnitIds.get(p.id) ?? [],
        acknowledged.get(p.id) ?? new Set(),
      )
        .map((id) => unitNames.get(id))
        .filter((u): u is OrgRow => u !== undefined);
      if (manages && missing.length > 0) {
        items.push({
          ...base,
          key: `units_not_acknowledged:${p.id}`,
          kind: 'units_not_acknowledged',
          state: state(),
          count: missing.length,
          units: missing.map(nameOf),
        });
      }
      for (const unit of missing.filter((u) => planPolicy.acknowledgeFor(answering, u.path))) {
        items.push({
          ...base,
          key: `plan_to_acknowledge:${p.id}:${unit.id}`,
          kind: 'plan_to_acknowledge',
          state: state(),
          units: [nameOf(unit)],
          href: '/tasks',
        });
      }
    }
  }

  // Rounds: reports to review, reports missing after the due date, a closed round's documents, and the
  // reports the person's units owe.
  const roundRows = await db
    .select({
      id: rounds.id,
      labelTh: rounds.labelTh,
      status: rounds.status,
      dueDate: rounds.dueDate,
      planId: plans.id,
      fiscalYear: plans.fiscalYear,
      // The content only where the measures of the reports due are named (open rounds).
      content: sql<PlanContent | null>`case when ${rounds.status} = 'open' then ${plans.content} end`,
      org: {
        id: organizations.id,
        path: organizations.path,
        nameTh: organizations.nameTh,
        nameEn: organizations.nameEn,
      },
    })
    .from(rounds)
    .innerJoin(plans, eq(plans.id, rounds.planId))
    .innerJoin(organizations, eq(organizations.id, plans.organizationId))
    .where(
      and(
        or(
          eq(rounds.status, 'open'),
          and(eq(rounds.status, 'closed'), gte(plans.fiscalYear, fiscalYear - 1)),
        ),
        either(within(manageRoots), above(unitPaths)),
      ),
    );
  const roundIds = roundRows.map((r) => r.id);
  const closedIds = roundRows.filter((r) => r.status === 'closed').map((r) => r.id);
  const [slotRows, generated, published] = await Promise.all([
    roundIds.length === 0
      ? []
      : db
          .select({
            id: reportSlots.id,
            roundId: reportSlots.roundId,
            measureId: reportSlots.measureId,
            state: reportSlots.state,
            unit: {
              id: organizations.id,
              path: organizations.path,
              nameTh: organizations.nameTh,
              nameEn: organizations.nameEn,
            },
          })
          .from(reportSlots)
          .innerJoin(organizations, eq(organizations.id, reportSlots.unitId))
          .where(
            and(
              inArray(reportSlots.roundId, roundIds),
              inArray(reportSlots.state, [...SLOT_OPEN_STATES, 'submitted']),
            ),
          ),
    closedIds.length === 0
      ? []
      : db
          .selectDistinct({ subjectId: documents.subjectId })
          .from(documents)
          .where(and(eq(documents.kind, 'round'), inArray(documents.subjectId, closedIds))),
    closedIds.length === 0
      ? []
      : db
          .selectDistinct({ subjectId: publications.subjectId })
          .from(publications)
          .where(
            and(
              eq(publications.kind, 'round'),
              inArray(publications.subjectId, closedIds),
              isNull(publications.withdrawnAt),
            ),
          ),
  ]);
  const generatedIds = new Set(generated.map((d) => d.subjectId));
  const publishedIds = new Set(published.map((d) => d.subjectId));
  const slotsOf = new Map<string, (typeof slotRows)[number][]>();
  for (const s of slotRows) {
    // Appended in place: copying the list for every slot was quadratic in a round's slots (thousands
    // in a national round).
    const list = slotsOf.get(s.roundId);
    if (list) list.push(s);
    else slotsOf.set(s.roundId, [s]);
  }

  for (const r of roundRows) {
    const slots = slotsOf.get(r.id) ?? [];
    const base = {
      subject: r.labelTh,
      number: null,
      organization: nameOf(r.org),
      fiscalYear: r.fiscalYear,
      deadline: null,
      count: 1,
      units: [] as HomeName[],
      documents: null,
      href: `/rounds/${r.id}`,
    };
    if (progressPolicy.manage(actor, r.org.path)) {
      const waits = roundWaits(
        r,
        slots.map((s) => ({ unitId: s.unit.id, state: s.state })),
        today,
      );
      if (waits.toReview > 0) {
        const only = waits.toReview === 1 ? slots.find((s) => s.state === 'submitted') : undefined;
        items.push({
          ...base,
          key: `reports_to_review:${r.id}`,
          kind: 'reports_to_review',
          state: itemState({ deadline: null, returned: false, today }),
          count: waits.toReview,
          href: only ? `/reports/${only.id}` : base.href,
        });
      }
      if (waits.missing > 0) {
        const byId = new Map(slots.map((s) => [s.unit.id, s.unit]));
        items.push({
          ...base,
          key: `round_reports_missing:${r.id}`,
          kind: 'round_reports_missing',
          state: itemState({ deadline: r.dueDate, returned: false, today }),
          deadline: r.dueDate,
          count: waits.missing,
          units: waits.missingUnitIds.map((id) => nameOf(byId.get(id)!)),
        });
      }
      if (r.status === 'closed' && !(generatedIds.has(r.id) && publishedIds.has(r.id))) {
        items.push({
          ...base,
          key: `round_documents:${r.id}`,
          kind: 'round_documents',
          state: itemState({ deadline: null, returned: false, today }),
          documents: { generated: generatedIds.has(r.id), published: publishedIds.has(r.id) },
        });
      }
    }
    if (r.status !== 'open') continue;
    for (const s of slots) {
      if (!SLOT_OPEN_STATES.includes(s.state) || !progressPolicy.report(answering, s.unit.path)) continue;
      const measure = r.content ? measureIn(r.content, s.measureId) : null;
      items.push({
        ...base,
        key: `report_due:${s.id}`,
        kind: 'report_due',
        state: itemState({ deadline: r.dueDate, returned: s.state === 'returned', today }),
        subject: measure?.title ?? r.labelTh,
        number: measure?.number ?? null,
        deadline: r.dueDate,
        units: [nameOf(s.unit)],
        href: `/reports/${s.id}`,
      });
    }
  }

  // OIT items whose last link check failed, one entry per organisation and year.
  const oitRows = await db
    .select({
      fiscalYear: oitItems.fiscalYear,
      lastCheck: oitItems.lastCheck,
      org: {
        id: organizations.id,
        path: organizations.path,
        nameTh: organizations.nameTh,
        nameEn: organizations.nameEn,
      },
    })
    .from(oitItems)
    .innerJoin(organizations, eq(organizations.id, oitItems.organizationId))
    .where(and(isNotNull(oitItems.lastCheck), gte(oitItems.fiscalYear, fiscalYear - 1), within(manageRoots)));
  const failing = new Map<string, { org: OrgRow; fiscalYear: number; count: number }>();
  for (const o of oitRows) {
    if (checkIsOk(o.lastCheck as OitCheck)) continue;
    const key = `${o.org.id}:${o.fiscalYear}`;
    const entry = failing.get(key) ?? { org: o.org, fiscalYear: o.fiscalYear, count: 0 };
    entry.count += 1;
    failing.set(key, entry);
  }
  for (const [key, f] of failing) {
    items.push({
      key: `oit_links_failing:${key}`,
      kind: 'oit_links_failing',
      state: itemState({ deadline: null, returned: false, today }),
      subject: '',
      number: null,
      organization: nameOf(f.org),
      fiscalYear: f.fiscalYear,
      deadline: null,
      count: f.count,
      units: [],
      documents: null,
      href: `/oit?org=${f.org.id}&year=${f.fiscalYear}`,
    });
  }

  const sorted = sortItems(items);
  return {
    today,
    items: sorted.slice(0, HOME_ITEM_LIMIT),
    total: sorted.length,
    menu: menuCounts(sorted),
    cycles: await cyclesOf(db, actor, fiscalYear),
  };
}

/**
 * The yearly cycle of each agency the person belongs to: for a role held on an organisation, the
 * nearest organisation at or above it with a plan for the year or the result it starts from (a unit's
 * plan is its parent's), else that organisation itself. Deployment-wide roles have no agency of their own.
 */
async function cyclesOf(db: Db, actor: Actor, fiscalYear: number): Promise<HomeCycle[]> {
  const grantPaths = [
    ...new Set(actor.grants.map((g) => g.organizationPath).filter((p): p is string => p !== null)),
  ];
  if (grantPaths.length === 0) return [];
  const chainOf = (path: string) => path.split('/').filter(Boolean);
  const ancestorIds = [...new Set(grantPaths.flatMap(chainOf))];
  const [orgRows, planRows, resultRows] = await Promise.all([
    db
      .select({
        id: organizations.id,
        path: organizations.path,
        nameTh: organizations.nameTh,
        nameEn: organizations.nameEn,
      })
      .from(organizations)
      .where(inArray(organizations.id, ancestorIds)),
    db
      .select({
        id: plans.id,
        organizationId: plans.organizationId,
        versionNo: plans.versionNo,
        status: plans.status,
        decidedAt: plans.decidedAt,
        circulatedAt: plans.circulatedAt,
      })
      .from(plans)
      .where(and(inArray(plans.organizationId, ancestorIds), eq(plans.fiscalYear, fiscalYear))),
    db
      .select({
        id: assessmentResults.id,
        organizationId: assessmentResults.organizationId,
        createdAt: assessmentResults.createdAt,
      })
      .from(assessmentResults)
      .where(
        and(
          inArray(assessmentResults.organizationId, ancestorIds),
          eq(assessmentResults.fiscalYear, fiscalYear - 1),
        ),
      ),
  ]);
  const orgById = new Map(orgRows.map((o) => [o.id, o]));
  const hasYear = new Set([
    ...planRows.map((p) => p.organizationId),
    ...resultRows.map((r) => r.organizationId),
  ]);
  const agencies: OrgRow[] = [];
  for (const path of grantPaths) {
    const chain = chainOf(path);
    const id = [...chain].reverse().find((c) => hasYear.has(c)) ?? chain[chain.length - 1]!;
    const org = orgById.get(id);
    if (org && !agencies.some((a) => a.id === org.id)) agencies.push(org);
  }
  const agencyIds = agencies.map((a) => a.id);
  const ourPlans = planRows.filter((p) => agencyIds.includes(p.organizationId));
  const ourResults = resultRows.filter((r) => agencyIds.includes(r.organizationId));
  const [analysisRows, roundRows, publicationRows] = await Promise.all([
    ourResults.length === 0
      ? []
      : db
          .select({ resultId: analyses.resultId, computedAt: analyses.computedAt })
          .from(analyses)
          .where(
            inArray(
              analyses.resultId,
              ourResults.map((r) => r.id),
            ),
          ),
    ourPlans.length === 0
      ? []
      : db
          .select({
            planId: rounds.planId,
            kind: rounds.kind,
            status: rounds.status,
            closedAt: rounds.closedAt,
          })
          .from(rounds)
          .where(
            inArray(
              rounds.planId,
              ourPlans.map((p) => p.id),
            ),
          ),
    db
      .select({ organizationId: publications.organizationId, publishedAt: publications.publishedAt })
      .from(publications)
      .where(
        and(
          inArray(publications.organizationId, agencyIds),
          eq(publications.fiscalYear, fiscalYear),
          eq(publications.pathKey, 'round/12m'),
          isNull(publications.withdrawnAt),
        ),
      ),
  ]);
  const day = (d: Date | null) => (d ? bangkokDate(d) : null);
  const first = (dates: (string | null)[]) => dates.filter((d): d is string => d !== null).sort()[0] ?? null;
  return agencies.map((org) => {
    const result = ourResults.find((r) => r.organizationId === org.id);
    const orgPlans = ourPlans.filter((p) => p.organizationId === org.id);
    const planIds = new Set(orgPlans.map((p) => p.id));
    const inForce =
      orgPlans.find((p) => p.status === 'approved' || p.status === 'circulated') ??
      [...orgPlans].sort((a, b) => b.versionNo - a.versionNo)[0];
    return {
      organization: nameOf(org),
      fiscalYear,
      resultYear: fiscalYear - 1,
      planHref: inForce ? `/plans/${inForce.id}` : null,
      stages: cycleStages({
        fiscalYear,
        resultOn: day(result?.createdAt ?? null),
        analysedOn: first(
          analysisRows.filter((a) => a.resultId === result?.id).map((a) => day(a.computedAt)),
        ),
        plans: orgPlans.map((p) => ({
          status: p.status,
          decidedOn: day(p.decidedAt),
          circulatedOn: day(p.circulatedAt),
        })),
        rounds: roundRows
          .filter((r) => planIds.has(r.planId))
          .map((r) => ({ kind: r.kind, status: r.status, closedOn: day(r.closedAt) })),
        finalReportPublishedOn: first(
          publicationRows.filter((p) => p.organizationId === org.id).map((p) => day(p.publishedAt)),
        ),
      }),
    };
  });
}

/** The latest fiscal year with an assessment result for the organisation or one below it. */
export async function latestResultYear(db: Db, actor: Actor, organizationId: string) {
  const org = await readableOrganizationRow(db, actor, organizationId);
  const [row] = await db
    .select({ fiscalYear: sql<number | null>`max(${assessmentResults.fiscalYear})` })
    .from(assessmentResults)
    .innerJoin(organizations, eq(organizations.id, assessmentResults.organizationId))
    .where(and(like(organizations.path, `${org.path}%`), within(scopeRoots(actor))));
  return { fiscalYear: row?.fiscalYear == null ? null : Number(row.fiscalYear) };
}
