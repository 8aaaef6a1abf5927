import { and, desc, eq, isNull, like } from 'drizzle-orm';
import { publications, publicSites } from '../../db/schema/index.ts';
import type { AutoUrlResolver } from '../oit/auto-url.ts';
import { publicPath } from './sites.service.ts';

/**
 * The OIT tracker's automatic addresses: the public page of the year's published plan for the
 * measures item, and of its latest published round report (12-month before 6-month) for the
 * follow-up item. Unversioned addresses, so the link submitted in ITAS follows later versions.
 */
export function publicationAutoUrls(baseUrl: string): AutoUrlResolver {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    async publicUrlFor(item, { db }) {
      const [site] = await db
        .select()
        .from(publicSites)
        .where(eq(publicSites.organizationId, item.organizationId));
      if (!site) return null;
      const wanted =
        item.produces === 'measures_plan'
          ? eq(publications.pathKey, 'plan')
          : like(publications.pathKey, 'round/%');
      const rows = await db
        .select({ pathKey: publications.pathKey })
        .from(publications)
        .where(
          and(
            eq(publications.organizationId, item.organizationId),
            eq(publications.fiscalYear, item.fiscalYear),
            wanted,
            isNull(publications.withdrawnAt),
          ),
        )
        .orderBy(desc(publications.publishedAt));
      if (rows.length === 0) return null;
      const pathKey = rows.some((r) => r.pathKey === 'round/12m') ? 'round/12m' : rows[0]!.pathKey;
      return `${base}${publicPath(site.slug, item.fiscalYear, pathKey)}`;
    },
  };
}
