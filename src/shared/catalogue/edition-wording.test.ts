import { describe, expect, it } from 'vitest';
import type { Edition } from './edition.schema.ts';
import { agencySpecificWording, namesOneAgency, questionOrderProblems } from './edition-wording.ts';
import { readCatalogue } from './read-catalogue.testutil.ts';

const editions = readCatalogue();
const byYear = (year: number): Edition => structuredClone(editions.find((e) => e.fiscal_year === year)!);
const question = (edition: Edition, code: string) => edition.questions.find((q) => q.code === code)!;

const MINISTRY_HEADING =
  'แผนปฏิบัติการป้องกันปราบปรามการทุจริตและประพฤติมิชอบ และส่งเสริมคุณธรรมจริยธรรมของกระทรวงคมนาคม ประจำปีงบประมาณ พ.ศ. 2569';

describe('namesOneAgency', () => {
  it.each([
    MINISTRY_HEADING,
    'รายงานผลการดำเนินงานของกระทรวงการคลัง',
    'แผนปฏิบัติการของจังหวัดตาก',
    'สำนักงานจังหวัดตาก',
  ])('finds a ministry or province by name: %s', (text) => {
    expect(namesOneAgency(text)).toBe(true);
  });

  it.each([
    'แผนปฏิบัติการป้องกันการทุจริต',
    '*กรณีจังหวัด จะต้องมีโครงสร้างในส่วนของผู้ว่าราชการจังหวัด รองผู้ว่าราชการจังหวัด สำนักงานจังหวัด และราชการส่วนภูมิภาค',
    'หน่วยงานในสังกัดกระทรวงและกรม',
    'จังหวัดต่าง ๆ',
    'ระดับกระทรวง',
  ])('leaves generic wording alone: %s', (text) => {
    expect(namesOneAgency(text)).toBe(false);
  });
});

describe('bundled editions: wording an agency sees', () => {
  it.each(editions.map((e) => e.fiscal_year))(
    '%i names no ministry or province in any name or wording',
    (year) => {
      expect(agencySpecificWording(byYear(year))).toEqual([]);
    },
  );

  it('would find one agency heading wherever it is put (name, wording, heading as found, alternative)', () => {
    const edition = byYear(2568);
    const o25 = question(edition, 'o25');
    o25.text_th_as_found = MINISTRY_HEADING;
    o25.text_th_alternatives = [{ text_th: MINISTRY_HEADING, confidence: 'low', source: ['helper'] }];
    question(edition, 'o26').text_th = `รายงานผลการดำเนินงานของกระทรวงคมนาคม`;
    edition.sub_indicators[0]!.name_th = 'ข้อมูลพื้นฐานของจังหวัดตาก';
    expect(agencySpecificWording(edition).map((f) => f.path)).toEqual([
      'sub_indicators[0].name_th',
      'questions[24].text_th_as_found',
      'questions[24].text_th_alternatives[0].text_th',
      'questions[25].text_th',
    ]);
  });

  it('does not count an example result naming its agency, nor a note quoting a heading', () => {
    const edition = byYear(2567);
    expect(edition.example_results.some((r) => namesOneAgency(r.agency_th))).toBe(true);
    expect(agencySpecificWording(edition)).toEqual([]);
    const o25 = question(byYear(2568), 'o25');
    expect(namesOneAgency(o25.note ?? '')).toBe(true);
  });
});

describe('bundled editions: question order', () => {
  it.each(editions.map((e) => e.fiscal_year))('%i lists its questions in the natural order', (year) => {
    expect(questionOrderProblems(byYear(year))).toEqual([]);
  });

  it('finds O1 put after O20, and 9.1 after 9.5', () => {
    const edition = byYear(2568);
    const o1 = edition.questions.shift()!;
    edition.questions.splice(19, 0, o1);
    expect(questionOrderProblems(edition)).toEqual([
      'O1 after O20: number goes back',
      'O1 after O20: sub-indicator 9.1 after 9.5',
    ]);
  });

  it('finds an indicator whose questions are only partly under sub-indicators (the old 2568 shape)', () => {
    const edition = byYear(2568);
    for (const q of edition.questions) if (q.code !== 'o1') delete q.sub_indicator;
    const problems = questionOrderProblems(edition);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^indicator 9: O2, O3, .*O20 have no sub-indicator while the others have one$/,
    );
  });

  it('finds an instrument out of order and a number going back', () => {
    const edition = byYear(2566);
    const i1 = edition.questions.shift()!;
    edition.questions.push(i1);
    expect(questionOrderProblems(edition)).toEqual(['i1 after O43: IIT comes before OIT']);
    [edition.questions[3], edition.questions[4]] = [edition.questions[4]!, edition.questions[3]!];
    expect(questionOrderProblems(edition)).toContain('i5 after i6: number goes back');
  });
});

describe('2568 and 2569 OIT data', () => {
  it('names O2, O5, O6 of 2568 as the research supports, low confidence, and keeps O7 unknown with a reason', () => {
    const edition = byYear(2568);
    expect(question(edition, 'o2')).toMatchObject({ text_th: 'ข้อมูลผู้บริหาร', confidence: 'low' });
    expect(question(edition, 'o5')).toMatchObject({
      text_th: 'แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน',
      confidence: 'low',
    });
    expect(question(edition, 'o6')).toMatchObject({
      text_th: 'แผนและความก้าวหน้าในการดำเนินงานและการใช้จ่ายงบประมาณประจำปี',
      confidence: 'low',
      source: ['S-ABT-68-FILES', 'S-LARAVEL-ABT'],
    });
    expect(question(edition, 'o6').text_th_alternatives).toHaveLength(2);
    expect(question(edition, 'o7')).toMatchObject({ text_th: null, confidence: 'low', sub_indicator: '9.2' });
    expect(question(edition, 'o7').missing).toMatch(/No source names the 2568 O7/);
  });

  it('gives 2568 O25/O26 their generic names and keeps the ministry heading in a note only', () => {
    const edition = byYear(2568);
    for (const [code, name] of [
      ['o25', 'แผนปฏิบัติการป้องกันการทุจริต'],
      ['o26', 'รายงานผลการดำเนินการป้องกันการทุจริตประจำปี'],
    ] as const) {
      const q = question(edition, code);
      expect(q).toMatchObject({ text_th: name, confidence: 'low', sub_indicator: '10.2' });
      expect(q.text_th_as_found).toBeUndefined();
      expect(q.note).toContain('กระทรวงคมนาคม');
    }
  });

  it('puts every OIT item of 2568 and 2569 under a sub-indicator, 9.1 starting at O1', () => {
    for (const year of [2568, 2569]) {
      const edition = byYear(year);
      expect(edition.sub_indicators.map((s) => s.code)).toEqual([
        '9.1',
        '9.2',
        '9.3',
        '9.4',
        '9.5',
        '10.1',
        '10.2',
      ]);
      expect(edition.questions.every((q) => q.sub_indicator !== undefined)).toBe(true);
      expect(edition.questions.filter((q) => q.sub_indicator === '9.1').map((q) => q.code)).toEqual([
        'o1',
        'o2',
        'o3',
        'o4',
      ]);
      // Only 9.1 of 2568 rests on a source that names it with an item; the rest is inferred.
      for (const sub of edition.sub_indicators.slice(1)) expect(sub.confidence).toBe('low');
    }
  });
});
