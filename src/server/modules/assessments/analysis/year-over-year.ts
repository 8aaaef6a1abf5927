import type { z } from 'zod';
import type { yoySchema } from '#shared/assessments/analysis.ts';
import type { Edition, EditionQuestion } from '#shared/catalogue/edition.schema.ts';
import { mappedFromCode } from '#shared/catalogue/question-mappings.ts';
import { round2, type ScoreIndex } from './score-index.ts';

export type Yoy = z.infer<typeof yoySchema>;
export type PreviousResult = { fiscalYear: number; index: ScoreIndex };

const normalise = (text: string | null) => text?.replace(/\s+/g, '').normalize('NFC') ?? null;

function wordingOf(q: EditionQuestion): string[] {
  return [q.text_th, ...(q.text_th_alternatives ?? []).map((a) => a.text_th)]
    .map(normalise)
    .filter((t): t is string => t !== null);
}

/**
 * The previous year's question that asks the same thing. Same edition year: same code. Across
 * editions (NACC renumbers and rewords): the edition's `question_mappings` when it has one for that
 * year (a null pair says there is none); else a question whose recorded wording matches, preferring
 * the same code; otherwise there is no mapping, and the row says so.
 */
export function matchPreviousQuestion(
  current: EditionQuestion,
  currentEdition: Edition,
  previousEdition: Edition,
): { code: string; matchedBy: 'same_code' | 'mapping' } | null {
  if (currentEdition.fiscal_year === previousEdition.fiscal_year)
    return { code: current.code, matchedBy: 'same_code' };
  const mapped = mappedFromCode(currentEdition, previousEdition.fiscal_year, current.code);
  if (mapped === null) return null;
  if (mapped !== undefined)
    return { code: mapped, matchedBy: mapped === current.code ? 'same_code' : 'mapping' };
  const wording = new Set(wordingOf(current));
  if (wording.size === 0) return null;
  const candidates = previousEdition.questions.filter(
    (p) => p.instrument === current.instrument && wordingOf(p).some((w) => wording.has(w)),
  );
  const same = candidates.find((p) => p.code === current.code);
  if (same) return { code: same.code, matchedBy: 'same_code' };
  return candidates.length === 1 ? { code: candidates[0]!.code, matchedBy: 'mapping' } : null;
}

export function yoyOf(
  current: number | null,
  previous: number | null,
  fiscalYear: number,
  matchedBy: Yoy['matchedBy'],
  previousCode: string | null,
): Yoy {
  if (previous === null) {
    return {
      previousFiscalYear: fiscalYear,
      previous: null,
      change: null,
      matchedBy: matchedBy === 'no_mapping' ? 'no_mapping' : 'not_assessed',
      previousCode,
    };
  }
  return {
    previousFiscalYear: fiscalYear,
    previous,
    change: current === null ? null : round2(current - previous),
    matchedBy,
    previousCode,
  };
}

export function questionYoy(
  q: EditionQuestion,
  current: number | null,
  edition: Edition,
  previous: PreviousResult,
): Yoy {
  const match = matchPreviousQuestion(q, edition, previous.index.edition);
  if (!match) return yoyOf(current, null, previous.fiscalYear, 'no_mapping', null);
  return yoyOf(
    current,
    previous.index.questionScore(match.code),
    previous.fiscalYear,
    match.matchedBy,
    match.code,
  );
}
