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
 * Text cells are written with Thai digits when the options say `thai`, except web and e-mail addresses in
 * them and `literal` columns (file names, codes). Rows are as tall as their tallest cell's wrapped text
 * (`estimateLines`): Excel and exceljs never size rows to their content, and LibreOffice only on edit.
 * Formula injection: exceljs writes a string as a shared string, never as a formula, but a user who
 * edits the cell or saves the sheet as CSV turns `=HYPERLINK(...)` into a live formula. Such text is
 * written with a leading apostrophe, as OWASP's CSV-injection advice says (exceljs cannot set the
 * `quotePrefix` style, so the apostrophe is visible). Text that is only a number, a phone number or dashes
 * ("-", "+66 2 123 4567", "-12.5") cannot call anything and is left alone.
 */
import type ExcelJS from 'exceljs';
import { BANGKOK, toThaiDigits } from '#shared/format/thai.ts';
import { loadExcelJS } from '../../../lazy/exceljs.ts';
import { splitAddresses } from '../addresses.ts';
import type { Digits, Sheet, SheetColumn, SheetOptions, SheetValue, Workbook } from '../model.ts';
import { joinPositions } from '../typography/thai-compounds.ts';

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
/** Excel refuses taller rows (409.5 pt); a cell with more text than that is cut in any case. */
export const MAX_ROW_HEIGHT_PT = 409;

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
    case 'literal':
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
const words = new Intl.Segmenter('th', { granularity: 'word' });

/** Text in the chosen digits; addresses in it stay as written (Thai digits would break them). */
export function inDigits(text: string, digits: Digits): string {
  if (digits === 'arabic') return text;
  return splitAddresses(text)
    .map((p) => (p.address ? p.text : toThaiDigits(p.text)))
    .join('');
}

/** The longest start of `text` made of whole `segmenter` segments that fits in `max` UTF-16 units. */
function fitting(text: string, max: number, segmenter: Intl.Segmenter): string {
  let out = '';
  for (const { segment } of segmenter.segment(text)) {
    if (out.length + segment.length > max) break;
    out += segment;
  }
  return out;
}

/**
 * Shortens to at most `max` UTF-16 units at a word boundary (Thai words found by the segmenter, never
 * inside a compound of government writing such as ตัวชี้วัด), with no space or punctuation left
 * dangling at the end; a first word longer than `max` is cut between characters, never between a Thai
 * consonant and its marks.
 */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const inCompound = new Set(joinPositions(text));
  let cut = 0;
  for (const { index } of words.segment(text)) {
    if (index > max) break;
    if (!inCompound.has(index)) cut = index;
  }
  const byWords = text
    .slice(0, cut)
    .replace(/[\s\-–,.;(]+$/u, '')
    .trim();
  return byWords !== '' ? byWords : fitting(text, max, graphemes).trim();
}

/**
 * Worksheet names Excel accepts, in order: []:*?/\ removed, no apostrophe at either end, at most 31
 * characters (cut at a word boundary), not "History", and unique ignoring case (a " (2)" suffix).
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

/** Thai vowels and tone marks that sit above or below a consonant, Latin accents and joiners: no width. */
const takesNoWidth = (cp: number) =>
  cp === 0x0e31 ||
  (cp >= 0x0e34 && cp <= 0x0e3a) ||
  (cp >= 0x0e47 && cp <= 0x0e4e) ||
  (cp >= 0x0300 && cp <= 0x036f) ||
  (cp >= 0x200b && cp <= 0x200d) ||
  cp === 0x2060 ||
  cp === 0xfeff;

/**
 * The advance of one character in model units (1 = an average spacing character of Thai prose, which
 * the column widths count), from the Sarabun design's advance widths relative to that average (0.55 em):
 * Thai consonants 1.13, เ 0.56, โ ใ ไ 0.7, Thai digits 1.24, Arabic digits 1.0, Latin lower case 0.87,
 * upper case 1.1, the space 0.44, narrow punctuation 0.46; above and below marks take none.
 */
