import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Workbook } from '../model.ts';
import {
  estimateLines,
  LINE_HEIGHT_PT,
  MAX_ROW_HEIGHT_PT,
  MIN_ROW_HEIGHT_PT,
  renderXlsx,
  rowHeight,
  safeCellText,
  sheetNames,
  THAI_WIDTH_FACTOR,
} from './render-xlsx.ts';

const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
const SAMPLE = path.join(repoRoot, 'test-output/documents/sample.xlsx');

const LONG_MEASURE =
  'จัดทำคู่มือการปฏิบัติงานเรื่องการเปิดเผยข้อมูลสาธารณะและเผยแพร่บนเว็บไซต์ของหน่วยงาน ' +
  'พร้อมทั้งชี้แจงแนวทางให้บุคลากรทุกระดับรับทราบและถือปฏิบัติอย่างเคร่งครัด';

const workbook = (): Workbook => ({
  title: 'ผลการประเมิน ITA ปีงบประมาณ 2568',
  sheets: [
    {
      name: 'ผลการประเมินรายตัวชี้วัด: ตัวชี้วัดที่ 1-10 [สรุป]',
      heading: ['ผลการประเมิน ITA ปีงบประมาณ 2568', 'องค์การบริหารส่วนตำบลตัวอย่าง'],
      columns: [
        { header: 'ตัวชี้วัด', width: 30, type: 'text' },
        { header: 'คะแนน', width: 10, type: 'decimal' },
        { header: 'จำนวนข้อ', width: 10, type: 'integer' },
        { header: 'สัดส่วน', width: 10, type: 'percent' },
        { header: 'วันที่ประเมิน', width: 14, type: 'date' },
      ],
      rows: [
        ['การปฏิบัติหน้าที่', 92.5, 1234, 0.8512, new Date('2024-04-26T10:00:00+07:00')],
        // 23:30 in Bangkok is still 1 October there, though already 16:30 UTC.
        [LONG_MEASURE, 71.25, 12, 0.5, new Date('2024-10-01T23:30:00+07:00')],
        ['=HYPERLINK("http://x","คลิก")', null, null, null, null],
        ['-', 0, 0, 0, null],
      ],
    },
    {
      name: 'ผลการประเมินรายตัวชี้วัด: ตัวชี้วัดที่ 1-10 [สรุป]',
      heading: ['มาตรการ'],
      columns: [{ header: 'มาตรการ', width: 40, type: 'text' }],
      rows: [['เผยแพร่ข้อมูล\nบนเว็บไซต์']],
    },
  ],
});

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

