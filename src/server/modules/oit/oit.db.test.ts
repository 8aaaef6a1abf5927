import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  json,
  type TestContext,
  type TestOrg,
} from '../../../../tests/support/test-app.ts';
import { createApp } from '../../app.ts';
import { auditEvents, oitItems, organizations } from '../../db/schema/index.ts';
import { readEnv } from '../../env.ts';
import { SESSION_COOKIE } from '../auth/sessions.ts';
import { currentRevision, loadBundledEditions } from '../catalogue/catalogue.service.ts';
import type { AutoUrlResolver } from './auto-url.ts';
import { dueTrackers, oitCheckJob, oitCheckPass } from './oit-check-job.ts';
import { producedItems } from './produced-items.ts';

/**
 * The OIT tracker through the API: the items of an edition, saving with versions, refused addresses,
 * roles, the audit trail, checking links on a loopback server, the XLSX and the nightly worker.
 * `t.app` refuses private targets (the default); `privateApp` allows them, as tests need for loopback.
 */
let t: TestContext;
let province: TestOrg;
let unit: TestOrg;
let otherProvince: TestOrg;
type Client = Awaited<ReturnType<TestContext['signedIn']>>;
let secretariat: Client;
let server: http.Server;
let base: string;
let privateApp: ReturnType<typeof createApp>;
let autoApp: ReturnType<typeof createApp>;

const YEAR = 2569;
const path = (org: TestOrg | { id: string }, rest = '') => `/api/oit/${org.id}/${YEAR}${rest}`;
const item = (org: TestOrg, code: string) => path(org, `/items/${code}`);
const save = (fields: Record<string, unknown>) => ({
  rowVersion: 0,
  url: null,
  status: 'not_started',
  ...fields,
});

