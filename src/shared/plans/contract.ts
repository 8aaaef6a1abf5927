import { z } from 'zod';
import { DATE_FIELDS, enteredDate } from '../format/date-bounds.ts';
import { normalizeCode } from '../format/numbers.ts';
import { PROGRESS } from '../progress/contract.ts';

/** Limits stated to users: longer text is refused with the field named. */
export const PLAN_TEXT_LIMITS = { title: 500, line: 2000, section: 20_000 } as const;

const title = z.string().trim().min(1).max(PLAN_TEXT_LIMITS.title);
const line = z.string().trim().min(1).max(PLAN_TEXT_LIMITS.line);
const optionalLine = z.string().trim().max(PLAN_TEXT_LIMITS.line).default('');
const section = z.string().max(PLAN_TEXT_LIMITS.section).default('');
const id = z.string().min(1).max(64);

/** A month in the Buddhist era, 'BBBB-MM' (e.g. '2567-10' = ต.ค. ๖๗). */
export const beMonthSchema = z
  .string()
  .regex(/^25\d\d-(0[1-9]|1[0-2])$/, 'month as BBBB-MM in the Buddhist era');
export type BeMonth = z.infer<typeof beMonthSchema>;

export const timeframeSchema = z.object({ start: beMonthSchema, end: beMonthSchema });
export type Timeframe = z.infer<typeof timeframeSchema>;

/** Who carries a measure or a step: units of the organisation tree and outside bodies by name. */
export const responsibleSchema = z.object({
  unitIds: z.array(z.uuid()).max(200).default([]),
  /** e.g. "สำนักงาน ป.ป.ช. ประจำจังหวัด" */
  external: z.array(line).max(50).default([]),
});
export type Responsible = z.infer<typeof responsibleSchema>;

export const planStepSchema = z.object({
  id,
  text: line,
  /** A step may name its own units and months, overriding its measure's. */
  responsible: responsibleSchema.nullable().default(null),
  timeframe: timeframeSchema.nullable().default(null),
});

export const MEASURE_KINDS = ['measure', 'project', 'activity'] as const;
export const MEASURE_KIND_LABELS = {
  measure: { th: 'มาตรการ', en: 'Measure' },
  project: { th: 'โครงการ', en: 'Project' },
  activity: { th: 'กิจกรรม', en: 'Activity' },
} as const;

/** Where a measure carried forward comes from: last year's plan, its number there, and its reported status. */
export const carriedFromSchema = z.object({
  planId: z.uuid(),
  fiscalYear: z.int(),
  /** As printed in that plan: "(2.1)". */
  number: z.string().max(20),
  progress: z.enum(PROGRESS).nullable(),
  percent: z.number().min(0).max(100).nullable(),
  /** The follow-up round that reported it ("รอบ 12 เดือน (ต.ค. 68 – ก.ย. 69)"); null when none did. */
  roundLabel_th: z.string().max(300).nullable(),
});
export type CarriedFrom = z.infer<typeof carriedFromSchema>;

/** A question or indicator code as typed: Thai digits made Arabic (`i๓` → `i3`), spaces removed. */
const code = z.string().overwrite(normalizeCode).min(1).max(20);

export const planMeasureSchema = z.object({
  id,
  kind: z.enum(MEASURE_KINDS).default('measure'),
  title,
  /** The issue's points (ประเด็นย่อย) this measure answers, when the plan uses points (seed 000 layout). */
  pointIds: z.array(id).max(50).default([]),
  steps: z.array(planStepSchema).max(100).default([]),
  responsible: responsibleSchema.default({ unitIds: [], external: [] }),
  timeframe: timeframeSchema.nullable().default(null),
  monitoring: optionalLine,
  /** Question or indicator codes of the edition this measure answers (i7, o14, 4). */
  codes: z.array(code).max(100).default([]),
  budget: z.number().min(0).max(1e12).nullable().default(null),
  target: optionalLine,
  outputIndicator: optionalLine,
  /** The library measure it was copied from, if any. */
  libraryId: z.string().max(100).nullable().default(null),
  /** Carried forward from last year's plan: its number there and what its last follow-up round reported. */
  carriedFrom: carriedFromSchema.nullable().optional(),
});
export type PlanMeasure = z.infer<typeof planMeasureSchema>;

