import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  detectDelimiter,
  MAX_IMPORT_BYTES,
  plainUtf8Csv,
  type ReadTabularResult,
  readCsvText,
  readTabularFile,
  splitPlainCsv,
} from './decode-file.ts';
import { encodeTis620, utf8, utf16, xlsx } from './fixtures.testutil.ts';

const THAI_CSV = 'รหัส,คะแนน,เหตุผล\r\ni7,๙๖.๕๒,ไม่ครบองค์ประกอบ\r\nO14,100,\r\n';
const THAI_ROWS = [
  ['รหัส', 'คะแนน', 'เหตุผล'],
  ['i7', '๙๖.๕๒', 'ไม่ครบองค์ประกอบ'],
  ['O14', '100'],
];

function rowsOf(result: ReadTabularResult) {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.sheets[0]!.rows;
}

function errorsOf(result: ReadTabularResult) {
  if (result.ok) throw new Error('expected the file to be refused');
  return result.errors;
}

describe('readTabularFile: CSV text encodings', () => {
  it('reads UTF-8 without a BOM', async () => {
    const result = await readTabularFile(utf8(THAI_CSV), 'scores.csv');
    expect(rowsOf(result)).toEqual(THAI_ROWS);
    expect(result).toMatchObject({ kind: 'csv', encoding: 'utf-8', delimiter: ',' });
  });

  it('strips a UTF-8 BOM (the first header is not "\\uFEFFรหัส")', async () => {
    const bytes = utf8(`\uFEFF${THAI_CSV}`);
    expect(bytes.subarray(0, 3)).toEqual(Uint8Array.from([0xef, 0xbb, 0xbf]));
    const result = await readTabularFile(bytes, 'scores.csv');
    expect(rowsOf(result)[0]![0]).toBe('รหัส');
    expect(rowsOf(result)).toEqual(THAI_ROWS);
  });

  it('reads Windows-874 / TIS-620 bytes written by a real encoder', async () => {
    const bytes = encodeTis620(THAI_CSV);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(bytes[0]).toBe(0xc3); // ร
    const result = await readTabularFile(bytes, 'scores.csv');
    expect(result).toMatchObject({ ok: true, encoding: 'windows-874' });
    expect(rowsOf(result)).toEqual(THAI_ROWS);
  });

  it('refuses bytes that are neither UTF-8 nor Windows-874', async () => {
    const bytes = Uint8Array.from([...encodeTis620('รหัส,คะแนน\n'), 0xdb, 0xfc, 0x0a]);
    const [error] = errorsOf(await readTabularFile(bytes, 'odd.csv'));
    expect(error!.message_en).toContain('cannot read the text of "odd.csv"');
  });

  // Latin-1 bytes are Windows-874 bytes too, but read so they put Thai tone and vowel marks after
  // Latin letters ("caf้"), which no Thai text does: refused rather than stored garbled.
  it('refuses Latin-1 text, which Windows-874 would read as Latin letters carrying Thai marks', async () => {
    const bytes = Uint8Array.from(Buffer.from('code,score,reason\n1,80,café crème\n', 'latin1'));
    const [error] = errorsOf(await readTabularFile(bytes, 'latin.csv'));
    expect(error!.message_en).toContain('cannot read the text of "latin.csv"');
    expect(error!.message_th).toContain('latin.csv');
  });

  it.each(['le', 'be'] as const)('reads UTF-16 %s with a BOM', async (endian) => {
    const result = await readTabularFile(utf16(THAI_CSV, endian), 'scores.csv');
    expect(result).toMatchObject({ ok: true, encoding: `utf-16${endian}` });
    expect(rowsOf(result)).toEqual(THAI_ROWS);
  });

  // As docs/import-formats.md says: UTF-16 needs its BOM. Without one the byte order is a guess
  // (and Thai text, whose UTF-16 has few zero bytes, would not even be recognised), so it is refused.
  it.each(['le', 'be'] as const)('refuses UTF-16 %s without a BOM, saying how to save it', async (endian) => {
    const withBom = utf16('code,score\r\ni7,90\r\n', endian);
    const result = await readTabularFile(withBom.subarray(2), 'scores.csv');
    expect(result.ok).toBe(false);
    const [error] = errorsOf(result);
    expect(error!.message_en).toContain('"scores.csv"');
    expect(error!.message_en).toContain('UTF-16 without a byte-order mark');
    expect(error!.message_en).toContain('CSV UTF-8');
    expect(error!.message_th).toContain('UTF-16');
    expect(error!.message_th).toContain('BOM');
  });
});

