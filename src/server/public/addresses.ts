import type { DocumentFormat } from '#shared/documents/contract.ts';
import { publicPath } from '../modules/publications/sites.service.ts';

/**
 * The public URL scheme (no sign-in), one place that both reads and writes it:
 *
 *   /p/<slug>                                    index: everything published, by fiscal year
 *   /p/<slug>/feed.json                          JSON Feed 1.1 of every published version
 *   /p/<slug>/emblem                             the organisation's emblem
 *   /p/<slug>/<year>/<address>                   the latest live version of an address
 *   /p/<slug>/<year>/<address>/v<n>              version n (stays as long as the site does)
 *   /p/<slug>/<year>/<address>[/v<n>]/<base>.<pdf|docx|xlsx>   its files
 *   /p/assets/<name>.<hash>.<css|woff2>          the pages' stylesheet and fonts
 *
 * where <address> is `plan`, `analysis` or `round/<key>` (`6m`, `12m`, `monthly-2025-01`, …) and
 * <base> is the address with '/' as '-' (`plan`, `round-6m`). Anything else is no page at all: the
 * parser accepts only lower-case letters, digits, hyphens and the fixed words, so `..`, encoded
 * slashes (`%2F`), backslashes and other escapes never reach a query.
 */

export const FORMATS: readonly DocumentFormat[] = ['pdf', 'docx', 'xlsx'];

export type PageAddress = { slug: string; fiscalYear: number; pathKey: string; versionNo: number | null };

export type PublicRoute =
  | { kind: 'index'; slug: string }
  | { kind: 'feed'; slug: string }
  | { kind: 'emblem'; slug: string }
  | { kind: 'asset'; name: string }
  | ({ kind: 'page' } & PageAddress)
  | ({ kind: 'file'; format: DocumentFormat } & PageAddress);

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const YEAR = /^[1-9][0-9]{3}$/;
const VERSION = /^v([1-9][0-9]{0,5})$/;
const ROUND_KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ASSET = /^[a-z0-9-]+\.[0-9a-f]{8,64}\.(css|woff2)$/;
const FILE = /^([a-z0-9-]+)\.(pdf|docx|xlsx)$/;

/** `plan` → `plan`, `round/6m` → `round-6m`: the file name part of a download's address. */
export const fileBase = (pathKey: string) => pathKey.replaceAll('/', '-');

export const indexPath = (slug: string) => `/p/${slug}`;
export const feedPath = (slug: string) => `/p/${slug}/feed.json`;
export const emblemPath = (slug: string) => `/p/${slug}/emblem`;
export const assetPath = (name: string) => `/p/assets/${name}`;
export { publicPath as pagePath };

export function filePath(
  slug: string,
  fiscalYear: number,
  pathKey: string,
  format: DocumentFormat,
  versionNo?: number,
): string {
  return `${publicPath(slug, fiscalYear, pathKey, versionNo)}/${fileBase(pathKey)}.${format}`;
}

export type View = { lang: 'th' | 'en'; embed: boolean };

/** A page address with the reader's choices kept: `?lang=en`, `?embed=1`. */
export function withView(path: string, view: Partial<View>): string {
  const query = [view.lang === 'en' ? 'lang=en' : '', view.embed ? 'embed=1' : ''].filter((q) => q !== '');
  return query.length > 0 ? `${path}?${query.join('&')}` : path;
}

/** The route a path names under /p, or null for anything that is not a public address. */
export function parsePublicPath(pathname: string): PublicRoute | null {
  if (!pathname.startsWith('/p/') || /[%\\]/.test(pathname)) return null;
  let rest = pathname.slice(3);
  if (rest.endsWith('/')) rest = rest.slice(0, -1);
  const parts = rest.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..')) return null;
  const [first, ...tail] = parts as [string, ...string[]];
  if (first === 'assets' && tail.length === 1 && ASSET.test(tail[0]!))
    return { kind: 'asset', name: tail[0]! };
  const slug = first;
  if (slug.length < 3 || slug.length > 60 || !SLUG.test(slug)) return null;
  if (tail.length === 0) return { kind: 'index', slug };
  if (tail.length === 1) {
    if (tail[0] === 'feed.json') return { kind: 'feed', slug };
    if (tail[0] === 'emblem') return { kind: 'emblem', slug };
    return null;
  }
  const [year, ...address] = tail as [string, ...string[]];
  if (!YEAR.test(year)) return null;
  let pathKey: string;
  let rem: string[];
  if (address[0] === 'plan' || address[0] === 'analysis') {
    pathKey = address[0];
    rem = address.slice(1);
  } else if (address[0] === 'round' && address[1] && address[1].length <= 40 && ROUND_KEY.test(address[1])) {
    pathKey = `round/${address[1]}`;
    rem = address.slice(2);
  } else {
    return null;
  }
  let versionNo: number | null = null;
  const version = rem[0] === undefined ? null : VERSION.exec(rem[0]);
  if (version) {
    versionNo = Number(version[1]);
    rem = rem.slice(1);
  }
  const base = { slug, fiscalYear: Number(year), pathKey, versionNo };
  if (rem.length === 0) return { kind: 'page', ...base };
  const file = rem.length === 1 ? FILE.exec(rem[0]!) : null;
  if (file && file[1] === fileBase(pathKey)) {
    return { kind: 'file', format: file[2] as DocumentFormat, ...base };
  }
  return null;
}
