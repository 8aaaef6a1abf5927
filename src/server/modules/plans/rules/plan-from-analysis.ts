import type { AnalysisOutcome, Finding } from '#shared/assessments/analysis.ts';
import type { PlanContent, PlanIssue } from '#shared/plans/contract.ts';
import { planIssueSchema } from '#shared/plans/contract.ts';
import { shiftMonth } from '#shared/plans/months.ts';

export type IssuesFrom = 'groups' | 'findings' | 'merged' | 'none';

const stanceOf = (f: Finding) => (f.kind === 'strength' ? 'keep' : f.kind);

function issueOf(id: string, title: string, findings: Finding[], stance: PlanIssue['stance']): PlanIssue {
  return planIssueSchema.parse({
    id,
    title: title.slice(0, 500),
    stance,
    description: findings.map((f) => f.draftNarrative_th).join('\n'),
    findingKeys: [...new Set(findings.map((f) => f.key))],
    codes: [...new Set(findings.map((f) => f.code))],
  });
}

/**
 * Issues drawn from an analysis in one action, as the secretariat chooses: one issue per group of
 * weak points (the grouping of the analysis, e.g. the 7 issues), one per finding, or all weak points
 * merged into one. Strengths become "keep the standard" issues per group. Each issue keeps the keys
 * and codes of the findings it answers.
 */
export function issuesFromAnalysis(
  outcome: AnalysisOutcome,
  mode: IssuesFrom,
  newId: () => string,
): PlanIssue[] {
  if (mode === 'none') return [];
  const weak = (f: Finding) => f.kind !== 'strength';
  if (mode === 'merged') {
    const all = outcome.groups.flatMap((g) => g.findings).filter(weak);
    const unique = [...new Map(all.map((f) => [f.key, f])).values()];
    return unique.length ? [issueOf(newId(), 'ประเด็นที่ต้องแก้ไขและพัฒนาจากผลการประเมิน', unique, 'urgent')] : [];
  }
  if (mode === 'findings') {
    const seen = new Set<string>();
    return outcome.groups
      .flatMap((g) => g.findings)
      .filter((f) => !seen.has(f.key) && seen.add(f.key))
      .map((f) => issueOf(newId(), `${f.displayCode} ${f.label_th ?? ''}`.trim(), [f], stanceOf(f)));
  }
  const issues: PlanIssue[] = [];
  for (const g of outcome.groups) {
    const weakOnes = g.findings.filter(weak);
    if (weakOnes.length) {
      const stance = weakOnes.some((f) => f.kind === 'urgent') ? 'urgent' : 'develop';
      issues.push(issueOf(newId(), g.name_th, weakOnes, stance));
    }
    const strengths = g.findings.filter((f) => f.kind === 'strength');
    if (strengths.length) issues.push(issueOf(newId(), `${g.name_th} (รักษามาตรฐาน)`, strengths, 'keep'));
  }
  return issues;
}

/** Last year's plan as the start of this year's: new ids, units kept, every month moved one year. */
export function copyPlanContent(content: PlanContent, newId: () => string): PlanContent {
  const shift = <T extends { start: string; end: string } | null>(t: T): T =>
    (t ? { start: shiftMonth(t.start, 1), end: shiftMonth(t.end, 1) } : null) as T;
  return {
    ...content,
    issues: content.issues.map((iss) => {
      const pointIds = new Map(iss.points.map((p) => [p.id, newId()]));
      return {
        ...iss,
        id: newId(),
        points: iss.points.map((p) => ({ ...p, id: pointIds.get(p.id)! })),
        findingKeys: [],
        measures: iss.measures.map((m) => ({
          ...m,
          id: newId(),
          pointIds: m.pointIds.map((p) => pointIds.get(p)).filter((p): p is string => p !== undefined),
          timeframe: shift(m.timeframe),
          steps: m.steps.map((s) => ({ ...s, id: newId(), timeframe: shift(s.timeframe) })),
        })),
      };
    }),
  };
}
