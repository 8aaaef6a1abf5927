import opentype from 'opentype.js';
import type { DocumentFont } from './model.ts';

/**
 * How tall a line of the document font is, from the font's own metrics (read with opentype.js), so
 * that every line box holds all the ink of its glyphs: Thai tone marks stacked over upper vowels
 * (ปั้น, ที่) reach 1.29 em above the baseline in Sarabun, far above its ascender (1.07 em), and
 * below-vowels under a descending consonant (ฎุ) 0.54 em below it. A line shorter than that lets the
 * marks of a page's first line stick out above the page's text area, where Chromium painted them at
 * the foot of the previous page.
 *
 * The ink bounds are the font's clipping bounds: usWinAscent/usWinDescent of OS/2 (which Word also
 * uses for a single-spaced line) or, when larger, the bounding box of all glyphs (head yMax/yMin).
 * The PDF sets the font's ascent and descent to these bounds (CSS ascent-override/descent-override)
 * and the line height to their sum; the DOCX uses the same height as an exact line spacing, so both
 * paginate alike.
 */
export type LineMetrics = {
  /** Ink above the baseline, in em. */
  ascent: number;
  /** Ink below the baseline, in em (positive). */
  descent: number;
  /** ascent + descent: the line height in em. */
  lineHeight: number;
};

/** Sarabun's bounds, for a font whose tables cannot be read (never for a font that passed validation). */
const FALLBACK: LineMetrics = { ascent: 1.286, descent: 0.567, lineHeight: 1.853 };

const cache = new WeakMap<Uint8Array, LineMetrics>();

type Head = { yMax?: number; yMin?: number };

/** The ink bounds of one font file in em, or null when its tables cannot be read. */
export function fontInkBounds(bytes: Uint8Array): LineMetrics | null {
  const known = cache.get(bytes);
  if (known) return known;
  let font: ReturnType<typeof opentype.parse>;
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    font = opentype.parse(buffer, { lowMemory: true });
  } catch {
    return null;
  }
  const upm = font.unitsPerEm;
  if (!(upm > 0)) return null;
  const os2 = font.tables.os2;
  const head = (font.tables.head ?? {}) as unknown as Head;
  const ascent = Math.max(os2?.usWinAscent ?? 0, head.yMax ?? 0, font.ascender) / upm;
  const descent = Math.max(os2?.usWinDescent ?? 0, -(head.yMin ?? 0), -font.descender) / upm;
  if (!(ascent > 0) || !(descent >= 0)) return null;
  const metrics = { ascent: round(ascent), descent: round(descent), lineHeight: round(ascent + descent) };
  cache.set(bytes, metrics);
  return metrics;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** The line metrics of a document font: the larger bounds of its regular and bold faces. */
export function lineMetrics(font: Pick<DocumentFont, 'regular' | 'bold'>): LineMetrics {
  const faces = [font.regular, font.bold].flatMap((bytes) => {
    const m = bytes ? fontInkBounds(bytes) : null;
    return m ? [m] : [];
  });
  if (faces.length === 0) return FALLBACK;
  const ascent = Math.max(...faces.map((m) => m.ascent));
  const descent = Math.max(...faces.map((m) => m.descent));
  return { ascent, descent, lineHeight: round(ascent + descent) };
}
