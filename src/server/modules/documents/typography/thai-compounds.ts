/**
 * Thai line breaking that never splits a compound. Engines break Thai lines where their dictionary
 * sees a word boundary (ICU's in Chromium and LibreOffice, Word's own), and they split compounds a
 * Thai typist keeps whole: ผู้บังคับ|บัญชา, เผย|แพร่, หน่วย|งาน. The compounds of government writing are
 * data (catalogue/typography/thai-compounds.txt); in a text, every compound that starts and ends at a
 * base word boundary (ICU's word segmentation, the same dictionary as Chromium's) gets U+2060 WORD
 * JOINER at the base boundaries inside it, which forbids a line break there (UAX #14, LB11) and
 * nowhere else. Joiners go only at word boundaries, never between a consonant and its marks and not
 * between every character: ICU hands each run between joiners to its dictionary separately, so
 * fragments that are not words would lose the break opportunities around the compound.
 * Decision 012 (docs/decisions/012-thai-line-breaking.md).
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { applyDigits, isLiteral, runText } from '../digits.ts';
import type { Digits, Run } from '../model.ts';

export const WORD_JOINER = '\u2060';

/** The compounds file bundled with the project. */
export const bundledCompoundsFile = fileURLToPath(
  new URL('../../../../../catalogue/typography/thai-compounds.txt', import.meta.url),
);

export type CompoundsError = { line: number; text: string; message_en: string; message_th: string };

/** A compound is never broken: a longer one may not fit a narrow table column. */
export const MAX_COMPOUND_LENGTH = 20;

const THAI_WORD = /^[\u0E01-\u0E3A\u0E40-\u0E4E]+$/;
/** Marks that sit on a base consonant (above, below, tone marks, thanthakhat): never a word's start. */
const COMBINING = /[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/;
const graphemes = new Intl.Segmenter('th', { granularity: 'grapheme' });
const words = new Intl.Segmenter('th', { granularity: 'word' });

/**
 * The compounds of a compounds file: one per line, `#` starts a comment line, blank lines are
 * ignored. Each entry is Thai letters and marks only (no spaces, digits or punctuation), starts with
 * a base character, has at least two characters as a reader sees them, and appears once.
 */
export function parseCompounds(text: string): { compounds: string[]; errors: CompoundsError[] } {
  const compounds: string[] = [];
  const errors: CompoundsError[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const entry = raw.trim();
    if (entry === '' || entry.startsWith('#')) return;
    const fail = (message_en: string, message_th: string) =>
      errors.push({ line, text: entry, message_en, message_th });
    if (!THAI_WORD.test(entry)) {
      fail(
        'only Thai letters and marks, one word per line (no spaces, digits or punctuation)',
        'ใช้ได้เฉพาะอักษรและเครื่องหมายภาษาไทย บรรทัดละหนึ่งคำ (ไม่มีช่องว่าง ตัวเลข หรือเครื่องหมายวรรคตอน)',
      );
      return;
    }
    if (COMBINING.test(entry[0]!)) {
      fail('starts with a vowel or tone mark', 'ขึ้นต้นด้วยสระหรือวรรณยุกต์ที่ต้องอยู่บนพยัญชนะ');
      return;
    }
    if (entry.length > MAX_COMPOUND_LENGTH) {
      fail(
        `longer than ${MAX_COMPOUND_LENGTH} characters: a compound is never broken, so it must fit a narrow column; list its parts`,
        `ยาวเกิน ${MAX_COMPOUND_LENGTH} อักขระ: คำประสมจะไม่ถูกตัดเลย จึงต้องพอดีกับคอลัมน์แคบ ให้ใส่คำย่อยแทน`,
      );
      return;
    }
    if ([...graphemes.segment(entry)].length < 2) {
      fail('a single character is not a compound', 'อักษรตัวเดียวไม่ใช่คำประสม');
      return;
    }
    const first = seen.get(entry);
    if (first !== undefined) {
      fail(`repeats line ${first}`, `ซ้ำกับบรรทัดที่ ${first}`);
      return;
    }
    seen.set(entry, line);
    compounds.push(entry);
  });
  return { compounds, errors };
}

type TrieNode = { next: Map<number, TrieNode>; end: boolean };

/** A compiled dictionary: a character trie of the compounds, built once. */
export type CompoundDictionary = { root: TrieNode; size: number };

export function compileCompounds(compounds: readonly string[]): CompoundDictionary {
  const root: TrieNode = { next: new Map(), end: false };
  for (const word of compounds) {
    let node = root;
    for (let i = 0; i < word.length; i++) {
      const code = word.charCodeAt(i);
      let child = node.next.get(code);
      if (!child) {
        child = { next: new Map(), end: false };
        node.next.set(code, child);
      }
      node = child;
    }
    node.end = true;
  }
  return { root, size: compounds.length };
}

let bundled: CompoundDictionary | undefined;

/** The bundled compounds, read and compiled on first use; a broken file is a programming error. */
export function bundledCompounds(): CompoundDictionary {
  if (!bundled) {
    const { compounds, errors } = parseCompounds(fs.readFileSync(bundledCompoundsFile, 'utf8'));
    if (errors.length > 0) {
      const e = errors[0]!;
      throw new Error(`${bundledCompoundsFile}:${e.line} "${e.text}": ${e.message_en}`);
    }
    bundled = compileCompounds(compounds);
  }
  return bundled;
}

const HAS_THAI = /[\u0E01-\u0E4E]/;

