import {
  type CompletenessIssue,
  ISSUE_STANCE_LABELS,
  type PlanContent,
  type PlanMeasure,
} from '#shared/plans/contract.ts';
import { fiscalYearRange, formatTimeframe, monthIndex } from '#shared/plans/months.ts';

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

/** A finding named in a message: its code, with its wording in quotes when that is more than the code. */
function findingName(f: UrgentFinding): string {
  const label = f.label.trim();
  return label === '' || label.toLowerCase() === f.code.toLowerCase() ? f.code : `${f.code} "${label}"`;
}

/**
 * What a plan still lacks before it can be submitted: every urgent finding answered by a measure,
 * every measure complete, and every part the OIT assessor looks for present. Errors block
 * submission; warnings (a timeframe spilling out of the fiscal year) do not. Each message says what
 * is missing and how to fix it, naming the field as the editor labels it (its `path` points there).
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
        `ขาดส่วน "${part(analysisPart, 'การวิเคราะห์ผลการประเมินในปีที่ผ่านมา')}": เขียน "สรุปผลการวิเคราะห์ผลการประเมินปีที่ผ่านมา" ในส่วนประกอบของแผน หรือจัดทำแผนจากผลการวิเคราะห์`,
        'Missing the analysis of last year’s result: write the "Summary of the analysis of last year’s result" in the plan’s parts, or make the plan from an analysis',
      ),
    );
  }
  const weakIssues = content.issues.filter((i) => i.stance !== 'keep');
  if (weakIssues.length === 0) {
    out.push(
      issue(
        'part_weak_points',
        { path: 'issues' },
        `ขาดส่วน "${part(urgentPart, 'ประเด็นที่เป็นจุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน')}" และ "${part(developPart, 'ประเด็นที่จะต้องพัฒนาให้ดีขึ้น')}": เพิ่มประเด็น แล้วเลือก "ลักษณะของประเด็น" เป็นจุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน หรือประเด็นที่ต้องพัฒนาให้ดีขึ้น`,
        'No issue is a weak point to fix or a point to develop: add an issue and set its "Kind of issue" to one of them',
      ),
    );
  }
  // The analysis says which kinds of weak point there are; each kind it found needs an issue.
  if (input.urgentFindings.length > 0 && !content.issues.some((i) => i.stance === 'urgent')) {
    const codes = input.urgentFindings.map((f) => f.code).join(', ');
    out.push(
      issue(
        'part_urgent',
        { path: 'issues' },
        `ขาดส่วน "${part(urgentPart, 'ประเด็นที่เป็นจุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน')}": ผลการวิเคราะห์มีจุดอ่อนเร่งด่วน (${codes}) ให้เลือก "ลักษณะของประเด็น" ของประเด็นที่ตอบจุดอ่อนเหล่านี้เป็น "${ISSUE_STANCE_LABELS.urgent.th}"`,
        `The analysis found urgent weak points (${codes}) but no issue is marked urgent: set the "Kind of issue" of the issue that answers them to "${ISSUE_STANCE_LABELS.urgent.en}"`,
      ),
    );
  }
  if (input.developFindings > 0 && !content.issues.some((i) => i.stance === 'develop')) {
    out.push(
      issue(
        'part_develop',
        { path: 'issues' },
        `ขาดส่วน "${part(developPart, 'ประเด็นที่จะต้องพัฒนาให้ดีขึ้น')}": ผลการวิเคราะห์มีประเด็นที่ต้องพัฒนา ${input.developFindings} ข้อ ให้เลือก "ลักษณะของประเด็น" ของประเด็นที่ตอบข้อเหล่านี้เป็น "${ISSUE_STANCE_LABELS.develop.th}" หรือเพิ่มประเด็นใหม่`,
        `The analysis found ${input.developFindings} point(s) to develop but no issue is marked so: set the "Kind of issue" of the issue that answers them to "${ISSUE_STANCE_LABELS.develop.en}", or add one`,
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
        `ขาดส่วน "${part(monitoringPart, 'การกำกับติดตามและการรายงานผล')}": เขียน "การกำกับติดตามและการรายงานผล" ในส่วนประกอบของแผน (ครั้งเดียวสำหรับทุกมาตรการ) หรือระบุ "วิธีการติดตามประเมินผล" ของทุกมาตรการ`,
        'Missing monitoring and reporting: write "Monitoring and reporting" in the plan’s parts (once, for every measure), or a "Monitoring method" in every measure',
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
          `ประเด็น "${iss.title}" ยังไม่มีมาตรการ (${part(measuresPart, 'แนวทาง/มาตรการ')}): เพิ่มมาตรการ/โครงการ/กิจกรรมอย่างน้อยหนึ่งรายการที่ "มาตรการ" ของประเด็นนี้ หรือเลือกจากมาตรการแนะนำ`,
          `Issue "${iss.title}" has no measure: add a measure, project or activity under its "Measures", or one from the suggestions`,
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
            `มาตรการ "${m.title}" ยังไม่มีขั้นตอนหรือวิธีการปฏิบัติ (${part(stepsPart, 'ขั้นตอน')}): เพิ่มอย่างน้อยหนึ่งขั้นตอนที่ "ขั้นตอนหรือวิธีการปฏิบัติ" ของมาตรการนี้`,
            `Measure "${m.title}" has no steps: add at least one under its "Steps or method"`,
          ),
        );
      }
      if (!hasResponsible(m)) {
        out.push(
          issue(
            'measure_without_responsible',
            { ...where, path: `${where.path}.responsible` },
            `มาตรการ "${m.title}" ยังไม่ระบุผู้รับผิดชอบ (${part(responsiblePart, 'ผู้รับผิดชอบ')}): เลือกหน่วยงานหรือระบุหน่วยงานภายนอกที่ "หน่วยงานผู้รับผิดชอบ" ของมาตรการนี้ (หรือของทุกขั้นตอน)`,
            `Measure "${m.title}" has no responsible unit: choose a unit or name an outside body under its "Responsible units" (or on every step)`,
          ),
        );
      }
      if (!planMonitored && m.monitoring.trim() === '') {
        out.push(
          issue(
            'measure_without_monitoring',
            { ...where, path: `${where.path}.monitoring` },
            `มาตรการ "${m.title}" ยังไม่ระบุวิธีการติดตามประเมินผล: ระบุที่ "วิธีการติดตามประเมินผล" ของมาตรการนี้ หรือเขียน "การกำกับติดตามและการรายงานผล" ของทั้งแผนครั้งเดียว`,
            `Measure "${m.title}" has no monitoring method: fill in its "Monitoring method", or write the plan’s "Monitoring and reporting" once for all`,
          ),
        );
      }
      const frames = timeframes(m);
      if (frames.length === 0) {
        out.push(
          issue(
            'measure_without_timeframe',
            { ...where, path: `${where.path}.timeframe` },
            `มาตรการ "${m.title}" ยังไม่ระบุระยะเวลาดำเนินการ: เลือกเดือนเริ่มต้นและเดือนสิ้นสุดที่ "ระยะเวลาดำเนินการ" ของมาตรการนี้ (หรือของทุกขั้นตอน)`,
            `Measure "${m.title}" has no timeframe: choose its start and end months under its "Timeframe" (or on every step)`,
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
            `ระยะเวลาของมาตรการ "${m.title}" อยู่นอกปีงบประมาณ พ.ศ. ${input.fiscalYear} (${formatTimeframe(range, { digits: 'arabic' })}): ตรวจสอบ "ระยะเวลาดำเนินการ" ของมาตรการนี้และของขั้นตอน`,
            `The timeframe of "${m.title}" goes outside fiscal year ${input.fiscalYear} (${formatTimeframe(range, { lang: 'en' })}): check its "Timeframe" and its steps'`,
            'warning',
          ),
        );
      }
    });
  });

  // An urgent finding is answered by a measure of an issue that carries it (by key or code) or by a
  // measure that names its code. One carried by an issue that has no measure yet is that issue's
  // "no measure" above (said once there, not again here); one that no issue carries is said here.
  const carried = new Set<string>();
  for (const iss of content.issues) {
    for (const key of iss.findingKeys) carried.add(key);
    for (const code of iss.codes) carried.add(`code:${code}`);
    for (const m of iss.measures) for (const code of m.codes) carried.add(`code:${code}`);
  }
  for (const f of input.urgentFindings) {
    if (carried.has(f.key) || carried.has(`code:${f.code}`)) continue;
    out.push(
      issue(
        'urgent_finding_unanswered',
        { path: 'issues' },
        `จุดอ่อนเร่งด่วน ${findingName(f)} ยังไม่อยู่ในประเด็นใดของแผน: เพิ่มรหัส ${f.code} ที่ "รหัสข้อคำถาม/ตัวชี้วัดของประเด็น" ของประเด็นที่ตอบจุดอ่อนนี้ หรือเพิ่มประเด็นใหม่สำหรับจุดอ่อนนี้`,
        `Urgent weak point ${findingName(f)} is in no issue of the plan: add ${f.code} to the "Question/indicator codes of the issue" that answers it, or add an issue for it`,
      ),
    );
  }
  return out;
}

export const blocksSubmission = (issues: readonly CompletenessIssue[]) =>
  issues.some((i) => i.severity === 'error');
