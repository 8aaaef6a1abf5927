import type ExcelJS from 'exceljs';
import { type FrameworkIssue, MAX_FRAMEWORK_BYTES } from '#shared/catalogue/contract.ts';
import { excelValueType, loadExcelJS } from '../../../lazy/exceljs.ts';
import { columnLetter, INSTRUCTIONS_SHEET, SHEETS } from './sheets.ts';
import { checkZip } from './zip-guard.ts';

/** Bounds of what a framework workbook may hold; a framework is a few hundred rows. */
export const FRAMEWORK_LIMITS = {
  bytes: MAX_FRAMEWORK_BYTES,
  zipEntries: 200,
  inflatedBytes: 40 * 1024 * 1024,
  rowsPerSheet: 5000,
  columnsPerSheet: 60,
  cellCharacters: 20_000,
  /** Errors listed one by one; the rest are counted. */
  listedErrors: 200,
} as const;

export type RawCell = string | number | boolean | Date | null;
/** One sheet as typed: `rows[i]` is row i + 1, `rows[i][j]` column j + 1. */
export type RawSheet = { name: string; rows: RawCell[][] };
export type ReadWorkbookResult = { ok: true; sheets: RawSheet[] } | { ok: false; errors: FrameworkIssue[] };

export const issueAt = (
  sheet: string | null,
  row: number | null,
  column: string | null,
  field: string | null,
  message_th: string,
  message_en: string,
): FrameworkIssue => ({ sheet, row, column, field, message_th, message_en });

const fileIssue = (th: string, en: string) => issueAt(null, null, null, null, th, en);
const MAX_LISTED_CELLS = 20;

/**
 * Reads a framework workbook within bounds: file size, zip entries and inflated size (checked before
 * exceljs unpacks anything), rows and columns per sheet, characters per cell. Hidden sheets, formulas,
 * merged cells and error values in the framework's sheets are refused; the instructions sheet and
 * sheets the framework does not know are not read.
 */
export async function readFrameworkWorkbook(
  bytes: Uint8Array,
  fileName: string,
): Promise<ReadWorkbookResult> {
  if (bytes.byteLength > FRAMEWORK_LIMITS.bytes) {
    const mb = (bytes.byteLength / 1024 / 1024).toFixed(1);
    const max = FRAMEWORK_LIMITS.bytes / 1024 / 1024;
    return fail(
      fileIssue(
        `ไฟล์ "${fileName}" มีขนาด ${mb} MB เกินขนาดสูงสุด ${max} MB`,
        `file "${fileName}" is ${mb} MB, more than the ${max} MB limit`,
      ),
    );
  }
  const zip =
    bytes.byteLength >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (!zip) {
    return fail(
      fileIssue(
        `ไฟล์ "${fileName}" ไม่ใช่ไฟล์ Excel (.xlsx) ให้ดาวน์โหลดแม่แบบจากหน้าชุดคำถาม ITA กรอกข้อมูล แล้วบันทึกเป็น .xlsx`,
        `file "${fileName}" is not an Excel workbook (.xlsx); download the template from the catalogue page, fill it in and save it as .xlsx`,
      ),
    );
  }
  const guard = checkZip(bytes, {
    maxEntries: FRAMEWORK_LIMITS.zipEntries,
    maxInflatedBytes: FRAMEWORK_LIMITS.inflatedBytes,
  });
  if (!guard.ok)
    return fail(
      fileIssue(`ไฟล์ "${fileName}": ${guard.message_th}`, `file "${fileName}": ${guard.message_en}`),
    );

  const workbook = new (await loadExcelJS()).Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (error) {
    return fail(
      fileIssue(
        `อ่านไฟล์ "${fileName}" เป็นสมุดงาน Excel ไม่ได้: ${(error as Error).message}`,
        `cannot read "${fileName}" as an Excel workbook: ${(error as Error).message}`,
      ),
    );
  }
  const known = new Set(SHEETS.map((s) => s.name));
  const errors: FrameworkIssue[] = [];
  const sheets: RawSheet[] = [];
  for (const ws of workbook.worksheets) {
    if (ws.state !== 'visible') {
      errors.push(
        issueAt(
          ws.name,
          null,
          null,
          null,
          `แผ่นงาน "${ws.name}" ถูกซ่อนไว้ ให้ยกเลิกการซ่อน (หรือลบแผ่นงานนั้น) แล้วนำเข้าใหม่ เพื่อให้เห็นทุกสิ่งที่นำเข้า`,
          `sheet "${ws.name}" is hidden; unhide (or delete) it and import again, so that nothing imported is out of sight`,
        ),
      );
      continue;
    }
    if (ws.name === INSTRUCTIONS_SHEET) continue;
    if (!known.has(ws.name.trim())) {
      sheets.push({ name: ws.name, rows: [] });
      continue;
    }
    const read = readSheet(ws);
    if (read.ok) sheets.push(read.sheet);
    else errors.push(...read.errors);
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, sheets };
}

