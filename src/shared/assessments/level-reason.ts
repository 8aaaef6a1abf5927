import type { AnalysisOutcome } from './analysis.ts';

type Words = { th: string; en: string };

const list = (items: readonly string[], and: string) =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;

/**
 * Why an analysis has no total or no computed level, from what its outcome shows: the instruments
 * without a score ("ไม่มีคะแนนแบบ EIT"), the instruments whose weight the edition does not set (when
 * the caller knows them), or a total that matches no level. Null when the level was computed. The
 * level rules themselves stay in `evaluateLevel`.
 */
export function levelReason(
  outcome: Pick<AnalysisOutcome, 'instruments' | 'total' | 'level'>,
  unweighted: { editionFiscalYear: number; codes: readonly string[] } | null = null,
): Words | null {
  const missing = outcome.instruments.filter((i) => i.score === null).map((i) => i.code);
  if (outcome.total !== null && outcome.level.computed !== null) return null;
  if (missing.length > 0) {
    return { th: `ไม่มีคะแนนแบบ ${list(missing, 'และ')}`, en: `no ${list(missing, 'and')} score` };
  }
  if (outcome.total === null) {
    if (unweighted && unweighted.codes.length > 0) {
      return {
        th: `กรอบการประเมินปี ${unweighted.editionFiscalYear} ไม่ได้กำหนดน้ำหนักของแบบ ${list(unweighted.codes, 'และ')}`,
        en: `the ${unweighted.editionFiscalYear} edition sets no weight for ${list(unweighted.codes, 'and')}`,
      };
    }
    return { th: 'ไม่มีคะแนนรวม', en: 'no total score' };
  }
  return {
    th: 'คะแนนไม่ตรงกับระดับใดตามเกณฑ์ของกรอบการประเมิน',
    en: 'the scores match no level of the edition',
  };
}
