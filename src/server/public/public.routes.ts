import type { Context } from 'hono';
import { Hono } from 'hono';
import type { DocumentFormat } from '#shared/documents/contract.ts';
import type { Db } from '../db/client.ts';
import type { AppEnv } from '../http/context.ts';
import { log } from '../log.ts';
import { documentFileName, fileDisposition } from '../modules/documents/file-name.ts';
import {
  type PublicPageRead,
  type PublicScope,
  type PublicSite,
  publicReads,
  publishedFile,
  publishedIndex,
  publishedVersions,
} from '../modules/publications/public-queries.ts';
import { routePattern } from '../ops/route-pattern.ts';
import { FileNotFoundError, type FileStore } from '../storage/file-store.ts';
import { FORMATS, type PageAddress, parsePublicPath, type View } from './addresses.ts';
import { publicAsset } from './assets.ts';
import { jsonFeed } from './feed.ts';
import { CACHE_IMMUTABLE, CACHE_SHORT, etagOf, httpDate, Lru, notModified } from './http-cache.ts';
import { onPublicChange } from './invalidate.ts';
import {
  errorPage,
  type FileInfo,
  fileMissingPage,
  indexPage,
  lastChange,
  latestLive,
  notFoundPage,
  type PageContext,
  type SiteInfo,
  type VersionInfo,
  versionPage,
} from './pages.ts';
import type { ChangeStamp } from './stamp.ts';

/**
 * The public pages under /p: no sign-in, no session, no CSRF; they read only through the public
 * queries (published versions, nothing else) and the change stamp. See addresses.ts for the URLs.
 *
 * Mounted in app.ts before the global secureHeaders middleware, on purpose: these responses set every
 * security header themselves, and an embeddable page must answer `frame-ancestors *` without an
 * X-Frame-Options, which that middleware (CSP `frame-ancestors 'none'`, X-Frame-Options: SAMEORIGIN,
 * Cross-Origin-Resource-Policy: same-origin, all overwriting) would put back after the handler. The
 * catch-all below answers every /p path, so nothing under /p falls through to it or to the SPA.
 *
 * Withdrawn versions answer 410 Gone with the notice page (when and why), never 404: the address that
 * was given out keeps explaining itself to a reader, while a link checker (the OIT tracker's, NACC's)
 * and search engines learn that the document is no longer published, which a 200 would hide from
 * every automatic check. The same holds for the address of the latest version once every version
 * there is withdrawn.
 *
 * Caching: rendered pages and the feed are kept in a bounded LRU (500 entries, 64 MB) keyed by the
 * organisation's change stamp (stamp.ts: the counts of its versions, withdrawals and files, which
 * change whenever any of its pages could), its name and emblem, the origin, the path, the language and
 * embed; a burst of requests for a page not cached yet renders it once. The site and its stamp are read
 * at most once a second per site (one memo shared by concurrent requests), so under load a page costs
 * no query; publish() and withdraw() call invalidatePublicCache() after their transaction, so this
 * process shows a change at once, and another process on the same database within that second. No
 * invalidation is needed for correctness: entries of an older stamp are never served again (and are
 * dropped when the stamp moves). Files are not kept in memory: their ETag is the SHA-256 the database
 * already holds, so a 304 is answered before the file store is read.
 */

const HTML = 'text/html; charset=utf-8';
const CSP_PAGE =
  "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const CSP_EMBED = CSP_PAGE.replace("frame-ancestors 'none'", 'frame-ancestors *');
const CSP_FILE = "default-src 'none'; frame-ancestors 'none'; sandbox";
const CONTENT_TYPES: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

type Kind = 'page' | 'embed' | 'file';

