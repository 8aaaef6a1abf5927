import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENCY_SUPPLIED } from '#shared/catalogue/supplied-questions.ts';
import {
  createTestContext,
  json,
  type TestContext,
  type TestOrg,
} from '../../../../tests/support/test-app.ts';
import { assessmentResults, suppliedQuestions } from '../../db/schema/index.ts';
import { currentRevision, loadBundledEditions } from '../catalogue/catalogue.service.ts';
import { editionWithSupplied } from '../catalogue/supplied-questions.service.ts';

/**
 * This year's results at question level: 2569 and 2568 have no IIT/EIT question list in the
 * catalogue, and agencies' result reports carry each question's wording.
 */
let t: TestContext;
let province: TestOrg;
let unitA: TestOrg;
let unitB: TestOrg;
let unitC: TestOrg;
let secretariat: Awaited<ReturnType<TestContext['signedIn']>>;
let root: Awaited<ReturnType<TestContext['signedIn']>>;

const I1 = 'บุคลากรในหน่วยงานของท่าน ปฏิบัติงาน/ให้บริการแก่ผู้มาติดต่อ ตามขั้นตอนและระยะเวลาที่กำหนด';
const I2 = 'บุคลากรในหน่วยงานของท่าน ปฏิบัติงานโดยมุ่งผลสำเร็จของงาน';
const E1 = 'เจ้าหน้าที่ของหน่วยงานที่ท่านติดต่อ ปฏิบัติงาน/ให้บริการแก่ท่าน ตามขั้นตอนและระยะเวลาที่กำหนด';

beforeAll(async () => {
  t = await createTestContext();
  await loadBundledEditions(t.db);
  province = await t.org(null, { code: 'PROV-SUP' });
  unitA = await t.org(province, { code: 'SUP-A', nameTh: 'เทศบาลตำบลทดสอบ' });
  unitB = await t.org(province, { code: 'SUP-B' });
  unitC = await t.org(province, { code: 'SUP-C' });
  secretariat = await t.signedIn([{ role: 'secretariat', on: province }]);
  root = await t.signedIn([{ role: 'admin', on: null }]);
});
afterAll(() => t.close());

const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\n')}`, 'utf8').toString('base64');
const importFile = (contentBase64: string, fiscalYear: number, extra: Record<string, unknown> = {}) =>
  secretariat.post('/api/assessments/import', {
    fileName: extra.fileName ?? 'result.csv',
    contentBase64,
    fiscalYear,
    ...extra,
  });
const suppliedRows = (year: number) =>
  t.db.select().from(suppliedQuestions).where(eq(suppliedQuestions.fiscalYear, year));

// A result report of 2569 copied into Excel: indicator rows, then each question with its wording.
const REPORT_2569 = [
  'รหัสหน่วยงาน,ตัวชี้วัด,ข้อ,ข้อคำถาม,คะแนน',
  'SUP-A,ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่,,,92.50',
  `SUP-A,,i1,"${I1}",93.00`,
  `SUP-A,,i2,"${I2}",92.00`,
  'SUP-A,ตัวชี้วัดที่ 6 คุณภาพการดำเนินงาน,,,88.00',
  `SUP-A,,e1,"${E1}",88.00`,
  'SUP-A,,O1,,100',
];

