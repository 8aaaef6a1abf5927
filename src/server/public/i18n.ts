import { ENGLISH_MONTHS, THAI_MONTHS } from '#shared/format/be-date.ts';
import { BANGKOK, formatDate, toThaiDigits } from '#shared/format/thai.ts';

/**
 * The words around the published content (labels, dates, version numbers) in Thai (the default) and
 * English (`?lang=en`). The content itself stays as it was published, in Thai.
 */
export type Lang = 'th' | 'en';

/** Digits as the page's language writes them: Thai digits in Thai, Arabic in English. */
export const num = (n: number | string, lang: Lang) => (lang === 'th' ? toThaiDigits(String(n)) : String(n));

/** Made once: a formatter costs far more to make than to use. */
const TIME = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: BANGKOK,
});
const time = (d: Date) => TIME.format(d);

/** `๕ มีนาคม ๒๕๖๘ เวลา ๑๔:๐๙ น.` · `5 March 2568 BE, 14:09 (Bangkok time)`. */
export function dateTime(d: Date, lang: Lang): string {
  if (lang === 'en') return `${formatDate(d, { lang: 'en', style: 'long' })}, ${time(d)} (Bangkok time)`;
  return `${formatDate(d, { lang: 'th', digits: 'thai', style: 'long' })} เวลา ${toThaiDigits(time(d))} น.`;
}

/** `๕ มี.ค. ๒๕๖๘` · `5 Mar 2568 BE`. */
export const shortDate = (d: Date, lang: Lang) =>
  lang === 'en'
    ? formatDate(d, { lang: 'en', style: 'medium' })
    : formatDate(d, { digits: 'thai', style: 'medium' });

/** `ปีงบประมาณ พ.ศ. ๒๕๖๘` · `Fiscal year B.E. 2568 (2025)`. */
export const fiscalYearLabel = (year: number, lang: Lang) =>
  lang === 'en' ? `Fiscal year B.E. ${year} (${year - 543})` : `ปีงบประมาณ พ.ศ. ${toThaiDigits(year)}`;

/** `2025-01` or `2568-01` (either era) → `มกราคม ๒๕๖๘` · `January 2025`. */
function monthLabel(yyyy: string, mm: string, lang: Lang): string | null {
  const month = Number(mm);
  let year = Number(yyyy);
  if (!(month >= 1 && month <= 12) || !(year > 1900)) return null;
  const be = year > 2400 ? year : year + 543;
  year = be - 543;
  return lang === 'en'
    ? `${ENGLISH_MONTHS[month - 1]} ${year}`
    : `${THAI_MONTHS[month - 1]} ${toThaiDigits(be)}`;
}

/** What a round's key says: `6m` → รอบ ๖ เดือน, `monthly-2025-01` → ประจำเดือนมกราคม ๒๕๖๘. */
export function roundLabel(key: string, lang: Lang): string {
  if (key === '6m') return lang === 'en' ? '6-month round' : 'รอบ ๖ เดือน';
  if (key === '12m') return lang === 'en' ? '12-month round' : 'รอบ ๑๒ เดือน';
  const m = /^(monthly|custom)-(\d{4})-(\d{2})$/.exec(key);
  const month = m ? monthLabel(m[2]!, m[3]!, lang) : null;
  if (m && month) {
    if (m[1] === 'monthly') return lang === 'en' ? `Monthly round, ${month}` : `ประจำเดือน${month}`;
    return lang === 'en' ? `Round ending ${month}` : `รอบสิ้นสุดเดือน${month}`;
  }
  return key;
}