/**
 * Grammatical words that ICU's dictionary reads as the end of a longer word after some compounds
 * (ช่อง|ทางการ|ประชาสัมพันธ์ for ช่องทาง|การ|ประชาสัมพันธ์). A compound may end inside a base word when
 * the rest of that word is one of these: the compound is then kept whole together with it.
 */
const ABSORBED = ['การ', 'ความ', 'ที่', 'ของ', 'และ', 'ให้', 'ได้', 'ใน', 'กับ', 'ต่อ', 'ตาม'];

function absorbedAfter(text: string, at: number, boundary: Uint8Array): boolean {
  return ABSORBED.some((w) => boundary[at + w.length] === 1 && text.startsWith(w, at));
}

/** A run of Thai letters and marks: ICU's dictionary works on such runs, so they are segmented alone. */
const THAI_RUN = /[\u0E01-\u0E3A\u0E40-\u0E4E]+/g;
const NONE: readonly number[] = [];

/**
 * The join positions inside one Thai run. The compounds that occur in it are found first with the trie
 * alone (every start, every end); ICU segments the run only when there is one, and a compound counts
 * where it starts at a base boundary and is the longest there that ends at one.
 */
function runJoins(run: string, dict: CompoundDictionary): readonly number[] {
  const starts: number[] = [];
  const ends: number[][] = [];
  for (let start = 0; start < run.length; start++) {
    let node: TrieNode | undefined = dict.root;
    let found: number[] | undefined;
    for (let i = start; i < run.length; i++) {
      node = node.next.get(run.charCodeAt(i));
      if (!node) break;
      if (node.end) {
        found ??= [];
        found.push(i + 1);
      }
    }
    if (found) {
      starts.push(start);
      ends.push(found);
    }
  }
  if (starts.length === 0) return NONE;
  const boundary = new Uint8Array(run.length + 1);
  for (const s of words.segment(run)) boundary[s.index] = 1;
  boundary[run.length] = 1;
  const join = new Uint8Array(run.length + 1);
  let any = false;
  starts.forEach((start, n) => {
    if (boundary[start] !== 1) return;
    const found = ends[n]!;
    let end = -1;
    for (let e = found.length - 1; e >= 0 && end === -1; e--) {
      const at = found[e]!;
      if (boundary[at] === 1 || absorbedAfter(run, at, boundary)) end = at;
    }
    for (let k = start + 1; k < end; k++) {
      if (boundary[k] === 1 && !COMBINING.test(run[k]!)) {
        join[k] = 1;
        any = true;
      }
    }
  });
  if (!any) return NONE;
  const positions: number[] = [];
  for (let k = 1; k < run.length; k++) if (join[k] === 1) positions.push(k);
  return positions;
}

/**
 * Join positions of the Thai runs already seen, per dictionary: documents repeat their phrases (unit
 * names, headers, recurring wording), and ICU's segmentation is most of the protector's cost. Bounded:
 * emptied when it reaches CACHE_LIMIT runs.
 */
const CACHE_LIMIT = 20_000;
const caches = new WeakMap<CompoundDictionary, Map<string, readonly number[]>>();

/** Empties the cache of segmented runs (for the benchmark's first-render figures). */
export function clearThaiCompoundCache(): void {
  const dict = bundled;
  if (dict) caches.delete(dict);
}

function cachedRunJoins(run: string, dict: CompoundDictionary): readonly number[] {
  let cache = caches.get(dict);
  if (!cache) {
    cache = new Map();
    caches.set(dict, cache);
  }
  let joins = cache.get(run);
  if (!joins) {
    joins = runJoins(run, dict);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(run, joins);
  }
  return joins;
}

/** The positions inside the text where a compound must not break (sorted, without duplicates). */
export function joinPositions(text: string, dict: CompoundDictionary = bundledCompounds()): number[] {
  if (!HAS_THAI.test(text)) return [];
  const positions: number[] = [];
  for (const m of text.matchAll(THAI_RUN)) {
    if (m[0].length < 2) continue;
    for (const k of cachedRunJoins(m[0], dict)) positions.push(m.index + k);
  }
  return positions;
}

let enabled = true;

/**
 * Turns the protector off or on for the whole process. For the benchmark only (documents with and
 * without it in one run); documents are always made with it.
 */
export function setThaiCompoundProtection(on: boolean): void {
  enabled = on;
}

/**
 * The text with U+2060 WORD JOINER between the parts of every protected compound, so that no
 * line ends inside it; text without Thai comes back unchanged (the same string).
 */
export function protectThaiCompounds(text: string, dict?: CompoundDictionary): string {
  if (!enabled) return text;
  const positions = joinPositions(text, dict);
  if (positions.length === 0) return text;
  let out = '';
  let from = 0;
  for (const at of positions) {
    out += text.slice(from, at) + WORD_JOINER;
    from = at;
  }
  return out + text.slice(from);
}

/** The text without word joiners (for reading a document's text back). */
export const stripWordJoiners = (text: string): string => text.replaceAll(WORD_JOINER, '');

/**
 * A run's text as a renderer emits it: digits as the options say and, unless the run is literal or a
 * link (URLs, codes that must match another system), its compounds protected. The one place both
 * renderers (DOCX runs, HTML text nodes) take a run's text from.
 */
export function runDisplayText(run: Run, digits: Digits, compounds = true): string {
  const text = runText(run, digits);
  return isLiteral(run) || !compounds ? text : protectThaiCompounds(text);
}

/** Plain text that is not a run (a header, a label, a caption): digits converted, compounds protected. */
export function plainDisplayText(text: string, digits: Digits, compounds = true): string {
  const converted = applyDigits(text, digits);
  return compounds ? protectThaiCompounds(converted) : converted;
}
