import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueDir, readCatalogue } from '../catalogue/read-catalogue.testutil.ts';
import { planMeasureSchema } from './contract.ts';
import {
  checkLibraryAgainstEditions,
  type LibraryFile,
  libraryToPlanMeasure,
  parseLibrary,
  rankMeasures,
  suggestMeasures,
} from './library.ts';

const libraryText = fs.readFileSync(path.join(catalogueDir, 'measures-library.yaml'), 'utf8');
/** `catalogue/ita-*.yaml`, each through `parseEdition` (the library shares the folder but is no edition). */
const editions = readCatalogue();

function loadLibrary(): LibraryFile {
  const result = parseLibrary(libraryText);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.library;
}

const library = loadLibrary();
const ids = (list: { id: string }[]) => list.map((m) => m.id);

describe('measures library file', () => {
  it('parses with the strict schema', () => {
    expect(parseLibrary(libraryText)).toMatchObject({ ok: true });
    expect(library.measures.length).toBeGreaterThanOrEqual(25);
    expect(library.measures.length).toBeLessThanOrEqual(40);
  });

  it('has unique kebab-case ids', () => {
    expect(new Set(ids(library.measures)).size).toBe(library.measures.length);
  });

  it('gives codes for the editions 2564-2567 (IIT, EIT, OIT) and OIT codes for 2568-2569', () => {
    const years = new Set(library.measures.flatMap((m) => Object.keys(m.codes)));
    expect([...years].sort()).toEqual(['2564', '2565', '2566', '2567', '2568', '2569']);
    for (const year of ['2564', '2565', '2566', '2567']) {
      const codes = library.measures.flatMap((m) => m.codes[year] ?? []);
      for (const letter of ['i', 'e', 'o']) expect(codes.some((c) => c.startsWith(letter))).toBe(true);
    }
  });

  it('names only questions that exist in the edition of each year, with their indicators declared', () => {
    expect(editions.map((e) => e.fiscal_year)).toEqual([2564, 2565, 2566, 2567, 2568, 2569]);
    const check = checkLibraryAgainstEditions(library.measures, editions);
    expect(check.errors).toEqual([]);
    // The only questions without any known wording are the EIT items of 2564/2565 (see the file notes).
    expect(
      check.unworded.filter((u) => !(/^e\d+$/.test(u.code) && ['2564', '2565'].includes(u.year))),
    ).toEqual([]);
  });

  it('gives 2567 the 2566 numbering', () => {
    for (const m of library.measures) expect(m.codes['2567'], m.id).toEqual(m.codes['2566']);
  });

  it('rejects a duplicate id, an unknown source and an unknown field', () => {
    const dup = libraryText.replace('id: no-gift-culture', 'id: no-gift-policy-declaration');
    expect(parseLibrary(dup)).toMatchObject({ ok: false });
    const badSource = libraryText.replace('source: [common-practice]', 'source: [nowhere]');
    expect(parseLibrary(badSource)).toMatchObject({ ok: false });
    const extra = libraryText.replace(
      '    confidence: medium\n',
      '    confidence: medium\n    colour: red\n',
    );
    expect(parseLibrary(extra)).toMatchObject({ ok: false });
    expect(parseLibrary('measures: [')).toMatchObject({ ok: false });
  });

  it('reports a code missing from its edition', () => {
    const [first] = library.measures;
    const bad = { ...first!, codes: { '2566': ['o99'], '2570': ['o1'] } };
    expect(checkLibraryAgainstEditions([bad], editions).errors).toEqual([
      `${first!.id}: o99 is not a question of edition 2566`,
      `${first!.id}: no catalogue edition 2570`,
    ]);
  });
});

