import { z } from 'zod';

/** How far a fact can be trusted: high = replica/official form, medium = secondary source, low = reconstructed. */
export const confidenceSchema = z.enum(['high', 'medium', 'low']);
export const instrumentCodeSchema = z.enum(['IIT', 'EIT', 'OIT']);
/** likert4 = 4-point scale, yes_no = มี/ไม่มี, disclosure = OIT answer (มี/ไม่มี + URL + explanation). */
export const answerTypeSchema = z.enum(['likert4', 'yes_no', 'disclosure']);
export const levelSchemeSchema = z.enum(['bands', 'words']);

const text = z.string().trim().min(1);
const textList = z.array(text).min(1);
const sourceId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, 'source id: letters, digits and dashes');
/** Ids from the edition's `sources` list; always a list, even for one source. */
export const sourceRefSchema = z.array(sourceId).min(1);
export const questionCodeSchema = z.string().regex(/^[ieo][1-9][0-9]*$/, 'question code like i1, e11 or o14');
const subIndicatorCode = z.string().regex(/^[1-9][0-9]*\.[1-9][0-9]*$/, "sub-indicator code like '9.1'");
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date as YYYY-MM-DD (Gregorian)')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'not a real date');
const score = z.number().min(0).max(100);
const kebabCode = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case code with dashes');

const provenance = {
  confidence: confidenceSchema,
  source: sourceRefSchema,
  note: text.optional(),
};

export const sourceSchema = z.strictObject({
  id: sourceId,
  title: text,
  url: z
    .string()
    .regex(/^https?:\/\/\S+$/, 'http(s) URL')
    .nullable(),
  locator: text.optional(),
  reliability: confidenceSchema,
  reliability_note: text.optional(),
  used_for: text.optional(),
});

export const instrumentSchema = z.strictObject({
  code: instrumentCodeSchema,
  name_th: text,
  name_en: text,
  name_th_variants: textList.optional(),
  weight_percent: score.nullable(),
  weight_confidence: confidenceSchema.optional(),
  weight_source: sourceRefSchema.optional(),
  weight_note: text.optional(),
  ...provenance,
});

export const indicatorSchema = z.strictObject({
  number: z.int().min(1),
  name_th: text,
  name_en: text,
  name_th_variants: textList.optional(),
  instrument: instrumentCodeSchema,
  ...provenance,
});

export const subIndicatorSchema = z.strictObject({
  code: subIndicatorCode,
  indicator: z.int().min(1),
  name_th: text,
  name_en: text,
  name_th_alternatives: textList.optional(),
  ...provenance,
});

export const subItemSchema = z.strictObject({
  code: z.string().regex(/^[ieo][1-9][0-9]*\.[1-9][0-9]*$/, 'sub-item code like i1.2'),
  text_th: text,
  reverse_scored: z.boolean(),
});

/** Another wording seen for the same question (other source, other year, other form). */
export const textAlternativeSchema = z.strictObject({
  text_th: text,
  sub_items: z.array(subItemSchema).min(1).optional(),
  ...provenance,
});

export const questionSchema = z.strictObject({
  code: questionCodeSchema,
  display_code: z.string().regex(/^[IiEeOo][1-9][0-9]*$/, 'display code like O14 or i1'),
  instrument: instrumentCodeSchema,
  indicator: z.int().min(1),
  indicator_confidence: confidenceSchema.optional(),
  sub_indicator: subIndicatorCode.optional(),
  group_th: text.optional(),
  text_th: text.nullable(),
  missing: text.optional(),
  text_th_as_found: text.optional(),
  text_th_alternatives: z.array(textAlternativeSchema).min(1).optional(),
  /**
   * The wording in English for the English UI, with `text_en_source`: NACC publishes Thai only, so this
   * is a translation (never shown as official wording; documents use `text_th`).
   */
  text_en: text.optional(),
  text_en_source: sourceRefSchema.optional(),
  answer_type: answerTypeSchema.nullable(),
  sub_items: z.array(subItemSchema).min(1).optional(),
  reverse_scored: z.boolean().optional(),
  form_note_th: text.optional(),
  components_th: textList.optional(),
  components_source: sourceRefSchema.optional(),
  components_confidence: confidenceSchema.optional(),
  evidence_examples_th: textList.optional(),
  evidence_source: sourceRefSchema.optional(),
  evidence_confidence: confidenceSchema.optional(),
  ...provenance,
});

export const levelSchema = z.strictObject({
  code: kebabCode.or(z.string().regex(/^[A-F]{1,2}$/, 'band code like AA or B')),
  name_th: text,
  name_en: text,
  min_total: score,
  min_each_instrument: score.optional(),
  confidence: confidenceSchema,
  note: text.optional(),
});

/**
 * How NACC derives the figures above the indicators, as data so that a new edition can change it:
 * an instrument's score from its indicators, the total from the instruments (weights are
 * `instruments[].weight_percent`), the decimals NACC prints, and the difference between a stated and
 * a derived figure that is still rounding.
 */
export const scoringSchema = z.strictObject({
  instrument_score: z.enum(['mean_of_indicators']),
  total: z.enum(['weighted_instruments']),
  decimals: z.int().min(0).max(4),
  tolerance: z.number().min(0).max(1),
  ...provenance,
});

