import { describe, expect, it } from 'vitest';
import type { CellValue } from './decode-file.ts';
import { edition } from './fixtures.testutil.ts';
import { type InterpretOptions, interpretRows } from './interpret-rows.ts';

const e2566 = edition(2566);
const opts: InterpretOptions = { edition: e2566 };
const LONG_HEADER = [
  'organization_code',
  'fiscal_year',
  'code',
  'score',
  'passed',
  'reason',
  'recommendation',
  'level',
];

const entry = (scope: string, code: string, score: number | null, extra: Record<string, unknown> = {}) => ({
  scope,
  code,
  score,
  passed: null,
  reason: null,
  recommendation: null,
  ...extra,
});

describe('interpretRows: long format', () => {
  it('reads one row per score, for several organisations', () => {
    const rows: CellValue[][] = [
      LONG_HEADER,
      ['ORG-1', 2566, 'ITA', '96.52', null, null, null, 'ผ่านดี'],
      ['ORG-1', 2566, 'i7', 90, null, null, null, null],
      ['ORG-1', '๒๕๖๖', 'O14', '100', 'ผ่าน', null, null, null],
      ['ORG-1', 2566, 'O15', null, 'ไม่มี', 'ไม่ครบองค์ประกอบตามที่กำหนด', 'ควรเผยแพร่แผนให้ครบ', null],
      [],
      ['ORG-2', 2566, 'ตัวชี้วัดที่ ๖', '๙๑,๕', null, null, null, null],
      ['ORG-2', 2566, '9.1', '-', null, null, null, null],
    ];
    const result = interpretRows(rows, opts);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.format).toBe('long');
    expect(result.organizations).toEqual([
      {
        code: 'ORG-1',
        rowNumbers: [2, 3, 4, 5],
        statedLevel: 'ผ่านดี',
        scores: [
          entry('total', 'ITA', 96.52),
          entry('question', 'i7', 90),
          entry('question', 'o14', 100, { passed: true }),
          entry('question', 'o15', null, {
            passed: false,
            reason: 'ไม่ครบองค์ประกอบตามที่กำหนด',
            recommendation: 'ควรเผยแพร่แผนให้ครบ',
          }),
        ],
      },
      {
        code: 'ORG-2',
        rowNumbers: [7, 8],
        statedLevel: null,
        scores: [entry('indicator', '6', 91.5), entry('sub_indicator', '9.1', null)],
      },
    ]);
  });

  it('recognises Thai headers and spelling of headers in any case or spacing', () => {
    const thai = interpretRows(
      [
        ['รหัสหน่วยงาน', 'ปีงบประมาณ', 'ตัวชี้วัด', 'คะแนน', 'ผลการประเมิน', 'เหตุผล', 'ข้อเสนอแนะ', 'ระดับ'],
        ['A', 2566, 'IIT', 88, null, null, null, null],
      ],
      opts,
    );
    expect(thai.errors).toEqual([]);
    expect(thai.organizations[0]!.scores).toEqual([entry('instrument', 'IIT', 88)]);
    const spaced = interpretRows(
      [
        [' Organization Code ', 'FISCAL YEAR', 'Code', ' SCORE ', 'ข้อสังเกต', 'ชื่อ'],
        ['A', 2566, 'e1', 77, 'ดี', 'ข้อความช่วยกรอกที่ไม่ถูกอ่าน'],
      ],
      opts,
    );
    expect(spaced.errors).toEqual([]);
    expect(spaced.warnings).toEqual([]);
    expect(spaced.organizations[0]!.scores).toEqual([entry('question', 'e1', 77, { reason: 'ดี' })]);
    const bilingual = interpretRows(
      [
        ['รหัส (code)', 'คะแนน (score)'],
        ['i1', 50],
      ],
      {
        ...opts,
        organizationCode: 'A',
      },
    );
    expect(bilingual.errors).toEqual([]);
    expect(bilingual.organizations[0]!.scores).toEqual([entry('question', 'i1', 50)]);
  });

  it('uses the organisation the caller gives when the file has none', () => {
    const result = interpretRows(
      [
        ['code', 'score'],
        ['i1', 80],
      ],
      { ...opts, organizationCode: 'ORG-9' },
    );
    expect(result.errors).toEqual([]);
    expect(result.organizations.map((o) => o.code)).toEqual(['ORG-9']);
  });

  it('refuses a row of another organisation than the caller gives', () => {
    const result = interpretRows(
      [
        ['organization_code', 'code', 'score'],
        ['ORG-1', 'i1', 80],
        ['ORG-2', 'i2', 80],
        [null, 'i3', 80],
      ],
      { ...opts, organizationCode: 'ORG-1' },
    );
    expect(result.errors).toEqual([expect.objectContaining({ row: 3, column: 'organization_code (A)' })]);
    expect(result.errors[0]!.message_en).toBe(
      'organisation ORG-2 is not the organisation being imported (ORG-1)',
    );
    expect(result.organizations[0]!.scores.map((s) => s.code)).toEqual(['i1', 'i3']);
  });

  it('needs an organisation code when several organisations are in the file', () => {
    const result = interpretRows(
      [
        ['organization_code', 'code', 'score'],
        ['ORG-1', 'i1', 80],
        ['ORG-2', 'i1', 80],
        [null, 'i2', 80],
      ],
      opts,
    );
    expect(result.errors).toEqual([
      {
        row: 4,
        column: 'organization_code (A)',
        message_th: 'ไม่ได้ระบุรหัสหน่วยงาน (ไฟล์นี้มีหลายหน่วยงาน)',
        message_en: 'the organisation code is missing (the file has several organisations)',
      },
    ]);
  });

  it('fills a blank organisation cell when the file names only one organisation', () => {
    const result = interpretRows(
      [
        ['organization_code', 'code', 'score'],
        ['ORG-1', 'i1', 80],
        [null, 'i2', 70],
      ],
      opts,
    );
    expect(result.errors).toEqual([]);
    expect(result.organizations).toHaveLength(1);
    expect(result.organizations[0]!.rowNumbers).toEqual([2, 3]);
  });

  it('refuses a file with no organisation column when the caller gives none', () => {
    const result = interpretRows(
      [
        ['code', 'score'],
        ['i1', 80],
      ],
      opts,
    );
    expect(result.errors.map((e) => e.message_en)).toEqual([
      'there is no organization_code (รหัสหน่วยงาน) column and no organisation was chosen',
    ]);
    expect(result.organizations).toEqual([]);
  });

  it('collects every error of the file: unknown code, scores 101, -1 and abc, bad passed, no code', () => {
    const result = interpretRows(
      [
        ['code', 'score', 'passed', 'reason'],
        ['i31', 80, null, null],
        ['i1', '101', null, null],
        ['i2', -1, null, null],
        ['i3', 'abc', null, null],
        ['i4', 50, 'บางที', null],
        [null, 60, null, null],
        [null, null, null, null],
        ['i5', 60, null, 'x'.repeat(2001)],
      ],
      { ...opts, organizationCode: 'A' },
    );
    expect(result.errors.map((e) => [e.row, e.column, e.code, e.message_en])).toEqual([
      [2, 'code (A)', 'i31', 'question i31 does not exist in the 2566 edition'],
      [3, 'score (B)', 'i1', 'score 101 is outside 0–100'],
      [4, 'score (B)', 'i2', 'score -1 is outside 0–100'],
      [5, 'score (B)', 'i3', '"abc" is not a score (a number 0–100)'],
      [6, 'passed (C)', 'i4', '"บางที" is not a pass/fail value (use pass/fail, yes/no or ผ่าน/ไม่ผ่าน)'],
      [7, 'code (A)', undefined, 'this row has no code'],
      [9, 'reason (D)', 'i5', 'the text is 2001 characters long, more than 2000'],
    ]);
    expect(result.errors[0]!.message_th).toBe('ไม่มีข้อคำถาม i31 ในกรอบการประเมินปี 2566');
  });

  it('refuses a code given twice for the same organisation, naming both rows', () => {
    const result = interpretRows(
      [
        ['organization_code', 'code', 'score'],
        ['A', 'i7', 80],
        ['B', 'i7', 80],
        ['A', 'ตัวชี้วัดที่ 1', 80],
        ['A', 'I๗', 81],
        ['A', '1', 80],
      ],
      opts,
    );
    expect(result.errors).toEqual([
      {
        row: 5,
        column: 'code (B)',
        code: 'i7',
        message_th: 'รหัส i7 ของหน่วยงาน A ซ้ำกัน: แถว 2 และแถว 5',
        message_en: 'code i7 of organisation A is given twice: rows 2 and 5',
      },
      expect.objectContaining({
        row: 6,
        code: '1',
        message_en: 'code 1 of organisation A is given twice: rows 4 and 6',
      }),
    ]);
  });

  it('refuses mixed fiscal years in one file (mixed editions)', () => {
    const result = interpretRows(
      [
        ['organization_code', 'fiscal_year', 'code', 'score'],
        ['A', 2566, 'i1', 80],
        ['A', 2567, 'i2', 80],
        ['A', 2567, 'i3', 80],
      ],
      opts,
    );
    expect(result.errors.map((e) => [e.row, e.column, e.message_en])).toEqual([
      [
        3,
        'fiscal_year (B)',
        'mixed editions in one file: fiscal years 2566 (row 2), 2567 (rows 3–4); editions differ per year, so import one year per file',
      ],
      [3, 'fiscal_year (B)', 'fiscal year 2567 (rows 3–4) is not the year being imported (2566)'],
    ]);
  });

  it("refuses a fiscal year that is not the caller's, a CE year and a non-year", () => {
    const result = interpretRows(
      [
        ['fiscal_year', 'code', 'score'],
        ['พ.ศ. 2567', 'i1', 80],
        [2023, 'i2', 80],
        ['ปีหน้า', 'i3', 80],
      ],
      { ...opts, organizationCode: 'A' },
    );
    expect(result.errors.map((e) => [e.row, e.message_en])).toEqual([
      [3, 'fiscal year 2023 looks like a CE year; use the BE year (2566)'],
      [4, '"ปีหน้า" is not a fiscal year (4-digit BE)'],
      [2, 'fiscal year 2567 (row 2) is not the year being imported (2566)'],
    ]);
  });

  it('reports an empty file, a header without data and an unknown header', () => {
    expect(interpretRows([], opts)).toMatchObject({
      format: null,
      errors: [{ row: 1, column: '', message_en: 'the file is empty' }],
    });
    expect(interpretRows([[null, ''], []], opts).errors[0]!.message_en).toBe('the file is empty');
    const headerOnly = interpretRows([['code', 'score']], { ...opts, organizationCode: 'A' });
    expect(headerOnly.errors.map((e) => e.message_en)).toEqual(['the file has a header but no data rows']);
    const unknown = interpretRows([[], ['ชื่อ', 'นามสกุล'], ['ก', 'ข']], opts);
    expect(unknown.format).toBeNull();
    expect(unknown.errors).toHaveLength(1);
    expect(unknown.errors[0]).toMatchObject({ row: 2 });
    expect(unknown.errors[0]!.message_en).toContain('no recognisable header in row 2');
  });

  it('keeps the level of the total row and warns about a level on another row', () => {
    const result = interpretRows(
      [
        ['code', 'score', 'level'],
        ['i1', 80, 'ผ่าน'],
        ['ITA', 85, ' ผ่าน '],
      ],
      { ...opts, organizationCode: 'A' },
    );
    expect(result.errors).toEqual([]);
    expect(result.organizations[0]!.statedLevel).toBe('ผ่าน');
    expect(result.warnings.map((w) => [w.row, w.column])).toEqual([[2, 'level (C)']]);
  });

  it('warns about columns it does not read', () => {
    const result = interpretRows(
      [
        ['code', 'score', 'ผู้กรอก'],
        ['i1', 80, 'สมชาย'],
      ],
      { ...opts, organizationCode: 'A' },
    );
    expect(result.errors).toEqual([]);
    expect(result.warnings[0]).toMatchObject({ row: 1, column: 'ผู้กรอก (C)' });
  });

  it('refuses values in a column without a header', () => {
    const result = interpretRows(
      [
        ['code', 'score', null],
        ['i1', 80, null],
        ['i2', 80, 'ลืมหัว'],
      ],
      { ...opts, organizationCode: 'A' },
    );
    expect(result.errors).toEqual([expect.objectContaining({ row: 3, column: '(C)' })]);
  });
});

