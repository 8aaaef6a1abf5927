import { z } from 'zod';

export const PUBLICATION_KINDS = ['plan', 'analysis', 'round'] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];

/** A public address name: lower-case letters, digits and single hyphens, e.g. `tak-province`. */
export const slugSchema = z
  .string()
  .trim()
  .min(3)
  .max(60)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a–z, 0–9 and single hyphens only (e.g. tak-province)');

export const publishSchema = z.object({
  kind: z.enum(PUBLICATION_KINDS),
  subjectId: z.uuid(),
  /**
   * The public address name to fix with this first publication (chosen in the confirmation); refused
   * when another organisation has it, or when it differs from one already given out.
   */
  slug: slugSchema.optional(),
  /**
   * The latest version number at the subject's address the page showed (0: none). When someone
   * published or withdrew there since, the request is refused (409) saying who and when.
   */
  expectedVersionNo: z.int().min(0).optional(),
});

/**
 * The part of a public address after /p/<slug>/<fiscal year>/: `plan`, `analysis`, `round/6m`,
 * `round/12m`, or `round/<kind>-<BE year>-<month>` of another round's period end.
 */
export function publicationPathKey(
  kind: PublicationKind,
  round?: { kind: string; periodEnd: string },
): string {
  if (kind !== 'round') return kind;
  if (!round) throw new Error('a round report needs its round');
  return round.kind === '6m' || round.kind === '12m'
    ? `round/${round.kind}`
    : `round/${round.kind}-${Number(round.periodEnd.slice(0, 4)) + 543}-${round.periodEnd.slice(5, 7)}`;
}

export const withdrawSchema = z.object({ reason: z.string().trim().min(5).max(2000) });
export const setSlugSchema = z.object({ slug: slugSchema });

export const publicationSchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  fiscalYear: z.int(),
  kind: z.enum(PUBLICATION_KINDS),
  pathKey: z.string(),
  versionNo: z.int(),
  subjectId: z.uuid(),
  title: z.string(),
  changeSummary: z.string(),
  publishedAt: z.string(),
  publishedByName: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  /** The page of this version and the page that always shows the latest (relative to the site). */
  url: z.string(),
  latestUrl: z.string(),
});
export type Publication = z.infer<typeof publicationSchema>;

export const publishResultSchema = z.object({
  publication: publicationSchema,
  /** False when the latest version already shows exactly this content: nothing new was published. */
  created: z.boolean(),
});

export const publicSiteSchema = z.object({
  organizationId: z.uuid(),
  slug: z.string(),
  /** Whether the slug was chosen (true) or is the default from the organisation's code (false). */
  chosen: z.boolean(),
  indexUrl: z.string(),
  publications: z.array(publicationSchema),
});