function charWidth(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (takesNoWidth(cp)) return 0;
  if (cp === 0x20 || cp === 0xa0) return 0.45;
  if (cp >= 0x0e01 && cp <= 0x0e2e) return 1.13;
  if (cp >= 0x0e50 && cp <= 0x0e59) return 1.24;
  if (cp === 0x0e40) return 0.56;
  if (cp >= 0x0e42 && cp <= 0x0e44) return 0.7;
  if (cp >= 0x0e00 && cp <= 0x0e7f) return 1;
  if (/[0-9]/.test(ch)) return 1;
  if (/[mwMW@%&]/.test(ch)) return 1.5;
  if (/[a-z]/.test(ch)) return /[fijlrt]/.test(ch) ? 0.6 : 0.9;
  if (/[A-Z]/.test(ch)) return /[IJ]/.test(ch) ? 0.6 : 1.1;
  if (/[.,:;'!|]/.test(ch)) return 0.5;
  if (cp < 0x80) return 0.75;
  if (cp >= 0x2e80) return 2; // CJK and other full-width characters
  return 1;
}

/** The width of a piece of text in model units: the sum over its characters (marks take none). */
export function textWidth(text: string, bold = false): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch);
  // Bold letters are about 5 % wider.
  return bold ? width * 1.05 : width;
}

/**
 * Part of a line is kept free: the wrapping of Excel and LibreOffice (ICU's Thai dictionary) may cut
 * words a little differently from ours, and the cell's padding takes some room.
 */
const WRAP_FILL = 0.92;

/**
 * The lines a text takes in a column `width` characters wide, wrapped as a spreadsheet wraps it: each
 * line of the text (line feeds count) is filled word by word (Thai words found by the segmenter, as
 * Excel and LibreOffice find them), a word that does not fit starts a new line, and a word longer than
 * a line is cut between character clusters. Spaces at a line's end take no room.
 */
export function estimateLines(text: string, width: number, options: { bold?: boolean } = {}): number {
  const room = Math.max(1, width * WRAP_FILL);
  let total = 0;
  for (const line of text.split(/\r\n|\r|\n/)) {
    let lines = 1;
    let used = 0;
    for (const { segment } of words.segment(line)) {
      const w = textWidth(segment, options.bold);
      if (segment.trim() === '') {
        used += w;
        continue;
      }
      if (used + w <= room) {
        used += w;
        continue;
      }
      if (used > 0 && w <= room) {
        lines += 1;
        used = w;
        continue;
      }
      // A word longer than the room left: cut between clusters, as the spreadsheet does.
      for (const { segment: cluster } of graphemes.segment(segment)) {
        const cw = textWidth(cluster, options.bold);
        if (used + cw > room && used > 0) {
          lines += 1;
          used = 0;
        }
        used += cw;
      }
    }
    total += lines;
  }
  return total;
}

export function rowHeight(lines: number, fontSizePt: number = XLSX_FONT.size): number {
  const line = (LINE_HEIGHT_PT * fontSizePt) / XLSX_FONT.size;
  return Math.min(MAX_ROW_HEIGHT_PT, Math.max(MIN_ROW_HEIGHT_PT, Math.ceil(lines * line + ROW_PADDING_PT)));
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
  const wb = new (await loadExcelJS()).Workbook();
  wb.title = workbook.title;
  wb.creator = 'Prongsai';
  wb.lastModifiedBy = 'Prongsai';
  wb.created = new Date();
  wb.modified = wb.created;

  const names = sheetNames(workbook.sheets.map((s) => inDigits(s.name, options.digits)));
  workbook.sheets.forEach((sheet, i) => {
    writeSheet(wb.addWorksheet(names[i]!), sheet, options.digits);
  });
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function writeSheet(ws: ExcelJS.Worksheet, sheet: Sheet, digits: Digits): void {
  const prose = (text: string) => inDigits(safeCellText(text), digits);
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
    headerLines = Math.max(headerLines, estimateLines(cell.value as string, column.width, { bold: true }));
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
    // Text in the chosen digits, except addresses in it and literal columns (file names, codes).
    const text = safeCellText(value);
    cell.value = column.type === 'literal' ? text : inDigits(text, digits);
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