/** What kind of document an address holds. */
export function addressLabel(pathKey: string, lang: Lang): string {
  if (pathKey === 'plan') {
    return lang === 'en' ? 'Integrity and transparency measures plan' : 'มาตรการส่งเสริมคุณธรรมและความโปร่งใส';
  }
  if (pathKey === 'analysis') {
    return lang === 'en' ? 'ITA result analysis' : 'การวิเคราะห์ผลการประเมิน ITA';
  }
  const key = pathKey.replace(/^round\//, '');
  return lang === 'en'
    ? `Progress report: ${roundLabel(key, lang)}`
    : `รายงานผลการดำเนินงานตามมาตรการ ${roundLabel(key, lang)}`;
}

/** Order of the addresses within a year: plan, analysis, then rounds (6, 12 months, others by key). */
export function addressOrder(pathKey: string): string {
  if (pathKey === 'plan') return '0';
  if (pathKey === 'analysis') return '1';
  if (pathKey === 'round/6m') return '2';
  if (pathKey === 'round/12m') return '3';
  return `4${pathKey}`;
}

export function fileSize(bytes: number, lang: Lang): string {
  const text =
    bytes < 1024
      ? `${bytes} B`
      : bytes < 1024 * 1024
        ? `${Math.max(1, Math.round(bytes / 1024))} KB`
        : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return num(text, lang);
}

export const FORMAT_NAMES = { pdf: 'PDF', docx: 'Word (DOCX)', xlsx: 'Excel (XLSX)' } as const;

export const LABELS = {
  th: {
    skip: 'ข้ามไปยังเนื้อหา',
    languages: 'ภาษา',
    otherLanguage: 'English',
    publishedDocuments: 'เอกสารที่เผยแพร่ต่อสาธารณะ',
    allDocuments: 'เอกสารที่เผยแพร่ทั้งหมด',
    breadcrumb: 'ตำแหน่งของหน้านี้',
    nothingPublished: 'ยังไม่มีเอกสารที่เผยแพร่',
    colDocument: 'เอกสาร',
    colLatest: 'ฉบับล่าสุด',
    colPublished: 'วันที่เผยแพร่',
    colVersion: 'ฉบับ',
    colDate: 'วันที่',
    colChange: 'การเปลี่ยนแปลง',
    version: (n: number) => `ฉบับที่ ${toThaiDigits(n)}`,
    publishedAt: (date: string) => `เผยแพร่เมื่อ ${date}`,
    withdrawnAt: (date: string) => `ถอนการเผยแพร่เมื่อ ${date}`,
    withdrawn: 'ถอนการเผยแพร่แล้ว',
    latestNote: (n: number) => `ที่อยู่นี้แสดงฉบับล่าสุดเสมอ ขณะนี้คือฉบับที่ ${toThaiDigits(n)} · ที่อยู่ถาวรของฉบับนี้:`,
    olderNote: (n: number) => `มีฉบับที่ใหม่กว่านี้ (ฉบับที่ ${toThaiDigits(n)})`,
    seeLatest: 'ดูฉบับล่าสุด',
    newerWithdrawn: 'ฉบับที่ใหม่กว่าถูกถอนการเผยแพร่ ที่อยู่นี้จึงแสดงฉบับก่อนหน้าที่ยังเผยแพร่อยู่',
    downloads: 'ดาวน์โหลด',
    noDownloads: 'ไม่มีไฟล์ให้ดาวน์โหลด',
    content: 'เนื้อหา',
    history: 'ประวัติการเปลี่ยนแปลง',
    thisVersion: '(ฉบับที่แสดงอยู่)',
    embed: 'นำหน้านี้ไปแสดงบนเว็บไซต์ของหน่วยงาน',
    embedHelp: 'คัดลอกโค้ด HTML ด้านล่างไปวางในหน้าเว็บ หน้านี้จะแสดงฉบับล่าสุดเสมอ',
    embedLabel: 'โค้ด HTML สำหรับฝังหน้านี้',
    fullPage: 'เปิดหน้าเต็มพร้อมประวัติการเปลี่ยนแปลง',
    table: 'ตาราง (เลื่อนดูด้านข้างได้)',
    feed: 'ฟีดข้อมูล (JSON Feed)',
    footer: 'เผยแพร่ผ่านระบบโปร่งใส (Prongsai)',
    contentLanguage: '',
  },
  en: {
    skip: 'Skip to content',
    languages: 'Language',
    otherLanguage: 'ภาษาไทย',
    publishedDocuments: 'Published documents',
    allDocuments: 'All published documents',
    breadcrumb: 'You are here',
    nothingPublished: 'Nothing has been published yet.',
    colDocument: 'Document',
    colLatest: 'Latest version',
    colPublished: 'Published',
    colVersion: 'Version',
    colDate: 'Date',
    colChange: 'What changed',
    version: (n: number) => `Version ${n}`,
    publishedAt: (date: string) => `published ${date}`,
    withdrawnAt: (date: string) => `Withdrawn on ${date}`,
    withdrawn: 'Withdrawn',
    latestNote: (n: number) =>
      `This address always shows the latest version, now version ${n}. Permanent address of this version:`,
    olderNote: (n: number) => `A newer version exists (version ${n}).`,
    seeLatest: 'See the latest version',
    newerWithdrawn:
      'A newer version was withdrawn, so this address shows the previous version still published.',
    downloads: 'Downloads',
    noDownloads: 'No files to download.',
    content: 'Content',
    history: 'Version history',
    thisVersion: '(shown here)',
    embed: 'Show this page on your website',
    embedHelp: 'Copy the HTML code below into a web page; it always shows the latest version.',
    embedLabel: 'HTML code to embed this page',
    fullPage: 'Open the full page with its version history',
    table: 'Table (scrolls sideways)',
    feed: 'JSON Feed',
    footer: 'Published with Prongsai',
    contentLanguage: 'The document is published in Thai; only the words around it are in English.',
  },
} as const;

export type Labels = (typeof LABELS)[Lang];