/** A request to another app built on the same database, as the signed-in client. */
function via(app: ReturnType<typeof createApp>, client: Client, method: string, url: string, body?: unknown) {
  const headers: Record<string, string> = { cookie: `${SESSION_COOKIE}=${client.session.token}` };
  if (method !== 'GET') headers['x-csrf-token'] = client.session.csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return app.request(`http://localhost${url}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function counts() {
  const items = await t.db.select().from(oitItems);
  const audits = await t.db.select().from(auditEvents);
  return { items: items.length, audits: audits.length };
}

beforeAll(async () => {
  t = await createTestContext();
  await loadBundledEditions(t.db);
  province = await t.org(null, { nameTh: 'จังหวัดตัวอย่าง' });
  unit = await t.org(province, { nameTh: 'สำนักงานจังหวัด' });
  await t.db.update(organizations).set({ nameEn: 'Provincial Office' }).where(eq(organizations.id, unit.id));
  otherProvince = await t.org(null, { nameTh: 'จังหวัดอื่น' });
  secretariat = await t.signedIn([{ role: 'secretariat', on: province }]);

  server = http.createServer((req, res) => {
    switch (req.url) {
      case '/o1':
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'last-modified': 'Wed, 01 Oct 2025 00:00:00 GMT',
        });
        return res.end('<html><body><h1>โครงสร้าง หน้าที่และอำนาจ</h1> ปีงบประมาณ พ.ศ. ๒๕๖๙</body></html>');
      case '/o2':
        res.writeHead(401);
        return res.end();
      case '/o3':
        res.writeHead(302, { location: '/login' });
        return res.end();
      case '/login':
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end('<form><input type="password" name="p"></form>');
      case '/plan':
        res.writeHead(200, { 'content-type': 'application/pdf' });
        return res.end('%PDF-1.4 (2569) %%EOF');
      default:
        res.writeHead(404);
        return res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = readEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: '/tmp/unused' });
  privateApp = createApp({
    db: t.db,
    config,
    oit: { allowPrivateTargets: true, check: { timeoutMs: 2000 } },
  });
  const resolver: AutoUrlResolver = {
    publicUrlFor: (i) => (i.produces === 'measures_plan' ? `${base}/plan` : 'not a url'),
  };
  autoApp = createApp({ db: t.db, config, oit: { allowPrivateTargets: true, autoUrl: resolver } });
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await t.close();
});

describe('the tracker of an organisation and year', () => {
  it('lists every OIT item of the edition as not started, writing nothing', async () => {
    const before = await counts();
    const tracker = await json(await secretariat.get(path(province)));
    const edition = (await currentRevision(t.db, YEAR))!.edition;
    const oit = edition.questions.filter((q) => q.instrument === 'OIT');
    expect(tracker.rows).toHaveLength(oit.length);
    expect(tracker.rows.map((r: { itemCode: string }) => r.itemCode)).toEqual(oit.map((q) => q.code));
    expect(tracker.rows[0]).toMatchObject({
      itemCode: 'o1',
      displayCode: 'O1',
      labelTh: 'โครงสร้าง หน้าที่และอำนาจ',
      labelEn: 'Structure, duties and powers',
      status: 'not_started',
      rowVersion: 0,
      url: null,
      autoUrl: null,
      lastCheck: null,
    });
    expect(tracker.rows.find((r: { itemCode: string }) => r.itemCode === 'o25').produces).toBe(
      'measures_plan',
    );
    expect(tracker.rows.find((r: { itemCode: string }) => r.itemCode === 'o26').produces).toBe(
      'follow_up_report',
    );
    expect(tracker).toMatchObject({
      canEdit: true,
      fiscalYear: YEAR,
      summary: { total: oit.length, ready: 0 },
    });
    expect(tracker.rows.find((r: { itemCode: string }) => r.itemCode === 'o6')).toMatchObject({
      labelTh: 'รายการ O6 (ยังไม่ทราบชื่อรายการ)',
      labelEn: 'Item O6 (name not known)',
    });
    expect(tracker.editionTitleEn).toMatch(/^Integrity and Transparency Assessment/);
    expect(tracker.units.map((u: { id: string }) => u.id)).toEqual([province.id, unit.id]);
    expect(tracker.units.map((u: { nameEn: string | null }) => u.nameEn)).toEqual([
      null,
      'Provincial Office',
    ]);
    expect(await counts()).toEqual(before);
  });

  it('marks tentative names and knows no produced items in 2568', async () => {
    const tracker = await json(await secretariat.get(`/api/oit/${province.id}/2568`));
    const o2 = tracker.rows.find((r: { itemCode: string }) => r.itemCode === 'o2');
    expect(o2.labelTentative).toBe(true);
    expect(tracker.rows.every((r: { produces: string | null }) => r.produces === null)).toBe(true);
    expect((await secretariat.get(`/api/oit/${province.id}/2599`)).status).toBe(404);
  });
});

describe('saving an item', () => {
  it('creates the row on first save, audits it, and refuses a stale version with 409', async () => {
    const first = await secretariat.request(
      'PUT',
      item(province, 'o1'),
      save({
        url: `https://www.example.go.th/ita/o1`,
        status: 'in_progress',
        ownerUnitId: unit.id,
        notes: 'ขอไฟล์จากสำนักงาน',
        urlNote: 'หน้า 2',
      }),
    );
    expect(first.status, await first.clone().text()).toBe(200);
    const row = await json(first);
    expect(row).toMatchObject({
      itemCode: 'o1',
      url: 'https://www.example.go.th/ita/o1',
      urlNote: 'หน้า 2',
      status: 'in_progress',
      ownerUnitId: unit.id,
      ownerUnitNameTh: 'สำนักงานจังหวัด',
      ownerUnitNameEn: 'Provincial Office',
      rowVersion: 1,
    });
    expect(row.updatedByName).toContain('ผู้ใช้');

    const [audit] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'oit_item.update'));
    expect(audit).toMatchObject({ entityType: 'oit_item', organizationId: province.id, before: null });
    expect(audit!.after).toMatchObject({ itemCode: 'o1', fiscalYear: YEAR, status: 'in_progress' });

    const stale = await secretariat.request('PUT', item(province, 'o1'), save({ status: 'ready' }));
    expect(stale.status).toBe(409);
    expect((await json(stale)).error.code).toBe('stale_version');

    const same = { rowVersion: 1, url: row.url, status: 'ready', ownerUnitId: unit.id };
    const [a, b] = await Promise.all([
      secretariat.request('PUT', item(province, 'o1'), save({ ...same, notes: 'ผู้แก้ไขคนที่หนึ่ง' })),
      secretariat.request('PUT', item(province, 'o1'), save({ ...same, notes: 'ผู้แก้ไขคนที่สอง' })),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const tracker = await json(await secretariat.get(path(province)));
    expect(tracker.rows[0].rowVersion).toBe(2);
    const audits = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'oit_item.update'));
    expect(audits).toHaveLength(2);
  });

  it('refuses two first saves of the same item: one wins, one gets 409', async () => {
    const [a, b] = await Promise.all([
      secretariat.request('PUT', item(province, 'o4'), save({ status: 'in_progress' })),
      secretariat.request('PUT', item(province, 'o4'), save({ status: 'ready' })),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
  });

  it.each([
    ['ftp://www.example.go.th/o2.pdf', 'http://'],
    ['javascript:alert(1)', 'http://'],
    ['http://127.0.0.1/', 'public'],
    ['http://10.0.0.1', 'public'],
    ['http://[::1]/', 'public'],
    ['http://169.254.169.254/', 'public'],
    ['http://localhost:3000/oit', 'public'],
    ['www.example.go.th', 'valid'],
  ])('refuses %s naming the field, writing nothing', async (url, says) => {
    const before = await counts();
    const r = await secretariat.request('PUT', item(province, 'o2'), save({ url, status: 'ready' }));
    expect(r.status).toBe(400);
    const body = await json(r);
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details).toHaveLength(1);
    const [d] = body.error.details;
    expect(d.path).toBe('url');
    expect(d.message_en).toContain('Field "url"');
    expect(d.message_en).toContain(says);
    expect(d.message_th).toContain('ลิงก์ (URL)');
    expect(await counts()).toEqual(before);
  });

  it('accepts a loopback address only where private targets are allowed', async () => {
    const r = await via(
      privateApp,
      secretariat,
      'PUT',
      item(province, 'o2'),
      save({ url: `${base}/o2`, status: 'ready' }),
    );
    expect(r.status, await r.clone().text()).toBe(200);
  });

  it('refuses an owner unit outside the organisation and an unknown item', async () => {
    const before = await counts();
    const r = await secretariat.request('PUT', item(province, 'o5'), save({ ownerUnitId: otherProvince.id }));
    expect(r.status).toBe(400);
    expect((await json(r)).error.details[0].path).toBe('ownerUnitId');
    expect((await secretariat.request('PUT', item(province, 'o99'), save({}))).status).toBe(404);
    const bad = await secretariat.request('PUT', item(province, 'o6'), save({ status: 'done' }));
    expect(bad.status).toBe(400);
    expect(await counts()).toEqual(before);
  });
});

