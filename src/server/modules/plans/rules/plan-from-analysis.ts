import type { AnalysisOutcome, Finding, FindingKind } from '#shared/assessments/analysis.ts';
import type { PreviousMeasures } from '#shared/assessments/previous-measures.ts';
import {
  PLAN_TEXT_LIMITS,
  type PlanContent,
  type PlanIssue,
  type PlanMeasure,
  planIssueSchema,
} from '#shared/plans/contract.ts';
import { shiftMonth } from '#shared/plans/months.ts';

export type IssuesFrom = 'groups' | 'findings' | 'merged' | 'none';

/**
 * A finding as stored: outcomes computed before the analysis listed indicator and question findings
 * together have no `parentKey` (a question's indicator finding) nor `alsoIn` (other groups it belongs to).
 */
type StoredFinding = Finding & { parentKey?: string | null; alsoIn?: string[] };
type Stance = PlanIssue['stance'];

const STANCE_OF: Record<FindingKind, Stance> = { urgent: 'urgent', develop: 'develop', strength: 'keep' };
const STANCES: readonly Stance[] = ['urgent', 'develop', 'keep'];

/**
 * What an issue's title adds when its group gives more than one issue (the plan does not print the
 * stance, so two issues of one group are told apart by their titles).
 */
const STANCE_SUFFIX: Record<Stance, string> = {
  urgent: ' (แก้ไขโดยเร่งด่วน)',
  develop: ' (พัฒนาให้ดีขึ้น)',
  keep: ' (รักษามาตรฐาน)',
};

/** Titles of the issues of a plan made with every weak point merged, one per stance. */
export const MERGED_TITLES: Record<Stance, string> = {
  urgent: 'จุดอ่อนที่ต้องแก้ไขโดยเร่งด่วนจากผลการประเมิน',
  develop: 'ประเด็นที่ต้องพัฒนาให้ดีขึ้นจากผลการประเมิน',
  keep: 'จุดแข็งที่ต้องรักษามาตรฐานไว้',
};

/** An issue holds at most this many characters of description (the plan's section limit). */
const DESCRIPTION_LIMIT = PLAN_TEXT_LIMITS.section;

/**
 * The group's own name as an issue title: the plan numbers its issues itself ("(4) …"), so a name that
 * starts with the grouping's own number ("ประเด็นที่ 3 …", "Issue 3 …") loses it; "ตัวชี้วัดที่ 9 …"
 * names an indicator, not a place in a list, and is kept.
 */
export function issueTitleOf(groupName: string): string {
  const own = groupName.replace(/^\s*(ประเด็นที่|ประเด็น|issue)\s*[0-9๐-๙]+\s*[.:)]?\s*/i, '').trim();
  return own === '' ? groupName.trim() : own;
}

