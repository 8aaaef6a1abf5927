import type { AnalysisOutcome } from './analysis.ts';

type Words = { th: string; en: string };

/**
 * Why an analysis has no computed level, as the analysis found it (`deriveFigures`): the instruments
 * or indicators without a score, a weight the edition does not set, or a total that matches no level.
 * Null when the level was computed.
 */
export function levelReason(outcome: Pick<AnalysisOutcome, 'level'>): Words | null {
  if (outcome.level.computed !== null) return null;
  return outcome.level.reason ?? { th: 'ไม่มีคะแนนรวม', en: 'no total score' };
}
