import { z } from 'zod';
import { analysisOutcomeSchema, analysisSettingsSchema } from './analysis.ts';
import { scoreEntrySchema } from './scores.ts';

const fiscalYear = z.int().min(2500).max(2700);

export const saveResultSchema = z.object({
  organizationId: z.uuid(),
  fiscalYear,
  /** The edition the scores follow; by default the edition of the same fiscal year. */
  editionYear: fiscalYear.optional(),
  statedLevel: z.string().trim().max(100).nullable().default(null),
  scores: z.array(scoreEntrySchema).max(2000),
  /** The version read, when replacing an existing result (optimistic concurrency). */
  version: z.int().positive().optional(),
});
export type SaveResult = z.infer<typeof saveResultSchema>;

export const scoreChangeSchema = z.object({
  scope: z.string(),
  code: z.string(),
  before: z.number().nullable().optional(),
  after: z.number().nullable().optional(),
  kind: z.enum(['added', 'changed', 'removed']),
});

export const resultSummarySchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  organizationCode: z.string(),
  organizationNameTh: z.string(),
  fiscalYear,
  editionYear: fiscalYear,
  /** The total as stated, else as derived by the edition's rule (`totalDerived`). */
  total: z.number().nullable(),
  totalDerived: z.boolean(),
  /** The derived total, when the stated one differs from it by more than rounding. */
  totalDiffersFrom: z.number().nullable(),
  statedLevel: z.string().nullable(),
  computedLevel: z.string().nullable(),
  computedLevelName_th: z.string().nullable(),
  scoreCount: z.int(),
  version: z.int(),
  updatedAt: z.string(),
});

/** A page of the results list: `nextCursor` reads the next page (null on the last one). */
export const resultPageSchema = z.object({
  items: z.array(resultSummarySchema),
  nextCursor: z.string().nullable(),
});

export const resultDetailSchema = resultSummarySchema.extend({
  scores: z.array(scoreEntrySchema),
});

export const importRequestSchema = z.object({
  fileName: z.string().min(1).max(300),
  /** The file's bytes, base64. */
  contentBase64: z
    .string()
    .min(1)
    .max(8 * 1024 * 1024),
  fiscalYear,
  editionYear: fiscalYear.optional(),
  /** The organisation, when the file holds one organisation and has no organisation column. */
  organizationId: z.uuid().optional(),
  sheetName: z.string().max(100).optional(),
  /** false: preview only (nothing written); true: write everything or nothing. */
  commit: z.boolean().default(false),
});

export const importIssueSchema = z.object({
  row: z.int().nullable(),
  column: z.string().nullable(),
  code: z.string().optional(),
  message_th: z.string(),
  message_en: z.string(),
});

export const importPreviewSchema = z.object({
  committed: z.boolean(),
  format: z.enum(['long', 'wide']).nullable(),
  editionYear: fiscalYear,
  organizations: z.array(
    z.object({
      organizationId: z.uuid(),
      code: z.string(),
      nameTh: z.string(),
      scoreCount: z.int(),
      statedLevel: z.string().nullable(),
      changes: z.array(scoreChangeSchema),
      unchanged: z.int(),
    }),
  ),
  errors: z.array(importIssueSchema),
  warnings: z.array(importIssueSchema),
  /**
   * Questions and wording the file supplies for the edition (kept for every agency when committed,
   * the first supply of a code winning): a question the edition does not list, wording where it has
   * none, or wording the catalogue has otherwise (kept for the admins only).
   */
  supplied: z.array(
    z.object({
      code: z.string(),
      display_code: z.string(),
      instrument: z.enum(['IIT', 'EIT', 'OIT']),
      indicator: z.int(),
      text_th: z.string().nullable(),
      newQuestion: z.boolean(),
      catalogueDiffers: z.boolean(),
      organizationCode: z.string(),
    }),
  ),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const createAnalysisSchema = z.object({
  title: z.string().trim().min(1).max(300).optional(),
  settings: analysisSettingsSchema,
});

export const updateAnalysisSchema = z.object({
  version: z.int().positive(),
  title: z.string().trim().min(1).max(300).optional(),
  settings: analysisSettingsSchema.optional(),
  limitations: z.string().max(20_000).optional(),
});

export const narrativeSchema = z.object({
  findingKey: z.string(),
  text: z.string(),
  /** The finding's numbers changed since the text was written. */
  stale: z.boolean(),
  editedAt: z.string(),
});

export const analysisSchema = z.object({
  id: z.uuid(),
  resultId: z.uuid(),
  organizationId: z.uuid(),
  organizationNameTh: z.string(),
  title: z.string(),
  settings: analysisSettingsSchema,
  outcome: analysisOutcomeSchema,
  narratives: z.array(narrativeSchema),
  limitations: z.string(),
  version: z.int(),
  computedAt: z.string(),
});
export type Analysis = z.infer<typeof analysisSchema>;

export const saveNarrativeSchema = z.object({ text: z.string().max(20_000) });

export const provinceViewSchema = z.object({
  organizationId: z.uuid(),
  fiscalYear,
  urgentBelow: z.number(),
  indicators: z.array(
    z.object({ number: z.int(), name_th: z.string(), name_en: z.string(), instrument: z.string() }),
  ),
  units: z.array(
    z.object({
      organizationId: z.uuid(),
      code: z.string(),
      nameTh: z.string(),
      resultId: z.uuid(),
      total: z.number().nullable(),
      scores: z.array(z.number().nullable()),
    }),
  ),
  /** Indicators ordered weakest first: mean across units and how many units are below the threshold. */
  weakest: z.array(
    z.object({ number: z.int(), mean: z.number().nullable(), unitsBelow: z.int(), unitsScored: z.int() }),
  ),
});
export type ProvinceView = z.infer<typeof provinceViewSchema>;