describe('interpretRows: consistency warnings', () => {
  const iit1 = (scores: number[]) => scores.map((s, i) => [`i${i + 1}`, s] as CellValue[]);

  it('warns when an IIT/EIT indicator differs from the mean of all its questions by more than 0.5', () => {
    const rows: CellValue[][] = [['code', 'score'], ['ตัวชี้วัดที่ 1', 90], ...iit1([80, 80, 80, 80, 80, 80])];
    const result = interpretRows(rows, { ...opts, organizationCode: 'A' });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([expect.objectContaining({ row: 2, column: 'score (B)', code: '1' })]);
    expect(result.warnings[0]!.message_en).toBe(
      'organisation A: indicator 1 (90.00) differs from the mean of i1–i6 (80.00) by more than 0.5',
    );
  });

  it('does not warn within 0.5, when a question is missing or blank, or for OIT indicators', () => {
    const close = [['code', 'score'], ['1', 80.5], ...iit1([80, 80, 80, 80, 80, 80])];
    expect(interpretRows(close, { ...opts, organizationCode: 'A' }).warnings).toEqual([]);
    const partial = [['code', 'score'], ['1', 99], ...iit1([80, 80, 80, 80, 80])];
    expect(interpretRows(partial, { ...opts, organizationCode: 'A' }).warnings).toEqual([]);
    const blank = [['code', 'score'], ['1', 99], ...iit1([80, 80, 80, 80, 80]), ['i6', '-']];
    expect(interpretRows(blank, { ...opts, organizationCode: 'A' }).warnings).toEqual([]);
    const oit: CellValue[][] = [
      ['code', 'score'],
      ['9', 10],
    ];
    for (const q of e2566.questions.filter((x) => x.indicator === 9)) oit.push([q.display_code, 100]);
    const oitResult = interpretRows(oit, { ...opts, organizationCode: 'A' });
    expect(oitResult.errors).toEqual([]);
    expect(oitResult.warnings).toEqual([]);
  });

  it('warns when the total differs from the weighted instruments (30/30/40 in 2566)', () => {
    const rows = (total: number): CellValue[][] => [
      ['code', 'score'],
      ['ITA', total],
      ['IIT', 90],
      ['EIT', 80],
      ['OIT', 100],
    ];
    expect(interpretRows(rows(91.4), { ...opts, organizationCode: 'A' }).warnings).toEqual([]);
    const off = interpretRows(rows(92), { ...opts, organizationCode: 'A' });
    expect(off.warnings).toEqual([expect.objectContaining({ row: 2, code: 'ITA' })]);
    expect(off.warnings[0]!.message_en).toBe(
      'organisation A: the total (92.00) differs from the weighted instruments IIT×30% + EIT×30% + OIT×40% (91.00) by more than 0.5',
    );
  });

  it('names the cell of a wide file in its warnings (indicator and total of each organisation)', () => {
    const header = [
      'organization_code',
      'ITA',
      'IIT',
      'EIT',
      'OIT',
      'ตัวชี้วัดที่ 1',
      'i1',
      'i2',
      'i3',
      'i4',
      'i5',
      'i6',
    ];
    const rows: CellValue[][] = [
      header,
      ['A', 91.4, 90, 80, 100, 80, 80, 80, 80, 80, 80, 80],
      ['B', 92, 90, 80, 100, 90, 80, 80, 80, 80, 80, 80],
    ];
    const result = interpretRows(rows, opts);
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => [w.row, w.column, w.code])).toEqual([
      [3, 'ตัวชี้วัดที่ 1 (F)', '1'],
      [3, 'ITA (B)', 'ITA'],
    ]);
    expect(result.organizations.map((o) => o.scores.length)).toEqual([11, 11]);
  });

  it('does not check the total when the edition has no weights', () => {
    const unweighted = structuredClone(edition(2566));
    for (const i of unweighted.instruments) i.weight_percent = null;
    const rows: CellValue[][] = [
      ['code', 'score'],
      ['ITA', 50],
      ['IIT', 90],
      ['EIT', 80],
      ['OIT', 100],
    ];
    const result = interpretRows(rows, { edition: unweighted, organizationCode: 'A' });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });
});

