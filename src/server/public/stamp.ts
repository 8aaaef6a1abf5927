import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { documentFiles, publications } from '../db/schema/index.ts';

/**
 * What an organisation's public pages depend on, in one cheap subquery on the publications index:
 * how many versions it published, how many were withdrawn, and how many files those versions have.
 * Publications are only ever added, a withdrawal only ever sets `withdrawn_at` once, and files are
 * only ever added to a document (a PDF completed after Chromium was back), so the three counts change
 * whenever any page could: they key the rendered-page cache, which therefore needs no invalidation
 * call and stays right with several server processes on one database.
 *
 * Reads only the `publications` table and the files of published documents: nothing that is not public.
 * It is a subquery (`stampJson`) of the public reads (public-queries.ts), so a site and its stamp, or a
 * whole page, come in one statement.
 */
export type ChangeStamp = {
  key: string;
  /** The newest publication, withdrawal or file (null when nothing is published). */
  lastModified: Date | null;
};

/** The stamp's figures as the database gives them (JSON: timestamps as ISO strings). */
export type StampRow = {
  versions: number;
  withdrawn: number;
  published: string | null;
  withdrawnAt: string | null;
  /** `<file count>/<newest file's epoch seconds>`. */
  fileStamp: string;
};

/** The stamp of the organisation `organizationId` (a column of the outer query) as one JSON value. */
export function stampJson(organizationId: SQLWrapper): SQL<StampRow> {
  return sql<StampRow>`(select json_build_object(
    'versions', count(*),
    'withdrawn', count(${publications.withdrawnAt}),
    'published', max(${publications.publishedAt}),
    'withdrawnAt', max(${publications.withdrawnAt}),
    'fileStamp', (select count(*) || '/' || coalesce(max(extract(epoch from ${documentFiles.createdAt})), 0)
      from ${documentFiles} where ${documentFiles.documentId} in
        (select ${publications.documentId} from ${publications} where ${publications.organizationId} = ${organizationId}))
  ) from ${publications} where ${publications.organizationId} = ${organizationId})`;
}

export function toChangeStamp(row: StampRow | null | undefined): ChangeStamp {
  const [fileCount = '0', fileEpoch = '0'] = String(row?.fileStamp ?? '0/0').split('/');
  const times = [row?.published, row?.withdrawnAt]
    .map((d) => (d ? new Date(d).getTime() : 0))
    .concat(Number(fileEpoch) * 1000);
  const latest = Math.max(...times);
  return {
    key: `${row?.versions ?? 0}.${row?.withdrawn ?? 0}.${fileCount}`,
    lastModified: latest > 0 ? new Date(latest) : null,
  };
}