describe('readTabularFile: CSV delimiters and quoting', () => {
  it('detects semicolons (and keeps 96,52 for the score parser)', async () => {
    const result = await readTabularFile(utf8('code;score\ni7;96,52\no14;100\n'), 'semi.csv');
    expect(result).toMatchObject({ ok: true, delimiter: ';' });
    expect(rowsOf(result)).toEqual([
      ['code', 'score'],
      ['i7', '96,52'],
      ['o14', '100'],
    ]);
  });

  it('detects tabs', async () => {
    const result = await readTabularFile(utf8('code\tscore\ni7\t96.52\n'), 'scores.tsv');
    expect(result).toMatchObject({ ok: true, delimiter: '\t' });
    expect(rowsOf(result)[1]).toEqual(['i7', '96.52']);
  });

  it('ignores delimiters inside quotes and keeps quoted newlines in one row', async () => {
    expect(detectDelimiter('"a;b;c",d\n')).toBe(',');
    const result = await readTabularFile(utf8('code,reason\ni7,"ไม่ครบ, ขาด\nแผนงาน"\ni8,x\n'), 'q.csv');
    expect(rowsOf(result)).toEqual([
      ['code', 'reason'],
      ['i7', 'ไม่ครบ, ขาด\nแผนงาน'],
      ['i8', 'x'],
    ]);
  });

  it('keeps empty lines so row numbers match the spreadsheet', async () => {
    const rows = rowsOf(await readTabularFile(utf8('code,score\n\ni7,90\n'), 'gap.csv'));
    expect(rows).toEqual([['code', 'score'], [], ['i7', '90']]);
  });

  it('reads an empty file as an empty sheet (the interpreter reports it)', async () => {
    const result = await readTabularFile(new Uint8Array(0), 'empty.csv');
    expect(rowsOf(result)).toEqual([]);
  });

  it('reports an unclosed quote', async () => {
    const [error] = errorsOf(await readTabularFile(utf8('code,reason\ni7,"open\n'), 'bad.csv'));
    expect(error!.message_en).toContain('cannot read CSV file "bad.csv"');
  });
});

