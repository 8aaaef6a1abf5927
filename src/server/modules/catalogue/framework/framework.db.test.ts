import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrameworkIssue, FrameworkPreview } from '#shared/catalogue/contract.ts';
import {
  type Client,
  createTestContext,
  json,
  type TestContext,
  type TestOrg,
} from '../../../../../tests/support/test-app.ts';
import { catalogueRevisions } from '../../../db/schema/index.ts';
import { loadBundledEditions } from '../catalogue.service.ts';
import { openWorkbook } from './framework.testutil.ts';
import { parseFrameworkFile } from './parse-framework.ts';

let t: TestContext;
let root: Client;
let provinceAdmin: Client;
let viewer: Client;
let secretariat: Client;
let province: TestOrg;
let unitA: TestOrg;
let unitB: TestOrg;
let exported2566: Uint8Array;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

beforeAll(async () => {
  t = await createTestContext();
  await loadBundledEditions(t.db);
  province = await t.org(null, { code: 'PROV-FW' });
  unitA = await t.org(province, { code: 'FW-A' });
  unitB = await t.org(province, { code: 'FW-B' });
  root = await t.signedIn([{ role: 'admin', on: null }]);
  provinceAdmin = await t.signedIn([{ role: 'admin', on: province }]);
  viewer = await t.signedIn([{ role: 'viewer', on: province }]);
  secretariat = await t.signedIn([{ role: 'secretariat', on: province }]);
});
afterAll(() => t.close());

const download = async (client: Client, path: string) => {
  const r = await client.get(path);
  expect(
    r.status,
    await r
      .clone()
      .text()
      .catch(() => ''),
  ).toBe(200);
  expect(r.headers.get('content-type')).toBe(XLSX);
  return { bytes: new Uint8Array(await r.arrayBuffer()), disposition: r.headers.get('content-disposition') };
};

const send = (client: Client, bytes: Uint8Array, commit: boolean, fileName = 'framework.xlsx') =>
  client.post('/api/catalogue/framework/import', {
    fileName,
    contentBase64: Buffer.from(bytes).toString('base64'),
    commit,
  });

const revisions = async () => (await t.db.select().from(catalogueRevisions)).length;

/** The exported 2566 workbook with an edit applied. */
async function edited(edit: (wb: Awaited<ReturnType<typeof openWorkbook>>) => void) {
  const wb = await openWorkbook(exported2566);
  edit(wb);
  return wb.bytes();
}

/** The 2566 workbook as the 2598 framework (a new fiscal year, nothing else changed). */
const as2598 = (wb: Awaited<ReturnType<typeof openWorkbook>>) => {
  wb.setValue('general', 'fiscal_year', 2598);
  wb.setValue('general', 'title_th', 'กรอบการประเมิน ITA ปีงบประมาณ พ.ศ. 2598');
  wb.setValue('general', 'title_en', 'ITA framework, fiscal year 2598');
};

