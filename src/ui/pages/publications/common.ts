import type { PublicationKind } from '#shared/publications/contract.ts';
import type { PublicationRow, PublicSiteBody } from '../../api.ts';

/** Query keys of the publish panel, so that its parts invalidate the same cache. */
export const publicationKeys = {
  site: (organizationId: string) => ['publications', 'site', organizationId] as const,
};

/** A public path (`/p/…`) as a full address on this site, to open, copy or hand out. */
export const absoluteUrl = (path: string) => `${window.location.origin}${path}`;

/**
 * The versions at the public address of a subject, newest first: the address its own publications
 * went to (or the one just published to), with every version there, also those of an earlier plan
 * version published at the same address. Empty when the subject was never published.
 */
export function versionsOfAddress(
  site: PublicSiteBody,
  kind: PublicationKind,
  subjectId: string,
  knownLatestUrl: string | null,
): PublicationRow[] {
  const latestUrl =
    knownLatestUrl ??
    site.publications.find((p) => p.kind === kind && p.subjectId === subjectId)?.latestUrl ??
    null;
  if (latestUrl === null) return [];
  return site.publications.filter((p) => p.latestUrl === latestUrl).sort((a, b) => b.versionNo - a.versionNo);
}

const escapeAttribute = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** The HTML to paste into the agency's own website: the always-latest page, made to be framed. */
export function embedSnippet(latestUrl: string, title: string): string {
  return `<iframe src="${escapeAttribute(`${absoluteUrl(latestUrl)}?embed=1`)}" title="${escapeAttribute(title)}" style="width:100%;height:800px;border:0"></iframe>`;
}