export const passThresholdSchema = z.strictObject({
  min_total: score,
  ...provenance,
});

export const levelsSchema = z.strictObject({
  scheme: levelSchemeSchema,
  levels: z.array(levelSchema).min(1),
  pass_threshold: passThresholdSchema,
  ...provenance,
});

export const groupSchema = z.strictObject({
  no: z.int().min(1),
  name_th: text,
  name_en: text,
  questions: z.array(questionCodeSchema).min(1),
  corrections: z
    .array(z.strictObject({ question: questionCodeSchema, as_found: text }))
    .min(1)
    .optional(),
  note: text.optional(),
});

export const groupingSchema = z.strictObject({
  code: kebabCode,
  name_th: text,
  name_en: text,
  groups: z.array(groupSchema).min(1),
  ...provenance,
});

/** Reuses a grouping defined in another edition; valid only if all its question codes exist here. */
export const groupingRefSchema = z.strictObject({
  fiscal_year: z.int(),
  code: kebabCode,
  confidence: confidenceSchema,
  note: text.optional(),
});

/**
 * Which question of an earlier edition asks what a question of this edition asks, for year-over-year
 * comparison after NACC renumbered or reworded. `from_code: null` says there is no counterpart.
 */
export const questionMappingSchema = z.strictObject({
  from_fiscal_year: z.int().min(2500).max(2700),
  pairs: z
    .array(
      z.strictObject({
        code: questionCodeSchema,
        from_code: questionCodeSchema.nullable(),
        ...provenance,
      }),
    )
    .min(1),
  note: text.optional(),
});

/** Parts a document must contain (e.g. the o42 measures document), checked by later features. */
export const requiredPartsSchema = z.strictObject({
  questions: z.array(questionCodeSchema).min(1),
  parts: textList,
  ...provenance,
});

export const calendarEntrySchema = z.strictObject({
  code: kebabCode,
  name_en: text,
  start: isoDate.nullable(),
  end: isoDate,
  ...provenance,
});

export const factSchema = z.strictObject({
  code: kebabCode,
  label_en: text,
  value: z.union([z.number(), text]),
  ...provenance,
});

export const exampleResultSchema = z.strictObject({
  agency_th: text,
  total: score,
  level_code: text,
  ...provenance,
});

export const answerScaleSchema = z.strictObject({
  answer_type: answerTypeSchema,
  options_th: textList,
  scores: z.array(score).min(1),
  ...provenance,
});

const list = <T extends z.ZodType>(item: T) => z.array(item).default(() => []);

export const editionSchema = z.strictObject({
  fiscal_year: z.int().min(2500).max(2700),
  title_th: text,
  title_en: text,
  completeness: text,
  missing: z.array(text),
  notes: z.array(text),
  sources: z.array(sourceSchema).min(1),
  instruments: z.array(instrumentSchema).min(1),
  indicators: z.array(indicatorSchema).min(1),
  sub_indicators: list(subIndicatorSchema),
  questions: z.array(questionSchema),
  levels: levelsSchema,
  scoring: scoringSchema.optional(),
  groupings: list(groupingSchema),
  grouping_refs: list(groupingRefSchema),
  question_mappings: list(questionMappingSchema),
  measures_document_required_parts_th: requiredPartsSchema.optional(),
  follow_up_report_required_parts_th: requiredPartsSchema.optional(),
  answer_scales: list(answerScaleSchema),
  calendar: list(calendarEntrySchema),
  facts: list(factSchema),
  example_results: list(exampleResultSchema),
});

export type Confidence = z.infer<typeof confidenceSchema>;
export type InstrumentCode = z.infer<typeof instrumentCodeSchema>;
export type AnswerType = z.infer<typeof answerTypeSchema>;
export type EditionSource = z.infer<typeof sourceSchema>;
export type EditionInstrument = z.infer<typeof instrumentSchema>;
export type EditionIndicator = z.infer<typeof indicatorSchema>;
export type EditionSubIndicator = z.infer<typeof subIndicatorSchema>;
export type EditionSubItem = z.infer<typeof subItemSchema>;
export type EditionTextAlternative = z.infer<typeof textAlternativeSchema>;
export type EditionQuestion = z.infer<typeof questionSchema>;
export type EditionLevel = z.infer<typeof levelSchema>;
export type EditionQuestionMapping = z.infer<typeof questionMappingSchema>;
export type EditionScoring = z.infer<typeof scoringSchema>;
export type EditionLevels = z.infer<typeof levelsSchema>;
export type EditionGroup = z.infer<typeof groupSchema>;
export type EditionGrouping = z.infer<typeof groupingSchema>;
export type EditionGroupingRef = z.infer<typeof groupingRefSchema>;
export type EditionRequiredParts = z.infer<typeof requiredPartsSchema>;
export type EditionCalendarEntry = z.infer<typeof calendarEntrySchema>;
export type EditionFact = z.infer<typeof factSchema>;
export type EditionExampleResult = z.infer<typeof exampleResultSchema>;
export type EditionAnswerScale = z.infer<typeof answerScaleSchema>;
/** A validated edition (defaults applied: optional lists are `[]`). */
export type Edition = z.infer<typeof editionSchema>;
/** An edition as written in YAML (optional lists may be absent). */
export type EditionInput = z.input<typeof editionSchema>;
