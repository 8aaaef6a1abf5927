/**
 * Renders a spreadsheet Workbook (documents/model.ts) as XLSX with exceljs: one worksheet per Sheet, the
 * heading lines on top, then a bold grey header row that stays frozen, then the data. Numbers and dates
 * stay real numbers and dates (they sort and add up); Thai digits and the Buddhist era come from the
 * number formats, never from turning values into text.
 *
 * Number formats. Excel's locale prefix `[$-NNCCLLLL]` packs three hex fields: NN the numeral shape
 * (0D = Thai digits ๐–๙, 01 = Arabic 0–9), CC the calendar (07 = Thai Buddhist, 00 = the default) and
 * LLLL the LCID (041E = th-TH, which also gives Thai month names). Numbers with Thai digits use
 * `[$-D00041E]`; dates `[$-D07041E]` (Thai digits, Buddhist era) or `[$-107041E]` (Arabic digits,
 * Buddhist era). Sources: Microsoft's Excel help on numeral systems and calendars (HA010346351033), which
 * LibreOffice cites in svl/source/numbers/zformat.cxx (ImpObtainCalendarAndNumerals): there numeral shape
 * 0xD on a Thai LCID becomes [NatNum1] (Thai digits) and calendar 0x07 becomes [~buddhist].
 * Checked with LibreOffice 7.4 (soffice --convert-to csv, cells as shown): `[$-D00041E]#,##0.00` shows
 * ๑,๒๓๔.๕๐ and `[$-D07041E]d mmm yyyy` shows ๒๖ เม.ย. ๒๕๖๗, but LibreOffice drops a number format that
 * carries calendar 07 (`[$-D07041E]#,##0.00` shows 1234.5), ignores numeral shape D without the Thai LCID
 * (`[$-D000000]`), and does not read Excel 365's `[$-th-TH,D07]` spelling: hence these three prefixes.
 * Formula injection: exceljs writes a string as a shared string, never as a formula, but a user who
 * edits the cell or saves the sheet as CSV turns `=HYPERLINK(...)` into a live formula. Such text is
 * written with a leading apostrophe, as OWASP's CSV-injection advice says (exceljs cannot set the
 * `quotePrefix` style, so the apostrophe is visible). Text that is only a number, a phone number or dashes
 * ("-", "+66 2 123 4567", "-12.5") cannot call anything and is left alone.
 */
import ExcelJS from 'exceljs';
import { BANGKOK, toThaiDigits } from '#shared/format/thai.ts';
import type { Digits, Sheet, SheetColumn, SheetOptions, SheetValue, Workbook } from '../model.ts';

/** The Thai office font: spreadsheets cannot embed fonts, and TH Sarabun New (the government standard,
 * ระเบียบงานสารบรรณ) is on every Thai office machine; LibreOffice substitutes another Thai font when it is
 * missing. 16 pt is its usual body size. */
export const XLSX_FONT = { name: 'TH Sarabun New', size: 16 } as const;
const TITLE_SIZE = 20;

/**
 * Excel column widths count the digit "0" of the workbook's default font (Calibri 11, 7 px). A spacing
 * character of TH Sarabun New 16 pt is about 0.37 em on average over Thai prose (its digits are 362/1000
 * em) = 5.9 pt ≈ 7.9 px, so one model "character" needs about 1.15 Excel units; 1.2 leaves room, and 1 more
 * unit covers the cell padding.
 */
export const THAI_WIDTH_FACTOR = 1.2;
/**
 * Thai stacks vowels and tone marks above and below the line: TH Sarabun New's line (its Windows ascent +
 * descent, which Excel uses) is about 1.3 em, 21 pt at 16 pt; 23 pt leaves room. Excel and exceljs never
 * size rows to their content. Where TH Sarabun New is missing, LibreOffice on Linux substitutes Laksaman
 * (TLWG's TH Sarabun New, drawn 1.5 times larger), whose lines are taller: rows of several lines are
 * then cut off at the bottom. The offices this serves have TH Sarabun New, so rows are sized for it.
 */
export const LINE_HEIGHT_PT = 23;
const ROW_PADDING_PT = 2;
/** A one-line row: 25 pt. */
export const MIN_ROW_HEIGHT_PT = LINE_HEIGHT_PT + ROW_PADDING_PT;

