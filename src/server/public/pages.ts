import type { DocumentFormat } from '#shared/documents/contract.ts';
import { toThaiDigits } from '#shared/format/thai.ts';
import { escapeHtml as esc } from '../modules/documents/html/escape.ts';
import type { DocumentModel } from '../modules/documents/model.ts';
import type { PublicVersion } from '../modules/publications/public-queries.ts';
import { emblemPath, feedPath, filePath, indexPath, pagePath, withView } from './addresses.ts';
import { stylesheetPath } from './assets.ts';
import { contentHtml } from './content.ts';
import {
  addressLabel,
  addressOrder,
  dateTime,
  FORMAT_NAMES,
  fileSize,
  fiscalYearLabel,
  LABELS,
  type Lang,
  shortDate,
} from './i18n.ts';

/**
 * The public pages as HTML strings: server-rendered, no script, one h1 and headings in order, a skip
 * link, `lang` on the page and on Thai text inside an English page, tables with header cells, every
 * text escaped. Pure functions of what the public queries return, so they are tested without a
 * database. `embed` pages leave out the site's header, footer and navigation and open links in the
 * embedding page's window (<base target="_top">).
 */

export type SiteInfo = {
  slug: string;
  nameTh: string;
  nameEn: string | null;
  emblem: { width: number; height: number } | null;
};

export type PageContext = { lang: Lang; embed: boolean; origin: string; site: SiteInfo };

export type VersionInfo = Omit<PublicVersion, 'model'>;

export type FileInfo = { format: DocumentFormat; bytes: number };

/** Text that is published content (Thai): Thai digits, marked `lang="th"` inside an English page. */
const thai = (text: string, ctx: PageContext) =>
  ctx.lang === 'en' ? `<span lang="th">${esc(toThaiDigits(text))}</span>` : esc(toThaiDigits(text));
const thaiAttr = (ctx: PageContext) => (ctx.lang === 'en' ? ' lang="th"' : '');

const absolute = (ctx: PageContext, path: string) => `${ctx.origin}${path}`;

/** The version an unversioned address shows: the newest one not withdrawn, else the newest. */
export function latestLive<T extends { withdrawn: unknown }>(versions: readonly T[]): T | undefined {
  return [...versions].reverse().find((v) => !v.withdrawn) ?? versions.at(-1);
}

/** The newest publication or withdrawal among versions (the pages' Last-Modified). */
export function lastChange(versions: readonly VersionInfo[]): Date {
  let latest = 0;
  for (const v of versions) {
    latest = Math.max(latest, v.publishedAt.getTime(), v.withdrawn?.at.getTime() ?? 0);
  }
  return new Date(latest);
}

function orgNames(ctx: PageContext) {
  const { nameTh, nameEn } = ctx.site;
  if (ctx.lang === 'en' && nameEn) {
    return `<span class="name">${esc(nameEn)}</span><span class="name-2" lang="th">${esc(nameTh)}</span>`;
  }
  const second = nameEn ? `<span class="name-2" lang="en">${esc(nameEn)}</span>` : '';
  return `<span class="name"${thaiAttr(ctx)}>${esc(nameTh)}</span>${second}`;
}

function shell(
  ctx: PageContext,
  page: { title: string; body: string; selfPath: string; canonicalPath?: string; landscape?: boolean },
): string {
  const L = LABELS[ctx.lang];
  const { site } = ctx;
  const other: Lang = ctx.lang === 'th' ? 'en' : 'th';
  const canonical = page.canonicalPath
    ? `<link rel="canonical" href="${esc(absolute(ctx, page.canonicalPath))}">\n`
    : '';
  const head = `<!doctype html>
<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(page.title)}</title>
<link rel="stylesheet" href="${stylesheetPath()}">
${canonical}<link rel="alternate" type="application/feed+json" href="${feedPath(site.slug)}" title="JSON Feed">
${ctx.embed ? '<base target="_top">\n<meta name="robots" content="noindex">\n' : ''}${page.landscape ? '<style>@media print { @page { size: A4 landscape; } }</style>\n' : ''}</head>`;
  if (ctx.embed) {
    return `${head}\n<body class="embed">\n<main id="content">\n${page.body}\n</main>\n</body>\n</html>\n`;
  }
  const emblem = site.emblem
    ? `<img src="${emblemPath(site.slug)}" alt="" width="${site.emblem.width}" height="${site.emblem.height}">`
    : '';
  return `${head}
<body>
<a class="skip" href="#content">${L.skip}</a>
<header class="site-header"><div class="inner">
<a class="org" href="${esc(withView(indexPath(site.slug), ctx))}">${emblem}<span>${orgNames(ctx)}</span></a>
<nav class="lang" aria-label="${L.languages}"><a href="${esc(withView(page.selfPath, { lang: other }))}" lang="${other}" hreflang="${other}">${L.otherLanguage}</a></nav>
</div></header>
<main id="content">
${page.body}
</main>
<footer class="site-footer"><div class="inner">
<p>${L.footer}</p>
<p class="feed"><a href="${feedPath(site.slug)}">${L.feed}</a></p>
</div></footer>
</body>
</html>
`;
}

