import type { EditionSummary } from '#shared/catalogue/contract.ts';
import type { Edition } from '#shared/catalogue/edition.schema.ts';

export function summarizeEdition(
  edition: Edition,
  meta: Pick<EditionSummary, 'revision' | 'revisionId' | 'origin' | 'importedAt'>,
): EditionSummary {
  const byInstrument = { IIT: 0, EIT: 0, OIT: 0 };
  for (const q of edition.questions) byInstrument[q.instrument]++;
  return {
    fiscalYear: edition.fiscal_year,
    titleTh: edition.title_th,
    titleEn: edition.title_en,
    ...meta,
    counts: {
      indicators: edition.indicators.length,
      subIndicators: edition.sub_indicators.length,
      questions: byInstrument,
      groupings: edition.groupings.length + edition.grouping_refs.length,
      uncertain: edition.questions.filter((q) => q.confidence === 'low' || q.text_th === null).length,
    },
  };
}
