import { deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FrameworkIssue } from '#shared/catalogue/contract.ts';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import { diffEditions } from './diff.ts';
import { bundledEditions, openWorkbook } from './framework.testutil.ts';
import { boundIssues, parseFrameworkFile } from './parse-framework.ts';
import { FRAMEWORK_LIMITS } from './read-workbook.ts';
import { DEFAULT_SOURCE_ID, SHEETS, sheetSpec } from './sheets.ts';
import { buildFrameworkWorkbook } from './write-framework.ts';
import { checkZip } from './zip-guard.ts';

let editions: Edition[];
let e2566: Edition;
let known: Edition[];
let exported2566: Uint8Array;

beforeAll(async () => {
  editions = bundledEditions();
  e2566 = editions.find((e) => e.fiscal_year === 2566)!;
  known = editions;
  exported2566 = await buildFrameworkWorkbook(e2566);
});

const parse = (bytes: Uint8Array, others: readonly Edition[] = known) =>
  parseFrameworkFile(bytes, 'framework.xlsx', { knownEditions: others });

/** The 2566 workbook with an edit applied, as bytes. */
async function edited(edit: (wb: Awaited<ReturnType<typeof openWorkbook>>) => void | Promise<void>) {
  const wb = await openWorkbook(exported2566);
  await edit(wb);
  return wb.bytes();
}

const at = (issue: FrameworkIssue) => [issue.sheet, issue.row, issue.column, issue.field];

