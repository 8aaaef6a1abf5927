/**
 * Digit conversion shared by every document renderer (DOCX, HTML→PDF): the model is written with
 * Arabic digits and a renderer turns them into Thai digits when the options ask for it, except in
 * runs marked `literal` or `link` (URLs, e-mail addresses, codes that must match another system).
 */
import { toThaiDigits } from '#shared/format/thai.ts';
import type { Digits, Inline, Run } from './model.ts';

/** The text with 0-9 as Thai digits when `digits` is 'thai'; unchanged when 'arabic'. */
export function applyDigits(text: string, digits: Digits): string {
  return digits === 'thai' ? toThaiDigits(text) : text;
}

/** A paragraph's content as runs: a plain string becomes one plain run. */
export function runsOf(inline: Inline): Run[] {
  return typeof inline === 'string' ? [{ text: inline }] : inline;
}

/** Whether a run keeps its text exactly as written (no digit conversion). */
export function isLiteral(run: Run): boolean {
  return run.literal === true || run.link !== undefined;
}

/** A run's text as it should be shown: digits converted unless the run is literal or a link. */
export function runText(run: Run, digits: Digits): string {
  return isLiteral(run) ? run.text : applyDigits(run.text, digits);
}
