import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Edition } from '../catalogue/edition.schema.ts';
import { MEASURE_KINDS, PLAN_TEXT_LIMITS, type PlanMeasure } from './contract.ts';

/**
 * The measures library: standard measures Thai agencies take for weak ITA questions, shipped as
 * `catalogue/measures-library.yaml` (format below) and copied into a plan for editing.
 *
 * Question codes are given per edition year because NACC renumbers questions between editions
 * (e.g. IIT i19 is "took state property" in 2564/2565 but "knows the asset rules" in 2566/2567), so a
 * code only means something together with its edition.
 */

const line = z.string().trim().min(1).max(PLAN_TEXT_LIMITS.line);
const title = z.string().trim().min(1).max(PLAN_TEXT_LIMITS.title);

/** An edition (fiscal) year in the Buddhist era, as a key: '2566'. */
export const libraryEditionYearSchema = z.string().regex(/^25\d\d$/, 'edition year as BBBB (Buddhist era)');
/** A question code as in the catalogue, lower case: i20, e13, o14. */
export const libraryQuestionCodeSchema = z
  .string()
  .regex(/^[ieo][1-9]\d?$/, 'question code such as i20, e13 or o14 (lower case)');

export const LIBRARY_CONFIDENCE = ['high', 'medium', 'low'] as const;

export const libraryMeasureSchema = z.strictObject({
  /** Stable kebab-case id; plans keep it in `libraryId`. */
  id: z
    .string()
    .max(100)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case id'),
  kind: z.enum(MEASURE_KINDS),
  title_th: title,
  title_en: title,
  /** The steps, in order, as they are copied into a plan. */
  steps_th: z.array(line).min(1).max(100),
  /** How the measure is followed up and evaluated (the monitoring column of a plan). */
  monitoring_th: line,
  /** The questions the measure answers, by edition year: `{ '2566': [i19, i20] }`. */
  codes: z.record(libraryEditionYearSchema, z.array(libraryQuestionCodeSchema).min(1).max(100)),
  /** The indicators (1–10) the measure answers, whatever the edition. */
  indicators: z.array(z.int().min(1).max(10)).min(1).max(10),
  /** Ids of the file's `sources`: a seed document or `common-practice`. */
  source: z.array(z.string().min(1)).min(1),
  confidence: z.enum(LIBRARY_CONFIDENCE),
  note: z.string().trim().min(1).optional(),
});
export type LibraryMeasure = z.infer<typeof libraryMeasureSchema>;

export const librarySourceSchema = z.strictObject({
  id: z.string().min(1),
  title: z.string().trim().min(1),
  note: z.string().trim().min(1).optional(),
});

export const libraryFileSchema = z
  .strictObject({
    version: z.literal(1),
    title_th: title,
    title_en: title,
    /** How codes were mapped, what confidence means, caveats. */
    notes: z.array(z.string().trim().min(1)).default([]),
    sources: z.array(librarySourceSchema).min(1),
    measures: z.array(libraryMeasureSchema).min(1),
  })
  .superRefine((file, ctx) => {
    const sourceIds = new Set(file.sources.map((s) => s.id));
    const seen = new Set<string>();
    file.measures.forEach((m, i) => {
      if (seen.has(m.id))
        ctx.addIssue({ code: 'custom', path: ['measures', i, 'id'], message: `duplicate id ${m.id}` });
      seen.add(m.id);
      m.source.forEach((s, j) => {
        if (!sourceIds.has(s)) {
          ctx.addIssue({
            code: 'custom',
            path: ['measures', i, 'source', j],
            message: `unknown source ${s}`,
          });
        }
      });
      for (const [year, codes] of Object.entries(m.codes)) {
        if (new Set(codes).size !== codes.length) {
          ctx.addIssue({ code: 'custom', path: ['measures', i, 'codes', year], message: 'duplicate code' });
        }
      }
      if (new Set(m.indicators).size !== m.indicators.length) {
        ctx.addIssue({ code: 'custom', path: ['measures', i, 'indicators'], message: 'duplicate indicator' });
      }
    });
  });
export type LibraryFile = z.infer<typeof libraryFileSchema>;

export type ParseLibraryResult = { ok: true; library: LibraryFile } | { ok: false; errors: string[] };

/** Parses `catalogue/measures-library.yaml`: YAML syntax, then the schema (unique ids, known sources). */
export function parseLibrary(yamlText: string): ParseLibraryResult {
  let data: unknown;
  try {
    data = parseYaml(yamlText, { uniqueKeys: true });
  } catch (e) {
    return { ok: false, errors: [`YAML: ${(e as Error).message}`] };
  }
  const parsed = libraryFileSchema.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    };
  }
  return { ok: true, library: parsed.data };
}

export type LibraryCheck = {
  /** Codes missing from their edition, editions not loaded, indicators not declared by the measure. */
  errors: string[];
  /** Codes whose question exists but has no known wording in the edition (text and alternatives). */
  unworded: { measureId: string; year: string; code: string }[];
};

