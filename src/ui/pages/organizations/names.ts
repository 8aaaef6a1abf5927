import type { OrganizationRow } from '../../api.ts';
import { bilingual, type Lang } from '../../i18n/index.ts';

/**
 * The one way to name an organisation or unit in the UI: its English name in English when one was
 * entered, else its Thai name. Anything with `nameTh`/`nameEn` (a row of the organisations list, a
 * unit of a tracker) can be passed; lists naming a unit by `unitNameTh`/`unitNameEn` use unitName().
 */
export function orgName(
  org: { nameTh: OrganizationRow['nameTh']; nameEn?: OrganizationRow['nameEn'] | undefined },
  lang: Lang,
): string {
  return bilingual(org.nameTh, org.nameEn, lang);
}

export function orgShortName(
  org: Pick<OrganizationRow, 'shortNameTh' | 'shortNameEn'>,
  lang: Lang,
): string | null {
  return lang === 'en' ? (org.shortNameEn ?? org.shortNameTh) : org.shortNameTh;
}

/** The name of the unit a row is about (`unitNameTh`, and `unitNameEn` when the API gives it). */
export function unitName(
  row: { unitNameTh: string; unitNameEn?: string | null | undefined },
  lang: Lang,
): string {
  return bilingual(row.unitNameTh, row.unitNameEn, lang);
}

/** Whether a name is shown in Thai in this language (to mark it `lang="th"` for screen readers). */
export function shownInThai(org: { nameEn?: string | null | undefined }, lang: Lang): boolean {
  return lang === 'th' || !org.nameEn;
}
