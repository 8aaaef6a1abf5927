import type { Edition } from '#shared/catalogue/edition.schema.ts';
import { loadExcelJS } from '../../../lazy/exceljs.ts';
import { type EditionCode, listEditionCodes } from './edition-codes.ts';

export type TemplateFormat = 'csv' | 'xlsx';
export type TemplateFile = { fileName: string; mimeType: string; bytes: Uint8Array };

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MIME = 'text/csv; charset=utf-8';
/** Name of the first (data) sheet of XLSX templates; the parser reads the first sheet. */
export const DATA_SHEET = 'ข้อมูล';
/** Name of the explanation sheet of XLSX templates; visible, after the data sheet. */
export const HELP_SHEET = 'คำอธิบาย';

type Cell = string | number;
type ColumnSpec = { header: string; width: number; text?: boolean; score?: boolean; help?: boolean };
type Table = { columns: ColumnSpec[]; rows: Cell[][]; frozenColumns: number };

const LONG_HELP: [string, string, string][] = [
  [
    'organization_code',
    'รหัสหน่วยงาน ไม่ต้องกรอกเมื่อนำเข้าให้หน่วยงานเดียว',
    'organisation code; optional when importing for one organisation',
  ],
  ['fiscal_year', 'ปีงบประมาณ (พ.ศ.) ต้องเป็นปีเดียวกันทั้งไฟล์', 'fiscal year (BE); the same on every row'],
  [
    'code',
    'รหัส: ITA, IIT/EIT/OIT, ตัวชี้วัดที่ 1–10, ตัวชี้วัดย่อยที่ 9.1, i1, e1, O1 (ต้องกรอก)',
    'code: ITA, IIT/EIT/OIT, indicator, sub-indicator, i1, e1, O1 (required)',
  ],
  [
    'name_th',
    'ชื่อหรือข้อคำถาม เพื่อช่วยกรอก ระบบไม่อ่านคอลัมน์นี้',
    'name or question text, a help column the import does not read',
  ],
  [
    'score',
    'คะแนน 0–100 เลขไทยหรืออารบิก; เว้นว่างหรือ - = ไม่ได้ประเมิน',
    'score 0–100, Thai or Arabic digits; blank or - = not assessed',
  ],
  [
    'passed',
    'ผลการประเมิน: ผ่าน/ไม่ผ่าน หรือ มี/ไม่มี (ข้อ OIT); เว้นว่างได้',
    'result: pass/fail or มี/ไม่มี (OIT items); may be blank',
  ],
  ['reason', 'เหตุผลหรือข้อสังเกตของผู้ประเมิน', "the assessor's reason or remark"],
  ['recommendation', 'ข้อเสนอแนะ', 'recommendation'],
  ['level', 'ระดับผลการประเมินตามที่รายงานระบุ (เฉพาะแถว ITA)', 'the level the report states (ITA row only)'],
  [
    'ข้อคำถาม (เพิ่มได้)',
    'ข้อความของข้อคำถามตามรายงานผลการประเมิน ระบบเก็บไว้ใช้กับกรอบการประเมินปีนี้เมื่อกรอบการประเมินยังไม่มีข้อความ',
    "optional: the question's wording as the result report prints it; kept for the edition where it has none",
  ],
  [
    'ตัวชี้วัด (เพิ่มได้)',
    'ตัวชี้วัดของข้อคำถาม (เช่น 1 หรือ ตัวชี้วัดที่ 1) ต้องมีเมื่อกรอบการประเมินปีนั้นยังไม่มีรายการข้อคำถามของแบบวัด (IIT/EIT ปี 2568–2569)',
    "optional: the question's indicator (1 or ตัวชี้วัดที่ 1); needed where the edition has no list of that instrument's questions",
  ],
];

const WIDE_HELP: [string, string, string][] = [
  ['organization_code', 'รหัสหน่วยงาน หนึ่งแถวต่อหนึ่งหน่วยงาน', 'organisation code, one row per organisation'],
  ['fiscal_year', 'ปีงบประมาณ (พ.ศ.) ต้องเป็นปีเดียวกันทั้งไฟล์', 'fiscal year (BE); the same on every row'],
  [
    'ITA, IIT, …, i1, O1',
    'หนึ่งคอลัมน์ต่อหนึ่งรหัส กรอกคะแนน 0–100; เว้นว่างหรือ - = ไม่ได้ประเมิน; ข้อ OIT กรอก มี/ไม่มี ได้',
    'one column per code: a score 0–100; blank or - = not assessed; OIT items may say มี/ไม่มี',
  ],
  ['level', 'ระดับผลการประเมินตามที่รายงานระบุ', 'the level the report states'],
  [
    'แถวใต้หัวตาราง (เพิ่มได้)',
    'แถวที่ช่องแรกเขียนว่า ข้อคำถาม: ข้อความของแต่ละข้อ · แถวที่ช่องแรกเขียนว่า ตัวชี้วัด: ตัวชี้วัดของแต่ละข้อ (ต้องมีเมื่อกรอบการประเมินยังไม่มีรายการข้อคำถาม)',
    "optional rows under the header: first cell ข้อคำถาม = each question's wording; first cell ตัวชี้วัด = each question's indicator (needed where the edition has no question list)",
  ],
];

