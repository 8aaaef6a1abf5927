import type { FrameworkIssue } from '#shared/catalogue/contract.ts';
import type { LevelRange } from '#shared/catalogue/level.rules.ts';
import { toArabicDigits } from '#shared/format/thai.ts';
import type { RawCell, RawSheet } from './read-workbook.ts';
import {
  type ColumnSpec,
  columnLetter,
  DEFAULT_CONFIDENCE,
  DEFAULT_MISSING_TH,
  DEFAULT_SOURCE_ID,
  DEFAULT_SOURCE_TITLE,
  KEYVALUE_COLUMNS,
  SHEETS,
  type SheetId,
  type SheetSpec,
  sheetSpec,
} from './sheets.ts';

/** Where a part of the edition came from: its sheet and row, and the column of each of its fields. */
export type Location = {
  sheet: string;
  row: number | null;
  /** Schema field → column letter; '' = the column of the row itself (key/value sheets). */
  columns: Record<string, string>;
  /** The field named when the path ends at this location (key/value sheets: the key). */
  field?: string;
};

type Obj = Record<string, unknown>;

export type SheetsToEditionResult = {
  /** The edition as read, for the schema to validate (an EditionInput when the file is right). */
  input: Obj;
  /** Edition path (`questions[3]`, `levels.scheme`) → where it is in the workbook. */
  locations: Map<string, Location>;
  errors: FrameworkIssue[];
  warnings: FrameworkIssue[];
  /** The levels with the highest total each row gives, for the range check. */
  levelRanges: LevelRange[];
  /** Cells already reported as unreadable: schema errors at the same cell are not repeated. */
  reportedCells: Set<string>;
  /** Sheet name → column letter → the field key in its header. */
  headers: Map<string, Map<string, string>>;
};

/** A cell that could not be converted: the raw text is kept so that the schema fails there too. */
class Invalid {
  constructor(readonly raw: string) {}
}

type Cell = { value: unknown; column: string };
type TableRow = { row: number; cells: Map<string, Cell> };
type Table = { rows: TableRow[]; columns: Record<string, string>; found: boolean };

const cellKey = (sheet: string, row: number | null, column: string | null) =>
  `${sheet}!${column ?? ''}${row ?? ''}`;

