import { readNumber } from '#shared/format/numbers.ts';
import { toArabicDigits } from '#shared/format/thai.ts';
import { cleanText } from './clean-text.ts';

export type ValueProblem = { ok: false; message_th: string; message_en: string };
export type ParseScoreResult = { ok: true; score: number | null } | ValueProblem;
export type ParsePassedResult = { ok: true; passed: boolean | null } | ValueProblem;

/** Spellings of an explicit blank: the score was not assessed. Compared lower-case without spaces. */
const NOT_ASSESSED = new Set([
  '',
  '-',
  '–',
  '—',
  'n/a',
  'na',
  '#n/a',
  'ไม่ได้ประเมิน',
  'ไม่ประเมิน',
  'ไม่มีการประเมิน',
]);

/** Arabic digits with an optional decimal part, nothing else. */
const PLAIN_NUMBER = /^\d+(\.\d+)?$/;

const problem = (message_th: string, message_en: string): ValueProblem => ({
  ok: false,
  message_th,
  message_en,
});

const outOfRange = (shown: string): ValueProblem =>
  problem(`คะแนน ${shown} อยู่นอกช่วง 0–100`, `score ${shown} is outside 0–100`);

/**
 * A score as typed or as read from a spreadsheet cell.
 * - numbers (XLSX cells) are taken as they are;
 * - text: Thai or Arabic digits, an optional '%' after the number, '.' as the decimal point; a comma is
 *   the decimal point only when it is the only separator and 1–2 digits follow it ('96,52' → 96.52);
 *   with 3 digits after it it is a thousands separator ('1,000' → 1000, out of range);
 * - blank, '-', 'N/A', 'ไม่ได้ประเมิน' → null (explicitly not assessed);
 * - anything outside 0–100 or not a number is an error.
 */
export function parseScore(raw: unknown): ParseScoreResult {
  if (raw === null || raw === undefined) return { ok: true, score: null };
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return problem('คะแนนไม่ใช่ตัวเลข', 'the score is not a number');
    if (raw < 0 || raw > 100) return outOfRange(String(raw));
    return { ok: true, score: raw };
  }
  if (typeof raw !== 'string') {
    return problem('คะแนนต้องเป็นตัวเลข', `the score must be a number, not ${describe(raw)}`);
  }
  // The usual cell, "87.45": what the steps below would give, without them (a national file has ~900k).
  if (PLAIN_NUMBER.test(raw)) {
    const value = Number(raw);
    if (value <= 100) return { ok: true, score: value === 0 ? 0 : value };
  }
  const shown = cleanText(raw);
  const key = shown.toLowerCase().replace(/\s+/g, '');
  if (NOT_ASSESSED.has(key)) return { ok: true, score: null };
  // The shared reader (Thai digits, decimal comma, thousands) that every number input of the UI uses too.
  const reading = readNumber(shown.replace(/\s*%$/, ''));
  if (!reading.ok) return notANumber(shown);
  if (reading.value < 0 || reading.value > 100) return outOfRange(shown);
  return { ok: true, score: reading.value };
}

function notANumber(shown: string): ValueProblem {
  return problem(`"${shown}" ไม่ใช่คะแนน (ต้องเป็นตัวเลข 0–100)`, `"${shown}" is not a score (a number 0–100)`);
}

function describe(raw: unknown): string {
  if (raw instanceof Date) return 'a date';
  if (typeof raw === 'boolean') return 'TRUE/FALSE';
  return typeof raw;
}

const PASSED = new Set([
  'ผ่าน',
  'ผ่านเกณฑ์',
  'มี',
  '✓',
  '✔',
  '✔️',
  '☑',
  '✅',
  'yes',
  'y',
  'true',
  '1',
  'pass',
  'passed',
  'ใช่',
]);
const FAILED = new Set([
  'ไม่ผ่าน',
  'ไม่ผ่านเกณฑ์',
  'ไม่มี',
  '✗',
  '✘',
  '❌',
  'no',
  'n',
  'false',
  '0',
  'fail',
  'failed',
  'ไม่ใช่',
]);
const PASSED_BLANK = new Set(['', '-', '–', '—']);

/**
 * Passed / failed as typed: ผ่าน, มี, ✓, yes, true, 1, pass, passed → true; ไม่ผ่าน, ไม่มี, ✗, no, false,
 * 0, fail → false; blank or '-' → null (not stated). 'x' is refused: some people tick with an x.
 */
export function parsePassed(raw: unknown): ParsePassedResult {
  if (raw === null || raw === undefined) return { ok: true, passed: null };
  if (typeof raw === 'boolean') return { ok: true, passed: raw };
  if (typeof raw === 'number') {
    if (raw === 1) return { ok: true, passed: true };
    if (raw === 0) return { ok: true, passed: false };
    return passedProblem(String(raw));
  }
  if (typeof raw !== 'string') return passedProblem(describe(raw));
  const shown = cleanText(raw);
  const key = toArabicDigits(shown).toLowerCase().replace(/\s+/g, '');
  if (PASSED_BLANK.has(key)) return { ok: true, passed: null };
  if (PASSED.has(key)) return { ok: true, passed: true };
  if (FAILED.has(key)) return { ok: true, passed: false };
  return passedProblem(shown);
}

function passedProblem(shown: string): ValueProblem {
  return problem(
    `"${shown}" ไม่ใช่ผลการประเมิน (ใช้ ผ่าน/ไม่ผ่าน หรือ มี/ไม่มี)`,
    `"${shown}" is not a pass/fail value (use pass/fail, yes/no or ผ่าน/ไม่ผ่าน)`,
  );
}
