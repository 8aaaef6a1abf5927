import { type DecodeIssue, type ReadTabularOptions, readTabularFile } from './decode-file.ts';
import {
  type ImportIssue,
  type InterpretOptions,
  type InterpretResult,
  interpretRows,
} from './interpret-rows.ts';

export type ImportFileOptions = InterpretOptions & ReadTabularOptions;

/** Decodes an uploaded file and interprets its data sheet: the whole import parse in one call. */
export async function parseImportFile(
  bytes: Uint8Array,
  fileName: string,
  options: ImportFileOptions,
): Promise<InterpretResult> {
  const read = await readTabularFile(bytes, fileName, options);
  if (!read.ok)
    return {
      format: null,
      organizations: [],
      errors: read.errors.map(toImportIssue),
      warnings: [],
      supplied: [],
      conflicts: [],
    };
  return interpretRows(read.sheets[0]!.rows, options);
}

/**
 * A file-level problem as an `ImportIssue`: row = the row of its cell (0 when it has none), column =
 * 'sheet!cell' (e.g. 'ข้อมูล!C5'), the sheet name, or ''.
 */
export function toImportIssue(issue: DecodeIssue): ImportIssue {
  const m = issue.cell ? /^[A-Z]+(\d+)/i.exec(issue.cell) : null;
  const where = issue.sheet ? (issue.cell ? `${issue.sheet}!${issue.cell}` : issue.sheet) : '';
  return {
    row: m ? Number(m[1]) : 0,
    column: where,
    message_th: issue.message_th,
    message_en: issue.message_en,
  };
}
