import { type ScoreEntry, scoreKey, TOTAL_CODE } from '#shared/assessments/scores.ts';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import { toArabicDigits } from '#shared/format/thai.ts';
import { cellText, cleanText, columnLetter, compactText } from './clean-text.ts';
import type { CellValue } from './decode-file.ts';
import { questionsOfIndicator } from './edition-codes.ts';
import { resolveCode } from './normalize-code.ts';
import { parsePassed, parseScore } from './parse-score.ts';

export type ImportIssue = {
  /** 1-based row as the spreadsheet shows it (the header is row 1 when it is the first row). */
  row: number;
  /** The header as written and the column letter, e.g. "score (C)"; '' when the issue is about the file. */
  column: string;
  /** The code the issue is about: canonical when it was recognised, else as typed. */
  code?: string;
  message_th: string;
  message_en: string;
};
export type ImportFormat = 'long' | 'wide';
export type ImportedOrganization = {
  /** The organisation code as written in the file (or given by the caller). */
  code: string;
  /** Rows the scores came from. */
  rowNumbers: number[];
  scores: ScoreEntry[];
  /** The level the source states (the `level` cell), as written; null when not given. */
  statedLevel: string | null;
};
export type InterpretResult = {
  /** null when no header row could be recognised (or the file is empty). */
  format: ImportFormat | null;
  organizations: ImportedOrganization[];
  errors: ImportIssue[];
  warnings: ImportIssue[];
};
export type InterpretOptions = {
  edition: Edition;
  /** The BE fiscal year being imported; the edition's year when omitted. */
  fiscalYear?: number;
  /** The one organisation being imported: rows may then leave `organization_code` blank. */
  organizationCode?: string;
};

/** Largest gap between an indicator or total and what its parts give before a warning. */
export const CONSISTENCY_TOLERANCE = 0.5;
const MAX_REASON = 2000;
const MAX_RECOMMENDATION = 4000;

type Field =
  | 'organization_code'
  | 'fiscal_year'
  | 'code'
  | 'score'
  | 'passed'
  | 'reason'
  | 'recommendation'
  | 'level'
  | 'ignore';

/** Header names per column, compared lower-case without spaces, '_', '-' or '.'. */
const FIELD_NAMES: Record<Field, string[]> = {
  organization_code: [
    'organization_code',
    'organisation_code',
    'org_code',
    'agency_code',
    'organization',
    'organisation',
    'รหัสหน่วยงาน',
    'รหัสองค์กร',
  ],
  fiscal_year: ['fiscal_year', 'year', 'fy', 'ปีงบประมาณ', 'ปีงบ', 'ปี', 'ปีงบประมาณพ.ศ.', 'ปีพ.ศ.'],
  code: ['code', 'item', 'รหัส', 'ข้อ', 'ตัวชี้วัด', 'ข้อคำถาม', 'รหัสข้อ', 'รหัสตัวชี้วัด'],
  score: ['score', 'คะแนน', 'ค่าคะแนน', 'คะแนนที่ได้', 'ผลคะแนน'],
  passed: ['passed', 'pass', 'result', 'ผลการประเมิน', 'ผ่าน', 'ผล', 'ผ่าน/ไม่ผ่าน', 'มี/ไม่มี'],
  reason: ['reason', 'note', 'notes', 'เหตุผล', 'ข้อสังเกต', 'หมายเหตุ'],
  recommendation: ['recommendation', 'recommendations', 'suggestion', 'ข้อเสนอแนะ'],
  level: ['level', 'stated_level', 'ระดับ', 'ระดับผลการประเมิน', 'ผลระดับ'],
  ignore: [
    'name_th',
    'name',
    'name_en',
    'text_th',
    'description',
    'help',
    'ชื่อ',
    'ชื่อตัวชี้วัด',
    'ข้อความ',
    'คำอธิบาย',
    'รายการ',
    'ชื่อหน่วยงาน',
    'organization_name',
    'organisation_name',
  ],
};

const fieldKey = (text: string) => compactText(text).replace(/[_\-.]/g, '');
const FIELD_BY_NAME = new Map<string, Field>();
for (const [field, names] of Object.entries(FIELD_NAMES) as [Field, string[]][]) {
  for (const name of names) FIELD_BY_NAME.set(fieldKey(name), field);
}