describe('framework workbook: export and read back', () => {
  it('round-trips every bundled edition without losing anything the schema holds', async () => {
    for (const edition of editions) {
      const bytes = await buildFrameworkWorkbook(edition);
      const back = await parse(
        bytes,
        editions.filter((e) => e.fiscal_year < edition.fiscal_year),
      );
      expect(back.errors, `ita-${edition.fiscal_year}`).toEqual([]);
      expect(back.warnings, `ita-${edition.fiscal_year}`).toEqual([]);
      // Same JSON text: same content and the same key order, so the revision hash is the same too.
      expect(JSON.stringify(back.edition)).toBe(JSON.stringify(edition));
    }
  });

  it('lays the workbook out as the manuals tabulate a framework: Thai header, key row, data', async () => {
    const wb = await openWorkbook(exported2566);
    expect(wb.workbook.worksheets.map((w) => w.name)).toEqual(['คำแนะนำ', ...SHEETS.map((s) => s.name)]);
    const questions = wb.sheet('questions');
    expect(questions.getRow(1).getCell(1).value).toBe('รหัสข้อ *');
    expect(questions.getRow(2).getCell(1).value).toBe('code');
    const o16 = wb.rowWhere('questions', 'code', 'o16');
    expect(wb.get('questions', o16, 'display_code')).toBe('O16');
    expect(wb.get('questions', o16, 'instrument')).toBe('OIT');
    expect(String(wb.get('questions', o16, 'text_th'))).toMatch(/[ก-๙]/);
    const levels = wb.sheet('levels');
    expect(levels.rowCount).toBe(2 + e2566.levels.levels.length);
    // NACC prints ranges: ต้องปรับปรุง 70–84.99 under ผ่าน 85–100.
    const needs = wb.rowWhere('levels', 'code', 'needs-improvement');
    expect([wb.get('levels', needs, 'min_total'), wb.get('levels', needs, 'max_total')]).toEqual([70, 84.99]);
    expect(wb.sheet('scoring').getRow(wb.keyRow('scoring', 'scoring.total')).getCell(3).value).toBe(
      'weighted_instruments',
    );
    const instructions = wb.workbook.getWorksheet('คำแนะนำ')!;
    const text = instructions.getSheetValues().flat().join(' ');
    expect(text).toMatch(/ห้ามแต่งถ้อยคำขึ้นเอง/);
    expect(text).toMatch(/never invent wording/);
  });

  it('gives a blank template whose every sheet has its headers, and says what a blank one lacks', async () => {
    const template = await buildFrameworkWorkbook(null);
    const wb = await openWorkbook(template);
    for (const spec of SHEETS) {
      const ws = wb.sheet(spec.id);
      if (spec.layout === 'table') {
        expect(ws.rowCount, spec.name).toBe(2);
        expect(ws.getRow(2).getCell(1).value).toBe(spec.columns[0]!.key);
      } else {
        expect(ws.rowCount, spec.name).toBe(2 + spec.columns.length);
      }
    }
    const back = await parse(template);
    expect(back.edition).toBeNull();
    const fiscal = back.errors.find((e) => e.field === 'fiscal_year')!;
    expect(at(fiscal)).toEqual(['ข้อมูลทั่วไป', 3, 'C', 'fiscal_year']);
    expect(fiscal.message_th).toBe('แผ่นงาน "ข้อมูลทั่วไป" แถว 3 คอลัมน์ C (ปีงบประมาณ (พ.ศ.)): ต้องกรอก (ช่องนี้ว่างอยู่)');
    expect(fiscal.message_en).toBe(
      'sheet "ข้อมูลทั่วไป", row 3, column C (fiscal_year): required (the cell is empty)',
    );
    expect(back.errors.find((e) => e.sheet === 'ตัวชี้วัด')!.message_en).toMatch(/needs at least 1 row/);
  });

  it('reads columns moved around, and by their Thai header when the key row is gone', async () => {
    const bytes = await edited((wb) => {
      const ws = wb.sheet('indicators');
      // Swap the first two columns (number, instrument), headers and all.
      for (let r = 1; r <= ws.rowCount; r++) {
        const row = ws.getRow(r);
        const a = row.getCell(1).value;
        row.getCell(1).value = row.getCell(2).value;
        row.getCell(2).value = a;
      }
      // No key row on the instruments sheet: the Thai headers (with their *) are enough.
      wb.sheet('instruments').getRow(2).values = [];
    });
    const back = await parse(bytes);
    expect(back.errors).toEqual([]);
    expect(back.edition!.indicators).toEqual(e2566.indicators);
    expect(back.edition!.instruments).toEqual(e2566.instruments);
  });

  it('fills empty provenance with medium and a source row it adds, and says so', async () => {
    const bytes = await edited((wb) => {
      const row = wb.rowWhere('questions', 'code', 'i1');
      wb.set('questions', row, 'confidence', null);
      wb.set('questions', row, 'source', null);
      const o1 = wb.rowWhere('questions', 'code', 'o1');
      wb.set('questions', o1, 'text_th', null);
      wb.set('questions', o1, 'missing', null);
    });
    const back = await parse(bytes);
    expect(back.errors).toEqual([]);
    const i1 = back.edition!.questions.find((q) => q.code === 'i1')!;
    expect(i1.confidence).toBe('medium');
    expect(i1.source).toEqual([DEFAULT_SOURCE_ID]);
    expect(back.edition!.sources.at(-1)).toMatchObject({
      id: DEFAULT_SOURCE_ID,
      title: 'ไฟล์กรอบการประเมินที่ผู้ดูแลระบบนำเข้า',
    });
    const o1 = back.edition!.questions.find((q) => q.code === 'o1')!;
    expect(o1.text_th).toBeNull();
    expect(o1.missing).toMatch(/ไม่มีถ้อยคำ/);
    expect(back.warnings.map((w) => w.message_en)).toEqual([
      expect.stringMatching(/ข้อคำถาม.*empty confidence cells: 1 \(medium is used\); empty source cells: 1/),
      expect.stringMatching(/questions without wording: 1 /),
    ]);
  });

  it('diffs a changed file against the current revision, part by part', async () => {
    const bytes = await edited((wb) => {
      wb.setValue('general', 'title_en', 'ITA 2566 (revised)');
      wb.set('questions', wb.rowWhere('questions', 'code', 'e11'), 'text_th', 'ถ้อยคำใหม่ของข้อ e11');
      wb.addRow('questions', {
        code: 'o44',
        instrument: 'OIT',
        indicator: 10,
        text_th: 'ข้อใหม่',
        answer_type: 'disclosure',
      });
    });
    const back = await parse(bytes);
    expect(back.errors).toEqual([]);
    expect(diffEditions(e2566, back.edition!)).toEqual([
      { part: 'general', added: [], removed: [], changed: ['title_en'] },
      { part: 'questions', added: ['o44'], removed: [], changed: ['e11'] },
      { part: 'sources', added: [DEFAULT_SOURCE_ID], removed: [], changed: [] },
    ]);
  });
});

