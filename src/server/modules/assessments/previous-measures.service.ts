import { and, eq, inArray } from 'drizzle-orm';
import type { AnalysisOutcome } from '#shared/assessments/analysis.ts';
import type { PreviousMeasures } from '#shared/assessments/previous-measures.ts';
import type { PlanContent } from '#shared/plans/contract.ts';
import type { Progress, SlotState } from '#shared/progress/contract.ts';
import type { Db } from '../../db/client.ts';
import { type assessmentResults, plans, reportSlots, rounds } from '../../db/schema/index.ts';
import { revisionById } from '../catalogue/catalogue.service.ts';
import { measureStatus, roundLabelEn } from '../progress/rules/rounds.ts';
import { buildPreviousMeasures } from './analysis/previous-measures.ts';

type ResultRow = Pick<
  typeof assessmentResults.$inferSelect,
  'organizationId' | 'fiscalYear' | 'catalogueRevisionId'
>;

/** Reports that count as reported (as in the round's roll-up): submitted or accepted. */
const REPORTED: readonly SlotState[] = ['submitted', 'accepted'];

/**
 * The plan that answered a result of ITA year N: the organisation's plan for fiscal year N (made from
 * the analysis of year N-1), in the version in force — approved or circulated (approving a version
 * marks the one before it superseded, so there is at most one). A plan never approved was not carried
 * out as a plan and answers nothing: none. Every version of that year is returned too, because follow-up
 * rounds stay on the version they were opened on while measure ids carry over to later versions.
 */
async function planInForce(db: Db, organizationId: string, fiscalYear: number) {
  const versions = await db
    .select()
    .from(plans)
    .where(and(eq(plans.organizationId, organizationId), eq(plans.fiscalYear, fiscalYear)));
  const inForce = versions
    .filter((p) => p.status === 'approved' || p.status === 'circulated')
    .sort((a, b) => b.versionNo - a.versionNo)[0];
  return inForce ? { plan: inForce, versionIds: versions.map((v) => v.id) } : null;
}

/**
 * The last follow-up round that reported on the year's plan, and each measure's status there by the
 * round report's roll-up rule. A closed round is the one the agency reported on officially, so the
 * latest closed round that has reports counts; only when no round has closed, the latest open one.
 * A measure none of whose units reported in that round has no status (not "not started").
 */
async function lastRoundOf(db: Db, planIds: string[]) {
  if (planIds.length === 0) return null;
  const candidates = (await db.select().from(rounds).where(inArray(rounds.planId, planIds)))
    .filter((r) => r.status === 'closed' || r.status === 'open')
    .sort(
      (a, b) =>
        Number(b.status === 'closed') - Number(a.status === 'closed') ||
        b.periodEnd.localeCompare(a.periodEnd) ||
        b.createdAt.getTime() - a.createdAt.getTime(),
    );
  for (const round of candidates) {
    const slots = await db.select().from(reportSlots).where(eq(reportSlots.roundId, round.id));
    const reported = (s: (typeof slots)[number]) => REPORTED.includes(s.state as SlotState);
    if (!slots.some(reported)) continue;
    const measures = new Map<string, { progress: Progress; percent: number }>();
    for (const measureId of new Set(slots.map((s) => s.measureId))) {
      const own = slots.filter((s) => s.measureId === measureId);
      if (!own.some(reported)) continue;
      const { status, percent } = measureStatus(
        own.map((s) => ({ progress: s.progress as Progress, percent: s.percent, counted: reported(s) })),
      );
      measures.set(measureId, { progress: status, percent });
    }
    return { label_th: round.labelTh, label_en: roundLabelEn(round), measures };
  }
  return null;
}

/**
 * Closing the loop for a result of ITA year N: the measures of the organisation's plan for fiscal
 * year N (see `planInForce`) per indicator and question they answered, their status at the last
 * follow-up round, and the score of year N-1 against year N, taken from the analysis `outcome` of
 * this result (its `yoy` rows). Null when there is no such plan or none of its measures names a code.
 */
export async function previousMeasuresFor(
  db: Db,
  result: ResultRow,
  outcome: Pick<AnalysisOutcome, 'fiscalYear' | 'yoy' | 'indicators' | 'groups'>,
): Promise<PreviousMeasures | null> {
  const found = await planInForce(db, result.organizationId, result.fiscalYear);
  if (!found) return null;
  const edition = (await revisionById(db, result.catalogueRevisionId)).edition;
  return buildPreviousMeasures({
    plan: {
      id: found.plan.id,
      fiscalYear: found.plan.fiscalYear,
      content: found.plan.content as PlanContent,
    },
    round: await lastRoundOf(db, found.versionIds),
    outcome,
    edition,
  });
}
