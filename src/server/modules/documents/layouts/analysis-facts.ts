import type { ScoreEntry } from '#shared/assessments/scores.ts';
import type { Edition, InstrumentCode } from '#shared/catalogue/edition.schema.ts';
import { ScoreIndex } from '../../assessments/analysis/score-index.ts';

/**
 * What a result holds for one place of the edition, three different facts a document must not
 * confuse: a score (`scored`), a score imported as `-` (`not_assessed`: an entry with no score), or
 * nothing at all (`not_entered`: no entry; an empty import cell gives nothing, decision 009).
 */
export type ScoreState = 'scored' | 'not_assessed' | 'not_entered';

export type QuestionFact = {
  code: string;
  displayCode: string;
  instrument: InstrumentCode;
  indicator: number;
  subIndicator: string | null;
  /** The question's (or OIT item's) wording in the edition; null where the catalogue does not know it. */
  wording: string | null;
  state: ScoreState;
  /** The score as the analysis counts it (an OIT item's มี/ไม่มี as 100/0). */
  score: number | null;
  passed: boolean | null;
  reason: string | null;
  recommendation: string | null;
};

/** The edition's structure and the result's entries, beside the stored analysis outcome. */
export type AnalysisFacts = {
  editionFiscalYear: number;
  total: ScoreState;
  instruments: { code: InstrumentCode; name_th: string; state: ScoreState; weightPercent: number | null }[];
  indicators: { number: number; instrument: InstrumentCode; name_th: string; state: ScoreState }[];
  subIndicators: { code: string; indicator: number; name_th: string }[];
  /** Every question and OIT item of the edition, in the edition's order. */
  questions: QuestionFact[];
  /** NACC's suggestions stored on other places than questions (an indicator, a sub-indicator, an instrument, the total). */
  otherRecommendations: {
    scope: 'total' | 'instrument' | 'indicator' | 'sub_indicator';
    code: string;
    text: string;
  }[];
  /** The result's scores were changed after the analysis was computed: the outcome may not match them. */
  scoresChangedAfterAnalysis: boolean;
};

const stateOf = (score: number | null, entry: ScoreEntry | undefined): ScoreState =>
  score !== null ? 'scored' : entry ? 'not_assessed' : 'not_entered';

/** The facts of a result against its edition (pure: the same entries always give the same facts). */
export function analysisFacts(
  edition: Edition,
  scores: readonly ScoreEntry[],
  scoresChangedAfterAnalysis = false,
): AnalysisFacts {
  const index = new ScoreIndex(edition, scores);
  const questions: QuestionFact[] = edition.questions.map((q) => {
    const entry = index.entry('question', q.code);
    const score = index.questionScore(q.code);
    return {
      code: q.code,
      displayCode: q.display_code,
      instrument: q.instrument,
      indicator: q.indicator,
      subIndicator: q.sub_indicator ?? null,
      wording: q.text_th?.trim() || null,
      state: stateOf(score, entry),
      score,
      passed: entry?.passed ?? null,
      reason: entry?.reason?.trim() || null,
      recommendation: entry?.recommendation?.trim() || null,
    };
  });
  const scopeOrder = { total: 0, instrument: 1, indicator: 2, sub_indicator: 3 } as const;
  const otherRecommendations = scores
    .filter(
      (s): s is ScoreEntry & { scope: keyof typeof scopeOrder } =>
        s.scope !== 'question' && !!s.recommendation?.trim(),
    )
    .map((s) => ({ scope: s.scope, code: s.code, text: s.recommendation!.trim() }))
    .sort(
      (a, b) =>
        scopeOrder[a.scope] - scopeOrder[b.scope] || a.code.localeCompare(b.code, 'en', { numeric: true }),
    );
  return {
    editionFiscalYear: edition.fiscal_year,
    total: stateOf(index.total(), index.entry('total', 'ITA')),
    instruments: edition.instruments.map((i) => ({
      code: i.code,
      name_th: i.name_th,
      state: stateOf(index.instrumentScore(i.code), index.entry('instrument', i.code)),
      weightPercent: i.weight_percent,
    })),
    indicators: edition.indicators.map((i) => ({
      number: i.number,
      instrument: i.instrument,
      name_th: i.name_th,
      state: stateOf(index.indicatorScore(i.number), index.entry('indicator', String(i.number))),
    })),
    subIndicators: edition.sub_indicators.map((s) => ({
      code: s.code,
      indicator: s.indicator,
      name_th: s.name_th,
    })),
    questions,
    otherRecommendations,
    scoresChangedAfterAnalysis,
  };
}