describe('a 2569 result with IIT/EIT question codes and wording', () => {
  it('previews the questions it will keep for the edition, then imports them', async () => {
    const preview = await json(await importFile(csv(REPORT_2569), 2569));
    expect(preview.errors).toEqual([]);
    expect(preview.warnings).toEqual([]);
    expect(preview.supplied).toEqual([
      expect.objectContaining({
        code: 'i1',
        indicator: 1,
        text_th: I1,
        newQuestion: true,
        organizationCode: 'SUP-A',
      }),
      expect.objectContaining({ code: 'i2', indicator: 1, text_th: I2 }),
      expect.objectContaining({ code: 'e1', instrument: 'EIT', indicator: 6, text_th: E1 }),
    ]);
    expect(await suppliedRows(2569)).toEqual([]); // a preview writes nothing

    const committed = await json(await importFile(csv(REPORT_2569), 2569, { commit: true }));
    expect(committed.committed).toBe(true);
    const [result] = await t.db
      .select()
      .from(assessmentResults)
      .where(eq(assessmentResults.organizationId, unitA.id));
    const rows = await suppliedRows(2569);
    expect(rows.map((r) => [r.code, r.instrument, r.indicator, r.textTh]).sort()).toEqual([
      ['e1', 'EIT', 6, E1],
      ['i1', 'IIT', 1, I1],
      ['i2', 'IIT', 1, I2],
    ]);
    // Marked as supplied: which organisation, which result, by whom and when.
    expect(rows.every((r) => r.organizationId === unitA.id && r.resultId === result!.id)).toBe(true);
    expect(rows.every((r) => r.suppliedBy === secretariat.id && r.suppliedAt instanceof Date)).toBe(true);

    const detail = await json(await secretariat.get(`/api/assessments/${result!.id}`));
    expect(detail.scores.map((s: { code: string }) => s.code).sort()).toEqual([
      '1',
      '6',
      'e1',
      'i1',
      'i2',
      'o1',
    ]);
  });

  it('lays the stored wording over the edition, marked as supplied, for every reader', async () => {
    const revision = (await currentRevision(t.db, 2569))!;
    const edition = await editionWithSupplied(t.db, revision);
    expect(edition.questions.slice(0, 3).map((q) => [q.code, q.indicator, q.text_th])).toEqual([
      ['i1', 1, I1],
      ['i2', 1, I2],
      ['e1', 6, E1],
    ]);
    expect(edition.questions[0]!.source).toEqual([AGENCY_SUPPLIED]);
    expect(edition.sources.find((s) => s.id === AGENCY_SUPPLIED)?.title).toBe(
      'ข้อความจากรายงานผลการประเมินของหน่วยงาน',
    );
    expect(revision.edition.questions.some((q) => q.code === 'i1')).toBe(false); // the catalogue is untouched
    const viaApi = await json(await secretariat.get('/api/catalogue/editions/2569/with-supplied'));
    expect(viaApi.edition.questions[0]).toMatchObject({ code: 'i1', text_th: I1, source: [AGENCY_SUPPLIED] });
    const plain = await json(await secretariat.get('/api/catalogue/editions/2569'));
    expect(plain.edition.questions.some((q: { code: string }) => q.code === 'i1')).toBe(false);
  });

  it('lets another agency import the same codes without an indicator column, and the form enter them', async () => {
    const lines = ['code,score', 'i1,80', 'i2,81', 'e1,82'];
    const preview = await json(await importFile(csv(lines), 2569, { organizationId: unitB.id }));
    expect(preview.errors).toEqual([]);
    expect(preview.supplied).toEqual([]);
    const template = await secretariat.get(
      `/api/assessments/template?editionYear=2569&layout=long&format=csv&organizationId=${unitB.id}`,
    );
    const text = await template.text();
    expect(text).toContain(`i1,${I1}`);
    const saved = await secretariat.put('/api/assessments', {
      organizationId: unitC.id,
      fiscalYear: 2569,
      statedLevel: null,
      scores: [
        { scope: 'question', code: 'i2', score: 70, passed: null, reason: null, recommendation: null },
      ],
    });
    expect(saved.status).toBe(200);
  });

  it('warns with both texts when a later file words a question otherwise, keeps the first and records the conflict', async () => {
    const lines = ['code,ข้อคำถาม,score', 'i1,บุคลากรปฏิบัติงานตามขั้นตอน,85'];
    const preview = await json(await importFile(csv(lines), 2569, { organizationId: unitB.id }));
    expect(preview.errors).toEqual([]);
    expect(preview.warnings).toEqual([
      expect.objectContaining({
        row: 2,
        code: 'i1',
        message_th: `ข้อความของข้อ i1 ในไฟล์ต่างจากข้อความที่หน่วยงานนำเข้าไว้ก่อน จึงใช้ข้อความเดิม: เดิม "${I1}" · ในไฟล์ "บุคลากรปฏิบัติงานตามขั้นตอน"`,
      }),
    ]);
    await json(await importFile(csv(lines), 2569, { organizationId: unitB.id, commit: true }));
    await json(await importFile(csv(lines), 2569, { organizationId: unitB.id, commit: true }));
    const list = await json(await root.get('/api/catalogue/editions/2569/supplied'));
    const i1 = list.questions.find((q: { code: string }) => q.code === 'i1');
    expect(i1).toMatchObject({ text_th: I1, organizationCode: 'SUP-A', accepted: false, newQuestion: true });
    expect(i1.conflicts).toEqual([
      expect.objectContaining({ text_th: 'บุคลากรปฏิบัติงานตามขั้นตอน', organizationCode: 'SUP-B' }),
    ]); // once, though imported twice
    const revision = (await currentRevision(t.db, 2569))!;
    expect((await editionWithSupplied(t.db, revision)).questions[0]!.text_th).toBe(I1);
  });

  it('lets a deployment admin accept the supplied questions into the catalogue as a new revision', async () => {
    const before = (await currentRevision(t.db, 2569))!;
    const refused = await secretariat.post('/api/catalogue/editions/2569/supplied/accept', {});
    expect(refused.status).toBe(403);
    const accepted = await json(await root.post('/api/catalogue/editions/2569/supplied/accept', {}));
    expect(accepted.accepted).toEqual(['i1', 'i2', 'e1']);
    const after = (await currentRevision(t.db, 2569))!;
    expect(after.id).not.toBe(before.id);
    expect(accepted.summary).toMatchObject({ fiscalYear: 2569, origin: 'upload', revisionId: after.id });
    const i1 = after.edition.questions.find((q) => q.code === 'i1')!;
    expect(i1).toMatchObject({ text_th: I1, indicator: 1, source: [AGENCY_SUPPLIED] });
    expect(after.edition.notes.at(-1)).toContain('i1, i2, e1');
    const list = await json(await root.get('/api/catalogue/editions/2569/supplied'));
    expect(list.questions.every((q: { accepted: boolean }) => q.accepted)).toBe(true);
    const again = await root.post('/api/catalogue/editions/2569/supplied/accept', {});
    expect(again.status).toBe(400);
    const audit = await json(await root.get('/api/audit?entityType=catalogue_edition&entityId=2569'));
    expect(audit.map((a: { action: string }) => a.action)).toContain('catalogue.supplied.accept');
    // The instrument still has no list of its own: new codes keep coming by pattern.
    const more = await json(
      await importFile(csv(['code,ตัวชี้วัด,score', 'i3,1,90']), 2569, { organizationId: unitC.id }),
    );
    expect(more.errors).toEqual([]);
    expect(more.supplied).toEqual([expect.objectContaining({ code: 'i3', newQuestion: true })]);
  });
});

