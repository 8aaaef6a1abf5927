import type { OrganizationRow } from '../../api.ts';
import { bilingual, type Lang } from '../../i18n/index.ts';

export function orgName(org: Pick<OrganizationRow, 'nameTh' | 'nameEn'>, lang: Lang): string {
  return bilingual(org.nameTh, org.nameEn, lang);
}

export function orgShortName(
  org: Pick<OrganizationRow, 'shortNameTh' | 'shortNameEn'>,
  lang: Lang,
): string | null {
  return lang === 'en' ? (org.shortNameEn ?? org.shortNameTh) : org.shortNameTh;
}
