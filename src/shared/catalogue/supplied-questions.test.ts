import { describe, expect, it } from 'vitest';
import { checkEditionRules } from './edition.rules.ts';
import { type Edition, editionSchema } from './edition.schema.ts';
import { readCatalogue } from './read-catalogue.testutil.ts';
import {
  AGENCY_SUPPLIED,
  hasSuppliedWording,
  isSuppliedQuestion,
  openInstruments,
  type SuppliedQuestion,
  withSuppliedQuestions,
} from './supplied-questions.ts';

const editions = readCatalogue();
const byYear = (year: number): Edition => structuredClone(editions.find((e) => e.fiscal_year === year)!);

const I1 = 'บุคลากรในหน่วยงานของท่าน ปฏิบัติงาน/ให้บริการแก่ผู้มาติดต่อ ตามขั้นตอนและระยะเวลาที่กำหนด';
const supplied = (code: string, indicator: number, text_th: string | null = null): SuppliedQuestion => ({
  code,
  instrument: code.startsWith('i') ? 'IIT' : code.startsWith('e') ? 'EIT' : 'OIT',
  indicator,
  text_th,
  organization_th: 'เทศบาลทดสอบ',
  supplied_at: '2026-11-02T03:04:05.000Z',
});

describe('withSuppliedQuestions', () => {
  it('adds the questions of an edition without a question list, in its order, marked as supplied', () => {
    const edition = byYear(2569);
    const before = JSON.stringify(edition);
    const out = withSuppliedQuestions(edition, [
      supplied('e2', 6, 'ข้อความ e2'),
      supplied('i2', 1),
      supplied('i1', 1, I1),
      supplied('i7', 2, 'ข้อความ i7'),
    ]);
    expect(JSON.stringify(edition)).toBe(before); // the cached edition is never modified
    expect(out.questions.slice(0, 4).map((q) => q.code)).toEqual(['i1', 'i2', 'i7', 'e2']);
    expect(out.questions[4]!.code).toBe('o1');
    expect(out.questions).toHaveLength(edition.questions.length + 4);
    const i1 = out.questions[0]!;
    expect(i1).toMatchObject({
      display_code: 'i1',
      instrument: 'IIT',
      indicator: 1,
      text_th: I1,
      source: [AGENCY_SUPPLIED],
    });
    expect(i1.note).toContain('เทศบาลทดสอบ');
    expect(out.questions[1]).toMatchObject({ code: 'i2', text_th: null });
    expect(out.questions[1]!.missing).toBeTruthy();
    expect(out.sources.at(-1)).toMatchObject({
      id: AGENCY_SUPPLIED,
      title: 'ข้อความจากรายงานผลการประเมินของหน่วยงาน',
    });
    expect(isSuppliedQuestion(i1)).toBe(true);
    expect(isSuppliedQuestion(out.questions[4]!)).toBe(false);
    // Still a valid edition, by the schema and by every cross-field rule.
    expect(editionSchema.safeParse(out).success).toBe(true);
    expect(checkEditionRules(out)).toEqual([]);
  });

  it('fills wording only where the catalogue has none; the catalogue keeps its own', () => {
    const edition = byYear(2568);
    const o1 = edition.questions.find((q) => q.code === 'o1')!;
    expect(o1.text_th).not.toBeNull();
    // An item without wording, as the catalogue writes it (the shipped data may name O2 by now).
    const unworded = edition.questions.findIndex((q) => q.code === 'o2');
    const { text_th: _t, text_th_alternatives: _a, ...rest } = edition.questions[unworded]!;
    edition.questions[unworded] = { ...rest, text_th: null, missing: 'not found' };
    const out = withSuppliedQuestions(edition, [
      { ...supplied('o2', 9, 'ข้อมูลผู้บริหาร'), sub_indicator: null },
      supplied('o1', 9, 'ถ้อยคำอื่นของ O1'),
    ]);
    const o2 = out.questions.find((q) => q.code === 'o2')!;
    expect(o2.text_th).toBe('ข้อมูลผู้บริหาร');
    expect(o2.missing).toBeUndefined();
    expect(hasSuppliedWording(o2)).toBe(true);
    expect(isSuppliedQuestion(o2)).toBe(false);
    expect(out.questions.find((q) => q.code === 'o1')!.text_th).toBe(o1.text_th);
    expect(out.questions.map((q) => q.code)).toEqual(edition.questions.map((q) => q.code));
    expect(checkEditionRules(out)).toEqual([]);
  });

  it('leaves out what does not fit the edition and returns the edition itself when nothing applies', () => {
    const edition = byYear(2569);
    const out = withSuppliedQuestions(edition, [
      supplied('i3', 6, 'IIT question under an EIT indicator'),
      supplied('e4', 42, 'unknown indicator'),
      supplied('o1', 9, 'catalogue already words O1'),
    ]);
    expect(out).toBe(edition);
    expect(withSuppliedQuestions(edition, [])).toBe(edition);
  });

  it('keeps the first of two supplies of one code, and does not add the source twice', () => {
    const once = withSuppliedQuestions(byYear(2569), [supplied('i1', 1, 'แรก'), supplied('i1', 2, 'หลัง')]);
    expect(once.questions.filter((q) => q.code === 'i1')).toEqual([
      expect.objectContaining({ indicator: 1, text_th: 'แรก' }),
    ]);
    const twice = withSuppliedQuestions(once, [supplied('i2', 1, 'สอง')]);
    expect(twice.sources.filter((s) => s.id === AGENCY_SUPPLIED)).toHaveLength(1);
  });

  it('knows which instruments have no catalogue question list', () => {
    expect([...openInstruments(byYear(2569))]).toEqual(['IIT', 'EIT']);
    expect([...openInstruments(byYear(2566))]).toEqual([]);
    const out = withSuppliedQuestions(byYear(2568), [supplied('i1', 1, I1)]);
    expect([...openInstruments(out)]).toEqual(['IIT', 'EIT']);
  });
});