export const ISSUE_STANCES = ['urgent', 'develop', 'keep'] as const;
export const ISSUE_STANCE_LABELS = {
  urgent: { th: 'จุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน', en: 'Weak point to fix urgently' },
  develop: { th: 'ประเด็นที่ต้องพัฒนาให้ดีขึ้น', en: 'Point to develop' },
  keep: { th: 'ดีแล้ว รักษามาตรฐานไว้', en: 'Good: keep the standard' },
} as const;

export const planIssueSchema = z.object({
  id,
  title,
  stance: z.enum(ISSUE_STANCES).default('urgent'),
  description: section,
  points: z
    .array(z.object({ id, text: line }))
    .max(50)
    .default([]),
  /** The analysis findings (keys) and question/indicator codes this issue answers. */
  findingKeys: z.array(z.string().max(100)).max(200).default([]),
  codes: z.array(code).max(200).default([]),
  measures: z.array(planMeasureSchema).max(100).default([]),
});
export type PlanIssue = z.infer<typeof planIssueSchema>;

export const PLAN_LAYOUTS = ['columns', 'issue_point_measure'] as const;

/** Everything a secretariat edits in a plan; saved whole, with the version it was read at. */
export const planContentSchema = z.object({
  title,
  introduction: section,
  analysisSummary: section,
  monitoringSection: section,
  preparedBy: optionalLine,
  layout: z.enum(PLAN_LAYOUTS).default('columns'),
  issues: z.array(planIssueSchema).max(50).default([]),
});
export type PlanContent = z.infer<typeof planContentSchema>;

export const PLAN_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'approved',
  'circulated',
  'superseded',
] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const completenessIssueSchema = z.object({
  code: z.string(),
  /** Where in the plan: a JSON path such as `issues[2].measures[0].steps` or `monitoringSection`. */
  path: z.string(),
  issueId: z.string().nullable(),
  measureId: z.string().nullable(),
  message_th: z.string(),
  message_en: z.string(),
  severity: z.enum(['error', 'warning']),
});
export type CompletenessIssue = z.infer<typeof completenessIssueSchema>;

export const createPlanSchema = z.object({
  organizationId: z.uuid(),
  fiscalYear: z.int().min(2500).max(2700),
  /** Start from an analysis: its findings become issues. */
  analysisId: z.uuid().nullable().default(null),
  /** How findings become issues: one per group, one per finding, or all urgent findings merged into one. */
  issuesFrom: z.enum(['groups', 'findings', 'merged', 'none']).default('groups'),
  /** Start from the previous fiscal year's plan instead: measures and units kept, months moved one year. */
  copyFromPreviousYear: z.boolean().default(false),
  /**
   * With an analysis: copy the measures of the plan that answered the analysed result into the issue
   * of each finding they answered that is still weak (new ids, months moved, last year's status noted).
   */
  carryForward: z.boolean().default(false),
  title: title.optional(),
});

export const savePlanSchema = z.object({
  rowVersion: z.int().positive(),
  content: planContentSchema,
});

export const submitPlanSchema = z.object({
  rowVersion: z.int().positive(),
  /** Only an admin may submit a plan that fails the completeness check, and must say why. */
  overrideReason: z.string().trim().min(10).max(2000).optional(),
});

export const decidePlanSchema = z.discriminatedUnion('decision', [
  z.object({
    decision: z.literal('approve'),
    rowVersion: z.int().positive(),
    /** ที่ … (the memo number) */
    memoNumber: z.string().trim().min(1).max(100),
    /** ลงวันที่ … as an ISO date */
    memoDate: enteredDate(DATE_FIELDS.memoDate, { notAfterToday: true }),
    /**
     * The approver's position as printed with the electronic signature (decision 024); absent: the one
     * they stated last, else the document profile's head position when the head is them.
     */
    signerPosition: z.string().trim().max(300).optional(),
  }),
  z.object({
    decision: z.literal('return'),
    rowVersion: z.int().positive(),
    comment: z.string().trim().min(1).max(PLAN_TEXT_LIMITS.section),
  }),
]);

