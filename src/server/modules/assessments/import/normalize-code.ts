import { type ScoreScope, TOTAL_CODE } from '#shared/assessments/scores.ts';
import type { Edition, InstrumentCode } from '#shared/catalogue/edition.schema.ts';
import { openInstruments } from '#shared/catalogue/supplied-questions.ts';
import { cleanText, compactText } from './clean-text.ts';

export type ResolvedCode = {
  ok: true;
  scope: ScoreScope;
  code: string;
  /**
   * Set for a question the edition does not list, accepted by its instrument's pattern because the
   * edition has no question list for that instrument (2568/2569 IIT and EIT): its indicator must come
   * from elsewhere (the file's indicator column, or the edition's question mapping).
   */
  pattern?: InstrumentCode;
};
export type CodeProblem = { ok: false; message_th: string; message_en: string };
export type ResolveCodeResult = ResolvedCode | CodeProblem;

/** Words for the total score, compared without spaces and case. */
const TOTAL_WORDS = new Set([
  'ita',
  'total',
  'overall',
  'totalscore',
  'itascore',
  'รวม',
  'คะแนนรวม',
  'ผลรวม',
  'ภาพรวม',
  'คะแนนภาพรวม',
  'คะแนนita',
  'คะแนนรวมita',
]);

const INSTRUMENT = /^(?:แบบวัด)?(iit|eit|oit)$/;
const QUESTION_PREFIX = '(?:ข้อคำถามที่|ข้อคำถาม|ข้อที่|ข้อ|question|item)?';
/** A question or OIT item: i7, E11, o14, 'ข้อ i7', 'O-14'; number without leading zeros. */
const QUESTION = new RegExp(`^${QUESTION_PREFIX}([ieo])[-_.]?0*([1-9][0-9]*)$`);
/** The letter O printed or typed as a zero (๐๑๔ → 014 once digits are Arabic): an OIT item. */
const ZERO_AS_O = new RegExp(`^${QUESTION_PREFIX}0+([1-9][0-9]*)$`);
/** "ข้อ 7" without an instrument letter: the number alone says nothing. */
const BARE_ITEM = /^(?:ข้อคำถามที่|ข้อคำถาม|ข้อที่|ข้อ|question|item)([0-9]+)$/;
const SEPARATORS = '[.:)\\]\\-–—]*';
const SUB_PREFIX = '(?:ตัวชี้วัดย่อยที่|ตัวชี้วัดย่อย|ตัวชี้วัดที่|ตัวชี้วัด|sub-?indicator|indicator|ind\\.?)?';
/** '9.1', 'ตัวชี้วัดย่อยที่ 9.1', '9.1 ข้อมูลพื้นฐาน'. */
const SUB_INDICATOR = new RegExp(`^${SUB_PREFIX}\\(?([0-9]+)\\.([0-9]+)${SEPARATORS}(.*)$`);
/** '6', 'ตัวชี้วัดที่ 6', 'indicator 6', 'ตัวชี้วัดที่ 4 การใช้ทรัพย์สินของราชการ'. */
const INDICATOR = new RegExp(`^(?:ตัวชี้วัดที่|ตัวชี้วัด|indicator|ind\\.?)?\\(?([0-9]+)${SEPARATORS}(.*)$`);
const NAME_PREFIX = /^(?:ตัวชี้วัดย่อยที่|ตัวชี้วัดย่อย|ตัวชี้วัดที่|ตัวชี้วัด|indicator|sub-?indicator)/;

/** Highest question number accepted by pattern (IIT has had 30 questions, EIT 15). */
export const MAX_PATTERN_NUMBER = 99;

type Target = { scope: ScoreScope; code: string };
type EditionIndex = {
  year: number;
  questions: Set<string>;
  questionInstruments: Set<string>;
  /** Instruments without a catalogue question list: their codes are accepted by pattern. */
  open: Set<string>;
  indicators: Map<number, Set<string>>;
  subIndicators: Map<string, Set<string>>;
  instruments: Set<string>;
  names: Map<string, Target[]>;
};

const indexes = new WeakMap<Edition, EditionIndex>();