describe('interpretRows: wide format', () => {
  it('reads one row per organisation, one column per code in any spelling', () => {
    const rows: CellValue[][] = [
      ['รหัสหน่วยงาน', 'ITA', 'IIT', 'ตัวชี้วัดที่ ๖', '๙.๑', 'I7', '๐๑๔', 'o15', 'ระดับ'],
      ['A', 96.52, '95', '๙๑', null, 90, 'มี', '✗', 'ผ่านดี'],
      ['B', '80%', '-', 70, 60, 'ไม่ได้ประเมิน', 100, 0, null],
    ];
    const result = interpretRows(rows, opts);
    expect(result.errors).toEqual([]);
    expect(result.format).toBe('wide');
    expect(result.organizations[0]).toEqual({
      code: 'A',
      rowNumbers: [2],
      statedLevel: 'ผ่านดี',
      scores: [
        entry('total', 'ITA', 96.52),
        entry('instrument', 'IIT', 95),
        entry('indicator', '6', 91),
        entry('question', 'i7', 90),
        entry('question', 'o14', null, { passed: true }),
        entry('question', 'o15', null, { passed: false }),
      ],
    });
    expect(result.organizations[1]!.scores.map((s) => s.score)).toEqual([80, null, 70, 60, null, 100, 0]);
  });

  it('refuses unknown codes in the header, naming the column and the year', () => {
    const result = interpretRows(
      [
        ['organization_code', 'i7', 'i31', 'O44'],
        ['A', 1, 2, 3],
      ],
      opts,
    );
    expect(result.errors.map((e) => [e.row, e.column, e.code, e.message_en])).toEqual([
      [1, 'i31 (C)', 'i31', 'question i31 does not exist in the 2566 edition'],
      [1, 'O44 (D)', 'O44', 'question O44 does not exist in the 2566 edition'],
    ]);
  });

  it('asks for the indicator of i7 in a 2568 wide file (2568 has no IIT list)', () => {
    const result = interpretRows(
      [
        ['organization_code', 'O1', 'i7'],
        ['A', 100, 90],
      ],
      { edition: edition(2568) },
    );
    expect(result.errors.map((e) => [e.row, e.column, e.message_en])).toEqual([
      [
        1,
        'i7 (C)',
        'question i7: the 2568 edition has no IIT question list, so the file must say which indicator it belongs to; add an indicator row under the header (ตัวชี้วัด in the first cell, each question’s indicator under its code)',
      ],
    ]);
  });

  it('refuses a code in two columns and an organisation in two rows', () => {
    const result = interpretRows(
      [
        ['organization_code', 'i7', 'I๗'],
        ['A', 1, 2],
        ['A', 3, 4],
      ],
      opts,
    );
    expect(result.errors.map((e) => [e.row, e.column, e.message_en])).toEqual([
      [1, 'I๗ (C)', 'code i7 is given twice: columns i7 (B) and I๗ (C)'],
      [3, 'organization_code (A)', 'organisation A is given twice: rows 2 and 3'],
    ]);
  });

  it('collects score errors with row and column', () => {
    const result = interpretRows(
      [
        ['organization_code', 'ITA', 'e1'],
        ['A', 101, 'abc'],
        ['B', -1, 50],
      ],
      opts,
    );
    expect(result.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'ITA (B)', 'ITA'],
      [2, 'e1 (C)', 'e1'],
      [3, 'ITA (B)', 'ITA'],
    ]);
  });

  it('refuses long-format columns in a wide file, and mixed years', () => {
    const result = interpretRows(
      [
        ['organization_code', 'fiscal_year', 'ITA', 'score'],
        ['A', 2566, 90, 1],
        ['B', 2565, 90, 1],
      ],
      opts,
    );
    expect(result.errors.map((e) => e.message_en)).toEqual([
      'column score belongs to the long format, which needs a code (รหัส) column',
      'mixed editions in one file: fiscal years 2566 (row 2), 2565 (row 3); editions differ per year, so import one year per file',
      'fiscal year 2565 (row 3) is not the year being imported (2566)',
    ]);
  });

  it('takes the caller organisation for a single row without an organisation column', () => {
    const one = interpretRows(
      [
        ['ITA', 'OIT'],
        [90, 95],
      ],
      { ...opts, organizationCode: 'A' },
    );
    expect(one.errors).toEqual([]);
    expect(one.organizations).toEqual([
      {
        code: 'A',
        rowNumbers: [2],
        statedLevel: null,
        scores: [entry('total', 'ITA', 90), entry('instrument', 'OIT', 95)],
      },
    ]);
    const two = interpretRows([['ITA'], [90], [91]], { ...opts, organizationCode: 'A' });
    expect(two.errors[0]!.message_en).toContain('there is no organization_code column but more than one row');
  });
});