const GENERAL_HELP: [string, string, string][] = [
  ['', '', ''],
  [
    'หมายเหตุ / notes',
    'พิมพ์ค่าเท่านั้น ห้ามใช้สูตร ห้ามผสานเซลล์ ห้ามซ่อนแผ่นงาน',
    'type values only: no formulas, no merged cells, no hidden sheets',
  ],
  [
    '',
    'ระบบอ่านแผ่นงานแรก (ข้อมูล) เท่านั้น แผ่นงานนี้ไม่ถูกอ่าน',
    'only the first sheet (ข้อมูล) is read; this sheet is not',
  ],
  ['', 'บันทึกเป็น .xlsx หรือ CSV UTF-8 ขนาดไม่เกิน 5 MB', 'save as .xlsx or CSV UTF-8, at most 5 MB'],
];

function longTable(edition: Edition, organizationCode: string): Table {
  const columns: ColumnSpec[] = [
    { header: 'organization_code', width: 18, text: true },
    { header: 'fiscal_year', width: 12 },
    { header: 'code', width: 22, text: true },
    { header: 'name_th', width: 60, help: true },
    { header: 'score', width: 10, score: true },
    { header: 'passed', width: 12 },
    { header: 'reason', width: 40 },
    { header: 'recommendation', width: 40 },
    { header: 'level', width: 16 },
  ];
  const rows = listEditionCodes(edition).map((c) => [
    organizationCode,
    edition.fiscal_year,
    c.label,
    c.name_th,
    '',
    '',
    '',
    '',
    '',
  ]);
  return { columns, rows, frozenColumns: 0 };
}

function wideTable(edition: Edition, organizationCodes: string[]): Table {
  const codes = listEditionCodes(edition);
  const columns: ColumnSpec[] = [
    { header: 'organization_code', width: 18, text: true },
    { header: 'fiscal_year', width: 12 },
    ...codes.map((c: EditionCode) => ({
      header: c.label,
      width: Math.max(9, c.label.length + 4),
      score: true,
    })),
    { header: 'level', width: 16 },
  ];
  const rows = organizationCodes.map((org) => [org, edition.fiscal_year, ...codes.map(() => ''), '']);
  return { columns, rows, frozenColumns: 1 };
}

/**
 * The long template: one row per code of the edition (total, instruments, indicators, sub-indicators,
 * questions), with the Thai name or question text in `name_th`, a help column the import ignores.
 */
export async function buildLongTemplate(
  edition: Edition,
  format: TemplateFormat,
  options: { organizationCode?: string } = {},
): Promise<TemplateFile> {
  const table = longTable(edition, options.organizationCode ?? '');
  return build(`ita-${edition.fiscal_year}-scores-long`, table, format, LONG_HELP, edition);
}

/** The wide template: one row per organisation, one column per code of the edition. */
export async function buildWideTemplate(
  edition: Edition,
  organizationCodes: string[],
  format: TemplateFormat,
): Promise<TemplateFile> {
  const table = wideTable(edition, organizationCodes);
  return build(`ita-${edition.fiscal_year}-scores-wide`, table, format, WIDE_HELP, edition);
}

async function build(
  baseName: string,
  table: Table,
  format: TemplateFormat,
  help: [string, string, string][],
  edition: Edition,
): Promise<TemplateFile> {
  if (format === 'csv') {
    return { fileName: `${baseName}.csv`, mimeType: CSV_MIME, bytes: toCsv(table) };
  }
  return { fileName: `${baseName}.xlsx`, mimeType: XLSX_MIME, bytes: await toXlsx(table, help, edition) };
}

function csvField(value: Cell): string {
  const text = String(value);
  return /[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 with a BOM (Excel then opens Thai correctly), comma-separated, CRLF line ends. */
function toCsv(table: Table): Uint8Array {
  const lines = [table.columns.map((c) => c.header), ...table.rows].map((row) => row.map(csvField).join(','));
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}

async function toXlsx(table: Table, help: [string, string, string][], edition: Edition): Promise<Uint8Array> {
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = 'Prongsai';
  const ws = workbook.addWorksheet(DATA_SHEET, {
    views: [{ state: 'frozen', xSplit: table.frozenColumns, ySplit: 1 }],
  });
  ws.columns = table.columns.map((c) => ({ header: c.header, width: c.width }));
  table.columns.forEach((spec, i) => {
    const column = ws.getColumn(i + 1);
    if (spec.text) column.numFmt = '@';
    if (spec.help) column.font = { color: { argb: 'FF666666' } };
  });
  for (const row of table.rows) ws.addRow(row.map((v) => (v === '' ? null : v)));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  });

  const sheet = workbook.addWorksheet(HELP_SHEET);
  sheet.columns = [
    { header: 'คอลัมน์ / column', width: 24 },
    { header: 'คำอธิบาย', width: 70 },
    { header: 'description', width: 70 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.addRow([
    'กรอบการประเมิน / edition',
    `ITA ปีงบประมาณ พ.ศ. ${edition.fiscal_year}`,
    `ITA, fiscal year ${edition.fiscal_year} (BE)`,
  ]);
  for (const row of [...help, ...GENERAL_HELP]) sheet.addRow(row);
  sheet.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  sheet.getColumn(3).alignment = { wrapText: true, vertical: 'top' };

  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
