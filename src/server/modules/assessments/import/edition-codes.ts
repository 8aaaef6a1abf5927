import { type ScoreScope, TOTAL_CODE } from '#shared/assessments/scores.ts';
import type { Edition } from '#shared/catalogue/edition.schema.ts';

/** One score slot of an edition, in the order a report prints them. */
export type EditionCode = {
  scope: ScoreScope;
  /** The code stored in a `ScoreEntry`: 'ITA', 'IIT', '6', '9.1', 'i7', 'o14'. */
  code: string;
  /** How templates print the code; `resolveCode` reads it back: 'ITA', 'IIT', 'ตัวชี้วัดที่ 6', 'ตัวชี้วัดย่อยที่ 9.1', 'i7', 'O14'. */
  label: string;
  /** Thai name or question text, for a help column; '' when the edition has none. */
  name_th: string;
};

/**
 * Every score slot of an edition: total, then per instrument the instrument, its indicators, and under
 * each indicator its questions without a sub-indicator, then each sub-indicator with its questions.
 */
export function listEditionCodes(edition: Edition): EditionCode[] {
  const out: EditionCode[] = [{ scope: 'total', code: TOTAL_CODE, label: TOTAL_CODE, name_th: 'คะแนนรวม' }];
  for (const instrument of edition.instruments) {
    out.push({
      scope: 'instrument',
      code: instrument.code,
      label: instrument.code,
      name_th: instrument.name_th,
    });
    for (const indicator of edition.indicators.filter((i) => i.instrument === instrument.code)) {
      out.push({
        scope: 'indicator',
        code: String(indicator.number),
        label: `ตัวชี้วัดที่ ${indicator.number}`,
        name_th: indicator.name_th,
      });
      const questions = edition.questions.filter((q) => q.indicator === indicator.number);
      for (const q of questions.filter((x) => x.sub_indicator === undefined)) {
        out.push({ scope: 'question', code: q.code, label: q.display_code, name_th: questionText(q) });
      }
      for (const sub of edition.sub_indicators.filter((s) => s.indicator === indicator.number)) {
        out.push({
          scope: 'sub_indicator',
          code: sub.code,
          label: `ตัวชี้วัดย่อยที่ ${sub.code}`,
          name_th: sub.name_th,
        });
        for (const q of questions.filter((x) => x.sub_indicator === sub.code)) {
          out.push({ scope: 'question', code: q.code, label: q.display_code, name_th: questionText(q) });
        }
      }
    }
  }
  return out;
}

function questionText(q: Edition['questions'][number]): string {
  return q.text_th ?? q.text_th_as_found ?? '';
}

/** Questions of an indicator (all of its sub-indicators included). */
export function questionsOfIndicator(edition: Edition, indicator: number): string[] {
  return edition.questions.filter((q) => q.indicator === indicator).map((q) => q.code);
}