function securityHeaders(kind: Kind): Record<string, string> {
  const common = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'cross-origin-resource-policy': 'cross-origin',
    'strict-transport-security': 'max-age=15552000; includeSubDomains',
  };
  if (kind === 'embed') return { ...common, 'content-security-policy': CSP_EMBED };
  return {
    ...common,
    'content-security-policy': kind === 'file' ? CSP_FILE : CSP_PAGE,
    'x-frame-options': 'DENY',
  };
}

/** A response kept in the cache (and how every page and the feed are answered). */
type Rendered = {
  status: 200 | 410;
  body: Uint8Array;
  contentType: string;
  etag: string;
  lastModified: Date | null;
  cacheControl: string;
  kind: Kind;
  extra?: Record<string, string>;
};

export type PublicCacheOptions = {
  maxEntries?: number;
  maxBytes?: number;
  /** How long a site's change stamp is trusted (ms, default 1000); 0 reads it on every request. */
  siteTtlMs?: number;
  /** False: no cache at all (every request reads and renders; for the benchmark's comparison). */
  enabled?: boolean;
};

const encoder = new TextEncoder();

function rendered(
  status: 200 | 410,
  text: string,
  contentType: string,
  lastModified: Date | null,
  kind: Kind,
  extra?: Record<string, string>,
): Rendered {
  const body = encoder.encode(text);
  return {
    status,
    body,
    contentType,
    etag: etagOf(body),
    lastModified,
    cacheControl: CACHE_SHORT,
    kind,
    extra,
  };
}

