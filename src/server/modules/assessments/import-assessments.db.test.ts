import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  json,
  type TestContext,
  type TestOrg,
} from '../../../../tests/support/test-app.ts';
import { loadBundledEditions } from '../catalogue/catalogue.service.ts';

let t: TestContext;
let province: TestOrg;
let unitA: TestOrg;
let unitB: TestOrg;

let secretariat: Awaited<ReturnType<TestContext['signedIn']>>;

beforeAll(async () => {
  t = await createTestContext();
  await loadBundledEditions(t.db);
  province = await t.org(null, { code: 'PROV-IMP' });
  unitA = await t.org(province, { code: 'UNIT-A' });
  unitB = await t.org(province, { code: 'UNIT-B' });
  await t.org(null, { code: 'OTHER-PROV' });
  secretariat = await t.signedIn([{ role: 'secretariat', on: province }]);
});
afterAll(() => t.close());

const csv = (text: string) => Buffer.from(`\uFEFF${text}`, 'utf8').toString('base64');
const importFile = (content: string, extra: Record<string, unknown> = {}) =>
  secretariat.post('/api/assessments/import', {
    fileName: 'result.csv',
    contentBase64: content,
    fiscalYear: 2566,
    ...extra,
  });
const resultsOf = async (org: TestOrg) =>
  (await json(await secretariat.get(`/api/assessments?organizationId=${org.id}&fiscalYear=2566`))).items;

const WIDE = [
  'รหัสหน่วยงาน,คะแนนรวม,ตัวชี้วัดที่ ๑,การใช้ทรัพย์สินของทางราชการ,e๑๑,๐๑๔,ระดับ',
  'UNIT-A,๙๖.๕๒,๙๐,๘๐.๕,70,ไม่มี,ผ่านดี',
  'UNIT-B,88,95,100,-,มี,',
].join('\n');

describe('importing results', () => {
  it('previews without writing, then commits every organisation at once', async () => {
    const preview = await json(await importFile(csv(WIDE)));
    expect(preview.errors).toEqual([]);
    expect(preview.committed).toBe(false);
    expect(preview.format).toBe('wide');
    expect(
      preview.organizations.map((o: { code: string; changes: unknown[] }) => [o.code, o.changes.length]),
    ).toEqual([
      ['UNIT-A', 5],
      ['UNIT-B', 5],
    ]);
    expect(await resultsOf(unitA)).toEqual([]);

    const committed = await json(await importFile(csv(WIDE), { commit: true }));
    expect(committed.committed).toBe(true);
    const [a] = await resultsOf(unitA);
    expect(a).toMatchObject({ total: 96.52, statedLevel: 'ผ่านดี', scoreCount: 5 });
    const detail = await json(await secretariat.get(`/api/assessments/${a.id}`));
    const byKey = Object.fromEntries(
      detail.scores.map((s: { scope: string; code: string }) => [`${s.scope}:${s.code}`, s]),
    );
    expect(byKey['indicator:4'].score).toBe(80.5);
    expect(byKey['question:e11'].score).toBe(70);
    expect(byKey['question:o14'].passed).toBe(false);
  });

  it('is idempotent, and a corrected file replaces values and keeps the history', async () => {
    const again = await json(await importFile(csv(WIDE), { commit: true }));
    expect(again.organizations.every((o: { changes: unknown[] }) => o.changes.length === 0)).toBe(true);
    const [before] = await resultsOf(unitA);

    const corrected = WIDE.replace('UNIT-A,๙๖.๕๒,๙๐', 'UNIT-A,๙๖.๕๒,๙๒');
    const result = await json(await importFile(csv(corrected), { commit: true }));
    expect(result.organizations[0].changes).toEqual([
      expect.objectContaining({ scope: 'indicator', code: '1', before: 90, after: 92, kind: 'changed' }),
    ]);
    const [after] = await resultsOf(unitA);
    expect(after.version).toBe(before.version + 1);

    const root = await t.signedIn([{ role: 'admin', on: null }]);
    const history = await json(
      await root.get(`/api/audit?entityType=assessment_result&entityId=${after.id}`),
    );
    expect(history.map((h: { action: string }) => h.action)).toEqual([
      'assessment.import.update',
      'assessment.import.create',
    ]);
    expect(history[0].after.changes[0]).toMatchObject({ code: '1', before: 90, after: 92 });
  });

  it('writes nothing when any row is bad, and names every row, column and reason', async () => {
    const bad = [
      'organization_code,code,score',
      'UNIT-A,i7,101',
      'UNIT-A,i31,50',
      'UNIT-A,e๑๑,abc',
      'UNIT-B,i1,80',
      'UNIT-B,i1,81',
      'NO-SUCH,i2,90',
      'OTHER-PROV,i3,90',
    ].join('\n');
    const preview = await json(await importFile(csv(bad)));
    const where = preview.errors.map((e: { row: number; column: string | null }) => [
      e.row,
      e.column?.split(' ')[0] ?? null,
    ]);
    expect(where).toEqual(
      expect.arrayContaining([
        [2, 'score'],
        [3, 'code'],
        [4, 'score'],
        [6, 'code'],
        [7, 'organization_code'],
        [8, 'organization_code'],
      ]),
    );
    expect(
      preview.errors.every((e: { message_th: string; message_en: string }) => e.message_th && e.message_en),
    ).toBe(true);
    const commit = await importFile(csv(bad), { commit: true });
    expect(commit.status).toBe(400);
    const body = await json(commit);
    expect(body.error.code).toBe('import_invalid');
    expect(body.error.details.some((d: { path: string }) => d.path.startsWith('row 2'))).toBe(true);
    const [b] = await resultsOf(unitB);
    const detail = await json(await secretariat.get(`/api/assessments/${b.id}`));
    expect(detail.scores.some((s: { code: string }) => s.code === 'i1')).toBe(false);
  });

  it('decodes a Windows-874 CSV and refuses a file that is not a table', async () => {
    const thai = 'organization_code,code,score\nUNIT-A,ตัวชี้วัดที่ ๒,๗๐\n';
    const tis620 = Buffer.from(
      [...thai].map((ch) => {
        const cp = ch.codePointAt(0)!;
        return cp >= 0x0e01 && cp <= 0x0e5b ? cp - 0x0e01 + 0xa1 : cp;
      }),
    );
    const preview = await json(await importFile(tis620.toString('base64')));
    expect(preview.errors).toEqual([]);
    expect(preview.organizations[0].changes[0]).toMatchObject({ scope: 'indicator', code: '2', after: 70 });

    const pdf = await json(
      await importFile(Buffer.from('%PDF-1.7\n...').toString('base64'), { fileName: 'r.csv' }),
    );
    expect(pdf.errors[0].message_en).toMatch(/PDF/i);
  });

  it('serves templates that import back without errors', async () => {
    const r = await secretariat.get(
      `/api/assessments/template?editionYear=2566&layout=wide&format=xlsx&organizationId=${province.id}`,
    );
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toContain('.xlsx');
    const bytes = Buffer.from(await r.arrayBuffer());
    const preview = await json(await importFile(bytes.toString('base64'), { fileName: 't.xlsx' }));
    expect(preview.errors).toEqual([
      expect.objectContaining({ message_en: expect.stringMatching(/no scores/) }),
    ]);
  });
});
