/**
 * The measures both renderers share, so that the DOCX (as Word or LibreOffice lays it out) and the
 * PDF (Chromium) paginate alike: the page margins, heading sizes, the space around paragraphs,
 * headings, tables and captions, and the padding of table cells, all in points. The line height
 * comes from the font (line-metrics.ts) and is the same exact height in both.
 */

/** A4 margins of Thai official documents (DESIGN §6): left 3 cm, right 2 cm, top 2.5 cm, bottom 2 cm. */
export const PAGE_MARGINS_CM = { top: 2.5, right: 2, bottom: 2, left: 3 } as const;

/** Heading sizes: level 1 ≈ 1.25 × body, level 2 = body + 2 pt, level 3 = body. */
export function headingSizePt(bodyPt: number, level: 1 | 2 | 3): number {
  if (level === 1) return Math.round(bodyPt * 1.25);
  return level === 2 ? bodyPt + 2 : bodyPt;
}

/** Space before and after blocks, in points. */
export const SPACE_PT = {
  paragraphAfter: 3,
  heading: {
    1: { before: 0, after: 6 },
    2: { before: 12, after: 3 },
    3: { before: 6, after: 3 },
  },
  /** A table's or chart's caption line: before it, and between it and the table. */
  captionBefore: 6,
  captionAfter: 3,
  /** After a table (the DOCX's spacer paragraph is exactly this tall). */
  tableAfter: 8,
  /** Above a signature block. */
  signatureBefore: 12,
} as const;

/** Padding of table cells in points. */
export const CELL_PADDING_PT = { top: 2, bottom: 2, left: 5, right: 5 } as const;
