import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  json,
  type TestContext,
  type TestOrg,
} from '../../../../tests/support/test-app.ts';
import { loadBundledEditions } from '../catalogue/catalogue.service.ts';

/** Every code spelling and every bad input of the import, through the API and the database. */
let t: TestContext;
let province: TestOrg;
let unit: TestOrg;
let secretariat: Awaited<ReturnType<TestContext['signedIn']>>;

beforeAll(async () => {
  t = await createTestContext();
  await loadBundledEditions(t.db);
  province = await t.org(null, { code: 'BAD-PROV' });
  unit = await t.org(province, { code: 'BAD-UNIT' });
  await t.org(null, { code: 'NOT-MINE' });
  secretariat = await t.signedIn([{ role: 'secretariat', on: province }]);
});
afterAll(() => t.close());

const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
const send = (contentBase64: string, extra: Record<string, unknown> = {}) =>
  secretariat.post('/api/assessments/import', {
    fileName: 'r.csv',
    contentBase64,
    fiscalYear: 2566,
    organizationId: unit.id,
    ...extra,
  });
const stored = async () => {
  const [result] = (
    await json(await secretariat.get(`/api/assessments?organizationId=${unit.id}&fiscalYear=2566`))
  ).items;
  return result ? (await json(await secretariat.get(`/api/assessments/${result.id}`))).scores : [];
};

async function xlsx(build: (wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet) => void) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('ข้อมูล');
  ws.addRow(['code', 'score']);
  ws.addRow(['i1', 80]);
  build(wb, ws);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('import: every printed code spelling reaches the database', () => {
  const cases: [string, string, string][] = [
    ['i7', 'question', 'i7'],
    ['I8', 'question', 'i8'],
    ['i๙', 'question', 'i9'],
    ['e11', 'question', 'e11'],
    ['E๑๒', 'question', 'e12'],
    ['o14', 'question', 'o14'],
    ['O15', 'question', 'o15'],
    ['๐๑๖', 'question', 'o16'],
    ['ตัวชี้วัดที่ ๖', 'indicator', '6'],
    ['9.1', 'sub_indicator', '9.1'],
    ['การใช้ทรัพย์สินของทางราชการ', 'indicator', '4'],
    ['การใช้งบประมาณ', 'indicator', '2'],
    ['ITA', 'total', 'ITA'],
    ['EIT', 'instrument', 'EIT'],
  ];
  it('stores each under its canonical code, with Thai or Arabic digits in scores', async () => {
    const rows = cases.map(([code], i) => `${code},${i % 2 ? `๘${i % 10}.๕` : `8${i % 10}.5`}`);
    const r = await send(b64(`code,score\n${rows.join('\n')}\n`), { commit: true });
    expect(r.status, await r.clone().text()).toBe(200);
    const scores = await stored();
    for (const [i, [, scope, code]] of cases.entries()) {
      expect(scores).toContainEqual(expect.objectContaining({ scope, code, score: 80 + (i % 10) + 0.5 }));
    }
  });
});

describe('import: bad input gets a clear error and writes nothing', () => {
  const bad: [string, () => Promise<string>, RegExp][] = [
    ['a score above 100', async () => b64('code,score\ni1,101\n'), /100/],
    ['a negative score', async () => b64('code,score\ni1,-1\n'), /0/],
    ['a non-numeric score', async () => b64('code,score\ni1,abc\n'), /abc|number|ตัวเลข/i],
    ['an unknown code', async () => b64('code,score\ni31,50\n'), /i31/],
    ['a code given twice', async () => b64('code,score\ni1,50\nI1,60\n'), /twice|ซ้ำ/],
    ['mixed fiscal years', async () => b64('fiscal_year,code,score\n2566,i1,50\n2567,i2,60\n'), /2567/],
    ['a PDF', async () => b64('%PDF-1.4 not a table'), /PDF/],
    [
      'an XLSX with a formula',
      async () => b64(await xlsx((_wb, ws) => ws.addRow(['i2', { formula: '40+40' }]))),
      /formula|สูตร/i,
    ],
    [
      'an XLSX with merged header cells',
      async () => b64(await xlsx((_wb, ws) => ws.mergeCells('A1:B1'))),
      /merge|ผสาน|รวม/i,
    ],
    [
      'an XLSX with a hidden sheet',
      async () =>
        b64(
          await xlsx((wb) => {
            wb.addWorksheet('ซ่อน', { state: 'hidden' });
          }),
        ),
      /hidden|ซ่อน/i,
    ],
    [
      'an organisation that does not exist',
      async () => b64('organization_code,code,score\nNO-SUCH,i1,50\n'),
      /NO-SUCH/,
    ],
    [
      'an organisation the user does not cover',
      async () => b64('organization_code,code,score\nNOT-MINE,i1,50\n'),
      /NOT-MINE/,
    ],
  ];
  for (const [name, file, message] of bad) {
    it(`refuses ${name}`, async () => {
      const before = await stored();
      const content = await file();
      const isXlsx = name.includes('XLSX');
      const extra = {
        fileName: isXlsx ? 'r.xlsx' : 'r.csv',
        ...(name.includes('organisation') ? { organizationId: undefined } : {}),
      };
      const preview = await json(await send(content, extra));
      expect(preview.errors.length, JSON.stringify(preview)).toBeGreaterThan(0);
      const text = preview.errors
        .map((e: { message_th: string; message_en: string }) => `${e.message_th} ${e.message_en}`)
        .join(' ');
      expect(text).toMatch(message);
      const commit = await send(content, { ...extra, commit: true });
      expect(commit.status).toBe(400);
      expect(await stored()).toEqual(before);
    });
  }

  it('refuses a file over the size limit before reading it', async () => {
    const big = b64(`code,score\n${'i1,50\n'.repeat(1_000_000)}`);
    const r = await send(big);
    expect([400, 413]).toContain(r.status);
  });

  it('accepts a CSV with a BOM and one in Windows-874', async () => {
    const text = 'code,score\nตัวชี้วัดที่ ๓,๗๗.๗๗\n';
    const tis620 = Buffer.from(
      [...text].map((ch) => {
        const cp = ch.codePointAt(0)!;
        return cp >= 0x0e01 && cp <= 0x0e5b ? cp - 0x0e01 + 0xa1 : cp;
      }),
    );
    for (const bytes of [Buffer.from(`\uFEFF${text}`), tis620]) {
      const preview = await json(await send(bytes.toString('base64')));
      expect(preview.errors).toEqual([]);
      expect(preview.organizations[0].changes[0]).toMatchObject({ code: '3' });
    }
  });

  it('warns, without refusing, when an indicator contradicts its questions', async () => {
    const rows = ['code,score', 'ตัวชี้วัดที่ 1,50', ...['i1', 'i2', 'i3', 'i4', 'i5', 'i6'].map((c) => `${c},90`)];
    const preview = await json(await send(b64(`${rows.join('\n')}\n`)));
    expect(preview.errors).toEqual([]);
    expect(preview.warnings.length).toBeGreaterThan(0);
  });
});
