import { describe, expect, it } from 'vitest';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import { withSuppliedQuestions } from '#shared/catalogue/supplied-questions.ts';
import type { CellValue } from './decode-file.ts';
import { edition } from './fixtures.testutil.ts';
import { interpretRows, readCode, splitCodeAndText } from './interpret-rows.ts';

const e2566 = edition(2566);
const e2568 = edition(2568);
const e2569 = edition(2569);
const others = [edition(2564), edition(2565), e2566, edition(2567), e2568, e2569];
const I1 = 'บุคลากรในหน่วยงานของท่าน ปฏิบัติงาน/ให้บริการแก่ผู้มาติดต่อ ตามขั้นตอนและระยะเวลาที่กำหนด';
const I2 = 'บุคลากรในหน่วยงานของท่าน ปฏิบัติงานโดยมุ่งผลสำเร็จของงาน';
const E1 = 'เจ้าหน้าที่ของหน่วยงานที่ท่านติดต่อ ปฏิบัติงาน/ให้บริการแก่ท่าน ตามขั้นตอนและระยะเวลาที่กำหนด';
const run = (rows: CellValue[][], ed: Edition = e2569, extra = {}) =>
  interpretRows(rows, { edition: ed, organizationCode: 'ORG-1', otherEditions: others, ...extra });

