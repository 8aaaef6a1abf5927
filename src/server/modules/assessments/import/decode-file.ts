import { isUtf8 } from 'node:buffer';
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { excelValueType, loadExcelJS } from '../../../lazy/exceljs.ts';
import { checkZip } from '../../catalogue/framework/zip-guard.ts';
import { cleanText } from './clean-text.ts';
import { findUnstorableCell } from './unstorable-cell.ts';

/** Largest file the import reads; checked before anything else. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/**
 * What one import file may hold. A national result is imported in files of a few thousand
 * organisations each (one row per organisation, ~110 columns, under `MAX_IMPORT_BYTES`), so 20,000
 * rows and 1,000 columns leave room for any real file while refusing one made to exhaust the server.
 */
export const IMPORT_LIMITS = {
  bytes: MAX_IMPORT_BYTES,
  /** Spreadsheet rows (the header included); blank rows after the last value are not counted. */
  rows: 20_000,
  /** Line breaks in a CSV, counted before it is parsed (a quoted cell may hold line breaks). */
  lines: 100_000,
  /** Columns of any row. */
  columns: 1_000,
  /** Blank rows in a row before more data. */
  blankRun: 1_000,
  /** Parts of an XLSX (zip entries); an ordinary workbook has about a dozen. */
  zipEntries: 500,
  /** Bytes all parts of an XLSX inflate to, together. */
  inflatedBytes: 100 * 1024 * 1024,
} as const;

const thousands = (n: number) => n.toLocaleString('en-US');

export type CellValue = string | number | null;
/** One sheet; `rows[i]` is spreadsheet row i + 1, `rows[i][j]` column j (0 = A). Blank cells are null. */
export type TabularSheet = { name: string; rows: CellValue[][] };
export type DecodeIssue = {
  message_th: string;
  message_en: string;
  /** The sheet the problem is in (XLSX). */
  sheet?: string;
  /** The cell or range, e.g. 'C5' or 'B1:C1' (XLSX). */
  cell?: string;
};
export type ReadTabularOptions = {
  /** The XLSX sheet to read; the first sheet when omitted. Ignored for CSV. */
  sheetName?: string;
};
export type ReadTabularResult =
  | {
      ok: true;
      kind: 'xlsx' | 'csv';
      /** CSV only: the text encoding found ('utf-8', 'utf-16le', 'utf-16be', 'windows-874'). */
      encoding?: string;
      /** CSV only: the delimiter found. */
      delimiter?: ',' | ';' | '\t';
      /** The sheet to import, and only that one (the data sheet). */
      sheets: TabularSheet[];
    }
  | { ok: false; errors: DecodeIssue[] };

/** At most this many formula / merge / date cells are listed one by one; the rest are counted. */
const MAX_LISTED_CELLS = 50;

const issue = (message_th: string, message_en: string, where: Partial<DecodeIssue> = {}): DecodeIssue => ({
  message_th,
  message_en,
  ...where,
});

/**
 * Reads an uploaded score file. The type is decided by the content, not the file name: XLSX (a zip
 * starting with `PK\x03\x04`) through exceljs, anything textual as CSV/TSV. Legacy .xls, PDF, ODS and
 * other binaries are refused with a message saying what the file looks like.
 *
 * XLSX: the workbook is refused when a sheet is hidden, and the data sheet is refused when a cell
 * holds a formula (values must be typed, not computed), a cell is merged, or a cell holds a date
 * (Excel turns a typed 9.1 into a date). Values are read as typed: numbers stay numbers (a
 * percent-formatted 0.9652 is read as 96.52, as displayed), rich text becomes plain text.
 */
