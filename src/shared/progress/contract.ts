import { z } from 'zod';
import { DATE_FIELDS, enteredDate } from '../format/date-bounds.ts';

const text = (max: number) => z.string().max(max).default('');

export const ROUND_KINDS = ['6m', '12m', 'monthly', 'custom'] as const;
export const ROUND_STATUSES = ['draft', 'open', 'closed'] as const;
export const SLOT_STATES = ['pending', 'draft', 'submitted', 'returned', 'accepted'] as const;
export const PROGRESS = ['not_started', 'in_progress', 'done', 'cancelled'] as const;
export type Progress = (typeof PROGRESS)[number];
export type SlotState = (typeof SLOT_STATES)[number];

export const PROGRESS_LABELS: Record<Progress, { th: string; en: string }> = {
  not_started: { th: 'ยังไม่ดำเนินการ', en: 'Not started' },
  in_progress: { th: 'อยู่ระหว่างดำเนินการ', en: 'In progress' },
  done: { th: 'ดำเนินการแล้วเสร็จ', en: 'Done' },
  cancelled: { th: 'ยกเลิก', en: 'Cancelled' },
};

export const createRoundSchema = z
  .object({
    planId: z.uuid(),
    kind: z.enum(ROUND_KINDS),
    labelTh: z.string().trim().min(1).max(300).optional(),
    periodStart: enteredDate(DATE_FIELDS.periodStart).optional(),
    periodEnd: enteredDate(DATE_FIELDS.periodEnd).optional(),
    dueDate: enteredDate(DATE_FIELDS.dueDate),
  })
  .refine((r) => !r.periodStart || !r.periodEnd || r.periodStart <= r.periodEnd, {
    path: ['periodEnd'],
    message: 'the period ends before it starts',
  });

export const reopenRoundSchema = z.object({
  rowVersion: z.int().positive(),
  reason: z.string().trim().min(5).max(2000),
});
export const roundVersionSchema = z.object({ rowVersion: z.int().positive() });

/** A reference to an official paper: คำสั่งที่ ๑๘๓๗/๒๕๖๓ ลงวันที่ ๓๐ พ.ย. ๒๕๖๓ */
export const paperRefSchema = z.object({
  kind: z.string().trim().min(1).max(100),
  number: z.string().trim().min(1).max(100),
  date: enteredDate(DATE_FIELDS.paperDate, { notAfterToday: true }).nullable().default(null),
  title: z.string().trim().max(500).default(''),
});

export const linkSchema = z.object({
  url: z
    .string()
    .trim()
    .max(2000)
    .refine((u) => /^https?:\/\/[^\s]+$/i.test(u), 'only http(s) links'),
  label: z.string().trim().max(300).default(''),
});

export const reportSchema = z
  .object({
    rowVersion: z.int().positive(),
    result: text(20_000),
    progress: z.enum(PROGRESS),
    percent: z.int().min(0).max(100),
    cancelReason: z.string().trim().max(2000).nullable().default(null),
    problems: text(20_000),
    suggestions: text(20_000),
    activityStart: enteredDate(DATE_FIELDS.activityStart).nullable().default(null),
    activityEnd: enteredDate(DATE_FIELDS.activityEnd).nullable().default(null),
    links: z.array(linkSchema).max(50).default([]),
    paperRefs: z.array(paperRefSchema).max(50).default([]),
  })
  .superRefine((r, ctx) => {
    const bad = (message: string) => ctx.addIssue({ code: 'custom', path: ['percent'], message });
    if (r.progress === 'not_started' && r.percent !== 0) bad('not started must be 0%');
    if (r.progress === 'done' && r.percent !== 100) bad('done must be 100%');
    if (r.progress === 'in_progress' && (r.percent < 1 || r.percent > 99))
      bad('in progress must be between 1% and 99%');
    if (r.progress === 'cancelled' && !r.cancelReason) {
      ctx.addIssue({ code: 'custom', path: ['cancelReason'], message: 'a cancelled measure needs a reason' });
    }
    if (r.activityStart && r.activityEnd && r.activityEnd < r.activityStart) {
      ctx.addIssue({ code: 'custom', path: ['activityEnd'], message: 'ends before it starts' });
    }
  });
export type ReportInput = z.infer<typeof reportSchema>;

