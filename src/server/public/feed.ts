import { emblemPath, feedPath, indexPath, pagePath } from './addresses.ts';
import { dateTime } from './i18n.ts';
import type { SiteInfo, VersionInfo } from './pages.ts';

/**
 * /p/<slug>/feed.json: JSON Feed 1.1 (https://jsonfeed.org/version/1.1), one item per published
 * version, newest change first. An item's id and url are the version's permanent address; a withdrawn
 * version stays in the feed, says so in its title and summary, and its date_modified is the withdrawal.
 * Extra facts are under `_prongsai` (extensions start with an underscore).
 */
export function jsonFeed(origin: string, site: SiteInfo, versions: readonly VersionInfo[]) {
  const items = [...versions]
    .sort(
      (a, b) =>
        Math.max(b.publishedAt.getTime(), b.withdrawn?.at.getTime() ?? 0) -
          Math.max(a.publishedAt.getTime(), a.withdrawn?.at.getTime() ?? 0) || b.versionNo - a.versionNo,
    )
    .map((v) => {
      const url = `${origin}${pagePath(site.slug, v.fiscalYear, v.pathKey, v.versionNo)}`;
      const withdrawn = v.withdrawn
        ? `ถอนการเผยแพร่เมื่อ ${dateTime(v.withdrawn.at, 'th')}: ${v.withdrawn.reason}`
        : null;
      const summary = withdrawn ?? v.changeSummary;
      return {
        id: url,
        url,
        title: `${withdrawn ? '[ถอนการเผยแพร่] ' : ''}${v.title} (ฉบับที่ ${v.versionNo})`,
        content_text: summary,
        summary,
        date_published: v.publishedAt.toISOString(),
        ...(v.withdrawn ? { date_modified: v.withdrawn.at.toISOString() } : {}),
        language: 'th',
        _prongsai: {
          fiscal_year: v.fiscalYear,
          address: v.pathKey,
          version: v.versionNo,
          latest_url: `${origin}${pagePath(site.slug, v.fiscalYear, v.pathKey)}`,
          change_summary: v.changeSummary,
          withdrawn: v.withdrawn ? { at: v.withdrawn.at.toISOString(), reason: v.withdrawn.reason } : null,
        },
      };
    });
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: `เอกสารที่เผยแพร่ต่อสาธารณะ · ${site.nameTh}`,
    home_page_url: `${origin}${indexPath(site.slug)}`,
    feed_url: `${origin}${feedPath(site.slug)}`,
    language: 'th',
    ...(site.emblem ? { icon: `${origin}${emblemPath(site.slug)}` } : {}),
    authors: [{ name: site.nameTh }],
    items,
  };
}