describe('roles', () => {
  it('lets executives, viewers and the unit’s reporters read but not edit or check', async () => {
    for (const [role, on] of [
      ['executive', province],
      ['viewer', province],
      ['unit_reporter', unit],
    ] as const) {
      const caller = await t.signedIn([{ role, on }]);
      const tracker = await caller.get(path(province));
      expect(tracker.status, role).toBe(200);
      expect((await json(tracker)).canEdit).toBe(false);
      expect((await caller.get(path(province, '/export'))).status).toBe(200);
      expect((await caller.request('PUT', item(province, 'o7'), save({ status: 'ready' }))).status).toBe(403);
      expect((await caller.post(path(province, '/check'))).status).toBe(403);
    }
  });

  it('lets an admin of an ancestor edit, and keeps other provinces out', async () => {
    const admin = await t.signedIn([{ role: 'admin', on: province }]);
    const onUnit = await admin.request(
      'PUT',
      `/api/oit/${unit.id}/${YEAR}/items/o1`,
      save({ status: 'ready' }),
    );
    expect(onUnit.status).toBe(200);
    const outsider = await t.signedIn([{ role: 'secretariat', on: otherProvince }]);
    expect((await outsider.get(path(province))).status).toBe(403);
    expect((await outsider.request('PUT', item(province, 'o7'), save({}))).status).toBe(403);
    expect((await outsider.get(path({ id: crypto.randomUUID() }))).status).toBe(404);
    // A unit reporter does not see the province above it only because it sees its own unit.
    const reporter = await t.signedIn([{ role: 'unit_reporter', on: unit }]);
    expect((await reporter.get(`/api/oit/${otherProvince.id}/${YEAR}`)).status).toBe(403);
  });
});