describe('a 2569 result at question level (no IIT/EIT list in the catalogue)', () => {
  it('long: reads the wording and the indicator columns, as a result report is copied into Excel', () => {
    const result = run([
      ['ตัวชี้วัด', 'ข้อ', 'ข้อคำถาม', 'คะแนน'],
      ['ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่', null, null, 92.5],
      [null, 'i1', I1, 93],
      [null, 'i2', I2, 92],
      ['ตัวชี้วัดที่ 6 คุณภาพการดำเนินงาน', null, null, 88],
      [null, 'e1', E1, 88],
    ]);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.organizations[0]!.scores.map((s) => [s.scope, s.code, s.score])).toEqual([
      ['indicator', '1', 92.5],
      ['question', 'i1', 93],
      ['question', 'i2', 92],
      ['indicator', '6', 88],
      ['question', 'e1', 88],
    ]);
    expect(result.supplied).toEqual([
      expect.objectContaining({
        code: 'i1',
        instrument: 'IIT',
        indicator: 1,
        text_th: I1,
        isNew: true,
        row: 3,
      }),
      expect.objectContaining({ code: 'i2', indicator: 1, text_th: I2, organizationCode: 'ORG-1' }),
      expect.objectContaining({ code: 'e1', instrument: 'EIT', indicator: 6, text_th: E1 }),
    ]);
  });

  it('long: a code cell holding "i1 wording", and the Thai or English header names', () => {
    const result = run([
      ['รหัส', 'indicator', 'คะแนน'],
      [`i1 ${I1}`, '1', 93],
      [`e๑. ${E1}`, 'ตัวชี้วัดที่ ๖', 88],
    ]);
    expect(result.errors).toEqual([]);
    expect(result.supplied.map((d) => [d.code, d.indicator, d.text_th])).toEqual([
      ['i1', 1, I1],
      ['e1', 6, E1],
    ]);
    const named = run([
      ['code', 'wording', 'indicator', 'score'],
      ['i2', I2, 'การปฏิบัติหน้าที่', 90],
    ]);
    expect(named.errors).toEqual([]);
    expect(named.supplied[0]).toMatchObject({ code: 'i2', indicator: 1, text_th: I2 });
  });

  it('asks for the indicator column, row by row, when nothing gives the indicator', () => {
    const result = run([
      ['code', 'ข้อคำถาม', 'score'],
      ['i1', I1, 93],
      ['e4', 'ข้อความ', 80],
      ['O1', null, 100],
    ]);
    expect(result.errors.map((e) => [e.row, e.code, e.message_th])).toEqual([
      [
        2,
        'i1',
        'ข้อ i1: กรอบการประเมินปี 2569 ไม่มีรายการข้อคำถามของแบบวัด IIT จึงต้องระบุว่าข้อนี้อยู่ในตัวชี้วัดใด ให้เพิ่มคอลัมน์ ตัวชี้วัด (เช่น 1 หรือ ตัวชี้วัดที่ 1)',
      ],
      [3, 'e4', expect.stringContaining('ไม่มีรายการข้อคำถามของแบบวัด EIT')],
    ]);
    expect(result.organizations[0]!.scores.map((s) => s.code)).toEqual(['o1']);
  });

  it('refuses an indicator that is unknown or on another instrument', () => {
    const result = run([
      ['code', 'ตัวชี้วัดที่', 'score'],
      ['i1', '6', 93],
      ['i2', 'ตัวชี้วัดที่ 42', 92],
    ]);
    expect(result.errors.map((e) => [e.row, e.column, e.message_en])).toEqual([
      [2, 'ตัวชี้วัดที่ (B)', 'indicator 6 is not on IIT, the instrument of i1'],
      [3, 'ตัวชี้วัดที่ (B)', '"ตัวชี้วัดที่ 42" is not an indicator of the 2569 edition'],
    ]);
  });

  it('takes the indicator from the edition’s question mapping when the file has none', () => {
    const mapped: Edition = {
      ...e2569,
      question_mappings: [
        {
          from_fiscal_year: 2566,
          pairs: [{ code: 'i9', from_code: 'i14', confidence: 'medium', source: ['helper'] }],
        },
      ],
    };
    const result = run(
      [
        ['code', 'score'],
        ['i9', 77],
      ],
      mapped,
    );
    expect(result.errors).toEqual([]);
    // i14 of 2566 is under indicator 3.
    expect(result.supplied).toEqual([expect.objectContaining({ code: 'i9', indicator: 3, text_th: null })]);
  });

  it('wide: wording in the header ("i1 wording") or in a second header row, indicators in a labelled row', () => {
    const inHeader = interpretRows(
      [
        ['organization_code', `i1 ${I1}`, `e1 ${E1}`, 'ITA'],
        ['ตัวชี้วัด', '1', 'ตัวชี้วัดที่ 6', null],
        ['ORG-1', 93, 88, 90],
        ['ORG-2', 91, 87, 89],
      ],
      { edition: e2569, otherEditions: others },
    );
    expect(inHeader.errors).toEqual([]);
    expect(inHeader.organizations.map((o) => o.code)).toEqual(['ORG-1', 'ORG-2']);
    expect(inHeader.supplied.map((d) => [d.code, d.indicator, d.text_th, d.organizationCode])).toEqual([
      ['i1', 1, I1, 'ORG-1'],
      ['e1', 6, E1, 'ORG-1'],
    ]);
    const secondRow = interpretRows(
      [
        ['organization_code', 'i1', 'i2'],
        [null, I1, I2],
        ['indicator', 'ตัวชี้วัดที่ 1', 'ตัวชี้วัดที่ 1'],
        ['ORG-1', 93, 92],
      ],
      { edition: e2569, otherEditions: others },
    );
    expect(secondRow.errors).toEqual([]);
    expect(secondRow.organizations[0]!.scores.map((s) => s.code)).toEqual(['i1', 'i2']);
    expect(secondRow.supplied.map((d) => [d.code, d.indicator, d.text_th])).toEqual([
      ['i1', 1, I1],
      ['i2', 1, I2],
    ]);
  });
});

describe('a 2568 result with codes and an indicator column', () => {
  it('imports IIT/EIT questions with their indicators, without wording', () => {
    const result = run(
      [
        ['organization_code', 'fiscal_year', 'code', 'ตัวชี้วัด', 'score'],
        ['ORG-1', 2568, 'i1', '1', 90],
        ['ORG-1', 2568, 'i2', null, 91], // carried down from the row above
        ['ORG-1', 2568, 'e11', '8', 70],
        ['ORG-1', 2568, 'O1', null, 100],
      ],
      e2568,
      { fiscalYear: 2568 },
    );
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.supplied.map((d) => [d.code, d.instrument, d.indicator, d.text_th, d.isNew])).toEqual([
      ['i1', 'IIT', 1, null, true],
      ['i2', 'IIT', 1, null, true],
      ['e11', 'EIT', 8, null, true],
    ]);
    expect(result.organizations[0]!.scores).toHaveLength(4);
  });
});