export const rowVersionSchema = z.object({ rowVersion: z.int().positive() });

export const planSummarySchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  organizationNameTh: z.string(),
  fiscalYear: z.int(),
  versionNo: z.int(),
  status: z.enum(PLAN_STATUSES),
  title: z.string(),
  issueCount: z.int(),
  measureCount: z.int(),
  updatedAt: z.string(),
});

/** A page of the plans list: `nextCursor` reads the next page (null on the last one). */
export const planPageSchema = z.object({
  items: z.array(planSummarySchema),
  nextCursor: z.string().nullable(),
});

export const acknowledgementSchema = z.object({
  unitId: z.uuid(),
  unitNameTh: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedByName: z.string().nullable(),
});

export const planDetailSchema = planSummarySchema.extend({
  analysisId: z.uuid().nullable(),
  rowVersion: z.int(),
  content: planContentSchema,
  completeness: z.array(completenessIssueSchema),
  /** Parts the OIT assessor looks for (from the edition), shown beside the completeness check. */
  requiredParts: z.array(z.string()),
  units: z.array(
    z.object({ id: z.uuid(), nameTh: z.string(), shortNameTh: z.string().nullable(), depth: z.int() }),
  ),
  submittedAt: z.string().nullable(),
  completenessOverride: z.object({ reason: z.string(), by: z.string(), at: z.string() }).nullable(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
  returnComment: z.string().nullable(),
  memoNumber: z.string().nullable(),
  memoDate: z.string().nullable(),
  circulatedAt: z.string().nullable(),
  acknowledgements: z.array(acknowledgementSchema),
  versions: z.array(z.object({ id: z.uuid(), versionNo: z.int(), status: z.enum(PLAN_STATUSES) })),
});
export type PlanDetail = z.infer<typeof planDetailSchema>;

export const planDiffSchema = z.object({
  from: z.object({ id: z.uuid(), versionNo: z.int() }),
  to: z.object({ id: z.uuid(), versionNo: z.int() }),
  changes: z.array(
    z.object({
      kind: z.enum(['added', 'removed', 'changed']),
      what: z.enum(['plan', 'issue', 'measure']),
      path: z.string(),
      label: z.string(),
      fields: z.array(z.string()),
    }),
  ),
});
export type PlanDiff = z.infer<typeof planDiffSchema>;

export const inboxItemSchema = z.object({
  planId: z.uuid(),
  organizationNameTh: z.string(),
  organizationNameEn: z.string().nullable(),
  fiscalYear: z.int(),
  versionNo: z.int(),
  unitId: z.uuid(),
  unitNameTh: z.string(),
  unitNameEn: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  measures: z.array(
    z.object({
      issueTitle: z.string(),
      /** Where the measure stands in the plan (0-based; numbered with measureNumber). */
      issueIndex: z.int(),
      measureIndex: z.int(),
      measureId: z.string(),
      title: z.string(),
      kind: z.enum(MEASURE_KINDS),
      steps: z.array(z.object({ text: z.string(), mine: z.boolean() })),
      timeframe: timeframeSchema.nullable(),
      monitoring: z.string(),
    }),
  ),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;

export const planSuggestionsSchema = z.array(
  z.object({
    issueId: z.string(),
    suggestions: z.array(
      z.object({
        libraryId: z.string(),
        kind: z.enum(MEASURE_KINDS),
        title_th: z.string(),
        title_en: z.string(),
        steps_th: z.array(z.string()),
        monitoring_th: z.string(),
        matchedCodes: z.array(z.string()),
        matchedIndicators: z.array(z.int()),
        /** Ready to put in the plan (new ids, codes of the plan's edition), for the secretariat to edit. */
        measure: planMeasureSchema,
      }),
    ),
  }),
);
export type PlanSuggestions = z.infer<typeof planSuggestionsSchema>;