describe('splitPlainCsv: text without quotes, read as csv-parse reads it', () => {
  const csvParse = (text: string, delimiter: string) =>
    parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });

  it.each([
    ['', ','],
    ['\n', ','],
    ['a,b,', ','],
    ['a,b\r\nc\r\n', ','],
    ['a,b\r\n\r\nc,,d\r\n\r\n', ','],
    // Only the first line break found ends records: a lone \n in a \r\n file stays in its field.
    ['a,b\r\nc\nd,e\r\nf', ','],
    ['a\rb\r\nc\r', ','],
    ['a\nb\rc\r\n', ','],
    ['รหัส;คะแนน\ni7;96,52\n', ';'],
    ['code\tscore\ni7\t 9 \n', '\t'],
  ])('%j', (text, delimiter) => {
    expect(splitPlainCsv(text, delimiter)).toEqual(csvParse(text, delimiter));
  });

  it('gives csv-parse’s records for 2,000 random quote-free texts', () => {
    let seed = 12;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const alphabet = ['a', '9', '.', ',', ';', '\t', '\r', '\n', '\r\n', ' ', 'ก', '๙', '-'];
    for (let n = 0; n < 2000; n++) {
      const text = Array.from(
        { length: Math.floor(random() * 30) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('');
      const delimiter = [',', ';', '\t'][n % 3]!;
      expect(splitPlainCsv(text, delimiter), JSON.stringify(text)).toEqual(csvParse(text, delimiter));
    }
  });

  it('reads UTF-8 bytes without quotes as the text path does (2,000 random files: BOMs, Thai, breaks)', async () => {
    let seed = 99;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const alphabet = [
      'a',
      '9',
      '.',
      ',',
      ';',
      '\t',
      '\r',
      '\n',
      '\r\n',
      ' ',
      'ก',
      '๙',
      'ำ',
      '-',
      '\u00a0',
      '\u3000',
    ];
    let plain = 0;
    for (let n = 0; n < 2000; n++) {
      const body = Array.from(
        { length: Math.floor(random() * 40) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('');
      const boms = '\uFEFF'.repeat(Math.floor(random() * 4));
      const bytes = utf8(`${boms}${body}`);
      if (plainUtf8Csv(bytes)) plain++;
      expect(await readTabularFile(bytes, 'r.csv'), JSON.stringify(boms + body)).toEqual(
        readCsvText(bytes, 'r.csv'),
      );
    }
    expect(plain).toBeGreaterThan(1500);
    // Not for this path: a quote, a control character, another encoding.
    expect(plainUtf8Csv(utf8('a,"b"\n'))).toBeNull();
    expect(plainUtf8Csv(utf8('a,\u0001\n'))).toBeNull();
    expect(plainUtf8Csv(encodeTis620('รหัส,คะแนน\n'))).toBeNull();
    expect(plainUtf8Csv(utf16('code,score\n', 'le'))).toBeNull();
  });

  it('reads the cells of a Thai file straight from its bytes, the BOM dropped', () => {
    const result = plainUtf8Csv(utf8('\uFEFFรหัส,ITA,ระดับ\r\nP01,96.52,ผ่านดี\r\n'));
    expect(result).toEqual({
      delimiter: ',',
      records: [
        ['รหัส', 'ITA', 'ระดับ'],
        ['P01', '96.52', 'ผ่านดี'],
      ],
    });
  });

  it('reads a file the same with or without quotes around its cells', async () => {
    const plain = 'organization_code,ITA,i1,level\r\nP01, 96.52 ,-,ผ่าน\r\n\r\nP02,,88,\r\n';
    const quoted =
      '"organization_code","ITA","i1","level"\r\n"P01"," 96.52 ","-","ผ่าน"\r\n\r\n"P02","","88",""\r\n';
    const rows = rowsOf(await readTabularFile(utf8(plain), 'a.csv'));
    expect(rows).toEqual([
      ['organization_code', 'ITA', 'i1', 'level'],
      ['P01', ' 96.52 ', '-', 'ผ่าน'],
      [],
      ['P02', null, '88'],
    ]);
    expect(rowsOf(await readTabularFile(utf8(quoted), 'a.csv'))).toEqual(rows);
  });
});

describe('readTabularFile: file type by content', () => {
  it('refuses a PDF whatever its name', async () => {
    const [error] = errorsOf(await readTabularFile(utf8('%PDF-1.7\n1 0 obj\n'), 'scores.csv'));
    expect(error!.message_en).toContain('looks like a PDF');
    expect(error!.message_th).toContain('ไฟล์ PDF');
  });

  it('refuses a legacy .xls (OLE) file', async () => {
    const bytes = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const [error] = errorsOf(await readTabularFile(bytes, 'scores.xlsx'));
    expect(error!.message_en).toContain('legacy Excel (.xls)');
    expect(error!.message_th).toContain('.xls');
  });

  it('refuses a PNG and an unknown binary', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(errorsOf(await readTabularFile(png, 'a.csv'))[0]!.message_en).toContain('a PNG image');
    const binary = Uint8Array.from([0x01, 0x00, 0x41, 0x42, 0x00, 0x00, 0x43, 0x44, 0x45, 0x00]);
    expect(errorsOf(await readTabularFile(binary, 'a.csv'))[0]!.message_en).toContain(
      'an unknown binary file',
    );
  });

  it('refuses an ODS and a zip that is not a workbook', async () => {
    const ods = utf8(
      'PK\u0003\u0004xxxxxxxxxxxxxxxxxxxxxxxxxxmimetypeapplication/vnd.oasis.opendocument.spreadsheet',
    );
    expect(errorsOf(await readTabularFile(ods, 'a.ods'))[0]!.message_en).toContain('ODS');
    const junk = utf8('PK\u0003\u0004 not really a zip');
    expect(errorsOf(await readTabularFile(junk, 'a.xlsx'))[0]!.message_en).toContain(
      'not a readable Excel workbook',
    );
  });

  it('checks the size first', async () => {
    const big = new Uint8Array(MAX_IMPORT_BYTES + 1);
    big.set(utf8('%PDF'));
    const errors = errorsOf(await readTabularFile(big, 'big.pdf'));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message_en).toContain('more than the 5 MB limit');
    expect(MAX_IMPORT_BYTES).toBe(5 * 1024 * 1024);
    const exact = new Uint8Array(MAX_IMPORT_BYTES).fill(0x20);
    expect((await readTabularFile(exact, 'spaces.csv')).ok).toBe(true);
  });
});

