import { z } from 'zod';
import { instrumentCodeSchema } from '../catalogue/edition.schema.ts';
import { previousMeasuresSchema } from './previous-measures.ts';

const score = z.number().min(0).max(100);

export const groupingChoiceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('indicators') }),
  /** A named grouping of the edition (its own or reused), e.g. the 7 issues `issues-7`. */
  z.object({ kind: z.literal('catalogue'), code: z.string().min(1) }),
  z.object({
    kind: z.literal('custom'),
    groups: z
      .array(
        z.object({
          name_th: z.string().trim().min(1).max(300),
          name_en: z.string().trim().max(300).optional(),
          codes: z.array(z.string().min(1)).min(1),
        }),
      )
      .min(1),
  }),
]);

export const analysisSettingsSchema = z
  .object({
    /** Below this a question or indicator is a weak point to fix urgently. */
    urgentBelow: score.default(85),
    /** From urgentBelow up to (not including) this: a point to develop. Null: no such band. */
    developBelow: score.nullable().default(null),
    /** At or above this: a strength to keep (e.g. 100). Null: use strengthTopN or none. */
    strengthAtOrAbove: score.nullable().default(null),
    /** Alternatively the N lowest are urgent and the N highest strengths. */
    urgentBottomN: z.int().min(1).max(100).nullable().default(null),
    strengthTopN: z.int().min(1).max(100).nullable().default(null),
    /** Judge questions when the result has them (default), or indicators only. */
    judge: z.enum(['questions', 'indicators']).default('questions'),
    grouping: groupingChoiceSchema.default({ kind: 'indicators' }),
  })
  .refine((s) => s.developBelow === null || s.developBelow > s.urgentBelow, {
    path: ['developBelow'],
    message: 'must be above urgentBelow',
  })
  .refine((s) => s.strengthAtOrAbove === null || s.strengthAtOrAbove >= (s.developBelow ?? s.urgentBelow), {
    path: ['strengthAtOrAbove'],
    message: 'must not be below the weak-point thresholds',
  });

export type AnalysisSettings = z.infer<typeof analysisSettingsSchema>;
export type GroupingChoice = z.infer<typeof groupingChoiceSchema>;

export const FINDING_KINDS = ['urgent', 'develop', 'strength'] as const;
export const findingKindSchema = z.enum(FINDING_KINDS);
export type FindingKind = z.infer<typeof findingKindSchema>;

export const FINDING_KIND_LABELS: Record<FindingKind, { th: string; en: string }> = {
  urgent: { th: 'จุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน', en: 'Weak point to fix urgently' },
  develop: { th: 'ประเด็นที่ต้องพัฒนาให้ดีขึ้น', en: 'Point to develop' },
  strength: { th: 'จุดแข็งที่ต้องรักษาไว้', en: 'Strength to keep' },
};

export const yoySchema = z.object({
  previousFiscalYear: z.int(),
  previous: z.number().nullable(),
  change: z.number().nullable(),
  /** How the previous score was matched, or why it could not be. */
  matchedBy: z.enum(['same_code', 'mapping', 'indicator_number', 'no_mapping', 'not_assessed']),
  previousCode: z.string().nullable(),
});

export const findingSchema = z.object({
  key: z.string(),
  kind: findingKindSchema,
  scope: z.enum(['indicator', 'question']),
  code: z.string(),
  displayCode: z.string(),
  label_th: z.string().nullable(),
  instrument: instrumentCodeSchema,
  indicator: z.int(),
  score: z.number(),
  /** The threshold the score was judged against (null for top/bottom-N judgements). */
  threshold: z.number().nullable(),
  rule: z.enum(['below_urgent', 'below_develop', 'at_or_above_strength', 'bottom_n', 'top_n']),
  /** OIT items that were failed, with the assessor's reason. */
  passed: z.boolean().nullable(),
  reason: z.string().nullable(),
  recommendations: z.array(z.string()),
  yoy: yoySchema.nullable(),
  /** Hash of the numbers under the finding: narratives written against other numbers are stale. */
  numbersHash: z.string(),
  draftNarrative_th: z.string(),
  draftNarrative_en: z.string(),
});
export type Finding = z.infer<typeof findingSchema>;

export const indicatorRowSchema = z.object({
  number: z.int(),
  name_th: z.string(),
  name_en: z.string(),
  instrument: instrumentCodeSchema,
  score: z.number().nullable(),
  status: z.enum(['urgent', 'develop', 'ok', 'strength', 'not_assessed']),
  yoy: yoySchema.nullable(),
});

export const analysisOutcomeSchema = z.object({
  fiscalYear: z.int(),
  editionFiscalYear: z.int(),
  total: z.number().nullable(),
  level: z.object({
    computed: z.string().nullable(),
    computedName_th: z.string().nullable(),
    computedName_en: z.string().nullable(),
    stated: z.string().nullable(),
    mismatch: z.boolean(),
  }),
  instruments: z.array(
    z.object({
      code: instrumentCodeSchema,
      name_th: z.string(),
      score: z.number().nullable(),
      yoy: yoySchema.nullable(),
    }),
  ),
  indicators: z.array(indicatorRowSchema),
  lowestIndicatorByInstrument: z.array(
    z.object({ instrument: instrumentCodeSchema, number: z.int(), name_th: z.string(), score: z.number() }),
  ),
  groups: z.array(
    z.object({
      key: z.string(),
      name_th: z.string(),
      name_en: z.string(),
      findings: z.array(findingSchema),
    }),
  ),
  failedOitItems: z.array(
    z.object({
      code: z.string(),
      displayCode: z.string(),
      label_th: z.string().nullable(),
      reason: z.string().nullable(),
      recommendation: z.string().nullable(),
    }),
  ),
  yoy: z
    .object({
      previousFiscalYear: z.int(),
      rows: z.array(
        z.object({
          scope: z.enum(['instrument', 'indicator', 'question']),
          code: z.string(),
          label_th: z.string().nullable(),
          current: z.number().nullable(),
          yoy: yoySchema,
        }),
      ),
    })
    .nullable(),
  judged: z.enum(['questions', 'indicators']),
  /** The measures of the plan that answered this result's indicators and questions (absent in old analyses). */
  previousMeasures: previousMeasuresSchema.nullable().optional(),
  warnings: z.array(z.object({ message_th: z.string(), message_en: z.string() })),
});
export type AnalysisOutcome = z.infer<typeof analysisOutcomeSchema>;