/** The descriptions of the findings, one a line, cut where the section limit would be passed (and said). */
function descriptionOf(findings: readonly StoredFinding[]): string {
  const lines: string[] = [];
  let length = 0;
  for (const [i, f] of findings.entries()) {
    const line = f.draftNarrative_th.trim();
    if (line === '') continue;
    const rest = findings.length - i;
    const tail = `…และอีก ${rest} ข้อ (ดูรายละเอียดในผลการวิเคราะห์)`;
    if (length + line.length + 1 + tail.length + 1 > DESCRIPTION_LIMIT) {
      lines.push(tail);
      break;
    }
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n');
}

function issueOf(id: string, title: string, findings: readonly StoredFinding[], stance: Stance): PlanIssue {
  return planIssueSchema.parse({
    id,
    title: title.trim().slice(0, PLAN_TEXT_LIMITS.title),
    stance,
    description: descriptionOf(findings),
    findingKeys: [...new Set(findings.map((f) => f.key))],
    codes: [...new Set(findings.map((f) => f.code))],
  });
}

/**
 * The groups with each finding once, in the first group that lists it: older analyses list a finding
 * in every group it belongs to (with the 7 issues indicator 9 stood in six), newer ones list it once
 * and name the others in `alsoIn`. Either way a finding becomes part of one issue only.
 */
function groupsOnce(outcome: AnalysisOutcome) {
  const seen = new Set<string>();
  return outcome.groups.map((g) => ({
    name_th: g.name_th,
    findings: (g.findings as StoredFinding[]).filter((f) => {
      if (seen.has(f.key)) return false;
      seen.add(f.key);
      return true;
    }),
  }));
}

/** The findings of one stance, in the order the analysis lists them. */
const ofStance = (findings: readonly StoredFinding[], stance: Stance) =>
  findings.filter((f) => STANCE_OF[f.kind] === stance);

/** An issue's title for one finding: the question with its wording, or the indicator with its name. */
function findingTitle(outcome: AnalysisOutcome, f: StoredFinding): string {
  const indicator = outcome.indicators.find((i) => i.number === f.indicator);
  const indicatorName = `ตัวชี้วัดที่ ${f.indicator}${indicator ? ` ${indicator.name_th}` : ''}`;
  if (f.scope === 'indicator') return indicatorName;
  const wording = f.label_th?.trim();
  // Where the catalogue has no wording the code is named with its indicator, never quoted as wording.
  return wording ? `${f.displayCode} ${wording}` : `${f.displayCode} ของ${indicatorName}`;
}

/**
 * Issues drawn from an analysis in one action, as the secretariat chooses: one issue per group of the
 * analysis (e.g. the 7 issues, or one per indicator), one per finding, or all merged. Whatever the
 * choice, each stance the analysis found has its own issues — urgent weak points, points to develop,
 * strengths to keep — so the plan has the parts the OIT assessor looks for; each finding is in one
 * issue only; each issue keeps the keys, codes and draft narratives of the findings it answers.
 */
export function issuesFromAnalysis(
  outcome: AnalysisOutcome,
  mode: IssuesFrom,
  newId: () => string,
): PlanIssue[] {
  if (mode === 'none') return [];
  const groups = groupsOnce(outcome);
  if (mode === 'merged') {
    const all = groups.flatMap((g) => g.findings);
    return STANCES.flatMap((stance) => {
      const findings = ofStance(all, stance);
      return findings.length ? [issueOf(newId(), MERGED_TITLES[stance], findings, stance)] : [];
    });
  }
  if (mode === 'findings') {
    // A question under an indicator that is itself a finding of the same stance goes with that
    // indicator's issue; everything else is an issue of its own.
    const all = groups.flatMap((g) => g.findings);
    const byKey = new Map(all.map((f) => [f.key, f]));
    const parentOf = (f: StoredFinding) => {
      const parent = f.parentKey ? byKey.get(f.parentKey) : undefined;
      return parent && parent.key !== f.key && STANCE_OF[parent.kind] === STANCE_OF[f.kind] ? parent : null;
    };
    return all
      .filter((f) => parentOf(f) === null)
      .map((f) =>
        issueOf(
          newId(),
          findingTitle(outcome, f),
          [f, ...all.filter((c) => parentOf(c)?.key === f.key)],
          STANCE_OF[f.kind],
        ),
      );
  }
  const issues: PlanIssue[] = [];
  for (const g of groups) {
    const title = issueTitleOf(g.name_th);
    const parts = STANCES.map((stance) => ({ stance, findings: ofStance(g.findings, stance) })).filter(
      (p) => p.findings.length > 0,
    );
    for (const { stance, findings } of parts) {
      const suffix = parts.length > 1 || stance === 'keep' ? STANCE_SUFFIX[stance] : '';
      issues.push(issueOf(newId(), `${title}${suffix}`, findings, stance));
    }
  }
  return issues;
}

const shiftTimeframe = <T extends { start: string; end: string } | null>(t: T, years: number): T =>
  (t ? { start: shiftMonth(t.start, years), end: shiftMonth(t.end, years) } : null) as T;

/**
 * A measure for another year: new ids, its months (and its steps') moved by `years`; a note that it was
 * carried from the year before that no longer holds and is left behind.
 */
function measureForYear(m: PlanMeasure, years: number, newId: () => string): PlanMeasure {
  const { carriedFrom: _older, ...rest } = structuredClone(m);
  return {
    ...rest,
    id: newId(),
    timeframe: shiftTimeframe(m.timeframe, years),
    steps: m.steps.map((s) => ({
      ...structuredClone(s),
      id: newId(),
      timeframe: shiftTimeframe(s.timeframe, years),
    })),
  };
}

/** Last year's plan as the start of this year's: new ids, units kept, every month moved one year. */
export function copyPlanContent(content: PlanContent, newId: () => string): PlanContent {
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
          ...measureForYear(m, 1, newId),
          pointIds: m.pointIds.map((p) => pointIds.get(p)).filter((p): p is string => p !== undefined),
        })),
      };
    }),
  };
}

export type CarryForwardSource = {
  /** The measures that answered the analysed result, row by row (`previousMeasuresFor`). */
  previous: PreviousMeasures;
  /** The content of that plan (`previous.planId`). */
  content: PlanContent;
  /** The fiscal year of the plan being made: months move by the difference of the years. */
  fiscalYear: number;
};

/**
 * Carries last year's measures forward: each measure that answered a finding still weak this year
 * (an urgent or develop issue of the new plan holds its code) is copied into that issue, once (in the
 * first such issue), with new ids, its months moved to the new fiscal year, the codes it answers now,
 * and a note of its number and status last year (`carriedFrom`). Strengths carry nothing: they are
 * kept, not fixed. Returns the issues with the measures added.
 */
export function carryMeasuresForward(
  issues: readonly PlanIssue[],
  source: CarryForwardSource,
  newId: () => string,
): PlanIssue[] {
  const { previous, content } = source;
  const years = source.fiscalYear - previous.planFiscalYear;
  const measures = new Map(content.issues.flatMap((i) => i.measures.map((m) => [m.id, m])));
  const rowsOf = (scope: string, code: string) =>
    previous.rows.filter((r) => r.scope === scope && r.code.toLowerCase() === code.toLowerCase());
  const carried = new Set<string>();
  return issues.map((issue) => {
    if (issue.stance === 'keep') return issue;
    const added: PlanMeasure[] = [];
    const answers = new Map<string, Set<string>>();
    for (const code of issue.codes) {
      for (const row of rowsOf(/^\d+$/.test(code) ? 'indicator' : 'question', code)) {
        for (const m of row.measures) {
          if (!answers.has(m.measureId)) answers.set(m.measureId, new Set());
          answers.get(m.measureId)!.add(code);
        }
      }
    }
    // In last year's plan order, each measure once.
    for (const [measureId, m] of measures) {
      const codes = answers.get(measureId);
      if (!codes || carried.has(measureId)) continue;
      carried.add(measureId);
      const note = previous.rows.flatMap((r) => r.measures).find((x) => x.measureId === measureId)!;
      added.push({
        ...measureForYear(m, years, newId),
        pointIds: [],
        // The codes of this year's edition it answers (last year's may not exist in it).
        codes: [...codes],
        carriedFrom: {
          planId: previous.planId,
          fiscalYear: previous.planFiscalYear,
          number: note.number,
          progress: note.progress,
          percent: note.percent,
          roundLabel_th: note.progress === null ? null : (previous.lastRound?.label_th ?? null),
        },
      });
    }
    return added.length ? { ...issue, measures: [...issue.measures, ...added] } : issue;
  });
}