/** A header's field: the whole text, else the part before or inside brackets ("คะแนน (score)"). */
function matchField(header: string): Field | null {
  const candidates = [header];
  const m = /^(.*?)\((.*)\)\s*$/.exec(header);
  if (m) candidates.push(m[1]!, m[2]!);
  for (const c of candidates) {
    const field = FIELD_BY_NAME.get(fieldKey(c));
    if (field) return field;
  }
  return null;
}

type Column = { index: number; label: string; header: string };
type CodeColumn = Column & { scope: ScoreEntry['scope']; code: string };
type Meta = { row: number; column: string };
type OrgAccumulator = {
  code: string;
  rows: Set<number>;
  entries: Map<string, { entry: ScoreEntry; meta: Meta }>;
  statedLevel: string | null;
};

const LONG_HINT_TH =
  'แบบแถวยาวต้องมีคอลัมน์ code (รหัส) และ score (คะแนน); แบบตารางกว้างต้องมี organization_code และคอลัมน์รหัส เช่น ITA, IIT, i1';
const LONG_HINT_EN =
  'a long file needs a code (รหัส) and a score (คะแนน) column; a wide file needs organization_code and code columns such as ITA, IIT, i1';

/**
 * Turns sheet rows into scores per organisation. The format is detected from the header (the first
 * non-empty row): a `code` column means the long format (one row per score), otherwise columns whose
 * headers are codes mean the wide format (one row per organisation). Every problem is collected;
 * nothing should be saved while `errors` is not empty. `warnings` do not refuse the file.
 */
export function interpretRows(rows: CellValue[][], options: InterpretOptions): InterpretResult {
  const ctx = new Context(options);
  const headerIndex = rows.findIndex((r) => r.some((v) => cellText(v) !== ''));
  if (headerIndex < 0) {
    ctx.error(1, '', 'ไฟล์ว่าง ไม่มีข้อมูล', 'the file is empty');
    return ctx.result(null);
  }
  const headerRow = headerIndex + 1;
  const header = rows[headerIndex]!;
  const fields = new Map<Field, Column>();
  const codeColumns: CodeColumn[] = [];
  const unknown: (Column & { message_th: string; message_en: string })[] = [];
  const blankHeaders: number[] = [];

  header.forEach((value, index) => {
    const text = cellText(value);
    if (text === '') {
      blankHeaders.push(index);
      return;
    }
    const col: Column = { index, label: `${text} (${columnLetter(index)})`, header: text };
    const field = matchField(text);
    if (field) {
      if (field === 'ignore') return;
      const first = fields.get(field);
      if (first) {
        ctx.error(
          headerRow,
          col.label,
          `คอลัมน์ ${field} ซ้ำกัน: ${first.label} และ ${col.label}`,
          `column ${field} appears twice: ${first.label} and ${col.label}`,
        );
        return;
      }
      fields.set(field, col);
      return;
    }
    const resolved = resolveCode(text, options.edition);
    if (resolved.ok) codeColumns.push({ ...col, scope: resolved.scope, code: resolved.code });
    else unknown.push({ ...col, message_th: resolved.message_th, message_en: resolved.message_en });
  });

  const dataRows = rows.slice(headerIndex + 1).map((cells, i) => ({ cells, row: headerRow + 1 + i }));
  // Columns without a header are fine while empty; a value there would be lost.
  for (const index of blankHeaders) {
    const used = dataRows.find((r) => cellText(r.cells[index]) !== '');
    if (used) {
      const letter = columnLetter(index);
      ctx.error(
        used.row,
        `(${letter})`,
        `คอลัมน์ ${letter} มีข้อมูลแต่ไม่มีหัวคอลัมน์`,
        `column ${letter} has values but no header`,
      );
    }
  }
  const nonEmpty = dataRows.filter((r) => r.cells.some((v) => cellText(v) !== ''));

  if (fields.has('code')) {
    for (const col of [...codeColumns, ...unknown]) {
      ctx.warning(
        headerRow,
        col.label,
        `ไม่รู้จักคอลัมน์ "${col.header}" ในแบบแถวยาว จึงไม่ได้อ่านคอลัมน์นี้`,
        `column "${col.header}" is not a long-format column and was not read`,
      );
    }
    if (nonEmpty.length === 0)
      ctx.error(headerRow, '', 'ไฟล์มีแต่หัวตาราง ไม่มีข้อมูล', 'the file has a header but no data rows');
    readLong(ctx, fields, headerRow, nonEmpty);
    return ctx.result('long');
  }
  if (codeColumns.length > 0) {
    for (const col of unknown) ctx.error(headerRow, col.label, col.message_th, col.message_en, col.header);
    for (const field of ['score', 'passed', 'reason', 'recommendation'] as const) {
      const col = fields.get(field);
      if (col) {
        ctx.error(
          headerRow,
          col.label,
          `คอลัมน์ ${col.header} ใช้ในแบบแถวยาวเท่านั้น ซึ่งต้องมีคอลัมน์ code (รหัส)`,
          `column ${col.header} belongs to the long format, which needs a code (รหัส) column`,
        );
      }
    }
    if (nonEmpty.length === 0)
      ctx.error(headerRow, '', 'ไฟล์มีแต่หัวตาราง ไม่มีข้อมูล', 'the file has a header but no data rows');
    readWide(ctx, fields, codeColumns, headerRow, nonEmpty);
    return ctx.result('wide');
  }
  ctx.error(
    headerRow,
    '',
    `ไม่พบหัวตารางที่รู้จักในแถวที่ ${headerRow}: ${LONG_HINT_TH}`,
    `no recognisable header in row ${headerRow}: ${LONG_HINT_EN}`,
  );
  return ctx.result(null);
}

