import { describe, expect, it } from 'vitest';
import { readCatalogue } from '#shared/catalogue/read-catalogue.testutil.ts';
import { isUncertainRow, PROVENANCE_KINDS, provenanceRows } from './provenance-rows.ts';

const editions = readCatalogue();
const byYear = (year: number) => editions.find((e) => e.fiscal_year === year)!;

describe('provenanceRows', () => {
  it('has one row per item with provenance, every question and source list included, keys unique', () => {
    for (const edition of editions) {
      const rows = provenanceRows(edition);
      expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
      expect(rows.filter((r) => r.kind === 'question').map((r) => r.code)).toEqual(
        edition.questions.map((q) => q.display_code),
      );
      expect(rows.filter((r) => r.kind === 'subIndicator')).toHaveLength(edition.sub_indicators.length);
      const known = new Set(edition.sources.map((s) => s.id));
      for (const row of rows)
        for (const id of row.source) expect(known, `${row.key} cites ${id}`).toContain(id);
      for (const row of rows) expect(PROVENANCE_KINDS).toContain(row.kind);
    }
  });

  it('keeps what the user view leaves out: why wording is missing, headings as found, other wording seen', () => {
    const rows = provenanceRows(byYear(2568));
    const o7 = rows.find((r) => r.key === 'question:o7')!;
    expect(o7.wording).toBeNull();
    expect(o7.details[0]).toMatchObject({ kind: 'missing', lang: 'en' });
    const o6 = rows.find((r) => r.key === 'question:o6')!;
    expect(o6.details.filter((d) => d.kind === 'alternative').map((d) => d.source)).toEqual([
      ['S-SCHOOL-68'],
      ['S-CI-ABT-CMS'],
    ]);
    const o13 = rows.find((r) => r.key === 'question:o13')!;
    expect(o13.details).toContainEqual({
      kind: 'asFound',
      text: 'รายงานผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุประจำปี พ.ศ. 2568',
      lang: 'th',
    });
    expect(rows.find((r) => r.key === 'weight:OIT')).toMatchObject({
      wording: '40%',
      source: ['D-NACC-TABLES'],
    });
  });

  it('marks as uncertain low confidence, missing wording and a low indicator mapping, not the rest', () => {
    const rows = provenanceRows(byYear(2568));
    const uncertain = (key: string) => isUncertainRow(rows.find((r) => r.key === key)!);
    expect(uncertain('question:o7')).toBe(true);
    expect(uncertain('question:o3')).toBe(true); // medium wording, indicator mapping low
    expect(uncertain('question:o1')).toBe(false);
    expect(uncertain('sub:9.1')).toBe(false);
    expect(uncertain('sub:9.2')).toBe(true);
  });

  it('names a grouping reused from another edition with its year', () => {
    const ref = provenanceRows(byYear(2567)).find((r) => r.kind === 'grouping')!;
    expect(ref).toMatchObject({ reusedFrom: 2566, code: 'issues-7 (2566)', wording: null });
  });
});
