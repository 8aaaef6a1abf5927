import { type ScoreEntry, scoreKey, TOTAL_CODE } from '#shared/assessments/scores.ts';
import type { Edition, InstrumentCode } from '#shared/catalogue/edition.schema.ts';
import {
  displayCodeOf,
  hasSuppliedWording,
  instrumentOfCode,
  isSuppliedQuestion,
  withSuppliedQuestions,
} from '#shared/catalogue/supplied-questions.ts';
import { toArabicDigits } from '#shared/format/thai.ts';
import { cellText, cleanText, columnLetter, compactText } from './clean-text.ts';
import type { CellValue } from './decode-file.ts';
import { questionsOfIndicator } from './edition-codes.ts';
import { IssueCollector, type OmittedIssues } from './limit-issues.ts';
import { type ResolveCodeResult, resolveCode } from './normalize-code.ts';
import { parsePassed, parseScore } from './parse-score.ts';
import { type SuggestContext, withSuggestion } from './suggest-code.ts';

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
/**
 * A question or its wording the file supplies for the edition (kept deployment-wide when the import
 * is committed; the first supply of a code wins).
 */
export type SuppliedDraft = {
  code: string;
  instrument: InstrumentCode;
  indicator: number;
  subIndicator: string | null;
  /** The wording as the file gives it; null when the file gives the code and its indicator only. */
  text_th: string | null;
  /** The organisation of the row (or the first row, in the wide layout) that gave it. */
  organizationCode: string;
  row: number;
  /** Not in the edition (neither in the catalogue nor supplied before): added by its code pattern. */
  isNew: boolean;
  /** The catalogue words this question differently (the catalogue's wording stays in use). */
  catalogueDiffers: boolean;
};
/** Another wording or indicator for a question an agency supplied before (the earlier one stays). */
export type SuppliedConflict = {
  code: string;
  text_th: string | null;
  indicator: number | null;
  organizationCode: string;
  row: number;
};
export type InterpretResult = {
  /** null when no header row could be recognised (or the file is empty). */
  format: ImportFormat | null;
  organizations: ImportedOrganization[];
  errors: ImportIssue[];
  warnings: ImportIssue[];
  /** Errors and warnings beyond the first `KEPT_ISSUES`, counted by kind instead of kept. */
  omittedErrors?: OmittedIssues[];
  omittedWarnings?: OmittedIssues[];
  /** Questions and wording the file supplies for the edition. */
  supplied: SuppliedDraft[];
  /** Wording or indicators that differ from what an agency supplied before. */
  conflicts: SuppliedConflict[];
};
export type InterpretOptions = {
  /** The edition, with what agencies supplied before laid over it (`withSuppliedQuestions`). */
  edition: Edition;
  /** The BE fiscal year being imported; the edition's year when omitted. */
  fiscalYear?: number;
  /** The one organisation being imported: rows may then leave `organization_code` blank. */
  organizationCode?: string;
  /**
   * The other editions the deployment knows: codes valid only in another edition are reported as a
   * file mixing editions, and an edition's question mapping can give a question's indicator.
   */
  otherEditions?: readonly Edition[];
};

/** Largest gap between an indicator or total and what its parts give before a warning. */
export const CONSISTENCY_TOLERANCE = 0.5;
const MAX_REASON = 2000;
const MAX_RECOMMENDATION = 4000;
/** Longest question wording kept (NACC's longest questions are a few hundred characters). */
const MAX_WORDING = 1000;
/** At most this many unknown codes are checked against the other editions. */
const MAX_MIXED_CODES = 200;
/** Errors (and warnings) kept whole while reading; the rest are counted by kind (`IssueCollector`). */
const KEPT_ISSUES = 1000;

type Field =
  | 'organization_code'
  | 'fiscal_year'
  | 'code'
  | 'score'
  | 'passed'
  | 'reason'
  | 'recommendation'
  | 'level'
  | 'wording'
  | 'indicator'
  | 'edition'
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
  code: ['code', 'item', 'รหัส', 'ข้อ', 'รหัสข้อ', 'รหัสข้อคำถาม', 'รหัสตัวชี้วัด'],
  score: ['score', 'คะแนน', 'ค่าคะแนน', 'คะแนนที่ได้', 'ผลคะแนน'],
  passed: ['passed', 'pass', 'result', 'ผลการประเมิน', 'ผ่าน', 'ผล', 'ผ่าน/ไม่ผ่าน', 'มี/ไม่มี'],
  reason: ['reason', 'note', 'notes', 'เหตุผล', 'ข้อสังเกต', 'หมายเหตุ'],
  recommendation: ['recommendation', 'recommendations', 'suggestion', 'ข้อเสนอแนะ'],
  level: ['level', 'stated_level', 'ระดับ', 'ระดับผลการประเมิน', 'ผลระดับ'],
  wording: [
    'wording',
    'text',
    'text_th',
    'question_text',
    'ข้อความ',
    'ข้อความคำถาม',
    'ข้อความข้อคำถาม',
    'คำถาม',
    'ประเด็นการประเมิน',
    'ประเด็นคำถาม',
  ],
  indicator: ['indicator', 'indicator_number', 'ตัวชี้วัดที่', 'เลขตัวชี้วัด'],
  edition: ['edition', 'edition_year', 'กรอบการประเมิน', 'กรอบการประเมินปี', 'ปีกรอบการประเมิน', 'กรอบปี'],
  ignore: [
    'name_th',
    'name',
    'name_en',
    'description',
    'help',
    'ชื่อ',
    'ชื่อตัวชี้วัด',
    'คำอธิบาย',
    'รายการ',
    'ชื่อหน่วยงาน',
    'organization_name',
    'organisation_name',
  ],
};

