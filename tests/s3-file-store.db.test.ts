import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditEvents,
  documentFiles,
  documents,
  evidenceFiles,
  reportSlots,
  rounds,
} from '../src/server/db/schema/index.ts';
import { loadBundledEditions } from '../src/server/modules/catalogue/catalogue.service.ts';
import { documentRenderersFor } from '../src/server/modules/documents/render-formats.ts';
import { cleanOrphans } from '../src/server/modules/evidence/evidence.service.ts';
import { S3Store } from '../src/server/storage/s3-store.ts';
import type { ScoreEntry } from '../src/shared/assessments/scores.ts';
import { storeAnalysis, storePlan, storeResult } from './support/assessment-fixtures.ts';
import { docxText } from './support/docx-text.ts';
import { startS3Server, type TestS3Server } from './support/s3-server.ts';
import { createTestContext, json, type TestContext } from './support/test-app.ts';

/**
 * The app on the S3 driver (issue 15, item 4), against a real S3-protocol server started here: an
 * evidence file uploaded through one app is in the bucket and downloads through it (and is seen by a
 * second store on the same bucket, as another process would), a generated document is stored there
 * too, and with object storage unreachable an upload is refused with 503 and leaves no row behind.
 */
let s3: TestS3Server;
let t: TestContext;
let store: S3Store;
let other: S3Store;
let reporter: Awaited<ReturnType<TestContext['signedIn']>>;
let secretariat: Awaited<ReturnType<TestContext['signedIn']>>;
let slotId: string;

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const upload = (fileName: string, bytes: Uint8Array) =>
  reporter.post(`/api/evidence/slots/${slotId}`, {
    fileName,
    contentBase64: Buffer.from(bytes).toString('base64'),
  });
const keys = async (s: S3Store, prefix: string) => {
  const out: string[] = [];
  for await (const f of s.list(prefix)) out.push(f.key);
  return out;
};

beforeAll(async () => {
  s3 = await startS3Server(['prongsai']);
  store = new S3Store(s3.config('prongsai', 'deployment/'));
  other = new S3Store(s3.config('prongsai', 'deployment/'));
  t = await createTestContext({
    fileStore: store,
    documentRenderers: documentRenderersFor({ fontsDir: '/nonexistent' }, null),
  });
  await loadBundledEditions(t.db);
  const province = await t.org(null, { nameTh: 'จังหวัดที่เก็บไฟล์' });
  const unit = await t.org(province, { nameTh: 'สำนักงานที่เก็บไฟล์' });
  reporter = await t.signedIn([{ role: 'unit_reporter', on: unit }]);
  secretariat = await t.signedIn([{ role: 'secretariat', on: province }]);
  const plan = await storePlan(t.db, province.id, unit.id, 'circulated');
  const [round] = await t.db
    .insert(rounds)
    .values({
      planId: plan.id,
      kind: 'six_months',
      labelTh: 'รอบ ๖ เดือน',
      periodStart: '2024-10-01',
      periodEnd: '2025-03-31',
      dueDate: '2025-04-15',
      status: 'open',
    })
    .returning();
  const [slot] = await t.db
    .insert(reportSlots)
    .values({ roundId: round!.id, measureId: 'm1', unitId: unit.id })
    .returning();
  slotId = slot!.id;
});
afterAll(async () => {
  await t?.close();
  store?.close();
  other?.close();
  await s3?.close();
});

