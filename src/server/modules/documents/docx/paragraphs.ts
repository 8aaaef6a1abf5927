/**
 * Paragraph blocks: headings, prose, lists, labelled fields (a memo's heading lines), signatures
 * and page breaks.
 */
import { AlignmentType, HeadingLevel, LineRuleType, PageBreak, Paragraph, TabStopType } from 'docx';
import type { Align, Block, Inline } from '../model.ts';
import { SPACE_PT, headingSizePt as sharedHeadingSizePt } from '../typesetting.ts';
import { inlineChildren, plainRun, tabRun } from './runs.ts';
import { alignment, cm, type DocxContext, exactLine, PROSE_INDENT, pt } from './style.ts';

type HeadingBlock = Extract<Block, { kind: 'heading' }>;
type ParagraphBlock = Extract<Block, { kind: 'paragraph' }>;
type ListBlock = Extract<Block, { kind: 'list' }>;
type FieldsBlock = Extract<Block, { kind: 'fields' }>;
type SignatureBlock = Extract<Block, { kind: 'signature' }>;

/** Heading sizes: level 1 ≈ 1.25 × body, level 2 = body + 2 pt, level 3 = body (as the PDF has them). */
export function headingSizePt(ctx: DocxContext, level: 1 | 2 | 3): number {
  return sharedHeadingSizePt(ctx.bodyPt, level);
}

const HEADING_LEVELS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const;

/** Whether a paragraph is kept on the page of the block after it (a signature, a table). */
export type Keep = { keepNext?: boolean };

export function headingParagraph(
  ctx: DocxContext,
  block: HeadingBlock,
  override: { sizePt?: number; align?: Align } = {},
): Paragraph {
  const defaultAlign: Align = block.level === 1 ? 'center' : 'left';
  const sizePt = override.sizePt ?? headingSizePt(ctx, block.level);
  const space = SPACE_PT.heading[block.level];
  return new Paragraph({
    heading: HEADING_LEVELS[block.level - 1],
    alignment: alignment(override.align ?? block.align ?? defaultAlign),
    keepNext: true,
    keepLines: true,
    spacing: { before: pt(space.before), after: pt(space.after), ...exactLine(ctx, sizePt) },
    children: inlineChildren(ctx, block.text, { bold: true, sizePt }),
  });
}

export function proseParagraph(ctx: DocxContext, block: ParagraphBlock, keep: Keep = {}): Paragraph {
  return new Paragraph({
    alignment: alignment(block.align),
    ...(keep.keepNext ? { keepNext: true, keepLines: true } : {}),
    spacing: { before: pt(block.spaceBefore ?? 0), after: pt(SPACE_PT.paragraphAfter) },
    ...(block.indent ? { indent: { firstLine: PROSE_INDENT } } : {}),
    children: inlineChildren(ctx, block.text),
  });
}

/** A numbered or bulleted line with a hanging indent: the marker, a tab, then the text. */
export function markedParagraph(
  ctx: DocxContext,
  marker: string,
  text: Inline,
  options: { left: number; hanging: number; align?: Align; bold?: boolean; keepNext?: boolean },
): Paragraph {
  return new Paragraph({
    alignment: alignment(options.align),
    ...(options.keepNext ? { keepNext: true, keepLines: true } : {}),
    indent: { left: options.left, hanging: options.hanging },
    tabStops: [{ type: TabStopType.LEFT, position: options.left }],
    children: [
      ...plainRun(ctx, marker, { bold: options.bold }),
      tabRun(ctx),
      ...inlineChildren(ctx, text, { bold: options.bold }),
    ],
  });
}

export function listParagraphs(ctx: DocxContext, block: ListBlock, keep: Keep = {}): Paragraph[] {
  return block.items.map((item, i) =>
    markedParagraph(ctx, block.ordered ? `${i + 1}.` : '•', item, {
      left: cm(1.5),
      hanging: cm(0.75),
      keepNext: keep.keepNext === true && i === block.items.length - 1,
    }),
  );
}

/** Label/value lines; a second pair on a line (ที่ … วันที่ …) starts at a tab stop at half the width. */
export function fieldsParagraphs(ctx: DocxContext, block: FieldsBlock, keep: Keep = {}): Paragraph[] {
  const half = Math.round(ctx.textWidth / 2);
  return block.lines.map(
    (pairs, i) =>
      new Paragraph({
        ...(keep.keepNext && i === block.lines.length - 1 ? { keepNext: true, keepLines: true } : {}),
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

/**
 * A signature block in the right half: space to sign (or the caption's dotted line), (name),
 * positions; every line kept with the next, so the block never breaks (the paragraph before it is
 * kept with it by renderDocx).
 */
export function signatureParagraphs(ctx: DocxContext, block: SignatureBlock): Paragraph[] {
  const indent = { left: Math.round(ctx.textWidth / 2) };
  const line = (children: ReturnType<typeof plainRun>, keepNext: boolean, before = 0) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      indent,
      keepNext,
      keepLines: true,
      spacing: { before, after: 0 },
      children,
    });
  const signed = block.electronic;
  if (signed) {
    // Signed electronically (decision 024): the label where the hand signature would be, the lines after.
    const after = signed.lines;
    const rest = [
      ...block.positions.map((p) => plainRun(ctx, p)),
      ...after.map((l) => inlineChildren(ctx, l)),
    ];
    return [
      line([], true, pt(SPACE_PT.signatureBefore)),
      ...(block.caption ? [line(plainRun(ctx, block.caption), true, pt(12))] : []),
      line(plainRun(ctx, signed.label), true),
      line(plainRun(ctx, `(${block.name})`), rest.length > 0),
      ...rest.map((children, i) => line(children, i < rest.length - 1)),
    ];
  }
  const signLine = block.caption ? plainRun(ctx, `${block.caption} ${'.'.repeat(40)}`) : [];
  return [
    line([], true, pt(SPACE_PT.signatureBefore)),
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
    keepLines: true,
    spacing: { before: pt(SPACE_PT.captionBefore), after: pt(SPACE_PT.captionAfter) },
    children: plainRun(ctx, text, { bold: true }),
  });
}

/**
 * A small empty paragraph after a table, exactly as tall as the space the PDF leaves after one: keeps
 * consecutive tables apart and the body ending in a paragraph.
 */
export function spacerParagraph(ctx: DocxContext): Paragraph {
  return new Paragraph({
    spacing: { before: 0, after: 0, line: pt(SPACE_PT.tableAfter), lineRule: LineRuleType.EXACT },
    run: {
      size: Math.max(2, Math.round(ctx.bodyPt)),
      sizeComplexScript: Math.max(2, Math.round(ctx.bodyPt)),
    },
    children: [],
  });
}
