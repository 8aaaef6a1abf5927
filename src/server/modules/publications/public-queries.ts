import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { DocumentFormat } from '#shared/documents/contract.ts';
import type { Db } from '../../db/client.ts';
import {
  documentEmblems,
  documentFiles,
  documents,
  organizations,
  publications,
  publicSites,
} from '../../db/schema/index.ts';
import { type ChangeStamp, type StampRow, stampJson, toChangeStamp } from '../../public/stamp.ts';
import type { Digits, DocumentModel } from '../documents/model.ts';

/**
 * The only reads behind the public pages (no sign-in): they see published versions and nothing else —
 * never a draft plan, an open round, a unit's report or a reviewer's comment, because those are not in
 * the `publications` table at all. Withdrawn versions come back with their notice, not their content.
 */

export type PublicSite = {
  organizationId: string;
  slug: string;
  nameTh: string;
  nameEn: string | null;
  emblem: { storageKey: string; mime: string; width: number; height: number } | null;
};

export type PublicVersion = {
  id: string;
  fiscalYear: number;
  kind: string;
  pathKey: string;
  versionNo: number;
  title: string;
  changeSummary: string;
  publishedAt: Date;
  documentId: string;
  withdrawn: { at: Date; reason: string } | null;
  /** The page content; null once withdrawn. */
  model: DocumentModel | null;
  /** The digits the agency chose for the document: the page shows its content the same way. */
  digits: Digits;
};

function toVersion(row: typeof publications.$inferSelect, documentOptions: unknown = null): PublicVersion {
  const withdrawn = row.withdrawnAt ? { at: row.withdrawnAt, reason: row.withdrawReason ?? '' } : null;
  return {
    id: row.id,
    fiscalYear: row.fiscalYear,
    kind: row.kind,
    pathKey: row.pathKey,
    versionNo: row.versionNo,
    title: row.title,
    changeSummary: row.changeSummary,
    publishedAt: row.publishedAt,
    documentId: row.documentId,
    withdrawn,
    model: withdrawn ? null : (row.model as DocumentModel),
    digits: (documentOptions as { digits?: unknown } | null)?.digits === 'arabic' ? 'arabic' : 'thai',
  };
}

/** Every version at one address, oldest first (the last is what the unversioned address shows). */
export async function publishedVersions(
  db: Db,
  organizationId: string,
  fiscalYear: number,
  pathKey: string,
): Promise<PublicVersion[]> {
  const rows = await db
    .select({ p: publications, options: documents.options })
    .from(publications)
    .innerJoin(documents, eq(documents.id, publications.documentId))
    .where(
      and(
        eq(publications.organizationId, organizationId),
        eq(publications.fiscalYear, fiscalYear),
        eq(publications.pathKey, pathKey),
      ),
    )
    .orderBy(asc(publications.versionNo));
  return rows.map((r) => toVersion(r.p, r.options));
}

/** Everything an organisation has published (without page content), newest year first. */
export async function publishedIndex(
  db: Db,
  organizationId: string,
): Promise<Omit<PublicVersion, 'model'>[]> {
  const rows = await db
    .select()
    .from(publications)
    .where(eq(publications.organizationId, organizationId))
    .orderBy(desc(publications.fiscalYear), asc(publications.pathKey), asc(publications.versionNo));
  return rows.map((r) => {
    const { model: _model, ...rest } = toVersion(r);
    return rest;
  });
}

/** Every file of a published version (one per format) in one read: a page lists all its downloads. */
export async function publishedFiles(db: Db, documentId: string) {
  return db.select().from(documentFiles).where(eq(documentFiles.documentId, documentId));
}

/** A published version's file, or null (no such format). */
export async function publishedFile(db: Db, documentId: string, format: DocumentFormat) {
  const [file] = await db
    .select()
    .from(documentFiles)
    .where(and(eq(documentFiles.documentId, documentId), eq(documentFiles.format, format)));
  return file ?? null;
}

/** A site and its change stamp (see public/stamp.ts). */
export type PublicScope = { site: PublicSite; stamp: ChangeStamp };

/** What one page at an address shows, read with its site and stamp in one statement. */
export type PublicPageRead = PublicScope & {
  /** Every version at the address (without content), oldest first; empty when none. */
  versions: Omit<PublicVersion, 'model'>[];
  /**
   * The version the address shows (`versionNo`, or the newest not withdrawn, else the newest: the rule
   * of the pages' `latestLive`), its content and its files; null when the address has no such version.
   * The content and files are null once that version is withdrawn.
   */
  shown: {
    versionNo: number;
    model: DocumentModel | null;
    files: { format: string; bytes: number; createdAt: Date }[] | null;
  } | null;
};

type RawVersion = {
  id: string;
  fiscalYear: number;
  kind: string;
  pathKey: string;
  versionNo: number;
  title: string;
  changeSummary: string;
  publishedAt: string;
  documentId: string;
  withdrawnAt: string | null;
  withdrawReason: string | null;
  arabic: boolean | null;
};
type RawShown = {
  versionNo: number;
  model: DocumentModel | null;
  files: { format: string; bytes: number; createdAt: string }[] | null;
};

/**
 * The public reads of the pages' hot path, each one statement prepared once per database (PostgreSQL
 * parses and plans it once per connection; drizzle builds its SQL once): the site with its stamp (what
 * the site memo holds), and a whole page (site, stamp, the versions at the address, the shown version's
 * content and files), which an uncached page read in four statements before (siteBySlug, changeStamp,
 * publishedVersions with every version's content, publishedFiles). JSON aggregation carries the
 * versions and files; their timestamps come back as ISO strings and become Dates here as drizzle's
 * would (the page is byte-identical: public-read.db.test.ts).
 */