type DataRow = { cells: CellValue[]; row: number };

class Context {
  readonly edition: Edition;
  readonly year: number;
  readonly callerOrg: string | null;
  readonly errors: ImportIssue[] = [];
  readonly warnings: ImportIssue[] = [];
  readonly orgs = new Map<string, OrgAccumulator>();
  /** Rows per fiscal year written in the file. */
  readonly years = new Map<number, number[]>();
  yearColumn = '';

  constructor(options: InterpretOptions) {
    this.edition = options.edition;
    this.year = options.fiscalYear ?? options.edition.fiscal_year;
    this.callerOrg = options.organizationCode ? normalizeOrg(options.organizationCode) : null;
  }

  error(row: number, column: string, message_th: string, message_en: string, code?: string) {
    this.errors.push({ row, column, ...(code === undefined ? {} : { code }), message_th, message_en });
  }

  warning(row: number, column: string, message_th: string, message_en: string, code?: string) {
    this.warnings.push({ row, column, ...(code === undefined ? {} : { code }), message_th, message_en });
  }

  org(code: string): OrgAccumulator {
    let org = this.orgs.get(code);
    if (!org) {
      org = { code, rows: new Set(), entries: new Map(), statedLevel: null };
      this.orgs.set(code, org);
    }
    return org;
  }

  /** Reads the fiscal-year cell of a row; records it for the end-of-file checks. */
  fiscalYear(cells: CellValue[], col: Column | undefined, row: number) {
    if (!col) return;
    this.yearColumn = col.label;
    const text = cellText(cells[col.index]);
    if (text === '') return;
    const digits = toArabicDigits(text)
      .replace(/^(ปีงบประมาณ|ปีงบ|ปี|fy)/i, '')
      .replace(/^\s*(พ\.\s*ศ\.|b\.?e\.?)\s*/i, '')
      .trim();
    if (!/^\d{4}$/.test(digits)) {
      this.error(
        row,
        col.label,
        `"${text}" ไม่ใช่ปีงบประมาณ (พ.ศ. 4 หลัก)`,
        `"${text}" is not a fiscal year (4-digit BE)`,
      );
      return;
    }
    const year = Number(digits);
    if (year < 2400) {
      this.error(
        row,
        col.label,
        `ปีงบประมาณ ${year} เป็นปี ค.ศ. ให้ใช้ปี พ.ศ. (${year + 543})`,
        `fiscal year ${year} looks like a CE year; use the BE year (${year + 543})`,
      );
      return;
    }
    const list = this.years.get(year) ?? [];
    list.push(row);
    this.years.set(year, list);
  }

