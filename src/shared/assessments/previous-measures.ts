import { z } from 'zod';
import { PROGRESS } from '../progress/contract.ts';

/**
 * Closing the loop: the measures of the plan that answered an indicator or question the year before
 * (matched by the codes the measures carry), their status at the last follow-up round, and how the
 * score changed. Next year's result is the test of this year's measures.
 */
export const previousMeasureSchema = z.object({
  measureId: z.string(),
  /** The measure's number as printed in its plan ("(2.1)", `src/shared/plans/numbering.ts`). */
  number: z.string(),
  title: z.string(),
  /** Progress reported at the last follow-up round; null when no round reported on it. */
  progress: z.enum(PROGRESS).nullable(),
  percent: z.number().nullable(),
});

export const previousMeasuresSchema = z.object({
  planId: z.uuid(),
  planFiscalYear: z.int(),
  planTitle: z.string(),
  /** The last follow-up round that reported (e.g. "12 เดือน"); null when none did. */
  lastRound: z.object({ label_th: z.string(), label_en: z.string() }).nullable(),
  /** The years of the two scores compared (absent in outcomes made before they were recorded). */
  previousFiscalYear: z.int().nullable().optional(),
  currentFiscalYear: z.int().optional(),
  rows: z.array(
    z.object({
      scope: z.enum(['indicator', 'question']),
      /** The code in this year's edition (the plan's code when this year's result does not have it). */
      code: z.string(),
      /** As printed ("O12"); absent in older outcomes. */
      displayCode: z.string().optional(),
      /** The indicator a question belongs to, when known. */
      indicator: z.int().nullable().optional(),
      label_th: z.string().nullable(),
      measures: z.array(previousMeasureSchema).min(1),
      previous: z.number().nullable(),
      current: z.number().nullable(),
      change: z.number().nullable(),
    }),
  ),
});
export type PreviousMeasures = z.infer<typeof previousMeasuresSchema>;
