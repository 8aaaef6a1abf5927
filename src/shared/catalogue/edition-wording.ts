import type { Edition, InstrumentCode } from './edition.schema.ts';

/**
 * The fields of an edition that hold wording an agency sees (names, question texts, headings as found,
 * alternatives, components, required parts). `agency_th` of an example result and the evidence examples
 * name one agency's documents by design and are not wording.
 */
const WORDING_KEYS = new Set([
  'title_th',
  'name_th',
  'name_th_variants',
  'name_th_alternatives',
  'text_th',
  'text_th_as_found',
  'group_th',
  'form_note_th',
  'components_th',
  'parts',
  'options_th',
]);

/**
 * กระทรวง or จังหวัด followed by a name (…ของกระทรวงคมนาคม, จังหวัดตาก), not by a space or a word that
 * keeps the phrase generic (…ของกระทรวง และ…, กรณีจังหวัด จะต้อง…, จังหวัดต่าง ๆ).
 */
const NAMED_AGENCY = /(กระทรวง|จังหวัด)(?!$|[\s,.;:()/-]|และ|หรือ|ที่|ต่าง|ของ|ใน|ซึ่ง|นั้น|นี้)/u;

/** Whether a text names one ministry or province ("…ของกระทรวงคมนาคม ประจำปี…"). */
export function namesOneAgency(text: string): boolean {
  return NAMED_AGENCY.test(text);
}

export type WordingFinding = { path: string; text: string };

/**
 * Every piece of wording in an edition that names one ministry or province: an agency's own heading
 * that would reach every agency's screens and documents as if it were the item's name.
 */
export function agencySpecificWording(edition: Edition): WordingFinding[] {
  const found: WordingFinding[] = [];
  const walk = (value: unknown, path: string, key: string | null) => {
    if (typeof value === 'string') {
      if (key !== null && WORDING_KEYS.has(key) && namesOneAgency(value)) found.push({ path, text: value });
    } else if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) walk(item, `${path}[${i}]`, key);
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k, k);
    }
  };
  walk(edition, '', null);
  return found;
}

const INSTRUMENT_ORDER: InstrumentCode[] = ['IIT', 'EIT', 'OIT'];
const minor = (subIndicator: string) => Number(subIndicator.split('.')[1]);

/**
 * Where the questions of an edition depart from its natural order: instruments IIT, EIT, OIT; within
 * one, numbers ascending, indicators and sub-indicators never going back; and within an indicator
 * either every question has a sub-indicator or none has (otherwise a listing by sub-indicator puts
 * 9.1 and O1 after O20). One message per problem, naming the questions.
 */
export function questionOrderProblems(edition: Edition): string[] {
  const problems: string[] = [];
  edition.questions.forEach((q, i) => {
    const previous = edition.questions[i - 1];
    if (!previous) return;
    const where = `${q.display_code} after ${previous.display_code}`;
    const instrumentStep =
      INSTRUMENT_ORDER.indexOf(q.instrument) - INSTRUMENT_ORDER.indexOf(previous.instrument);
    if (instrumentStep < 0) problems.push(`${where}: ${q.instrument} comes before ${previous.instrument}`);
    if (instrumentStep !== 0) return;
    if (Number(q.code.slice(1)) <= Number(previous.code.slice(1)))
      problems.push(`${where}: number goes back`);
    if (q.indicator < previous.indicator)
      problems.push(`${where}: indicator ${q.indicator} after ${previous.indicator}`);
    if (
      q.indicator === previous.indicator &&
      q.sub_indicator !== undefined &&
      previous.sub_indicator !== undefined &&
      minor(q.sub_indicator) < minor(previous.sub_indicator)
    ) {
      problems.push(`${where}: sub-indicator ${q.sub_indicator} after ${previous.sub_indicator}`);
    }
  });
  for (const indicator of edition.indicators) {
    const questions = edition.questions.filter((q) => q.indicator === indicator.number);
    const without = questions.filter((q) => q.sub_indicator === undefined);
    if (without.length > 0 && without.length < questions.length) {
      problems.push(
        `indicator ${indicator.number}: ${without.map((q) => q.display_code).join(', ')} have no sub-indicator while the others have one`,
      );
    }
  }
  return problems;
}