  checkYears() {
    if (this.years.size > 1) {
      const parts = (lang: 'th' | 'en') =>
        [...this.years].map(([y, rows]) => `${y} (${rowList(rows, lang)})`);
      const second = [...this.years.values()][1]![0]!;
      this.error(
        second,
        this.yearColumn,
        `ไฟล์นี้มีหลายปีงบประมาณ: ${parts('th').join(', ')} กรอบการประเมินแต่ละปีต่างกัน ให้แยกไฟล์ละหนึ่งปี`,
        `mixed editions in one file: fiscal years ${parts('en').join(', ')}; editions differ per year, so import one year per file`,
      );
    }
    for (const [year, rows] of this.years) {
      if (year === this.year) continue;
      this.error(
        rows[0]!,
        this.yearColumn,
        `ปีงบประมาณ ${year} (${rowList(rows)}) ไม่ตรงกับปีที่กำลังนำเข้า (${this.year})`,
        `fiscal year ${year} (${rowList(rows, 'en')}) is not the year being imported (${this.year})`,
      );
    }
  }

  /** The organisation of a row: its cell, else the caller's; null (and an error) when unknown. */
  rowOrg(cells: CellValue[], col: Column | undefined, row: number, fileOrgs: Set<string>): string | null {
    const text = col ? normalizeOrg(cellText(cells[col.index])) : '';
    if (text !== '') {
      if (this.callerOrg !== null && text !== this.callerOrg) {
        this.error(
          row,
          col!.label,
          `รหัสหน่วยงาน ${text} ไม่ใช่หน่วยงานที่กำลังนำเข้า (${this.callerOrg})`,
          `organisation ${text} is not the organisation being imported (${this.callerOrg})`,
        );
        return null;
      }
      return text;
    }
    if (this.callerOrg !== null) return this.callerOrg;
    if (fileOrgs.size === 1) return [...fileOrgs][0]!;
    if (col && fileOrgs.size > 1) {
      this.error(
        row,
        col.label,
        'ไม่ได้ระบุรหัสหน่วยงาน (ไฟล์นี้มีหลายหน่วยงาน)',
        'the organisation code is missing (the file has several organisations)',
      );
    } else if (col) {
      this.error(row, col.label, 'ไม่ได้ระบุรหัสหน่วยงาน', 'the organisation code is missing');
    }
    return null;
  }

  add(org: OrgAccumulator, entry: ScoreEntry, meta: Meta) {
    org.entries.set(scoreKey(entry), { entry, meta });
    org.rows.add(meta.row);
  }

  result(format: ImportFormat | null): InterpretResult {
    this.checkConsistency();
    return {
      format,
      organizations: [...this.orgs.values()].map((o) => ({
        code: o.code,
        rowNumbers: [...o.rows].sort((a, b) => a - b),
        scores: [...o.entries.values()].map((e) => e.entry),
        statedLevel: o.statedLevel,
      })),
      errors: this.errors,
      warnings: this.warnings,
    };
  }

