import type { ScoreEntry, ScoreScope } from '#shared/assessments/scores.ts';
import { scoreKey, TOTAL_CODE } from '#shared/assessments/scores.ts';
import type { Edition, EditionQuestion, InstrumentCode } from '#shared/catalogue/edition.schema.ts';

/** One score of the form, as typed (the score stays text so Thai digits and "-" can be typed). */
export type EntryRow = {
  scope: ScoreScope;
  code: string;
  score: string;
  passed: '' | 'yes' | 'no';
  reason: string;
  recommendation: string;
};

export type EntryValues = { statedLevel: string; rows: EntryRow[] };

export type QuestionSlot = { row: number; question: EditionQuestion };
export type SubIndicatorSlot = {
  row: number;
  code: string;
  name_th: string;
  name_en: string;
  questions: QuestionSlot[];
};
export type IndicatorSlot = {
  row: number;
  number: number;
  name_th: string;
  name_en: string;
  questions: QuestionSlot[];
  subIndicators: SubIndicatorSlot[];
};
export type InstrumentSlot = {
  row: number;
  code: InstrumentCode;
  name_th: string;
  name_en: string;
  indicators: IndicatorSlot[];
};

/** Where each score of the edition sits in the form: total, instruments, indicators, sub-indicators, questions. */
export type EntryLayout = { total: number; instruments: InstrumentSlot[]; keys: string[] };

export function buildLayout(edition: Edition): EntryLayout {
  const keys: string[] = [];
  const slot = (scope: ScoreScope, code: string) => {
    keys.push(scoreKey({ scope, code }));
    return keys.length - 1;
  };
  const question = (q: EditionQuestion): QuestionSlot => ({ row: slot('question', q.code), question: q });
  const total = slot('total', TOTAL_CODE);
  const instruments = edition.instruments.map((instrument) => ({
    row: slot('instrument', instrument.code),
    code: instrument.code,
    name_th: instrument.name_th,
    name_en: instrument.name_en,
    indicators: edition.indicators
      .filter((i) => i.instrument === instrument.code)
      .map((indicator) => ({
        row: slot('indicator', String(indicator.number)),
        number: indicator.number,
        name_th: indicator.name_th,
        name_en: indicator.name_en,
        questions: edition.questions
          .filter((q) => q.indicator === indicator.number && !q.sub_indicator)
          .map(question),
        subIndicators: edition.sub_indicators
          .filter((s) => s.indicator === indicator.number)
          .map((sub) => ({
            row: slot('sub_indicator', sub.code),
            code: sub.code,
            name_th: sub.name_th,
            name_en: sub.name_en,
            questions: edition.questions.filter((q) => q.sub_indicator === sub.code).map(question),
          })),
      })),
  }));
  return { total, instruments, keys };
}

const blankRow = (key: string): EntryRow => {
  const [scope, ...rest] = key.split(':');
  return {
    scope: scope as ScoreScope,
    code: rest.join(':'),
    score: '',
    passed: '',
    reason: '',
    recommendation: '',
  };
};

/** Two decimals as everywhere else, unless the stored score has more (it is not rounded here). */
const scoreText = (score: number) => (Number(score.toFixed(2)) === score ? score.toFixed(2) : String(score));

/** The form's starting values: the stored scores where there are some, blanks elsewhere. */
export function initialRows(layout: EntryLayout, scores: readonly ScoreEntry[]): EntryRow[] {
  const stored = new Map(scores.map((s) => [scoreKey(s), s]));
  return layout.keys.map((key) => {
    const row = blankRow(key);
    const s = stored.get(key);
    if (!s) return row;
    return {
      ...row,
      score: s.score === null ? '-' : scoreText(s.score),
      passed: s.passed === null ? '' : s.passed ? 'yes' : 'no',
      reason: s.reason ?? '',
      recommendation: s.recommendation ?? '',
    };
  });
}

/** Stored scores the chosen edition has no place for (they would be dropped on saving). */
export function scoresOutsideLayout(layout: EntryLayout, scores: readonly ScoreEntry[]): ScoreEntry[] {
  const keys = new Set(layout.keys);
  return scores.filter((s) => !keys.has(scoreKey(s)));
}
