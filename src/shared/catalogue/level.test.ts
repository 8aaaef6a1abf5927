import { describe, expect, it } from 'vitest';
import { minimalEdition, toYaml } from './edition.fixture.ts';
import type { Edition } from './edition.schema.ts';
import { evaluateLevel } from './level.ts';
import { parseEdition } from './parse-edition.ts';
import { readCatalogue } from './read-catalogue.testutil.ts';

const catalogue = readCatalogue();
const byYear = (year: number): Edition => {
  const edition = catalogue.find((e) => e.fiscal_year === year);
  if (!edition) throw new Error(`no edition ${year}`);
  return edition;
};

describe('evaluateLevel, bands (2564)', () => {
  const edition = byYear(2564);
  it.each([
    [100, 'AA'],
    [95, 'AA'],
    [94.99, 'A'],
    [85, 'A'],
    [84.99, 'B'],
    [60, 'D'],
    [50, 'E'],
    [49.99, 'F'],
    [0, 'F'],
  ])('total %d gives %s', (total, level) => {
    expect(evaluateLevel(edition, { total })).toBe(level);
  });

  it('ignores instrument scores', () => {
    expect(evaluateLevel(edition, { total: 96, byInstrument: { IIT: 10, EIT: 10, OIT: 10 } })).toBe('AA');
  });
});

describe('evaluateLevel, words (2566)', () => {
  const edition = byYear(2566);
  const all = (score: number) => ({ IIT: score, EIT: score, OIT: score });

  it('gives ผ่านดีเยี่ยม when the total and every instrument reach 95', () => {
    expect(evaluateLevel(edition, { total: 96, byInstrument: all(96) })).toBe('excellent');
  });

  it('gives ผ่านดี when the total is 95+ but one instrument is below 95', () => {
    expect(evaluateLevel(edition, { total: 96.52, byInstrument: { IIT: 98, EIT: 91, OIT: 99 } })).toBe(
      'good',
    );
  });

  it('gives ผ่าน when the total is 85+ but one instrument is below 85', () => {
    expect(evaluateLevel(edition, { total: 94.64, byInstrument: { IIT: 97, EIT: 84.5, OIT: 99 } })).toBe(
      'pass',
    );
  });

  it.each([
    [84.99, 'needs-improvement'],
    [70, 'needs-improvement'],
    [69.99, 'urgent-improvement'],
    [0, 'urgent-improvement'],
  ])('total %d gives %s whatever the instruments', (total, level) => {
    expect(evaluateLevel(edition, { total })).toBe(level);
  });

  it('returns null when a needed instrument score is missing', () => {
    expect(evaluateLevel(edition, { total: 96, byInstrument: { IIT: 96, OIT: 96 } })).toBeNull();
  });

  it('returns null for a total that is not a number', () => {
    expect(evaluateLevel(edition, { total: Number.NaN })).toBeNull();
  });

  it('gives the level names the sources use', () => {
    expect(edition.levels.levels.map((l) => l.name_th)).toEqual([
      'ผ่านดีเยี่ยม',
      'ผ่านดี',
      'ผ่าน',
      'ต้องปรับปรุง',
      'ต้องปรับปรุงโดยด่วน',
    ]);
  });
});

describe('evaluateLevel, edge cases', () => {
  it('returns null when no level applies (no level starts at 0)', () => {
    const input = minimalEdition();
    const parsed = parseEdition(toYaml(input));
    if (!parsed.ok) throw new Error('fixture must be valid');
    const levels = { ...parsed.edition.levels, levels: parsed.edition.levels.levels.slice(0, 2) };
    expect(evaluateLevel({ ...parsed.edition, levels }, { total: 50 })).toBeNull();
  });
});