function indexOf(edition: Edition): EditionIndex {
  const cached = indexes.get(edition);
  if (cached) return cached;
  const names = new Map<string, Target[]>();
  const addName = (name: string, target: Target) => {
    const key = compactText(name);
    const list = names.get(key) ?? [];
    if (!list.some((t) => t.scope === target.scope && t.code === target.code)) list.push(target);
    names.set(key, list);
  };
  const indicators = new Map<number, Set<string>>();
  for (const ind of edition.indicators) {
    const own = [ind.name_th, ...(ind.name_th_variants ?? [])];
    indicators.set(ind.number, new Set(own.map(compactText)));
    for (const name of own) addName(name, { scope: 'indicator', code: String(ind.number) });
  }
  const subIndicators = new Map<string, Set<string>>();
  for (const sub of edition.sub_indicators) {
    const own = [sub.name_th, ...(sub.name_th_alternatives ?? [])];
    subIndicators.set(sub.code, new Set(own.map(compactText)));
    for (const name of own) addName(name, { scope: 'sub_indicator', code: sub.code });
  }
  for (const instrument of edition.instruments) {
    for (const name of [instrument.name_th, ...(instrument.name_th_variants ?? [])]) {
      addName(name, { scope: 'instrument', code: instrument.code });
    }
  }
  const index: EditionIndex = {
    year: edition.fiscal_year,
    questions: new Set(edition.questions.map((q) => q.code)),
    questionInstruments: new Set(edition.questions.map((q) => q.instrument)),
    open: openInstruments(edition),
    indicators,
    subIndicators,
    instruments: new Set(edition.instruments.map((i) => i.code)),
    names,
  };
  indexes.set(edition, index);
  return index;
}

const problem = (message_th: string, message_en: string): CodeProblem => ({
  ok: false,
  message_th,
  message_en,
});

/**
 * Reads a score code as secretariats type it and returns its scope and canonical code
 * ('ITA', 'IIT', '6', '9.1', 'i7', 'o14'), or a Thai and English message naming the code and the
 * edition year. Decisions on ambiguous spellings (see docs/import-formats.md):
 * - a bare whole number is an indicator ('6' → indicator 6), never a question;
 * - a number with one dot is a sub-indicator ('9.1');
 * - a leading zero (Arabic 0 or Thai ๐) followed by digits is the letter O typed as a zero: an OIT
 *   item ('๐๑๔', '014' → o14);
 * - 'ข้อ 7' without an instrument letter is refused as ambiguous;
 * - a question of an instrument the edition has no question list for (2568/2569 IIT and EIT) is
 *   accepted by its pattern (i1…i99, e1…e99) and marked `pattern`;
 * - names are compared without spaces or zero-width characters against the edition's names and
 *   variants; a name shared by two slots is refused as ambiguous.
 */