export async function readTabularFile(
  bytes: Uint8Array,
  fileName: string,
  options: ReadTabularOptions = {},
): Promise<ReadTabularResult> {
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    const mb = (bytes.byteLength / 1024 / 1024).toFixed(1);
    const max = MAX_IMPORT_BYTES / 1024 / 1024;
    return fail(
      issue(
        `ไฟล์ "${fileName}" มีขนาด ${mb} MB เกินขนาดสูงสุด ${max} MB`,
        `file "${fileName}" is ${mb} MB, more than the ${max} MB limit`,
      ),
    );
  }
  const kind = sniff(bytes);
  if (kind === 'zip') {
    if (looksLikeOds(bytes)) return fail(wrongType(fileName, 'ODS (LibreOffice/OpenOffice)', 'ODS'));
    const guard = checkZip(bytes, {
      maxEntries: IMPORT_LIMITS.zipEntries,
      maxInflatedBytes: IMPORT_LIMITS.inflatedBytes,
      normalSize: {
        th: 'ไฟล์ผลการประเมินปกติขยายแล้วไม่ถึง 50 MB',
        en: 'a result workbook normally inflates to less than 50 MB',
      },
    });
    if (!guard.ok)
      return fail(
        issue(
          `ไฟล์ "${fileName}" เป็นไฟล์ zip แต่อ่านเป็นสมุดงาน Excel (.xlsx) ไม่ได้: ${guard.message_th}`,
          `file "${fileName}" is a zip archive but not a readable Excel workbook (.xlsx): ${guard.message_en}`,
        ),
      );
    return readXlsx(bytes, fileName, options);
  }
  if (kind !== null) return fail(wrongType(fileName, kind.th, kind.en));
  return readCsv(bytes, fileName);
}

const fail = (...errors: DecodeIssue[]): ReadTabularResult => ({ ok: false, errors });

type Signature = { bytes: number[]; th: string; en: string };
const SIGNATURES: Signature[] = [
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    th: 'ไฟล์ Excel รุ่นเก่า (.xls) หรือเอกสาร Office รุ่นเก่า',
    en: 'a legacy Excel (.xls) or old Office document',
  },
  { bytes: [0x25, 0x50, 0x44, 0x46], th: 'ไฟล์ PDF', en: 'a PDF' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], th: 'รูปภาพ PNG', en: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], th: 'รูปภาพ JPEG', en: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], th: 'รูปภาพ GIF', en: 'a GIF image' },
  { bytes: [0x1f, 0x8b], th: 'ไฟล์บีบอัด gzip', en: 'a gzip archive' },
  { bytes: [0x52, 0x61, 0x72, 0x21], th: 'ไฟล์บีบอัด RAR', en: 'a RAR archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], th: 'ไฟล์บีบอัด 7z', en: 'a 7z archive' },
];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function sniff(bytes: Uint8Array): 'zip' | { th: string; en: string } | null {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return { th: 'ไฟล์ zip ว่าง', en: 'an empty zip archive' };
  const found = SIGNATURES.find((s) => startsWith(bytes, s.bytes));
  return found ? { th: found.th, en: found.en } : null;
}

/** An OpenDocument file stores its uncompressed `mimetype` entry first. */
function looksLikeOds(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  return head.includes('mimetypeapplication/vnd.oasis.opendocument');
}

function wrongType(fileName: string, th: string, en: string): DecodeIssue {
  return issue(
    `ไฟล์ "${fileName}" เป็น${th} ไม่ใช่ไฟล์ที่นำเข้าได้ ให้บันทึกเป็น Excel (.xlsx) หรือ CSV (UTF-8) แล้วนำเข้าใหม่`,
    `file "${fileName}" looks like ${en}, which cannot be imported; save it as Excel (.xlsx) or CSV (UTF-8) and import again`,
  );
}

// ---------------------------------------------------------------------------------------------
// CSV / TSV

type Decoded = { ok: true; text: string; encoding: string } | { ok: false; error: DecodeIssue };

function decodeText(bytes: Uint8Array, fileName: string): Decoded {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return utf8(bytes.subarray(3), fileName);
  if (startsWith(bytes, [0xff, 0xfe]))
    return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (startsWith(bytes, [0xfe, 0xff]))
    return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  // UTF-16 needs its BOM (as the import docs say): without one the byte order is a guess.
  if (guessUtf16WithoutBom(bytes)) return { ok: false, error: utf16WithoutBom(fileName) };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return windows874(bytes, fileName);
  }
}

function utf8(bytes: Uint8Array, fileName: string): Decoded {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { ok: false, error: unknownEncoding(fileName) };
  }
}

function utf16WithoutBom(fileName: string): DecodeIssue {
  return issue(
    `ไฟล์ "${fileName}" ดูเหมือนเป็น UTF-16 ที่ไม่มีเครื่องหมายลำดับไบต์ (BOM) จึงอ่านตัวอักษรให้แน่นอนไม่ได้ ให้บันทึกเป็น CSV UTF-8 (หรือ Unicode/UTF-16 ที่มี BOM) แล้วนำเข้าใหม่`,
    `file "${fileName}" looks like UTF-16 without a byte-order mark (BOM), so its text cannot be read for certain; save it as CSV UTF-8 (or Unicode/UTF-16 with a BOM) and import again`,
  );
}