  /** Warnings: indicator vs. the mean of its questions (IIT/EIT), total vs. weighted instruments. */
  checkConsistency() {
    const edition = this.edition;
    for (const org of this.orgs.values()) {
      const score = (scope: ScoreEntry['scope'], code: string) =>
        org.entries.get(scoreKey({ scope, code }))?.entry.score ?? null;
      for (const indicator of edition.indicators) {
        if (indicator.instrument === 'OIT') continue;
        const found = org.entries.get(scoreKey({ scope: 'indicator', code: String(indicator.number) }));
        if (!found || found.entry.score === null) continue;
        const questions = questionsOfIndicator(edition, indicator.number);
        if (questions.length === 0) continue;
        const scores = questions.map((q) => score('question', q));
        if (scores.some((s) => s === null)) continue;
        const mean = (scores as number[]).reduce((a, b) => a + b, 0) / scores.length;
        if (Math.abs(found.entry.score - mean) > CONSISTENCY_TOLERANCE) {
          const span = `${questions[0]}–${questions[questions.length - 1]}`;
          this.warning(
            found.meta.row,
            found.meta.column,
            `หน่วยงาน ${org.code}: คะแนนตัวชี้วัดที่ ${indicator.number} (${fmt(found.entry.score)}) ต่างจากค่าเฉลี่ยของข้อ ${span} (${fmt(mean)}) เกิน ${CONSISTENCY_TOLERANCE}`,
            `organisation ${org.code}: indicator ${indicator.number} (${fmt(found.entry.score)}) differs from the mean of ${span} (${fmt(mean)}) by more than ${CONSISTENCY_TOLERANCE}`,
            String(indicator.number),
          );
        }
      }
      const total = org.entries.get(scoreKey({ scope: 'total', code: TOTAL_CODE }));
      if (!total || total.entry.score === null) continue;
      const parts = edition.instruments.map((i) => ({
        weight: i.weight_percent,
        score: score('instrument', i.code),
      }));
      if (parts.some((p) => p.weight === null || p.score === null)) continue;
      const weights = parts.reduce((a, p) => a + p.weight!, 0);
      if (weights <= 0) continue;
      const weighted = parts.reduce((a, p) => a + p.weight! * p.score!, 0) / weights;
      if (Math.abs(total.entry.score - weighted) > CONSISTENCY_TOLERANCE) {
        const formula = edition.instruments.map((i) => `${i.code}×${i.weight_percent}%`).join(' + ');
        this.warning(
          total.meta.row,
          total.meta.column,
          `หน่วยงาน ${org.code}: คะแนนรวม (${fmt(total.entry.score)}) ต่างจากคะแนนถ่วงน้ำหนักของแบบวัด ${formula} (${fmt(weighted)}) เกิน ${CONSISTENCY_TOLERANCE}`,
          `organisation ${org.code}: the total (${fmt(total.entry.score)}) differs from the weighted instruments ${formula} (${fmt(weighted)}) by more than ${CONSISTENCY_TOLERANCE}`,
          TOTAL_CODE,
        );
      }
    }
  }
}

const fmt = (n: number) => n.toFixed(2);

/** Organisation codes: clean text, Thai digits as Arabic; letters keep their case. */
function normalizeOrg(raw: string): string {
  return toArabicDigits(cleanText(raw));
}

/** "แถว 2–4, 7" / "rows 2–4, 7" (at most 10 ranges). */
function rowList(rows: number[], lang: 'th' | 'en' = 'th'): string {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const ranges: string[] = [];
  let start = sorted[0]!;
  let prev = start;
  for (const n of [...sorted.slice(1), Number.NaN]) {
    if (n === prev + 1) {
      prev = n;
      continue;
    }
    ranges.push(start === prev ? String(start) : `${start}–${prev}`);
    start = n;
    prev = n;
  }
  const shown = ranges.length > 10 ? [...ranges.slice(0, 10), '…'] : ranges;
  const word = lang === 'th' ? 'แถว' : sorted.length === 1 ? 'row' : 'rows';
  return `${word} ${shown.join(', ')}`;
}

/** Organisation codes written in a column, to fill blanks when the file names only one. */
function orgsInFile(rows: DataRow[], col: Column | undefined): Set<string> {
  const set = new Set<string>();
  if (!col) return set;
  for (const r of rows) {
    const text = normalizeOrg(cellText(r.cells[col.index]));
    if (text !== '') set.add(text);
  }
  return set;
}

function missingOrgColumn(ctx: Context, headerRow: number) {
  ctx.error(
    headerRow,
    '',
    'ไม่มีคอลัมน์ organization_code (รหัสหน่วยงาน) และไม่ได้เลือกหน่วยงาน',
    'there is no organization_code (รหัสหน่วยงาน) column and no organisation was chosen',
  );
}