/**
 * Headers that are the code column when the file has no other code column (older files, and a report
 * whose question cells hold "i1 wording"), and otherwise the indicator or the wording column.
 */
const AMBIGUOUS_NAMES: Record<string, 'indicator' | 'wording'> = { ตัวชี้วัด: 'indicator', ข้อคำถาม: 'wording' };
type Ambiguous = { ambiguous: 'indicator' | 'wording' };

const fieldKey = (text: string) => compactText(text).replace(/[_\-.]/g, '');
const FIELD_BY_NAME = new Map<string, Field | Ambiguous>();
for (const [field, names] of Object.entries(FIELD_NAMES) as [Field, string[]][]) {
  for (const name of names) FIELD_BY_NAME.set(fieldKey(name), field);
}
for (const [name, alternative] of Object.entries(AMBIGUOUS_NAMES)) {
  FIELD_BY_NAME.set(fieldKey(name), { ambiguous: alternative });
}

/**
 * A header's field: the whole text, else the part before or inside brackets ("คะแนน (score)"); a
 * definite name wins over an ambiguous one ("ข้อคำถาม (wording)" is the wording).
 */
function matchField(header: string): Field | Ambiguous | null {
  const candidates = [header];
  const m = /^(.*?)\((.*)\)\s*$/.exec(header);
  if (m) candidates.push(m[1]!, m[2]!);
  let ambiguous: Ambiguous | null = null;
  for (const c of candidates) {
    const field = FIELD_BY_NAME.get(fieldKey(c));
    if (typeof field === 'string') return field;
    if (field) ambiguous ??= field;
  }
  return ambiguous;
}

