import type { CompletenessIssue, PlanContent, PlanMeasure } from '#shared/plans/contract.ts';
import { fiscalYearRange, monthIndex } from '#shared/plans/months.ts';

export type UrgentFinding = { key: string; code: string; label: string };

export type CompletenessInput = {
  content: PlanContent;
  fiscalYear: number;
  /** The urgent findings of the analysis the plan rests on (none for a plan without analysis). */
  urgentFindings: readonly UrgentFinding[];
  /** How many points to develop the analysis found. */
  developFindings: number;
  hasAnalysis: boolean;
  /** `measures_document_required_parts_th` of the edition (the parts the OIT assessor looks for). */
  requiredParts: readonly string[];
};

type Where = { path: string; issueId?: string; measureId?: string };

function issue(
  code: string,
  where: Where,
  th: string,
  en: string,
  severity: 'error' | 'warning' = 'error',
): CompletenessIssue {
  return {
    code,
    path: where.path,
    issueId: where.issueId ?? null,
    measureId: where.measureId ?? null,
    message_th: th,
    message_en: en,
    severity,
  };
}

const hasResponsible = (m: PlanMeasure) =>
  m.responsible.unitIds.length + m.responsible.external.length > 0 ||
  (m.steps.length > 0 &&
    m.steps.every((s) => s.responsible && s.responsible.unitIds.length + s.responsible.external.length > 0));

const timeframes = (m: PlanMeasure) =>
  m.timeframe
    ? [m.timeframe]
    : m.steps.every((s) => s.timeframe) && m.steps.length > 0
      ? m.steps.map((s) => s.timeframe!)
      : [];

/**
 * What a plan still lacks before it can be submitted: every urgent finding answered by a measure,
 * every measure complete, and every part the OIT assessor looks for present. Errors block
 * submission; warnings (a timeframe spilling out of the fiscal year) do not.
 */
