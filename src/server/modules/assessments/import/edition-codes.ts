import { type ScoreScope, TOTAL_CODE } from '#shared/assessments/scores.ts';
import type { Edition } from '#shared/catalogue/edition.schema.ts';

/** One score slot of an edition, in the order a report prints them. */
export type EditionCode = {
  scope: ScoreScope;
  /** The code stored in a `ScoreEntry`: 'ITA', 'IIT', '6', '9.1', 'i7', 'o14'. */
  code: string;
  /** How templates print the code; `resolveCode` reads it back: 'ITA', 'IIT', 'ตัวชี้วัดที่ 6', 'ตัวชี้วัดย่อยที่ 9.1', 'i7', 'O14'. */
  label: string;
  /** Thai name or question text, for a help column; a question without wording: its code and indicator. */
  name_th: string;
};

/**
 * Every score slot of an edition in its natural order: total, then per instrument the instrument and
 * its indicators; under each indicator its questions by number, each sub-indicator just before its
 * first question (a sub-indicator without questions after the indicator's questions).
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
      const subs = edition.sub_indicators
        .filter((s) => s.indicator === indicator.number)
        .sort((a, b) => subNumber(a.code) - subNumber(b.code));
      const emitted = new Set<string>();
      const emitSubsUpTo = (limit: number) => {
        for (const sub of subs) {
          if (emitted.has(sub.code) || subNumber(sub.code) > limit) continue;
          emitted.add(sub.code);
          out.push({
            scope: 'sub_indicator',
            code: sub.code,
            label: `ตัวชี้วัดย่อยที่ ${sub.code}`,
            name_th: sub.name_th,
          });
        }
      };
      const questions = edition.questions
        .filter((q) => q.indicator === indicator.number)
        .sort((a, b) => Number(a.code.slice(1)) - Number(b.code.slice(1)));
      for (const q of questions) {
        if (q.sub_indicator !== undefined && !emitted.has(q.sub_indicator))
          emitSubsUpTo(subNumber(q.sub_indicator));
        out.push({
          scope: 'question',
          code: q.code,
          label: q.display_code,
          name_th: questionText(edition, q),
        });
      }
      emitSubsUpTo(Number.POSITIVE_INFINITY);
    }
  }
  return out;
}

const subNumber = (code: string) => Number(code.split('.')[1]);

/**
 * The wording of a question, for a help column; without wording its code and where it belongs
 * ("O2 (ตัวชี้วัดย่อยที่ 9.1 ข้อมูลพื้นฐาน)"), never an agency's own heading.
 */
export function questionText(edition: Edition, q: Edition['questions'][number]): string {
  if (q.text_th !== null) return q.text_th;
  const sub = q.sub_indicator ? edition.sub_indicators.find((s) => s.code === q.sub_indicator) : undefined;
  if (sub) return `${q.display_code} (ตัวชี้วัดย่อยที่ ${sub.code} ${sub.name_th})`;
  const indicator = edition.indicators.find((i) => i.number === q.indicator);
  return `${q.display_code} (ตัวชี้วัดที่ ${q.indicator}${indicator ? ` ${indicator.name_th}` : ''})`;
}

/** Questions of an indicator (all of its sub-indicators included). */
export function questionsOfIndicator(edition: Edition, indicator: number): string[] {
  return edition.questions.filter((q) => q.indicator === indicator).map((q) => q.code);
}
