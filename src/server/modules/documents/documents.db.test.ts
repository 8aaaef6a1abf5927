import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  indicatorScores,
  storeAnalysis,
  storeResult,
} from '../../../../tests/support/assessment-fixtures.ts';
import { docxText } from '../../../../tests/support/docx-text.ts';
import {
  createTestContext,
  json,
  type TestContext,
  type TestOrg,
} from '../../../../tests/support/test-app.ts';
import { auditEvents, documentEmblems, documents } from '../../db/schema/index.ts';
import { pdfPrinter } from './pdf/pdf-printer.ts';
import { PdfRenderer } from './pdf/pdf-renderer.ts';
import { documentRenderersFor } from './render-formats.ts';

/**
 * Documents through the API: what each kind contains, the versions, and bad input refused with the
 * reason and nothing written. Chromium is pointed at a path that does not exist, so every PDF here
 * fails the way it does on a server without Chromium: DOCX and XLSX must still be made.
 */
const require = createRequire(import.meta.url);
const fontsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-fonts-'));
const pdf = new PdfRenderer({ chromium: { chromiumPath: '/nonexistent/chromium' } });
let t: TestContext;
let org: TestOrg;
type Client = Awaited<ReturnType<TestContext['signedIn']>>;
let secretariat: Client;

beforeAll(async () => {
  t = await createTestContext({
    documentRenderers: documentRenderersFor({ fontsDir }, pdfPrinter(pdf)),
    config: { fontsDir },
  });
  const { loadBundledEditions } = await import('../catalogue/catalogue.service.ts');
  await loadBundledEditions(t.db);
  org = await t.org(null, { nameTh: 'สำนักงานทดสอบเอกสาร' });
  secretariat = await t.signedIn([{ role: 'secretariat', on: org }]);
});
afterAll(async () => {
  await pdf.close();
  await t.close();
  fs.rmSync(fontsDir, { recursive: true, force: true });
});

const download = async (client: Client, url: string) =>
  new Uint8Array(await (await client.get(url)).arrayBuffer());
const fileUrl = (doc: { files: { format: string; url: string }[] }, format: string) =>
  doc.files.find((f) => f.format === format)?.url;

describe('without Chromium', () => {
  it('makes the DOCX and XLSX, and says why there is no PDF, naming CHROMIUM_PATH', async () => {
    const plan = await json(
      await secretariat.post('/api/plans', { organizationId: org.id, fiscalYear: 2569 }),
    );
    const r = await secretariat.post('/api/documents', {
      kind: 'plan',
      subjectType: 'plan',
      subjectId: plan.id,
    });
    expect(r.status, await r.clone().text()).toBe(200);
    const made = await json(r);
    expect(made.document.files.map((f: { format: string }) => f.format).sort()).toEqual(['docx', 'xlsx']);
    expect(made.missing).toHaveLength(1);
    expect(made.missing[0].format).toBe('pdf');
    expect(made.missing[0].message_en).toContain('CHROMIUM_PATH');
    expect(made.missing[0].message_th).toContain('CHROMIUM_PATH');
    // A plan with no measures says so instead of printing an empty table.
    expect(await docxText(await download(secretariat, fileUrl(made.document, 'docx')!))).toContain(
      'แผนฉบับนี้ยังไม่มีมาตรการ',
    );
  });
});

describe('analysis report', () => {
  it('has the total, the indicators with the threshold, the chart and the findings; XLSX has two Thai sheets', async () => {
    const admin = await t.user([{ role: 'admin', on: null }]);
    const result = await storeResult(
      t.db,
      org.id,
      2568,
      indicatorScores([70, 90, 95, 60, 88, 100, 80, 92, 85, 77]),
    );
    const analysis = await storeAnalysis(t.db, await t.actorFor(admin.id), result.id, { urgentBelow: 85 });
    const made = await json(
      await secretariat.post('/api/documents', {
        kind: 'analysis',
        subjectType: 'analysis',
        subjectId: analysis.id,
        options: { digits: 'arabic' },
      }),
    );
    const text = await docxText(await download(secretariat, fileUrl(made.document, 'docx')!));
    expect(text).toContain('รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส');
    expect(text).toContain('ต่ำกว่า 85.00 คะแนน = จุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน');
    expect(text).toContain('70.00');
    expect(text).toContain('เกณฑ์ 85.00');
    expect(text).toContain('3. ประเด็นที่พบจากการวิเคราะห์');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await download(secretariat, fileUrl(made.document, 'xlsx')!)) as never);
    expect(book.worksheets.map((s) => s.name)).toEqual(['ผลการประเมิน', 'ประเด็นที่พบ']);
  });

  it('refuses a memo about an analysis (memos are about a plan or a round)', async () => {
    const r = await secretariat.post('/api/documents', {
      kind: 'memo',
      subjectType: 'analysis',
      subjectId: crypto.randomUUID(),
    });
    expect(r.status).toBe(400);
    expect((await json(r)).error.message_en).toContain('only from plan, round');
  });
});