type IndexRow = { pathKey: string; shown: VersionInfo; live: boolean };

/** /p/<slug>: every address by fiscal year (newest first), its latest version and date. */
export function indexPage(ctx: PageContext, versions: readonly VersionInfo[]): string {
  const L = LABELS[ctx.lang];
  const byYear = new Map<number, Map<string, VersionInfo[]>>();
  for (const v of versions) {
    const year = byYear.get(v.fiscalYear) ?? new Map<string, VersionInfo[]>();
    byYear.set(v.fiscalYear, year);
    year.set(v.pathKey, [...(year.get(v.pathKey) ?? []), v]);
  }
  const years = [...byYear.keys()].sort((a, b) => b - a);
  const sections = years.map((year) => {
    const rows: IndexRow[] = [...byYear.get(year)!.entries()]
      .sort(([a], [b]) => addressOrder(a).localeCompare(addressOrder(b)))
      .map(([pathKey, list]) => {
        const ordered = [...list].sort((a, b) => a.versionNo - b.versionNo);
        const shown = latestLive(ordered)!;
        return { pathKey, shown, live: !shown.withdrawn };
      });
    const body = rows
      .map(({ pathKey, shown, live }) => {
        const href = withView(pagePath(ctx.site.slug, year, pathKey), ctx);
        const status = live
          ? esc(shortDate(shown.publishedAt, ctx.lang))
          : `<span class="status-withdrawn">${L.withdrawn}</span> ${esc(shortDate(shown.withdrawn!.at, ctx.lang))}`;
        return (
          `<tr><th scope="row"><a href="${esc(href)}"${thaiAttr(ctx)}>${esc(toThaiDigits(shown.title))}</a>` +
          `<br><span class="kicker">${esc(addressLabel(pathKey, ctx.lang))}</span></th>` +
          `<td>${L.version(shown.versionNo)}</td><td>${status}</td></tr>`
        );
      })
      .join('\n');
    return `<section aria-labelledby="fy-${year}">
<h2 id="fy-${year}">${esc(fiscalYearLabel(year, ctx.lang))}</h2>
<table class="list">
<thead><tr><th scope="col">${L.colDocument}</th><th scope="col">${L.colLatest}</th><th scope="col">${L.colPublished}</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
</section>`;
  });
  const body = `<h1>${L.publishedDocuments}</h1>
${sections.length > 0 ? sections.join('\n') : `<p>${L.nothingPublished}</p>`}`;
  const name = ctx.lang === 'en' && ctx.site.nameEn ? ctx.site.nameEn : ctx.site.nameTh;
  return shell(ctx, {
    title: `${L.publishedDocuments} · ${name}`,
    body,
    selfPath: indexPath(ctx.site.slug),
    canonicalPath: indexPath(ctx.site.slug),
  });
}

export type VersionPage = {
  fiscalYear: number;
  pathKey: string;
  /** Every version at the address, oldest first. */
  versions: readonly VersionInfo[];
  shown: VersionInfo;
  /** The stored content of the shown version (null once withdrawn). */
  model: DocumentModel | null;
  /** True at /v<n>; false at the address that shows the latest. */
  versioned: boolean;
  files: readonly FileInfo[];
};

function noteOf(ctx: PageContext, p: VersionPage): string {
  const L = LABELS[ctx.lang];
  const { slug } = ctx.site;
  const newest = p.versions.at(-1)!;
  if (!p.versioned) {
    if (p.shown.withdrawn) return '';
    const permanent = pagePath(slug, p.fiscalYear, p.pathKey, p.shown.versionNo);
    const newerWithdrawn = newest.versionNo > p.shown.versionNo ? `\n<p>${L.newerWithdrawn}</p>` : '';
    return `<div class="note"><p>${L.latestNote(p.shown.versionNo)} <a class="url" href="${esc(withView(permanent, ctx))}">${esc(absolute(ctx, permanent))}</a></p>${newerWithdrawn}</div>`;
  }
  const latest = latestLive(p.versions)!;
  if (latest.versionNo !== p.shown.versionNo && !latest.withdrawn) {
    const href = withView(pagePath(slug, p.fiscalYear, p.pathKey), ctx);
    return `<div class="note"><p>${L.olderNote(latest.versionNo)} <a class="see-latest" href="${esc(href)}">${L.seeLatest}</a></p></div>`;
  }
  return '';
}

