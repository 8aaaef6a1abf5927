import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storePlan } from '../../../../tests/support/assessment-fixtures.ts';
import {
  createTestContext,
  json,
  type TestContext,
  type TestOrg,
} from '../../../../tests/support/test-app.ts';
import { auditEvents, evidenceFiles, reportSlots, rounds } from '../../db/schema/index.ts';
import { readEnv } from '../../env.ts';
import type { Actor } from '../../http/actor.ts';
import type { AppEnv } from '../../http/context.ts';
import { errorHandler } from '../../http/error-handler.ts';
import { csrfMiddleware, sessionMiddleware } from '../../http/session-middleware.ts';
import { LocalDiskStore } from '../../storage/local-disk-store.ts';
import { SESSION_COOKIE } from '../auth/sessions.ts';
import { evidenceRoutes } from './evidence.routes.ts';
import {
  cleanOrphans,
  deleteEvidence,
  listEvidence,
  ORPHAN_GRACE_MS,
  storageKeyOf,
  uploadEvidence,
} from './evidence.service.ts';
import { docxWithJszip, minimalPdf, PNG_1x1 } from './zip-fixture.testutil.ts';

const MAX_BYTES = 64 * 1024;

let t: TestContext;
let filesRoot: string;
let store: LocalDiskStore;
let app: OpenAPIHono<AppEnv>;
let unitA: TestOrg;
let slotA: string;
let slotA2: string;
let slotB: string;
let slotSubmitted: string;
let slotClosedRound: string;
type Session = { id: string; session: { token: string; csrfToken: string } };
let reporterA: Session;
let reporterInsideA: Session;
let reporterB: Session;
let secretariat: Session;
let outsider: Session;