const fail = (...errors: FrameworkIssue[]): ReadWorkbookResult => ({ ok: false, errors });

type RichText = { richText: { text: string }[] };

function readSheet(
  ws: ExcelJS.Worksheet,
): { ok: true; sheet: RawSheet } | { ok: false; errors: FrameworkIssue[] } {
  const name = ws.name.trim();
  const { rowsPerSheet, columnsPerSheet, cellCharacters } = FRAMEWORK_LIMITS;
  if (ws.actualRowCount > rowsPerSheet + 2) {
    return {
      ok: false,
      errors: [
        issueAt(
          name,
          null,
          null,
          null,
          `แผ่นงาน "${name}" มี ${ws.actualRowCount} แถว เกิน ${rowsPerSheet} แถว`,
          `sheet "${name}" has ${ws.actualRowCount} rows, more than ${rowsPerSheet}`,
        ),
      ],
    };
  }
  if (ws.actualColumnCount > columnsPerSheet) {
    return {
      ok: false,
      errors: [
        issueAt(
          name,
          null,
          null,
          null,
          `แผ่นงาน "${name}" มี ${ws.actualColumnCount} คอลัมน์ เกิน ${columnsPerSheet} คอลัมน์`,
          `sheet "${name}" has ${ws.actualColumnCount} columns, more than ${columnsPerSheet}`,
        ),
      ],
    };
  }
  const errors: FrameworkIssue[] = [];
  let refused = 0;
  const refuse = (row: number | null, column: string | null, th: string, en: string) => {
    refused++;
    if (refused <= MAX_LISTED_CELLS) errors.push(issueAt(name, row, column, null, th, en));
  };
  for (const range of ws.model.merges ?? []) {
    const match = /^([A-Z]+)(\d+)/.exec(range);
    refuse(
      match ? Number(match[2]) : null,
      match ? match[1]! : null,
      `เซลล์ ${range} ในแผ่นงาน "${name}" ถูกผสานไว้ ให้ยกเลิกการผสานเซลล์และพิมพ์ค่าในทุกเซลล์`,
      `cells ${range} in sheet "${name}" are merged; unmerge them and type the value in every cell`,
    );
  }
  const rows: RawCell[][] = [];
  const T = excelValueType();
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const values: RawCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (c > columnsPerSheet) return;
      let value: RawCell = null;
      const raw = cell.value as unknown;
      switch (cell.type) {
        case T.Null:
        case T.Merge:
          value = null;
          break;
        case T.Number:
          value = raw as number;
          break;
        case T.Boolean:
          value = Boolean(raw);
          break;
        case T.Date:
          value = raw as Date;
          break;
        case T.Formula:
          refuse(
            r,
            columnLetter(c),
            `เซลล์ ${cell.address} ในแผ่นงาน "${name}" เป็นสูตร ให้พิมพ์ค่าแทนสูตร (คัดลอกแล้ววางแบบค่า)`,
            `cell ${cell.address} in sheet "${name}" holds a formula; type the value instead (copy, then paste as values)`,
          );
          break;
        case T.Error:
          refuse(
            r,
            columnLetter(c),
            `เซลล์ ${cell.address} ในแผ่นงาน "${name}" มีค่าผิดพลาด (${String((raw as { error?: string }).error ?? '#ERROR')})`,
            `cell ${cell.address} in sheet "${name}" holds an error value (${String((raw as { error?: string }).error ?? '#ERROR')})`,
          );
          break;
        case T.RichText:
          value = (raw as RichText).richText.map((x) => x.text).join('');
          break;
        case T.Hyperlink:
          value = String((raw as { text?: unknown }).text ?? '');
          break;
        default:
          value = raw === null || raw === undefined ? null : String(raw);
      }
      if (typeof value === 'string' && value.length > cellCharacters) {
        refuse(
          r,
          columnLetter(c),
          `เซลล์ ${cell.address} ในแผ่นงาน "${name}" มีข้อความ ${value.length} ตัวอักษร เกิน ${cellCharacters}`,
          `cell ${cell.address} in sheet "${name}" holds ${value.length} characters, more than ${cellCharacters}`,
        );
        value = null;
      }
      if (typeof value === 'string' && value.trim() === '') value = null;
      values[c - 1] = value;
    });
    for (let i = 0; i < values.length; i++) if (values[i] === undefined) values[i] = null;
    rows[r - 1] = values;
  });
  for (let i = 0; i < rows.length; i++) if (rows[i] === undefined) rows[i] = [];
  if (refused > MAX_LISTED_CELLS) {
    errors.push(
      issueAt(
        name,
        null,
        null,
        null,
        `และอีก ${refused - MAX_LISTED_CELLS} เซลล์ในแผ่นงาน "${name}" ที่มีปัญหาแบบเดียวกัน`,
        `and ${refused - MAX_LISTED_CELLS} more cells in sheet "${name}" with the same problems`,
      ),
    );
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, sheet: { name, rows } };
}
