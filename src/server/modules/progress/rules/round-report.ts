import type { PlanContent } from '#shared/plans/contract.ts';
import { formatTimeframe } from '#shared/plans/months.ts';
import { measureNumber } from '#shared/plans/numbering.ts';
import { PROGRESS_LABELS, type Progress } from '#shared/progress/contract.ts';
import { unitsOfMeasure } from '../../plans/responsible-units.ts';
import { measureStatus } from './rounds.ts';

export type ReportedSlot = {
  measureId: string;
  unitId: string;
  unitNameTh: string;
  progress: Progress;
  percent: number;
  result: string;
  counted: boolean;
};

export type RoundReportRow = {
  issueTitle: string;
  measure: string;
  method: string[];
  responsible: string[];
  period: string;
  result: string;
  status: string;
};

/**
 * The follow-up table agencies publish (seed 003 §3): measure, method (its steps), responsible units,
 * period, result (each unit's words) and status (the measure's status by the roll-up rule), in plan order.
 */
export function roundReportRows(
  content: PlanContent,
  slots: readonly ReportedSlot[],
  unitNames: ReadonlyMap<string, string>,
  opts: { digits?: 'thai' | 'arabic' } = {},
): RoundReportRow[] {
  return content.issues.flatMap((issue, issueIndex) =>
    issue.measures.map((m, measureIndex) => {
      const order = [...unitsOfMeasure(m)];
      const own = slots
        .filter((s) => s.measureId === m.id)
        .sort((a, b) => order.indexOf(a.unitId) - order.indexOf(b.unitId));
      const { status } = measureStatus(own);
      const responsible = [
        ...m.responsible.unitIds.map((id) => unitNames.get(id) ?? id),
        ...m.responsible.external,
      ];
      return {
        issueTitle: issue.title,
        // Numbered as in the plan, so the report and the plan name a measure alike: "(2.1) …".
        measure: `${measureNumber(issueIndex, measureIndex)} ${m.title}`,
        method: m.steps.map((s) => s.text),
        responsible,
        period: m.timeframe ? formatTimeframe(m.timeframe, { digits: opts.digits ?? 'thai' }) : '',
        result: own
          .filter((s) => s.counted && s.result.trim() !== '')
          .map((s) => (own.length > 1 ? `${s.unitNameTh}: ${s.result.trim()}` : s.result.trim()))
          .join('\n'),
        status: PROGRESS_LABELS[status === 'cancelled' ? 'cancelled' : status].th,
      };
    }),
  );
}