describe('a 2568 result with question codes and an indicator column', () => {
  it('imports from a wide XLSX with an indicator row under the header', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('ผล');
    ws.addRow(['รหัสหน่วยงาน', 'ITA', 'i1', 'i2', 'e11', 'O1']);
    ws.addRow(['ตัวชี้วัด', null, 'ตัวชี้วัดที่ 1', 'ตัวชี้วัดที่ 2', '8', null]);
    ws.addRow(['SUP-A', 91.5, 90, 88, 70, 'มี']);
    ws.addRow(['SUP-B', 87.25, 85, 84, 60, 'ไม่มี']);
    const bytes = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer).toString('base64');
    const response = await json(
      await importFile(bytes, 2568, { fileName: 'result-2568.xlsx', commit: true }),
    );
    expect(response.errors).toEqual([]);
    expect(response.committed).toBe(true);
    const rows = await suppliedRows(2568);
    expect(rows.map((r) => [r.code, r.indicator, r.textTh, r.organizationId]).sort()).toEqual([
      ['e11', 8, null, unitA.id],
      ['i1', 1, null, unitA.id],
      ['i2', 2, null, unitA.id],
    ]);
    const list = await json(await root.get('/api/catalogue/editions/2568/supplied'));
    expect(list.questions.map((q: { code: string }) => q.code)).toEqual(['i1', 'i2', 'e11']);
  });

  it('asks for the indicator when the file has none', async () => {
    const preview = await json(
      await importFile(csv(['code,score', 'i7,90']), 2568, { organizationId: unitA.id }),
    );
    expect(preview.errors).toEqual([
      expect.objectContaining({
        row: 2,
        code: 'i7',
        message_th: expect.stringContaining('ให้เพิ่มคอลัมน์ ตัวชี้วัด'),
      }),
    ]);
  });
});