describe('renderXlsx', () => {
  it('writes Thai sheets with a frozen header, widths, row heights and Thai-digit formats', async () => {
    const bytes = await renderXlsx(workbook(), { digits: 'thai' });
    fs.mkdirSync(path.dirname(SAMPLE), { recursive: true });
    fs.writeFileSync(SAMPLE, bytes);

    const wb = await readBack(bytes);
    expect(wb.creator).toBe('Prongsai');
    expect(wb.title).toBe('ผลการประเมิน ITA ปีงบประมาณ 2568');
    expect(wb.created).toBeInstanceOf(Date);

    const names = wb.worksheets.map((ws) => ws.name);
    // Cut at a word boundary, never inside ตัวชี้วัด.
    expect(names).toEqual(['ผลการประเมินรายตัวชี้วัด', 'ผลการประเมินรายตัวชี้วัด (2)']);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
    }

    const ws = wb.worksheets[0]!;
    // Heading lines, then the header row on row 3, frozen below it.
    expect(ws.getCell('A1').value).toBe('ผลการประเมิน ITA ปีงบประมาณ ๒๕๖๘');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('A1').font?.size).toBeGreaterThan(ws.getCell('A2').font!.size!);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    const headerCell = ws.getCell('B3');
    expect(headerCell.value).toBe('คะแนน');
    expect(headerCell.font).toMatchObject({ bold: true, name: 'TH Sarabun New', size: 16 });
    expect(headerCell.fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    expect(headerCell.alignment?.wrapText).toBe(true);
    expect(headerCell.border?.bottom?.style).toBe('thin');

    expect(ws.getColumn(1).width).toBeCloseTo(30 * THAI_WIDTH_FACTOR + 1, 1);
    expect(ws.getColumn(2).width).toBeCloseTo(10 * THAI_WIDTH_FACTOR + 1, 1);

    // The long measure wraps over several lines: its row is at least that tall.
    const longRow = ws.getRow(5);
    const lines = estimateLines(LONG_MEASURE, 30);
    expect(lines).toBeGreaterThanOrEqual(4);
    expect(longRow.height).toBeGreaterThanOrEqual(lines * LINE_HEIGHT_PT);
    expect(ws.getCell('A5').alignment?.wrapText).toBe(true);
    expect(ws.getRow(4).height).toBeGreaterThanOrEqual(MIN_ROW_HEIGHT_PT);

    // Numbers stay numbers, shown in Thai digits.
    expect(ws.getCell('B4').value).toBe(92.5);
    expect(ws.getCell('B4').numFmt).toBe('[$-D00041E]#,##0.00');
    expect(ws.getCell('C4').numFmt).toBe('[$-D00041E]#,##0');
    expect(ws.getCell('D4').numFmt).toBe('[$-D00041E]0.00%');

    // Dates are Excel dates (they sort), the Bangkok calendar day, shown in the Buddhist era.
    const date = ws.getCell('E4');
    expect(date.type).toBe(ExcelJS.ValueType.Date);
    expect(date.value).toEqual(new Date(Date.UTC(2024, 3, 26)));
    expect(date.numFmt).toBe('[$-D07041E]d mmm yyyy');
    expect(ws.getCell('E5').value).toEqual(new Date(Date.UTC(2024, 9, 1)));

    // Formula-like text stays text, neutralised; a lone dash is left as it is.
    const injected = ws.getCell('A6');
    expect(injected.type).toBe(ExcelJS.ValueType.String);
    expect(injected.formula).toBeUndefined();
    expect(injected.value).toBe('\'=HYPERLINK("http://x","คลิก")');
    expect(ws.getCell('A7').value).toBe('-');

    // The second sheet: explicit newlines count as lines.
    const second = wb.worksheets[1]!;
    expect(second.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(second.getRow(3).height).toBeGreaterThanOrEqual(2 * LINE_HEIGHT_PT);
  });

  it('uses plain formats with Arabic digits, dates still in the Buddhist era', async () => {
    const wb = await readBack(await renderXlsx(workbook(), { digits: 'arabic' }));
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('ผลการประเมิน ITA ปีงบประมาณ 2568');
    expect(ws.getCell('B4').numFmt).toBe('#,##0.00');
    expect(ws.getCell('C4').numFmt).toBe('#,##0');
    expect(ws.getCell('D4').numFmt).toBe('0.00%');
    for (const cell of ['B4', 'C4', 'D4', 'E4']) expect(ws.getCell(cell).numFmt).not.toMatch(/\[\$-D/);
    expect(ws.getCell('E4').type).toBe(ExcelJS.ValueType.Date);
    expect(ws.getCell('E4').numFmt).toBe('[$-107041E]d mmm yyyy');
  });
});

describe('text cells', () => {
  const URL = 'https://www.example.go.th/ita/2568/o1';
  const book = (): Workbook => ({
    title: 'รายงาน รอบ 6 เดือน',
    sheets: [
      {
        name: 'รอบ 6 เดือน',
        heading: ['รายงานผล รอบ 6 เดือน', `ดูที่ ${URL}`],
        columns: [
          { header: 'ขั้นตอนที่ 1', width: 30, type: 'text' },
          { header: 'ชื่อไฟล์', width: 20, type: 'literal' },
          { header: 'จำนวน', width: 10, type: 'integer' },
        ],
        rows: [[`ตัวชี้วัดที่ 1 (อ้างถึง ${URL}) ปี 2568`, 'รายงาน 2568.pdf', 12]],
      },
    ],
  });

  it('are written in Thai digits when chosen, except addresses and literal columns', async () => {
    const wb = await readBack(await renderXlsx(book(), { digits: 'thai' }));
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('รอบ ๖ เดือน');
    expect(ws.getCell('A1').value).toBe('รายงานผล รอบ ๖ เดือน');
    expect(ws.getCell('A2').value).toBe(`ดูที่ ${URL}`);
    expect(ws.getCell('A3').value).toBe('ขั้นตอนที่ ๑');
    expect(ws.getCell('A4').value).toBe(`ตัวชี้วัดที่ ๑ (อ้างถึง ${URL}) ปี ๒๕๖๘`);
    expect(ws.getCell('B4').value).toBe('รายงาน 2568.pdf');
    // Numbers stay numbers.
    expect(ws.getCell('C4').value).toBe(12);
  });

  it('keep their Arabic digits when Arabic digits are chosen', async () => {
    const wb = await readBack(await renderXlsx(book(), { digits: 'arabic' }));
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('รอบ 6 เดือน');
    expect(ws.getCell('A4').value).toBe(`ตัวชี้วัดที่ 1 (อ้างถึง ${URL}) ปี 2568`);
  });
});

describe('row heights', () => {
  // One ICU word, about 11 characters wide: two never share a line 16 characters wide.
  const WORD = 'ประชาสัมพันธ์';

  it('wrap word by word, as a spreadsheet wraps, so a word that does not fit starts a line', () => {
    expect(estimateLines(Array(6).fill(WORD).join(' '), 16)).toBe(6);
    expect(estimateLines(WORD, 16)).toBe(1);
    // Line feeds count, and each line wraps on its own.
    expect(estimateLines(`${WORD} ${WORD}\n${WORD}`, 16)).toBe(3);
    expect(estimateLines('a\n\nb', 10)).toBe(3);
    // Marks above and below take no room: 30 consonants with marks fill what 30 without do.
    expect(estimateLines('กี่'.repeat(30), 30)).toBe(estimateLines('ก'.repeat(30), 30));
    // An address longer than a line is cut between characters.
    const address = 'https://www.example.go.th/ita/2568/evidence/measure-1/unit-2/report.pdf';
    expect(estimateLines(address, 20)).toBeGreaterThanOrEqual(Math.ceil(address.length / 20));
    // Wide Latin capitals take more room than their count says.
    expect(estimateLines('0'.repeat(16), 20)).toBe(1);
    expect(estimateLines('W'.repeat(16), 20)).toBe(2);
  });

  it('are set by the tallest cell of the row, in any column, and never over Excel’s limit', async () => {
    const words = Array(6).fill(WORD).join(' ');
    const wb = await readBack(
      await renderXlsx(
        {
          title: 'x',
          sheets: [
            {
              name: 'x',
              heading: [],
              columns: [
                { header: 'ก', width: 30, type: 'text' },
                { header: 'ข', width: 16, type: 'text' },
                { header: 'ค', width: 10, type: 'integer' },
              ],
              rows: [
                ['สั้น', words, 1],
                ['สั้น', Array(200).fill(WORD).join(' '), 2],
              ],
            },
          ],
        },
        { digits: 'thai' },
      ),
    );
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).height).toBe(rowHeight(6));
    expect(ws.getRow(2).height).toBeGreaterThanOrEqual(6 * LINE_HEIGHT_PT);
    expect(ws.getRow(3).height).toBe(MAX_ROW_HEIGHT_PT);
  });
});

