import type { Finding } from '#shared/assessments/analysis.ts';
import type { Lang } from '../../../i18n/index.ts';

/**
 * A question finding's wording in the UI language: in English the edition's translation (an OIT item's
 * `text_en`) when the Thai wording it translates is there; otherwise the Thai wording as recorded, or
 * null when the edition knows none (the card then names it by its indicator).
 */
export function questionLabel(
  finding: Pick<Finding, 'code' | 'label_th'>,
  english: ReadonlyMap<string, string>,
  lang: Lang,
): { text: string; lang: Lang } | null {
  if (finding.label_th === null) return null;
  const translated = lang === 'en' ? english.get(finding.code) : undefined;
  return translated ? { text: translated, lang: 'en' } : { text: finding.label_th, lang: 'th' };
}
