/**
 * Charts in DOCX are tables, which Word and LibreOffice both show the same way: a bar chart is a row
 * per bar (label | a shaded bar whose width is proportional to the value | the value), with each
 * threshold drawn as a dashed vertical line (the left border of the bar cell's segment that starts at
 * the threshold, in every row), kept on one page (rows never split, every paragraph kept with the
 * next); a legend is a line of small shaded squares with their labels.
 */
import {
  AlignmentType,
  BorderStyle,
  type FileChild,
  HeightRule,
  LineRuleType,
  Paragraph,
  type Table,
  TableCell,
  TableRow,
  VerticalAlignTable,
} from 'docx';
import { applyDigits } from '../digits.ts';
import type { Block } from '../model.ts';
import { captionParagraph, spacerParagraph } from './paragraphs.ts';
import { plainRun } from './runs.ts';
import { barFill, cm, type DocxContext, markFill, pt, shading } from './style.ts';
import { dxa, fixedTable, GRID_BORDERS, NO_BORDERS, scaleWidths } from './tables.ts';

type BarChartBlock = Extract<Block, { kind: 'barChart' }>;
type LegendBlock = Extract<Block, { kind: 'legend' }>;

export const NOT_ASSESSED = 'ไม่ได้ประเมิน';

const ZERO_MARGINS = { top: 0, bottom: 0, left: 0, right: 0 };
/** Left and right padding of the bar cell. */
const BAR_PADDING = 60;

/** A paragraph of (almost) no height: a cell holding a nested table must end with a paragraph. */
function hairline(keepNext = false): Paragraph {
  return new Paragraph({
    keepNext,
    spacing: { before: 0, after: 0, line: 20, lineRule: LineRuleType.EXACT },
    run: { size: 2, sizeComplexScript: 2 },
    children: [],
  });
}

/** The threshold line: a dashed black border. */
const THRESHOLD_BORDER = { style: BorderStyle.DASHED, size: 8, color: '000000' };

/**
 * The bar: a nested one-row table cut at the bar's end and at each threshold; the segments up to the
 * bar's end are shaded, and each segment starting at a threshold has a dashed left border, so the
 * thresholds of all rows line up into one vertical line. `share` null: no bar, only the lines.
 */
function bar(
  ctx: DocxContext,
  share: number | null,
  width: number,
  fill: string,
  lines: number[],
): Table | null {
  const filled = share !== null && share > 0 ? Math.max(20, Math.round(Math.min(share, 1) * width)) : 0;
  const at = lines
    .map((l) => Math.round(Math.min(Math.max(l, 0), 1) * width))
    .filter((x) => x > 20 && x < width - 20);
  if (filled === 0 && at.length === 0) return null;
  const cuts = [...new Set([0, ...(filled > 0 && filled < width - 20 ? [filled] : []), ...at, width])].sort(
    (a, b) => a - b,
  );
  const barLine = () =>
    new Paragraph({
      keepNext: true,
      spacing: { before: pt(2), after: pt(2) },
      run: { size: Math.round(ctx.bodyPt), sizeComplexScript: Math.round(ctx.bodyPt) },
      children: [],
    });
  const cells = cuts.slice(0, -1).map((x, i) => {
    const shaded = x < filled;
    const line = at.includes(x);
    return new TableCell({
      width: dxa(cuts[i + 1]! - x),
      ...(shaded ? { shading: shading(fill) } : {}),
      ...(line ? { borders: { left: THRESHOLD_BORDER } } : {}),
      children: [barLine()],
    });
  });
  return fixedTable({
    widths: cuts.slice(1).map((x, i) => x - cuts[i]!),
    rows: [new TableRow({ cantSplit: true, children: cells })],
    borders: NO_BORDERS,
    margins: ZERO_MARGINS,
  });
}

function value2(ctx: DocxContext, value: number): string {
  return applyDigits(value.toFixed(2), ctx.digits);
}