function withdrawnNotice(ctx: PageContext, v: VersionInfo): string {
  const L = LABELS[ctx.lang];
  const w = v.withdrawn!;
  return `<div class="withdrawn-notice" role="note"><p><strong>${esc(L.withdrawnAt(dateTime(w.at, ctx.lang)))}:</strong> ${thai(w.reason, ctx)}</p></div>`;
}

function downloadsOf(ctx: PageContext, p: VersionPage): string {
  const L = LABELS[ctx.lang];
  const items = p.files.map((f) => {
    const href = filePath(
      ctx.site.slug,
      p.fiscalYear,
      p.pathKey,
      f.format,
      p.versioned ? p.shown.versionNo : undefined,
    );
    return `<li><a href="${esc(href)}">${FORMAT_NAMES[f.format]}</a> <span class="size">(${esc(fileSize(f.bytes, ctx.lang))})</span></li>`;
  });
  return `<section class="downloads" aria-labelledby="downloads">
<h2 id="downloads">${L.downloads}</h2>
${items.length > 0 ? `<ul>\n${items.join('\n')}\n</ul>` : `<p>${L.noDownloads}</p>`}
</section>`;
}

function historyOf(ctx: PageContext, p: VersionPage): string {
  const L = LABELS[ctx.lang];
  const rows = [...p.versions].reverse().map((v) => {
    const href = withView(pagePath(ctx.site.slug, p.fiscalYear, p.pathKey, v.versionNo), ctx);
    const current = v.versionNo === p.shown.versionNo;
    const link = `<a href="${esc(href)}"${current && p.versioned ? ' aria-current="page"' : ''}>${L.version(v.versionNo)}</a>`;
    const withdrawn = v.withdrawn
      ? `<p class="status-withdrawn">${esc(L.withdrawnAt(shortDate(v.withdrawn.at, ctx.lang)))}: ${thai(v.withdrawn.reason, ctx)}</p>`
      : '';
    return (
      `<tr><th scope="row">${link}${current ? ` ${L.thisVersion}` : ''}</th>` +
      `<td>${esc(dateTime(v.publishedAt, ctx.lang))}</td><td>${thai(v.changeSummary, ctx)}${withdrawn}</td></tr>`
    );
  });
  return `<section class="history" aria-labelledby="history">
<h2 id="history">${L.history}</h2>
<div class="table-scroll" role="region" tabindex="0" aria-labelledby="history">
<table class="list">
<thead><tr><th scope="col">${L.colVersion}</th><th scope="col">${L.colDate}</th><th scope="col">${L.colChange}</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</div>
</section>`;
}

function embedSnippetOf(ctx: PageContext, p: VersionPage): string {
  const L = LABELS[ctx.lang];
  const path = pagePath(ctx.site.slug, p.fiscalYear, p.pathKey, p.versioned ? p.shown.versionNo : undefined);
  const src = absolute(ctx, withView(path, { lang: ctx.lang, embed: true }));
  const snippet =
    `<iframe src="${esc(src)}" title="${esc(toThaiDigits(p.shown.title))}" width="100%" height="800" ` +
    `style="border:0" loading="lazy"></iframe>`;
  const help = p.versioned ? `${L.embedLabel}: ${L.version(p.shown.versionNo)}` : L.embedHelp;
  return `<section class="embed-code" aria-labelledby="embed">
<h2 id="embed">${L.embed}</h2>
<p id="embed-help">${esc(help)}</p>
<label for="embed-snippet">${L.embedLabel}</label>
<textarea id="embed-snippet" readonly rows="3" aria-describedby="embed-help">${esc(snippet)}</textarea>
</section>`;
}

/**
 * A version's page: title, version and date, the note saying which version the address shows, the
 * downloads, the content, the history with every version; a withdrawn version shows when and why in
 * place of its content and files.
 */
