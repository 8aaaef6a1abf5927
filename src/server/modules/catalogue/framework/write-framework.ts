import type ExcelJS from 'exceljs';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import { loadExcelJS } from '../../../lazy/exceljs.ts';
import { editionToRows, type OutRow } from './edition-rows.ts';
import {
  DEFAULT_CONFIDENCE,
  DEFAULT_SOURCE_ID,
  DEFAULT_SOURCE_TITLE,
  INSTRUCTIONS_SHEET,
  KEYVALUE_COLUMNS,
  SHEETS,
  type SheetSpec,
} from './sheets.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
const KEY_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F3F3' } };
const FONT = 'Tahoma';

/** A framework workbook: the edition's parts one sheet each, or (edition null) the blank template. */
export async function buildFrameworkWorkbook(edition: Edition | null): Promise<Uint8Array> {
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = 'ITA';
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  addInstructions(workbook, edition);
  const rows = edition ? editionToRows(edition) : null;
  for (const spec of SHEETS) {
    if (spec.layout === 'keyvalue') addKeyValueSheet(workbook, spec, rows?.[spec.id] ?? null);
    else addTableSheet(workbook, spec, rows?.[spec.id] ?? []);
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

export function frameworkFileName(edition: Edition | null): string {
  return edition ? `ita-framework-${edition.fiscal_year}.xlsx` : 'ita-framework-template.xlsx';
}

function styleHeader(row: ExcelJS.Row, fill: ExcelJS.Fill, bold: boolean) {
  row.font = { name: FONT, bold, size: bold ? 10 : 9, color: bold ? undefined : { argb: 'FF555555' } };
  row.alignment = { vertical: 'top', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = fill;
    cell.border = { bottom: { style: 'thin', color: { argb: 'FFB0B7C3' } } };
  });
}

function addTableSheet(workbook: ExcelJS.Workbook, spec: SheetSpec, rows: OutRow[]) {
  const ws = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = spec.columns.map((c) => ({
    key: c.key,
    width: c.width ?? 14,
    // Text columns stay text when a person types 9.1 or 0001 into them.
    style:
      c.kind === 'text' || c.kind === 'lines' || c.kind === 'codes' || c.kind === 'date'
        ? { numFmt: '@', font: { name: FONT, size: 10 } }
        : { font: { name: FONT, size: 10 } },
  }));
  styleHeader(ws.addRow(spec.columns.map((c) => (c.required ? `${c.th} *` : c.th))), HEADER_FILL, true);
  styleHeader(ws.addRow(spec.columns.map((c) => c.key)), KEY_FILL, false);
  for (const row of rows) {
    const added = ws.addRow(spec.columns.map((c) => row[c.key] ?? null));
    added.alignment = { vertical: 'top', wrapText: true };
  }
}

function addKeyValueSheet(workbook: ExcelJS.Workbook, spec: SheetSpec, rows: OutRow[] | null) {
  const ws = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = KEYVALUE_COLUMNS.map((c) => ({
    key: c.key,
    width: c.width,
    style: { font: { name: FONT, size: 10 }, alignment: { vertical: 'top', wrapText: true } },
  }));
  styleHeader(ws.addRow(KEYVALUE_COLUMNS.map((c) => c.th)), HEADER_FILL, true);
  styleHeader(ws.addRow(KEYVALUE_COLUMNS.map((c) => c.key)), KEY_FILL, false);
  const lines = rows ?? spec.columns.map((c) => ({ key: c.key, value: null }));
  for (const line of lines) {
    const column = spec.columns.find((c) => c.key === line.key)!;
    const value = line.value ?? null;
    const row = ws.addRow([
      column.required ? `${column.th} *` : column.th,
      column.key,
      value,
      column.help_th === column.help_en ? column.help_th : `${column.help_th} / ${column.help_en}`,
    ]);
    row.getCell(1).font = { name: FONT, size: 10, bold: true };
    row.getCell(2).font = { name: FONT, size: 9, color: { argb: 'FF555555' } };
    row.getCell(4).font = { name: FONT, size: 9, color: { argb: 'FF555555' } };
    if (column.kind !== 'int' && column.kind !== 'number') row.getCell(3).numFmt = '@';
  }
}

function addInstructions(workbook: ExcelJS.Workbook, edition: Edition | null) {
  const ws = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  ws.columns = [{ width: 26 }, { width: 26 }, { width: 70 }, { width: 70 }];
  const add = (values: (string | null)[], font: Partial<ExcelJS.Font> = {}) => {
    const row = ws.addRow(values);
    row.font = { name: FONT, size: 10, ...font };
    row.alignment = { vertical: 'top', wrapText: true };
    return row;
  };
  add(
    [
      edition
        ? `กรอบการประเมิน ITA ปีงบประมาณ ${edition.fiscal_year} / ITA framework ${edition.fiscal_year}`
        : 'แม่แบบกรอบการประเมิน ITA / ITA framework template',
    ],
    { bold: true, size: 14 },
  );
  const intro: [string, string][] = [
    [
      'ไฟล์นี้บรรจุกรอบการประเมินหนึ่งปีงบประมาณ แผ่นงานละหนึ่งส่วน ตามที่คู่มือของสำนักงาน ป.ป.ช. จัดเป็นตาราง ผู้ดูแลระบบนำเข้าได้ที่หน้า "ชุดคำถาม ITA" > "นำเข้ากรอบการประเมินจาก Excel" ระบบจะแสดงตัวอย่าง ข้อผิดพลาด และสิ่งที่เปลี่ยนไปก่อนบันทึก',
      'This file holds the ITA framework of one fiscal year, one sheet per part, as NACC manuals tabulate it. An admin imports it on the catalogue page ("Import framework from Excel"); a preview shows the errors and what changes before anything is saved.',
    ],
    [
      'แถวที่ 1 ของแต่ละแผ่นงานคือหัวตารางภาษาไทย แถวที่ 2 คือรหัสช่อง (ภาษาอังกฤษ) ซึ่งระบบใช้ระบุคอลัมน์ ห้ามแก้แถวที่ 2 ข้อมูลเริ่มแถวที่ 3 ย้ายคอลัมน์ได้ ช่องที่มี * ต้องกรอก',
      'Row 1 of each sheet is the Thai header, row 2 the field key (English) the importer goes by: do not change row 2. Data starts on row 3. Columns may be moved; columns marked * are required.',
    ],
    [
      'ถ้ามีข้อผิดพลาดแม้แต่จุดเดียว ระบบจะไม่บันทึกสิ่งใดเลย และแจ้งแผ่นงาน แถว และคอลัมน์ของทุกข้อผิดพลาด ถ้าปีงบประมาณมีอยู่แล้ว การนำเข้าจะเพิ่มฉบับใหม่ของปีนั้น (ฉบับเดิมยังเก็บไว้)',
      'One error and nothing is saved; every error names its sheet, row and column. If the fiscal year exists, the import adds a new revision of it (earlier revisions are kept).',
    ],
    [
      `ช่องความเชื่อมั่นที่ว่างไว้จะเป็น ${DEFAULT_CONFIDENCE} และช่องแหล่งข้อมูลที่ว่างไว้จะอ้างถึงแหล่ง ${DEFAULT_SOURCE_ID} "${DEFAULT_SOURCE_TITLE}" ซึ่งระบบเพิ่มให้เอง ข้อคำถามที่ยังไม่ทราบถ้อยคำให้ว่างช่องถ้อยคำไว้ ห้ามแต่งถ้อยคำขึ้นเอง`,
      `An empty confidence becomes ${DEFAULT_CONFIDENCE}, an empty source cites ${DEFAULT_SOURCE_ID} ("${DEFAULT_SOURCE_TITLE}", added automatically). Leave the wording of a question empty when it is not known: never invent wording.`,
    ],
    [
      'ช่องภาษาไทย (ชื่อ ถ้อยคำ) ต้องเป็นภาษาไทย ห้ามใช้สูตร ห้ามผสานเซลล์ ห้ามซ่อนแผ่นงาน พิมพ์รหัสตัวชี้วัดย่อย (เช่น 9.1) เป็นข้อความ',
      'Thai columns (names, wording) must hold Thai. No formulas, no merged cells, no hidden sheets. Type sub-indicator codes (e.g. 9.1) as text.',
    ],
  ];
  intro.forEach(([th, en], i) => {
    add([`ข้อ ${i + 1} / note ${i + 1}`, null, th, en]);
  });
  add([]);
  add(['แผ่นงาน / sheet', 'รหัสช่อง / key', 'คำอธิบาย', 'help'], { bold: true });
  for (const spec of SHEETS) {
    add([`${spec.name} (${spec.name_en})`, null, spec.help_th, spec.help_en], { bold: true });
    for (const c of spec.columns) {
      add([c.required ? `${c.th} *` : c.th, c.key, c.help_th, c.help_en]);
    }
  }
}
