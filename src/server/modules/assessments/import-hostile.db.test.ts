import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  json,
  type TestContext,
  type TestOrg,
} from '../../../../tests/support/test-app.ts';
import { loadBundledEditions } from '../catalogue/catalogue.service.ts';
import { buildZip } from '../evidence/zip-fixture.testutil.ts';
import { IMPORT_LIMITS } from './import/decode-file.ts';
import { edition } from './import/fixtures.testutil.ts';
import { parseImportFileOffThread } from './import/parse-off-thread.ts';

/**
 * Files made to freeze or flood the server (issue 14, item 2): each is refused with a clear 4xx
 * saying which bound and where, nothing is written, and while a large file is read the server keeps
 * answering.
 */
let t: TestContext;
let province: TestOrg;
let unit: TestOrg;
let secretariat: Awaited<ReturnType<TestContext['signedIn']>>;

beforeAll(async () => {
  t = await createTestContext();
  await loadBundledEditions(t.db);
  province = await t.org(null, { code: 'HOS-PROV' });
  unit = await t.org(province, { code: 'HOS-UNIT' });
  secretariat = await t.signedIn([{ role: 'secretariat', on: province }]);
});
afterAll(() => t.close());

const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
const send = (bytes: Uint8Array | string, fileName: string, commit: boolean) =>
  secretariat.post('/api/assessments/import', {
    fileName,
    contentBase64: b64(bytes),
    fiscalYear: 2566,
    organizationId: unit.id,
    commit,
  });
const stored = async () => {
  const list = await json(
    await secretariat.get(`/api/assessments?organizationId=${unit.id}&fiscalYear=2566`),
  );
  // The list is an array, or a page of one ({ items, nextCursor }).
  const [result] = Array.isArray(list) ? list : list.items;
  return result ? (await json(await secretariat.get(`/api/assessments/${result.id}`))).scores : [];
};
type Issue = { message_th: string; message_en: string };
const textOf = (issues: Issue[]) => issues.map((e) => `${e.message_th} ${e.message_en}`).join('\n');

/** A workbook of `rows` data rows of `columns` scores (wide format), built by exceljs. */
async function wideXlsx(rows: number, columns = 2): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('ข้อมูล');
  const codes = Array.from({ length: columns }, (_, i) => `i${i + 1}`);
  ws.addRow(['organization_code', ...codes]);
  for (let r = 0; r < rows; r++) ws.addRow(['HOS-UNIT', ...codes.map((_, i) => (r + i) % 101)]);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** An XLSX-shaped zip whose sheet inflates to `megabytes` MB of spaces (honestly declared, or lied about). */
function bombXlsx(megabytes: number, lie: boolean): Uint8Array {
  const text = (s: string) => new TextEncoder().encode(s);
  const sheet = new Uint8Array(megabytes * 1024 * 1024).fill(0x20);
  return buildZip([
    {
      name: '[Content_Types].xml',
      data: text(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      ),
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: sheet,
      deflate: true,
      ...(lie ? { claimUncompressed: 1000 } : {}),
    },
  ]);
}

