import { z } from 'zod';

/**
 * The national and ministry view of one node of the organisation tree for one fiscal year
 * (`GET /api/national/{organizationId}`): its agencies' results and their change from the year before,
 * the national target, the weakest indicators, plans not approved or not published, late follow-up
 * rounds and the standard measures used by agencies whose indicator rose. Numbers only; the UI words
 * them (decision 019).
 */

const name = { nameTh: z.string(), nameEn: z.string().nullable() };
const score = z.number().nullable();

export const nationalNodeSchema = z.object({
  id: z.uuid(),
  ...name,
  kind: z.string(),
});

export const nationalQuerySchema = z.object({
  /** The fiscal year of the results (BE); default the latest year with a result at or under the node. */
  fiscalYear: z.coerce.number().int().min(2500).max(2700).optional(),
});

export const nationalViewSchema = z.object({
  node: nationalNodeSchema,
  /** The node's ancestors the caller may also open, root first (the breadcrumb of the node picker). */
  ancestors: z.array(nationalNodeSchema),
  fiscalYear: z.int(),
  /** Fiscal years with a result at or under the node, newest first. */
  years: z.array(z.int()),
  /** The edition the year's totals and levels follow; null when the catalogue has none for the year. */
  edition: z.object({ fiscalYear: z.int() }).nullable(),
  summary: z.object({
    /** Organisations at or under the node with an ITA result or a plan in some year. */
    agencies: z.int(),
    /** Agencies with a result of the year, and of those, with a total (stated or derived). */
    withResult: z.int(),
    withTotal: z.int(),
    /** No result of the year was entered. */
    noResult: z.int(),
    /** A result of the year was entered, but no total can be stated or derived from it. */
    resultWithoutTotal: z.int(),
    meanTotal: score,
    withPrevious: z.int(),
    meanPrevious: score,
    /** Agencies with a total in both years, and how their totals moved. */
    withBoth: z.int(),
    rose: z.int(),
    fell: z.int(),
    same: z.int(),
    meanChange: score,
  }),
  target: z.object({
    threshold: z.number(),
    targetPercent: z.number(),
    withTotal: z.int(),
    atOrAbove: z.int(),
    sharePercent: score,
    met: z.boolean().nullable(),
  }),
  /** Agencies per level of the year's edition, best first; code null: a total but no level applies. */
  levels: z.array(
    z.object({
      code: z.string().nullable(),
      name_th: z.string().nullable(),
      name_en: z.string().nullable(),
      count: z.int(),
    }),
  ),
  /** Agencies per band of totals (5 points), lowest band with an agency up to 95–100. */
  bands: z.array(z.object({ from: z.number(), to: z.number(), count: z.int() })),
  /** The node's children that hold agencies, with their own counts (the ministry / province breakdown). */
  children: z.array(
    nationalNodeSchema.extend({
      agencies: z.int(),
      withTotal: z.int(),
      atOrAbove: z.int(),
      sharePercent: score,
      meanTotal: score,
    }),
  ),
  /** Agencies, lowest total first (those without a total last), at most `listLimit`. */
  agencies: z.array(
    z.object({
      id: z.uuid(),
      code: z.string(),
      ...name,
      hasResult: z.boolean(),
      total: score,
      level: z.string().nullable(),
      previousTotal: score,
      change: score,
    }),
  ),
  listLimit: z.int(),
  indicators: z.array(
    z.object({
      number: z.int(),
      name_th: z.string().nullable(),
      name_en: z.string().nullable(),
      /** Mean over the agencies scored on it in the year, lowest first. */
      mean: z.number(),
      scored: z.int(),
      /** Agencies scored below the threshold on it. */
      below: z.int(),
      meanPrevious: score,
      withPrevious: z.int(),
      /** Mean change of the agencies scored on it in both years. */
      meanChange: score,
    }),
  ),
  plans: z.object({
    agencies: z.int(),
    notApproved: z.int(),
    notPublished: z.int(),
    notApprovedList: z.array(
      z.object({ id: z.uuid(), code: z.string(), ...name, latestStatus: z.string().nullable() }),
    ),
    notPublishedList: z.array(z.object({ id: z.uuid(), code: z.string(), ...name, approved: z.boolean() })),
  }),
  late: z.object({
    count: z.int(),
    list: z.array(
      z.object({
        id: z.uuid(),
        code: z.string(),
        ...name,
        rounds: z.int(),
        daysLate: z.int(),
        openReports: z.int(),
        earliestDue: z.string(),
      }),
    ),
  }),
  /** Standard measures in the year's approved plans, per indicator they answer (evidence, not a promise). */
  measures: z.array(
    z.object({
      libraryId: z.string(),
      titleTh: z.string().nullable(),
      titleEn: z.string().nullable(),
      indicator: z.int(),
      indicatorName_th: z.string().nullable(),
      indicatorName_en: z.string().nullable(),
      comparable: z.boolean(),
      users: z.int(),
      usersRose: z.int(),
      usersMeanChange: score,
      others: z.int(),
      othersRose: z.int(),
      othersMeanChange: score,
    }),
  ),
  minAgenciesToCompare: z.int(),
});
export type NationalView = z.infer<typeof nationalViewSchema>;

export const nationalRootsSchema = z.array(nationalNodeSchema);
export type NationalNode = z.infer<typeof nationalNodeSchema>;