describe('sheet names', () => {
  it('strips forbidden characters, shortens to 31 and keeps names unique ignoring case', () => {
    expect(sheetNames(['a/b\\c?d*e:f[g]h', 'Sheet', 'sheet', 'SHEET', '', "'ผล'", 'History'])).toEqual([
      'a b c d e f g h',
      'Sheet',
      'sheet (2)',
      'SHEET (3)',
      'แผ่นงาน 5',
      'ผล',
      'History 1',
    ]);
  });

  it('does not cut a Thai consonant from its vowel or tone mark', () => {
    const [name] = sheetNames([`${'ก'.repeat(30)}ที่`]);
    expect(name).toBe('ก'.repeat(30));
  });

  it('cuts long names at a word boundary, never inside a word or a compound, and keeps them unique', () => {
    const names = sheetNames([
      'รายงานผลการดำเนินงาน รอบ 6 เดือน (ต.ค. 67 – มี.ค. 68)',
      'ผลการดำเนินงานตามมาตรการส่งเสริมคุณธรรม',
      'ผลการดำเนินงานตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส',
      'การเปิดเผยข้อมูลสาธารณะของหน่วยงานภาครัฐ',
    ]);
    expect(names).toEqual([
      'รายงานผลการดำเนินงาน รอบ 6',
      'ผลการดำเนินงานตามมาตรการ',
      // Cut the same way as the one before it: the suffix keeps it unique.
      'ผลการดำเนินงานตามมาตรการ (2)',
      // Not การเปิดเผยข้อมูลสาธารณะของหน่วย (หน่วย|งาน is one compound).
      'การเปิดเผยข้อมูลสาธารณะของ',
    ]);
  });
});

describe('safeCellText', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+cmd|" /C calc"!A0', '\'+cmd|" /C calc"!A0'],
    ['-2+3+cmd|x', "'-2+3+cmd|x"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['-', '-'],
    ['-12.5', '-12.5'],
    ['+66 2 123 4567', '+66 2 123 4567'],
    ['ข้อมูล = ดี', 'ข้อมูล = ดี'],
    ['bad\u0000\u0007chars', 'badchars'],
  ])('%j → %j', (input, output) => {
    expect(safeCellText(input)).toBe(output);
  });
});