describe('framework workbook: bad input is refused with its place', () => {
  const only = async (bytes: Uint8Array) => {
    const back = await parse(bytes);
    expect(back.edition).toBeNull();
    return back.errors;
  };

  it('an unknown indicator under a question: sheet, row, column and field', async () => {
    let row = 0;
    const errors = await only(
      await edited((wb) => {
        row = wb.rowWhere('questions', 'code', 'i5');
        wb.set('questions', row, 'indicator', 11);
      }),
    );
    expect(errors).toHaveLength(1);
    expect(at(errors[0]!)).toEqual(['ข้อคำถาม', row, 'D', 'indicator']);
    expect(errors[0]!.message_th).toBe(`แผ่นงาน "ข้อคำถาม" แถว ${row} คอลัมน์ D (ตัวชี้วัดที่): ไม่มีตัวชี้วัดที่ 11`);
    expect(errors[0]!.message_en).toBe(
      `sheet "ข้อคำถาม", row ${row}, column D (indicator): unknown indicator 11`,
    );
  });

  it('a duplicate question code and an unknown code in a group', async () => {
    let row = 0;
    let groupRow = 0;
    const errors = await only(
      await edited((wb) => {
        row = wb.rowWhere('questions', 'code', 'i6');
        wb.set('questions', row, 'code', 'i5');
        wb.set('questions', row, 'display_code', 'i5');
        groupRow = 3;
        wb.set('groupings', groupRow, 'questions', 'i1, i99');
      }),
    );
    expect(errors.map(at)).toEqual(
      expect.arrayContaining([
        ['ข้อคำถาม', row, 'A', 'code'],
        ['การจัดกลุ่มประเด็น', groupRow, 'G', 'questions'],
      ]),
    );
    expect(errors.map((e) => e.message_en).join('\n')).toMatch(
      /duplicate question code i5[\s\S]*unknown question code i99/,
    );
  });

  it('weights that do not sum to 100: the weight column of the instruments sheet', async () => {
    const errors = await only(
      await edited((wb) => {
        wb.set('instruments', wb.rowWhere('instruments', 'code', 'OIT'), 'weight_percent', 50);
      }),
    );
    expect(errors.map(at)).toEqual([['แบบวัด', null, 'E', 'weight_percent']]);
    expect(errors[0]!.message_en).toMatch(/weights sum to 110, not 100/);
    expect(errors[0]!.message_th).toMatch(/ผลรวมค่าน้ำหนักเป็น 110/);
  });

  it('a level rule leaving totals without a level, or giving them two', async () => {
    let row = 0;
    const gap = await only(
      await edited((wb) => {
        row = wb.rowWhere('levels', 'code', 'needs-improvement');
        wb.set('levels', row, 'max_total', 80);
      }),
    );
    expect(gap.map(at)).toEqual([['ระดับผลการประเมิน', row, 'E', 'max_total']]);
    expect(gap[0]!.message_en).toMatch(/totals from 80.01 to 84.99 are given no level/);
    expect(gap[0]!.message_th).toMatch(/คะแนนรวมตั้งแต่ 80.01 ถึง 84.99 ไม่มีระดับใดรองรับ/);

    const overlap = await only(
      await edited((wb) => {
        wb.set('levels', wb.rowWhere('levels', 'code', 'urgent-improvement'), 'max_total', 75);
      }),
    );
    expect(overlap[0]!.message_en).toMatch(
      /totals from 70.00 to 75.00 would get two levels: needs-improvement and urgent-improvement/,
    );

    const unreachable = await only(
      await edited((wb) => {
        // ผ่าน (total 85+) before ผ่านดี (every instrument 85+): ผ่านดี can never be given.
        const good = wb.rowWhere('levels', 'code', 'good');
        const pass = wb.rowWhere('levels', 'code', 'pass');
        for (const key of ['code', 'name_th', 'name_en', 'min_each_instrument', 'confidence', 'note']) {
          const a = wb.get('levels', good, key);
          wb.set('levels', good, key, wb.get('levels', pass, key) ?? null);
          wb.set('levels', pass, key, a ?? null);
        }
        wb.set('levels', good, 'max_total', null);
        wb.set('levels', pass, 'max_total', null);
      }),
    );
    expect(unreachable.map((e) => e.message_en).join('\n')).toMatch(/level good can never be reached/);
  });

  it('a mapping to codes that exist in neither edition', async () => {
    let rows: number[] = [];
    const errors = await only(
      await edited((wb) => {
        rows = [
          wb.addRow('mappings', { from_fiscal_year: 2565, code: 'i1', from_code: 'i1' }),
          wb.addRow('mappings', { from_fiscal_year: 2565, code: 'i77', from_code: 'i1' }),
          wb.addRow('mappings', { from_fiscal_year: 2565, code: 'i2', from_code: 'i88' }),
        ];
      }),
    );
    expect(errors.map(at)).toEqual([
      ['เทียบข้อกับปีก่อน', rows[1], 'B', 'code'],
      ['เทียบข้อกับปีก่อน', rows[2], 'C', 'from_code'],
    ]);
    expect(errors[1]!.message_en).toMatch(/question i88 does not exist in the 2565 edition/);
  });

  it('English wording in a Thai column', async () => {
    let row = 0;
    const errors = await only(
      await edited((wb) => {
        row = wb.rowWhere('questions', 'code', 'e11');
        wb.set('questions', row, 'text_th', 'Does the agency publish its procurement plan?');
      }),
    );
    expect(errors.map(at)).toEqual([['ข้อคำถาม', row, 'F', 'text_th']]);
    expect(errors[0]!.message_th).toMatch(/ช่องภาษาไทยมีข้อความที่ไม่ใช่ภาษาไทย/);
  });

  it('a value that is not a number is reported once, at its cell', async () => {
    let row = 0;
    const errors = await only(
      await edited((wb) => {
        row = wb.rowWhere('instruments', 'code', 'IIT');
        wb.set('instruments', row, 'weight_percent', 'สามสิบ');
      }),
    );
    expect(errors.map(at)).toEqual([['แบบวัด', row, 'E', 'weight_percent']]);
    expect(errors[0]!.message_en).toMatch(/must be a number, found "สามสิบ"/);
  });

  it('a sub-item or other wording of a question that is not there', async () => {
    let row = 0;
    const errors = await only(
      await edited((wb) => {
        row = wb.addRow('subItems', {
          question: 'i99',
          code: 'i99.1',
          text_th: 'ข้อย่อย',
          reverse_scored: false,
        });
      }),
    );
    expect(errors.map(at)).toEqual([['ข้อย่อย', row, 'A', 'question']]);
    expect(errors[0]!.message_en).toMatch(/no question i99 in sheet "ข้อคำถาม"/);
  });

  it('formulas, merged cells, dates in code columns and hidden sheets', async () => {
    const hidden = await only(
      await edited((wb) => {
        wb.set('instruments', 3, 'weight_percent', { formula: '10*3', result: 30 } as never);
        wb.workbook.getWorksheet('คำแนะนำ')!.state = 'hidden';
      }),
    );
    expect(hidden.map((e) => e.message_en)).toEqual([
      expect.stringMatching(/sheet "คำแนะนำ" is hidden; unhide \(or delete\) it/),
      expect.stringMatching(/cell E3 in sheet "แบบวัด" holds a formula/),
    ]);
    const cells = await only(
      await edited((wb) => {
        wb.set('instruments', 3, 'weight_percent', { formula: '10*3', result: 30 } as never);
        wb.sheet('sources').mergeCells('F3:G3');
      }),
    );
    expect(cells.map(at)).toEqual([
      ['แบบวัด', 3, 'E', null],
      ['แหล่งข้อมูล', 3, 'F', null],
    ]);
    expect(cells[0]!.message_en).toMatch(/cell E3 in sheet "แบบวัด" holds a formula/);
    expect(cells[1]!.message_en).toMatch(/cells F3:G3 in sheet "แหล่งข้อมูล" are merged/);
    const date = await only(
      await edited((wb) => {
        // What Excel does to a 9.1 typed into a General cell.
        wb.set('subIndicators', 3, 'code', new Date(Date.UTC(2024, 0, 9)));
        wb.sheet('subIndicators').getRow(3).getCell(1).numFmt = 'd-mmm';
      }),
    );
    expect(date.map(at)).toEqual([['ตัวชี้วัดย่อย', 3, 'A', 'code']]);
    expect(date[0]!.message_en).toMatch(/this cell holds a date \(Excel may turn 9.1 into a date\)/);
  });

  it('a missing sheet, a file that is not a workbook, and too many rows', async () => {
    const noLevels = await only(
      await edited((wb) => {
        wb.workbook.removeWorksheet(wb.sheet('levels').id);
      }),
    );
    expect(noLevels[0]!.message_en).toMatch(/no sheet "ระดับผลการประเมิน" \(Levels\), which is required/);

    const pdf = new TextEncoder().encode('%PDF-1.4 not a workbook');
    expect((await only(pdf))[0]!.message_en).toMatch(/is not an Excel workbook/);

    const tall = await only(
      await edited((wb) => {
        const ws = wb.sheet('facts');
        for (let i = 0; i < FRAMEWORK_LIMITS.rowsPerSheet + 1; i++) ws.addRow([`fact-${i}`]);
      }),
    );
    expect(tall[0]!.message_en).toMatch(/sheet "ข้อเท็จจริง" has 5003 rows, more than 5000/);
  });

  it('lists the first errors and counts the rest', async () => {
    const errors = await only(
      await edited((wb) => {
        const ws = wb.sheet('questions');
        const c = wb.columnOf('questions', 'indicator');
        for (let r = 3; r <= ws.rowCount; r++) ws.getRow(r).getCell(c).value = 99;
      }),
    );
    expect(errors.filter((e) => /unknown indicator 99$/.test(e.message_en))).toHaveLength(
      e2566.questions.length,
    );
    const bounded = boundIssues(Array.from({ length: 250 }, () => errors[0]!));
    expect([bounded.listed.length, bounded.more]).toEqual([FRAMEWORK_LIMITS.listedErrors, 50]);
  });
});

