import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import { isEditionFile } from '#shared/catalogue/files.ts';
import { parseEdition } from '#shared/catalogue/parse-edition.ts';
import { type SheetId, sheetSpec } from './sheets.ts';

const catalogueDir = path.resolve(import.meta.dirname, '../../../../../catalogue');

/** The bundled editions, parsed as the server loads them (oldest first). */
export function bundledEditions(): Edition[] {
  const known: Edition[] = [];
  for (const file of fs.readdirSync(catalogueDir).filter(isEditionFile).sort()) {
    const result = parseEdition(fs.readFileSync(path.join(catalogueDir, file), 'utf8'), {
      knownEditions: known,
    });
    if (!result.ok) throw new Error(`${file} is invalid`);
    known.push(result.edition);
  }
  return known;
}

/** A workbook opened for editing, with helpers that address cells by sheet id, field key and row. */
export async function openWorkbook(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as never);
  const sheet = (id: SheetId) => workbook.getWorksheet(sheetSpec(id).name)!;
  /** The 1-based column of a field key (row 2 of a table sheet). */
  const columnOf = (id: SheetId, key: string) => {
    const ws = sheet(id);
    let found = 0;
    ws.getRow(2).eachCell((cell, c) => {
      if (cell.value === key) found = c;
    });
    if (found === 0) throw new Error(`no column ${key} in ${id}`);
    return found;
  };
  /** The row (1-based) of the first data row whose `key` column equals `value`. */
  const rowWhere = (id: SheetId, key: string, value: string | number) => {
    const ws = sheet(id);
    const c = columnOf(id, key);
    for (let r = 3; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(c).value === value) return r;
    throw new Error(`no row with ${key} = ${value} in ${id}`);
  };
  /** The row of a key on a key/value sheet. */
  const keyRow = (id: SheetId, key: string) => {
    const ws = sheet(id);
    for (let r = 3; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(2).value === key) return r;
    throw new Error(`no key ${key} in ${id}`);
  };
  return {
    workbook,
    sheet,
    columnOf,
    rowWhere,
    keyRow,
    set(id: SheetId, row: number, key: string, value: ExcelJS.CellValue) {
      sheet(id).getRow(row).getCell(columnOf(id, key)).value = value;
    },
    get(id: SheetId, row: number, key: string) {
      return sheet(id).getRow(row).getCell(columnOf(id, key)).value;
    },
    setValue(id: SheetId, key: string, value: ExcelJS.CellValue) {
      sheet(id).getRow(keyRow(id, key)).getCell(3).value = value;
    },
    /** Appends a row given as field key → value. */
    addRow(id: SheetId, values: Record<string, ExcelJS.CellValue>) {
      const ws = sheet(id);
      const row = ws.getRow(ws.rowCount + 1);
      for (const [key, value] of Object.entries(values)) row.getCell(columnOf(id, key)).value = value;
      return row.number;
    },
    async bytes(): Promise<Uint8Array> {
      return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    },
  };
}
