import fs from 'node:fs';
import { createRequire } from 'node:module';
import { type LineMetrics, lineMetrics } from '../line-metrics.ts';
import type { Digits, DocumentFont, DocumentModel, Mark } from '../model.ts';
import { CELL_PADDING_PT, headingSizePt, PAGE_MARGINS_CM, SPACE_PT } from '../typesetting.ts';

/**
 * The CSS of a document, in three parts so that public web pages can reuse the block styles alone:
 * - fontFaceCss: the chosen font and the bundled Sarabun as data: URLs (no Thai font on the machine);
 * - pageCss: A4 size, the margins of Thai official documents and the page number from page 2;
 * - blocksCss: how each block looks, scoped to `.ps-doc`.
 */

/** Fills and strong colours of the marks. Each also differs without colour (border pattern, weight). */
export const MARK_COLOURS: Record<Mark, { fill: string; strong: string }> = {
  urgent: { fill: '#f8d7da', strong: '#b71c1c' },
  develop: { fill: '#fff3cd', strong: '#c79100' },
  ok: { fill: '#ffffff', strong: '#4a7ebb' },
  strength: { fill: '#d4edda', strong: '#43a047' },
  muted: { fill: '#eeeeee', strong: '#9e9e9e' },
};

/** The family the bundled TTF is declared under; it covers Thai, Latin and Vietnamese. */
export const FALLBACK_FAMILY = 'Sarabun';

const require = createRequire(import.meta.url);
let bundled: { regular: string; bold: string } | undefined;

function bundledSarabun() {
  const read = (file: string) =>
    fs.readFileSync(require.resolve(`@expo-google-fonts/sarabun/${file}`)).toString('base64');
  bundled ??= {
    regular: read('400Regular/Sarabun_400Regular.ttf'),
    bold: read('700Bold/Sarabun_700Bold.ttf'),
  };
  return bundled;
}

/** A family name safe inside a CSS string and a <style> element (it comes from a font file). */
export function cssFamilyName(family: string): string {
  const clean = family.replace(/[^\p{L}\p{N} ._-]/gu, '').trim();
  return clean === '' ? 'Document Font' : clean;
}

/** The font-family list: the chosen font, then Sarabun for the characters it lacks. */
export function fontFamilyList(font: DocumentFont): string {
  const family = cssFamilyName(font.family);
  return family === FALLBACK_FAMILY
    ? `'${family}', sans-serif`
    : `'${family}', '${FALLBACK_FAMILY}', sans-serif`;
}

/** Base64 of each font's bytes, kept while the font is (fonts are loaded once and reused). */
const base64Of = new WeakMap<Uint8Array, string>();

function fontSource(bytes: Uint8Array): string {
  let data = base64Of.get(bytes);
  if (data === undefined) {
    data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
    base64Of.set(bytes, data);
  }
  const tag = String.fromCharCode(...bytes.subarray(0, 4));
  const [mime, format] =
    tag === 'wOF2'
      ? ['font/woff2', 'woff2']
      : tag === 'wOFF'
        ? ['font/woff', 'woff']
        : tag === 'OTTO'
          ? ['font/otf', 'opentype']
          : ['font/ttf', 'truetype'];
  return `url(data:${mime};base64,${data}) format('${format}')`;
}

/**
 * The face's ascent and descent set to the ink bounds of the chosen font (see line-metrics.ts), so a
 * line box of `line-height: lineHeight` holds the stacked Thai marks above and the vowels below; the
 * fallback Sarabun gets the same values, so a line with a fallback glyph is no taller.
 */
const metricsCss = (m: LineMetrics) =>
  `ascent-override:${pct(m.ascent)};descent-override:${pct(m.descent)};line-gap-override:0%;`;
const pct = (em: number) => `${Math.round(em * 1000) / 10}%`;

const face = (family: string, weight: 400 | 700, src: string, m: LineMetrics) =>
  `@font-face{font-family:'${family}';font-style:normal;font-weight:${weight};font-display:block;${metricsCss(m)}src:${src};}`;

/**
 * The chosen font's faces (without a bold face the browser emboldens the regular one) and, unless the
 * chosen font is Sarabun itself, the bundled Sarabun as the fallback family, so that characters the
 * chosen font lacks are drawn rather than left as empty boxes.
 */
