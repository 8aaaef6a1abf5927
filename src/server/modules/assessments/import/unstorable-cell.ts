import { badTextReason } from '../../../http/text-guard.ts';
import { columnLetter } from './clean-text.ts';
import type { CellValue, DecodeIssue } from './decode-file.ts';

/**
 * The first cell holding text the database cannot store, as an issue naming the cell; null when there
 * is none. An XLSX can carry a NUL as Excel's escape `_x0000_`, which the reader turns back into the
 * character; PostgreSQL refuses it, so the file is refused here with the cell rather than failing on save.
 */
export function findUnstorableCell(rows: readonly CellValue[][], sheet: string | null): DecodeIssue | null {
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    for (let c = 0; c < row.length; c++) {
      const value = row[c];
      if (typeof value !== 'string') continue;
      const reason = badTextReason(value);
      if (!reason) continue;
      const cell = `${columnLetter(c)}${r + 1}`;
      const inSheetTh = sheet === null ? '' : ` ในแผ่นงาน "${sheet}"`;
      const inSheetEn = sheet === null ? '' : ` in sheet "${sheet}"`;
      const [th, en] =
        reason === 'nul'
          ? ['มีอักขระ NUL ซึ่งบันทึกไม่ได้', 'holds a NUL character, which cannot be stored']
          : [
              'มีอักขระ UTF-16 ที่ไม่ครบคู่ (surrogate เดี่ยว) ซึ่งบันทึกไม่ได้',
              'holds a lone UTF-16 surrogate, which cannot be stored',
            ];
      return {
        message_th: `เซลล์ ${cell}${inSheetTh} ${th} ให้ลบอักขระนั้นแล้วนำเข้าใหม่`,
        message_en: `cell ${cell}${inSheetEn} ${en}; remove it and import again`,
        ...(sheet === null ? {} : { sheet }),
        cell,
      };
    }
  }
  return null;
}
