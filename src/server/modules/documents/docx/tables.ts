/**
 * Table blocks: full text width, fixed column widths scaled from the model's relative widths, thin
 * single borders, the header row repeated on every page, rows allowed to break across pages (a long
 * cell continues on the next page instead of being cut off), group rows spanning all columns.
 */
import {
  AlignmentType,
  type FileChild,
  type ITableBordersOptions,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { Align, Block, Cell, TableColumn } from '../model.ts';
import { CELL_PADDING_PT } from '../typesetting.ts';
import { captionParagraph, markedParagraph, spacerParagraph } from './paragraphs.ts';
import { inlineChildren, plainRun } from './runs.ts';
import {
  alignment,
  cm,
  type DocxContext,
  GROUP_FILL,
  HEADER_FILL,
  markFill,
  NO_BORDER,
  pt,
  shading,
  THIN,
} from './style.ts';

type TableBlock = Extract<Block, { kind: 'table' }>;

export const GRID_BORDERS: ITableBordersOptions = {
  top: THIN,
  bottom: THIN,
  left: THIN,
  right: THIN,
  insideHorizontal: THIN,
  insideVertical: THIN,
};

export const NO_BORDERS: ITableBordersOptions = {
  top: NO_BORDER,
  bottom: NO_BORDER,
  left: NO_BORDER,
  right: NO_BORDER,
  insideHorizontal: NO_BORDER,
  insideVertical: NO_BORDER,
};

/** Integer widths in proportion to `weights` that add up to exactly `total`. */
export function scaleWidths(weights: number[], total: number): number[] {
  const positive = weights.map((w) => (Number.isFinite(w) && w > 0 ? w : 1));
  const sum = positive.reduce((a, b) => a + b, 0);
  const widths = positive.map((w) => Math.floor((w / sum) * total));
  const rest = total - widths.reduce((a, b) => a + b, 0);
  if (widths.length > 0) widths[widths.length - 1]! += rest;
  return widths;
}

/** A table of fixed column widths (twips) at the given total width. */
export function fixedTable(options: {
  widths: number[];
  rows: TableRow[];
  borders: ITableBordersOptions;
  margins?: { top: number; bottom: number; left: number; right: number };
}): Table {
  const total = options.widths.reduce((a, b) => a + b, 0);
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: options.widths,
    layout: TableLayoutType.FIXED,
    borders: options.borders,
    margins: {
      ...(options.margins ?? {
        top: pt(CELL_PADDING_PT.top),
        bottom: pt(CELL_PADDING_PT.bottom),
        left: pt(CELL_PADDING_PT.left),
        right: pt(CELL_PADDING_PT.right),
      }),
      marginUnitType: WidthType.DXA,
    },
    rows: options.rows,
  });
}

export function dxa(size: number) {
  return { size, type: WidthType.DXA };
}

/** Each line of a cell is its own paragraph; numbered lines read "1. …" with a hanging indent. */
export function cellParagraphs(ctx: DocxContext, cell: Cell, align: Align | undefined): Paragraph[] {
  if (cell.lines.length === 0) return [new Paragraph({ children: [] })];
  return cell.lines.map((line, i) =>
    cell.numbered
      ? markedParagraph(ctx, `${i + 1}.`, line, { left: cm(0.6), hanging: cm(0.6), align, bold: cell.bold })
      : new Paragraph({
          alignment: alignment(align),
          children: inlineChildren(ctx, line, { bold: cell.bold }),
        }),
  );
}

function headerRow(ctx: DocxContext, columns: TableColumn[], widths: number[]): TableRow {
  return new TableRow({
    tableHeader: true,
    cantSplit: false,
    children: columns.map(
      (column, i) =>
        new TableCell({
          width: dxa(widths[i]!),
          shading: shading(HEADER_FILL),
          verticalAlign: VerticalAlignTable.CENTER,
          children: [
            new Paragraph({
              alignment: AlignmentType.CENTER,
              children: plainRun(ctx, column.header, { bold: true }),
            }),
          ],
        }),
    ),
  });
}

/** Cells laid on the grid: spans clamped to the columns left, missing cells added empty, extra lines kept. */
function layCells(cells: Cell[], columnCount: number): { cell: Cell; first: number; span: number }[] {
  const placed: { cell: Cell; first: number; span: number }[] = [];
  let next = 0;
  for (const cell of cells) {
    if (next >= columnCount) {
      const last = placed[placed.length - 1];
      if (last) last.cell = { ...last.cell, lines: [...last.cell.lines, ...cell.lines] };
      continue;
    }
    const span = Math.max(1, Math.min(cell.colSpan ?? 1, columnCount - next));
    placed.push({ cell, first: next, span });
    next += span;
  }
  for (; next < columnCount; next++) placed.push({ cell: { lines: [] }, first: next, span: 1 });
  return placed;
}

function cellsRow(ctx: DocxContext, cells: Cell[], columns: TableColumn[], widths: number[]): TableRow {
  return new TableRow({
    cantSplit: false,
    children: layCells(cells, columns.length).map(({ cell, first, span }) => {
      const fill = markFill(cell.mark);
      const width = widths.slice(first, first + span).reduce((a, b) => a + b, 0);
      return new TableCell({
        width: dxa(width),
        ...(span > 1 ? { columnSpan: span } : {}),
        ...(fill ? { shading: shading(fill) } : {}),
        children: cellParagraphs(ctx, cell, cell.align ?? columns[first]?.align),
      });
    }),
  });
}

function groupRow(
  ctx: DocxContext,
  row: Extract<TableBlock['rows'][number], { kind: 'group' }>,
  count: number,
) {
  return new TableRow({
    cantSplit: false,
    children: [
      new TableCell({
        width: dxa(ctx.textWidth),
        ...(count > 1 ? { columnSpan: count } : {}),
        shading: shading(markFill(row.mark) ?? GROUP_FILL),
        children: [
          new Paragraph({ keepNext: true, children: inlineChildren(ctx, row.text, { bold: true }) }),
        ],
      }),
    ],
  });
}

/** The caption, then the table, or the empty text in its place when there are no rows. */
export function tableBlock(ctx: DocxContext, block: TableBlock): FileChild[] {
  const caption = block.caption ? [captionParagraph(ctx, block.caption)] : [];
  if (block.rows.length === 0 || block.columns.length === 0) {
    return [...caption, new Paragraph({ children: plainRun(ctx, block.emptyText) })];
  }
  const widths = scaleWidths(
    block.columns.map((c) => c.width),
    ctx.textWidth,
  );
  const rows = [
    headerRow(ctx, block.columns, widths),
    ...block.rows.map((row) =>
      row.kind === 'group'
        ? groupRow(ctx, row, block.columns.length)
        : cellsRow(ctx, row.cells, block.columns, widths),
    ),
  ];
  return [...caption, fixedTable({ widths, rows, borders: GRID_BORDERS }), spacerParagraph(ctx)];
}
