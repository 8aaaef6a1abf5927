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

// Framework workbook (XLSX) import: preview (commit=false) or write all or nothing (commit=true).

/** Largest framework workbook read, checked before anything else. */
export const MAX_FRAMEWORK_BYTES = 2 * 1024 * 1024;

export const frameworkImportRequestSchema = z.object({
  fileName: z.string().min(1).max(300),
  /** The workbook's bytes, base64. */
  contentBase64: z
    .string()
    .min(1)
    .max(Math.ceil(MAX_FRAMEWORK_BYTES / 3) * 4 + 8),
  /** false: preview only (nothing written); true: write a new edition or revision, or nothing. */
  commit: z.boolean().default(false),
});

/** One problem in a framework workbook, with where it is: sheet, row, column and field. */
export const frameworkIssueSchema = z.object({
  sheet: z.string().nullable(),
  row: z.int().nullable(),
  /** The column letter, e.g. 'D'. */
  column: z.string().nullable(),
  /** The field's key (row 2 of the sheet), e.g. 'text_th'. */
  field: z.string().nullable(),
  message_th: z.string(),
  message_en: z.string(),
});

const frameworkPartSchema = z.enum([
  'general',
  'instruments',
  'indicators',
  'sub_indicators',
  'questions',
  'levels',
  'scoring',
  'groupings',
  'question_mappings',
  'sources',
  'other',
]);

export const frameworkPreviewSchema = z.object({
  committed: z.boolean(),
  fiscalYear: z.int().nullable(),
  titleTh: z.string().nullable(),
  /** new_edition: no edition of that year yet; new_revision: differs from the current one; unchanged. */
  action: z.enum(['new_edition', 'new_revision', 'unchanged']).nullable(),
  /** The current revision of that fiscal year, when there is one. */
  currentRevision: z.int().nullable(),
  counts: z
    .object({
      instruments: z.int(),
      indicators: z.int(),
      subIndicators: z.int(),
      questions: z.object({ IIT: z.int(), EIT: z.int(), OIT: z.int() }),
      questionsWithoutWording: z.int(),
      levels: z.int(),
      groupings: z.int(),
      mappingPairs: z.int(),
      sources: z.int(),
    })
    .nullable(),
  /** What differs from the current revision of the same year, per part (keys: codes, numbers, ids). */
  changes: z.array(
    z.object({
      part: frameworkPartSchema,
      added: z.array(z.string()),
      removed: z.array(z.string()),
      changed: z.array(z.string()),
    }),
  ),
  errors: z.array(frameworkIssueSchema),
  /** Errors found beyond those listed (the list is bounded). */
  moreErrors: z.int(),
  warnings: z.array(frameworkIssueSchema),
  /** After a commit: the revision written (or the unchanged current one). */
  summary: editionSummarySchema.nullable(),
});

export type FrameworkIssue = z.infer<typeof frameworkIssueSchema>;
export type FrameworkPreview = z.infer<typeof frameworkPreviewSchema>;
export type FrameworkPart = z.infer<typeof frameworkPartSchema>;
