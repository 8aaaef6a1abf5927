import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, json, type TestContext } from '../../../../tests/support/test-app.ts';
import {
  documentEmblems,
  documentFiles,
  evidenceFiles,
  organizations,
  plans,
  reportSlots,
  users,
} from '../../db/schema/index.ts';
import { createSession } from '../auth/sessions.ts';
import { loadBundledEditions } from '../catalogue/catalogue.service.ts';
import { DEMO_CYCLE, publishDemo } from '../demo/demo-cycle.ts';
import { DEMO_USERS } from '../demo/demo-data.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { documentRenderersFor, type PdfPrinter } from './render-formats.ts';

/**
 * A file the database records but the file store no longer has (a database restored without its file
 * store, a disk cleaned by hand): the download answers a clear 404 in Thai and English, never a 500;
 * the public DOCX/PDF/XLSX address answers a 404 page that says what is missing.
 */
// The smallest valid PNG: 1×1, greyscale.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010800000000' +
    '3a7e9b550000000a49444154789c63600000000200015c0f3e5d0000000049454e44ae426082',
  'hex',
).toString('base64');
const stubPdf: PdfPrinter = {
  print: async (html) => new TextEncoder().encode(`%PDF-1.4\n%stub\n${html}\n%%EOF\n`),
};
let t: TestContext;
let secretariat: ReturnType<TestContext['client']>;
let planId: string;
let slug: string;
let provinceId: string;
let secretariatId: string;

beforeAll(async () => {
  const renderers = documentRenderersFor({ fontsDir: '/nonexistent' }, stubPdf);
  t = await createTestContext({ documentRenderers: renderers });
  await loadBundledEditions(t.db);
  expect(await seedDemo(t.db, { cycle: true })).toBe(true);
  expect(await publishDemo(t.db, t.fileStore, renderers)).toBe(2);
  const email = DEMO_USERS.find((u) => u.role === 'secretariat' && u.on === 'DEMO-PROV')!.email;
  const [user] = await t.db.select().from(users).where(eq(users.email, email));
  secretariat = t.client(await createSession(t.db, user!.id, { ip: '127.0.0.1', userAgent: 'test' }));
  const [province] = await t.db.select().from(organizations).where(eq(organizations.code, 'DEMO-PROV'));
  const [plan] = await t.db.select().from(plans).where(eq(plans.organizationId, province!.id));
  planId = plan!.id;
  provinceId = province!.id;
  secretariatId = user!.id;
  const site = await secretariat.get(`/api/publications/sites/${province!.id}`);
  expect(site.status).toBe(200);
  slug = (await json(site)).slug;
}, 120_000);
afterAll(() => t.close());

/** Removes the stored bytes of one format of the plan's (first) document and returns its address. */
async function removeFile(format: 'docx' | 'pdf' | 'xlsx') {
  const docs = await json(await secretariat.get(`/api/documents?subjectId=${planId}`));
  const doc = docs.find((d: { kind: string }) => d.kind === 'plan');
  const url: string = doc.files.find((f: { format: string }) => f.format === format).url;
  expect((await secretariat.get(url)).status).toBe(200);
  const rows = await t.db.select().from(documentFiles).where(eq(documentFiles.documentId, doc.id));
  for (const row of rows.filter((r) => r.format === format)) await t.fileStore.delete(row.storageKey);
  return url;
}

describe('a file missing from the file store', () => {
  it('answers a document download with a clear 404 in Thai and English, not a 500', async () => {
    const url = await removeFile('docx');
    const r = await secretariat.get(url);
    expect(r.status).toBe(404);
    const body = await json(r);
    expect(body.error.code).toBe('document_file_missing');
    expect(body.error.message_th).toContain('ไม่พบไฟล์');
    expect(body.error.message_en).toContain('missing from the file store');
  });

  it('answers the public file address with a 404 page that says the file is missing', async () => {
    const address = `/p/${slug}/${DEMO_CYCLE.planYear}/plan/plan.pdf`;
    expect((await t.client().get(address)).status).toBe(200);
    await removeFile('pdf');
    for (const path of [address, `/p/${slug}/${DEMO_CYCLE.planYear}/plan/v1/plan.pdf`]) {
      const r = await t.client().get(path);
      expect(r.status, path).toBe(404);
      expect(r.headers.get('content-type')).toContain('text/html');
      expect(r.headers.get('cache-control')).toBe('no-store');
      const page = await r.text();
      expect(page).toContain('ไม่พบไฟล์เอกสาร');
      expect(page).toContain('Document file not found');
    }
  });
  it('answers the emblem, and a document made with it, with a clear 404 when its file is gone', async () => {
    const emblem = `/api/documents/settings/${provinceId}/emblem`;
    expect((await secretariat.put(emblem, { contentBase64: PNG })).status).toBe(204);
    expect((await secretariat.get(emblem)).status).toBe(200);
    const [row] = await t.db
      .select()
      .from(documentEmblems)
      .where(eq(documentEmblems.organizationId, provinceId));
    await t.fileStore.delete(row!.storageKey);
    const r = await secretariat.get(emblem);
    expect(r.status).toBe(404);
    expect((await json(r)).error.code).toBe('emblem_file_missing');
    const made = await secretariat.post('/api/documents', {
      kind: 'plan',
      subjectType: 'plan',
      subjectId: planId,
    });
    expect(made.status).toBe(404);
    const body = await json(made);
    expect(body.error.code).toBe('emblem_file_missing');
    expect(body.error.message_th).toContain('ตราสัญลักษณ์');
  });

  it('answers evidence whose bytes are gone with a clear 404 (as it did already)', async () => {
    const [slot] = await t.db.select().from(reportSlots).limit(1);
    const [file] = await t.db
      .insert(evidenceFiles)
      .values({
        slotId: slot!.id,
        sha256: '0'.repeat(64),
        storageKey: `evidence/00/${'0'.repeat(64)}`,
        originalName: 'หลักฐาน.pdf',
        mediaType: 'application/pdf',
        sizeBytes: 10,
        uploadedBy: secretariatId,
      })
      .returning();
    const r = await secretariat.get(`/api/evidence/${file!.id}/download`);
    expect(r.status).toBe(404);
    expect((await json(r)).error.code).toBe('evidence_bytes_missing');
  });
});