describe('readTabularFile: XLSX', () => {
  it('reads values as typed: numbers, text, rich text, hyperlinks, percent as displayed', async () => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet('ผล');
      ws.addRow(['code', 'score', 'reason']);
      ws.addRow([
        'i7',
        96.52,
        { richText: [{ text: 'ไม่ครบ' }, { font: { bold: true }, text: 'องค์ประกอบ' }] },
      ]);
      ws.addRow(['O14', 0.9652, { text: 'ลิงก์', hyperlink: 'https://example.go.th' }]);
      ws.getCell('B3').numFmt = '0.00%';
      ws.addRow([6, '๙๐', true]);
      ws.getCell('B5').value = 90;
      ws.getCell('B5').numFmt = '0"%"';
    });
    const result = await readTabularFile(bytes, 'x.xlsx');
    expect(result).toMatchObject({ ok: true, kind: 'xlsx' });
    expect(rowsOf(result)).toEqual([
      ['code', 'score', 'reason'],
      ['i7', 96.52, 'ไม่ครบองค์ประกอบ'],
      ['O14', 96.52, 'ลิงก์'],
      [6, '๙๐', 'TRUE'],
      [null, 90],
    ]);
  });

  it('refuses a formula, naming the sheet and cell', async () => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet('ผล');
      ws.addRow(['code', 'score']);
      ws.addRow(['i7', 90]);
      ws.addRow(['ITA', { formula: 'AVERAGE(B2:B2)', result: 90 }]);
    });
    const errors = errorsOf(await readTabularFile(bytes, 'f.xlsx'));
    expect(errors).toEqual([expect.objectContaining({ sheet: 'ผล', cell: 'B3' })]);
    expect(errors[0]!.message_en).toBe(
      'cell B3 in sheet "ผล" holds a formula; type the value instead (copy, then paste as values)',
    );
  });

  it('refuses shared formulas, each cell listed', async () => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet('ผล');
      ws.addRow(['code', 'score']);
      ws.getCell('B2').value = { formula: '1+1', result: 2, shareType: 'shared', ref: 'B2:B3' } as never;
      ws.getCell('B3').value = { sharedFormula: 'B2', result: 2 } as never;
    });
    const errors = errorsOf(await readTabularFile(bytes, 'f.xlsx'));
    expect(errors.map((e) => e.cell)).toEqual(['B2', 'B3']);
  });

  it('refuses merged cells in the header row', async () => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet('ผล');
      ws.addRow(['code', 'score', '']);
      ws.mergeCells('B1:C1');
      ws.addRow(['i7', 90, 91]);
    });
    const errors = errorsOf(await readTabularFile(bytes, 'm.xlsx'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ sheet: 'ผล', cell: 'B1:C1' });
    expect(errors[0]!.message_en).toContain('the header row of sheet "ผล" has merged cells (B1:C1)');
  });

  it('refuses merged cells below the header too (the lower cells would read as blanks)', async () => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet('ผล');
      ws.addRow(['code', 'score']);
      ws.addRow(['i7', 90]);
      ws.addRow(['i8', null]);
      ws.mergeCells('B2:B3');
    });
    const errors = errorsOf(await readTabularFile(bytes, 'm.xlsx'));
    expect(errors[0]!.message_en).toContain('cells B2:B3 in sheet "ผล" are merged');
  });

  it('refuses hidden sheets, naming each', async () => {
    const bytes = await xlsx((wb) => {
      wb.addWorksheet('ผล').addRow(['code', 'score']);
      wb.addWorksheet('ซ่อน').state = 'hidden';
      wb.addWorksheet('ลับ').state = 'veryHidden';
    });
    const errors = errorsOf(await readTabularFile(bytes, 'h.xlsx'));
    expect(errors.map((e) => e.sheet)).toEqual(['ซ่อน', 'ลับ']);
    expect(errors[0]!.message_en).toContain('sheet "ซ่อน" is hidden');
  });

  it('refuses a date cell (Excel turned 9.1 into a date)', async () => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet('ผล');
      ws.addRow(['code', 'score']);
      ws.addRow([new Date(Date.UTC(2024, 0, 9)), 90]);
    });
    const errors = errorsOf(await readTabularFile(bytes, 'd.xlsx'));
    expect(errors[0]).toMatchObject({ cell: 'A2' });
    expect(errors[0]!.message_en).toContain('holds a date');
  });

  it('reads the first sheet, or the sheet named', async () => {
    const bytes = await xlsx((wb) => {
      wb.addWorksheet('ข้อมูล').addRow(['code', 'score']);
      wb.addWorksheet('คำอธิบาย').addRow(['คอลัมน์', 'คำอธิบาย']);
    });
    const first = await readTabularFile(bytes, 't.xlsx');
    expect(first).toMatchObject({ ok: true, sheets: [{ name: 'ข้อมูล' }] });
    const named = await readTabularFile(bytes, 't.xlsx', { sheetName: 'คำอธิบาย' });
    expect(named).toMatchObject({ ok: true, sheets: [{ name: 'คำอธิบาย', rows: [['คอลัมน์', 'คำอธิบาย']] }] });
    const missing = errorsOf(await readTabularFile(bytes, 't.xlsx', { sheetName: 'Sheet1' }));
    expect(missing[0]!.message_en).toBe('there is no sheet "Sheet1" in the file (it has "ข้อมูล", "คำอธิบาย")');
  });

  it('detects XLSX by content even when named .csv', async () => {
    const bytes = await xlsx((wb) => {
      wb.addWorksheet('a').addRow(['code', 'score']);
    });
    expect(await readTabularFile(bytes, 'really.csv')).toMatchObject({ ok: true, kind: 'xlsx' });
  });
});