describe('framework workbook over HTTP', () => {
  it('exports the current revision of an edition, and the blank template, to any signed-in user', async () => {
    const { bytes, disposition } = await download(viewer, '/api/catalogue/editions/2566/xlsx');
    expect(disposition).toBe('attachment; filename="ita-framework-2566.xlsx"');
    const detail = await json(await viewer.get('/api/catalogue/editions/2566'));
    const back = await parseFrameworkFile(bytes, 'x.xlsx', { knownEditions: [] });
    expect(back.errors).toEqual([]);
    // The stored content (jsonb reorders keys) and the workbook's agree field for field.
    expect(back.edition).toEqual(detail.edition);
    exported2566 = bytes;

    const template = await download(viewer, '/api/catalogue/framework/template');
    expect(template.disposition).toBe('attachment; filename="ita-framework-template.xlsx"');
    expect((await openWorkbook(template.bytes)).workbook.worksheets.length).toBe(19);
    expect((await viewer.get('/api/catalogue/editions/2599/xlsx')).status).toBe(404);
  });

  it('imports the 2566 framework as 2598: a preview writes nothing, a commit writes a new edition', async () => {
    const bytes = await edited(as2598);
    const before = await revisions();
    const preview: FrameworkPreview = await json(await send(root, bytes, false));
    expect(preview).toMatchObject({
      committed: false,
      fiscalYear: 2598,
      action: 'new_edition',
      currentRevision: null,
      errors: [],
      moreErrors: 0,
      warnings: [],
      summary: null,
    });
    expect(preview.counts).toEqual({
      instruments: 3,
      indicators: 10,
      subIndicators: 7,
      questions: { IIT: 30, EIT: 15, OIT: 43 },
      questionsWithoutWording: 0,
      levels: 5,
      groupings: 1,
      mappingPairs: 0,
      sources: expect.any(Number),
    });
    expect(await revisions()).toBe(before);
    expect((await root.get('/api/catalogue/editions/2598')).status).toBe(404);

    const committed: FrameworkPreview = await json(await send(root, bytes, true));
    expect(committed.committed).toBe(true);
    expect(committed.summary).toMatchObject({ fiscalYear: 2598, revision: 1, origin: 'upload' });
    expect(await revisions()).toBe(before + 1);
    const detail = await json(await root.get('/api/catalogue/editions/2598'));
    expect(detail.edition.questions).toEqual(
      (await json(await root.get('/api/catalogue/editions/2566'))).edition.questions,
    );
    expect(detail.groupings.map((g: { code: string }) => g.code)).toEqual(['issues-7']);

    // The same file again changes nothing.
    const again: FrameworkPreview = await json(await send(root, bytes, true));
    expect(again).toMatchObject({ action: 'unchanged', currentRevision: 1, changes: [] });
    expect(await revisions()).toBe(before + 1);
  });

  it('analyses the same scores alike under the bundled 2566 edition and the imported 2598 one', async () => {
    const header = [
      'รหัสหน่วยงาน',
      ...Array.from({ length: 10 }, (_, i) => `ตัวชี้วัดที่ ${i + 1}`),
      'i1',
      'i2',
      'i19',
      'e1',
      'e11',
      'o1',
      'o14',
      'o33',
    ];
    const scores = [
      '92.5',
      '78',
      '88',
      '95',
      '100',
      '81.25',
      '90',
      '86',
      '70.4',
      '99',
      '95',
      '62',
      '84',
      '80',
      '100',
      'มี',
      'ไม่มี',
      'ไม่มี',
    ];
    const file = (code: string) =>
      Buffer.from(`\uFEFF${header.join(',')}\n${code},${scores.join(',')}\n`, 'utf8').toString('base64');
    const importResult = async (org: TestOrg, editionYear: number) => {
      const r = await secretariat.post('/api/assessments/import', {
        fileName: 'result.csv',
        contentBase64: file(org.code),
        fiscalYear: 2566,
        editionYear,
        commit: true,
      });
      const body = await json(r);
      expect(r.status, JSON.stringify(body)).toBe(200);
      expect(body.errors).toEqual([]);
      const [result] = (
        await json(await secretariat.get(`/api/assessments?organizationId=${org.id}&fiscalYear=2566`))
      ).items;
      expect(result.editionYear).toBe(editionYear);
      return result.id as string;
    };
    const under2566 = await importResult(unitA, 2566);
    const under2598 = await importResult(unitB, 2598);
    for (const settings of [{}, { grouping: { kind: 'catalogue', code: 'issues-7' }, developBelow: 90 }]) {
      const analyse = async (resultId: string) => {
        const r = await secretariat.post(`/api/assessments/${resultId}/analyses`, { settings });
        const body = await json(r);
        expect(r.status, JSON.stringify(body)).toBe(201);
        return body.outcome;
      };
      const a = await analyse(under2566);
      const b = await analyse(under2598);
      expect([a.editionFiscalYear, b.editionFiscalYear]).toEqual([2566, 2598]);
      expect(b.instruments).toEqual(a.instruments);
      expect(b.total).toEqual(a.total);
      expect(b.figures).toEqual(a.figures);
      expect(b.level).toEqual(a.level);
      expect(b.indicators).toEqual(a.indicators);
      expect(b.indicatorExtremes).toEqual(a.indicatorExtremes);
      expect(b.groups).toEqual(a.groups);
      expect(b.failedOitItems).toEqual(a.failedOitItems);
      // Not a comparison of two empty outcomes.
      expect(a.total).toBeGreaterThan(0);
      expect(a.groups.flatMap((g: { findings: unknown[] }) => g.findings).length).toBeGreaterThan(2);
    }
  });

  it('adds a corrected framework of an existing year as a new revision, listing what changed', async () => {
    const bytes = await edited((wb) => {
      as2598(wb);
      wb.setValue('general', 'title_en', 'ITA framework, fiscal year 2598 (corrected)');
      wb.set('questions', wb.rowWhere('questions', 'code', 'e11'), 'text_th', 'ถ้อยคำที่แก้ไขของข้อ e11');
    });
    const preview: FrameworkPreview = await json(await send(root, bytes, false));
    expect(preview).toMatchObject({ action: 'new_revision', currentRevision: 1, errors: [] });
    expect(preview.changes).toEqual([
      { part: 'general', added: [], removed: [], changed: ['title_en'] },
      { part: 'questions', added: [], removed: [], changed: ['e11'] },
    ]);
    const committed: FrameworkPreview = await json(await send(root, bytes, true));
    expect(committed.summary).toMatchObject({ fiscalYear: 2598, revision: 2 });
    const detail = await json(await root.get('/api/catalogue/editions/2598'));
    expect(detail.edition.questions.find((q: { code: string }) => q.code === 'e11').text_th).toBe(
      'ถ้อยคำที่แก้ไขของข้อ e11',
    );
  });

  it('lets only a deployment-wide admin import (an admin of one province may not)', async () => {
    const bytes = await edited(as2598);
    expect((await send(provinceAdmin, bytes, false)).status).toBe(403);
    expect((await send(secretariat, bytes, true)).status).toBe(403);
  });
});