/** The answer, or 304 when the client's copy is current (only for 200s). */
function send(c: Context, r: Rendered): Response {
  const headers: Record<string, string> = {
    ...securityHeaders(r.kind),
    'cache-control': r.cacheControl,
    etag: r.etag,
    ...(r.lastModified ? { 'last-modified': httpDate(r.lastModified) } : {}),
    ...r.extra,
  };
  if (r.status === 200 && notModified(c.req.raw.headers, r.etag, r.lastModified)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(r.body as Uint8Array<ArrayBuffer>, {
    status: r.status,
    headers: { ...headers, 'content-type': r.contentType, 'content-length': String(r.body.byteLength) },
  });
}

function notFound(): Response {
  return new Response(notFoundPage(), {
    status: 404,
    headers: { ...securityHeaders('page'), 'content-type': HTML, 'cache-control': 'no-store' },
  });
}

const siteInfo = (site: PublicSite): SiteInfo => ({
  slug: site.slug,
  nameTh: site.nameTh,
  nameEn: site.nameEn,
  emblem: site.emblem ? { width: site.emblem.width, height: site.emblem.height } : null,
});

const withoutModel = (versions: Awaited<ReturnType<typeof publishedVersions>>): VersionInfo[] =>
  versions.map(({ model: _model, ...rest }) => rest);

/**
 * The download's file name, as the documents API names files (file-name.ts): what it is, the year, the
 * organisation, the published version; under 200 bytes, with the public address name as ASCII fallback.
 */
function downloadNames(site: PublicSite, v: VersionInfo, format: DocumentFormat) {
  return documentFileName({
    kind: v.kind,
    subjectType: v.kind,
    fiscalYear: v.fiscalYear,
    roundKey: v.pathKey.startsWith('round/') ? v.pathKey.slice('round/'.length) : null,
    orgName: site.nameTh,
    orgCode: site.slug,
    versionNo: v.versionNo,
    format,
  });
}

export function publicRoutes(deps: {
  db: Db;
  fileStore: FileStore;
  cache?: PublicCacheOptions;
  /**
   * With a read replica (decision 020): which database this request reads ('replica' or 'primary'). The
   * site memo is kept per database, so a person reading their own write from the primary is not given a
   * memo read a moment earlier from a replica that is behind.
   */
  memoKey?: () => string;
}) {
  const { db, fileStore } = deps;
  /** The site and page reads, one prepared statement each. */
  const reads = publicReads(db);
  const enabled = deps.cache?.enabled ?? true;
  const pages = new Lru<Rendered>(deps.cache?.maxEntries ?? 500, deps.cache?.maxBytes ?? 64 * 1024 * 1024);
  /** Versions of an address without their content, for downloads (kept like the pages). */
  const addresses = new Lru<VersionInfo[]>(2000, 4 * 1024 * 1024);
  /** The stamp each organisation's cached entries were made under: older entries are dropped at once. */
  const seen = new Map<string, string>();
  /**
   * Slug → site and change stamp, read at most once a second per site (concurrent requests share one
   * read): under load the hot path then costs no query at all. Unknown slugs are not kept.
   */
  const siteTtlMs = enabled ? (deps.cache?.siteTtlMs ?? 1000) : 0;
  const sites = new Map<string, { at: number; scope: Promise<Scope | null> }>();
  onPublicChange(() => sites.clear());

  type Scope = { site: PublicSite; stamp: ChangeStamp; prefix: string };

  function memoKeyOf(slug: string) {
    return deps.memoKey ? `${deps.memoKey()}\u0000${slug}` : slug;
  }

  /** The memo's fresh scope of a site, if any. */
  function memoised(slug: string): Promise<Scope | null> | undefined {
    const hit = sites.get(memoKeyOf(slug));
    return hit && Date.now() - hit.at < siteTtlMs ? hit.scope : undefined;
  }

  /**
   * The site's scope, from the memo or by `read` (the site read, or a page read that brings the site
   * and stamp with it), which then fills the memo.
   */
  function lookup(
    slug: string,
    read: () => Promise<PublicScope | null> = () => reads.site(slug),
  ): Promise<Scope | null> {
    return (
      memoised(slug) ??
      remember(
        slug,
        read().then((r) => (r ? scopeOf(r) : null)),
      )
    );
  }

  function remember(slug: string, scope: Promise<Scope | null>): Promise<Scope | null> {
    const key = memoKeyOf(slug);
    const entry = { at: Date.now(), scope };
    if (siteTtlMs > 0) sites.set(key, entry);
    const forget = () => {
      if (sites.get(key) === entry) sites.delete(key);
    };
    scope.then((s) => s ?? forget(), forget);
    return scope;
  }

  function scopeOf({ site, stamp }: PublicScope): Scope {
    const previous = seen.get(site.organizationId);
    if (previous !== stamp.key) {
      if (previous !== undefined) {
        pages.deletePrefix(`${site.organizationId}|`);
        addresses.deletePrefix(`${site.organizationId}|`);
      }
      seen.set(site.organizationId, stamp.key);
    }
    const look = `${site.slug}\u0000${site.nameTh}\u0000${site.nameEn ?? ''}\u0000${site.emblem?.storageKey ?? ''}`;
    return { site, stamp, prefix: `${site.organizationId}|${stamp.key}|${etagOf(look)}|` };
  }

  /** Renders in progress: a burst of requests for a page not cached yet renders it once. */
  const rendering = new Map<string, Promise<Rendered | null>>();

  function cached(key: string, make: () => Promise<Rendered | null>): Promise<Rendered | null> {
    if (!enabled) return make();
    const hit = pages.get(key);
    if (hit) return Promise.resolve(hit);
    const pending = rendering.get(key);
    if (pending) return pending;
    const made = make()
      .then((r) => {
        if (r) pages.set(key, r, r.body.byteLength + key.length + 256);
        return r;
      })
      .finally(() => rendering.delete(key));
    rendering.set(key, made);
    return made;
  }

  async function versionsMeta(scope: Scope, a: PageAddress): Promise<VersionInfo[]> {
    const key = `${scope.prefix}${a.fiscalYear}|${a.pathKey}`;
    const hit = enabled ? addresses.get(key) : undefined;
    if (hit) return hit;
    const list = withoutModel(
      await publishedVersions(db, scope.site.organizationId, a.fiscalYear, a.pathKey),
    );
    if (enabled) addresses.set(key, list, 512 * (list.length + 1));
    return list;
  }

  /** The page read of an address (one statement; `versionNo` null: the version the address shows). */
  const readPage = (slug: string, a: PageAddress) =>
    reads.page(slug, { fiscalYear: a.fiscalYear, pathKey: a.pathKey, versionNo: a.versionNo });

  /** The page from its read (made by readPage for the same address), or null: no such version. */
  function renderPage(ctx: PageContext, a: PageAddress, read: PublicPageRead | null): Rendered | null {
    if (!read) return null;
    const { versions } = read;
    const shown =
      a.versionNo === null ? latestLive(versions) : versions.find((v) => v.versionNo === a.versionNo);
    if (!shown) return null;
    if (read.shown?.versionNo !== shown.versionNo) {
      throw new Error(
        `The page read chose version ${read.shown?.versionNo} where the page shows ${shown.versionNo}`,
      );
    }
    const files: FileInfo[] = [];
    let lastModified = lastChange(versions);
    if (!shown.withdrawn) {
      const stored = read.shown.files ?? [];
      for (const format of FORMATS) {
        const file = stored.find((f) => f.format === format);
        if (!file) continue;
        files.push({ format, bytes: file.bytes });
        if (file.createdAt > lastModified) lastModified = file.createdAt;
      }
    }
    const html = versionPage(ctx, {
      fiscalYear: a.fiscalYear,
      pathKey: a.pathKey,
      versions,
      shown,
      model: read.shown.model,
      versioned: a.versionNo !== null,
      files,
    });
    return rendered(shown.withdrawn ? 410 : 200, html, HTML, lastModified, ctx.embed ? 'embed' : 'page');
  }

  function pageKey(scope: Scope, ctx: PageContext, a: PageAddress) {
    return `${scope.prefix}${ctx.origin}|page|${a.fiscalYear}|${a.pathKey}|${a.versionNo ?? 'latest'}|${ctx.lang}|${ctx.embed ? 1 : 0}`;
  }

  const app = new Hono<AppEnv>();

  app.onError((error, c) => {
    if (c.get('config')?.logLevel !== 'silent') {
      log().error(
        { err: error, requestId: c.get('requestId'), method: c.req.method, route: routePattern(c) },
        `Internal error: ${c.req.method} ${c.req.path} answered 500`,
      );
    }
    return new Response(errorPage(), {
      status: 500,
      headers: { ...securityHeaders('page'), 'content-type': HTML, 'cache-control': 'no-store' },
    });
  });

  app.all('*', async (c) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return notFound();
    const route = parsePublicPath(new URL(c.req.url).pathname);
    if (!route) return notFound();

    if (route.kind === 'asset') {
      const asset = publicAsset(route.name);
      if (!asset) return notFound();
      return send(c, {
        status: 200,
        body: asset.bytes,
        contentType: asset.contentType,
        etag: asset.etag,
        lastModified: null,
        cacheControl: CACHE_IMMUTABLE,
        kind: 'file',
      });
    }

    // A page's read brings its site and stamp: on a memo miss that one statement gives the scope (and
    // fills the memo) and then the page, so a page rendered without the cache costs one statement.
    let pageRead: Promise<PublicPageRead | null> | undefined;
    const scope =
      route.kind === 'page'
        ? await lookup(route.slug, () => (pageRead = readPage(route.slug, route)))
        : await lookup(route.slug);
    if (!scope) return notFound();
    const { site } = scope;

    if (route.kind === 'emblem') {
      if (!site.emblem) return notFound();
      const etag = `"${site.emblem.storageKey.split('/').at(-1)!.slice(0, 32)}"`;
      const headers = { ...securityHeaders('file'), 'cache-control': CACHE_SHORT, etag };
      if (notModified(c.req.raw.headers, etag, null)) return new Response(null, { status: 304, headers });
      const bytes = await fileStore.get(site.emblem.storageKey).catch((error: unknown) => {
        if (error instanceof FileNotFoundError) return null;
        throw error;
      });
      if (!bytes) return notFound();
      return new Response(bytes as Uint8Array<ArrayBuffer>, {
        status: 200,
        headers: { ...headers, 'content-type': site.emblem.mime, 'content-length': String(bytes.byteLength) },
      });
    }

    const publicUrl = c.get('config')?.publicUrl;
    const origin = publicUrl ? new URL(publicUrl).origin : new URL(c.req.url).origin;
    const view: View = {
      lang: c.req.query('lang') === 'en' ? 'en' : 'th',
      embed: c.req.query('embed') === '1',
    };
    const ctx: PageContext = { ...view, origin, site: siteInfo(site) };

    if (route.kind === 'index') {
      const key = `${scope.prefix}${origin}|index|${view.lang}|${view.embed ? 1 : 0}`;
      const r = await cached(key, async () => {
        const versions = await publishedIndex(db, site.organizationId);
        return rendered(
          200,
          indexPage(ctx, versions),
          HTML,
          scope.stamp.lastModified,
          view.embed ? 'embed' : 'page',
        );
      });
      return send(c, r!);
    }

    if (route.kind === 'feed') {
      const key = `${scope.prefix}${origin}|feed`;
      const r = await cached(key, async () => {
        const versions = await publishedIndex(db, site.organizationId);
        const feed = JSON.stringify(jsonFeed(origin, ctx.site, versions), null, 2);
        return rendered(200, feed, 'application/feed+json; charset=utf-8', scope.stamp.lastModified, 'file', {
          'access-control-allow-origin': '*',
        });
      });
      return send(c, r!);
    }

    if (route.kind === 'page') {
      const r = await cached(pageKey(scope, ctx, route), async () =>
        renderPage(ctx, route, await (pageRead ?? readPage(route.slug, route))),
      );
      return r ? send(c, r) : notFound();
    }

    // A download: the bytes of the shown version's file, or the version's notice once withdrawn.
    const versions = await versionsMeta(scope, route);
    const shown =
      route.versionNo === null ? latestLive(versions) : versions.find((v) => v.versionNo === route.versionNo);
    if (!shown) return notFound();
    if (shown.withdrawn) {
      const notice = await cached(pageKey(scope, { ...ctx, embed: false }, route), async () =>
        renderPage({ ...ctx, embed: false }, route, await readPage(route.slug, route)),
      );
      return notice ? send(c, notice) : notFound();
    }
    const file = await publishedFile(db, shown.documentId, route.format);
    if (!file) return notFound();
    const versioned = route.versionNo !== null;
    const etag = `"${file.sha256.slice(0, 32)}"`;
    const changed = versioned ? shown.publishedAt : lastChange(versions);
    const lastModified = file.createdAt > changed ? file.createdAt : changed;
    const headers: Record<string, string> = {
      ...securityHeaders('file'),
      'cache-control': versioned ? CACHE_IMMUTABLE : CACHE_SHORT,
      etag,
      'last-modified': httpDate(lastModified),
    };
    if (notModified(c.req.raw.headers, etag, lastModified))
      return new Response(null, { status: 304, headers });
    const bytes = await fileStore.get(file.storageKey).catch((error: unknown) => {
      if (error instanceof FileNotFoundError) return null;
      throw error;
    });
    if (!bytes) {
      return new Response(fileMissingPage(), {
        status: 404,
        headers: { ...securityHeaders('page'), 'content-type': HTML, 'cache-control': 'no-store' },
      });
    }
    return new Response(bytes as Uint8Array<ArrayBuffer>, {
      status: 200,
      headers: {
        ...headers,
        'content-type': CONTENT_TYPES[route.format],
        'content-length': String(bytes.byteLength),
        'content-disposition': fileDisposition(downloadNames(site, shown, route.format)),
      },
    });
  });

  return app;
}