describe('wording against the catalogue and earlier supplies', () => {
  it('warns with both texts when the catalogue words a question differently, keeping the catalogue’s', () => {
    const i4 = e2566.questions.find((q) => q.code === 'i4')!;
    const result = run(
      [
        ['code', 'ข้อคำถาม', 'score'],
        ['i4', 'ถ้อยคำที่ต่างจากกรอบการประเมิน', 80],
        ['i5', i4.text_th === null ? null : e2566.questions.find((q) => q.code === 'i5')!.text_th, 81],
      ],
      e2566,
      { fiscalYear: 2566 },
    );
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        row: 2,
        code: 'i4',
        message_th: `ข้อความของข้อ i4 ในไฟล์ต่างจากข้อความในกรอบการประเมิน จึงใช้ข้อความเดิม: เดิม "${i4.text_th}" · ในไฟล์ "ถ้อยคำที่ต่างจากกรอบการประเมิน"`,
        message_en: `the wording of i4 in the file differs from the wording in the catalogue, which stays in use: kept "${i4.text_th}" · file "ถ้อยคำที่ต่างจากกรอบการประเมิน"`,
      }),
    ]);
    // Kept for the admins to see, never laid over the catalogue's wording.
    expect(result.supplied).toEqual([
      expect.objectContaining({ code: 'i4', catalogueDiffers: true, text_th: 'ถ้อยคำที่ต่างจากกรอบการประเมิน' }),
    ]);
  });

  it('keeps the first wording of a file and warns about a later different one, showing both', () => {
    const result = interpretRows(
      [
        ['organization_code', 'code', 'ตัวชี้วัด', 'ข้อคำถาม', 'score'],
        ['ORG-1', 'i1', '1', I1, 93],
        ['ORG-2', 'i1', '1', 'ถ้อยคำอื่น', 90],
        ['ORG-3', 'i1', '1', 'ถ้อยคำอื่น', 91],
      ],
      { edition: e2569, otherEditions: others },
    );
    expect(result.errors).toEqual([]);
    expect(result.supplied).toEqual([
      expect.objectContaining({ code: 'i1', text_th: I1, organizationCode: 'ORG-1' }),
    ]);
    expect(result.warnings.map((w) => [w.row, w.message_en])).toEqual([
      [
        3,
        `the wording of i1 in the file differs from the wording on row 2 of this file, which stays in use: kept "${I1}" · file "ถ้อยคำอื่น"`,
      ],
    ]);
  });

  it('records a different wording or indicator of an earlier supply as a conflict, the earlier one staying', () => {
    const earlier = withSuppliedQuestions(e2569, [
      { code: 'i1', instrument: 'IIT', indicator: 1, text_th: I1, organization_th: 'หน่วยงานแรก' },
    ]);
    const result = run(
      [
        ['code', 'ตัวชี้วัด', 'ข้อคำถาม', 'score'],
        ['i1', '2', 'ถ้อยคำอื่น', 93],
        ['i2', '1', I2, 90],
      ],
      earlier,
    );
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => w.message_en)).toEqual([
      'i1 is under indicator 1 as an agency supplied it before, but the file says indicator 2; indicator 1 is used',
      `the wording of i1 in the file differs from the wording an agency supplied before, which stays in use: kept "${I1}" · file "ถ้อยคำอื่น"`,
    ]);
    expect(result.conflicts).toEqual([
      { code: 'i1', text_th: null, indicator: 2, organizationCode: 'ORG-1', row: 2 },
      { code: 'i1', text_th: 'ถ้อยคำอื่น', indicator: null, organizationCode: 'ORG-1', row: 2 },
    ]);
    expect(result.supplied.map((d) => d.code)).toEqual(['i2']);
  });

  it('does not keep wording that is not Thai, nor a cell repeating the code', () => {
    const result = run([
      ['code', 'ตัวชี้วัด', 'wording', 'score'],
      ['i1', '1', 'Staff follow the procedures', 93],
      ['i2', '1', 'i2', 92],
    ]);
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => w.message_en)).toEqual([
      'the wording of i1 ("Staff follow the procedures") is not Thai and was not kept',
    ]);
    expect(result.supplied.map((d) => [d.code, d.text_th])).toEqual([
      ['i1', null],
      ['i2', null],
    ]);
  });
});