export function checkCompleteness(input: CompletenessInput): CompletenessIssue[] {
  const { content } = input;
  const out: CompletenessIssue[] = [];
  const [analysisPart, urgentPart, developPart, measuresPart, responsiblePart, stepsPart, monitoringPart] =
    input.requiredParts;
  const part = (p: string | undefined, fallback: string) => p ?? fallback;

  if (!input.hasAnalysis && content.analysisSummary.trim() === '') {
    out.push(
      issue(
        'part_analysis',
        { path: 'analysisSummary' },
        `ขาดส่วน "${part(analysisPart, 'การวิเคราะห์ผลการประเมินในปีที่ผ่านมา')}": เชื่อมโยงกับผลการวิเคราะห์หรือเขียนสรุปการวิเคราะห์`,
        'Missing the analysis of last year’s result: link an analysis or write its summary',
      ),
    );
  }
  const weakIssues = content.issues.filter((i) => i.stance !== 'keep');
  if (weakIssues.length === 0) {
    out.push(
      issue(
        'part_weak_points',
        { path: 'issues' },
        `ขาดส่วน "${part(urgentPart, 'ประเด็นที่เป็นจุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน')}" และ "${part(developPart, 'ประเด็นที่จะต้องพัฒนาให้ดีขึ้น')}": ยังไม่มีประเด็นที่ต้องแก้ไขหรือพัฒนา`,
        'No issue is marked as a weak point to fix or a point to develop',
      ),
    );
  }
  // The analysis says which kinds of weak point there are; each kind it found needs an issue.
  if (input.urgentFindings.length > 0 && !content.issues.some((i) => i.stance === 'urgent')) {
    out.push(
      issue(
        'part_urgent',
        { path: 'issues' },
        `ขาดส่วน "${part(urgentPart, 'ประเด็นที่เป็นจุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน')}": ผลการวิเคราะห์มีจุดอ่อนเร่งด่วน`,
        'The analysis found urgent weak points but no issue is marked urgent',
      ),
    );
  }
  if (input.developFindings > 0 && !content.issues.some((i) => i.stance === 'develop')) {
    out.push(
      issue(
        'part_develop',
        { path: 'issues' },
        `ขาดส่วน "${part(developPart, 'ประเด็นที่จะต้องพัฒนาให้ดีขึ้น')}": ผลการวิเคราะห์มีประเด็นที่ต้องพัฒนา`,
        'The analysis found points to develop but no issue is marked so',
      ),
    );
  }
  // Monitoring and reporting: a plan-level section covers every measure; without it, each measure
  // needs its own method (seed 001 has only the column, seed 000 only the section).
  const planMonitored = content.monitoringSection.trim() !== '';
  const anyMeasureMonitored = content.issues.some((i) => i.measures.some((m) => m.monitoring.trim() !== ''));
  if (!planMonitored && !anyMeasureMonitored) {
    out.push(
      issue(
        'part_monitoring',
        { path: 'monitoringSection' },
        `ขาดส่วน "${part(monitoringPart, 'การกำกับติดตามและการรายงานผล')}": เขียนส่วนการติดตามและรายงานผล หรือระบุวิธีติดตามของทุกมาตรการ`,
        'Write the monitoring-and-reporting section, or a monitoring method for every measure',
      ),
    );
  }

  const range = fiscalYearRange(input.fiscalYear);
  content.issues.forEach((iss, i) => {
    const at = { path: `issues[${i}]`, issueId: iss.id };
    if (iss.measures.length === 0) {
      out.push(
        issue(
          'issue_without_measure',
          { ...at, path: `${at.path}.measures` },
          `ประเด็น "${iss.title}" ยังไม่มีมาตรการ (${part(measuresPart, 'แนวทาง/มาตรการ')})`,
          `Issue "${iss.title}" has no measure`,
        ),
      );
    }
    iss.measures.forEach((m, j) => {
      const where = { path: `issues[${i}].measures[${j}]`, issueId: iss.id, measureId: m.id };
      if (m.steps.length === 0) {
        out.push(
          issue(
            'measure_without_steps',
            { ...where, path: `${where.path}.steps` },
            `มาตรการ "${m.title}" ยังไม่มีขั้นตอนหรือวิธีการปฏิบัติ (${part(stepsPart, 'ขั้นตอน')})`,
            `Measure "${m.title}" has no steps`,
          ),
        );
      }
      if (!hasResponsible(m)) {
        out.push(
          issue(
            'measure_without_responsible',
            { ...where, path: `${where.path}.responsible` },
            `มาตรการ "${m.title}" ยังไม่ระบุผู้รับผิดชอบ (${part(responsiblePart, 'ผู้รับผิดชอบ')})`,
            `Measure "${m.title}" has no responsible unit`,
          ),
        );
      }
      if (!planMonitored && m.monitoring.trim() === '') {
        out.push(
          issue(
            'measure_without_monitoring',
            { ...where, path: `${where.path}.monitoring` },
            `มาตรการ "${m.title}" ยังไม่ระบุวิธีการติดตามประเมินผล`,
            `Measure "${m.title}" has no monitoring method`,
          ),
        );
      }
      const frames = timeframes(m);
      if (frames.length === 0) {
        out.push(
          issue(
            'measure_without_timeframe',
            { ...where, path: `${where.path}.timeframe` },
            `มาตรการ "${m.title}" ยังไม่ระบุระยะเวลาดำเนินการ`,
            `Measure "${m.title}" has no timeframe`,
          ),
        );
      } else if (
        frames.some(
          (f) => monthIndex(f.start) < monthIndex(range.start) || monthIndex(f.end) > monthIndex(range.end),
        )
      ) {
        out.push(
          issue(
            'timeframe_outside_fiscal_year',
            { ...where, path: `${where.path}.timeframe` },
            `ระยะเวลาของมาตรการ "${m.title}" อยู่นอกปีงบประมาณ พ.ศ. ${input.fiscalYear} (${range.start} ถึง ${range.end})`,
            `The timeframe of "${m.title}" goes outside fiscal year ${input.fiscalYear}`,
            'warning',
          ),
        );
      }
    });
  });

  const answered = new Set<string>();
  for (const iss of content.issues) {
    if (iss.measures.length === 0) continue;
    for (const key of iss.findingKeys) answered.add(key);
    for (const code of iss.codes) answered.add(`code:${code}`);
    for (const m of iss.measures) for (const code of m.codes) answered.add(`code:${code}`);
  }
  for (const f of input.urgentFindings) {
    if (!answered.has(f.key) && !answered.has(`code:${f.code}`)) {
      out.push(
        issue(
          'urgent_finding_unanswered',
          { path: 'issues' },
          `จุดอ่อนเร่งด่วน ${f.code} "${f.label}" ยังไม่มีมาตรการรองรับ`,
          `Urgent weak point ${f.code} "${f.label}" has no measure`,
        ),
      );
    }
  }
  return out;
}

export const blocksSubmission = (issues: readonly CompletenessIssue[]) =>
  issues.some((i) => i.severity === 'error');
