import { createRequire } from 'node:module';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * Line ends inside a compound, found the way a person looks at a page: the text items of each PDF page
 * (pdf.js) are put together into lines by their position, in the order the PDF draws them (a table
 * cell's lines one after another, then the next cell), and a line end is where the next line starts
 * below it in the same column (it overlaps the line horizontally) at the distance of one line of text.
 * A line end is reported when the last characters of the line and the first characters of the next
 * one hold a protected compound that spans the end (ผู้บังคับ|บัญชา). Page ends are not looked at.
 *
 * Chromium draws some stacked Thai tone marks with substitute glyphs that pdf.js reads as nothing or
 * U+0000, so lines and compounds are compared without tone marks and thanthakhat (and ำ as า):
 * the consonants and vowels alone identify a compound at a line end.
 */

const require = createRequire(import.meta.url);
const standardFontDataUrl = `${path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

type Item = { str: string; transform: number[]; width: number; height: number };
type Line = { text: string; x0: number; x1: number; y: number; size: number };

export type CompoundLineEnd = {
  page: number;
  /** The end of the line and the start of the next one, as pdf.js reads them. */
  before: string;
  after: string;
  /** The compound that the line end splits. */
  compound: string;
};

export type LineEndReport = {
  pages: number;
  /** Every line end looked at (a line continued on the next line of the same column). */
  lineEnds: number;
  splits: CompoundLineEnd[];
};

/** Tone marks, thanthakhat and the like (often lost by pdf.js), joiners and format marks. */
const DROP = /[\u0E47-\u0E4E\u200B-\u200D\u2060\uFEFF]/g;
/** What pdf.js reads for a mark drawn with a substitute glyph. */
const NUL = String.fromCharCode(0);

/** The text reduced to what pdf.js reliably reads; anything but Thai letters becomes a separator. */
export function skeleton(text: string): string {
  return text
    .replaceAll(NUL, '')
    .replace(DROP, '')
    .replace(/\u0E33/g, '\u0E32')
    .replace(/[^\u0E01-\u0E46]/g, '|');
}

function linesOf(items: Item[]): Line[] {
  const lines: Line[] = [];
  let line: Line | undefined;
  for (const item of items) {
    if (item.str === '') continue;
    const [, , , scaleY = 0, x = 0, y = 0] = item.transform;
    const size = Math.abs(scaleY) || item.height || 10;
    const sameLine =
      line !== undefined &&
      Math.abs(y - line.y) <= Math.min(size, line.size) * 0.5 &&
      x >= line.x1 - size &&
      x <= line.x1 + size * 2;
    if (line && sameLine) {
      line.text += item.str;
      line.x1 = Math.max(line.x1, x + item.width);
      continue;
    }
    line = { text: item.str, x0: x, x1: x + item.width, y, size };
    lines.push(line);
  }
  return lines.filter((l) => l.text.trim() !== '');
}

type Pair = { page: number; upper: Line; lower: Line };

/** Consecutive lines where the second continues the first: below it, in the same column. */
function continuations(page: number, lines: Line[]): Pair[] {
  const pairs: Pair[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const upper = lines[i]!;
    const lower = lines[i + 1]!;
    const step = upper.y - lower.y; // PDF y grows upwards
    const overlap = Math.min(upper.x1, lower.x1) - Math.max(upper.x0, lower.x0);
    if (step > upper.size * 0.5 && overlap > 0) pairs.push({ page, upper, lower });
  }
  return pairs;
}

/** The usual distance between a line and the next at each text size: one line of text. */
function lineSteps(pairs: Pair[]): Map<number, number> {
  const counts = new Map<number, Map<number, number>>();
  for (const { upper, lower } of pairs) {
    const size = Math.round(upper.size * 2) / 2;
    const step = Math.round((upper.y - lower.y) * 2) / 2;
    const bySize = counts.get(size) ?? new Map<number, number>();
    bySize.set(step, (bySize.get(step) ?? 0) + 1);
    counts.set(size, bySize);
  }
  const steps = new Map<number, number>();
  for (const [size, bySize] of counts) {
    const [step] = [...bySize].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]!;
    steps.set(size, step);
  }
  return steps;
}

/** Every line end of the PDF that falls inside one of the compounds. */
export async function compoundLineEnds(
  bytes: Uint8Array,
  compounds: readonly string[],
): Promise<LineEndReport> {
  const bySkeleton = new Map<string, string>();
  for (const c of compounds) if (!bySkeleton.has(skeleton(c))) bySkeleton.set(skeleton(c), c);
  const longest = Math.max(0, ...[...bySkeleton.keys()].map((k) => k.length));

  const doc = await getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl,
    verbosity: 0,
    isEvalSupported: false,
  }).promise;
  const pairs: Pair[] = [];
  const pages = doc.numPages;
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent({ disableNormalization: true });
      const items = content.items.filter((i) => 'str' in i) as Item[];
      pairs.push(...continuations(n, linesOf(items)));
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  const steps = lineSteps(pairs);
  // Only lines one line of text apart: a paragraph's or a table row's end is further down.
  const ends = pairs.filter(({ upper, lower }) => {
    const usual = steps.get(Math.round(upper.size * 2) / 2) ?? upper.size * 1.5;
    return upper.y - lower.y <= usual * 1.1;
  });

  const splits: CompoundLineEnd[] = [];
  for (const { page, upper, lower } of ends) {
    const tail = skeleton(upper.text).slice(-longest);
    const head = skeleton(lower.text).slice(0, longest);
    const joined = tail + head;
    let found: string | undefined;
    for (let start = 0; start < tail.length && !found; start++) {
      for (let end = tail.length + 1; end <= joined.length && end - start <= longest; end++) {
        const compound = bySkeleton.get(joined.slice(start, end));
        if (compound) {
          found = compound;
          break;
        }
      }
    }
    if (found)
      splits.push({ page, before: upper.text.slice(-12), after: lower.text.slice(0, 12), compound: found });
  }
  return { pages, lineEnds: ends.length, splits };
}
