import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { th } from './th.ts';

type Entries = Map<string, string>;

/** Every string of a translation tree by its dotted key (`followup.states.pending`). */
function entriesOf(tree: unknown, prefix = '', out: Entries = new Map()): Entries {
  if (typeof tree === 'string') {
    out.set(prefix, tree);
  } else if (tree !== null && typeof tree === 'object') {
    for (const [key, value] of Object.entries(tree)) entriesOf(value, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.set(prefix, String(tree));
  }
  return out;
}

const THAI = /[\u0E00-\u0E7F]/u;

/**
 * English strings that must hold Thai: the Thai name of the app and of the language in the switch, the
 * Thai headings of an official document the English user fills in (the document itself is Thai), and
 * examples of what is typed (Thai digits, a Thai document number).
 */
const THAI_ALLOWED_IN_ENGLISH = new Set([
  'app.documentTitle',
  'language.switch',
  'documents.options.digitsThai',
  'documents.options.documentNumberHelp',
  'documents.text.fields.department',
  'documents.text.fields.subject',
  'documents.text.fields.to',
  'documents.text.fields.background',
  'documents.text.fields.facts',
  'documents.text.fields.considerations',
  'documents.text.fields.proposal',
  'documents.text.fields.attachments',
  'documents.text.fields.letterTo',
  'documents.text.fields.reference',
  'documents.settings.department',
  'documents.settings.phone',
  'documents.settings.email',
  'documents.settings.numberPrefix',
  'documents.settings.to',
  'entry.scoreHelp',
  'suppliedQuestions.importHelp',
  'plans.workflow.memoNumberHelp',
  'digits.notANumber',
  'digits.notAWholeNumber',
]);

const variablesOf = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('the UI strings in Thai and English', () => {
  const thai = entriesOf(th);
  const english = entriesOf(en);

  it('have the same keys in both languages', () => {
    expect([...thai.keys()].filter((k) => !english.has(k))).toEqual([]);
    expect([...english.keys()].filter((k) => !thai.has(k))).toEqual([]);
  });

  it('leave no English string empty', () => {
    expect([...english].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
  });

  it('write English without Thai, but for the few strings that must show Thai', () => {
    const withThai = [...english].filter(([k, v]) => THAI.test(v) && !THAI_ALLOWED_IN_ENGLISH.has(k));
    expect(withThai.map(([k, v]) => `${k}: ${v}`)).toEqual([]);
  });

  it('keeps the allow-list to strings that exist and do hold Thai', () => {
    const stale = [...THAI_ALLOWED_IN_ENGLISH].filter((k) => !THAI.test(english.get(k) ?? ''));
    expect(stale).toEqual([]);
  });

  it('fill the same {{variables}} in both languages', () => {
    const differ = [...thai]
      .filter(([k, v]) => english.has(k) && variablesOf(v).join() !== variablesOf(english.get(k)!).join())
      .map(([k]) => k);
    expect(differ).toEqual([]);
  });

  it('show no debug prefix such as "English draft:"', () => {
    const debug = [...english, ...thai].filter(([, v]) => /english draft|\bTODO\b|\bFIXME\b|lorem/i.test(v));
    expect(debug.map(([k]) => k)).toEqual([]);
  });
});