/** Excel's limits. */
const MAX_SHEET_NAME = 31;
const MAX_CELL_TEXT = 32_767;

/** Thai digits for numbers (calendar 00: LibreOffice refuses a calendar in a number format). */
const THAI_DIGITS = '[$-D00041E]';
/** Thai digits, Buddhist era, Thai month names. */
const THAI_DATE = '[$-D07041E]';
/** Arabic digits, Buddhist era, Thai month names. */
const ARABIC_DATE = '[$-107041E]';

/** The number format of a column type; `null` for text. A 'percent' value is a fraction: 0.8512 shows 85.12%. */
export function numberFormat(type: SheetColumn['type'], digits: Digits): string | null {
  const prefix = digits === 'thai' ? THAI_DIGITS : '';
  switch (type) {
    case 'integer':
      return `${prefix}#,##0`;
    case 'decimal':
      return `${prefix}#,##0.00`;
    case 'percent':
      return `${prefix}0.00%`;
    case 'date':
      return `${digits === 'thai' ? THAI_DATE : ARABIC_DATE}d mmm yyyy`;
    case 'text':
      return null;
  }
}

const NEUTRALISER = "'";
const FORMULA_START = /^[=+\-@\t\r]/;
/** Text that no spreadsheet can read as a call: signed numbers, phone numbers, dashes. */
const HARMLESS = /^[+-]?[\d\s().,/-]*$/;

/** XML 1.0 cannot carry control characters other than tab, LF and CR, nor U+FFFE and U+FFFF. */
function withoutControls(text: string, keep: (cp: number) => boolean = () => false): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if ((cp < 0x20 && !keep(cp)) || cp === 0xfffe || cp === 0xffff) continue;
    out += ch;
  }
  return out;
}

/** Text safe to put in a cell: control characters removed, formula-like text neutralised, Excel's length cap. */
export function safeCellText(text: string): string {
  let clean = withoutControls(text, (cp) => cp === 0x09 || cp === 0x0a || cp === 0x0d);
  if (FORMULA_START.test(clean) && !HARMLESS.test(clean)) clean = NEUTRALISER + clean;
  return clean.length > MAX_CELL_TEXT ? `${clean.slice(0, MAX_CELL_TEXT - 1)}…` : clean;
}

const graphemes = new Intl.Segmenter('th', { granularity: 'grapheme' });

/** Shortens to at most `max` UTF-16 units without splitting a Thai consonant from its marks. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    if (out.length + segment.length > max) break;
    out += segment;
  }
  return out;
}

/**
 * Worksheet names Excel accepts, in order: []:*?/\ removed, no apostrophe at either end, at most 31
 * characters (cut at a character boundary), not "History", and unique ignoring case (a " (2)" suffix).
 */
export function sheetNames(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((raw, i) => {
    let base = withoutControls(raw.replace(/[\t\n\r]/g, ' '))
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^'+|'+$/g, '')
      .trim();
    if (base === '' || base.toLowerCase() === 'history') base = base === '' ? `แผ่นงาน ${i + 1}` : `${base} 1`;
    base = shorten(base, MAX_SHEET_NAME).trim();
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      name = shorten(base, MAX_SHEET_NAME - suffix.length).trim() + suffix;
    }
    used.add(name.toLowerCase());
    return name;
  });
}

/** Thai vowels and tone marks that sit above or below a consonant and take no width. */
const COMBINING = /[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]/g;

/** Wrapping breaks before a word that does not fit, so a line holds somewhat less than the column width. */
const WRAP_FILL = 0.9;

/** The lines a text takes in a column `width` characters wide: its own lines, each wrapped. Thai vowels
 * and tone marks above and below do not count: they take no width. */
export function estimateLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * WRAP_FILL));
  return text
    .split(/\r\n|\r|\n/)
    .reduce((sum, line) => sum + Math.max(1, Math.ceil(line.replace(COMBINING, '').length / perLine)), 0);
}

export function rowHeight(lines: number, fontSizePt: number = XLSX_FONT.size): number {
  const line = (LINE_HEIGHT_PT * fontSizePt) / XLSX_FONT.size;
  return Math.max(MIN_ROW_HEIGHT_PT, Math.ceil(lines * line + ROW_PADDING_PT));
}