export function resolveCode(raw: string, edition: Edition): ResolveCodeResult {
  const shown = cleanText(raw);
  if (shown === '') return problem('ไม่ได้ระบุรหัส', 'the code is empty');
  const index = indexOf(edition);
  const c = compactText(raw);
  const year = index.year;

  if (TOTAL_WORDS.has(c)) return { ok: true, scope: 'total', code: TOTAL_CODE };

  const instrument = INSTRUMENT.exec(c);
  if (instrument) {
    const code = instrument[1]!.toUpperCase();
    if (index.instruments.has(code)) return { ok: true, scope: 'instrument', code };
    return problem(
      `ไม่มีแบบวัด ${code} ในกรอบการประเมินปี ${year}`,
      `instrument ${code} does not exist in the ${year} edition`,
    );
  }

  const question = QUESTION.exec(c);
  const zero = question ? null : ZERO_AS_O.exec(c);
  if (question || zero) {
    const letter = question ? question[1]! : 'o';
    const code = `${letter}${question ? question[2]! : zero![1]!}`;
    if (index.questions.has(code)) return { ok: true, scope: 'question', code };
    const instrumentCode = `${letter.toUpperCase()}IT` as InstrumentCode;
    const display = letter === 'o' ? code.toUpperCase() : code;
    if (index.open.has(instrumentCode) && Number(code.slice(1)) <= MAX_PATTERN_NUMBER) {
      return { ok: true, scope: 'question', code, pattern: instrumentCode };
    }
    const none = !index.questionInstruments.has(instrumentCode);
    return problem(
      `ไม่มีข้อคำถาม ${display} ในกรอบการประเมินปี ${year}${none ? ` (ปีนี้ไม่มีข้อคำถามของแบบวัด ${instrumentCode})` : ''}`,
      `question ${display} does not exist in the ${year} edition${none ? ` (it has no ${instrumentCode} questions)` : ''}`,
    );
  }

  const bare = BARE_ITEM.exec(c);
  if (bare) {
    const n = bare[1]!;
    return problem(
      `รหัส "${shown}" ไม่ระบุแบบวัด ให้เขียนเป็น i${n}, e${n} หรือ O${n}`,
      `code "${shown}" does not say which instrument: write i${n}, e${n} or O${n}`,
    );
  }

  const sub = SUB_INDICATOR.exec(c);
  if (sub) {
    const code = `${Number(sub[1])}.${Number(sub[2])}`;
    const names = index.subIndicators.get(code);
    if (!names) {
      return problem(
        `ไม่มีตัวชี้วัดย่อยที่ ${code} ในกรอบการประเมินปี ${year}`,
        `sub-indicator ${code} does not exist in the ${year} edition`,
      );
    }
    const rest = unwrap(sub[3]!);
    if (rest !== '' && !names.has(rest)) return nameMismatch(shown, 'sub_indicator', code, rest, index);
    return { ok: true, scope: 'sub_indicator', code };
  }

  const indicator = INDICATOR.exec(c);
  if (indicator) {
    const number = Number(indicator[1]);
    const names = index.indicators.get(number);
    if (!names) {
      return problem(
        `ไม่มีตัวชี้วัดที่ ${number} ในกรอบการประเมินปี ${year}`,
        `indicator ${number} does not exist in the ${year} edition`,
      );
    }
    const rest = unwrap(indicator[2]!);
    if (rest !== '' && !names.has(rest)) return nameMismatch(shown, 'indicator', String(number), rest, index);
    return { ok: true, scope: 'indicator', code: String(number) };
  }

  const stripped = c.replace(NAME_PREFIX, '');
  const targets = index.names.get(c) ?? index.names.get(stripped);
  if (targets && targets.length === 1) return { ok: true, scope: targets[0]!.scope, code: targets[0]!.code };
  if (targets && targets.length > 1) {
    const list = targets.map((t) => t.code).join(', ');
    return problem(
      `ชื่อ "${shown}" ตรงกับหลายรายการในกรอบการประเมินปี ${year} (${list}) ให้ใช้รหัสแทน`,
      `name "${shown}" matches several entries of the ${year} edition (${list}); use the code instead`,
    );
  }
  return problem(
    `ไม่รู้จักรหัส "${shown}" ในกรอบการประเมินปี ${year}`,
    `unrecognised code "${shown}" for the ${year} edition`,
  );
}

/** A name after the number, without the brackets around it: '(การใช้อำนาจ)' → 'การใช้อำนาจ'. */
function unwrap(rest: string): string {
  return rest.replace(/^[([]/, '').replace(/[)\]]$/, '');
}

function nameMismatch(
  shown: string,
  scope: 'indicator' | 'sub_indicator',
  code: string,
  rest: string,
  index: EditionIndex,
): CodeProblem {
  const other = index.names.get(rest)?.map((t) => t.code);
  const what =
    scope === 'indicator' ? { th: 'ตัวชี้วัดที่', en: 'indicator' } : { th: 'ตัวชี้วัดย่อยที่', en: 'sub-indicator' };
  if (other && other.length > 0) {
    return problem(
      `"${shown}": ชื่อไม่ตรงกับ${what.th} ${code} แต่เป็นชื่อของ ${other.join(', ')} ในกรอบการประเมินปี ${index.year}`,
      `"${shown}": ${what.en} ${code} does not match the name, which is the name of ${other.join(', ')} in the ${index.year} edition`,
    );
  }
  return problem(
    `"${shown}": ชื่อไม่ตรงกับชื่อของ${what.th} ${code} ในกรอบการประเมินปี ${index.year}`,
    `"${shown}": the name does not match ${what.en} ${code} of the ${index.year} edition`,
  );
}