describe('checking links', () => {
  it('stores what each address answered, without making edits stale', async () => {
    const org = await t.org(province, { nameTh: 'อำเภอตรวจลิงก์' });
    const urls = { o1: `${base}/o1`, o2: `${base}/o2`, o3: `${base}/o3` };
    for (const [code, url] of Object.entries(urls)) {
      const r = await via(
        privateApp,
        secretariat,
        'PUT',
        `/api/oit/${org.id}/${YEAR}/items/${code}`,
        save({ url }),
      );
      expect(r.status).toBe(200);
    }
    // The default app refuses to open loopback addresses, even ones already stored.
    const refused = await json(await secretariat.post(`/api/oit/${org.id}/${YEAR}/check`));
    expect(refused).toMatchObject({ checked: 3, ok: 0, failed: 3 });
    expect(refused.tracker.rows[0].lastCheck.error.code).toBe('private_address');

    const run = await via(privateApp, secretariat, 'POST', `/api/oit/${org.id}/${YEAR}/check`, {});
    expect(run.status, await run.clone().text()).toBe(200);
    const body = await json(run);
    expect(body).toMatchObject({ checked: 3, ok: 1, failed: 2 });
    const [o1, o2, o3] = body.tracker.rows;
    expect(o1.lastCheck).toMatchObject({
      reachable: true,
      needsLogin: false,
      mentionsFiscalYear: true,
      httpStatus: 200,
      contentType: 'text/html; charset=utf-8',
      lastModified: 'Wed, 01 Oct 2025 00:00:00 GMT',
      error: null,
    });
    expect(o2.lastCheck).toMatchObject({ httpStatus: 401, needsLogin: true, reachable: false });
    expect(o3.lastCheck).toMatchObject({ needsLogin: true, redirects: 1, finalUrl: `${base}/login` });
    expect(o1.rowVersion).toBe(1);
    expect(body.tracker.summary).toMatchObject({ withUrl: 3, checked: 3, checkedOk: 1 });

    const audits = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'oit.check'));
    expect(audits.at(-1)).toMatchObject({ entityType: 'oit_tracker', organizationId: org.id });

    // A new address drops the old result.
    const changed = await via(
      privateApp,
      secretariat,
      'PUT',
      `/api/oit/${org.id}/${YEAR}/items/o1`,
      save({ rowVersion: 1, url: `${base}/o1?v=2` }),
    );
    expect((await json(changed)).lastCheck).toBeNull();
  });

  it('uses the automatic URL of a produced item and creates its row when checking', async () => {
    const org = await t.org(province, { nameTh: 'อำเภอลิงก์อัตโนมัติ' });
    const tracker = await json(await via(autoApp, secretariat, 'GET', `/api/oit/${org.id}/${YEAR}`));
    const o25 = tracker.rows.find((r: { itemCode: string }) => r.itemCode === 'o25');
    const o26 = tracker.rows.find((r: { itemCode: string }) => r.itemCode === 'o26');
    expect(o25).toMatchObject({
      autoUrl: `${base}/plan`,
      effectiveUrl: `${base}/plan`,
      url: null,
      rowVersion: 0,
    });
    expect(o26.autoUrl).toBeNull(); // the resolver's "not a url" is ignored
    const run = await json(await via(autoApp, secretariat, 'POST', `/api/oit/${org.id}/${YEAR}/check`, {}));
    expect(run).toMatchObject({ checked: 1, ok: 1 });
    const after = run.tracker.rows.find((r: { itemCode: string }) => r.itemCode === 'o25');
    expect(after.lastCheck).toMatchObject({ contentType: 'application/pdf', mentionsFiscalYear: true });
    const stored = await t.db
      .select()
      .from(oitItems)
      .where(and(eq(oitItems.organizationId, org.id), eq(oitItems.itemCode, 'o25')));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.status).toBe('not_started');
  });
});