/** Excel dates have no time zone: a date is written as its calendar day in Bangkok. */
function bangkokDay(date: Date): Date {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: BANGKOK,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return new Date(Date.UTC(get('year'), get('month') - 1, get('day')));
}

const THIN = { style: 'thin', color: { argb: 'FF808080' } } as const;
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };

export async function renderXlsx(workbook: Workbook, options: SheetOptions): Promise<Uint8Array> {
  if (workbook.sheets.length === 0) throw new Error('renderXlsx: a workbook needs at least one sheet');
  const wb = new ExcelJS.Workbook();
  wb.title = workbook.title;
  wb.creator = 'Prongsai';
  wb.lastModifiedBy = 'Prongsai';
  wb.created = new Date();
  wb.modified = wb.created;

  const names = sheetNames(workbook.sheets.map((s) => s.name));
  workbook.sheets.forEach((sheet, i) => {
    writeSheet(wb.addWorksheet(names[i]!), sheet, options.digits);
  });
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function writeSheet(ws: ExcelJS.Worksheet, sheet: Sheet, digits: Digits): void {
  const prose = (text: string) => safeCellText(digits === 'thai' ? toThaiDigits(text) : text);
  const columns = sheet.columns;
  if (columns.length === 0) throw new Error(`renderXlsx: sheet "${sheet.name}" has no columns`);

  columns.forEach((column, i) => {
    ws.getColumn(i + 1).width = Math.round((column.width * THAI_WIDTH_FACTOR + 1) * 100) / 100;
  });

  // Heading lines: the first is the title. They run on over the empty cells beside them, so no wrap.
  sheet.heading.forEach((text, i) => {
    const row = ws.getRow(i + 1);
    const size = i === 0 ? TITLE_SIZE : XLSX_FONT.size;
    const cell = row.getCell(1);
    cell.value = prose(text);
    cell.font = { ...XLSX_FONT, size, bold: i === 0 };
    cell.alignment = { vertical: 'middle' };
    row.height = rowHeight(estimateLines(text, Number.POSITIVE_INFINITY), size);
  });

  const headerRowNumber = sheet.heading.length + 1;
  const header = ws.getRow(headerRowNumber);
  let headerLines = 1;
  columns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.value = prose(column.header);
    cell.font = { ...XLSX_FONT, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    headerLines = Math.max(headerLines, estimateLines(column.header, column.width));
  });
  header.height = rowHeight(headerLines);

  sheet.rows.forEach((values, r) => {
    if (values.length > columns.length) {
      throw new Error(`renderXlsx: sheet "${sheet.name}" row ${r + 1} has more values than columns`);
    }
    const row = ws.getRow(headerRowNumber + 1 + r);
    let lines = 1;
    columns.forEach((column, c) => {
      const cell = row.getCell(c + 1);
      const value = values[c] ?? null;
      writeValue(cell, value, column, digits);
      cell.font = { ...XLSX_FONT };
      cell.border = BORDER;
      const isText = typeof cell.value === 'string';
      cell.alignment = isText
        ? { vertical: 'top', wrapText: true }
        : { vertical: 'top', horizontal: column.type === 'date' ? 'center' : 'right' };
      if (isText) lines = Math.max(lines, estimateLines(cell.value as string, column.width));
    });
    row.height = rowHeight(lines);
  });

  ws.views = [
    { state: 'frozen', xSplit: 0, ySplit: headerRowNumber, topLeftCell: `A${headerRowNumber + 1}` },
  ];
  const lastColumn = ws.getColumn(columns.length).letter;
  if (sheet.rows.length > 0) ws.autoFilter = `A${headerRowNumber}:${lastColumn}${headerRowNumber}`;
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${headerRowNumber}:${headerRowNumber}`,
  };
}

function writeValue(cell: ExcelJS.Cell, value: SheetValue, column: SheetColumn, digits: Digits): void {
  if (value === null) return;
  if (typeof value === 'string') {
    // Text is data (names, codes, addresses): written as given, digits included.
    cell.value = safeCellText(value);
    return;
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return;
    cell.value = bangkokDay(value);
    cell.numFmt = numberFormat('date', digits)!;
    return;
  }
  if (!Number.isFinite(value)) return;
  cell.value = value;
  const format = column.type === 'date' ? null : numberFormat(column.type, digits);
  cell.numFmt = format ?? (digits === 'thai' ? `${THAI_DIGITS}General` : 'General');
}