/** Mostly ASCII text saved as UTF-16 without a BOM: every other byte is zero. */
function guessUtf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 2000) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros === 0) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros === 0) return 'utf-16be';
  return null;
}

/** Extra Windows-874 characters outside ASCII and the Thai block. */
const WINDOWS_874_EXTRA: Record<number, number> = {
  8364: 0x80,
  8230: 0x85,
  8216: 0x91,
  8217: 0x92,
  8220: 0x93,
  8221: 0x94,
  8226: 0x95,
  8211: 0x96,
  8212: 0x97,
  160: 0xa0,
};

/** Encodes text as Windows-874 (TIS-620 plus a few punctuation marks); null when a character has no byte. */
function encodeWindows874(text: string): Uint8Array | null {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else if (cp >= 0x0e01 && cp <= 0x0e5b) out.push(cp - 0x0e01 + 0xa1);
    else if (WINDOWS_874_EXTRA[cp] !== undefined) out.push(WINDOWS_874_EXTRA[cp]!);
    else return null;
  }
  return Uint8Array.from(out);
}

/**
 * Not UTF-8: try Windows-874 / TIS-620, the Thai code page of older Excel and LibreOffice CSVs. The
 * text is accepted only when it encodes back to the same bytes (no byte fell outside the code page)
 * and it has Thai letters.
 */
function windows874(bytes: Uint8Array, fileName: string): Decoded {
  const text = new TextDecoder('windows-874').decode(bytes);
  const back = encodeWindows874(text);
  const same = back !== null && back.length === bytes.length && back.every((b, i) => b === bytes[i]);
  if (!same || !/[\u0e01-\u0e5b]/.test(text)) return { ok: false, error: unknownEncoding(fileName) };
  // Latin-1 or Windows-1252 text (café, crème) read as Windows-874 puts Thai vowel and tone marks
  // after Latin letters, which Thai writing never does: that file is not Thai, and is refused.
  if (MARK_WITHOUT_THAI_BASE.test(text)) return { ok: false, error: unknownEncoding(fileName) };
  return { ok: true, text, encoding: 'windows-874' };
}

/** A Thai combining mark (above or below vowel, tone mark) not written on a Thai letter. */
const MARK_WITHOUT_THAI_BASE = /(?:^|[^\u0e01-\u0e4e])[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]/m;

function unknownEncoding(fileName: string): DecodeIssue {
  return issue(
    `อ่านตัวอักษรในไฟล์ "${fileName}" ไม่ได้ (ไม่ใช่ UTF-8, UTF-16 หรือ Windows-874/TIS-620) ให้บันทึกเป็น CSV UTF-8`,
    `cannot read the text of "${fileName}" (not UTF-8, UTF-16 or Windows-874/TIS-620); save it as CSV UTF-8`,
  );
}

/** The delimiter seen most often on the first non-empty line, outside quotes; comma on a tie. */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  let seen = false;
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) {
      if (seen) break;
    } else if (!inQuotes && (ch === ',' || ch === ';' || ch === '\t')) {
      counts[ch]++;
      seen = true;
    } else if (ch.trim() !== '') seen = true;
  }
  let best: ',' | ';' | '\t' = ',';
  for (const d of [';', '\t'] as const) if (counts[d] > counts[best]) best = d;
  return best;
}

function readCsv(bytes: Uint8Array, fileName: string): ReadTabularResult {
  const lines = countLineBreaks(bytes);
  if (lines > IMPORT_LIMITS.lines) {
    return fail(
      issue(
        `ไฟล์ "${fileName}" มี ${thousands(lines)} บรรทัด เกิน ${thousands(IMPORT_LIMITS.lines)} บรรทัดที่นำเข้าได้ในไฟล์เดียว ให้แบ่งเป็นหลายไฟล์`,
        `file "${fileName}" has ${thousands(lines)} lines, more than the ${thousands(IMPORT_LIMITS.lines)} one file may hold; split it into several files`,
      ),
    );
  }
  const plain = plainUtf8Csv(bytes);
  if (plain) return csvResult(plain.records, 'utf-8', plain.delimiter, fileName);
  return readCsvText(bytes, fileName);
}

