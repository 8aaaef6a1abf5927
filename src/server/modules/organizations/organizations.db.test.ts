import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, json, type TestContext } from '../../../../tests/support/test-app.ts';
import { auditEvents, organizations } from '../../db/schema/index.ts';

let t: TestContext;
let admin: Awaited<ReturnType<TestContext['signedIn']>>;

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.signedIn([{ role: 'admin', on: null }]);
});
afterAll(() => t.close());

async function create(body: Record<string, unknown>) {
  return admin.post('/api/organizations', { kind: 'regional_unit', nameTh: 'หน่วยงานทดสอบ', ...body });
}

describe('organisations', () => {
  it('creates a tree of any depth and lists it in tree order', async () => {
    const province = await json(
      await create({ parentId: null, code: 'P1', kind: 'province', nameTh: 'จังหวัดทดสอบ' }),
    );
    const unit = await json(await create({ parentId: province.id, code: 'P1-U1', nameTh: 'สำนักงานทดสอบ' }));
    const section = await json(await create({ parentId: unit.id, code: 'P1-U1-S1', nameTh: 'กลุ่มงานทดสอบ' }));
    expect(section.depth).toBe(2);
    const list = await json<{ code: string }[]>(await admin.get('/api/organizations'));
    const codes = list.map((o) => o.code);
    expect(codes.indexOf('P1')).toBeLessThan(codes.indexOf('P1-U1'));
    expect(codes.indexOf('P1-U1')).toBeLessThan(codes.indexOf('P1-U1-S1'));
  });

  it('reads Thai digits in a code as Arabic (P๙-U๑ is P9-U1)', async () => {
    const created = await create({
      parentId: null,
      code: ' P๙-U๑ ',
      kind: 'province',
      nameTh: 'จังหวัดเลขไทย',
    });
    expect(created.status, await created.clone().text()).toBe(201);
    expect((await json(created)).code).toBe('P9-U1');
  });

  it('refuses a duplicate code, whatever its case, and writes nothing', async () => {
    await create({ parentId: null, code: 'DUP-1', kind: 'province' });
    const before = await t.db.select().from(organizations);
    const response = await create({ parentId: null, code: 'dup-1', kind: 'province' });
    expect(response.status).toBe(409);
    const body = await json(response);
    expect(body.error.code).toBe('organization_code_taken');
    expect(body.error.details[0].path).toBe('code');
    expect(body.error.details[0].message_th).toContain('dup-1');
    expect(await t.db.select().from(organizations)).toHaveLength(before.length);
  });

  it('refuses an unknown parent and a malformed code with the field named', async () => {
    const unknownParent = await create({ parentId: crypto.randomUUID(), code: 'X-1' });
    expect(unknownParent.status).toBe(400);
    expect((await json(unknownParent)).error.details[0].path).toBe('parentId');
    const badCode = await create({ parentId: null, code: 'มีช่องว่าง ไทย' });
    expect(badCode.status).toBe(400);
    const details = (await json(badCode)).error.details;
    expect(details.map((d: { path: string }) => d.path)).toContain('code');
  });

  it('renames with optimistic concurrency', async () => {
    const org = await json(await create({ parentId: null, code: 'REN-1', kind: 'province' }));
    const renamed = await admin.patch(`/api/organizations/${org.id}`, {
      version: org.version,
      nameTh: 'ชื่อใหม่',
    });
    expect(renamed.status).toBe(200);
    expect((await json(renamed)).nameTh).toBe('ชื่อใหม่');
    const stale = await admin.patch(`/api/organizations/${org.id}`, {
      version: org.version,
      nameTh: 'ชื่อเก่า',
    });
    expect(stale.status).toBe(409);
    expect((await json(stale)).error.code).toBe('stale_version');
  });

  it('moves a subtree and refuses a move under its own descendant', async () => {
    const a = await json(await create({ parentId: null, code: 'MV-A', kind: 'province' }));
    const b = await json(await create({ parentId: null, code: 'MV-B', kind: 'province' }));
    const child = await json(await create({ parentId: a.id, code: 'MV-A-1' }));
    const grandchild = await json(await create({ parentId: child.id, code: 'MV-A-1-1' }));

    const cycle = await admin.post(`/api/organizations/${a.id}/move`, {
      version: a.version,
      newParentId: grandchild.id,
    });
    expect(cycle.status).toBe(400);
    expect((await json(cycle)).error.details[0].path).toBe('newParentId');

    const moved = await admin.post(`/api/organizations/${child.id}/move`, {
      version: child.version,
      newParentId: b.id,
    });
    expect(moved.status).toBe(200);
    const [g] = await t.db.select().from(organizations).where(eq(organizations.id, grandchild.id));
    expect(g!.path.startsWith(`/${b.id}/${child.id}/`)).toBe(true);
  });

  it('deactivates a subtree without deleting it, and records every change in the audit trail', async () => {
    const p = await json(await create({ parentId: null, code: 'DEA-1', kind: 'province' }));
    const u = await json(await create({ parentId: p.id, code: 'DEA-1-1' }));
    const off = await admin.post(`/api/organizations/${p.id}/deactivate`, { version: p.version });
    expect(off.status).toBe(200);
    const rows = await t.db.select().from(organizations).where(eq(organizations.id, u.id));
    expect(rows[0]!.active).toBe(false);

    const reUnit = await admin.post(`/api/organizations/${u.id}/reactivate`, { version: rows[0]!.version });
    expect(reUnit.status).toBe(400);

    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, p.id));
    expect(events.map((e) => e.action)).toEqual(['organization.create', 'organization.deactivate']);
    expect(events[1]!.actorUserId).toBe(admin.id);
  });
});