export const reviewSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('accept'), rowVersion: z.int().positive() }),
  z.object({
    decision: z.literal('return'),
    rowVersion: z.int().positive(),
    comment: z.string().trim().min(1).max(5000),
  }),
]);

export const slotSchema = z.object({
  id: z.uuid(),
  roundId: z.uuid(),
  /** The plan's fiscal year (BE): the report's dates are bounded by it. */
  fiscalYear: z.int(),
  measureId: z.string(),
  stepId: z.string(),
  unitId: z.uuid(),
  unitNameTh: z.string(),
  /** The unit's English name, when one was entered (the English UI shows it; see unitName()). */
  unitNameEn: z.string().nullable(),
  issueTitle: z.string(),
  measureTitle: z.string(),
  /** Where the measure stands in the plan (0-based; numbered with measureNumber), null when it is gone. */
  position: z.object({ issueIndex: z.int(), measureIndex: z.int() }).nullable(),
  stepText: z.string().nullable(),
  steps: z.array(z.string()),
  monitoring: z.string(),
  timeframe: z.object({ start: z.string(), end: z.string() }).nullable(),
  state: z.enum(SLOT_STATES),
  progress: z.enum(PROGRESS),
  percent: z.int(),
  result: z.string(),
  cancelReason: z.string().nullable(),
  problems: z.string(),
  suggestions: z.string(),
  activityStart: z.string().nullable(),
  activityEnd: z.string().nullable(),
  links: z.array(linkSchema),
  paperRefs: z.array(paperRefSchema),
  reviewComment: z.string().nullable(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  rowVersion: z.int(),
  /** Last round's answer for the same measure and unit, to start from. */
  previous: z
    .object({ roundLabel: z.string(), progress: z.enum(PROGRESS), percent: z.int(), result: z.string() })
    .nullable(),
});
export type Slot = z.infer<typeof slotSchema>;

export const roundSchema = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  organizationId: z.uuid(),
  organizationNameTh: z.string(),
  organizationNameEn: z.string().nullable(),
  fiscalYear: z.int(),
  kind: z.enum(ROUND_KINDS),
  labelTh: z.string(),
  /** The English of a label the app made; null when a person typed the label (shown as typed). */
  labelEn: z.string().nullable(),
  periodStart: z.string(),
  periodEnd: z.string(),
  dueDate: z.string(),
  status: z.enum(ROUND_STATUSES),
  reopenReason: z.string().nullable(),
  rowVersion: z.int(),
  slotCount: z.int(),
});
export type Round = z.infer<typeof roundSchema>;

export const rollupSchema = z.object({
  round: roundSchema,
  /** The rule: a measure is done only when every unit (not cancelled) is done; in progress once any unit has started. */
  measures: z.array(
    z.object({
      measureId: z.string(),
      issueTitle: z.string(),
      title: z.string(),
      status: z.enum(PROGRESS),
      percent: z.number(),
      cells: z.array(
        z.object({
          unitId: z.uuid(),
          slotId: z.uuid(),
          state: z.enum(SLOT_STATES),
          progress: z.enum(PROGRESS),
          percent: z.int(),
        }),
      ),
    }),
  ),
  units: z.array(
    z.object({
      unitId: z.uuid(),
      unitNameTh: z.string(),
      unitNameEn: z.string().nullable(),
      slots: z.int(),
      submitted: z.int(),
      /** Days past the due date with slots still not submitted (0 when on time). */
      daysLate: z.int(),
    }),
  ),
  counts: z.object({
    done: z.int(),
    inProgress: z.int(),
    notStarted: z.int(),
    cancelled: z.int(),
    measures: z.int(),
  }),
  byIssue: z.array(
    z.object({
      issueTitle: z.string(),
      done: z.int(),
      inProgress: z.int(),
      notStarted: z.int(),
      cancelled: z.int(),
    }),
  ),
  submissions: z.array(z.object({ date: z.string(), count: z.int() })),
  problems: z.array(
    z.object({
      unitNameTh: z.string(),
      unitNameEn: z.string().nullable(),
      measureTitle: z.string(),
      text: z.string(),
    }),
  ),
  suggestions: z.array(
    z.object({
      unitNameTh: z.string(),
      unitNameEn: z.string().nullable(),
      measureTitle: z.string(),
      text: z.string(),
    }),
  ),
});
export type Rollup = z.infer<typeof rollupSchema>;