describe('wording against the catalogue', () => {
  it('warns with both texts and keeps the catalogue’s wording in use', async () => {
    const revision = (await currentRevision(t.db, 2566))!;
    const i4 = revision.edition.questions.find((q) => q.code === 'i4')!;
    const preview = await json(
      await importFile(csv(['code,ข้อคำถาม,score', 'i4,ถ้อยคำของหน่วยงานเอง,80']), 2566, {
        organizationId: unitA.id,
        commit: true,
      }),
    );
    expect(preview.warnings).toEqual([
      expect.objectContaining({
        message_th: `ข้อความของข้อ i4 ในไฟล์ต่างจากข้อความในกรอบการประเมิน จึงใช้ข้อความเดิม: เดิม "${i4.text_th}" · ในไฟล์ "ถ้อยคำของหน่วยงานเอง"`,
      }),
    ]);
    const edition = await editionWithSupplied(t.db, revision);
    expect(edition.questions.find((q) => q.code === 'i4')!.text_th).toBe(i4.text_th);
    const list = await json(await root.get('/api/catalogue/editions/2566/supplied'));
    expect(list.questions).toEqual([
      expect.objectContaining({ code: 'i4', text_th: 'ถ้อยคำของหน่วยงานเอง', catalogueText_th: i4.text_th }),
    ]);
    expect((await root.post('/api/catalogue/editions/2566/supplied/accept', { codes: ['i4'] })).status).toBe(
      400,
    );
  });
});

describe('a file mixing editions', () => {
  it('is refused and writes nothing: two editions in its edition column', async () => {
    const lines = [
      'organization_code,edition,code,ตัวชี้วัด,ข้อคำถาม,score',
      'SUP-C,2569,i9,1,ข้อความใหม่,90',
      'SUP-C,2566,O33,,,100',
    ];
    const preview = await json(await importFile(csv(lines), 2569));
    expect(preview.errors.map((e: { message_en: string }) => e.message_en)).toEqual(
      expect.arrayContaining([
        'mixed editions in one file: 2569 (row 2), 2566 (row 3); import one edition per file',
        expect.stringMatching(/^mixed editions in one file: O33 \(row 3\) do not exist in the 2569 edition/),
      ]),
    );
    const before = await t.db
      .select()
      .from(assessmentResults)
      .where(eq(assessmentResults.organizationId, unitC.id));
    const committed = await importFile(csv(lines), 2569, { commit: true });
    expect(committed.status).toBe(400);
    const after = await t.db
      .select()
      .from(assessmentResults)
      .where(eq(assessmentResults.organizationId, unitC.id));
    expect(after).toEqual(before);
    expect((await suppliedRows(2569)).some((r) => r.code === 'i9')).toBe(false);
  });
});

describe('codes damaged by OCR and the template order', () => {
  it('suggests the likely code in both languages', async () => {
    const preview = await json(
      await importFile(csv(['code,score', 'i18,90', '๑๑๙,91', 'O27,100', '๒๘,100']), 2566, {
        organizationId: unitA.id,
      }),
    );
    expect(
      preview.errors.map((e: { message_th: string; message_en: string }) => [e.message_th, e.message_en]),
    ).toEqual([
      [
        'รหัส ๑๑๙ ไม่มีในกรอบการประเมินปี 2566 หมายถึง i19 หรือไม่',
        'code ๑๑๙ does not exist in the 2566 edition; did you mean i19?',
      ],
      [
        'รหัส ๒๘ ไม่มีในกรอบการประเมินปี 2566 หมายถึง O28 หรือไม่',
        'code ๒๘ does not exist in the 2566 edition; did you mean O28?',
      ],
    ]);
  });

  it('serves a 2568 template in the edition’s order, a question without wording named by its indicator', async () => {
    const response = await secretariat.get(
      '/api/assessments/template?editionYear=2568&layout=long&format=csv',
    );
    const lines = (await response.text()).split('\r\n').map((l) => l.split(',')[2]);
    const nine = lines.indexOf('ตัวชี้วัดที่ 9');
    expect(lines.slice(nine, nine + 3)).toEqual(['ตัวชี้วัดที่ 9', 'ตัวชี้วัดย่อยที่ 9.1', 'O1']);
    // The questions agencies supplied for 2568 come first, under their indicators.
    expect(lines.indexOf('i1')).toBe(lines.indexOf('ตัวชี้วัดที่ 1') + 1);
    expect(lines.indexOf('i2')).toBe(lines.indexOf('ตัวชี้วัดที่ 2') + 1);
  });
});
