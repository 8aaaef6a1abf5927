import { blocksCss } from '../modules/documents/html/render-html.ts';
import type { DocumentFont } from '../modules/documents/model.ts';

/**
 * The public pages' one stylesheet, served as a static file (/p/assets/site.<hash>.css, cached for a
 * year): Sarabun as WOFF2 files of its own (Thai and Latin subsets, ~10 KB each, fetched only for the
 * characters a page uses) instead of 100 KB data: URLs in every page, system Thai fonts as fallback;
 * the document blocks' look shared with the PDF (blocksCss); the page around it; and print rules.
 *
 * Contrast (WCAG 2.1 AA, ≥ 4.5:1 on the background it sits on): body #1a1a1a on #fff 17:1; secondary
 * #4a4a4a on #fff 8.9:1 and on #f6f8fa 8.4:1; links #0b57d0 on #fff 6.4:1 and on #eef4ff 5.8:1;
 * visited #6a1b9a 9.5:1; withdrawn notice #5f1410 on #fdecea 12:1; the focus ring #0b57d0 3px.
 */
export type FontFile = { name: string; weight: 400 | 700; range: string };

export function siteCss(
  fonts: FontFile[],
  documentFont: DocumentFont,
  assetUrl: (name: string) => string,
): string {
  const faces = fonts
    .map(
      (f) =>
        `@font-face{font-family:'Sarabun';font-style:normal;font-weight:${f.weight};font-display:swap;` +
        `src:url(${assetUrl(f.name)}) format('woff2');unicode-range:${f.range};}`,
    )
    .join('\n');
  return `${faces}
html { font-family: 'Sarabun', 'Noto Sans Thai', 'Leelawadee UI', 'Thonburi', Tahoma, system-ui, sans-serif;
  font-size: 100%; line-height: 1.6; color: #1a1a1a; background: #fff; -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%; color-scheme: light; }
body { margin: 0; }
a { color: #0b57d0; text-underline-offset: 0.15em; }
a:visited { color: #6a1b9a; }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
.skip { position: absolute; left: -10000px; top: 0.5rem; background: #fff; color: #0b57d0; padding: 0.5rem 1rem;
  border: 2px solid #0b57d0; z-index: 10; }
.skip:focus { left: 0.5rem; }
.site-header { background: #f6f8fa; border-bottom: 1px solid #d0d7de; }
.site-header .inner, main, .site-footer .inner { box-sizing: border-box; max-width: 75rem; margin: 0 auto;
  padding-left: 1rem; padding-right: 1rem; }
.site-header .inner { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: center;
  justify-content: space-between; padding-top: 0.75rem; padding-bottom: 0.75rem; }
.org { display: flex; align-items: center; gap: 0.75rem; color: #1a1a1a; text-decoration: none; }
.org:visited { color: #1a1a1a; }
.org img { height: 3.5rem; width: auto; max-width: 8rem; object-fit: contain; }
.org .name { display: block; font-weight: 700; font-size: 1.15rem; line-height: 1.3; }
.org .name-2 { display: block; color: #4a4a4a; font-size: 0.95rem; }
.lang { margin: 0; }
.lang a { display: inline-block; padding: 0.25rem 0.5rem; }
main { padding-top: 1rem; padding-bottom: 2rem; }
.crumbs ol { list-style: none; margin: 0 0 0.75rem; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem;
  color: #4a4a4a; }
.crumbs li + li::before { content: '›'; margin-right: 0.25rem; }
h1 { font-size: 1.6rem; line-height: 1.35; margin: 0.25rem 0 0.5rem; }
h2 { font-size: 1.3rem; line-height: 1.35; margin: 2rem 0 0.5rem; }
.kicker, .meta { color: #4a4a4a; margin: 0 0 0.5rem; }
.note { background: #eef4ff; border-left: 4px solid #0b57d0; padding: 0.75rem 1rem; margin: 0.75rem 0; }
.note p { margin: 0; }
.withdrawn-notice { background: #fdecea; border-left: 4px solid #b3261e; color: #5f1410; padding: 0.75rem 1rem;
  margin: 0.75rem 0; }
.withdrawn-notice p { margin: 0; }
.url { overflow-wrap: anywhere; }
.downloads ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; }
.downloads a { display: inline-block; padding: 0.4rem 0.8rem; border: 1px solid #0b57d0; border-radius: 0.25rem;
  text-decoration: none; }
.downloads .size { color: #4a4a4a; }
.document { margin-top: 1.5rem; padding-top: 1rem; border-top: 1px solid #d0d7de; }
.content-language { color: #4a4a4a; font-style: italic; }
.table-scroll { overflow-x: auto; max-width: 100%; margin: 0 0 0.8em; }
.table-scroll > table.ps-table { min-width: 46rem; margin-bottom: 0.2em; }
table.list { border-collapse: collapse; width: 100%; }
table.list caption { text-align: left; font-weight: 700; padding: 0 0 0.25rem; }
table.list th, table.list td { border-bottom: 1px solid #d0d7de; padding: 0.5rem; text-align: left; vertical-align: top; }
table.list th { background: #f6f8fa; }
table.list tr[aria-current] td { background: #fffbe6; }
.status-withdrawn { color: #5f1410; font-weight: 700; }
.embed-code textarea { box-sizing: border-box; width: 100%; font-family: ui-monospace, 'Cascadia Mono', Menlo,
  Consolas, monospace; font-size: 0.875rem; padding: 0.5rem; border: 1px solid #6e7781; color: #1a1a1a; }
.embed-code label { display: block; margin-bottom: 0.25rem; }
.site-footer { border-top: 1px solid #d0d7de; color: #4a4a4a; }
.site-footer .inner { padding-top: 1rem; padding-bottom: 1.5rem; display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; }
.site-footer p { margin: 0; }
body.embed main { max-width: none; padding: 0.5rem 0.75rem; }
body.embed h1 { font-size: 1.3rem; }
.not-found { max-width: 40rem; }
${blocksCss(documentFont)}
.ps-doc { font-size: 1rem; line-height: 1.6; color: #1a1a1a; }
.ps-doc .ps-chart svg { max-width: 40rem; }
@media (max-width: 40rem) {
  h1 { font-size: 1.35rem; }
  .ps-doc .indent { text-indent: 1.5em; }
  .org img { height: 2.75rem; }
}
@media print {
  @page { size: A4; margin: 15mm 12mm; }
  html { font-size: 11pt; }
  .skip, .lang, .crumbs, .downloads, .embed-code, .site-footer, .see-latest { display: none !important; }
  .site-header { background: none; border-bottom: 1px solid #000; }
  a, a:visited { color: inherit; text-decoration: none; }
  main { max-width: none; padding: 0; }
  .table-scroll { overflow: visible; }
  .table-scroll > table.ps-table { min-width: 0; }
  .ps-doc .ps-table tr { break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; }
}`;
}