/** The CSV path for any text: decoded whole, then split (no quote) or parsed by csv-parse. */
export function readCsvText(bytes: Uint8Array, fileName: string): ReadTabularResult {
  const utf16 =
    startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]) || guessUtf16WithoutBom(bytes);
  // Many control bytes: a binary file. A few in a text file (a NUL typed into a cell) are read, and the
  // cell that holds one the database cannot store is named after the split (csvResult).
  if (!utf16 && looksBinary(bytes)) {
    return fail(wrongType(fileName, 'ไฟล์ไบนารีที่ไม่รู้จัก', 'an unknown binary file'));
  }
  const decoded = decodeText(bytes, fileName);
  if (!decoded.ok) return fail(decoded.error);
  const text = decoded.text.replace(/^\uFEFF/, '');
  if (looksBinary(text)) {
    return fail(wrongType(fileName, 'ไฟล์ไบนารีที่ไม่รู้จัก', 'an unknown binary file'));
  }
  const delimiter = detectDelimiter(text);
  let records: CellValue[][];
  try {
    // Without a quote there is nothing to unquote: split (the usual score file, ~10× faster than
    // csv-parse, which gives the same records for such text).
    records = text.includes('"')
      ? (parse(text, {
          delimiter,
          relax_column_count: true,
          relax_quotes: true,
          skip_empty_lines: false,
        }) as string[][])
      : splitPlainCsv(text, delimiter);
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    const message = (error as Error).message;
    return fail(
      issue(
        `อ่านไฟล์ CSV "${fileName}" ไม่ได้${line ? ` ที่บรรทัด ${line}` : ''}: ${message}`,
        `cannot read CSV file "${fileName}"${line ? ` at line ${line}` : ''}: ${message}`,
      ),
    );
  }
  return csvResult(records, decoded.encoding, delimiter, fileName);
}

/** Line feeds in the bytes, or carriage returns when there is no line feed (old Mac line ends). */
function countLineBreaks(bytes: Uint8Array): number {
  let lf = 0;
  let cr = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x0a) lf++;
    else if (b === 0x0d) cr++;
  }
  return lf > 0 ? lf : cr;
}

/**
 * The rows of a sheet within `IMPORT_LIMITS`: no row beyond `rows` holds a value, no row has more than
 * `columns` cells, and no run of more than `blankRun` blank rows comes before more data. Null when
 * the rows are within bounds; else the problem, with the row (and column) where it is.
 */
export function checkSheetBounds(rows: readonly CellValue[][], sheet: string | null): DecodeIssue | null {
  const where = (cell: string) => (sheet === null ? {} : { sheet, cell });
  const inSheet = sheet === null ? '' : ` ในแผ่นงาน "${sheet}"`;
  const inSheetEn = sheet === null ? '' : ` of sheet "${sheet}"`;
  let blankFrom = -1;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const blank = row.every((v) => v === null);
    if (blank) {
      if (blankFrom < 0) blankFrom = i;
      continue;
    }
    const n = i + 1;
    if (n > IMPORT_LIMITS.rows) return rowBeyondLimit(n, sheet);
    if (blankFrom >= 0 && i - blankFrom > IMPORT_LIMITS.blankRun) {
      return issue(
        `แถวที่ ${thousands(blankFrom + 1)}–${thousands(i)}${inSheet} เป็นแถวว่างติดกัน ${thousands(i - blankFrom)} แถว (เกิน ${thousands(IMPORT_LIMITS.blankRun)} แถว) ก่อนข้อมูลในแถวที่ ${thousands(n)} ให้ลบแถวว่างออก`,
        `rows ${thousands(blankFrom + 1)}–${thousands(i)}${inSheetEn} are ${thousands(i - blankFrom)} blank rows in a row (more than ${thousands(IMPORT_LIMITS.blankRun)}) before data in row ${thousands(n)}; delete the blank rows`,
        where(`A${blankFrom + 1}:A${i}`),
      );
    }
    blankFrom = -1;
    if (row.length > IMPORT_LIMITS.columns) {
      return issue(
        `แถวที่ ${thousands(n)}${inSheet} มี ${thousands(row.length)} คอลัมน์ เกิน ${thousands(IMPORT_LIMITS.columns)} คอลัมน์ที่นำเข้าได้`,
        `row ${thousands(n)}${inSheetEn} has ${thousands(row.length)} columns, more than the ${thousands(IMPORT_LIMITS.columns)} that can be imported`,
        where(`A${n}`),
      );
    }
  }
  return null;
}