export function barChartBlock(ctx: DocxContext, block: BarChartBlock): FileChild[] {
  const widths = scaleWidths([35, 50, 15], ctx.textWidth);
  const barWidth = widths[1]! - 2 * BAR_PADDING;
  const values = block.bars.map((b) => b.value ?? 0);
  const max = block.max > 0 ? block.max : Math.max(1, ...values);
  const lineShares = block.lines.map((l) => l.value / max);
  const rows = block.bars.map((item) => {
    const share = item.value === null ? null : item.value / max;
    const nested = bar(ctx, share, barWidth, barFill(item.mark), lineShares);
    const valueText = item.value === null ? NOT_ASSESSED : value2(ctx, item.value);
    return new TableRow({
      cantSplit: true,
      children: [
        new TableCell({
          width: dxa(widths[0]!),
          verticalAlign: VerticalAlignTable.CENTER,
          children: [new Paragraph({ keepNext: true, children: plainRun(ctx, item.label) })],
        }),
        new TableCell({
          width: dxa(widths[1]!),
          verticalAlign: VerticalAlignTable.CENTER,
          margins: { left: BAR_PADDING, right: BAR_PADDING, top: 20, bottom: 20 },
          children: nested ? [nested, hairline(true)] : [new Paragraph({ keepNext: true, children: [] })],
        }),
        new TableCell({
          width: dxa(widths[2]!),
          verticalAlign: VerticalAlignTable.CENTER,
          children: [
            new Paragraph({
              keepNext: true,
              alignment: AlignmentType.RIGHT,
              children: plainRun(ctx, valueText),
            }),
          ],
        }),
      ],
    });
  });
  // The key under the chart: the dashed line and its label as the layout wrote it (the label already
  // says the value: "เกณฑ์ 85.00"), never the value twice.
  const thresholds = block.lines.map(
    (line) =>
      new Paragraph({
        spacing: { before: 0, after: 0 },
        children: plainRun(ctx, `- - -  ${line.label}`),
      }),
  );
  const table =
    rows.length > 0 ? [fixedTable({ widths, rows, borders: GRID_BORDERS }), spacerParagraph(ctx)] : [];
  return [captionParagraph(ctx, block.title), ...table, ...thresholds];
}

const LEGEND_PER_ROW = 4;
const SWATCH = cm(0.4);
const SWATCH_SLOT = cm(0.7);

/** A small square: a nested one-cell table of exact height, outlined so that `ok` without a fill still shows. */
function swatch(fill: string | null): Table {
  const cell = new TableCell({
    width: dxa(SWATCH),
    ...(fill ? { shading: shading(fill) } : {}),
    children: [hairline()],
  });
  return fixedTable({
    widths: [SWATCH],
    rows: [new TableRow({ height: { value: SWATCH, rule: HeightRule.EXACT }, children: [cell] })],
    borders: GRID_BORDERS,
    margins: ZERO_MARGINS,
  });
}

/** A line of squares shaded like the marks, each followed by its label (four to a row). */
export function legendBlock(ctx: DocxContext, block: LegendBlock): FileChild[] {
  if (block.items.length === 0) return [];
  const perRow = Math.min(LEGEND_PER_ROW, block.items.length);
  const slot = Math.floor(ctx.textWidth / perRow);
  const widths = Array.from({ length: perRow }, () => [SWATCH_SLOT, slot - SWATCH_SLOT]).flat();
  const rows: TableRow[] = [];
  for (let start = 0; start < block.items.length; start += perRow) {
    const items = block.items.slice(start, start + perRow);
    const cells = Array.from({ length: perRow }, (_, i) => {
      const item = items[i];
      const square = new TableCell({
        width: dxa(SWATCH_SLOT),
        verticalAlign: VerticalAlignTable.CENTER,
        children: item ? [swatch(markFill(item.mark)), hairline()] : [new Paragraph({ children: [] })],
      });
      const label = new TableCell({
        width: dxa(slot - SWATCH_SLOT),
        verticalAlign: VerticalAlignTable.CENTER,
        children: [new Paragraph({ children: item ? plainRun(ctx, item.label) : [] })],
      });
      return [square, label];
    }).flat();
    rows.push(new TableRow({ cantSplit: true, children: cells }));
  }
  return [
    fixedTable({ widths, rows, borders: NO_BORDERS, margins: { top: 20, bottom: 20, left: 60, right: 60 } }),
    spacerParagraph(ctx),
  ];
}
