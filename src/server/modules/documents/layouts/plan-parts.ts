/**
 * The parts of a plan as its document and its workbook both write them: measure numbers as agencies
 * number them ("(2.1)"), points ("1) …"), responsible units one a line, timeframes, the lines a measure
 * adds only when it has them (target, output indicator, budget), and the groups of points and measures
 * of the issue → point → measure table. Text is written with Arabic digits (renderers convert).
 */
import { formatNumber, toArabicDigits } from '#shared/format/thai.ts';
import {
  MEASURE_KIND_LABELS,
  type PlanContent,
  type PlanIssue,
  type PlanMeasure,
  type Responsible,
} from '#shared/plans/contract.ts';
import { formatTimeframe } from '#shared/plans/months.ts';

import { measureNumber } from '#shared/plans/numbering.ts';

export { measureNumber };

/** How an issue is numbered: "(1) …" above the columns table (seed 001), "1. …" in the issue → point layout (seed 000). */
export const issueLabel = (content: Pick<PlanContent, 'layout'>, issueIndex: number, title: string) =>
  content.layout === 'columns' ? `(${issueIndex + 1}) ${title}` : `${issueIndex + 1}. ${title}`;

/** "1) …": a point as seed 000 numbers them within their issue. */
export const pointLabel = (pointIndex: number, text: string) => `${pointIndex + 1}) ${text}`;

/** The measure's title, its kind said first unless the title already starts with it ("โครงการ…"). */
export function measureTitle(m: PlanMeasure): string {
  if (m.kind === 'measure') return m.title;
  const kind = MEASURE_KIND_LABELS[m.kind].th;
  return m.title.startsWith(kind) ? m.title : `${kind}: ${m.title}`;
}

/** "(2.1) การให้บริการ" */
export const numberedTitle = (m: PlanMeasure, issueIndex: number, measureIndex: number) =>
  `${measureNumber(issueIndex, measureIndex)} ${measureTitle(m)}`;

function responsibleNames(r: Responsible, names: Record<string, string>): string[] {
  return [...r.unitIds.map((id) => names[id] ?? id), ...r.external];
}

/** The measure's units and those its steps name for themselves, each once, in order: one a line. */
export function responsibleOf(m: PlanMeasure, names: Record<string, string>): string[] {
  const all = [
    ...responsibleNames(m.responsible, names),
    ...m.steps.flatMap((s) => (s.responsible ? responsibleNames(s.responsible, names) : [])),
  ];
  return [...new Set(all.map((n) => n.trim()).filter((n) => n !== ''))];
}

/**
 * Units as lines of a table cell: one a line, and when there are several each starts with "- ", so
 * that a name wrapped inside a narrow column never reads as part of the next one.
 */
export const unitLines = (units: string[]): string[] =>
  units.length > 1 ? units.map((u) => `- ${u}`) : units;

/** The measure's months and those of its steps, each once ("ต.ค. 67 – ก.ย. 68"). */
export function timeframesOf(m: PlanMeasure): string[] {
  const all = [m.timeframe, ...m.steps.map((s) => s.timeframe)].flatMap((t) =>
    t ? [formatTimeframe(t, { digits: 'arabic' })] : [],
  );
  return [...new Set(all)];
}

/** "50,000 บาท" (no decimals for whole baht). */
export const baht = (amount: number) =>
  `${formatNumber(amount, { digits: 'arabic', fractionDigits: Number.isInteger(amount) ? 0 : 2 })} บาท`;

/** Target, output indicator and budget, each only when the plan gives it (never a bare "-"). */
export function measureFacts(m: PlanMeasure): string[] {
  return [
    m.target.trim() === '' ? '' : `เป้าหมาย: ${m.target.trim()}`,
    m.outputIndicator.trim() === '' ? '' : `ตัวชี้วัด: ${m.outputIndicator.trim()}`,
    m.budget === null ? '' : `งบประมาณ: ${baht(m.budget)}`,
  ].filter((l) => l !== '');
}

/** The indexes (0-based, in the issue's order) of the points a measure answers; unknown ids are ignored. */
export function pointIndexes(issue: PlanIssue, m: PlanMeasure): number[] {
  return issue.points.flatMap((p, k) => (m.pointIds.includes(p.id) ? [k] : []));
}

/** "ตอบประเด็น 1.1, 1.2": the points of issue n a measure answers, or nothing when it names none. */
export function answersLine(issue: PlanIssue, issueIndex: number, m: PlanMeasure): string | null {
  const points = pointIndexes(issue, m);
  if (points.length === 0) return null;
  return `ตอบประเด็น ${points.map((k) => `${issueIndex + 1}.${k + 1}`).join(', ')}`;
}

/**
 * The rows of the issue → point → measure table (seed 000): points that share a measure are one group,
 * printed together once with every measure that answers any of them, each measure once (seed 000 merges
 * the cells of such points). Groups follow their first point; points without a measure make a group of
 * their own; measures that name no point come last, one group each.
 */
export type PointGroup = { points: number[]; measures: number[] };

export function pointGroups(issue: PlanIssue): PointGroup[] {
  const groupOfPoint = new Map<number, PointGroup>();
  const groups: PointGroup[] = [];
  const loose: PointGroup[] = [];
  issue.measures.forEach((m, j) => {
    const points = pointIndexes(issue, m);
    if (points.length === 0) {
      loose.push({ points: [], measures: [j] });
      return;
    }
    const joined = [...new Set(points.flatMap((k) => groupOfPoint.get(k) ?? []))];
    const group: PointGroup = {
      points: [...new Set([...joined.flatMap((g) => g.points), ...points])].sort((a, b) => a - b),
      measures: [...joined.flatMap((g) => g.measures), j].sort((a, b) => a - b),
    };
    for (const g of joined) groups.splice(groups.indexOf(g), 1);
    groups.push(group);
    for (const k of group.points) groupOfPoint.set(k, group);
  });
  issue.points.forEach((_, k) => {
    if (!groupOfPoint.has(k)) groups.push({ points: [k], measures: [] });
  });
  return [...groups.sort((a, b) => a.points[0]! - b.points[0]!), ...loose];
}

/** Whether the title names the fiscal year (in either digit system). */
export const titleStatesYear = (title: string, fiscalYear: number) =>
  new RegExp(`(^|[^0-9])${fiscalYear}([^0-9]|$)`).test(toArabicDigits(title));

/** The plan's title stating its fiscal year once: as written when it names the year, else with it added. */
export const planTitle = (title: string, fiscalYear: number) =>
  titleStatesYear(title, fiscalYear) ? title : `${title} ประจำปีงบประมาณ พ.ศ. ${fiscalYear}`;
