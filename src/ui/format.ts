import { formatDate, formatDateTime, formatNumber } from '#shared/format/thai.ts';
import { useLang } from './i18n/index.ts';

/** Date and number formatting in the current language (Buddhist era in Thai), through the shared helpers. */
export function useFormat() {
  const lang = useLang();
  return {
    lang,
    date: (value: Date | string) => formatDate(value, { lang }),
    dateTime: (value: Date | string) => formatDateTime(value, { lang }),
    number: (value: number, fractionDigits?: number) => formatNumber(value, { lang, fractionDigits }),
  };
}