function textCell(
  ctx: Context,
  cells: CellValue[],
  col: Column | undefined,
  row: number,
  max: number,
  code: string,
): string | null {
  if (!col) return null;
  const text = cellText(cells[col.index]);
  if (text === '') return null;
  if (text.length > max) {
    ctx.error(
      row,
      col.label,
      `ข้อความยาว ${text.length} ตัวอักษร เกิน ${max} ตัวอักษร`,
      `the text is ${text.length} characters long, more than ${max}`,
      code,
    );
    return null;
  }
  return text;
}

function readLong(ctx: Context, fields: Map<Field, Column>, headerRow: number, rows: DataRow[]) {
  const orgCol = fields.get('organization_code');
  const codeCol = fields.get('code')!;
  const scoreCol = fields.get('score');
  const passedCol = fields.get('passed');
  const levelCol = fields.get('level');
  if (!orgCol && ctx.callerOrg === null) missingOrgColumn(ctx, headerRow);
  if (!scoreCol && !passedCol) {
    ctx.error(
      headerRow,
      '',
      'ไม่มีคอลัมน์ score (คะแนน) หรือ passed (ผลการประเมิน)',
      'there is no score (คะแนน) or passed (ผลการประเมิน) column',
    );
  }
  const fileOrgs = orgsInFile(rows, orgCol);
  const firstRow = new Map<string, number>();

  for (const { cells, row } of rows) {
    ctx.fiscalYear(cells, fields.get('fiscal_year'), row);
    const rawCode = cellText(cells[codeCol.index]);
    const valueCols = ['score', 'passed', 'reason', 'recommendation', 'level'] as const;
    if (rawCode === '') {
      if (valueCols.some((f) => fields.has(f) && cellText(cells[fields.get(f)!.index]) !== '')) {
        ctx.error(row, codeCol.label, 'ไม่ได้ระบุรหัส (code) ของแถวนี้', 'this row has no code');
      }
      continue;
    }
    const resolved = resolveCode(rawCode, ctx.edition);
    if (!resolved.ok) ctx.error(row, codeCol.label, resolved.message_th, resolved.message_en, rawCode);
    const code = resolved.ok ? resolved.code : rawCode;
    const orgCode = orgCol || ctx.callerOrg !== null ? ctx.rowOrg(cells, orgCol, row, fileOrgs) : null;

    const score = scoreCol ? parseScore(cells[scoreCol.index]) : ({ ok: true, score: null } as const);
    if (!score.ok) {
      ctx.error(row, scoreCol!.label, score.message_th, score.message_en, code);
    }
    const passed = passedCol ? parsePassed(cells[passedCol.index]) : ({ ok: true, passed: null } as const);
    if (!passed.ok) {
      ctx.error(row, passedCol!.label, passed.message_th, passed.message_en, code);
    }
    const reason = textCell(ctx, cells, fields.get('reason'), row, MAX_REASON, code);
    const recommendation = textCell(ctx, cells, fields.get('recommendation'), row, MAX_RECOMMENDATION, code);
    const level = levelCol ? cellText(cells[levelCol.index]) : '';
    if (level !== '' && resolved.ok && resolved.scope !== 'total') {
      ctx.warning(
        row,
        levelCol!.label,
        `ระดับ "${level}" อ่านเฉพาะแถวคะแนนรวม (ITA) จึงไม่ได้อ่านในแถวของ ${code}`,
        `level "${level}" is read only on the total (ITA) row, so it was ignored on the row of ${code}`,
        code,
      );
    }
    if (!resolved.ok || orgCode === null) continue;

    const key = `${orgCode}\u0000${resolved.scope}:${resolved.code}`;
    const seen = firstRow.get(key);
    if (seen !== undefined) {
      ctx.error(
        row,
        codeCol.label,
        `รหัส ${resolved.code} ของหน่วยงาน ${orgCode} ซ้ำกัน: แถว ${seen} และแถว ${row}`,
        `code ${resolved.code} of organisation ${orgCode} is given twice: rows ${seen} and ${row}`,
        resolved.code,
      );
      continue;
    }
    firstRow.set(key, row);
    if (!score.ok || !passed.ok) continue;
    // A code listed with every cell empty (an untouched template row) gives nothing; "not assessed"
    // must be written (`-`, `N/A`, `ไม่ได้ประเมิน`), so a partial file never blanks stored scores.
    const givenCells = [scoreCol, passedCol, fields.get('reason'), fields.get('recommendation')];
    if (givenCells.every((f) => !f || cellText(cells[f.index]) === '')) continue;
    const org = ctx.org(orgCode);
    ctx.add(
      org,
      {
        scope: resolved.scope,
        code: resolved.code,
        score: score.score,
        passed: passed.passed,
        reason,
        recommendation,
      },
      { row, column: scoreCol?.label ?? passedCol?.label ?? codeCol.label },
    );
    if (level !== '' && resolved.scope === 'total') org.statedLevel = level;
  }
  ctx.checkYears();
}