describe('the app with its files in object storage', () => {
  it('stores an uploaded evidence file in the bucket and serves it back', async () => {
    const r = await upload('รายงานผล.pdf', PDF);
    expect(r.status, await r.clone().text()).toBe(201);
    const { id } = await json(r);
    const [row] = await t.db.select().from(evidenceFiles).where(eq(evidenceFiles.id, id));
    expect(await keys(other, 'evidence/')).toEqual([row!.storageKey]);
    expect(Buffer.from(await other.get(row!.storageKey)).equals(Buffer.from(PDF))).toBe(true);
    const d = await secretariat.get(`/api/evidence/${id}/download`);
    expect(d.status).toBe(200);
    expect(Buffer.from(await d.arrayBuffer()).equals(Buffer.from(PDF))).toBe(true);
  });

  it('stores a generated document in the bucket and serves it back', async () => {
    const agency = await t.org(null, { nameTh: 'สำนักงานเอกสารในที่เก็บ' });
    const admin = await t.user([{ role: 'admin', on: null }]);
    const score = (code: string, value: number): ScoreEntry => ({
      scope: 'indicator',
      code,
      score: value,
      passed: null,
      reason: null,
      recommendation: null,
    });
    const result = await storeResult(t.db, agency.id, 2568, [score('IIT1', 82.5), score('EIT6', 71)]);
    const analysis = await storeAnalysis(t.db, await t.actorFor(admin.id), result.id, {});
    const writer = await t.signedIn([{ role: 'secretariat', on: agency }]);
    const before = await keys(other, '');
    const r = await writer.post('/api/documents', {
      kind: 'analysis',
      subjectType: 'analysis',
      subjectId: analysis.id,
    });
    expect(r.status, await r.clone().text()).toBe(200);
    const made = await json(r);
    const added = (await keys(other, '')).filter((k) => !before.includes(k));
    expect(added.length).toBeGreaterThanOrEqual(2); // the DOCX and the XLSX (no Chromium here: no PDF)
    const docxUrl = made.document.files.find((f: { format: string }) => f.format === 'docx').url as string;
    const d = await writer.get(docxUrl);
    expect(d.status).toBe(200);
    const text = await docxText(new Uint8Array(await d.arrayBuffer()));
    expect(text).toContain('สำนักงานเอกสารในที่เก็บ');
  });

  it('refuses an upload with 503 when object storage is unreachable, storing nothing and writing no row', async () => {
    const rowsBefore = await t.db.select().from(evidenceFiles);
    const auditBefore = await t.db.select().from(auditEvents);
    const keysBefore = await keys(other, 'evidence/');
    await s3.stop();
    try {
      const started = Date.now();
      const r = await upload(
        'ระหว่างขัดข้อง.pdf',
        new TextEncoder().encode('%PDF-1.4\nduring the outage\n%%EOF\n'),
      );
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(r.status).toBe(503);
      expect(await json(r)).toMatchObject({
        error: {
          code: 'file_store_unavailable',
          message_en: expect.stringMatching(/file store is unavailable/),
          message_th: expect.stringMatching(/ที่เก็บไฟล์ใช้งานไม่ได้/),
        },
      });
      expect(r.headers.get('retry-after')).toBe('30');
      expect(await t.db.select().from(evidenceFiles)).toHaveLength(rowsBefore.length);
      expect(await t.db.select().from(auditEvents)).toHaveLength(auditBefore.length);
    } finally {
      await s3.start();
    }
    expect(await keys(other, 'evidence/')).toEqual(keysBefore);
    // And uploads work again once it is back.
    const again = await upload('หลังกลับมา.pdf', PDF);
    expect(again.status).toBe(201);
  });

  it('refuses to make a document with 503 when object storage is unreachable, recording no version', async () => {
    const docsBefore = await t.db.select().from(documents);
    const filesBefore = await t.db.select().from(documentFiles);
    // A new subject: its first version must be written to the store.
    const agency = await t.org(null, { nameTh: 'สำนักงานระหว่างขัดข้อง' });
    const admin = await t.user([{ role: 'admin', on: null }]);
    const score: ScoreEntry = {
      scope: 'indicator',
      code: 'IIT1',
      score: 90,
      passed: null,
      reason: null,
      recommendation: null,
    };
    const result = await storeResult(t.db, agency.id, 2568, [score]);
    const analysis = await storeAnalysis(t.db, await t.actorFor(admin.id), result.id, {});
    const secretary = await t.signedIn([{ role: 'secretariat', on: agency }]);
    await s3.stop();
    try {
      const r = await secretary.post('/api/documents', {
        kind: 'analysis',
        subjectType: 'analysis',
        subjectId: analysis.id,
      });
      expect(r.status, await r.clone().text()).toBe(503);
      expect((await json(r)).error.code).toBe('file_store_unavailable');
    } finally {
      await s3.start();
    }
    expect(await t.db.select().from(documents)).toHaveLength(docsBefore.length);
    expect(await t.db.select().from(documentFiles)).toHaveLength(filesBefore.length);
  });

  it('sweeps an orphan object from the bucket and keeps the files rows name', async () => {
    const orphan = 'evidence/ff/ff00000000000000000000000000000000000000000000000000000000000000';
    await other.put(orphan, new TextEncoder().encode('no row names me'));
    const named = (await t.db.select().from(evidenceFiles)).map((f) => f.storageKey);
    expect(named.length).toBeGreaterThan(0);
    const result = await cleanOrphans(t.db, store, new Date(Date.now() + 60_000));
    expect(result).toMatchObject({ deleted: 1, missing: [], incompleteRemoved: 0 });
    expect(await other.exists(orphan)).toBe(false);
    for (const key of named) expect(await other.exists(key)).toBe(true);
  });
});
