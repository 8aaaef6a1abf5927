/**
 * What every part of the DOCX renderer shares: the rendering context (digits, font, sizes, text
 * width), unit conversions and the fill colours of marks.
 */
import {
  AlignmentType,
  BorderStyle,
  type IBorderOptions,
  type ISpacingProperties,
  LineRuleType,
  ShadingType,
} from 'docx';
import type { Align, Digits, Mark } from '../model.ts';

export type DocxContext = {
  digits: Digits;
  /** The font family written into every run (ascii, hAnsi, eastAsia and complex script). */
  family: string;
  /** Body size in points. */
  bodyPt: number;
  /** Width between the margins in twips. */
  textWidth: number;
  /** Line height in em from the font's ink bounds (line-metrics.ts), as the PDF has it. */
  lineEm: number;
};

/**
 * An exact line height for text of `sizePt` (the body size when absent): the font's ink bounds, the
 * same height the PDF gives a line, so both paginate alike and no Thai mark is clipped.
 */
export function exactLine(ctx: DocxContext, sizePt = ctx.bodyPt): ISpacingProperties {
  return { line: Math.round(ctx.lineEm * sizePt * 20), lineRule: LineRuleType.EXACT };
}

/** Twentieths of a point per centimetre. */
export const TWIPS_PER_CM = 1440 / 2.54;

export function cm(value: number): number {
  return Math.round(value * TWIPS_PER_CM);
}

/** Points → twips (paragraph spacing). */
export function pt(value: number): number {
  return Math.round(value * 20);
}

/** Points → half-points (run sizes). */
export function halfPoints(points: number): number {
  return Math.round(points * 2);
}

/** Centimetres → the pixels (96 per inch) docx uses for image sizes. */
export function cmToPixels(value: number): number {
  return (value / 2.54) * 96;
}

/** First-line indent of official Thai prose. */
export const PROSE_INDENT = cm(2.5);

type AlignmentValue = (typeof AlignmentType)[keyof typeof AlignmentType];

/** `justify` is Thai distributed justification, which spaces Thai text (no spaces between words) evenly. */
export function alignment(align: Align | undefined): AlignmentValue | undefined {
  switch (align) {
    case 'left':
      return AlignmentType.LEFT;
    case 'center':
      return AlignmentType.CENTER;
    case 'right':
      return AlignmentType.RIGHT;
    case 'justify':
      return AlignmentType.THAI_DISTRIBUTE;
    default:
      return undefined;
  }
}

/** Fills of marked table cells and group rows; `ok` has none. */
const MARK_FILL: Record<Mark, string | null> = {
  urgent: 'F8D0D0',
  develop: 'FCE4B6',
  strength: 'D5ECD4',
  ok: null,
  muted: 'E0E0E0',
};

/** Bars of a chart need a colour even when unmarked or `ok`: a light blue. */
const BAR_DEFAULT_FILL = 'BDD7EE';

export const HEADER_FILL = 'D9D9D9';
export const GROUP_FILL = 'F2F2F2';

export function markFill(mark: Mark | undefined): string | null {
  return mark ? MARK_FILL[mark] : null;
}

export function barFill(mark: Mark | undefined): string {
  return markFill(mark) ?? BAR_DEFAULT_FILL;
}

export function shading(fill: string) {
  return { type: ShadingType.CLEAR, color: 'auto', fill };
}

/** A thin single line (½ pt). */
export const THIN: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
export const NO_BORDER: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'auto' };