function call(who: Session | null, method: string, url: string, body?: unknown) {
  const headers: Record<string, string> = {};
  if (who) {
    headers.cookie = `${SESSION_COOKIE}=${who.session.token}`;
    if (method !== 'GET') headers['x-csrf-token'] = who.session.csrfToken;
  }
  if (body !== undefined) headers['content-type'] = 'application/json';
  return app.request(`http://localhost${url}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const upload = (who: Session, slotId: string, fileName: string, bytes: Uint8Array) =>
  call(who, 'POST', `/api/evidence/slots/${slotId}`, {
    fileName,
    contentBase64: Buffer.from(bytes).toString('base64'),
  });

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const storedKeys = async () => {
  const keys: string[] = [];
  for await (const f of store.list('evidence/')) keys.push(f.key);
  return keys;
};
const age = async (key: string, ms: number) => {
  const when = new Date(Date.now() - ms);
  await fs.utimes(store.pathOf(key), when, when);
};

beforeAll(async () => {
  t = await createTestContext();
  filesRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'prongsai-evidence-'));
  store = new LocalDiskStore(filesRoot);
  const config = {
    ...readEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: filesRoot }),
    maxEvidenceBytes: MAX_BYTES,
  };
  app = new OpenAPIHono<AppEnv>();
  app.onError(errorHandler);
  app.use('*', async (c, next) => {
    c.set('db', t.db);
    c.set('config', config);
    c.set('fileStore', store);
    await next();
  });
  app.use('/api/*', sessionMiddleware, csrfMiddleware);
  app.route('/api/evidence', evidenceRoutes);

  const province = await t.org(null, { nameTh: 'จังหวัดหลักฐาน' });
  unitA = await t.org(province, { nameTh: 'สำนักงาน ก' });
  const insideA = await t.org(unitA, { nameTh: 'ฝ่ายใน ก' });
  const unitB = await t.org(province, { nameTh: 'สำนักงาน ข' });
  const elsewhere = await t.org(null, { nameTh: 'จังหวัดอื่น' });
  reporterA = await t.signedIn([{ role: 'unit_reporter', on: unitA }]);
  reporterInsideA = await t.signedIn([{ role: 'unit_reporter', on: insideA }]);
  reporterB = await t.signedIn([{ role: 'unit_reporter', on: unitB }]);
  secretariat = await t.signedIn([{ role: 'secretariat', on: province }]);
  outsider = await t.signedIn([{ role: 'admin', on: elsewhere }]);

  const plan = await storePlan(t.db, province.id, unitA.id, 'circulated');
  const round = (status: string) => ({
    planId: plan.id,
    kind: 'six_months',
    labelTh: 'รอบ ๖ เดือน',
    periodStart: '2024-10-01',
    periodEnd: '2025-03-31',
    dueDate: '2025-04-15',
    status,
  });
  const [open] = await t.db.insert(rounds).values(round('open')).returning();
  const [closed] = await t.db.insert(rounds).values(round('closed')).returning();
  const slot = async (roundId: string, measureId: string, unitId: string, extra = {}) => {
    const [row] = await t.db
      .insert(reportSlots)
      .values({ roundId, measureId, unitId, ...extra })
      .returning();
    return row!.id;
  };
  slotA = await slot(open!.id, 'm1', unitA.id);
  slotA2 = await slot(open!.id, 'm2', unitA.id, { state: 'draft' });
  slotB = await slot(open!.id, 'm1', unitB.id);
  slotSubmitted = await slot(open!.id, 'm1', unitA.id, { stepId: 's1', state: 'submitted' });
  slotClosedRound = await slot(closed!.id, 'm1', unitA.id);
});
afterAll(async () => {
  await t.close();
  await fs.rm(filesRoot, { recursive: true, force: true });
});

describe('evidence files', () => {
  it('stores an upload under its SHA-256 with its original name, uploader, time and an audit event', async () => {
    const pdf = minimalPdf('upload');
    const r = await upload(reporterA, slotA, 'รายงานผล ครั้งที่ ๑.pdf', pdf);
    expect(r.status, await r.clone().text()).toBe(201);
    const file = await json(r);
    expect(file).toMatchObject({
      slotId: slotA,
      originalName: 'รายงานผล ครั้งที่ ๑.pdf',
      mediaType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256: sha(pdf),
      uploadedBy: { id: reporterA.id },
    });
    expect(Date.parse(file.uploadedAt)).toBeGreaterThan(Date.now() - 60_000);
    const [row] = await t.db.select().from(evidenceFiles).where(eq(evidenceFiles.id, file.id));
    expect(row!.storageKey).toBe(`evidence/${sha(pdf).slice(0, 2)}/${sha(pdf)}`);
    expect(Buffer.from(await store.get(row!.storageKey)).equals(Buffer.from(pdf))).toBe(true);
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, file.id), eq(auditEvents.action, 'evidence.upload')));
    expect(events).toHaveLength(1);
    expect(events[0]!.organizationId).toBe(unitA.id);
  });

  it('lists and serves a file to its unit and to the plan’s organisation, with its name and type', async () => {
    const docx = await docxWithJszip();
    const r = await upload(reporterA, slotA, 'หลักฐาน "กิจกรรม".docx', docx);
    expect(r.status, await r.clone().text()).toBe(201);
    const { id } = await json(r);
    for (const reader of [reporterA, secretariat]) {
      const list = await call(reader, 'GET', `/api/evidence/slots/${slotA}`);
      expect(list.status).toBe(200);
      expect((await json(list)).map((f: { id: string }) => f.id)).toContain(id);
      const d = await call(reader, 'GET', `/api/evidence/${id}/download`);
      expect(d.status).toBe(200);
      expect(d.headers.get('content-type')).toBe(
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      );
      expect(d.headers.get('x-content-type-options')).toBe('nosniff');
      const disposition = d.headers.get('content-disposition')!;
      expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
      expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('หลักฐาน "กิจกรรม".docx')}`);
      expect(Buffer.from(await d.arrayBuffer()).equals(Buffer.from(docx))).toBe(true);
    }
    for (const stranger of [reporterB, outsider]) {
      expect((await call(stranger, 'GET', `/api/evidence/slots/${slotA}`)).status).toBe(403);
      expect((await call(stranger, 'GET', `/api/evidence/${id}/download`)).status).toBe(403);
    }
    expect((await call(null, 'GET', `/api/evidence/slots/${slotA}`)).status).toBe(401);
  });

  it('stores identical bytes once, and removes them only with the last row that uses them', async () => {
    const png = PNG_1x1;
    const first = await json(await upload(reporterA, slotA, 'photo.png', png));
    const second = await json(await upload(reporterA, slotA2, 'same photo.png', png));
    expect(second.sha256).toBe(first.sha256);
    const key = storageKeyOf(first.sha256);
    expect((await storedKeys()).filter((k) => k === key)).toHaveLength(1);
    expect((await call(reporterA, 'DELETE', `/api/evidence/${first.id}`)).status).toBe(204);
    expect(await store.exists(key)).toBe(true);
    const d = await call(reporterA, 'GET', `/api/evidence/${second.id}/download`);
    expect(d.status).toBe(200);
    expect((await call(reporterA, 'DELETE', `/api/evidence/${second.id}`)).status).toBe(204);
    expect(await store.exists(key)).toBe(false);
    expect((await call(reporterA, 'GET', `/api/evidence/${second.id}/download`)).status).toBe(404);
    const deletions = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'evidence.delete'));
    expect(deletions.map((e) => e.entityId)).toEqual(expect.arrayContaining([first.id, second.id]));
  });

  it('lets only people on the unit itself (or inside it) attach or remove, never from above or beside', async () => {
    const pdf = minimalPdf('who');
    expect((await upload(reporterB, slotA, 'a.pdf', pdf)).status).toBe(403);
    expect((await upload(secretariat, slotA, 'a.pdf', pdf)).status).toBe(403);
    expect((await upload(outsider, slotA, 'a.pdf', pdf)).status).toBe(403);
    const inside = await upload(reporterInsideA, slotA, 'a.pdf', pdf);
    expect(inside.status).toBe(201);
    const { id } = await json(inside);
    expect((await call(reporterB, 'DELETE', `/api/evidence/${id}`)).status).toBe(403);
    expect((await call(secretariat, 'DELETE', `/api/evidence/${id}`)).status).toBe(403);
    expect((await upload(reporterB, slotB, 'b.pdf', pdf)).status).toBe(201);
  });

  it('refuses changes when the round is not open or the report is submitted', async () => {
    const closed = await upload(reporterA, slotClosedRound, 'a.pdf', minimalPdf('closed'));
    expect(closed.status).toBe(409);
    expect((await json(closed)).error.code).toBe('round_closed');
    const submitted = await upload(reporterA, slotSubmitted, 'a.pdf', minimalPdf('submitted'));
    expect(submitted.status).toBe(409);
    expect((await json(submitted)).error.code).toBe('report_locked');
    // A file attached while the report was a draft cannot be removed once it is submitted.
    const { id } = await json(await upload(reporterA, slotA2, 'draft.pdf', minimalPdf('draft')));
    await t.db.update(reportSlots).set({ state: 'submitted' }).where(eq(reportSlots.id, slotA2));
    const removal = await call(reporterA, 'DELETE', `/api/evidence/${id}`);
    expect(removal.status).toBe(409);
    await t.db.update(reportSlots).set({ state: 'draft' }).where(eq(reportSlots.id, slotA2));
    expect((await call(reporterA, 'DELETE', `/api/evidence/${id}`)).status).toBe(204);
  });

  it('refuses an oversized file before decoding it, and a wrong type, storing nothing', async () => {
    const before = await storedKeys();
    const big = new Uint8Array(MAX_BYTES + 1);
    big.set(minimalPdf());
    const r = await upload(reporterA, slotA, 'big.pdf', big);
    expect(r.status).toBe(413);
    const body = await json(r);
    expect(body.error.code).toBe('file_too_large');
    expect(body.error.message_th).toContain('MB');
    const exe = new Uint8Array(256);
    exe.set([0x4d, 0x5a]);
    const refused = await upload(reporterA, slotA, 'scan.pdf', exe);
    expect(refused.status).toBe(400);
    const refusal = await json(refused);
    expect(refusal.error.code).toBe('file_type_refused');
    expect(refusal.error.message_en).toContain('renamed .pdf');
    const bad = await call(reporterA, 'POST', `/api/evidence/slots/${slotA}`, {
      fileName: 'a.pdf',
      contentBase64: 'not base64!',
    });
    expect(bad.status).toBe(400);
    expect(await storedKeys()).toEqual(before);
    const rows = await t.db
      .select()
      .from(evidenceFiles)
      .where(eq(evidenceFiles.sha256, sha(exe)));
    expect(rows).toEqual([]);
  });

  it('answers 404 for an unknown report or file', async () => {
    const unknown = crypto.randomUUID();
    expect((await upload(reporterA, unknown, 'a.pdf', minimalPdf())).status).toBe(404);
    expect((await call(reporterA, 'GET', `/api/evidence/slots/${unknown}`)).status).toBe(404);
    expect((await call(reporterA, 'GET', `/api/evidence/${unknown}/download`)).status).toBe(404);
    expect((await call(reporterA, 'DELETE', `/api/evidence/${unknown}`)).status).toBe(404);
  });

  it('leaves no orphan file when the insert fails after the file was written', async () => {
    const realActor = await t.actorFor(reporterA.id);
    // A user id with no users row: the checks pass, the file is written, the insert's foreign key fails.
    const ghost: Actor = { ...realActor, userId: crypto.randomUUID() };
    const pdf = minimalPdf('interrupted');
    await expect(
      uploadEvidence(t.db, store, ghost, slotA, { fileName: 'lost.pdf', bytes: pdf }),
    ).rejects.toThrow();
    expect(await store.exists(storageKeyOf(sha(pdf)))).toBe(false);
    expect(
      await t.db
        .select()
        .from(evidenceFiles)
        .where(eq(evidenceFiles.sha256, sha(pdf))),
    ).toEqual([]);

    // The same failure on bytes another row already uses leaves them in place.
    const kept = minimalPdf('shared');
    await uploadEvidence(t.db, store, realActor, slotA, { fileName: 'kept.pdf', bytes: kept });
    await expect(
      uploadEvidence(t.db, store, ghost, slotA2, { fileName: 'again.pdf', bytes: kept }),
    ).rejects.toThrow();
    expect(await store.exists(storageKeyOf(sha(kept)))).toBe(true);
  });

  it('keeps every row’s bytes when uploads and deletions of the same bytes race', async () => {
    const actor = await t.actorFor(reporterA.id);
    const pdf = minimalPdf('race');
    const key = storageKeyOf(sha(pdf));
    let previous = await uploadEvidence(t.db, store, actor, slotA, { fileName: 'r0.pdf', bytes: pdf });
    for (let i = 1; i <= 6; i++) {
      const [next] = await Promise.all([
        uploadEvidence(t.db, store, actor, i % 2 ? slotA2 : slotA, { fileName: `r${i}.pdf`, bytes: pdf }),
        deleteEvidence(t.db, store, actor, previous.id),
      ]);
      previous = next;
      expect(await store.exists(key)).toBe(true);
    }
    await deleteEvidence(t.db, store, actor, previous.id);
    expect(await store.exists(key)).toBe(false);
  });

  it('cleans up only stored files that no row names and that are older than the grace period', async () => {
    const actor = await t.actorFor(reporterA.id);
    const referenced = await uploadEvidence(t.db, store, actor, slotA, {
      fileName: 'kept.png',
      bytes: PNG_1x1,
    });
    const referencedKey = storageKeyOf(referenced.sha256);
    await age(referencedKey, 3 * ORPHAN_GRACE_MS);
    const oldOrphan = storageKeyOf(sha(minimalPdf('old orphan')));
    await store.put(oldOrphan, minimalPdf('old orphan'));
    await age(oldOrphan, 2 * ORPHAN_GRACE_MS);
    const youngOrphan = storageKeyOf(sha(minimalPdf('young orphan')));
    await store.put(youngOrphan, minimalPdf('young orphan'));
    const leftover = path.join(path.dirname(store.pathOf(oldOrphan)), '.tmp-interrupted');
    await fs.writeFile(leftover, 'half');
    const old = new Date(Date.now() - 2 * ORPHAN_GRACE_MS);
    await fs.utimes(leftover, old, old);

    const result = await cleanOrphans(t.db, store, new Date(Date.now() - ORPHAN_GRACE_MS));
    expect(result.deleted).toBe(1);
    expect(result.incompleteRemoved).toBe(1);
    expect(result.missing).toEqual([]);
    expect(result.keptReferenced).toBeGreaterThanOrEqual(1);
    expect(result.keptRecent).toBeGreaterThanOrEqual(1);
    expect(await store.exists(oldOrphan)).toBe(false);
    expect(await store.exists(youngOrphan)).toBe(true);
    expect(await store.exists(referencedKey)).toBe(true);
    await expect(fs.stat(leftover)).rejects.toThrow();
    const rows = await listEvidence(t.db, actor, slotA);
    for (const row of rows) expect(await store.exists(storageKeyOf(row.sha256))).toBe(true);

    // A row whose bytes vanished is named, not deleted.
    await store.delete(referencedKey);
    const named = await cleanOrphans(t.db, store, new Date(Date.now() - ORPHAN_GRACE_MS));
    expect(named.missing).toEqual([referencedKey]);
    await store.put(referencedKey, PNG_1x1);
  });
});