describe('import: a hostile file gets its 4xx with the bound and where, and writes nothing', () => {
  const cases: [string, string, () => Promise<Uint8Array | string>, RegExp][] = [
    [
      'a CSV of line breaks (4 MB)',
      'r.csv',
      async () => '\n'.repeat(4 * 1024 * 1024),
      /4,194,304 lines, more than the 100,000/,
    ],
    [
      'a CSV of \\r line breaks (4 MB)',
      'r.csv',
      async () => '\r'.repeat(4 * 1024 * 1024),
      /4,194,304 lines, more than the 100,000/,
    ],
    [
      'an XLSX with more rows than allowed (generated)',
      'r.xlsx',
      () => wideXlsx(IMPORT_LIMITS.rows + 10),
      /row 20,011 of sheet "ข้อมูล" is beyond the 20,000 rows/,
    ],
    [
      'a zip-bomb XLSX (declared 300 MB sheet)',
      'r.xlsx',
      async () => bombXlsx(300, false),
      /inflates to more than 100 MB/,
    ],
    [
      'a zip-bomb XLSX (sheet lying about its size)',
      'r.xlsx',
      async () => bombXlsx(150, true),
      /inflates beyond its declared size/,
    ],
    [
      'a CSV row with too many columns',
      'r.csv',
      async () => `code,score\ni1,50\n${'x,'.repeat(1500)}x\n`,
      /row 3 has 1,501 columns, more than the 1,000/,
    ],
    [
      'a CSV with a long run of blank lines before more data',
      'r.csv',
      async () => `code,score\ni1,50\n${'\n'.repeat(2000)}i2,60\n`,
      /rows 3–2,002 .* 2,000 blank rows in a row .* before data in row 2,003/,
    ],
  ];
  for (const [name, fileName, file, message] of cases) {
    it(`refuses ${name}`, async () => {
      const before = await stored();
      const bytes = await file();
      const preview = await send(bytes, fileName, false);
      expect(preview.status).toBe(200);
      const body = await json(preview);
      expect(textOf(body.errors)).toMatch(message);
      // Thai too, not only English.
      expect(body.errors[0].message_th).toMatch(/[\u0e01-\u0e5b]/);
      const commit = await send(bytes, fileName, true);
      expect(commit.status).toBe(400);
      expect(textOf((await json(commit)).error.details)).toMatch(message);
      expect(await stored()).toEqual(before);
    }, 60_000);
  }

  it('reports the first errors of a flood one by one and counts the rest, by kind', async () => {
    // 19,999 rows giving i1 again: one "given twice" error each.
    const rows = Array.from({ length: IMPORT_LIMITS.rows - 1 }, (_, i) => `i1,${i % 100}`);
    const csv = `code,score\n${rows.join('\n')}\n`;
    const before = await stored();
    const preview = await send(csv, 'r.csv', false);
    const raw = await preview.text();
    expect(raw.length).toBeLessThan(200_000);
    const body = JSON.parse(raw);
    expect(body.errors.length).toBeLessThanOrEqual(201);
    expect(
      body.errors.filter((e: Issue & { row: number }) => e.row > 0 && /given twice/.test(e.message_en)),
    ).toHaveLength(200);
    expect(textOf(body.errors)).toMatch(/and 19,798 more like: code i1 of organisation .* is given twice/);
    expect(textOf(body.errors)).toMatch(/และอีก 19,798 รายการ/);
    const commit = await send(csv, 'r.csv', true);
    expect(commit.status).toBe(400);
    const refused = await json(commit);
    expect(refused.error.message_en).toMatch(
      /19,998 error\(s\); nothing was saved|19998 error\(s\); nothing was saved/,
    );
    expect(refused.error.details.length).toBeLessThanOrEqual(201);
    expect(await stored()).toEqual(before);
  }, 60_000);
});

describe('import: a large file is read off the event loop', () => {
  it('keeps answering /api/health within 500 ms while a large allowed CSV is read', async () => {
    // 19,000 organisations × 45 scores (855,000 cells, ~2.7 MB): parsing it is synchronous work of
    // about a second, which on the event loop held every other request until it was done.
    const codes = [
      ...Array.from({ length: 30 }, (_, i) => `i${i + 1}`),
      ...Array.from({ length: 15 }, (_, i) => `e${i + 1}`),
    ];
    const lines = [`organization_code,${codes.join(',')}`];
    for (let r = 0; r < 19_000; r++) lines.push(`ORG-${r},${codes.map((_, i) => (r + i) % 101).join(',')}`);
    const bytes = new TextEncoder().encode(`${lines.join('\n')}\n`);
    const started = performance.now();
    let done = false;
    const importing = secretariat
      .post('/api/assessments/import', { fileName: 'big.csv', contentBase64: b64(bytes), fiscalYear: 2566 })
      .finally(() => {
        done = true;
      });
    const latencies: number[] = [];
    while (!done) {
      const asked = performance.now();
      const health = await secretariat.get('/api/health');
      expect(health.status).toBe(200);
      latencies.push(performance.now() - asked);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const response = await importing;
    const took = performance.now() - started;
    expect(response.status, await response.clone().text()).toBe(200);
    // The file took long enough to read for the test to mean something.
    expect(took).toBeGreaterThan(1000);
    expect(latencies.length).toBeGreaterThan(3);
    expect(Math.max(...latencies)).toBeLessThan(500);
  }, 120_000);

  it('stops a read that takes longer than its time limit with 413 and a message', async () => {
    const bytes = await wideXlsx(3000, 25);
    const read = parseImportFileOffThread(bytes, 'slow.xlsx', { edition: edition(2566) }, 100);
    await expect(read).rejects.toMatchObject({
      status: 413,
      messageEn: expect.stringMatching(/did not finish within 1 seconds and was stopped/),
    });
  }, 60_000);
});
