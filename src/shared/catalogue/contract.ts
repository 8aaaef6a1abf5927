import { z } from 'zod';
import { editionSchema, groupingSchema } from './edition.schema.ts';

export const editionSummarySchema = z.object({
  fiscalYear: z.number().int(),
  revision: z.number().int(),
  revisionId: z.uuid(),
  titleTh: z.string(),
  titleEn: z.string(),
  origin: z.enum(['bundled', 'upload']),
  importedAt: z.string(),
  counts: z.object({
    indicators: z.number().int(),
    subIndicators: z.number().int(),
    questions: z.object({ IIT: z.number().int(), EIT: z.number().int(), OIT: z.number().int() }),
    groupings: z.number().int(),
    /** Items with confidence low or missing wording: shown as a warning. */
    uncertain: z.number().int(),
  }),
});

export const editionDetailSchema = z.object({
  summary: editionSummarySchema,
  edition: editionSchema,
  /** The edition's own groupings plus those it reuses from earlier editions (grouping_refs). */
  groupings: z.array(groupingSchema),
});

export const importEditionRequestSchema = z.object({
  yaml: z
    .string()
    .min(1)
    .max(4 * 1024 * 1024),
});

export const importEditionResponseSchema = z.object({
  summary: editionSummarySchema,
  created: z.boolean(),
});

export type EditionSummary = z.infer<typeof editionSummarySchema>;
export type EditionDetail = z.infer<typeof editionDetailSchema>;
