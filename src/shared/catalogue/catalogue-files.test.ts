import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Edition } from './edition.schema.ts';
import { resolveGroupings } from './grouping-refs.ts';
import { parseEdition } from './parse-edition.ts';
import { catalogueDir, catalogueFiles, readCatalogue } from './read-catalogue.testutil.ts';

const editions = readCatalogue();
const byYear = (year: number): Edition => editions.find((e) => e.fiscal_year === year)!;
const count = (edition: Edition, instrument: string) =>
  edition.questions.filter((q) => q.instrument === instrument).length;

describe('shipped catalogue', () => {
  it('has one file per fiscal year 2564-2569, named after its year', () => {
    expect(catalogueFiles()).toEqual([2564, 2565, 2566, 2567, 2568, 2569].map((y) => `ita-${y}.yaml`));
    expect(editions.map((e) => e.fiscal_year)).toEqual([2564, 2565, 2566, 2567, 2568, 2569]);
  });

  it.each(catalogueFiles())('%s passes schema and rules, refs resolved against the others', (name) => {
    const text = fs.readFileSync(path.join(catalogueDir, name), 'utf8');
    const result = parseEdition(text, { knownEditions: editions });
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('keeps the question counts of the research', () => {
    const counts = editions.map((e) => [e.fiscal_year, count(e, 'OIT'), count(e, 'IIT'), count(e, 'EIT')]);
    expect(counts).toEqual([
      [2564, 43, 30, 15],
      [2565, 43, 30, 15],
      [2566, 43, 30, 15],
      [2567, 43, 30, 15],
      [2568, 26, 0, 0],
      [2569, 26, 0, 0],
    ]);
  });

  it('uses AA-F bands for 2564/2565 and word levels from 2566', () => {
    expect(editions.map((e) => e.levels.scheme)).toEqual([
      'bands',
      'bands',
      'words',
      'words',
      'words',
      'words',
    ]);
  });

  it('keeps both spellings of indicators 4 and 8', () => {
    for (const edition of editions) {
      const four = edition.indicators.find((i) => i.number === 4)!;
      const eight = edition.indicators.find((i) => i.number === 8)!;
      expect([four.name_th, ...(four.name_th_variants ?? [])]).toEqual(
        expect.arrayContaining(['การใช้ทรัพย์สินของราชการ', 'การใช้ทรัพย์สินของทางราชการ']),
      );
      expect([eight.name_th, ...(eight.name_th_variants ?? [])]).toEqual(
        expect.arrayContaining(['การปรับปรุงการทำงาน', 'การปรับปรุงระบบการทำงาน']),
      );
    }
  });

  it('uses the agency-quoted 2566 wording and keeps the 2564 form wording as an alternative', () => {
    const i9 = byYear(2566).questions.find((q) => q.code === 'i9')!;
    expect(i9.text_th).toBe('หน่วยงานของท่าน ใช้จ่ายงบประมาณเป็นไปตามวัตถุประสงค์และคุ้มค่า มากน้อยเพียงใด');
    expect(i9.confidence).toBe('medium');
    expect(i9.text_th_alternatives?.[0]).toMatchObject({ confidence: 'low', source: ['S-SDU-IIT'] });
  });

  it('never invents wording: every null text says why', () => {
    for (const edition of editions) {
      for (const q of edition.questions.filter((x) => x.text_th === null)) expect(q.missing).toBeTruthy();
    }
    expect(byYear(2564).questions.filter((q) => q.instrument === 'EIT' && q.text_th !== null)).toEqual([]);
  });

  it('defines the 7-issue grouping in 2566 and reuses it in 2567 by reference', () => {
    const [issues] = byYear(2566).groupings;
    expect(issues?.code).toBe('issues-7');
    expect(issues?.groups).toHaveLength(7);
    const resolved = resolveGroupings(byYear(2567), editions);
    expect(resolved.map((g) => g.code)).toEqual(['issues-7']);
  });

  it('would refuse the 7-issue grouping in 2568, whose numbering differs', () => {
    const text = fs.readFileSync(path.join(catalogueDir, 'ita-2568.yaml'), 'utf8');
    const withRef = `${text}\ngrouping_refs:\n  - fiscal_year: 2566\n    code: issues-7\n    confidence: low\n`;
    const result = parseEdition(withRef, { knownEditions: editions });
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(['grouping_refs[0]']);
  });

  it('attaches the required parts of the measures document to the measures item', () => {
    expect(byYear(2566).measures_document_required_parts_th?.questions).toEqual(['o42']);
    expect(byYear(2566).measures_document_required_parts_th?.parts).toHaveLength(7);
    expect(byYear(2566).follow_up_report_required_parts_th?.parts).toHaveLength(3);
  });
});