describe('a file mixing editions', () => {
  it('is refused when its edition column names two editions or another one', () => {
    const result = run([
      ['code', 'score', 'edition'],
      ['ITA', 90, 'ITA 2569'],
      ['IIT', 91, '๒๕๖๘'],
    ]);
    expect(result.errors.map((e) => [e.row, e.message_en])).toEqual([
      [3, 'mixed editions in one file: 2569 (row 2), 2568 (row 3); import one edition per file'],
    ]);
    const other = run([
      ['code', 'score', 'กรอบการประเมิน'],
      ['ITA', 90, '2566'],
    ]);
    expect(other.errors.map((e) => e.message_en)).toEqual([
      'the file states the 2566 edition (row 2) but is imported under the 2569 edition',
    ]);
  });

  it('is refused when its codes exist only in another edition', () => {
    const result = run([
      ['code', 'score'],
      ['O26', 100],
      ['O33', 100],
      ['O43', 0],
    ]);
    expect(result.errors.at(-1)).toMatchObject({
      row: 3,
      message_en:
        'mixed editions in one file: O33, O43 (rows 3–4) do not exist in the 2569 edition but do in 2564, 2565, 2566, 2567; a result file follows one edition: check the edition chosen, or split the file',
    });
  });
});

describe('an unknown code is not a mixed edition', () => {
  it('when the only editions that accept it take any IIT/EIT code by pattern', () => {
    const result = run(
      [
        ['code', 'score'],
        ['i31', 50],
      ],
      e2566,
      { fiscalYear: 2566 },
    );
    expect(result.errors.map((e) => e.message_en)).toHaveLength(1);
    expect(result.errors[0]!.message_en).not.toMatch(/mixed editions/);
  });
});

describe('codes damaged by OCR', () => {
  it('long: suggests the code from the instrument of the rows around it', () => {
    const result = run(
      [
        ['code', 'score'],
        ['i18', 90],
        ['๑๑๙', 91],
        ['i20', 92],
        ['O27', 100],
        ['๒๘', 100],
      ],
      e2566,
      { fiscalYear: 2566 },
    );
    expect(result.errors.map((e) => [e.row, e.message_th])).toEqual([
      [3, 'รหัส ๑๑๙ ไม่มีในกรอบการประเมินปี 2566 หมายถึง i19 หรือไม่'],
      [6, 'รหัส ๒๘ ไม่มีในกรอบการประเมินปี 2566 หมายถึง O28 หรือไม่'],
    ]);
    expect(result.errors[0]!.message_en).toBe(
      'code ๑๑๙ does not exist in the 2566 edition; did you mean i19?',
    );
  });

  it('wide: from the columns beside it, also in a 2569 file where IIT has no list', () => {
    const result = interpretRows(
      [
        ['organization_code', 'i18', '๑๑๙ บุคลากรในหน่วยงาน', 'i20'],
        ['ORG-1', 1, 2, 3],
      ],
      { edition: e2569, otherEditions: others },
    );
    expect(result.errors.find((e) => e.column === '๑๑๙ บุคลากรในหน่วยงาน (C)')?.message_th).toBe(
      'รหัส ๑๑๙ ไม่มีในกรอบการประเมินปี 2569 หมายถึง i19 หรือไม่',
    );
  });
});

describe('splitCodeAndText and readCode', () => {
  it('splits a question code from the wording after it, but not an indicator name', () => {
    expect(splitCodeAndText(`i1 ${I1}`)).toEqual({ code: 'i1', text: I1 });
    expect(splitCodeAndText('ข้อ e๑๑: การให้บริการ')).toEqual({ code: 'ข้อ e๑๑', text: 'การให้บริการ' });
    expect(splitCodeAndText('O1บุคลากร')).toEqual({ code: 'O1', text: 'บุคลากร' });
    expect(splitCodeAndText('i12')).toBeNull();
    expect(splitCodeAndText('i1 staff')).toBeNull();
    const indicator = readCode('10 การป้องกันการทุจริต', e2566);
    expect(indicator).toMatchObject({
      resolved: { ok: true, scope: 'indicator', code: '10' },
      wording: null,
    });
  });
});
