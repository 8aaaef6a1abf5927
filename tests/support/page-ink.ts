import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * Looking at PDF pages the way a person does: each page is drawn (pdf.js with @napi-rs/canvas, the
 * fonts embedded in the PDF) and its pixels are searched for ink where a page must have none: in the
 * top and bottom margins, outside the page number's box. A Thai mark of a page's first line painted
 * at the foot of the previous page, or text running into the margin, shows up here as ink. Rules
 * (table borders closing a page, dashed borders, underlines) are not counted: a straight run of ink of
 * 3 mm or more.
 */

const require = createRequire(import.meta.url);
const standardFontDataUrl = `${path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

const PT_PER_CM = 72 / 2.54;

export type InkBands = {
  /** Height of the band at the top of each page that must be blank, in cm (its page margin). */
  topCm: number;
  /** Height of the band at the bottom of each page that must be blank, in cm. */
  bottomCm: number;
  /**
   * Where the page number is, allowed to hold ink: a box centred horizontally in the top band, this
   * wide in cm (the number is printed at the top centre from page 2).
   */
  pageNumberWidthCm: number;
};

/**
 * The margins of our documents (top 2.5 cm, bottom 2 cm): the top band stops 1 mm short of the text
 * area; the bottom band reaches 1 mm into it, because Chromium clips a page at its text area and the
 * stray marks of the next page's first line were painted in its last 0.5–0.7 mm (the part of their
 * ink that stood above that line's box).
 */
export const DOCUMENT_BANDS: InkBands = { topCm: 2.4, bottomCm: 2.1, pageNumberWidthCm: 3 };

/**
 * A straight run of ink this long (cm) is a rule, not a letter: a table border, a marked cell's
 * dashed border, an underline; gaps up to RULE_GAP_CM are stepped over (dashes).
 */
const RULE_CM = 0.3;
const RULE_GAP_CM = 0.15;

export type PageInk = {
  page: number;
  /** Dark pixels in the top band outside the page number box, and in the bottom band. */
  top: number;
  bottom: number;
  /** Rows (pixels from the page top) and columns of the first dark pixel found in each band, if any. */
  topAt: { x: number; y: number } | null;
  bottomAt: { x: number; y: number } | null;
  /** The PNG written for this page. */
  file: string;
};

type CanvasLike = { toBuffer(mime: 'image/png'): Buffer };
type ContextLike = { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
type CanvasFactory = { create(width: number, height: number): { canvas: CanvasLike; context: ContextLike } };

/** A pixel counts as ink when it is clearly dark (the anti-aliased edge of a rule is lighter). */
const isInk = (data: Uint8ClampedArray, i: number) =>
  (data[i + 3] ?? 0) > 0 && (data[i]! + data[i + 1]! + data[i + 2]!) / 3 < 160;

/**
 * Every page drawn at `dpi` (at least 100) to `<outDir>/<prefix>page-<n>.png`, with the ink found in
 * its blank bands. Pages are numbered from 1.
 */
export async function pageInk(
  bytes: Uint8Array,
  outDir: string,
  opts: { prefix?: string; dpi?: number; bands?: InkBands } = {},
): Promise<PageInk[]> {
  const dpi = Math.max(100, opts.dpi ?? 110);
  const bands = opts.bands ?? DOCUMENT_BANDS;
  fs.mkdirSync(outDir, { recursive: true });
  const doc: PDFDocumentProxy = await getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl,
    verbosity: 0,
    isEvalSupported: false,
  }).promise;
  try {
    const factory = (doc as unknown as { canvasFactory: CanvasFactory }).canvasFactory;
    const result: PageInk[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const scale = dpi / 72;
      const viewport = page.getViewport({ scale });
      const width = Math.ceil(viewport.width);
      const height = Math.ceil(viewport.height);
      const { canvas, context } = factory.create(width, height);
      await page.render({
        canvas: canvas as unknown as HTMLCanvasElement,
        canvasContext: context as never,
        viewport,
      }).promise;
      const file = path.join(outDir, `${opts.prefix ?? ''}page-${n}.png`);
      fs.writeFileSync(file, canvas.toBuffer('image/png'));
      const { data } = context.getImageData(0, 0, width, height);
      const px = (cm: number) => Math.round(cm * PT_PER_CM * scale);
      const topRows = px(bands.topCm);
      const bottomFrom = height - px(bands.bottomCm);
      const numberHalf = px(bands.pageNumberWidthCm) / 2;
      const numberFrom = width / 2 - numberHalf;
      const numberTo = width / 2 + numberHalf;
      const ink: PageInk = { page: n, top: 0, bottom: 0, topAt: null, bottomAt: null, file };
      const rule = px(RULE_CM);
      const gap = px(RULE_GAP_CM);
      const at = (x: number, y: number) =>
        x >= 0 && y >= 0 && x < width && y < height && isInk(data, (y * width + x) * 4);
      /** How far ink runs from (x, y) in a direction, stepping over gaps of up to `gap` pixels. */
      const reach = (x: number, y: number, dx: number, dy: number) => {
        let far = 0;
        for (let step = 1, blank = 0; step <= rule && blank <= gap; step++) {
          if (at(x + dx * step, y + dy * step)) {
            far = step;
            blank = 0;
          } else blank++;
        }
        return far;
      };
      /** Whether the pixel lies on a horizontal or vertical rule, solid or dashed. */
      const onRule = (x: number, y: number) =>
        reach(x, y, -1, 0) + reach(x, y, 1, 0) + 1 >= rule ||
        reach(x, y, 0, -1) + reach(x, y, 0, 1) + 1 >= rule;
      for (let y = 0; y < height; y++) {
        const inTop = y < topRows;
        const inBottom = y >= bottomFrom;
        if (!inTop && !inBottom) continue;
        for (let x = 0; x < width; x++) {
          if (inTop && x >= numberFrom && x <= numberTo) continue;
          if (!isInk(data, (y * width + x) * 4) || onRule(x, y)) continue;
          if (inTop) {
            ink.top++;
            ink.topAt ??= { x, y };
          } else {
            ink.bottom++;
            ink.bottomAt ??= { x, y };
          }
        }
      }
      result.push(ink);
      page.cleanup();
    }
    return result;
  } finally {
    await doc.destroy();
  }
}

/** The pages with ink in a blank band, as short lines for an assertion message. */
export function inkProblems(pages: PageInk[]): string[] {
  return pages
    .filter((p) => p.top > 0 || p.bottom > 0)
    .map(
      (p) =>
        `page ${p.page}: ${p.top} dark px in the top margin${p.topAt ? ` (first at ${p.topAt.x},${p.topAt.y})` : ''}, ` +
        `${p.bottom} in the bottom margin${p.bottomAt ? ` (first at ${p.bottomAt.x},${p.bottomAt.y})` : ''} — ${p.file}`,
    );
}