describe('suggestMeasures', () => {
  it('puts the asset-borrowing rules first for a weak borrowing question, in either numbering', () => {
    expect(suggestMeasures(library, { fiscalYear: 2566, codes: ['i20'], indicators: [] })[0]?.id).toBe(
      'asset-borrowing-rules',
    );
    expect(suggestMeasures(library, { fiscalYear: 2564, codes: ['i20'], indicators: [] })[0]?.id).toBe(
      'asset-borrowing-rules',
    );
    expect(
      suggestMeasures(library, { fiscalYear: 2567, codes: ['I20', 'i21'], indicators: [4] })[0]?.id,
    ).toBe('asset-borrowing-rules');
  });

  it('reads a code in its own edition: i19 is taking property in 2564 but knowing the rules in 2566', () => {
    expect(suggestMeasures(library, { fiscalYear: 2564, codes: ['i19'], indicators: [] })[0]?.id).toBe(
      'asset-use-oversight',
    );
    expect(suggestMeasures(library, { fiscalYear: 2566, codes: ['i19'], indicators: [] })[0]?.id).toBe(
      'asset-borrowing-rules',
    );
  });

  it('ranks by weak codes answered, then indicators, and leaves out measures that answer nothing', () => {
    const ranked = rankMeasures(library, { fiscalYear: 2566, codes: ['o31', 'o32', 'i5'], indicators: [] });
    expect(ranked.slice(0, 2).map((s) => [s.measure.id, s.matchedCodes])).toEqual([
      ['no-gift-policy-declaration', ['i5', 'o31']],
      ['no-gift-culture', ['i5', 'o32']],
    ]);
    for (let i = 1; i < ranked.length; i++) {
      expect(ranked[i - 1]!.matchedCodes.length).toBeGreaterThanOrEqual(ranked[i]!.matchedCodes.length);
    }
    expect(ranked.every((s) => s.matchedCodes.length > 0)).toBe(true);
    expect(suggestMeasures(library, { fiscalYear: 2566, codes: [], indicators: [] })).toEqual([]);
  });

  it('uses OIT codes of the later editions and indicators when the edition has no codes', () => {
    expect(suggestMeasures(library, { fiscalYear: 2568, codes: ['o22'], indicators: [] })[0]?.id).toBe(
      'no-gift-report',
    );
    const byIndicator = suggestMeasures(library, { fiscalYear: 2570, codes: ['4'], indicators: [] });
    expect(ids(byIndicator).sort()).toEqual([
      'asset-borrowing-rules',
      'asset-use-oversight',
      'conflict-of-interest',
    ]);
    expect(
      suggestMeasures(library.measures, { fiscalYear: 2566, codes: [], indicators: [4], limit: 1 }),
    ).toHaveLength(1);
  });
});

describe('libraryToPlanMeasure', () => {
  it('copies a library measure into an editable plan measure', () => {
    const entry = library.measures.find((m) => m.id === 'asset-borrowing-rules')!;
    let n = 0;
    const newId = () => `id-${++n}`;
    const measure = libraryToPlanMeasure(entry, newId, { fiscalYear: 2566 });
    expect(measure).toMatchObject({
      id: 'id-1',
      kind: 'measure',
      title: entry.title_th,
      pointIds: [],
      responsible: { unitIds: [], external: [] },
      timeframe: null,
      monitoring: entry.monitoring_th,
      codes: ['i19', 'i20', 'i21', 'i22'],
      libraryId: 'asset-borrowing-rules',
    });
    expect(measure.steps.map((s) => s.text)).toEqual(entry.steps_th);
    expect(new Set([measure.id, ...measure.steps.map((s) => s.id)]).size).toBe(entry.steps_th.length + 1);
    expect(measure.steps.every((s) => s.responsible === null && s.timeframe === null)).toBe(true);
    // A valid plan measure as it stands: parsing changes nothing.
    expect(planMeasureSchema.parse(measure)).toEqual(measure);
    expect(libraryToPlanMeasure(entry, newId).codes).toEqual([]);
  });

  it('makes a valid plan measure of every entry', () => {
    let n = 0;
    for (const entry of library.measures) {
      const measure = libraryToPlanMeasure(entry, () => `x${++n}`, { fiscalYear: 2566 });
      expect(planMeasureSchema.parse(measure)).toEqual(measure);
    }
  });
});
