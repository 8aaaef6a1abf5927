import type { FrameworkIssue } from '#shared/catalogue/contract.ts';
import { checkEditionRules } from '#shared/catalogue/edition.rules.ts';
import { type Edition, editionSchema } from '#shared/catalogue/edition.schema.ts';
import type { EditionError } from '#shared/catalogue/edition-error.ts';
import { checkGroupingRefs } from '#shared/catalogue/grouping-refs.ts';
import { checkLevelRanges } from '#shared/catalogue/level.rules.ts';
import { checkQuestionMappings } from '#shared/catalogue/question-mappings.ts';
import { zodIssuesToEditionErrors } from '#shared/catalogue/zod-errors.ts';
import { FRAMEWORK_LIMITS, type RawSheet, readFrameworkWorkbook } from './read-workbook.ts';
import { SHEETS } from './sheets.ts';
import { cellKey, type SheetsToEditionResult, sheetsToEdition } from './to-edition.ts';

export type ParseFrameworkOptions = {
  /** The catalogue's current editions: grouping refs and mappings are checked against them. */
  knownEditions: readonly Edition[];
};

export type ParseFrameworkResult = {
  /** The edition, when the workbook has no error. */
  edition: Edition | null;
  /** Every error, each naming its sheet, row, column and field in its messages. */
  errors: FrameworkIssue[];
  warnings: FrameworkIssue[];
};

/** Reads, converts and validates a framework workbook: the same checks as a YAML edition, and more. */
export async function parseFrameworkFile(
  bytes: Uint8Array,
  fileName: string,
  options: ParseFrameworkOptions,
): Promise<ParseFrameworkResult> {
  const read = await readFrameworkWorkbook(bytes, fileName);
  if (!read.ok) return { edition: null, errors: read.errors.map(describe), warnings: [] };
  return parseFrameworkSheets(read.sheets, options);
}

/** The validation of sheets already read (pure). */
export function parseFrameworkSheets(
  sheets: readonly RawSheet[],
  { knownEditions }: ParseFrameworkOptions,
): ParseFrameworkResult {
  const read = sheetsToEdition(sheets);
  const errors = [...read.errors];
  const warnings = [...read.warnings];
  let edition: Edition | null = null;
  const parsed = editionSchema.safeParse(read.input, { reportInput: true });
  if (!parsed.success) {
    errors.push(...place(read, zodIssuesToEditionErrors(parsed.error.issues)));
  } else {
    const found = parsed.data;
    const decimals = found.scoring?.decimals ?? 2;
    const ruleErrors = [
      ...checkEditionRules(found),
      ...checkGroupingRefs(found, knownEditions),
      ...checkQuestionMappings(found, knownEditions),
      ...checkLevelRanges(read.levelRanges, decimals),
    ];
    errors.push(...place(read, ruleErrors));
    found.question_mappings.forEach((mapping, m) => {
      if (!knownEditions.some((e) => e.fiscal_year === mapping.from_fiscal_year)) {
        warnings.push(
          ...place(read, [
            {
              path: `question_mappings[${m}].from_fiscal_year`,
              message_th: `ยังไม่มีกรอบการประเมินปี ${mapping.from_fiscal_year} ในระบบ จึงตรวจรหัสข้อของปีนั้นไม่ได้`,
              message_en: `the catalogue has no ${mapping.from_fiscal_year} edition, so its codes cannot be checked`,
            },
          ]),
        );
      }
    });
    if (errors.length === 0) edition = found;
  }
  return {
    edition: errors.length === 0 ? edition : null,
    errors: errors.map(describe),
    warnings: warnings.map(describe),
  };
}

function segments(path: string): (string | number)[] {
  return [...path.matchAll(/\[(\d+)\]|[^.[\]]+/g)].map((m) => (m[1] === undefined ? m[0] : Number(m[1])));
}

function join(parts: readonly (string | number)[]): string {
  let out = '';
  for (const p of parts) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out;
}

/** Edition errors (by path) as workbook issues (by sheet, row, column, field), repeats of a cell dropped. */
function place(read: SheetsToEditionResult, errors: readonly EditionError[]): FrameworkIssue[] {
  const out: FrameworkIssue[] = [];
  for (const error of errors) {
    const parts = segments(error.path);
    let issue: FrameworkIssue = {
      sheet: null,
      row: null,
      column: null,
      field: null,
      message_th: error.message_th,
      message_en: error.message_en,
    };
    for (let n = parts.length; n >= 0; n--) {
      const location = read.locations.get(join(parts.slice(0, n)));
      if (!location) continue;
      const rest = parts.slice(n);
      const name = rest.find((p): p is string => typeof p === 'string');
      const column =
        (name !== undefined ? location.columns[name] : undefined) ?? location.columns[''] ?? null;
      const field =
        (column !== null ? read.headers.get(location.sheet)?.get(column) : undefined) ??
        location.field ??
        name ??
        null;
      issue = { ...issue, sheet: location.sheet, row: location.row, column, field };
      if (/^Too small: expected array/.test(error.message_en) && location.row === null && rest.length === 0) {
        const n = /(\d+)/.exec(error.message_en)?.[1] ?? '1';
        issue = {
          ...issue,
          column: null,
          field: null,
          message_th: `แผ่นงานนี้ต้องมีข้อมูลอย่างน้อย ${n} แถว`,
          message_en: `this sheet needs at least ${n} row${n === '1' ? '' : 's'}`,
        };
      } else if (/received undefined$/.test(error.message_en)) {
        issue = { ...issue, message_th: 'ต้องกรอก (ช่องนี้ว่างอยู่)', message_en: 'required (the cell is empty)' };
      }
      break;
    }
    if (issue.sheet !== null && read.reportedCells.has(cellKey(issue.sheet, issue.row, issue.column)))
      continue;
    out.push(issue);
  }
  return out;
}

/** The place of an issue written into its messages, so that a message read alone still says where. */
export function describe(issue: FrameworkIssue): FrameworkIssue {
  if (issue.sheet === null) return issue;
  const header =
    issue.field === null
      ? null
      : (SHEETS.find((s) => s.name === issue.sheet)?.columns.find((c) => c.key === issue.field)?.th ??
        issue.field);
  const th = [`แผ่นงาน "${issue.sheet}"`];
  const en = [`sheet "${issue.sheet}"`];
  if (issue.row !== null) {
    th.push(`แถว ${issue.row}`);
    en.push(`row ${issue.row}`);
  }
  if (issue.column !== null) {
    th.push(`คอลัมน์ ${issue.column}`);
    en.push(`column ${issue.column}`);
  }
  if (issue.field !== null) {
    th.push(`(${header})`);
    en.push(`(${issue.field})`);
  }
  return {
    ...issue,
    message_th: `${th.join(' ')}: ${issue.message_th}`,
    message_en: `${en.join(', ').replace(', (', ' (')}: ${issue.message_en}`,
  };
}

/** The first errors, and how many more there were. */
export function boundIssues(issues: readonly FrameworkIssue[]): { listed: FrameworkIssue[]; more: number } {
  const max = FRAMEWORK_LIMITS.listedErrors;
  return { listed: issues.slice(0, max), more: Math.max(0, issues.length - max) };
}