function readWide(
  ctx: Context,
  fields: Map<Field, Column>,
  codeColumns: CodeColumn[],
  headerRow: number,
  rows: DataRow[],
) {
  const orgCol = fields.get('organization_code');
  const levelCol = fields.get('level');
  if (!orgCol && ctx.callerOrg === null) missingOrgColumn(ctx, headerRow);
  if (!orgCol && ctx.callerOrg !== null && rows.length > 1) {
    ctx.error(
      rows[1]!.row,
      '',
      'ไม่มีคอลัมน์ organization_code (รหัสหน่วยงาน) แต่มีมากกว่าหนึ่งแถว (แบบตารางกว้างคือหนึ่งแถวต่อหนึ่งหน่วยงาน)',
      'there is no organization_code column but more than one row (the wide format has one row per organisation)',
    );
  }
  // The same code in two columns: keep the first column, report the others.
  const columns: CodeColumn[] = [];
  for (const col of codeColumns) {
    const first = columns.find((c) => c.scope === col.scope && c.code === col.code);
    if (first) {
      ctx.error(
        headerRow,
        col.label,
        `รหัส ${col.code} ซ้ำกัน: คอลัมน์ ${first.label} และ ${col.label}`,
        `code ${col.code} is given twice: columns ${first.label} and ${col.label}`,
        col.code,
      );
    } else columns.push(col);
  }
  const fileOrgs = orgsInFile(rows, orgCol);
  const orgRow = new Map<string, number>();

  for (const { cells, row } of rows) {
    ctx.fiscalYear(cells, fields.get('fiscal_year'), row);
    const orgCode = orgCol || ctx.callerOrg !== null ? ctx.rowOrg(cells, orgCol, row, fileOrgs) : null;
    if (orgCode !== null) {
      const seen = orgRow.get(orgCode);
      if (seen !== undefined) {
        ctx.error(
          row,
          orgCol?.label ?? '',
          `หน่วยงาน ${orgCode} มีสองแถว: แถว ${seen} และแถว ${row}`,
          `organisation ${orgCode} is given twice: rows ${seen} and ${row}`,
        );
        continue;
      }
      orgRow.set(orgCode, row);
    }
    const entries: { entry: ScoreEntry; meta: Meta }[] = [];
    for (const col of columns) {
      const value = cells[col.index] ?? null;
      if (cellText(value) === '') continue; // empty = not given; "not assessed" is written as - or N/A
      const score = parseScore(value);
      if (score.ok) {
        entries.push({ entry: blankEntry(col, score.score, null), meta: { row, column: col.label } });
        continue;
      }
      // OIT items are often marked มี / ไม่มี, ✓ / ✗ instead of a score.
      const passed = typeof value === 'string' ? parsePassed(value) : null;
      if (passed?.ok && passed.passed !== null) {
        entries.push({ entry: blankEntry(col, null, passed.passed), meta: { row, column: col.label } });
        continue;
      }
      ctx.error(row, col.label, score.message_th, score.message_en, col.code);
    }
    if (orgCode === null) continue;
    const org = ctx.org(orgCode);
    org.rows.add(row);
    for (const { entry, meta } of entries) ctx.add(org, entry, meta);
    const level = levelCol ? cellText(cells[levelCol.index]) : '';
    if (level !== '') org.statedLevel = level;
  }
  ctx.checkYears();
}

function blankEntry(col: CodeColumn, score: number | null, passed: boolean | null): ScoreEntry {
  return { scope: col.scope, code: col.code, score, passed, reason: null, recommendation: null };
}