function rowBeyondLimit(n: number, sheet: string | null): DecodeIssue {
  const inSheet = sheet === null ? '' : ` ในแผ่นงาน "${sheet}"`;
  const inSheetEn = sheet === null ? '' : ` of sheet "${sheet}"`;
  return issue(
    `แถวที่ ${thousands(n)}${inSheet} เกิน ${thousands(IMPORT_LIMITS.rows)} แถวที่นำเข้าได้ในไฟล์เดียว ให้แบ่งเป็นหลายไฟล์`,
    `row ${thousands(n)}${inSheetEn} is beyond the ${thousands(IMPORT_LIMITS.rows)} rows one file may hold; split it into several files`,
    sheet === null ? {} : { sheet, cell: `A${n}` },
  );
}

function csvResult(
  records: CellValue[][],
  encoding: string,
  delimiter: ',' | ';' | '\t',
  fileName: string,
): ReadTabularResult {
  // Blank cells become null in place: the records are the rows (a national file has ~900k cells).
  for (const record of records) {
    for (let i = 0; i < record.length; i++) {
      if (cleanText(record[i] as string) === '') record[i] = null;
    }
    trimRowInPlace(record);
  }
  const refused = checkSheetBounds(records, null) ?? findUnstorableCell(records, null);
  if (refused)
    return fail({
      ...refused,
      message_th: `ไฟล์ "${fileName}": ${refused.message_th}`,
      message_en: `file "${fileName}": ${refused.message_en}`,
    });
  return {
    ok: true,
    kind: 'csv',
    encoding,
    delimiter,
    sheets: [{ name: baseName(fileName), rows: records }],
  };
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const DELIMITER_BYTES: Record<',' | ';' | '\t', number> = { ',': 0x2c, ';': 0x3b, '\t': 0x09 };

function bytesAt(bytes: Uint8Array, offset: number, expected: readonly number[]): boolean {
  return expected.every((b, i) => bytes[offset + i] === b);
}

/**
 * The records of a UTF-8 CSV without a quote character, read straight from its bytes: each cell is
 * decoded on its own (an ASCII cell as a one-byte string), so no whole-file string is made and a
 * number does not become a two-byte string because its row has Thai in it (a national file is ~4.6
 * MB, ~900k cells). Gives exactly what `readCsvText` gives for such a file; null for anything else
 * (another encoding, a quote, a control character), which `readCsvText` reads or refuses.
 */
export function plainUtf8Csv(bytes: Uint8Array): { records: string[][]; delimiter: ',' | ';' | '\t' } | null {
  // As `decodeText` and `readCsvText` strip them: the BOM, one more the UTF-8 decoder drops, and one
  // more `replace(/^\uFEFF/, '')` drops. Without a BOM, UTF-16 is looked for before UTF-8.
  let offset = 0;
  if (startsWith(bytes, UTF8_BOM)) {
    offset = 3;
    if (bytesAt(bytes, offset, UTF8_BOM)) offset += 3;
    if (bytesAt(bytes, offset, UTF8_BOM)) offset += 3;
  } else if (
    startsWith(bytes, [0xff, 0xfe]) ||
    startsWith(bytes, [0xfe, 0xff]) ||
    guessUtf16WithoutBom(bytes)
  ) {
    return null;
  }
  const body = bytes.subarray(offset);
  for (let i = 0; i < body.length; i++) {
    const b = body[i]!;
    // A quote (csv-parse unquotes it) or a C0 control character other than tab and line breaks.
    if (b === 0x22 || (b < 0x20 && (b < 0x09 || b > 0x0d))) return null;
  }
  if (!isUtf8(body)) return null;
  const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);

  // Lines: split at the first line break found (`\r\n`, `\r` or `\n`), as `splitPlainCsv`.
  let first = -1;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === 0x0a || body[i] === 0x0d) {
      first = i;
      break;
    }
  }
  const lineBreak =
    first < 0 ? [] : body[first] === 0x0d ? (body[first + 1] === 0x0a ? [0x0d, 0x0a] : [0x0d]) : [0x0a];
  const lines: [start: number, end: number][] = [];
  let start = 0;
  if (lineBreak.length > 0) {
    for (let i = first; i < body.length; ) {
      i = body.indexOf(lineBreak[0]!, i);
      if (i < 0) break;
      if (lineBreak.length === 2 && body[i + 1] !== 0x0a) {
        i++;
        continue;
      }
      lines.push([start, i]);
      start = i + lineBreak.length;
      i = start;
    }
  }
  if (start < body.length) lines.push([start, body.length]);

  // The delimiter as `detectDelimiter` finds it on the whole text: it stops at the first line break
  // after a line with something in it, so the text up to there is enough.
  let upTo = body.length;
  for (const [s, e] of lines) {
    const line = buffer.toString('utf8', s, e);
    if (line.trim() !== '' || /[,;\t]/.test(line)) {
      upTo = Math.min(body.length, e + lineBreak.length);
      break;
    }
  }
  const delimiter = detectDelimiter(buffer.toString('utf8', 0, upTo));
  const separator = DELIMITER_BYTES[delimiter];

  // A short cell is kept once per distinct text: a national file repeats a few thousand scores
  // ("100", "0", "87.45") ~900k times, and its rows are alive through the whole interpretation.
  const shared = new Map<string, string>();
  const records: string[][] = new Array(lines.length);
  for (let l = 0; l < lines.length; l++) {
    const [s, e] = lines[l]!;
    const cells: string[] = [];
    let cell = s;
    let ascii = true;
    for (let i = s; i <= e; i++) {
      if (i === e || body[i] === separator) {
        let text = buffer.toString(ascii ? 'latin1' : 'utf8', cell, i);
        if (i - cell <= SHARED_CELL_BYTES) {
          const same = shared.get(text);
          if (same !== undefined) text = same;
          else if (shared.size < MAX_SHARED_CELLS) shared.set(text, text);
        }
        cells.push(text);
        cell = i + 1;
        ascii = true;
      } else if (body[i]! >= 0x80) ascii = false;
    }
    records[l] = cells;
  }
  return { records, delimiter };
}