export function versionPage(ctx: PageContext, p: VersionPage): string {
  const L = LABELS[ctx.lang];
  const { site } = ctx;
  const { shown } = p;
  const selfPath = pagePath(site.slug, p.fiscalYear, p.pathKey, p.versioned ? shown.versionNo : undefined);
  const year = fiscalYearLabel(p.fiscalYear, ctx.lang);
  const kind = addressLabel(p.pathKey, ctx.lang);
  const crumbs = ctx.embed
    ? `<p class="kicker">${ctx.lang === 'en' && site.nameEn ? esc(site.nameEn) : thai(site.nameTh, ctx)}</p>`
    : `<nav class="crumbs" aria-label="${L.breadcrumb}"><ol><li><a href="${esc(withView(indexPath(site.slug), ctx))}">${L.allDocuments}</a></li><li>${esc(year)}</li></ol></nav>`;
  const meta = `${L.version(shown.versionNo)} · ${esc(L.publishedAt(dateTime(shown.publishedAt, ctx.lang)))}`;
  const content =
    shown.withdrawn || !p.model
      ? withdrawnNotice(ctx, shown)
      : [
          downloadsOf(ctx, p),
          ctx.lang === 'en' ? `<p class="content-language">${L.contentLanguage}</p>` : '',
          `<article class="document" lang="th">\n${contentHtml(p.model, shown.title, LABELS.th.table, shown.digits)}\n</article>`,
        ]
          .filter((part) => part !== '')
          .join('\n');
  const fullPage = ctx.embed
    ? `<p><a href="${esc(withView(selfPath, { lang: ctx.lang }))}">${L.fullPage}</a></p>`
    : '';
  const body = [
    crumbs,
    `<p class="kicker">${esc(year)} · ${esc(kind)}</p>`,
    `<h1${thaiAttr(ctx)}>${esc(toThaiDigits(shown.title))}</h1>`,
    `<p class="meta">${meta}</p>`,
    noteOf(ctx, p),
    content,
    ctx.embed ? fullPage : historyOf(ctx, p),
    ctx.embed ? '' : embedSnippetOf(ctx, p),
  ]
    .filter((part) => part !== '')
    .join('\n');
  const name = ctx.lang === 'en' && site.nameEn ? site.nameEn : site.nameTh;
  return shell(ctx, {
    title: `${toThaiDigits(shown.title)} (${L.version(shown.versionNo)}) · ${name}`,
    body,
    selfPath,
    canonicalPath: selfPath,
    landscape: p.model?.orientation === 'landscape',
  });
}

/**
 * The one answer for any address that is not published: the same words whether the organisation,
 * year, document or version is unknown, so a page never tells whether something exists unpublished.
 */
export function notFoundPage(): string {
  return `<!doctype html>
<html lang="th">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ไม่พบหน้าที่ต้องการ · Page not found</title>
<link rel="stylesheet" href="${stylesheetPath()}">
<meta name="robots" content="noindex">
</head>
<body>
<main id="content" class="not-found">
<h1>ไม่พบหน้าที่ต้องการ</h1>
<p>ที่อยู่นี้ไม่มีเอกสารที่เผยแพร่ต่อสาธารณะ โปรดตรวจสอบที่อยู่อีกครั้ง</p>
<p lang="en"><strong>Page not found.</strong> No published document has this address; please check it.</p>
</main>
</body>
</html>
`;
}

/** A published document whose file the file store no longer has (e.g. a restore without the files). */
export function fileMissingPage(): string {
  return `<!doctype html>
<html lang="th">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ไม่พบไฟล์เอกสาร · Document file not found</title>
<link rel="stylesheet" href="${stylesheetPath()}">
<meta name="robots" content="noindex">
</head>
<body>
<main id="content" class="not-found">
<h1>ไม่พบไฟล์เอกสาร</h1>
<p>เอกสารนี้เผยแพร่ไว้ แต่ไฟล์ของเอกสารไม่อยู่ในที่เก็บไฟล์ในขณะนี้ โปรดติดต่อหน่วยงานเจ้าของเอกสาร</p>
<p lang="en"><strong>Document file not found.</strong> This document is published but its file is not in the file store at present; please contact the agency that published it.</p>
</main>
</body>
</html>
`;
}

export function errorPage(): string {
  return `<!doctype html>
<html lang="th">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ระบบขัดข้องชั่วคราว · Temporary error</title>
</head>
<body>
<main id="content">
<h1>ระบบขัดข้องชั่วคราว</h1>
<p>โปรดลองใหม่อีกครั้งในอีกสักครู่</p>
<p lang="en"><strong>Temporary error.</strong> Please try again in a moment.</p>
</main>
</body>
</html>
`;
}