/** Reads the framework's sheets into an edition-shaped object, remembering where each part came from. */
export function sheetsToEdition(sheets: readonly RawSheet[]): SheetsToEditionResult {
  const errors: FrameworkIssue[] = [];
  const warnings: FrameworkIssue[] = [];
  const locations = new Map<string, Location>();
  const reportedCells = new Set<string>();
  const headers = new Map<string, Map<string, string>>();
  const byName = new Map(sheets.map((s) => [s.name.trim(), s]));
  const known = new Set(SHEETS.map((s) => s.name));

  const issue = (
    list: FrameworkIssue[],
    sheet: string | null,
    row: number | null,
    column: string | null,
    field: string | null,
    message_th: string,
    message_en: string,
  ) => list.push({ sheet, row, column, field, message_th, message_en });
  const error = (...a: [string | null, number | null, string | null, string | null, string, string]) =>
    issue(errors, ...a);
  const warn = (...a: [string | null, number | null, string | null, string | null, string, string]) =>
    issue(warnings, ...a);

  for (const sheet of sheets) {
    if (!known.has(sheet.name.trim())) {
      warn(
        sheet.name,
        null,
        null,
        null,
        `ไม่ได้อ่านแผ่นงาน "${sheet.name}" เพราะไม่ใช่แผ่นงานของกรอบการประเมิน`,
        `sheet "${sheet.name}" is not read: it is not a framework sheet`,
      );
    }
  }
  for (const spec of SHEETS) {
    if (spec.required && !byName.has(spec.name)) {
      error(
        spec.name,
        null,
        null,
        null,
        `ไม่มีแผ่นงาน "${spec.name}" (${spec.name_en}) ซึ่งต้องมี ให้ใช้แม่แบบจากหน้าชุดคำถาม ITA`,
        `the workbook has no sheet "${spec.name}" (${spec.name_en}), which is required; start from the template on the catalogue page`,
      );
    }
  }

  // --- cell conversion -------------------------------------------------------------------------

  const convert = (
    spec: SheetSpec,
    column: ColumnSpec,
    row: number,
    letter: string,
    raw: RawCell,
  ): unknown => {
    if (raw === null) return undefined;
    const bad = (th: string, en: string) => {
      error(spec.name, row, letter, column.key, th, en);
      reportedCells.add(cellKey(spec.name, row, letter));
      return new Invalid(raw instanceof Date ? raw.toISOString() : String(raw));
    };
    if (raw instanceof Date && column.kind !== 'date') {
      return bad(
        'เซลล์นี้เป็นวันที่ (Excel อาจแปลง 9.1 เป็นวันที่) ให้จัดรูปแบบเซลล์เป็นข้อความแล้วพิมพ์ใหม่',
        'this cell holds a date (Excel may turn 9.1 into a date); format the cell as text and type it again',
      );
    }
    const text =
      typeof raw === 'string'
        ? raw.trim()
        : typeof raw === 'boolean'
          ? raw
            ? 'TRUE'
            : 'FALSE'
          : String(raw);
    switch (column.kind) {
      case 'text':
        return text === '' ? undefined : text;
      case 'int':
      case 'number': {
        const n = typeof raw === 'number' ? raw : Number(toArabicDigits(text).replace(/,/g, ''));
        if (!Number.isFinite(n) || text === '') {
          return bad(`ต้องเป็นตัวเลข แต่พบ "${text}"`, `must be a number, found "${text}"`);
        }
        if (column.kind === 'int' && !Number.isInteger(n)) {
          return bad(`ต้องเป็นจำนวนเต็ม แต่พบ ${text}`, `must be a whole number, found ${text}`);
        }
        return n;
      }
      case 'bool': {
        if (typeof raw === 'boolean') return raw;
        const word = text.toLowerCase();
        if (['true', 'yes', 'y', '1', 'ใช่', 'จริง'].includes(word)) return true;
        if (['false', 'no', 'n', '0', 'ไม่ใช่', 'ไม่', 'เท็จ'].includes(word)) return false;
        return bad(`ต้องเป็น TRUE หรือ FALSE แต่พบ "${text}"`, `must be TRUE or FALSE, found "${text}"`);
      }
      case 'lines': {
        const items = text
          .split(/\r?\n/)
          .map((s) => s.trim())
          .filter((s) => s !== '');
        return items.length > 0 ? items : undefined;
      }
      case 'codes': {
        const items = text.split(/[\s,;]+/).filter((s) => s !== '');
        return items.length > 0 ? items : undefined;
      }
      case 'numbers': {
        const items = toArabicDigits(text)
          .split(/[\s,;]+/)
          .filter((s) => s !== '');
        const numbers = items.map(Number);
        if (numbers.some((n) => !Number.isFinite(n))) {
          return bad(
            `ต้องเป็นตัวเลขคั่นด้วยจุลภาค แต่พบ "${text}"`,
            `must be numbers separated by commas, found "${text}"`,
          );
        }
        return numbers.length > 0 ? numbers : undefined;
      }
      case 'value':
        return typeof raw === 'number' ? raw : text === '' ? undefined : text;
      case 'date':
        if (raw instanceof Date) return raw.toISOString().slice(0, 10);
        return text === '' ? undefined : text;
    }
  };

  // --- table sheets ----------------------------------------------------------------------------

  const headerKey = (value: RawCell) => (typeof value === 'string' ? value.trim().toLowerCase() : '');
  const thaiHeader = (value: RawCell) =>
    typeof value === 'string' ? value.replace(/\*\s*$/, '').trim() : '';

  const readTable = (id: SheetId): Table => {
    const spec = sheetSpec(id);
    const sheet = byName.get(spec.name);
    if (!sheet) return { rows: [], columns: {}, found: false };
    const keys = sheet.rows[1] ?? [];
    const heads = sheet.rows[0] ?? [];
    const index = new Map<string, number>();
    const byKey = new Map(spec.columns.map((c) => [c.key.toLowerCase(), c]));
    const byThai = new Map(spec.columns.map((c) => [c.th, c]));
    const width = Math.max(keys.length, heads.length);
    for (let j = 0; j < width; j++) {
      const column = byKey.get(headerKey(keys[j] ?? null)) ?? byThai.get(thaiHeader(heads[j] ?? null));
      if (column && !index.has(column.key)) index.set(column.key, j);
      else if (keys[j] !== null && keys[j] !== undefined) {
        warn(
          spec.name,
          2,
          columnLetter(j + 1),
          null,
          `ไม่ได้อ่านคอลัมน์ "${String(heads[j] ?? keys[j])}" เพราะไม่ใช่ช่องของแผ่นงานนี้`,
          `column "${String(keys[j])}" is not read: it is not a field of this sheet`,
        );
      }
    }
    if (index.size === 0) {
      error(
        spec.name,
        2,
        null,
        null,
        `แผ่นงาน "${spec.name}" ไม่มีหัวตาราง แถวที่ 2 ต้องเป็นรหัสช่องตามแม่แบบ (${spec.columns
          .slice(0, 3)
          .map((c) => c.key)
          .join(', ')}, …)`,
        `sheet "${spec.name}" has no header: row 2 must hold the field keys of the template (${spec.columns
          .slice(0, 3)
          .map((c) => c.key)
          .join(', ')}, …)`,
      );
      return { rows: [], columns: {}, found: true };
    }
    const columns: Record<string, string> = {};
    for (const [key, j] of index) columns[key] = columnLetter(j + 1);
    headers.set(spec.name, new Map(Object.entries(columns).map(([key, letter]) => [letter, key])));
    const present = sheet.rows.slice(2).some((r) => r.some((v) => v !== null));
    for (const column of spec.columns) {
      if (column.required && !index.has(column.key) && present) {
        error(
          spec.name,
          2,
          null,
          column.key,
          `ไม่มีคอลัมน์ "${column.th}" (${column.key}) ซึ่งต้องมี`,
          `the required column "${column.key}" (${column.th}) is missing`,
        );
      }
    }
    const rows: TableRow[] = [];
    sheet.rows.forEach((values, i) => {
      if (i < 2) return;
      const rowNumber = i + 1;
      const cells = new Map<string, Cell>();
      let any = false;
      for (const column of spec.columns) {
        const j = index.get(column.key);
        if (j === undefined) continue;
        const letter = columnLetter(j + 1);
        const value = convert(spec, column, rowNumber, letter, values[j] ?? null);
        if (value !== undefined) any = true;
        cells.set(column.key, { value, column: letter });
      }
      if (any) rows.push({ row: rowNumber, cells });
    });
    return { rows, columns, found: true };
  };

  const get = (r: TableRow, key: string): unknown => {
    const value = r.cells.get(key)?.value;
    return value instanceof Invalid ? value.raw : value;
  };
  const str = (r: TableRow, key: string) => {
    const v = get(r, key);
    return v === undefined ? undefined : String(v);
  };
  const put = (target: Obj, key: string, value: unknown) => {
    if (value !== undefined) target[key] = value;
  };
  const locate = (path: string, sheet: SheetSpec, row: number | null, columns: Record<string, string>) =>
    locations.set(path, { sheet: sheet.name, row, columns });

  const defaults = new Map<SheetId, { confidence: number; source: number }>();
  let usedDefaultSource = false;
  const count = (id: SheetId, what: 'confidence' | 'source') => {
    const c = defaults.get(id) ?? { confidence: 0, source: 0 };
    c[what]++;
    defaults.set(id, c);
  };
  const confidenceOf = (value: unknown) => {
    if (typeof value !== 'string') return value;
    const word = value.trim().toLowerCase();
    return { สูง: 'high', ปานกลาง: 'medium', ต่ำ: 'low' }[word] ?? word;
  };
  /** confidence, source and note of a row (with a prefix: grouping_…), defaults filled in. */
  const provenance = (id: SheetId, r: TableRow, prefix = ''): Obj => {
    const out: Obj = {};
    const confidence = get(r, `${prefix}confidence`);
    if (confidence === undefined) count(id, 'confidence');
    out.confidence = confidence === undefined ? DEFAULT_CONFIDENCE : confidenceOf(confidence);
    const source = get(r, `${prefix}source`);
    if (source === undefined) {
      count(id, 'source');
      usedDefaultSource = true;
    }
    out.source = source === undefined ? [DEFAULT_SOURCE_ID] : source;
    put(out, 'note', str(r, `${prefix}note`));
    return out;
  };
  const remap = (columns: Record<string, string>, renames: Record<string, string>) => {
    const out: Record<string, string> = { ...columns };
    for (const [field, key] of Object.entries(renames)) {
      if (columns[key]) out[field] = columns[key];
      else delete out[field];
    }
    return out;
  };

  // --- key/value sheets ------------------------------------------------------------------------

  const readKeyValue = (id: SheetId): Map<string, { row: number; value: unknown }[]> => {
    const spec = sheetSpec(id);
    const sheet = byName.get(spec.name);
    const out = new Map<string, { row: number; value: unknown }[]>();
    if (!sheet) return out;
    const keys = sheet.rows[1] ?? [];
    const heads = sheet.rows[0] ?? [];
    const find = (key: string, th: string) => {
      const j = keys.findIndex((v) => headerKey(v) === key);
      return j >= 0 ? j : heads.findIndex((v) => thaiHeader(v) === th);
    };
    const keyColumn = find('key', KEYVALUE_COLUMNS[1].th);
    const valueColumn = find('value', KEYVALUE_COLUMNS[2].th);
    if (keyColumn < 0 || valueColumn < 0) {
      error(
        spec.name,
        2,
        null,
        null,
        `แผ่นงาน "${spec.name}" ต้องมีคอลัมน์ key และ value ในแถวที่ 2 ตามแม่แบบ`,
        `sheet "${spec.name}" needs the columns key and value in row 2, as in the template`,
      );
      return out;
    }
    const letter = columnLetter(valueColumn + 1);
    const fields = new Map(spec.columns.map((c) => [c.key, c]));
    sheet.rows.forEach((values, i) => {
      if (i < 2) return;
      const row = i + 1;
      const key = headerKey(values[keyColumn] ?? null);
      if (key === '') return;
      const column = fields.get(key);
      if (!column) {
        warn(
          spec.name,
          row,
          columnLetter(keyColumn + 1),
          key,
          `ไม่ได้อ่านแถว "${key}" เพราะไม่ใช่ช่องของแผ่นงานนี้`,
          `row "${key}" is not read: it is not a field of this sheet`,
        );
        return;
      }
      const value = convert(spec, column, row, letter, values[valueColumn] ?? null);
      const list = out.get(key) ?? [];
      list.push({ row, value: value instanceof Invalid ? value.raw : value });
      out.set(key, list);
    });
    for (const column of spec.columns) {
      const found = out.get(column.key) ?? [];
      const given = found.filter((f) => f.value !== undefined);
      const repeatable = column.key === 'missing' || column.key === 'notes';
      if (!repeatable && given.length > 1) {
        error(
          spec.name,
          given[1]!.row,
          letter,
          column.key,
          `"${column.th}" (${column.key}) ระบุไว้มากกว่าหนึ่งแถว (แถว ${given.map((g) => g.row).join(', ')})`,
          `"${column.key}" is given on more than one row (rows ${given.map((g) => g.row).join(', ')})`,
        );
      }
      const at = (found[0]?.row ?? null) as number | null;
      if (repeatable) {
        given.forEach((g, k) => {
          locations.set(`${column.key}[${k}]`, {
            sheet: spec.name,
            row: g.row,
            columns: { '': letter },
            field: column.key,
          });
        });
        locations.set(column.key, { sheet: spec.name, row: at, columns: { '': letter }, field: column.key });
      } else {
        locations.set(column.key, { sheet: spec.name, row: at, columns: { '': letter }, field: column.key });
      }
    }
    return out;
  };
  const single = (kv: Map<string, { row: number; value: unknown }[]>, key: string) =>
    kv.get(key)?.find((f) => f.value !== undefined)?.value;
  const many = (kv: Map<string, { row: number; value: unknown }[]>, key: string) =>
    (kv.get(key) ?? []).map((f) => f.value).filter((v) => v !== undefined);

  // --- the edition -----------------------------------------------------------------------------

  const input: Obj = {};
  const sheetLocation = (path: string, id: SheetId, column?: string) => {
    const spec = sheetSpec(id);
    const table = tables.get(id);
    locations.set(path, {
      sheet: spec.name,
      row: null,
      columns: column && table?.columns[column] ? { '': table.columns[column] } : {},
    });
  };
  const tables = new Map<SheetId, Table>();
  const table = (id: SheetId) => {
    const t = readTable(id);
    tables.set(id, t);
    return t;
  };

  // general
  locations.set('', { sheet: sheetSpec('general').name, row: null, columns: {} });
  const general = readKeyValue('general');
  put(input, 'fiscal_year', single(general, 'fiscal_year'));
  put(input, 'title_th', single(general, 'title_th'));
  put(input, 'title_en', single(general, 'title_en'));
  put(input, 'completeness', single(general, 'completeness'));
  input.missing = many(general, 'missing');
  input.notes = many(general, 'notes');

  // instruments, indicators, sub-indicators
  const instruments = table('instruments');
  sheetLocation('instruments', 'instruments', 'weight_percent');
  input.instruments = instruments.rows.map((r, i) => {
    locate(`instruments[${i}]`, sheetSpec('instruments'), r.row, instruments.columns);
    const out: Obj = {};
    put(out, 'code', str(r, 'code')?.toUpperCase());
    put(out, 'name_th', get(r, 'name_th'));
    put(out, 'name_en', get(r, 'name_en'));
    put(out, 'name_th_variants', get(r, 'name_th_variants'));
    const weight = get(r, 'weight_percent');
    out.weight_percent = weight === undefined ? null : weight;
    if (weight !== undefined) {
      const confidence = get(r, 'weight_confidence');
      if (confidence === undefined) count('instruments', 'confidence');
      out.weight_confidence = confidence === undefined ? DEFAULT_CONFIDENCE : confidenceOf(confidence);
      const source = get(r, 'weight_source');
      if (source === undefined) {
        count('instruments', 'source');
        usedDefaultSource = true;
      }
      out.weight_source = source === undefined ? [DEFAULT_SOURCE_ID] : source;
    } else {
      put(out, 'weight_confidence', confidenceOf(get(r, 'weight_confidence')));
      put(out, 'weight_source', get(r, 'weight_source'));
    }
    put(out, 'weight_note', get(r, 'weight_note'));
    return { ...out, ...provenance('instruments', r) };
  });

  const indicators = table('indicators');
  sheetLocation('indicators', 'indicators');
  input.indicators = indicators.rows.map((r, i) => {
    locate(`indicators[${i}]`, sheetSpec('indicators'), r.row, indicators.columns);
    const out: Obj = {};
    put(out, 'number', get(r, 'number'));
    put(out, 'name_th', get(r, 'name_th'));
    put(out, 'name_en', get(r, 'name_en'));
    put(out, 'name_th_variants', get(r, 'name_th_variants'));
    put(out, 'instrument', str(r, 'instrument')?.toUpperCase());
    return { ...out, ...provenance('indicators', r) };
  });

  const subIndicators = table('subIndicators');
  sheetLocation('sub_indicators', 'subIndicators');
  input.sub_indicators = subIndicators.rows.map((r, i) => {
    locate(`sub_indicators[${i}]`, sheetSpec('subIndicators'), r.row, subIndicators.columns);
    const out: Obj = {};
    put(out, 'code', str(r, 'code'));
    put(out, 'indicator', get(r, 'indicator'));
    put(out, 'name_th', get(r, 'name_th'));
    put(out, 'name_en', get(r, 'name_en'));
    put(out, 'name_th_alternatives', get(r, 'name_th_alternatives'));
    return { ...out, ...provenance('subIndicators', r) };
  });

  // questions, their other wordings and sub-items
  const questions = table('questions');
  sheetLocation('questions', 'questions');
  const questionIndex = new Map<string, number>();
  let defaultMissing = 0;
  const questionRows: Obj[] = questions.rows.map((r, i) => {
    locate(`questions[${i}]`, sheetSpec('questions'), r.row, questions.columns);
    const out: Obj = {};
    const code = str(r, 'code')?.toLowerCase();
    put(out, 'code', code);
    if (code !== undefined && !questionIndex.has(code)) questionIndex.set(code, i);
    const letter = code?.[0];
    const display = str(r, 'display_code');
    put(out, 'display_code', display ?? (code ? (letter === 'o' ? code.toUpperCase() : code) : undefined));
    const instrument = str(r, 'instrument')?.toUpperCase();
    const fromLetter = letter === 'i' ? 'IIT' : letter === 'e' ? 'EIT' : letter === 'o' ? 'OIT' : undefined;
    put(out, 'instrument', instrument ?? fromLetter);
    put(out, 'indicator', get(r, 'indicator'));
    put(out, 'indicator_confidence', confidenceOf(get(r, 'indicator_confidence')));
    put(out, 'sub_indicator', str(r, 'sub_indicator'));
    put(out, 'group_th', get(r, 'group_th'));
    const text = get(r, 'text_th');
    out.text_th = text === undefined ? null : text;
    const missing = get(r, 'missing');
    if (text === undefined && missing === undefined) {
      defaultMissing++;
      out.missing = DEFAULT_MISSING_TH;
    } else put(out, 'missing', missing);
    put(out, 'text_th_as_found', get(r, 'text_th_as_found'));
    put(out, 'text_en', get(r, 'text_en'));
    put(out, 'text_en_source', get(r, 'text_en_source'));
    const answer = str(r, 'answer_type')?.toLowerCase();
    out.answer_type = answer === undefined ? null : answer;
    put(out, 'reverse_scored', get(r, 'reverse_scored'));
    put(out, 'form_note_th', get(r, 'form_note_th'));
    put(out, 'components_th', get(r, 'components_th'));
    put(out, 'components_source', get(r, 'components_source'));
    put(out, 'components_confidence', confidenceOf(get(r, 'components_confidence')));
    put(out, 'evidence_examples_th', get(r, 'evidence_examples_th'));
    put(out, 'evidence_source', get(r, 'evidence_source'));
    put(out, 'evidence_confidence', confidenceOf(get(r, 'evidence_confidence')));
    return { ...out, ...provenance('questions', r) };
  });
  input.questions = questionRows;

  const questionOf = (id: SheetId, r: TableRow, columns: Record<string, string>) => {
    const code = str(r, 'question')?.toLowerCase();
    const index = code === undefined ? undefined : questionIndex.get(code);
    if (index === undefined) {
      const spec = sheetSpec(id);
      error(
        spec.name,
        r.row,
        columns.question ?? null,
        'question',
        `ไม่มีข้อคำถามรหัส ${code ?? '(ว่าง)'} ในแผ่นงาน "${sheetSpec('questions').name}"`,
        `no question ${code ?? '(empty)'} in sheet "${sheetSpec('questions').name}"`,
      );
    }
    return index;
  };

  const alternatives = table('alternatives');
  /** question index → alternative no → position in text_th_alternatives. */
  const alternativePosition = new Map<number, Map<number, number>>();
  const alternativeRows = new Map<number, { no: number; r: TableRow }[]>();
  for (const r of alternatives.rows) {
    const q = questionOf('alternatives', r, alternatives.columns);
    if (q === undefined) continue;
    const list = alternativeRows.get(q) ?? [];
    list.push({ no: typeof get(r, 'no') === 'number' ? (get(r, 'no') as number) : 0, r });
    alternativeRows.set(q, list);
  }
  for (const [q, list] of alternativeRows) {
    const positions = new Map<number, number>();
    const sorted = [...list].sort((a, b) => a.no - b.no);
    const built: Obj[] = [];
    for (const { no, r } of sorted) {
      if (positions.has(no)) {
        error(
          sheetSpec('alternatives').name,
          r.row,
          alternatives.columns.no ?? null,
          'no',
          `ถ้อยคำอื่นลำดับที่ ${no} ของข้อ ${str(r, 'question')} ซ้ำ`,
          `alternative ${no} of question ${str(r, 'question')} is given twice`,
        );
        continue;
      }
      positions.set(no, built.length);
      locate(
        `questions[${q}].text_th_alternatives[${built.length}]`,
        sheetSpec('alternatives'),
        r.row,
        alternatives.columns,
      );
      const out: Obj = {};
      put(out, 'text_th', get(r, 'text_th'));
      built.push({ ...out, ...provenance('alternatives', r) });
    }
    alternativePosition.set(q, positions);
    questionRows[q]!.text_th_alternatives = built;
  }

  const subItems = table('subItems');
  for (const r of subItems.rows) {
    const q = questionOf('subItems', r, subItems.columns);
    if (q === undefined) continue;
    const alternative = get(r, 'alternative');
    let holder: Obj = questionRows[q]!;
    let path = `questions[${q}]`;
    if (alternative !== undefined) {
      const position = alternativePosition.get(q)?.get(alternative as number);
      if (position === undefined) {
        error(
          sheetSpec('subItems').name,
          r.row,
          subItems.columns.alternative ?? null,
          'alternative',
          `ข้อ ${str(r, 'question')} ไม่มีถ้อยคำอื่นลำดับที่ ${String(alternative)} ในแผ่นงาน "${sheetSpec('alternatives').name}"`,
          `question ${str(r, 'question')} has no alternative ${String(alternative)} in sheet "${sheetSpec('alternatives').name}"`,
        );
        continue;
      }
      holder = (questionRows[q]!.text_th_alternatives as Obj[])[position]!;
      path = `${path}.text_th_alternatives[${position}]`;
    }
    const list = (holder.sub_items as Obj[] | undefined) ?? [];
    locate(`${path}.sub_items[${list.length}]`, sheetSpec('subItems'), r.row, subItems.columns);
    const out: Obj = {};
    put(out, 'code', str(r, 'code')?.toLowerCase());
    put(out, 'text_th', get(r, 'text_th'));
    put(out, 'reverse_scored', get(r, 'reverse_scored'));
    list.push(out);
    holder.sub_items = list;
  }

  // levels and scoring
  const levels = table('levels');
  const scoringSheet = readKeyValue('scoring');
  const levelsObj: Obj = {};
  put(levelsObj, 'scheme', single(scoringSheet, 'levels.scheme'));
  for (const path of ['levels', 'levels.pass_threshold', 'scoring']) {
    if (!locations.has(path))
      locations.set(path, { sheet: sheetSpec('scoring').name, row: null, columns: {} });
  }
  if (typeof levelsObj.scheme === 'string') levelsObj.scheme = levelsObj.scheme.toLowerCase();
  const levelRanges: LevelRange[] = [];
  sheetLocation('levels.levels', 'levels');
  levelsObj.levels = levels.rows.map((r, i) => {
    locate(`levels.levels[${i}]`, sheetSpec('levels'), r.row, levels.columns);
    const out: Obj = {};
    put(out, 'code', str(r, 'code'));
    put(out, 'name_th', get(r, 'name_th'));
    put(out, 'name_en', get(r, 'name_en'));
    put(out, 'min_total', get(r, 'min_total'));
    put(out, 'min_each_instrument', get(r, 'min_each_instrument'));
    const confidence = get(r, 'confidence');
    if (confidence === undefined) count('levels', 'confidence');
    out.confidence = confidence === undefined ? DEFAULT_CONFIDENCE : confidenceOf(confidence);
    put(out, 'note', get(r, 'note'));
    const min = get(r, 'min_total');
    const max = get(r, 'max_total');
    const each = get(r, 'min_each_instrument');
    levelRanges.push({
      code: String(out.code ?? `#${i + 1}`),
      min_total: typeof min === 'number' ? min : Number.NaN,
      max_total: typeof max === 'number' ? max : undefined,
      min_each_instrument: typeof each === 'number' ? each : undefined,
    });
    return out;
  });
  const kvProvenance = (prefix: string, id: SheetId): Obj => {
    const out: Obj = {};
    const confidence = single(scoringSheet, `${prefix}.confidence`);
    if (confidence === undefined) count(id, 'confidence');
    out.confidence = confidence === undefined ? DEFAULT_CONFIDENCE : confidenceOf(confidence);
    const source = single(scoringSheet, `${prefix}.source`);
    if (source === undefined) {
      count(id, 'source');
      usedDefaultSource = true;
    }
    out.source = source === undefined ? [DEFAULT_SOURCE_ID] : source;
    put(out, 'note', single(scoringSheet, `${prefix}.note`));
    return out;
  };
  const pass: Obj = {};
  put(pass, 'min_total', single(scoringSheet, 'levels.pass_threshold.min_total'));
  levelsObj.pass_threshold = { ...pass, ...kvProvenance('levels.pass_threshold', 'scoring') };
  Object.assign(levelsObj, kvProvenance('levels', 'scoring'));
  input.levels = levelsObj;
  const rule = ['instrument_score', 'total', 'decimals', 'tolerance'].map((k) =>
    single(scoringSheet, `scoring.${k}`),
  );
  if (rule.some((v) => v !== undefined)) {
    const scoring: Obj = {};
    put(scoring, 'instrument_score', typeof rule[0] === 'string' ? rule[0].toLowerCase() : rule[0]);
    put(scoring, 'total', typeof rule[1] === 'string' ? rule[1].toLowerCase() : rule[1]);
    put(scoring, 'decimals', rule[2]);
    put(scoring, 'tolerance', rule[3]);
    input.scoring = { ...scoring, ...kvProvenance('scoring', 'scoring') };
  }

  // groupings
  const groupings = table('groupings');
  const groupingSpec = sheetSpec('groupings');
  const groupingLevel = [
    ['name_th', 'grouping_name_th'],
    ['name_en', 'grouping_name_en'],
    ['confidence', 'grouping_confidence'],
    ['source', 'grouping_source'],
    ['note', 'grouping_note'],
  ] as const;
  const builtGroupings: { code: string; first: TableRow; rows: TableRow[] }[] = [];
  for (const r of groupings.rows) {
    const code = str(r, 'grouping') ?? '';
    const found = builtGroupings.find((g) => g.code === code);
    if (found) found.rows.push(r);
    else builtGroupings.push({ code, first: r, rows: [r] });
  }
  input.groupings = builtGroupings.map((g, gi) => {
    locate(
      `groupings[${gi}]`,
      groupingSpec,
      g.first.row,
      remap(groupings.columns, {
        code: 'grouping',
        name_th: 'grouping_name_th',
        name_en: 'grouping_name_en',
        confidence: 'grouping_confidence',
        source: 'grouping_source',
        note: 'grouping_note',
      }),
    );
    for (const r of g.rows.slice(1)) {
      for (const [, key] of groupingLevel) {
        const value = get(r, key);
        if (value !== undefined && JSON.stringify(value) !== JSON.stringify(get(g.first, key))) {
          error(
            groupingSpec.name,
            r.row,
            groupings.columns[key] ?? null,
            key,
            `ค่าของการจัดกลุ่ม ${g.code} ต่างจากแถว ${g.first.row} (กรอกในแถวแรกของการจัดกลุ่มเท่านั้น หรือกรอกให้ตรงกัน)`,
            `differs from row ${g.first.row} for grouping ${g.code} (fill it on the grouping's first row only, or the same)`,
          );
        }
      }
    }
    const out: Obj = {};
    put(out, 'code', g.code === '' ? undefined : g.code);
    put(out, 'name_th', get(g.first, 'grouping_name_th'));
    put(out, 'name_en', get(g.first, 'grouping_name_en'));
    out.groups = g.rows.map((r, j) => {
      locate(
        `groupings[${gi}].groups[${j}]`,
        groupingSpec,
        r.row,
        remap(groupings.columns, { code: 'grouping' }),
      );
      const group: Obj = {};
      put(group, 'no', get(r, 'no'));
      put(group, 'name_th', get(r, 'name_th'));
      put(group, 'name_en', get(r, 'name_en'));
      const codes = get(r, 'questions');
      put(group, 'questions', Array.isArray(codes) ? codes.map((c) => String(c).toLowerCase()) : codes);
      const corrections = get(r, 'corrections');
      if (Array.isArray(corrections)) {
        group.corrections = corrections.map((line: string) => {
          const at = line.indexOf(':');
          if (at < 0) {
            error(
              groupingSpec.name,
              r.row,
              groupings.columns.corrections ?? null,
              'corrections',
              `"${line}" ต้องเขียนเป็น "รหัส: ตามที่พบ" เช่น o19: o14 (OCR)`,
              `"${line}" must read "code: as found", e.g. o19: o14 (OCR)`,
            );
            return { question: line, as_found: line };
          }
          return { question: line.slice(0, at).trim().toLowerCase(), as_found: line.slice(at + 1).trim() };
        });
      }
      put(group, 'note', get(r, 'note'));
      return group;
    });
    return { ...out, ...provenance('groupings', g.first, 'grouping_') };
  });

  const refs = table('groupingRefs');
  input.grouping_refs = refs.rows.map((r, i) => {
    locate(`grouping_refs[${i}]`, sheetSpec('groupingRefs'), r.row, refs.columns);
    const out: Obj = {};
    put(out, 'fiscal_year', get(r, 'fiscal_year'));
    put(out, 'code', str(r, 'code'));
    const confidence = get(r, 'confidence');
    if (confidence === undefined) count('groupingRefs', 'confidence');
    out.confidence = confidence === undefined ? DEFAULT_CONFIDENCE : confidenceOf(confidence);
    put(out, 'note', get(r, 'note'));
    return out;
  });

  // mappings from earlier editions
  const mappings = table('mappings');
  const mappingSpec = sheetSpec('mappings');
  const byYear: { year: unknown; rows: TableRow[] }[] = [];
  for (const r of mappings.rows) {
    const year = get(r, 'from_fiscal_year');
    const found = byYear.find((m) => m.year === year);
    if (found) found.rows.push(r);
    else byYear.push({ year, rows: [r] });
  }
  input.question_mappings = byYear.map((m, mi) => {
    locate(
      `question_mappings[${mi}]`,
      mappingSpec,
      m.rows[0]!.row,
      remap(mappings.columns, { note: 'mapping_note' }),
    );
    const notes = m.rows.map((r) => get(r, 'mapping_note')).filter((n) => n !== undefined);
    const note = notes[0];
    m.rows.forEach((r) => {
      const value = get(r, 'mapping_note');
      if (value !== undefined && value !== note) {
        error(
          mappingSpec.name,
          r.row,
          mappings.columns.mapping_note ?? null,
          'mapping_note',
          `หมายเหตุการเทียบกับปี ${String(m.year)} ต่างจากแถวก่อน (หนึ่งหมายเหตุต่อหนึ่งปี)`,
          `the mapping note for ${String(m.year)} differs from an earlier row (one note per year)`,
        );
      }
    });
    const out: Obj = {};
    put(out, 'from_fiscal_year', m.year);
    out.pairs = m.rows.map((r, p) => {
      locate(`question_mappings[${mi}].pairs[${p}]`, mappingSpec, r.row, mappings.columns);
      const pair: Obj = {};
      put(pair, 'code', str(r, 'code')?.toLowerCase());
      const from = str(r, 'from_code');
      if (from === undefined) {
        error(
          mappingSpec.name,
          r.row,
          mappings.columns.from_code ?? null,
          'from_code',
          'ต้องระบุรหัสข้อของปีก่อน หรือ - เมื่อเป็นข้อใหม่ที่ไม่มีข้อเทียบ',
          'give the earlier code, or - for a new question with no counterpart',
        );
        reportedCells.add(cellKey(mappingSpec.name, r.row, mappings.columns.from_code ?? null));
      }
      pair.from_code = from === undefined || from === '-' || from === 'ไม่มี' ? null : from.toLowerCase();
      return { ...pair, ...provenance('mappings', r) };
    });
    put(out, 'note', note);
    return out;
  });

  // required parts, answer scales, calendar, facts, example results
  const parts = table('requiredParts');
  const partsSpec = sheetSpec('requiredParts');
  const partField = {
    measures: 'measures_document_required_parts_th',
    follow_up: 'follow_up_report_required_parts_th',
  } as const;
  for (const r of parts.rows) {
    const document = str(r, 'document')?.toLowerCase();
    const field = document === 'measures' || document === 'follow_up' ? partField[document] : undefined;
    if (!field) {
      error(
        partsSpec.name,
        r.row,
        parts.columns.document ?? null,
        'document',
        `ไม่รู้จักเอกสาร "${document ?? ''}" ต้องเป็น measures หรือ follow_up`,
        `unknown document "${document ?? ''}": use measures or follow_up`,
      );
      continue;
    }
    if (input[field] !== undefined) {
      error(
        partsSpec.name,
        r.row,
        parts.columns.document ?? null,
        'document',
        `เอกสาร ${document} ระบุไว้มากกว่าหนึ่งแถว`,
        `document ${document} is given on more than one row`,
      );
      continue;
    }
    locate(field, partsSpec, r.row, parts.columns);
    const out: Obj = {};
    const codes = get(r, 'questions');
    put(out, 'questions', Array.isArray(codes) ? codes.map((c) => String(c).toLowerCase()) : codes);
    put(out, 'parts', get(r, 'parts'));
    input[field] = { ...out, ...provenance('requiredParts', r) };
  }

  const simple = (id: SheetId, path: string, fields: readonly string[], lower: readonly string[] = []) => {
    const t = table(id);
    sheetLocation(path, id);
    input[path] = t.rows.map((r, i) => {
      locate(`${path}[${i}]`, sheetSpec(id), r.row, t.columns);
      const out: Obj = {};
      for (const f of fields) {
        const v = get(r, f);
        put(out, f, lower.includes(f) && typeof v === 'string' ? v.toLowerCase() : v);
      }
      return { ...out, ...provenance(id, r) };
    });
  };
  simple('answerScales', 'answer_scales', ['answer_type', 'options_th', 'scores'], ['answer_type']);
  simple('calendar', 'calendar', ['code', 'name_en', 'start', 'end']);
  for (const entry of input.calendar as Obj[]) if (entry.start === undefined) entry.start = null;
  simple('facts', 'facts', ['code', 'label_en', 'value']);
  simple('examples', 'example_results', ['agency_th', 'total', 'level_code']);

  // sources (last: the default source is added when a row above used it)
  const sources = table('sources');
  sheetLocation('sources', 'sources');
  const sourceRows: Obj[] = sources.rows.map((r, i) => {
    locate(`sources[${i}]`, sheetSpec('sources'), r.row, sources.columns);
    const out: Obj = {};
    put(out, 'id', str(r, 'id'));
    put(out, 'title', get(r, 'title'));
    const url = get(r, 'url');
    out.url = url === undefined ? null : url;
    put(out, 'locator', get(r, 'locator'));
    const reliability = get(r, 'reliability');
    if (reliability === undefined) count('sources', 'confidence');
    out.reliability = reliability === undefined ? DEFAULT_CONFIDENCE : confidenceOf(reliability);
    put(out, 'reliability_note', get(r, 'reliability_note'));
    put(out, 'used_for', get(r, 'used_for'));
    return out;
  });
  if ((usedDefaultSource || sourceRows.length === 0) && !sourceRows.some((s) => s.id === DEFAULT_SOURCE_ID)) {
    sourceRows.push({
      id: DEFAULT_SOURCE_ID,
      title: DEFAULT_SOURCE_TITLE,
      url: null,
      reliability: DEFAULT_CONFIDENCE,
      used_for: 'rows of the imported framework workbook that name no source',
    });
  }
  input.sources = sourceRows;

  for (const [id, used] of defaults) {
    const spec = sheetSpec(id);
    const parts_th: string[] = [];
    const parts_en: string[] = [];
    if (used.confidence > 0) {
      parts_th.push(`${used.confidence} ช่องไม่ระบุความเชื่อมั่น จึงใช้ระดับปานกลาง (${DEFAULT_CONFIDENCE})`);
      parts_en.push(`empty confidence cells: ${used.confidence} (${DEFAULT_CONFIDENCE} is used)`);
    }
    if (used.source > 0) {
      parts_th.push(`${used.source} ช่องไม่ระบุแหล่งข้อมูล จึงอ้างถึง ${DEFAULT_SOURCE_ID} "${DEFAULT_SOURCE_TITLE}"`);
      parts_en.push(`empty source cells: ${used.source} (they cite ${DEFAULT_SOURCE_ID})`);
    }
    warn(spec.name, null, null, null, parts_th.join(' และ '), parts_en.join('; '));
  }
  if (defaultMissing > 0) {
    warn(
      sheetSpec('questions').name,
      null,
      questions.columns.text_th ?? null,
      'text_th',
      `${defaultMissing} ข้อไม่มีถ้อยคำ ระบบจะแสดงรหัสข้อกับตัวชี้วัดแทนถ้อยคำ จนกว่าจะนำเข้าถ้อยคำ`,
      `questions without wording: ${defaultMissing} (their code and indicator are shown instead until wording is imported)`,
    );
  }

  return { input, locations, errors, warnings, levelRanges, reportedCells, headers };
}

export { cellKey };