/**
 * Checks the library against catalogue editions: every code exists in the edition of its year, and the
 * indicator of every code is listed in the measure's `indicators`.
 */
export function checkLibraryAgainstEditions(
  measures: readonly LibraryMeasure[],
  editions: readonly Edition[],
): LibraryCheck {
  const byYear = new Map(editions.map((e) => [String(e.fiscal_year), e]));
  const errors: string[] = [];
  const unworded: LibraryCheck['unworded'] = [];
  for (const m of measures) {
    for (const [year, codes] of Object.entries(m.codes)) {
      const edition = byYear.get(year);
      if (!edition) {
        errors.push(`${m.id}: no catalogue edition ${year}`);
        continue;
      }
      for (const code of codes) {
        const q = edition.questions.find((x) => x.code === code);
        if (!q) {
          errors.push(`${m.id}: ${code} is not a question of edition ${year}`);
          continue;
        }
        if (!m.indicators.includes(q.indicator)) {
          errors.push(`${m.id}: ${code} (${year}) belongs to indicator ${q.indicator}, not in indicators`);
        }
        if (q.text_th === null && !(q.text_th_alternatives?.length ?? 0)) {
          unworded.push({ measureId: m.id, year, code });
        }
      }
    }
  }
  return { errors, unworded };
}

export type MeasureSuggestion = {
  measure: LibraryMeasure;
  /** The weak codes (of the requested edition) the measure answers. */
  matchedCodes: string[];
  matchedIndicators: number[];
};

export type SuggestQuery = {
  /** The edition year of the result the weak codes come from (e.g. 2566). */
  fiscalYear: number;
  /** Weak question codes (any case: O14 = o14). Plain numbers are read as indicators. */
  codes: readonly string[];
  /** Weak indicators (1–10). */
  indicators: readonly number[];
  limit?: number;
};

const CONFIDENCE_RANK = { high: 0, medium: 1, low: 2 } as const;

/**
 * Library measures for a set of weak points, best first: ranked by how many weak codes of that edition
 * they answer, then by how many weak indicators, then by confidence, then library order. Measures that
 * answer nothing asked are left out. An edition the library has no codes for matches by indicator only.
 */
export function rankMeasures(
  library: LibraryFile | readonly LibraryMeasure[],
  query: SuggestQuery,
): MeasureSuggestion[] {
  const measures = 'measures' in library ? library.measures : library;
  const year = String(query.fiscalYear);
  const codes = new Set<string>();
  const indicators = new Set(query.indicators);
  for (const raw of query.codes) {
    const c = raw.trim().toLowerCase();
    if (/^\d+$/.test(c)) indicators.add(Number(c));
    else if (c) codes.add(c);
  }
  return measures
    .map((measure, order) => ({
      measure,
      order,
      matchedCodes: (measure.codes[year] ?? []).filter((c) => codes.has(c)),
      matchedIndicators: measure.indicators.filter((n) => indicators.has(n)),
    }))
    .filter((s) => s.matchedCodes.length + s.matchedIndicators.length > 0)
    .sort(
      (a, b) =>
        b.matchedCodes.length - a.matchedCodes.length ||
        b.matchedIndicators.length - a.matchedIndicators.length ||
        CONFIDENCE_RANK[a.measure.confidence] - CONFIDENCE_RANK[b.measure.confidence] ||
        a.order - b.order,
    )
    .slice(0, query.limit ?? Number.POSITIVE_INFINITY)
    .map(({ measure, matchedCodes, matchedIndicators }) => ({ measure, matchedCodes, matchedIndicators }));
}

/** `rankMeasures` without the match details. */
export function suggestMeasures(
  library: LibraryFile | readonly LibraryMeasure[],
  query: SuggestQuery,
): LibraryMeasure[] {
  return rankMeasures(library, query).map((s) => s.measure);
}

/**
 * A library measure as a plan measure to edit: new ids, steps in order, nobody responsible yet, no
 * timeframe, `libraryId` set. Codes are copied for the edition given (none without one).
 */
export function libraryToPlanMeasure(
  entry: LibraryMeasure,
  newId: () => string,
  opts: { fiscalYear?: number } = {},
): PlanMeasure {
  return {
    id: newId(),
    kind: entry.kind,
    title: entry.title_th,
    pointIds: [],
    steps: entry.steps_th.map((text) => ({ id: newId(), text, responsible: null, timeframe: null })),
    responsible: { unitIds: [], external: [] },
    timeframe: null,
    monitoring: entry.monitoring_th,
    codes: opts.fiscalYear === undefined ? [] : [...(entry.codes[String(opts.fiscalYear)] ?? [])],
    budget: null,
    target: '',
    outputIndicator: '',
    libraryId: entry.id,
  };
}