type Edit = (wb: Awaited<ReturnType<typeof openWorkbook>>) => void;
type BadCase = {
  name: string;
  edit: Edit;
  /** sheet, row (a function of the workbook, or null), column, field of the expected error. */
  where: (
    wb: Awaited<ReturnType<typeof openWorkbook>>,
  ) => [string, number | null, string | null, string | null];
  message: RegExp;
};

const row = (key: string, value: string) => (wb: Awaited<ReturnType<typeof openWorkbook>>) =>
  wb.rowWhere('questions', key, value);

const BAD: BadCase[] = [
  {
    name: 'an unknown instrument code',
    edit: (wb) => wb.set('indicators', wb.rowWhere('indicators', 'number', 4), 'instrument', 'XIT'),
    where: (wb) => ['ตัวชี้วัด', wb.rowWhere('indicators', 'number', 4), 'B', 'instrument'],
    message: /ค่าไม่ถูกต้อง ต้องเป็นหนึ่งใน: IIT, EIT, OIT/,
  },
  {
    name: 'a duplicate indicator number',
    edit: (wb) => wb.set('indicators', wb.rowWhere('indicators', 'number', 5), 'number', 4),
    where: () => ['ตัวชี้วัด', 7, 'A', 'number'],
    message: /ตัวชี้วัดที่ 4 ซ้ำ/,
  },
  {
    name: 'a question under a missing indicator',
    edit: (wb) => wb.set('questions', row('code', 'e3')(wb), 'indicator', 12),
    where: (wb) => ['ข้อคำถาม', row('code', 'e3')(wb), 'D', 'indicator'],
    message: /ไม่มีตัวชี้วัดที่ 12/,
  },
  {
    name: 'weights that do not sum to 100',
    edit: (wb) => wb.set('instruments', wb.rowWhere('instruments', 'code', 'EIT'), 'weight_percent', 20),
    where: () => ['แบบวัด', null, 'E', 'weight_percent'],
    message: /ผลรวมค่าน้ำหนักเป็น 90 ไม่เท่ากับ 100/,
  },
  {
    name: 'a level range leaving totals without a level',
    edit: (wb) => wb.set('levels', wb.rowWhere('levels', 'code', 'urgent-improvement'), 'max_total', 60),
    where: (wb) => ['ระดับผลการประเมิน', wb.rowWhere('levels', 'code', 'urgent-improvement'), 'E', 'max_total'],
    message: /คะแนนรวมตั้งแต่ 60.01 ถึง 69.99 ไม่มีระดับใดรองรับ/,
  },
  {
    name: 'a level range giving totals two levels',
    edit: (wb) => wb.set('levels', wb.rowWhere('levels', 'code', 'needs-improvement'), 'max_total', 90),
    where: (wb) => ['ระดับผลการประเมิน', wb.rowWhere('levels', 'code', 'needs-improvement'), 'E', 'max_total'],
    message: /คะแนนรวมตั้งแต่ 85.00 ถึง 90.00 ได้สองระดับ คือ pass และ needs-improvement/,
  },
  {
    name: 'a mapping from a code the earlier edition does not have',
    edit: (wb) => {
      wb.addRow('mappings', { from_fiscal_year: 2565, code: 'i1', from_code: 'i31' });
    },
    where: (wb) => ['เทียบข้อกับปีก่อน', wb.rowWhere('mappings', 'code', 'i1'), 'C', 'from_code'],
    message: /ไม่มีข้อคำถาม i31 ในฉบับปี 2565/,
  },
  {
    name: 'a mapping of a code this edition does not have',
    edit: (wb) => {
      wb.addRow('mappings', { from_fiscal_year: 2565, code: 'e16', from_code: 'e15' });
    },
    where: (wb) => ['เทียบข้อกับปีก่อน', wb.rowWhere('mappings', 'code', 'e16'), 'B', 'code'],
    message: /ไม่มีข้อคำถาม e16 ในฉบับนี้/,
  },
  {
    name: 'English wording in the Thai column',
    edit: (wb) =>
      wb.set('questions', row('code', 'i7')(wb), 'text_th', 'Officials perform their duties transparently'),
    where: (wb) => ['ข้อคำถาม', row('code', 'i7')(wb), 'F', 'text_th'],
    message: /ช่องภาษาไทยมีข้อความที่ไม่ใช่ภาษาไทย/,
  },
];

