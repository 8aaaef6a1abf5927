import type { ScoreEntry, ScoreScope } from '#shared/assessments/scores.ts';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import type { ErrorDetail } from '#shared/http/api-error.ts';

/** Every (scope, code) an edition can hold a score for. */
export function editionCodes(edition: Edition): Map<ScoreScope, Set<string>> {
  return new Map<ScoreScope, Set<string>>([
    ['total', new Set(['ITA'])],
    ['instrument', new Set(edition.instruments.map((i) => i.code))],
    ['indicator', new Set(edition.indicators.map((i) => String(i.number)))],
    ['sub_indicator', new Set(edition.sub_indicators.map((s) => s.code))],
    ['question', new Set(edition.questions.map((q) => q.code))],
  ]);
}

/** Scores sent by the entry form: every code must exist in the edition, and only once. */
export function checkScoresAgainstEdition(edition: Edition, scores: readonly ScoreEntry[]): ErrorDetail[] {
  const codes = editionCodes(edition);
  const seen = new Set<string>();
  const errors: ErrorDetail[] = [];
  scores.forEach((s, i) => {
    if (!codes.get(s.scope)?.has(s.code)) {
      errors.push({
        path: `scores[${i}].code`,
        message_th: `ไม่มีรหัส ${s.code} (${s.scope}) ในกรอบการประเมินปี ${edition.fiscal_year}`,
        message_en: `${s.scope} ${s.code} does not exist in the ${edition.fiscal_year} edition`,
      });
    }
    const key = `${s.scope}:${s.code}`;
    if (seen.has(key)) {
      errors.push({
        path: `scores[${i}].code`,
        message_th: `รหัส ${s.code} ซ้ำ`,
        message_en: `${s.code} is given twice`,
      });
    }
    seen.add(key);
  });
  return errors;
}
