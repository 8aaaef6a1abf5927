import { and, asc, desc, eq } from 'drizzle-orm';
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

export async function siteBySlug(db: Db, slug: string): Promise<PublicSite | null> {
  const [row] = await db
    .select({ site: publicSites, org: organizations, emblem: documentEmblems })
    .from(publicSites)
    .innerJoin(organizations, eq(organizations.id, publicSites.organizationId))
    .leftJoin(documentEmblems, eq(documentEmblems.organizationId, publicSites.organizationId))
    .where(eq(publicSites.slug, slug));
  if (!row) return null;
  return {
    organizationId: row.org.id,
    slug: row.site.slug,
    nameTh: row.org.nameTh,
    nameEn: row.org.nameEn,
    emblem: row.emblem
      ? {
          storageKey: row.emblem.storageKey,
          mime: row.emblem.mime,
          width: row.emblem.width,
          height: row.emblem.height,
        }
      : null,
  };
}

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