type Column = { index: number; label: string; header: string };
type CodeColumn = Column & {
  scope: ScoreEntry['scope'];
  code: string;
  pattern?: InstrumentCode | undefined;
  /** Wording written in the header after the code ("i1 บุคลากรในหน่วยงาน…"). */
  wording?: string | undefined;
};
type Meta = { row: number; column: string };
type OrgAccumulator = {
  code: string;
  rows: Set<number>;
  entries: Map<string, ScoreEntry>;
  /** Where the indicator and total scores were read: the consistency warnings name the cell. */
  metas: Map<string, Meta>;
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
  const unknown: (Column & { codeText: string; message_th: string; message_en: string })[] = [];
  const ambiguous: (Column & { alternative: 'indicator' | 'wording' })[] = [];
  const blankHeaders: number[] = [];
  const setField = (field: Field, col: Column) => {
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
  };

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
      if (typeof field === 'string') setField(field, col);
      else ambiguous.push({ ...col, alternative: field.ambiguous });
      return;
    }
    const read = readCode(text, options.edition);
    if (read.resolved.ok) {
      codeColumns.push({
        ...col,
        scope: read.resolved.scope,
        code: read.resolved.code,
        pattern: read.resolved.pattern,
        wording: read.wording ?? undefined,
      });
    } else {
      unknown.push({
        ...col,
        codeText: read.codeText,
        message_th: read.resolved.message_th,
        message_en: read.resolved.message_en,
      });
    }
  });
  // ตัวชี้วัด / ข้อคำถาม: the code column of a file without another one (ข้อคำถาม first, whose cells
  // may hold "i1 wording"); beside a code column, the indicator and the wording.
  const codeFromAmbiguous = fields.has('code')
    ? null
    : (ambiguous.find((c) => c.alternative === 'wording') ?? ambiguous[0] ?? null);
  for (const col of ambiguous) setField(col === codeFromAmbiguous ? 'code' : col.alternative, col);

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
    for (const col of unknown) {
      const problem = withSuggestion(
        { ok: false, message_th: col.message_th, message_en: col.message_en },
        col.codeText,
        options.edition,
        ctx.suggestContext(neighbourInstrument(options.edition, codeColumns, col.index)),
      );
      ctx.error(headerRow, col.label, problem.message_th, problem.message_en, col.header);
      ctx.unknownCode(col.codeText, headerRow);
    }
    for (const field of ['score', 'passed', 'reason', 'recommendation', 'wording', 'indicator'] as const) {
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

type IndicatorCell = { text: string; column: string; row: number; carried: boolean };
type WordingCell = { text: string; column: string; row: number };
type QuestionInput = {
  code: string;
  pattern: InstrumentCode | undefined;
  row: number;
  column: string;
  org: string | null;
  indicator: IndicatorCell | null;
  wording: WordingCell | null;
  /** Where to ask for the indicator when it is missing. */
  layout: ImportFormat;
};

class Context {
  readonly edition: Edition;
  readonly year: number;
  readonly callerOrg: string | null;
  readonly otherEditions: readonly Edition[];
  private readonly errorList = new IssueCollector(KEPT_ISSUES);
  private readonly warningList = new IssueCollector(KEPT_ISSUES);
  readonly orgs = new Map<string, OrgAccumulator>();
  /** Rows per fiscal year written in the file. */
  readonly years = new Map<number, number[]>();
  yearColumn = '';
  /** Rows per edition year written in an edition column. */
  readonly editionYears = new Map<number, number[]>();
  editionColumn = '';
  /** Codes refused as unknown, to see whether another edition has them. */
  readonly unknownCodes = new Map<string, { raw: string; rows: number[] }>();
  readonly drafts = new Map<string, SuppliedDraft>();
  readonly conflicts: SuppliedConflict[] = [];
  private readonly said = new Set<string>();
  private readonly questionByCode: Map<string, Edition['questions'][number]>;
  private readonly indicatorCache = new Map<string, ResolveCodeResult>();
  private readonly patternLimit: Partial<Record<InstrumentCode, number>>;

  constructor(options: InterpretOptions) {
    this.edition = options.edition;
    this.year = options.fiscalYear ?? options.edition.fiscal_year;
    this.callerOrg = options.organizationCode ? normalizeOrg(options.organizationCode) : null;
    this.otherEditions = (options.otherEditions ?? []).filter(
      (e) => e.fiscal_year !== options.edition.fiscal_year,
    );
    this.questionByCode = new Map(options.edition.questions.map((q) => [q.code, q]));
    const limit: Partial<Record<InstrumentCode, number>> = {};
    for (const e of [options.edition, ...this.otherEditions]) {
      for (const q of e.questions)
        limit[q.instrument] = Math.max(limit[q.instrument] ?? 0, Number(q.code.slice(1)));
    }
    this.patternLimit = limit;
  }

  suggestContext(instrument: InstrumentCode | null): SuggestContext {
    return { instrument, patternLimit: this.patternLimit };
  }

  /** A code the edition does not have; checked against the other editions at the end. */
  unknownCode(raw: string, row: number) {
    const key = compactText(raw);
    const seen = this.unknownCodes.get(key);
    if (seen) seen.rows.push(row);
    else if (this.unknownCodes.size < MAX_MIXED_CODES) this.unknownCodes.set(key, { raw, rows: [row] });
  }

  /** A warning said once per key (the same wording difference on every organisation's row). */
  warnOnce(key: string, row: number, column: string, message_th: string, message_en: string, code?: string) {
    if (this.said.has(key)) return;
    this.said.add(key);
    this.warning(row, column, message_th, message_en, code);
  }

  /** An indicator cell read as an indicator or sub-indicator of this edition (cached per text). */
  private resolveIndicator(text: string): ResolveCodeResult {
    let found = this.indicatorCache.get(text);
    if (!found) {
      found = resolveCode(text, this.edition);
      this.indicatorCache.set(text, found);
    }
    return found;
  }

  /**
   * A question row: the indicator of a question the edition does not list (from the indicator cell,
   * an earlier row of the file, or the edition's question mapping), and the wording the file gives.
   * Records what the file supplies; false when the row cannot be kept.
   */
  question(input: QuestionInput): boolean {
    if (input.indicator === null && input.wording === null && !input.pattern) return true;
    const known = this.questionByCode.get(input.code);
    const draft = this.drafts.get(input.code);
    const instrument = known?.instrument ?? input.pattern ?? instrumentOfCode(input.code)!;
    const shown = displayCodeOf(input.code);
    const y = this.edition.fiscal_year;

    // The indicator the file states, read as one of this edition's indicators on the same instrument.
    let stated: { indicator: number; sub: string | null } | null = null;
    if (input.indicator) {
      const cell = input.indicator;
      const r = this.resolveIndicator(cell.text);
      const ok = r.ok && (r.scope === 'indicator' || r.scope === 'sub_indicator');
      const number = ok
        ? r.scope === 'indicator'
          ? Number(r.code)
          : this.edition.sub_indicators.find((x) => x.code === r.code)!.indicator
        : null;
      const onInstrument =
        number !== null &&
        this.edition.indicators.find((i) => i.number === number)?.instrument === instrument;
      if (number !== null && onInstrument) {
        stated = { indicator: number, sub: r.ok && r.scope === 'sub_indicator' ? r.code : null };
      } else if (!known && !draft && !cell.carried) {
        const why =
          number === null
            ? {
                th: `"${cell.text}" ไม่ใช่ตัวชี้วัดในกรอบการประเมินปี ${y}`,
                en: `"${cell.text}" is not an indicator of the ${y} edition`,
              }
            : {
                th: `ตัวชี้วัดที่ ${number} ไม่ได้อยู่ในแบบวัด ${instrument} ซึ่งเป็นแบบวัดของข้อ ${shown}`,
                en: `indicator ${number} is not on ${instrument}, the instrument of ${shown}`,
              };
        this.error(cell.row, cell.column, why.th, why.en, input.code);
        return false;
      }
    }

    let indicator: number;
    let sub: string | null;
    if (known) {
      indicator = known.indicator;
      sub = known.sub_indicator ?? null;
      if (stated && !input.indicator!.carried && stated.indicator !== known.indicator) {
        const whose = isSuppliedQuestion(known)
          ? { th: 'ตามที่หน่วยงานนำเข้าไว้ก่อน', en: 'as an agency supplied it before' }
          : { th: 'ตามกรอบการประเมิน', en: 'in the catalogue' };
        this.warnOnce(
          `indicator:${input.code}:${stated.indicator}`,
          input.indicator!.row,
          input.indicator!.column,
          `ข้อ ${shown} อยู่ในตัวชี้วัดที่ ${known.indicator} ${whose.th} แต่ไฟล์ระบุตัวชี้วัดที่ ${stated.indicator} จึงใช้ตัวชี้วัดที่ ${known.indicator}`,
          `${shown} is under indicator ${known.indicator} ${whose.en}, but the file says indicator ${stated.indicator}; indicator ${known.indicator} is used`,
          input.code,
        );
        if (
          isSuppliedQuestion(known) &&
          input.org !== null &&
          !this.said.has(`conflict:${input.code}:${stated.indicator}`)
        ) {
          this.said.add(`conflict:${input.code}:${stated.indicator}`);
          this.conflicts.push({
            code: input.code,
            text_th: null,
            indicator: stated.indicator,
            organizationCode: input.org,
            row: input.indicator!.row,
          });
        }
      }
    } else if (draft) {
      indicator = draft.indicator;
      sub = draft.subIndicator;
      if (stated && !input.indicator!.carried && stated.indicator !== draft.indicator) {
        this.warnOnce(
          `indicator:${input.code}:${stated.indicator}`,
          input.indicator!.row,
          input.indicator!.column,
          `ข้อ ${shown} อยู่ในตัวชี้วัดที่ ${draft.indicator} ตามแถว ${draft.row} ของไฟล์นี้ แต่แถวนี้ระบุตัวชี้วัดที่ ${stated.indicator} จึงใช้ตัวชี้วัดที่ ${draft.indicator}`,
          `${shown} is under indicator ${draft.indicator} on row ${draft.row} of this file, but this row says indicator ${stated.indicator}; indicator ${draft.indicator} is used`,
          input.code,
        );
      }
    } else {
      const mapped = stated ?? mappedIndicator(this.edition, this.otherEditions, input.code);
      if (!mapped) {
        const where =
          input.layout === 'long'
            ? {
                th: 'ให้เพิ่มคอลัมน์ ตัวชี้วัด (เช่น 1 หรือ ตัวชี้วัดที่ 1)',
                en: 'add an indicator column (ตัวชี้วัด, e.g. 1 or ตัวชี้วัดที่ 1)',
              }
            : {
                th: 'ให้เพิ่มแถว ตัวชี้วัด ใต้หัวตาราง (ช่องแรกเขียนว่า ตัวชี้วัด ใต้รหัสแต่ละข้อเขียนตัวชี้วัดของข้อนั้น)',
                en: 'add an indicator row under the header (ตัวชี้วัด in the first cell, each question’s indicator under its code)',
              };
        this.error(
          input.row,
          input.column,
          `ข้อ ${shown}: กรอบการประเมินปี ${y} ไม่มีรายการข้อคำถามของแบบวัด ${instrument} จึงต้องระบุว่าข้อนี้อยู่ในตัวชี้วัดใด ${where.th}`,
          `question ${shown}: the ${y} edition has no ${instrument} question list, so the file must say which indicator it belongs to; ${where.en}`,
          input.code,
        );
        return false;
      }
      indicator = mapped.indicator;
      sub = mapped.sub;
    }

    let text: string | null = null;
    if (input.wording) text = this.wordingOf(input.wording, input.code);
    if (text !== null) {
      const current = known?.text_th ?? draft?.text_th ?? null;
      if (current !== null && compactText(current) !== compactText(text)) {
        const catalogue = known !== undefined && known.text_th !== null && !hasSuppliedWording(known);
        const earlier = draft !== undefined && draft.text_th !== null && !known?.text_th;
        const source = catalogue
          ? { th: 'ในกรอบการประเมิน', en: 'in the catalogue' }
          : earlier
            ? { th: `ในแถว ${draft!.row} ของไฟล์นี้`, en: `on row ${draft!.row} of this file` }
            : { th: 'ที่หน่วยงานนำเข้าไว้ก่อน', en: 'an agency supplied before' };
        this.warnOnce(
          `wording:${input.code}:${compactText(text)}`,
          input.wording!.row,
          input.wording!.column,
          `ข้อความของข้อ ${shown} ในไฟล์ต่างจากข้อความ${source.th} จึงใช้ข้อความเดิม: เดิม "${current}" · ในไฟล์ "${text}"`,
          `the wording of ${shown} in the file differs from the wording ${source.en}, which stays in use: kept "${current}" · file "${text}"`,
          input.code,
        );
        if (input.org !== null && !earlier) {
          if (catalogue && !draft) {
            // Kept for the admins' listing: an agency's report words it otherwise than the catalogue.
            this.drafts.set(input.code, {
              code: input.code,
              instrument,
              indicator,
              subIndicator: sub,
              text_th: text,
              organizationCode: input.org,
              row: input.wording!.row,
              isNew: false,
              catalogueDiffers: true,
            });
          } else if (
            !catalogue &&
            known &&
            hasSuppliedWording(known) &&
            !this.said.has(`conflict:${input.code}:${compactText(text)}`)
          ) {
            this.said.add(`conflict:${input.code}:${compactText(text)}`);
            this.conflicts.push({
              code: input.code,
              text_th: text,
              indicator: null,
              organizationCode: input.org,
              row: input.wording!.row,
            });
          }
        }
        text = null;
      } else if (current !== null) {
        text = null; // the same wording: nothing new
      }
    }

    if (input.org === null) return true;
    if (draft) {
      if (text !== null && draft.text_th === null) draft.text_th = text;
      return true;
    }
    if (!known || (text !== null && known.text_th === null)) {
      this.drafts.set(input.code, {
        code: input.code,
        instrument,
        indicator,
        subIndicator: sub,
        text_th: text,
        organizationCode: input.org,
        row: input.wording?.row ?? input.row,
        isNew: !known,
        catalogueDiffers: false,
      });
    }
    return true;
  }

  /** The wording of a cell, cleaned; null (with a warning when it is not Thai or too long) when unusable. */
  private wordingOf(cell: WordingCell, code: string): string | null {
    const text = cleanText(cell.text)
      .replace(/^["“”'‘’]+|["“”'‘’]+$/g, '')
      .trim();
    if (text === '' || compactText(text) === code || compactText(text) === compactText(displayCodeOf(code))) {
      return null;
    }
    const shown = displayCodeOf(code);
    if (!/[\u0E01-\u0E4E]/.test(text)) {
      this.warnOnce(
        `not-thai:${code}:${text}`,
        cell.row,
        cell.column,
        `ข้อความของข้อ ${shown} ("${text}") ไม่ใช่ภาษาไทย จึงไม่ได้เก็บไว้`,
        `the wording of ${shown} ("${text}") is not Thai and was not kept`,
        code,
      );
      return null;
    }
    if (text.length > MAX_WORDING) {
      this.warnOnce(
        `too-long:${code}`,
        cell.row,
        cell.column,
        `ข้อความของข้อ ${shown} ยาว ${text.length} ตัวอักษร เกิน ${MAX_WORDING} ตัวอักษร จึงไม่ได้เก็บไว้`,
        `the wording of ${shown} is ${text.length} characters long, more than ${MAX_WORDING}, and was not kept`,
        code,
      );
      return null;
    }
    return text;
  }

  /** Reads the edition cell of a row (e.g. 2566, "ITA 2566", "กรอบปี ๒๕๖๖"). */
  editionCell(cells: CellValue[], col: Column | undefined, row: number) {
    if (!col) return;
    this.editionColumn = col.label;
    const text = cellText(cells[col.index]);
    if (text === '') return;
    const m = /(\d{4})/.exec(toArabicDigits(text));
    const year = m ? Number(m[1]) : Number.NaN;
    if (!(year >= 2500 && year <= 2700)) {
      this.error(
        row,
        col.label,
        `"${text}" ไม่ใช่ปีของกรอบการประเมิน (พ.ศ. 4 หลัก)`,
        `"${text}" is not an edition year (4-digit BE)`,
      );
      return;
    }
    const list = this.editionYears.get(year) ?? [];
    list.push(row);
    this.editionYears.set(year, list);
  }

  /** One edition per file: the edition column names one year, the chosen one; no code of another edition. */
  checkEditions() {
    const y = this.edition.fiscal_year;
    if (this.editionYears.size > 1) {
      const parts = (lang: 'th' | 'en') =>
        [...this.editionYears].map(([year, rows]) => `${year} (${rowList(rows, lang)})`).join(', ');
      this.error(
        [...this.editionYears.values()][1]![0]!,
        this.editionColumn,
        `ไฟล์นี้ปนกรอบการประเมินหลายปี: ${parts('th')} ให้แยกไฟล์ละหนึ่งกรอบการประเมิน`,
        `mixed editions in one file: ${parts('en')}; import one edition per file`,
      );
    } else {
      for (const [year, rows] of this.editionYears) {
        if (year === y) continue;
        this.error(
          rows[0]!,
          this.editionColumn,
          `ไฟล์ระบุกรอบการประเมินปี ${year} (${rowList(rows)}) แต่กำลังนำเข้าตามกรอบการประเมินปี ${y}`,
          `the file states the ${year} edition (${rowList(rows, 'en')}) but is imported under the ${y} edition`,
        );
      }
    }
    if (this.unknownCodes.size === 0 || this.otherEditions.length === 0) return;
    const elsewhere: { raw: string; rows: number[]; years: number[] }[] = [];
    for (const { raw, rows } of this.unknownCodes.values()) {
      // Only a code another edition lists counts: an edition that accepts any IIT/EIT code by pattern
      // (no question list) says nothing about where a code belongs.
      const years = this.otherEditions
        .filter((e) => {
          const r = resolveCode(raw, e);
          return r.ok && !('pattern' in r && r.pattern);
        })
        .map((e) => e.fiscal_year);
      if (years.length > 0) elsewhere.push({ raw, rows, years: [...new Set(years)].sort() });
    }
    if (elsewhere.length === 0) return;
    const years = [...new Set(elsewhere.flatMap((c) => c.years))].sort();
    const codes = elsewhere.map((c) => c.raw);
    const shownCodes = codes.length > 10 ? `${codes.slice(0, 10).join(', ')} …` : codes.join(', ');
    const rows = elsewhere.flatMap((c) => c.rows);
    this.error(
      Math.min(...rows),
      '',
      `ไฟล์นี้ปนกรอบการประเมินหลายปี: รหัส ${shownCodes} (${rowList(rows)}) ไม่มีในกรอบการประเมินปี ${y} แต่มีในกรอบปี ${years.join(', ')} ผลการประเมินหนึ่งไฟล์ต้องเป็นไปตามกรอบการประเมินเดียว ให้ตรวจสอบกรอบการประเมินที่เลือก หรือแยกไฟล์`,
      `mixed editions in one file: ${shownCodes} (${rowList(rows, 'en')}) do not exist in the ${y} edition but do in ${years.join(', ')}; a result file follows one edition: check the edition chosen, or split the file`,
    );
  }

  error(row: number, column: string, message_th: string, message_en: string, code?: string): ImportIssue {
    const issue = { row, column, ...(code === undefined ? {} : { code }), message_th, message_en };
    this.errorList.add(issue);
    return issue;
  }

  warning(row: number, column: string, message_th: string, message_en: string, code?: string) {
    this.warningList.add({ row, column, ...(code === undefined ? {} : { code }), message_th, message_en });
  }

  org(code: string): OrgAccumulator {
    let org = this.orgs.get(code);
    if (!org) {
      org = { code, rows: new Set(), entries: new Map(), metas: new Map(), statedLevel: null };
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

  add(org: OrgAccumulator, entry: ScoreEntry, meta: Meta, key = scoreKey(entry)) {
    // Only the cells a warning may name are kept beside the score (a national file has ~900k scores).
    org.entries.set(key, entry);
    if (entry.scope === 'indicator' || entry.scope === 'total') org.metas.set(key, meta);
    org.rows.add(meta.row);
  }

  result(format: ImportFormat | null): InterpretResult {
    this.checkEditions();
    this.checkConsistency();
    return {
      format,
      organizations: [...this.orgs.values()].map((o) => ({
        code: o.code,
        rowNumbers: [...o.rows].sort((a, b) => a - b),
        scores: [...o.entries.values()],
        statedLevel: o.statedLevel,
      })),
      errors: this.errorList.listed,
      warnings: this.warningList.listed,
      omittedErrors: this.errorList.omittedKinds(),
      omittedWarnings: this.warningList.omittedKinds(),
      supplied: [...this.drafts.values()],
      conflicts: this.conflicts,
    };
  }

  /** Warnings: indicator vs. the mean of its questions (IIT/EIT), total vs. weighted instruments. */
  checkConsistency() {
    // Questions the file supplies count as the edition's for this check.
    const edition = withSuppliedQuestions(
      this.edition,
      [...this.drafts.values()].filter((d) => d.isNew).map((d) => ({ ...d, sub_indicator: d.subIndicator })),
    );
    for (const org of this.orgs.values()) {
      const get = (key: string) => {
        const entry = org.entries.get(key);
        return entry ? { entry, meta: org.metas.get(key)! } : undefined;
      };
      const score = (scope: ScoreEntry['scope'], code: string) =>
        org.entries.get(scoreKey({ scope, code }))?.score ?? null;
      for (const indicator of edition.indicators) {
        if (indicator.instrument === 'OIT') continue;
        const found = get(scoreKey({ scope: 'indicator', code: String(indicator.number) }));
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
      const total = get(scoreKey({ scope: 'total', code: TOTAL_CODE }));
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

/** The code of a cell or header, with the wording written after it ("i1 บุคลากรในหน่วยงาน…"). */
type CodeRead = { resolved: ResolveCodeResult; codeText: string; wording: string | null };

const CODE_THEN_TEXT =
  /^((?:ข้อคำถามที่|ข้อคำถาม|ข้อที่|ข้อ)?\s*[ieoIEO]\s*[-_.]?\s*[0-9๐-๙]+|[0-9๐-๙]{2,4})\s*[.:)\]–—-]?\s*(\S.*)$/;

/** "i1 บุคลากร…" → { code: 'i1', text: 'บุคลากร…' }; null when the rest has no Thai letter. */
export function splitCodeAndText(raw: string): { code: string; text: string } | null {
  const m = CODE_THEN_TEXT.exec(cleanText(raw));
  if (!m || !/[\u0E01-\u0E2E]/.test(m[2]!) || /^[0-9๐-๙.]/.test(m[2]!)) return null;
  return { code: m[1]!, text: m[2]! };
}

/**
 * Reads a code cell: the whole text as a code, else a question code followed by its wording; the
 * problem of the whole text (or of its code part, for suggestions) otherwise.
 */
export function readCode(raw: string, edition: Edition): CodeRead {
  const whole = resolveCode(raw, edition);
  if (whole.ok) return { resolved: whole, codeText: raw, wording: null };
  const split = splitCodeAndText(raw);
  if (split) {
    const part = resolveCode(split.code, edition);
    if (part.ok && part.scope === 'question')
      return { resolved: part, codeText: split.code, wording: split.text };
    if (!part.ok) return { resolved: part, codeText: split.code, wording: null };
  }
  return { resolved: whole, codeText: raw, wording: null };
}

/** The instrument a resolved code belongs to (null for the total). */
function instrumentOfResolved(
  edition: Edition,
  scope: ScoreEntry['scope'],
  code: string,
): InstrumentCode | null {
  switch (scope) {
    case 'question':
      return instrumentOfCode(code);
    case 'instrument':
      return code as InstrumentCode;
    case 'indicator':
      return edition.indicators.find((i) => String(i.number) === code)?.instrument ?? null;
    case 'sub_indicator': {
      const sub = edition.sub_indicators.find((s) => s.code === code);
      return edition.indicators.find((i) => i.number === sub?.indicator)?.instrument ?? null;
    }
    default:
      return null;
  }
}

/** The instrument of the nearest recognised column left of `index`, else right of it. */
function neighbourInstrument(edition: Edition, columns: CodeColumn[], index: number): InstrumentCode | null {
  const sorted = [...columns].sort(
    (a, b) => Math.abs(a.index - index) - Math.abs(b.index - index) || a.index - b.index,
  );
  for (const col of sorted) {
    const instrument = instrumentOfResolved(edition, col.scope, col.code);
    if (instrument) return instrument;
  }
  return null;
}

/**
 * The indicator of a question the edition does not list, from its question mapping: the earlier
 * edition's question with the mapped code gives it (when that indicator is on the same instrument here).
 */
export function mappedIndicator(
  edition: Edition,
  otherEditions: readonly Edition[],
  code: string,
): { indicator: number; sub: string | null } | null {
  const mappings = [...edition.question_mappings].sort((a, b) => b.from_fiscal_year - a.from_fiscal_year);
  for (const mapping of mappings) {
    const pair = mapping.pairs.find((p) => p.code === code);
    if (!pair?.from_code) continue;
    const from = otherEditions.find((e) => e.fiscal_year === mapping.from_fiscal_year);
    const earlier = from?.questions.find((q) => q.code === pair.from_code);
    if (!earlier) continue;
    const indicator = edition.indicators.find((i) => i.number === earlier.indicator);
    if (!indicator || indicator.instrument !== instrumentOfCode(code)) continue;
    const sub = edition.sub_indicators.find(
      (s) => s.code === earlier.sub_indicator && s.indicator === earlier.indicator,
    );
    return { indicator: earlier.indicator, sub: sub?.code ?? null };
  }
  return null;
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
  const wordingCol = fields.get('wording');
  const indicatorCol = fields.get('indicator');
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
  // What a damaged code meant is suggested from the instrument of the row above (else below).
  let lastInstrument: InstrumentCode | null = null;
  const damaged: { issue: ImportIssue; raw: string; near: InstrumentCode | null }[] = [];
  // An indicator cell left blank under a filled one (a report's merged cells, unmerged) carries it down.
  let carried: { text: string; row: number; org: string | null } | null = null;

  for (const { cells, row } of rows) {
    ctx.fiscalYear(cells, fields.get('fiscal_year'), row);
    ctx.editionCell(cells, fields.get('edition'), row);
    const indicatorText = indicatorCol ? cellText(cells[indicatorCol.index]) : '';
    let rawCode = cellText(cells[codeCol.index]);
    const valueCols = ['score', 'passed', 'reason', 'recommendation', 'level'] as const;
    const hasValues = valueCols.some((f) => fields.has(f) && cellText(cells[fields.get(f)!.index]) !== '');
    // A report's indicator row: the indicator in its own column, the code cell empty.
    if (rawCode === '' && indicatorText !== '' && hasValues) rawCode = indicatorText;
    if (rawCode === '') {
      if (hasValues) ctx.error(row, codeCol.label, 'ไม่ได้ระบุรหัส (code) ของแถวนี้', 'this row has no code');
      continue;
    }
    const read = readCode(rawCode, ctx.edition);
    const resolved = read.resolved;
    if (!resolved.ok) {
      const refused = ctx.error(row, codeCol.label, resolved.message_th, resolved.message_en, rawCode);
      damaged.push({ issue: refused, raw: read.codeText, near: lastInstrument });
      ctx.unknownCode(read.codeText, row);
    } else {
      const instrument = instrumentOfResolved(ctx.edition, resolved.scope, resolved.code);
      if (instrument) {
        lastInstrument = instrument;
        for (let i = damaged.length - 1; i >= 0 && damaged[i]!.near === null; i--)
          damaged[i]!.near = instrument;
      }
    }
    const code = resolved.ok ? resolved.code : rawCode;
    const orgCode = orgCol || ctx.callerOrg !== null ? ctx.rowOrg(cells, orgCol, row, fileOrgs) : null;
    if (indicatorText !== '') carried = { text: indicatorText, row, org: orgCode };
    else if (carried && carried.org !== orgCode) carried = null;

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
    if (resolved.scope === 'question') {
      const wordingText = wordingCol ? cellText(cells[wordingCol.index]) : '';
      const kept = ctx.question({
        code: resolved.code,
        pattern: resolved.pattern,
        row,
        column: codeCol.label,
        org: orgCode,
        layout: 'long',
        indicator:
          indicatorCol && carried
            ? {
                text: carried.text,
                column: indicatorCol.label,
                row: carried.row,
                carried: carried.row !== row,
              }
            : null,
        wording:
          wordingText !== ''
            ? { text: wordingText, column: wordingCol!.label, row }
            : read.wording !== null
              ? { text: read.wording, column: codeCol.label, row }
              : null,
      });
      if (!kept) continue;
    }
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
  for (const { issue, raw, near } of damaged) {
    const problem = withSuggestion(
      { ok: false, message_th: issue.message_th, message_en: issue.message_en },
      raw,
      ctx.edition,
      ctx.suggestContext(near),
    );
    issue.message_th = problem.message_th;
    issue.message_en = problem.message_en;
  }
  ctx.checkYears();
}

type LabelKind = 'wording' | 'indicator';

/**
 * A row under the wide header that describes the columns instead of giving an organisation's scores:
 * named in the organisation cell (ข้อคำถาม / wording → the questions' wording, ตัวชี้วัด /
 * indicator → their indicators), or a second header row copied from a report (organisation cell
 * empty, Thai text under the questions, no score).
 */
function labelRowKind(
  ctx: Context,
  { cells }: DataRow,
  orgCol: Column | undefined,
  columns: CodeColumn[],
): LabelKind | null {
  const label = orgCol ? cellText(cells[orgCol.index]) : '';
  if (label !== '') {
    const field = matchField(label);
    if (field === 'wording' || (typeof field === 'object' && field?.ambiguous === 'wording'))
      return 'wording';
    if (field === 'indicator' || (typeof field === 'object' && field?.ambiguous === 'indicator')) {
      return 'indicator';
    }
    return null;
  }
  const values = columns
    .map((c) => ({ col: c, text: cellText(cells[c.index]) }))
    .filter((v) => v.text !== '');
  if (values.length === 0) return null;
  for (const { text } of values) {
    if (parseScore(text).ok) return null;
    const passed = parsePassed(text);
    if (passed.ok && passed.passed !== null) return null;
  }
  const allIndicators = values.every((v) => {
    const r = resolveCode(v.text, ctx.edition);
    return r.ok && (r.scope === 'indicator' || r.scope === 'sub_indicator');
  });
  if (allIndicators) return 'indicator';
  return values.some((v) => v.col.scope === 'question' && /[\u0E01-\u0E2E]/.test(v.text)) ? 'wording' : null;
}

function readWide(
  ctx: Context,
  fields: Map<Field, Column>,
  codeColumns: CodeColumn[],
  headerRow: number,
  allRows: DataRow[],
) {
  const orgCol = fields.get('organization_code');
  const levelCol = fields.get('level');
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
  const labels: Partial<Record<LabelKind, DataRow>> = {};
  let skip = 0;
  while (skip < allRows.length) {
    const kind = labelRowKind(ctx, allRows[skip]!, orgCol, columns);
    if (!kind || labels[kind]) break;
    labels[kind] = allRows[skip]!;
    skip++;
  }
  const rows = allRows.slice(skip);
  if (!orgCol && ctx.callerOrg === null) missingOrgColumn(ctx, headerRow);
  if (!orgCol && ctx.callerOrg !== null && rows.length > 1) {
    ctx.error(
      rows[1]!.row,
      '',
      'ไม่มีคอลัมน์ organization_code (รหัสหน่วยงาน) แต่มีมากกว่าหนึ่งแถว (แบบตารางกว้างคือหนึ่งแถวต่อหนึ่งหน่วยงาน)',
      'there is no organization_code column but more than one row (the wide format has one row per organisation)',
    );
  }
  const fileOrgs = orgsInFile(rows, orgCol);
  const orgRow = new Map<string, number>();
  let firstOrg: string | null = null;
  const keys = columns.map((col) => scoreKey(col));

  for (const { cells, row } of rows) {
    ctx.fiscalYear(cells, fields.get('fiscal_year'), row);
    ctx.editionCell(cells, fields.get('edition'), row);
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
      firstOrg ??= orgCode;
    }
    // Scores go straight to their organisation (a national file has ~900k: no list per row first),
    // under each column's key made once.
    const org = orgCode === null ? null : ctx.org(orgCode);
    for (let c = 0; c < columns.length; c++) {
      const col = columns[c]!;
      const value = cells[col.index] ?? null;
      if (cellText(value) === '') continue; // empty = not given; "not assessed" is written as - or N/A
      const score = parseScore(value);
      if (score.ok) {
        if (org) ctx.add(org, blankEntry(col, score.score, null), { row, column: col.label }, keys[c]);
        continue;
      }
      // OIT items are often marked มี / ไม่มี, ✓ / ✗ instead of a score.
      const passed = typeof value === 'string' ? parsePassed(value) : null;
      if (passed?.ok && passed.passed !== null) {
        if (org) ctx.add(org, blankEntry(col, null, passed.passed), { row, column: col.label }, keys[c]);
        continue;
      }
      ctx.error(row, col.label, score.message_th, score.message_en, col.code);
    }
    if (org === null) continue;
    org.rows.add(row);
    const level = levelCol ? cellText(cells[levelCol.index]) : '';
    if (level !== '') org.statedLevel = level;
  }
  // Per question column: its indicator (needed when the edition has no list) and its wording.
  const cellOf = (kind: LabelKind, col: CodeColumn) => {
    const r = labels[kind];
    const text = r ? cellText(r.cells[col.index]) : '';
    return r && text !== '' ? { text, row: r.row, column: col.label } : null;
  };
  for (const col of columns) {
    if (col.scope !== 'question') continue;
    const indicator = cellOf('indicator', col);
    const wording =
      cellOf('wording', col) ??
      (col.wording ? { text: col.wording, row: headerRow, column: col.label } : null);
    ctx.question({
      code: col.code,
      pattern: col.pattern,
      row: headerRow,
      column: col.label,
      org: firstOrg,
      layout: 'wide',
      indicator: indicator ? { ...indicator, carried: false } : null,
      wording,
    });
  }
  ctx.checkYears();
}

function blankEntry(col: CodeColumn, score: number | null, passed: boolean | null): ScoreEntry {
  return { scope: col.scope, code: col.code, score, passed, reason: null, recommendation: null };
}
