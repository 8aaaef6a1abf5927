import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, json, type TestContext } from '../../../../tests/support/test-app.ts';
import { documentFiles, organizations, plans, users } from '../../db/schema/index.ts';
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
const stubPdf: PdfPrinter = {
  print: async (html) => new TextEncoder().encode(`%PDF-1.4\n%stub\n${html}\n%%EOF\n`),
};
let t: TestContext;
let secretariat: ReturnType<TestContext['client']>;
let planId: string;
let slug: string;

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
});
