import type { AnalysisSettings, FindingKind } from '#shared/assessments/analysis.ts';

export type Judged = { key: string; score: number };
export type Verdict = {
  kind: FindingKind;
  threshold: number | null;
  rule: 'below_urgent' | 'below_develop' | 'at_or_above_strength' | 'bottom_n' | 'top_n';
};

/** The N lowest (or highest) scores, ties at the boundary included: equal scores get equal treatment. */
function extremes(units: readonly Judged[], n: number, direction: 'lowest' | 'highest'): Set<string> {
  const sorted = [...units].sort((a, b) => (direction === 'lowest' ? a.score - b.score : b.score - a.score));
  if (sorted.length === 0) return new Set();
  const boundary = sorted[Math.min(n, sorted.length) - 1]!.score;
  return new Set(
    sorted
      .filter((u) => (direction === 'lowest' ? u.score <= boundary : u.score >= boundary))
      .map((u) => u.key),
  );
}

/** The weak points and strengths among the judged units, by the agency's thresholds. */
export function classify(units: readonly Judged[], settings: AnalysisSettings): Map<string, Verdict> {
  const verdicts = new Map<string, Verdict>();
  const bottom = settings.urgentBottomN ? extremes(units, settings.urgentBottomN, 'lowest') : null;
  const top = settings.strengthTopN ? extremes(units, settings.strengthTopN, 'highest') : null;
  for (const u of units) {
    if (bottom ? bottom.has(u.key) : u.score < settings.urgentBelow) {
      verdicts.set(
        u.key,
        bottom
          ? { kind: 'urgent', threshold: null, rule: 'bottom_n' }
          : { kind: 'urgent', threshold: settings.urgentBelow, rule: 'below_urgent' },
      );
    } else if (!bottom && settings.developBelow !== null && u.score < settings.developBelow) {
      verdicts.set(u.key, { kind: 'develop', threshold: settings.developBelow, rule: 'below_develop' });
    } else if (
      top ? top.has(u.key) : settings.strengthAtOrAbove !== null && u.score >= settings.strengthAtOrAbove
    ) {
      verdicts.set(
        u.key,
        top
          ? { kind: 'strength', threshold: null, rule: 'top_n' }
          : { kind: 'strength', threshold: settings.strengthAtOrAbove, rule: 'at_or_above_strength' },
      );
    }
  }
  return verdicts;
}
