/**
 * Paragraph blocks: headings, prose, lists, labelled fields (a memo's heading lines), signatures
 * and page breaks.
 */
import { AlignmentType, PageBreak, Paragraph, TabStopType } from 'docx';
import type { Align, Block, Inline } from '../model.ts';
import { inlineChildren, plainRun, tabRun } from './runs.ts';
import { alignment, cm, type DocxContext, PROSE_INDENT, pt } from './style.ts';

type HeadingBlock = Extract<Block, { kind: 'heading' }>;
type ParagraphBlock = Extract<Block, { kind: 'paragraph' }>;
type ListBlock = Extract<Block, { kind: 'list' }>;
type FieldsBlock = Extract<Block, { kind: 'fields' }>;
type SignatureBlock = Extract<Block, { kind: 'signature' }>;

/** Heading sizes: level 1 ≈ 1.25 × body, level 2 = body + 2 pt, level 3 = body. */
export function headingSizePt(ctx: DocxContext, level: 1 | 2 | 3): number {
  if (level === 1) return Math.round(ctx.bodyPt * 1.25);
  return level === 2 ? ctx.bodyPt + 2 : ctx.bodyPt;
}

export function headingParagraph(
  ctx: DocxContext,
  block: HeadingBlock,
  override: { sizePt?: number; align?: Align } = {},
): Paragraph {
  const defaultAlign: Align = block.level === 1 ? 'center' : 'left';
  return new Paragraph({
    alignment: alignment(override.align ?? block.align ?? defaultAlign),
    outlineLevel: block.level - 1,
    keepNext: true,
    keepLines: true,
    spacing:
      block.level === 1
        ? { before: 0, after: pt(6) }
        : { before: pt(block.level === 2 ? 12 : 6), after: pt(3) },
    children: inlineChildren(ctx, block.text, {
      bold: true,
      sizePt: override.sizePt ?? headingSizePt(ctx, block.level),
    }),
  });
}

export function proseParagraph(ctx: DocxContext, block: ParagraphBlock): Paragraph {
  return new Paragraph({
    alignment: alignment(block.align),
    spacing: { before: pt(block.spaceBefore ?? 0), after: pt(3) },
    ...(block.indent ? { indent: { firstLine: PROSE_INDENT } } : {}),
    children: inlineChildren(ctx, block.text),
  });
}

/** A numbered or bulleted line with a hanging indent: the marker, a tab, then the text. */
export function markedParagraph(
  ctx: DocxContext,
  marker: string,
  text: Inline,
  options: { left: number; hanging: number; align?: Align; bold?: boolean },
): Paragraph {
  return new Paragraph({
    alignment: alignment(options.align),
    indent: { left: options.left, hanging: options.hanging },
    tabStops: [{ type: TabStopType.LEFT, position: options.left }],
    children: [
      ...plainRun(ctx, marker, { bold: options.bold }),
      tabRun(ctx),
      ...inlineChildren(ctx, text, { bold: options.bold }),
    ],
  });
}

export function listParagraphs(ctx: DocxContext, block: ListBlock): Paragraph[] {
  return block.items.map((item, i) =>
    markedParagraph(ctx, block.ordered ? `${i + 1}.` : '•', item, { left: cm(1.5), hanging: cm(0.75) }),
  );
}

/** Label/value lines; a second pair on a line (ที่ … วันที่ …) starts at a tab stop at half the width. */
export function fieldsParagraphs(ctx: DocxContext, block: FieldsBlock): Paragraph[] {
  const half = Math.round(ctx.textWidth / 2);
  return block.lines.map(
    (pairs) =>
      new Paragraph({
        tabStops: [{ type: TabStopType.LEFT, position: half }],
        spacing: { before: 0, after: 0 },
        children: pairs.flatMap((pair, i) => [
          ...(i > 0 ? [tabRun(ctx)] : []),
          ...plainRun(ctx, pair.label, { bold: true }),
          ...plainRun(ctx, ' '),
          ...inlineChildren(ctx, pair.value),
        ]),
      }),
  );
}

/** A signature block in the right half: space to sign (or the caption's dotted line), (name), positions. */
export function signatureParagraphs(ctx: DocxContext, block: SignatureBlock): Paragraph[] {
  const indent = { left: Math.round(ctx.textWidth / 2) };
  const line = (children: ReturnType<typeof plainRun>, keepNext: boolean, before = 0) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      indent,
      keepNext,
      spacing: { before, after: 0 },
      children,
    });
  const signLine = block.caption ? plainRun(ctx, `${block.caption} ${'.'.repeat(40)}`) : [];
  return [
    line([], true, pt(12)),
    line(signLine, true, pt(block.caption ? 12 : 0)),
    line(plainRun(ctx, `(${block.name})`), block.positions.length > 0),
    ...block.positions.map((position, i) => line(plainRun(ctx, position), i < block.positions.length - 1)),
  ];
}

export function pageBreakParagraph(): Paragraph {
  return new Paragraph({ children: [new PageBreak()] });
}

/** A bold line above a table or chart, kept with it. */
export function captionParagraph(ctx: DocxContext, text: string): Paragraph {
  return new Paragraph({
    keepNext: true,
    spacing: { before: pt(6), after: pt(3) },
    children: plainRun(ctx, text, { bold: true }),
  });
}

/** A small empty paragraph after a table: keeps consecutive tables apart and the body ending in a paragraph. */
export function spacerParagraph(ctx: DocxContext): Paragraph {
  return new Paragraph({
    spacing: { before: 0, after: 0 },
    run: {
      size: Math.max(2, Math.round(ctx.bodyPt)),
      sizeComplexScript: Math.max(2, Math.round(ctx.bodyPt)),
    },
    children: [],
  });
}