export function fontFaceCss(font: DocumentFont): string {
  const family = cssFamilyName(font.family);
  const m = lineMetrics(font);
  const rules = [face(family, 400, fontSource(font.regular), m)];
  if (font.bold) rules.push(face(family, 700, fontSource(font.bold), m));
  if (family !== FALLBACK_FAMILY) {
    const sarabun = bundledSarabun();
    rules.push(
      face(FALLBACK_FAMILY, 400, `url(data:font/ttf;base64,${sarabun.regular}) format('truetype')`, m),
    );
    rules.push(face(FALLBACK_FAMILY, 700, `url(data:font/ttf;base64,${sarabun.bold}) format('truetype')`, m));
  }
  return rules.join('\n');
}

const { top: MT, right: MR, bottom: MB, left: ML } = PAGE_MARGINS_CM;
const MARGIN = `${MT}cm ${MR}cm ${MB}cm ${ML}cm`;

/**
 * A4 with the margins of Thai official documents (top 2.5 cm, right 2 cm, bottom 2 cm, left 3 cm) and
 * the page number at the top centre from page 2 as "- ๒ -", the form the DOCX prints too, in Thai
 * digits when chosen (Chromium ≥ 131 draws page-margin boxes and knows the predefined `thai` counter
 * style).
 */
export function pageCss(
  orientation: DocumentModel['orientation'],
  digits: Digits,
  font: DocumentFont,
): string {
  const style = digits === 'thai' ? 'thai' : 'decimal';
  return `@page {
  size: A4 ${orientation};
  margin: ${MARGIN};
  @top-center {
    content: "- " counter(page, ${style}) " -";
    font-family: ${fontFamilyList(font)};
    font-size: ${font.bodySizePt}pt;
    vertical-align: middle;
  }
}
@page :first {
  @top-center { content: none; }
}
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media print { body { margin: 0; } }`;
}

/** A sheet of paper on screen, for the HTML preview (printing it gives the PDF's pages). */
export function screenCss(orientation: DocumentModel['orientation']): string {
  return `@media screen {
  body { margin: 0; background: #e9ecef; }
  .ps-sheet { box-sizing: border-box; max-width: ${orientation === 'landscape' ? '29.7cm' : '21cm'};
    margin: 1rem auto; padding: ${MARGIN}; background: #fff; box-shadow: 0 0 0.3rem #adb5bd; }
}`;
}

/** Each mark's fill, and what tells it apart without colour: a border pattern, bold or grey text. */
const MARK_EXTRA: Record<Mark, string> = {
  urgent: `font-weight: bold; border-left: 3pt solid ${MARK_COLOURS.urgent.strong};`,
  develop: `border-left: 3pt dashed ${MARK_COLOURS.develop.strong};`,
  ok: '',
  strength: `border-left: 3pt double ${MARK_COLOURS.strength.strong};`,
  muted: 'color: #555; font-style: italic;',
};

const markRules = (Object.keys(MARK_COLOURS) as Mark[])
  .map(
    (mark) =>
      `.ps-doc .mark-${mark}, .ps-doc .ps-table tr > td.mark-${mark} { background: ${MARK_COLOURS[mark].fill}; ${MARK_EXTRA[mark]} }`,
  )
  .join('\n');

/**
 * How the blocks look, scoped to `.ps-doc`: reusable on a web page that has the fonts already. Sizes
 * and spaces in points from typesetting.ts, as the DOCX has them; the line height from the font's ink
 * bounds (line-metrics.ts), unitless so that headings scale it. Headings stay with what follows them,
 * a caption with its table, a signature with the text before it.
 */