/** A one-entry zip whose entry inflates to `size` bytes of zeros but may declare another size. */
function zipWith(size: number, declared = size): Uint8Array {
  const name = Buffer.from('xl/workbook.xml');
  const data = deflateRawSync(Buffer.alloc(size));
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const directoryOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(directoryOffset, 16);
  return new Uint8Array(Buffer.concat([local, name, data, central, name, end]));
}

describe('zip guard', () => {
  const limits = { maxEntries: 10, maxInflatedBytes: 1024 * 1024 };

  it('accepts a workbook and counts what it inflates to', async () => {
    const check = checkZip(exported2566, { maxEntries: 200, maxInflatedBytes: 40 * 1024 * 1024 });
    expect(check.ok).toBe(true);
    expect(check.ok && check.inflatedBytes).toBeGreaterThan(exported2566.byteLength);
  });

  it('refuses an archive that declares more than the limit', () => {
    const check = checkZip(zipWith(2 * 1024 * 1024), limits);
    expect(check).toMatchObject({
      ok: false,
      message_en: expect.stringMatching(/inflates to more than 1 MB/),
    });
  });

  it('refuses an entry that inflates beyond what it declares (a zip bomb), without inflating it all', () => {
    const bomb = zipWith(50 * 1024 * 1024, 1000);
    expect(bomb.byteLength).toBeLessThan(100 * 1024);
    const check = checkZip(bomb, limits);
    expect(check).toMatchObject({ ok: false, message_en: expect.stringMatching(/zip bomb/) });
  });

  it.each(['../../../tmp/x', '/etc/cron.d/x', 'xl\\..\\..\\x', 'C:/x'])(
    'refuses an entry named %s, which points outside the package',
    async (entry) => {
      const zip = await JSZip.loadAsync(exported2566);
      zip.file(entry, 'x');
      const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
      const check = checkZip(bytes, { maxEntries: 200, maxInflatedBytes: 40 * 1024 * 1024 });
      expect(check).toMatchObject({
        ok: false,
        // jszip adds the folders of the name as entries too (`../`), the first is named.
        message_en: expect.stringMatching(/an entry named ".*" that points outside the package/),
      });
    },
  );

  it('refuses it through the import too, before exceljs reads anything', async () => {
    const back = await parse(zipWith(50 * 1024 * 1024, 1000));
    expect(back.errors[0]!.message_en).toMatch(
      /file "framework.xlsx": an entry inflates beyond its declared size/,
    );
  });
});

describe('sheet layout', () => {
  it('names every sheet within Excel’s 31 characters and gives every column Thai and English help', () => {
    for (const spec of SHEETS) {
      expect(spec.name.length, spec.name).toBeLessThanOrEqual(31);
      for (const c of spec.columns) {
        expect(c.help_th, `${spec.id}.${c.key}`).toMatch(/\S/);
        expect(c.help_en, `${spec.id}.${c.key}`).toMatch(/\S/);
      }
    }
    expect(
      sheetSpec('questions')
        .columns.slice(0, 7)
        .map((c) => c.key),
    ).toEqual(['code', 'display_code', 'instrument', 'indicator', 'sub_indicator', 'text_th', 'answer_type']);
  });
});
