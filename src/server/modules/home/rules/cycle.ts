import { CYCLE_STAGES, type CycleStage, type CycleStageName } from '#shared/home/contract.ts';

/** What the data shows of one agency's fiscal year; dates are ISO calendar dates in Bangkok. */
export type CycleFacts = {
  /** The fiscal year (BE); its cycle starts from the previous year's assessment result. */
  fiscalYear: number;
  resultOn: string | null;
  analysedOn: string | null;
  /** The plan's versions of the year with what happened to them. */
  plans: readonly { status: string; decidedOn: string | null; circulatedOn: string | null }[];
  rounds: readonly { kind: string; status: string; closedOn: string | null }[];
  /** The 12-month report first published (not withdrawn). */
  finalReportPublishedOn: string | null;
};

const APPROVED = new Set(['approved', 'circulated', 'superseded']);

/** CE year of a BE fiscal year's months: FY 2569 runs from 1 Oct 2025 to 30 Sep 2026. */
const ce = (beYear: number) => beYear - 543;

/** The fiscal calendar: the year starts on 1 October, the 6-month point is 31 March, the 12-month 30 September. */
export function calendarDateOf(stage: CycleStageName, fiscalYear: number): string | null {
  switch (stage) {
    case 'result':
      return `${ce(fiscalYear) - 1}-10-01`;
    case 'round_6m':
      return `${ce(fiscalYear)}-03-31`;
    case 'round_12m':
    case 'published':
      return `${ce(fiscalYear)}-09-30`;
    default:
      return null;
  }
}

const earliest = (dates: readonly (string | null)[]): string | null =>
  dates.filter((d): d is string => d !== null).sort()[0] ?? null;

/** When each stage happened, null when it has not. A round stage is done once its round is closed. */
function doneOn(stage: CycleStageName, f: CycleFacts): string | null {
  switch (stage) {
    case 'result':
      return f.resultOn;
    case 'analysis':
      return f.analysedOn;
    case 'plan_approved':
      return earliest(f.plans.filter((p) => APPROVED.has(p.status)).map((p) => p.decidedOn));
    case 'circulated':
      return earliest(f.plans.map((p) => p.circulatedOn));
    case 'round_6m':
    case 'round_12m': {
      const kind = stage === 'round_6m' ? '6m' : '12m';
      return earliest(
        f.rounds.filter((r) => r.kind === kind && r.status === 'closed').map((r) => r.closedOn),
      );
    }
    case 'published':
      return f.finalReportPublishedOn;
  }
}

/**
 * result in → analysis → plan approved → circulated → 6-month round → 12-month round → published:
 * each stage done (with the day it happened) or not; the current stage is the first one not done after
 * the last one done. A stage passed over (a plan made without an analysis) is "not recorded": the data
 * does not show it happened, and "not yet" would be untrue once a later stage is done.
 */
export function cycleStages(f: CycleFacts): CycleStage[] {
  const on = CYCLE_STAGES.map((stage) => doneOn(stage, f));
  let lastDone = -1;
  on.forEach((d, i) => {
    if (d !== null) lastDone = i;
  });
  return CYCLE_STAGES.map((stage, i) => ({
    stage,
    state:
      on[i] !== null ? 'done' : i === lastDone + 1 ? 'current' : i < lastDone ? 'not_recorded' : 'not_yet',
    doneOn: on[i] ?? null,
    calendarDate: calendarDateOf(stage, f.fiscalYear),
  }));
}
