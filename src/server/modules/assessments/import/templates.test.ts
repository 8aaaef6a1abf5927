import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readTabularFile } from './decode-file.ts';
import { listEditionCodes } from './edition-codes.ts';
import { edition } from './fixtures.testutil.ts';
import { parseImportFile } from './import-file.ts';
import { interpretRows } from './interpret-rows.ts';
import {
  buildLongTemplate,
  buildWideTemplate,
  CSV_MIME,
  DATA_SHEET,
  HELP_SHEET,
  XLSX_MIME,
} from './templates.ts';

const YEARS = [2566, 2568];

async function parse(bytes: Uint8Array, fileName: string, year: number, organizationCode?: string) {
  return parseImportFile(bytes, fileName, { edition: edition(year), organizationCode });
}

async function loadWorkbook(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as never);
  return wb;
}

describe.each(YEARS)('templates of %i round-trip', (year) => {
  const ed = edition(year);
  const codes = listEditionCodes(ed);

  it('lists every code of the edition once', () => {
    const keys = codes.map((c) => `${c.scope}:${c.code}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(codes.filter((c) => c.scope === 'question')).toHaveLength(ed.questions.length);
    expect(codes.filter((c) => c.scope === 'indicator')).toHaveLength(ed.indicators.length);
    expect(codes.filter((c) => c.scope === 'sub_indicator')).toHaveLength(ed.sub_indicators.length);
    expect(codes.filter((c) => c.scope === 'instrument')).toHaveLength(ed.instruments.length);
    expect(codes[0]).toMatchObject({ scope: 'total', code: 'ITA' });
  });

  it('long CSV: UTF-8 BOM, every code, parses untouched without errors', async () => {
    const file = await buildLongTemplate(ed, 'csv');
    expect(file).toMatchObject({ fileName: `ita-${year}-scores-long.csv`, mimeType: CSV_MIME });
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(file.bytes);
    expect(text).toContain('ตัวชี้วัดที่ 4,การใช้ทรัพย์สินของราชการ');
    const result = await parse(file.bytes, file.fileName, year, 'ORG-1');
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.format).toBe('long');
    // Untouched rows give nothing: an empty cell is "not given", never "not assessed".
    expect(result.organizations.flatMap((o) => o.scores)).toEqual([]);
  });

  it('long CSV: filled in, the scores come back', async () => {
    const file = await buildLongTemplate(ed, 'csv', { organizationCode: 'ORG-1' });
    const lines = new TextDecoder()
      .decode(file.bytes)
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    const filled = lines.map((line, i) => {
      if (i === 0 || line === '') return line;
      const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''));
      cells[4] = '๘๐';
      return cells.slice(0, 9).join(',');
    });
    const bytes = new TextEncoder().encode(`\uFEFF${filled.join('\r\n')}`);
    const result = await parse(bytes, 'filled.csv', year);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.organizations).toHaveLength(1);
    expect(result.organizations[0]!.code).toBe('ORG-1');
    expect(result.organizations[0]!.scores.every((s) => s.score === 80)).toBe(true);
  });

  it('long XLSX: frozen header, widths, a visible explanation sheet; parses untouched and filled', async () => {
    const file = await buildLongTemplate(ed, 'xlsx');
    expect(file).toMatchObject({ fileName: `ita-${year}-scores-long.xlsx`, mimeType: XLSX_MIME });
    const wb = await loadWorkbook(file.bytes);
    expect(wb.worksheets.map((s) => [s.name, s.state])).toEqual([
      [DATA_SHEET, 'visible'],
      [HELP_SHEET, 'visible'],
    ]);
    const ws = wb.getWorksheet(DATA_SHEET)!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(4).width).toBe(60);
    expect(ws.rowCount).toBe(codes.length + 1);
    const help = wb.getWorksheet(HELP_SHEET)!;
    const helpText = help.getSheetValues().flat().join(' ');
    expect(helpText).toContain('รหัสหน่วยงาน');
    expect(helpText).toContain('organisation code');

    const untouched = await parse(file.bytes, file.fileName, year, 'ORG-1');
    expect(untouched.errors).toEqual([]);
    expect(untouched.warnings).toEqual([]);
    // An untouched template gives nothing: empty cells are "not given", never "not assessed".
    expect(untouched.organizations.flatMap((o) => o.scores)).toEqual([]);

    for (let r = 2; r <= ws.rowCount; r++) ws.getCell(r, 5).value = 75.5;
    const filled = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const result = await parse(filled, 'filled.xlsx', year, 'ORG-1');
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.organizations[0]!.scores).toHaveLength(codes.length);
    expect(result.organizations[0]!.scores.every((s) => s.score === 75.5)).toBe(true);
  });

  it('wide CSV and XLSX: one column per code, one row per organisation; untouched and filled parse', async () => {
    for (const format of ['csv', 'xlsx'] as const) {
      const file = await buildWideTemplate(ed, ['ORG-1', 'ORG-2'], format);
      expect(file.fileName).toBe(`ita-${year}-scores-wide.${format}`);
      const read = await readTabularFile(file.bytes, file.fileName);
      if (!read.ok) throw new Error(JSON.stringify(read.errors));
      const rows = read.sheets[0]!.rows;
      expect(rows[0]).toEqual(['organization_code', 'fiscal_year', ...codes.map((c) => c.label), 'level']);
      const untouched = interpretRows(rows, { edition: ed });
      expect(untouched.errors).toEqual([]);
      expect(untouched.warnings).toEqual([]);
      expect(untouched.format).toBe('wide');
      expect(untouched.organizations.map((o) => [o.code, o.scores.length])).toEqual([
        ['ORG-1', 0],
        ['ORG-2', 0],
      ]);
      const filled = rows.map((row, i) =>
        i === 0 ? row : [...row.slice(0, 2), ...codes.map(() => 90), 'ผ่านดีเยี่ยม'],
      );
      const result = interpretRows(filled, { edition: ed });
      expect(result.errors).toEqual([]);
      expect(result.warnings).toEqual([]);
      expect(result.organizations[1]!.scores).toHaveLength(codes.length);
      expect(result.organizations[1]!.scores.every((s) => s.score === 90)).toBe(true);
      expect(result.organizations[1]!.statedLevel).toBe('ผ่านดีเยี่ยม');
    }
  });

  it('wide XLSX freezes the header row and the organisation column', async () => {
    const file = await buildWideTemplate(ed, ['ORG-1'], 'xlsx');
    const ws = (await loadWorkbook(file.bytes)).worksheets[0]!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
    expect(ws.getColumn(1).width).toBe(18);
  });
});

describe('template order and help text', () => {
  it.each([2566, 2568, 2569])(
    '%i follows the edition: instrument, indicator, sub-indicator, then number (O1 first)',
    (year) => {
      const ed = edition(year);
      const codes = listEditionCodes(ed);
      const labels = codes.map((c) => c.label);
      for (const instrument of ['IIT', 'EIT', 'OIT']) {
        const numbers = codes
          .filter(
            (c) =>
              c.scope === 'question' &&
              ed.questions.find((q) => q.code === c.code)!.instrument === instrument,
          )
          .map((c) => Number(c.code.slice(1)));
        expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      }
      // Each sub-indicator comes right before its first question, and after its indicator.
      for (const sub of ed.sub_indicators) {
        const first = ed.questions
          .filter((q) => q.sub_indicator === sub.code)
          .sort((a, b) => Number(a.code.slice(1)) - Number(b.code.slice(1)))[0];
        const at = labels.indexOf(`ตัวชี้วัดย่อยที่ ${sub.code}`);
        expect(at).toBeGreaterThan(labels.indexOf(`ตัวชี้วัดที่ ${sub.indicator}`));
        if (first) expect(labels[at + 1]).toBe(first.display_code);
      }
      const nine = labels.indexOf('ตัวชี้วัดที่ 9');
      expect(labels.slice(nine + 1, nine + 3)).toEqual(['ตัวชี้วัดย่อยที่ 9.1', 'O1']);
      const lastOfNine = ed.questions.filter((q) => q.indicator === 9).at(-1)!;
      expect(labels.indexOf(lastOfNine.display_code)).toBeLessThan(labels.indexOf('ตัวชี้วัดที่ 10'));
    },
  );

  it('names a question without wording by its code and indicator, never empty nor an agency heading', () => {
    const ed = structuredClone(edition(2568));
    const o25 = ed.questions.find((q) => q.code === 'o25')!;
    delete o25.sub_indicator;
    Object.assign(o25, {
      text_th: null,
      missing: 'not found',
      text_th_as_found: 'รายงานผลการดำเนินการของกระทรวงคมนาคม ประจำปีงบประมาณ พ.ศ. 2569',
    });
    const o1 = ed.questions.find((q) => q.code === 'o1')!;
    Object.assign(o1, { text_th: null, missing: 'not found', sub_indicator: '9.1' });
    const names = new Map(listEditionCodes(ed).map((c) => [c.label, c.name_th]));
    expect(names.get('O25')).toBe(`O25 (ตัวชี้วัดที่ ${o25.indicator} การป้องกันการทุจริต)`);
    expect(names.get('O1')).toBe('O1 (ตัวชี้วัดย่อยที่ 9.1 ข้อมูลพื้นฐาน)');
    for (const year of YEARS) {
      for (const c of listEditionCodes(edition(year))) {
        expect(c.name_th).not.toBe('');
        expect(c.name_th).not.toMatch(/กระทรวง/);
      }
    }
  });
});

describe('a template of one year imported as another', () => {
  it('is refused by the fiscal-year column', async () => {
    const file = await buildLongTemplate(edition(2566), 'csv', { organizationCode: 'A' });
    const result = await parse(file.bytes, file.fileName, 2567);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.message_en).toBe(
      `fiscal year 2566 (rows 2–${listEditionCodes(edition(2566)).length + 1}) is not the year being imported (2567)`,
    );
  });

  it('is refused by the codes when a 2566 template meets the 2568 edition: it mixes editions', async () => {
    const file = await buildWideTemplate(edition(2566), ['A'], 'xlsx');
    const result = await parseImportFile(file.bytes, file.fileName, {
      edition: edition(2568),
      fiscalYear: 2566,
      otherEditions: [edition(2566), edition(2567)],
    });
    const mixed = result.errors.find((e) => e.message_en.startsWith('mixed editions in one file'));
    expect(mixed?.message_en).toMatch(/O27, O28, .* do not exist in the 2568 edition but do in 2566, 2567/);
    expect(mixed?.message_th).toMatch(/^ไฟล์นี้ปนกรอบการประเมินหลายปี: รหัส O27/);
  });
});

describe('parseImportFile', () => {
  it('turns file problems into issues with row and sheet!cell', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('ผล');
    ws.addRow(['code', 'score']);
    ws.addRow(['ITA', { formula: '1+1', result: 2 }]);
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const result = await parse(bytes, 'f.xlsx', 2566, 'A');
    expect(result.format).toBeNull();
    expect(result.errors).toEqual([expect.objectContaining({ row: 2, column: 'ผล!B2' })]);
  });

  it('reads a Windows-874 semicolon CSV with Thai digits end to end', async () => {
    const { encodeTis620 } = await import('./fixtures.testutil.ts');
    const text = 'รหัส;คะแนน;ผลการประเมิน\r\nคะแนนรวม;๙๖,๕๒;\r\n๐๑๔;๑๐๐;มี\r\n';
    const result = await parse(encodeTis620(text), 'old.csv', 2566, 'A');
    expect(result.errors).toEqual([]);
    expect(result.organizations[0]!.scores).toEqual([
      { scope: 'total', code: 'ITA', score: 96.52, passed: null, reason: null, recommendation: null },
      { scope: 'question', code: 'o14', score: 100, passed: true, reason: null, recommendation: null },
    ]);
  });
});
