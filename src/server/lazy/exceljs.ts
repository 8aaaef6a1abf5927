import type ExcelJSModule from 'exceljs';

/*
 * exceljs (with its zip, stream and CSV dependencies) takes ~0.4 s and ~20 MB to load, and only the
 * requests that read or write a workbook need it: it is loaded on the first of them, not at start
 * (issue 15: embedded restart ≤ 3 s, RSS ≤ 400 MB; tests/startup-footprint.test.ts).
 */
let loaded: typeof ExcelJSModule | undefined;

/** exceljs, loaded on the first call. */
export async function loadExcelJS(): Promise<typeof ExcelJSModule> {
  loaded ??= (await import('exceljs')).default;
  return loaded;
}

/** exceljs's cell value types, for code that runs after loadExcelJS() (e.g. while reading a sheet). */
export function excelValueType(): typeof ExcelJSModule.ValueType {
  if (!loaded) throw new Error('exceljs is not loaded yet: call loadExcelJS() first');
  return loaded.ValueType;
}