describe('a bad framework workbook is refused whole, with where each error is', () => {
  for (const bad of BAD) {
    it(bad.name, async () => {
      const wb = await openWorkbook(exported2566);
      as2598(wb);
      wb.setValue('general', 'fiscal_year', 2597);
      bad.edit(wb);
      const bytes = await wb.bytes();
      const before = await revisions();
      const preview: FrameworkPreview = await json(await send(root, bytes, false));
      expect(preview.action).toBeNull();
      const [sheet, rowNumber, column, field] = bad.where(wb);
      const found = preview.errors.find((e: FrameworkIssue) => bad.message.test(e.message_th));
      expect(found, JSON.stringify(preview.errors, null, 1)).toBeDefined();
      expect([found!.sheet, found!.row, found!.column, found!.field]).toEqual([
        sheet,
        rowNumber,
        column,
        field,
      ]);
      expect(found!.message_th).toContain(`แผ่นงาน "${sheet}"`);
      expect(found!.message_en).toContain(`sheet "${sheet}"`);

      const r = await send(root, bytes, true);
      expect(r.status).toBe(400);
      const body = await json(r);
      expect(body.error.code).toBe('invalid_framework');
      expect(body.error.details.map((d: { message_th: string }) => d.message_th)).toContain(
        found!.message_th,
      );
      expect(await revisions()).toBe(before);
      expect((await root.get('/api/catalogue/editions/2597')).status).toBe(404);
    });
  }

  it('a zip bomb, and a file that is not a workbook', async () => {
    const { deflateRawSync } = await import('node:zlib');
    // One entry declaring 1,000 bytes that inflates to 50 MB.
    const name = Buffer.from('xl/workbook.xml');
    const data = deflateRawSync(Buffer.alloc(50 * 1024 * 1024));
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(1000, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(1000, 24);
    central.writeUInt16LE(name.length, 28);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(central.length + name.length, 12);
    end.writeUInt32LE(local.length + name.length + data.length, 16);
    const bomb = new Uint8Array(Buffer.concat([local, name, data, central, name, end]));
    const before = await revisions();
    const preview: FrameworkPreview = await json(await send(root, bomb, false, 'bomb.xlsx'));
    expect(preview.errors.map((e) => e.message_en)).toEqual([
      expect.stringMatching(/file "bomb.xlsx": an entry inflates beyond its declared size or is damaged/),
    ]);
    expect((await send(root, bomb, true, 'bomb.xlsx')).status).toBe(400);
    const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
    const notXlsx: FrameworkPreview = await json(await send(root, pdf, false, 'manual.pdf'));
    expect(notXlsx.errors[0]!.message_th).toMatch(/ไฟล์ "manual.pdf" ไม่ใช่ไฟล์ Excel/);
    expect(await revisions()).toBe(before);
  });

  it('lists the first 200 errors and counts the rest', async () => {
    const bytes = await edited((wb) => {
      as2598(wb);
      wb.setValue('general', 'fiscal_year', 2597);
      const ws = wb.sheet('questions');
      const code = wb.columnOf('questions', 'code');
      const answer = wb.columnOf('questions', 'answer_type');
      const indicator = wb.columnOf('questions', 'indicator');
      for (let r = 3; r <= ws.rowCount; r++) {
        ws.getRow(r).getCell(code).value = `x${r}`;
        ws.getRow(r).getCell(answer).value = 'scale';
        ws.getRow(r).getCell(indicator).value = 'สิบ';
      }
    });
    const preview: FrameworkPreview = await json(await send(root, bytes, false));
    expect(preview.errors).toHaveLength(200);
    expect(preview.moreErrors).toBeGreaterThan(0);
    expect(preview.errors.length + preview.moreErrors).toBeGreaterThanOrEqual(3 * 88);
  });
});
