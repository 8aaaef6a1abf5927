import type { AnalysisOutcome } from '#shared/assessments/analysis.ts';
import type { PreviousMeasures } from '#shared/assessments/previous-measures.ts';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import type { PlanContent } from '#shared/plans/contract.ts';
import { measureNumber } from '#shared/plans/numbering.ts';
import type { Progress } from '#shared/progress/contract.ts';
import { measureTitle } from '../../documents/layouts/plan-parts.ts';

type Row = PreviousMeasures['rows'][number];
type Measure = Row['measures'][number];
type YoyRow = NonNullable<AnalysisOutcome['yoy']>['rows'][number];

export type PreviousMeasuresInput = {
  /** The plan that answered the result the year before (the one in force for that fiscal year). */
  plan: { id: string; fiscalYear: number; content: PlanContent };
  /** The last follow-up round that reported, and what it says of each measure (by measure id). */
  round: {
    label_th: string;
    label_en: string;
    measures: ReadonlyMap<string, { progress: Progress; percent: number }>;
  } | null;
  /** This year's analysis: its scores, and last year's beside them (`yoy`). */
  outcome: Pick<AnalysisOutcome, 'fiscalYear' | 'yoy' | 'indicators' | 'groups'>;
  /** This year's edition: display codes, wording and indicators of its questions. */
  edition: Pick<Edition, 'questions'>;
};

const lower = (code: string) => code.trim().toLowerCase();
const isIndicator = (code: string) => /^\d+$/.test(code.trim());
/** A sub-indicator ("9.1") is scored through its indicator. */
const subIndicatorOf = (code: string) => /^(\d+)\.\d+$/.exec(code.trim())?.[1] ?? null;

/**
 * The codes a measure answers: its own, its issue's (an issue's codes apply to its measures) and
 * those of the findings its issue was made from (`question:i7`, `indicator:9`).
 */
function codesOfMeasure(issue: PlanContent['issues'][number], own: readonly string[]): string[] {
  const fromKeys = issue.findingKeys.flatMap((k) => {
    const m = /^(question|indicator):(.+)$/.exec(k);
    return m ? [m[2]!] : [];
  });
  return [...new Set([...own, ...issue.codes, ...fromKeys].map((c) => c.trim()).filter((c) => c !== ''))];
}

/**
 * Closing the loop: per indicator and per question that a measure of last year's plan answered, the
 * measures (numbered as printed in that plan), their status at the last follow-up round, and the
 * score before and now. A plan's codes are those of its own edition (the year before): a question is
 * found this year through the outcome's year-over-year rows (their `previousCode`), else by the same
 * code; an indicator by its number; a sub-indicator through its indicator. A code this year's result
 * does not score is still listed (its score "not assessed"), so no measure disappears. Null when no
 * measure of the plan answered any code.
 */
export function buildPreviousMeasures(input: PreviousMeasuresInput): PreviousMeasures | null {
  const { plan, round, outcome, edition } = input;
  const yoyRows = outcome.yoy?.rows ?? [];
  const findings = outcome.groups.flatMap((g) => g.findings);
  const questionOf = (code: string) => edition.questions.find((q) => lower(q.code) === lower(code));

  /** This year's row a plan code stands for: `scope:code`. */
  function target(planCode: string): { scope: Row['scope']; code: string } {
    const sub = subIndicatorOf(planCode);
    if (sub) return { scope: 'indicator', code: sub };
    if (isIndicator(planCode)) return { scope: 'indicator', code: String(Number(planCode)) };
    const byPrevious = yoyRows.find(
      (r) =>
        r.scope === 'question' &&
        r.yoy.previousCode !== null &&
        lower(r.yoy.previousCode) === lower(planCode),
    );
    if (byPrevious) return { scope: 'question', code: byPrevious.code };
    return { scope: 'question', code: questionOf(planCode)?.code ?? planCode };
  }

  const byRow = new Map<string, { scope: Row['scope']; code: string; measures: Measure[] }>();
  plan.content.issues.forEach((issue, i) => {
    issue.measures.forEach((m, j) => {
      const measure: Measure = {
        measureId: m.id,
        number: measureNumber(i, j),
        title: measureTitle(m),
        progress: round?.measures.get(m.id)?.progress ?? null,
        percent: round?.measures.get(m.id)?.percent ?? null,
      };
      for (const planCode of codesOfMeasure(issue, m.codes)) {
        const t = target(planCode);
        const key = `${t.scope}:${lower(t.code)}`;
        const row = byRow.get(key) ?? { ...t, measures: [] };
        if (!row.measures.some((x) => x.measureId === m.id)) row.measures.push(measure);
        byRow.set(key, row);
      }
    });
  });
  if (byRow.size === 0) return null;

  const yoyOf = (scope: Row['scope'], code: string): YoyRow | undefined =>
    yoyRows.find((r) => r.scope === scope && lower(r.code) === lower(code));
  const rows: Row[] = [...byRow.values()].map(({ scope, code, measures }) => {
    const yoy = yoyOf(scope, code);
    if (scope === 'indicator') {
      const indicator = outcome.indicators.find((x) => String(x.number) === code);
      const current = yoy?.current ?? indicator?.score ?? null;
      return {
        scope,
        code,
        displayCode: code,
        indicator: Number(code),
        label_th: indicator?.name_th ?? yoy?.label_th ?? null,
        measures,
        previous: yoy?.yoy.previous ?? indicator?.yoy?.previous ?? null,
        current,
        change: yoy?.yoy.change ?? indicator?.yoy?.change ?? null,
      };
    }
    const q = questionOf(code);
    const finding = findings.find((f) => f.scope === 'question' && lower(f.code) === lower(code));
    return {
      scope,
      code: q?.code ?? code,
      displayCode: q?.display_code ?? finding?.displayCode ?? code,
      indicator: q?.indicator ?? finding?.indicator ?? null,
      label_th: q?.text_th ?? yoy?.label_th ?? finding?.label_th ?? null,
      measures,
      previous: yoy?.yoy.previous ?? finding?.yoy?.previous ?? null,
      current: yoy?.current ?? finding?.score ?? null,
      change: yoy?.yoy.change ?? finding?.yoy?.change ?? null,
    };
  });

  // By indicator, each indicator before its questions, questions in the edition's order.
  const questionOrder = (code: string) => {
    const k = edition.questions.findIndex((q) => lower(q.code) === lower(code));
    return k === -1 ? Number.MAX_SAFE_INTEGER : k;
  };
  const sortKey = (r: Row): [number, number, number] => [
    r.indicator ?? Number.MAX_SAFE_INTEGER,
    r.scope === 'indicator' ? 0 : 1,
    r.scope === 'indicator' ? 0 : questionOrder(r.code),
  ];
  rows.sort((a, b) => {
    const [x, y] = [sortKey(a), sortKey(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || a.code.localeCompare(b.code);
  });

  return {
    planId: plan.id,
    planFiscalYear: plan.fiscalYear,
    planTitle: plan.content.title,
    lastRound: round ? { label_th: round.label_th, label_en: round.label_en } : null,
    previousFiscalYear: outcome.yoy?.previousFiscalYear ?? null,
    currentFiscalYear: outcome.fiscalYear,
    rows,
  };
}