/** Cells up to this many bytes are shared when they repeat (scores, marks, short words). */
const SHARED_CELL_BYTES = 12;
const MAX_SHARED_CELLS = 100_000;

/**
 * Records of CSV text that holds no quote character, exactly as csv-parse (`relax_column_count`,
 * `skip_empty_lines: false`) reads it: the record delimiter is the first line break found (`\r\n`,
 * `\n` or `\r`) and only that one ends a record (another line-break character stays in its field); an
 * empty line is a record of one empty field; a line break at the very end does not start a record.
 */
export function splitPlainCsv(text: string, delimiter: string): string[][] {
  const at = text.search(/[\r\n]/);
  const lineBreak = at < 0 ? null : text[at] === '\r' ? (text[at + 1] === '\n' ? '\r\n' : '\r') : '\n';
  const lines = lineBreak === null ? [text] : text.split(lineBreak);
  if (lines[lines.length - 1] === '') lines.pop();
  const records: string[][] = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) records[i] = lines[i]!.split(delimiter);
  return records;
}

/** C0 control characters other than tab, line feed, vertical tab, form feed and carriage return. */
/**
 * More C0 control characters (other than tab and line breaks) than a text file typed by a person holds:
 * over 4, and over one in a thousand. Bytes or UTF-16 code units alike (a control character is one of each).
 */
function looksBinary(data: Uint8Array | string): boolean {
  const allowed = Math.max(4, data.length / 1000);
  let controls = 0;
  for (let i = 0; i < data.length; i++) {
    const c = typeof data === 'string' ? data.charCodeAt(i) : data[i]!;
    if (c < 0x20 && (c < 0x09 || c > 0x0d) && ++controls > allowed) return true;
  }
  return false;
}

function baseName(fileName: string): string {
  const name = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  return name === '' ? 'CSV' : name;
}

/** Drops the trailing blank cells of a row (the row itself is shortened). */
function trimRowInPlace(row: CellValue[]) {
  let end = row.length;
  while (end > 0 && row[end - 1] === null) end--;
  if (end !== row.length) row.length = end;
}

function trimRow(row: CellValue[]): CellValue[] {
  let end = row.length;
  while (end > 0 && row[end - 1] === null) end--;
  return end === row.length ? row : row.slice(0, end);
}

// ---------------------------------------------------------------------------------------------
// XLSX