describe('bad input writes nothing', () => {
  const countRows = async () => ({
    documents: (await t.db.select().from(documents)).length,
    emblems: (await t.db.select().from(documentEmblems)).length,
    audit: (await t.db.select().from(auditEvents)).length,
  });

  it('refuses an emblem that is not a PNG or JPEG, or too large', async () => {
    const before = await countRows();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64');
    const r = await secretariat.put(`/api/documents/settings/${org.id}/emblem`, { contentBase64: svg });
    expect(r.status).toBe(400);
    expect((await json(r)).error.message_th).toMatch(/PNG|JPEG/);
    const big = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(1_200_000)]).toString(
      'base64',
    );
    const tooBig = await secretariat.put(`/api/documents/settings/${org.id}/emblem`, { contentBase64: big });
    expect(tooBig.status).toBe(400);
    expect(await countRows()).toEqual(before);
  });

  it('refuses options naming a font that is not in the fonts folder, listing those that are', async () => {
    const before = await countRows();
    const r = await secretariat.put(`/api/documents/settings/${org.id}/options/plan`, {
      font: 'TH Sarabun New',
    });
    expect(r.status).toBe(400);
    expect(JSON.stringify(await json(r))).toContain('Sarabun');
    expect(await countRows()).toEqual(before);
  });

  it('refuses a font file that is not a TTF/OTF or has no Thai letters, and adds a good one', async () => {
    const root = await t.signedIn([{ role: 'admin', on: null }]);
    const garbage = await root.post('/api/documents/fonts', {
      fileName: 'THSarabunNew.ttf',
      contentBase64: Buffer.from('not a font at all, just text').toString('base64'),
    });
    expect(garbage.status).toBe(400);
    const latinOnly = fs.readFileSync(
      require.resolve('pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf'),
    );
    const noThai = await root.post('/api/documents/fonts', {
      fileName: 'LiberationSans.ttf',
      contentBase64: latinOnly.toString('base64'),
    });
    expect(noThai.status).toBe(400);
    expect((await json(noThai)).error.message_th).toContain('ไทย');
    expect(fs.readdirSync(fontsDir)).toEqual([]);
    const sarabun = fs.readFileSync(
      require.resolve('@expo-google-fonts/sarabun/400Regular/Sarabun_400Regular.ttf'),
    );
    const ok = await root.post('/api/documents/fonts', {
      fileName: 'Agency.ttf',
      contentBase64: sarabun.toString('base64'),
    });
    expect(ok.status, await ok.clone().text()).toBe(201);
    const settings = await json(await secretariat.get(`/api/documents/settings/${org.id}`));
    expect(settings.fonts.map((f: { source: string }) => f.source)).toEqual(['bundled', 'folder']);
  });

  it('refuses a stale memo save and a draft whose kind differs from its address', async () => {
    const plan = await json(
      await secretariat.post('/api/plans', { organizationId: org.id, fiscalYear: 2570 }),
    );
    const draft = await json(await secretariat.get(`/api/documents/drafts/memo/plan/${plan.id}`));
    expect(draft.draft.content.subject).toContain('ขอความเห็นชอบ');
    const wrongKind = await secretariat.put(`/api/documents/drafts/circular/plan/${plan.id}`, {
      rowVersion: 0,
      draft: draft.draft,
    });
    expect(wrongKind.status).toBe(400);
    const first = await secretariat.put(`/api/documents/drafts/memo/plan/${plan.id}`, {
      rowVersion: 0,
      draft: draft.draft,
    });
    expect(first.status).toBe(200);
    const stale = await secretariat.put(`/api/documents/drafts/memo/plan/${plan.id}`, {
      rowVersion: 0,
      draft: draft.draft,
    });
    expect(stale.status).toBe(409);
  });
});
