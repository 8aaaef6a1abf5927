/**
 * Runs: every run carries the document font in all four slots (ascii, hAnsi, eastAsia and the
 * complex-script slot Word uses for Thai), its size in both the normal and the complex-script
 * slot, and the Thai language, so Word and LibreOffice pick the right font, size and line breaking.
 */
import { ExternalHyperlink, type IRunOptions, type ParagraphChild, Tab, TextRun } from 'docx';
import { runsOf, runText } from '../digits.ts';
import type { Inline, Run } from '../model.ts';
import { runDisplayText } from '../typography/thai-compounds.ts';
import { type DocxContext, halfPoints } from './style.ts';

export type RunStyle = {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** Size in points; the body size when absent. */
  sizePt?: number;
};

/** The language of every run: Thai both as the Latin and as the complex-script language. */
export const THAI_LANGUAGE = { value: 'th-TH', bidirectional: 'th-TH' } as const;

/** Font, size and language, without emphasis: the document defaults and the base of every run. */
export function baseRunProperties(ctx: DocxContext, sizePt = ctx.bodyPt) {
  const size = halfPoints(sizePt);
  return {
    font: { ascii: ctx.family, hAnsi: ctx.family, eastAsia: ctx.family, cs: ctx.family },
    size,
    sizeComplexScript: size,
    language: THAI_LANGUAGE,
  };
}

export function runProperties(ctx: DocxContext, style: RunStyle = {}): IRunOptions {
  const bold = style.bold === true;
  const italic = style.italic === true;
  return {
    ...baseRunProperties(ctx, style.sizePt),
    ...(bold ? { bold: true, boldComplexScript: true } : {}),
    ...(italic ? { italics: true, italicsComplexScript: true } : {}),
    ...(style.underline ? { underline: {} } : {}),
  };
}

/** Text runs for one piece of text; a line feed in the text becomes a line break. */
function textRuns(text: string, props: IRunOptions): TextRun[] {
  return text
    .split('\n')
    .map((part, i) => new TextRun({ ...props, text: part, ...(i > 0 ? { break: 1 } : {}) }));
}

function runChildren(ctx: DocxContext, run: Run, style: RunStyle): ParagraphChild[] {
  const props = runProperties(ctx, {
    ...style,
    bold: style.bold || run.bold,
    italic: style.italic || run.italic,
    underline: style.underline || run.underline,
  });
  const text = runDisplayText(run, ctx.digits);
  if (run.link) {
    return [
      new ExternalHyperlink({ link: run.link, children: textRuns(text, { ...props, style: 'Hyperlink' }) }),
    ];
  }
  return textRuns(text, props);
}

/** A paragraph's content as docx children, digits converted except in literal and link runs. */
export function inlineChildren(ctx: DocxContext, inline: Inline, style: RunStyle = {}): ParagraphChild[] {
  return runsOf(inline).flatMap((run) => runChildren(ctx, run, style));
}

/** Plain text (a label, a header, a number) as one run; digits converted. */
export function plainRun(ctx: DocxContext, text: string, style: RunStyle = {}): ParagraphChild[] {
  return inlineChildren(ctx, text, style);
}

/** A tab character with the run properties of the surrounding text. */
export function tabRun(ctx: DocxContext, style: RunStyle = {}): TextRun {
  return new TextRun({ ...runProperties(ctx, style), children: [new Tab()] });
}

/** The plain text of an inline, digits converted (for places that need a string). */
export function inlineText(ctx: DocxContext, inline: Inline): string {
  return runsOf(inline)
    .map((run) => runText(run, ctx.digits))
    .join('');
}