async function readXlsx(
  bytes: Uint8Array,
  fileName: string,
  options: ReadTabularOptions,
): Promise<ReadTabularResult> {
  const workbook = new (await loadExcelJS()).Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (error) {
    return fail(
      issue(
        `ไฟล์ "${fileName}" เป็นไฟล์ zip แต่อ่านเป็นสมุดงาน Excel (.xlsx) ไม่ได้: ${(error as Error).message}`,
        `file "${fileName}" is a zip archive but not a readable Excel workbook (.xlsx): ${(error as Error).message}`,
      ),
    );
  }
  const sheets = workbook.worksheets;
  const hidden = sheets.filter((s) => s.state !== 'visible');
  if (hidden.length > 0) {
    return fail(
      ...hidden.map((s) =>
        issue(
          `แผ่นงาน "${s.name}" ถูกซ่อนไว้ ให้ยกเลิกการซ่อน (หรือลบแผ่นงานนั้น) แล้วนำเข้าใหม่ เพื่อให้เห็นข้อมูลทั้งหมดที่นำเข้า`,
          `sheet "${s.name}" is hidden; unhide (or delete) it and import again, so that nothing imported is out of sight`,
          { sheet: s.name },
        ),
      ),
    );
  }
  if (sheets.length === 0) {
    return fail(issue(`ไฟล์ "${fileName}" ไม่มีแผ่นงาน`, `file "${fileName}" has no sheet`));
  }
  let sheet = sheets[0]!;
  if (options.sheetName !== undefined) {
    const wanted = cleanText(options.sheetName).toLowerCase();
    const found = sheets.find((s) => cleanText(s.name).toLowerCase() === wanted);
    if (!found) {
      const names = sheets.map((s) => `"${s.name}"`).join(', ');
      return fail(
        issue(
          `ไม่มีแผ่นงาน "${options.sheetName}" ในไฟล์ (มี ${names})`,
          `there is no sheet "${options.sheetName}" in the file (it has ${names})`,
        ),
      );
    }
    sheet = found;
  }
  return readWorksheet(sheet);
}

/** Strips quoted literals and escaped characters from a number format, then looks for '%'. */
function isPercentFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  return numFmt
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .includes('%');
}

type RichText = { richText: { text: string }[] };

function plainText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'richText' in value) {
    return (value as RichText).richText.map((r) => r.text).join('');
  }
  return value === null || value === undefined ? '' : String(value);
}

