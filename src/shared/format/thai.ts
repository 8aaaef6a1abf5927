/**
 * Buddhist-era dates and Thai/Arabic digits, all through Intl and always in Bangkok time, so a date
 * prints the same on a server in UTC and a browser anywhere.
 */
export const BANGKOK = 'Asia/Bangkok';
export type DigitStyle = 'thai' | 'arabic';
export type DateStyle = 'long' | 'medium' | 'short';

const THAI_DIGITS = '๐๑๒๓๔๕๖๗๘๙';

export function toThaiDigits(text: string | number): string {
  return String(text).replace(/[0-9]/g, (d) => THAI_DIGITS[Number(d)]!);
}

export function toArabicDigits(text: string): string {
  return text.replace(/[๐-๙]/g, (d) => String(THAI_DIGITS.indexOf(d)));
}

/** English dates keep the Buddhist era too (a Thai agency reads BE in both languages): `20 December 2569 BE`. */
function locale(lang: 'th' | 'en', digits: DigitStyle): string {
  if (lang === 'en') return 'en-GB-u-ca-buddhist';
  return digits === 'thai' ? 'th-TH-u-ca-buddhist-nu-thai' : 'th-TH-u-ca-buddhist-nu-latn';
}

const DATE_OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  long: { day: 'numeric', month: 'long', year: 'numeric' },
  medium: { day: 'numeric', month: 'short', year: 'numeric' },
  short: { day: 'numeric', month: 'numeric', year: 'numeric' },
};

/**
 * Intl formatters cost tens of microseconds each to make and never change: one per locale and options,
 * kept (a page or a roll-up formats hundreds of dates). The keys are few (languages × digits × styles).
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(localeName: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${localeName}|${JSON.stringify(opts)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(localeName, opts);
    dateFormats.set(key, format);
  }
  return format;
}

/** `๒๖ เมษายน ๒๕๖๗` (th, thai digits, long) · `26 เม.ย. 2567` (th, arabic, medium) · `26 Apr 2567 BE` (en). */
export function formatDate(
  value: Date | string,
  options: { lang?: 'th' | 'en'; digits?: DigitStyle; style?: DateStyle } = {},
): string {
  const { lang = 'th', digits = 'arabic', style = 'long' } = options;
  const date = typeof value === 'string' ? new Date(value) : value;
  const opts = { ...DATE_OPTIONS[style], timeZone: BANGKOK };
  if (lang === 'en' && style === 'medium') opts.month = 'short';
  return dateFormat(locale(lang, digits), opts).format(date);
}

export function formatDateTime(
  value: Date | string,
  options: { lang?: 'th' | 'en'; digits?: DigitStyle } = {},
): string {
  const { lang = 'th', digits = 'arabic' } = options;
  const date = typeof value === 'string' ? new Date(value) : value;
  return dateFormat(locale(lang, digits), {
    ...DATE_OPTIONS.medium,
    hour: '2-digit',
    minute: '2-digit',
    timeZone: BANGKOK,
  }).format(date);
}

export function formatNumber(
  value: number,
  options: { digits?: DigitStyle; fractionDigits?: number; lang?: 'th' | 'en' } = {},
): string {
  const { digits = 'arabic', fractionDigits, lang = 'th' } = options;
  const fmt = new Intl.NumberFormat(lang === 'th' ? locale('th', digits) : 'en-GB', {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits ?? 2,
  });
  return fmt.format(value);
}

/** The BE fiscal year a date falls in: October starts the next fiscal year (1 Oct 2567 → FY 2568). */
export function fiscalYearOf(value: Date): number {
  const parts = dateFormat('en-US', { year: 'numeric', month: 'numeric', timeZone: BANGKOK })
    .formatToParts(value)
    .reduce<Record<string, string>>((acc, p) => {
      acc[p.type] = p.value;
      return acc;
    }, {});
  const year = Number(parts.year) + 543;
  return Number(parts.month) >= 10 ? year + 1 : year;
}