describe('XLSX', () => {
  it('exports one Thai sheet with a row per item', async () => {
    const r = await secretariat.get(path(province, '/export'));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('spreadsheetml');
    expect(r.headers.get('content-disposition')).toContain(`filename="oit-${YEAR}.xlsx"`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await r.arrayBuffer()) as never);
    const ws = wb.getWorksheet('ติดตาม OIT')!;
    expect(ws).toBeDefined();
    const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(values(1)[0]).toContain(`ปีงบประมาณ พ.ศ. ${YEAR}`);
    expect(values(4)).toEqual([
      'ข้อ',
      'รายการ',
      'ลิงก์ (URL)',
      'สถานะ',
      'หน่วยงานผู้รับผิดชอบ',
      'ตรวจลิงก์ล่าสุด',
      'เปิดได้',
      'ต้องเข้าสู่ระบบ',
      `ระบุปี ${YEAR}`,
      'หมายเหตุ',
    ]);
    const o1 = values(5);
    expect(o1.slice(0, 5)).toEqual([
      'O1',
      'โครงสร้าง หน้าที่และอำนาจ',
      'https://www.example.go.th/ita/o1',
      'พร้อมส่ง',
      'สำนักงานจังหวัด',
    ]);
    const edition = (await currentRevision(t.db, YEAR))!.edition;
    expect(ws.actualRowCount).toBe(4 + edition.questions.filter((q) => q.instrument === 'OIT').length);
  });
});

describe('the nightly check', () => {
  it('runs at 02:00 Bangkok time, and once 5 minutes after a start', () => {
    const job = oitCheckJob({ db: t.db });
    expect([job.cron, job.tz, job.atStartAfterSeconds]).toEqual(['0 2 * * *', 'Asia/Bangkok', 300]);
  });

  it('checks every tracker not checked lately, then leaves it for a day', async () => {
    const org = await t.org(province, { nameTh: 'อำเภอกลางคืน' });
    await via(
      privateApp,
      secretariat,
      'PUT',
      `/api/oit/${org.id}/${YEAR}/items/o1`,
      save({ url: `${base}/o1` }),
    );
    const now = () => new Date('2026-03-01T19:00:00Z');
    expect((await dueTrackers(t.db, now(), 60_000)).some((d) => d.organizationId === org.id)).toBe(true);
    const errors: unknown[] = [];
    await oitCheckPass({
      db: t.db,
      // Every host of this database's trackers resolves to loopback: no request leaves the machine.
      deps: {
        allowPrivateTargets: true,
        check: { timeoutMs: 2000, resolver: async () => [{ address: '127.0.0.1', family: 4 }] },
      },
      now: now(),
      onError: (e) => errors.push(e),
    });
    expect(errors).toEqual([]);
    const [row] = await t.db
      .select()
      .from(oitItems)
      .where(and(eq(oitItems.organizationId, org.id), eq(oitItems.itemCode, 'o1')));
    expect(row!.lastCheck).toMatchObject({ reachable: true, mentionsFiscalYear: true });
    expect(row!.rowVersion).toBe(1);
    const due = await dueTrackers(t.db, new Date(), 60 * 60 * 1000);
    expect(due.some((d) => d.organizationId === org.id)).toBe(false);
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'oit.check'), eq(auditEvents.organizationId, org.id)));
    expect(audit!.actorUserId).toBeNull();
  });
});

describe('items Prongsai produces', () => {
  it('agree with the required-parts lists of the editions that have them', async () => {
    for (const [year, items] of Object.entries(producedItems())) {
      const edition = (await currentRevision(t.db, Number(year)))!.edition;
      for (const [code, produces] of Object.entries(items)) {
        const q = edition.questions.find((x) => x.code === code);
        expect(q?.instrument, `${year} ${code}`).toBe('OIT');
        const list =
          produces === 'measures_plan'
            ? edition.measures_document_required_parts_th?.questions
            : edition.follow_up_report_required_parts_th?.questions;
        expect(list, `${year} ${code}`).toContain(code);
      }
    }
    const [org] = await t.db.select().from(organizations).where(eq(organizations.id, province.id));
    expect(org).toBeDefined();
  });
});