function readWorksheet(ws: ExcelJS.Worksheet): ReadTabularResult {
  const errors: DecodeIssue[] = [];
  const formulas: string[] = [];
  const dates: string[] = [];
  const rows: CellValue[][] = [];
  let headerRow: number | null = null;

  // The last row with a value: blank rows after it (formatted, never typed in) are not read.
  let last = 0;
  ws.eachRow((row, n) => {
    if (row.hasValues) last = n;
  });
  if (last > IMPORT_LIMITS.rows) return fail(rowBeyondLimit(last, ws.name));
  for (let r = 1; r <= last; r++) {
    const row = ws.getRow(r);
    if (row.cellCount > IMPORT_LIMITS.columns) {
      return fail(
        issue(
          `แถวที่ ${thousands(r)} ในแผ่นงาน "${ws.name}" มี ${thousands(row.cellCount)} คอลัมน์ เกิน ${thousands(IMPORT_LIMITS.columns)} คอลัมน์ที่นำเข้าได้`,
          `row ${thousands(r)} of sheet "${ws.name}" has ${thousands(row.cellCount)} columns, more than the ${thousands(IMPORT_LIMITS.columns)} that can be imported`,
          { sheet: ws.name, cell: `A${r}` },
        ),
      );
    }
    const values: CellValue[] = [];
    for (let c = 1; c <= row.cellCount; c++) {
      const cell = row.getCell(c);
      values.push(cellValue(cell, formulas, dates));
    }
    const trimmed = trimRow(values);
    if (headerRow === null && trimmed.some((v) => v !== null && String(v).trim() !== '')) headerRow = r;
    rows.push(trimmed);
  }

  const listed = <T>(items: T[]) => items.slice(0, MAX_LISTED_CELLS);
  for (const address of listed(formulas)) {
    errors.push(
      issue(
        `เซลล์ ${address} ในแผ่นงาน "${ws.name}" เป็นสูตร ให้พิมพ์ค่าตัวเลขแทนสูตร (คัดลอกแล้ววางแบบค่า)`,
        `cell ${address} in sheet "${ws.name}" holds a formula; type the value instead (copy, then paste as values)`,
        { sheet: ws.name, cell: address },
      ),
    );
  }
  for (const address of listed(dates)) {
    errors.push(
      issue(
        `เซลล์ ${address} ในแผ่นงาน "${ws.name}" เป็นวันที่ (Excel อาจแปลง 9.1 เป็นวันที่) ให้จัดรูปแบบเซลล์เป็นข้อความแล้วพิมพ์ใหม่`,
        `cell ${address} in sheet "${ws.name}" holds a date (Excel may turn 9.1 into a date); format the cell as text and type it again`,
        { sheet: ws.name, cell: address },
      ),
    );
  }
  const merges = ws.model.merges ?? [];
  for (const range of listed(merges)) {
    const [top, bottom] = rangeRows(range);
    const inHeader = headerRow !== null && top <= headerRow && headerRow <= bottom;
    errors.push(
      inHeader
        ? issue(
            `หัวตารางในแผ่นงาน "${ws.name}" มีเซลล์ที่ผสานไว้ (${range}) ให้ยกเลิกการผสานเซลล์ หัวคอลัมน์ต้องอยู่ช่องละหนึ่งชื่อ`,
            `the header row of sheet "${ws.name}" has merged cells (${range}); unmerge them: one column name per cell`,
            { sheet: ws.name, cell: range },
          )
        : issue(
            `เซลล์ ${range} ในแผ่นงาน "${ws.name}" ถูกผสานไว้ ให้ยกเลิกการผสานเซลล์และพิมพ์ค่าในทุกเซลล์`,
            `cells ${range} in sheet "${ws.name}" are merged; unmerge them and type the value in every cell`,
            { sheet: ws.name, cell: range },
          ),
    );
  }
  const more = Math.max(0, formulas.length - MAX_LISTED_CELLS) + Math.max(0, dates.length - MAX_LISTED_CELLS);
  const moreMerges = Math.max(0, merges.length - MAX_LISTED_CELLS);
  if (more + moreMerges > 0) {
    errors.push(
      issue(
        `และอีก ${more + moreMerges} เซลล์ในแผ่นงาน "${ws.name}" ที่มีปัญหาแบบเดียวกัน`,
        `and ${more + moreMerges} more cells in sheet "${ws.name}" with the same problems`,
        { sheet: ws.name },
      ),
    );
  }
  if (errors.length > 0) return { ok: false, errors };
  const bounds = checkSheetBounds(rows, ws.name);
  if (bounds) return fail(bounds);
  const unstorable = findUnstorableCell(rows, ws.name);
  if (unstorable) return fail(unstorable);
  return { ok: true, kind: 'xlsx', sheets: [{ name: ws.name, rows }] };
}

/** 'B1:C3' → [1, 3]; 'B2' → [2, 2]. */
function rangeRows(range: string): [number, number] {
  const numbers = [...range.matchAll(/[A-Z]+(\d+)/gi)].map((m) => Number(m[1]));
  const top = Math.min(...numbers);
  const bottom = Math.max(...numbers);
  return [top, bottom];
}

function cellValue(cell: ExcelJS.Cell, formulas: string[], dates: string[]): CellValue {
  const T = excelValueType();
  const value = cell.value as unknown;
  switch (cell.type) {
    case T.Null:
    case T.Merge:
      return null;
    case T.Number: {
      const n = value as number;
      return isPercentFormat(cell.numFmt) ? Number((n * 100).toFixed(10)) : n;
    }
    case T.Formula:
      formulas.push(cell.address);
      return null;
    case T.Date:
      dates.push(cell.address);
      return null;
    case T.Boolean:
      return value ? 'TRUE' : 'FALSE';
    case T.Error:
      return String((value as { error?: string }).error ?? '#ERROR');
    case T.Hyperlink:
      return emptyToNull(plainText((value as { text?: unknown }).text));
    case T.RichText:
      return emptyToNull(plainText(value));
    default:
      // String, SharedString and anything newer: the text as typed.
      if (value && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) {
        formulas.push(cell.address);
        return null;
      }
      return emptyToNull(plainText(value));
  }
}

function emptyToNull(text: string): string | null {
  return cleanText(text) === '' ? null : text;
}