export function blocksCss(font: DocumentFont): string {
  const body = font.bodySizePt;
  const h = (level: 1 | 2 | 3) =>
    `font-size: ${headingSizePt(body, level)}pt; margin: ${SPACE_PT.heading[level].before}pt 0 ${SPACE_PT.heading[level].after}pt;`;
  const pad = CELL_PADDING_PT;
  return `.ps-doc {
  font-family: ${fontFamilyList(font)};
  font-size: ${body}pt;
  line-height: ${lineMetrics(font).lineHeight};
  color: #000;
  line-break: normal;
  word-break: normal;
  overflow-wrap: anywhere;
  text-size-adjust: none;
  orphans: 2;
  widows: 2;
}
.ps-doc p { margin: 0 0 ${SPACE_PT.paragraphAfter}pt; }
.ps-doc h1, .ps-doc h2, .ps-doc h3 { font-weight: bold; break-after: avoid; break-inside: avoid; }
.ps-doc h1 { ${h(1)} }
.ps-doc h2 { ${h(2)} }
.ps-doc h3 { ${h(3)} }
.ps-doc .al-left { text-align: left; }
.ps-doc .al-center { text-align: center; }
.ps-doc .al-right { text-align: right; }
.ps-doc .al-justify { text-align: justify; text-justify: inter-character; }
.ps-doc .indent { text-indent: 2.5cm; }
.ps-doc ul, .ps-doc ol { margin: 0 0 ${SPACE_PT.paragraphAfter}pt; padding-left: 1.5cm; }
.ps-doc.digits-thai ol { list-style-type: thai; }
.ps-doc a { color: inherit; }
.ps-doc .memo-head { display: grid; grid-template-columns: 2cm 1fr 2cm; align-items: end; margin: 0 0 0.6em; }
.ps-doc .memo-head img { height: 1.5cm; width: auto; max-width: 2cm; object-fit: contain; }
.ps-doc .memo-head h1 { grid-column: 2; font-size: 1.8em; text-align: center; margin: 0; }
.ps-doc .report-emblem { text-align: center; margin: 0 0 0.5em; }
.ps-doc .report-emblem img { height: 2.2cm; width: auto; max-width: 6cm; object-fit: contain; }
/* Separate borders drawn by the cells (right and bottom, left on the first one), cloned at a page
   break so that a row broken across pages is closed at the foot of the page (collapsed borders are
   not drawn there, and a border of the table itself would run on below its last row on the page). */
.ps-doc table.ps-table {
  width: 100%; border-collapse: separate; border-spacing: 0; table-layout: fixed; margin: 0 0 ${SPACE_PT.tableAfter}pt;
}
.ps-doc .ps-table caption {
  caption-side: top; text-align: left; font-weight: bold; padding: ${SPACE_PT.captionBefore}pt 0 ${SPACE_PT.captionAfter}pt; break-after: avoid;
}
.ps-doc .table-caption { margin: ${SPACE_PT.captionBefore}pt 0 ${SPACE_PT.captionAfter}pt; break-after: avoid; }
.ps-doc .ps-table thead { display: table-header-group; }
.ps-doc .ps-table tr { break-inside: auto; }
.ps-doc .ps-table th, .ps-doc .ps-table td {
  border-right: 0.75pt solid #000; border-bottom: 0.75pt solid #000; padding: ${pad.top}pt ${pad.right}pt ${pad.bottom}pt ${pad.left}pt;
  vertical-align: top; text-align: left; box-decoration-break: clone;
}
.ps-doc .ps-table .al-center { text-align: center; }
.ps-doc .ps-table .al-right { text-align: right; }
.ps-doc .ps-table tr > :first-child { border-left: 0.75pt solid #000; }
.ps-doc .ps-table th {
  border-top: 0.75pt solid #000; background: #d9d9d9; font-weight: bold; text-align: center; vertical-align: middle;
}
.ps-doc .ps-table tr.group td { font-weight: bold; background: #f2f2f2; }
.ps-doc .ps-table tr.group { break-after: avoid; }
.ps-doc .ps-table .line { margin: 0; }
.ps-doc .ps-table ol.steps { margin: 0; padding-left: 1.7em; }
.ps-doc .ps-table .bold { font-weight: bold; }
.ps-doc .empty-table { font-style: italic; }
.ps-doc .ps-fields { margin: 0 0 0.5em; }
.ps-doc .fields-line { display: flex; gap: 1em; }
.ps-doc .field { flex: 1 1 0; min-width: 0; }
.ps-doc .field-label { font-weight: bold; margin-right: 0.4em; }
.ps-doc .field-label.spacer { visibility: hidden; }
.ps-doc .ps-signature {
  display: flex; justify-content: flex-end; margin: ${SPACE_PT.signatureBefore}pt 0 0; break-inside: avoid; break-before: avoid;
}
.ps-doc .ps-signature .sig { width: 50%; text-align: center; }
.ps-doc .ps-signature .sig p { margin: 0; }
.ps-doc .ps-signature .sig-space { height: 2lh; }
.ps-doc .ps-chart { margin: 0 0 ${SPACE_PT.paragraphAfter}pt; break-inside: avoid; }
.ps-doc .ps-chart figcaption { font-weight: bold; margin: ${SPACE_PT.captionBefore}pt 0 ${SPACE_PT.captionAfter}pt; }
.ps-doc .ps-chart svg { display: block; width: 100%; max-width: 16cm; height: auto; }
.ps-doc .ps-legend { display: flex; flex-wrap: wrap; gap: 0.2em 1.2em; list-style: none; padding: 0; margin: 0.2em 0 0.8em; }
.ps-doc .ps-legend li { display: flex; align-items: center; gap: 0.4em; }
.ps-doc .swatch { display: inline-block; width: 1.6em; height: 0.9em; border: 0.75pt solid #000; }
.ps-doc .page-break { break-after: page; height: 0; }
${markRules}`;
}