export function publicReads(db: Db) {
  const siteFields = {
    organizationId: publicSites.organizationId,
    slug: publicSites.slug,
    nameTh: organizations.nameTh,
    nameEn: organizations.nameEn,
    emblemKey: documentEmblems.storageKey,
    emblemMime: documentEmblems.mime,
    emblemWidth: documentEmblems.width,
    emblemHeight: documentEmblems.height,
    stamp: stampJson(publicSites.organizationId),
  };
  const year = sql`${sql.placeholder('fiscalYear')}::int`;
  const pathKey = sql`${sql.placeholder('pathKey')}::text`;
  const versionNo = sql`${sql.placeholder('versionNo')}::int`;
  const atAddress = sql`${publications.organizationId} = ${publicSites.organizationId}
    and ${publications.fiscalYear} = ${year} and ${publications.pathKey} = ${pathKey}`;
  const versions = sql<RawVersion[] | null>`(select json_agg(json_build_object(
      'id', ${publications.id}, 'fiscalYear', ${publications.fiscalYear}, 'kind', ${publications.kind},
      'pathKey', ${publications.pathKey}, 'versionNo', ${publications.versionNo}, 'title', ${publications.title},
      'changeSummary', ${publications.changeSummary}, 'publishedAt', ${publications.publishedAt},
      'documentId', ${publications.documentId}, 'withdrawnAt', ${publications.withdrawnAt},
      'withdrawReason', ${publications.withdrawReason}, 'arabic', ${documents.options} ->> 'digits' = 'arabic'
    ) order by ${publications.versionNo})
    from ${publications} inner join ${documents} on ${documents.id} = ${publications.documentId}
    where ${atAddress})`;
  const shown = sql<RawShown | null>`(select json_build_object(
      'versionNo', ${publications.versionNo},
      'model', case when ${publications.withdrawnAt} is null then ${publications.model} end,
      'files', case when ${publications.withdrawnAt} is null then
        (select coalesce(json_agg(json_build_object('format', ${documentFiles.format}, 'bytes', ${documentFiles.bytes},
          'createdAt', ${documentFiles.createdAt})), '[]'::json)
         from ${documentFiles} where ${documentFiles.documentId} = ${publications.documentId}) end
    ) from ${publications}
    where ${atAddress} and (${versionNo} is null or ${publications.versionNo} = ${versionNo})
    order by (${publications.withdrawnAt} is null) desc, ${publications.versionNo} desc limit 1)`;
  const site = db
    .select(siteFields)
    .from(publicSites)
    .innerJoin(organizations, eq(organizations.id, publicSites.organizationId))
    .leftJoin(documentEmblems, eq(documentEmblems.organizationId, publicSites.organizationId))
    .where(eq(publicSites.slug, sql.placeholder('slug')))
    .prepare('public_site_read');
  const page = db
    .select({ ...siteFields, versions, shown })
    .from(publicSites)
    .innerJoin(organizations, eq(organizations.id, publicSites.organizationId))
    .leftJoin(documentEmblems, eq(documentEmblems.organizationId, publicSites.organizationId))
    .where(eq(publicSites.slug, sql.placeholder('slug')))
    .prepare('public_page_read');

  type SiteRow = { [K in keyof typeof siteFields]: unknown } & { stamp: StampRow | null };
  const scopeOf = (row: SiteRow): PublicScope => ({
    site: {
      organizationId: row.organizationId as string,
      slug: row.slug as string,
      nameTh: row.nameTh as string,
      nameEn: row.nameEn as string | null,
      emblem:
        row.emblemKey != null
          ? {
              storageKey: row.emblemKey as string,
              mime: row.emblemMime as string,
              width: row.emblemWidth as number,
              height: row.emblemHeight as number,
            }
          : null,
    },
    stamp: toChangeStamp(row.stamp),
  });

  return {
    /** The site at `slug` and its change stamp, or null (no such site). */
    async site(slug: string): Promise<PublicScope | null> {
      const [row] = await site.execute({ slug });
      return row ? scopeOf(row) : null;
    },
    /** The site at `slug` with the page at the address (`versionNo` null: the one the address shows). */
    async page(
      slug: string,
      address: { fiscalYear: number; pathKey: string; versionNo: number | null },
    ): Promise<PublicPageRead | null> {
      const [row] = await page.execute({ slug, ...address });
      if (!row) return null;
      const raw = row.shown;
      return {
        ...scopeOf(row),
        versions: (row.versions ?? []).map(
          (v): Omit<PublicVersion, 'model'> => ({
            id: v.id,
            fiscalYear: v.fiscalYear,
            kind: v.kind,
            pathKey: v.pathKey,
            versionNo: v.versionNo,
            title: v.title,
            changeSummary: v.changeSummary,
            publishedAt: new Date(v.publishedAt),
            documentId: v.documentId,
            withdrawn: v.withdrawnAt ? { at: new Date(v.withdrawnAt), reason: v.withdrawReason ?? '' } : null,
            digits: v.arabic ? 'arabic' : 'thai',
          }),
        ),
        shown: raw
          ? {
              versionNo: raw.versionNo,
              model: raw.model,
              files: raw.files?.map((f) => ({ ...f, createdAt: new Date(f.createdAt) })) ?? null,
            }
          : null,
      };
    },
  };
}

export type PublicReads = ReturnType<typeof publicReads>;
