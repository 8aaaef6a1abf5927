import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  json,
  TEST_PASSWORD,
  type TestContext,
  type TestOrg,
} from '../../../../tests/support/test-app.ts';

let t: TestContext;
let province: TestOrg;
let otherProvince: TestOrg;
let admin: Awaited<ReturnType<TestContext['signedIn']>>;

beforeAll(async () => {
  t = await createTestContext();
  province = await t.org();
  otherProvince = await t.org();
  admin = await t.signedIn([{ role: 'admin', on: province }]);
});
afterAll(() => t.close());

describe('users and roles', () => {
  it('creates a user who can sign in, and refuses a duplicate e-mail whatever its case', async () => {
    const unit = await t.org(province);
    const created = await admin.post('/api/users', {
      email: 'Reporter@Unit.go.th',
      displayName: 'ผู้รายงาน',
      password: 'reporter-pass-1',
      role: 'unit_reporter',
      organizationId: unit.id,
    });
    expect(created.status).toBe(201);
    const user = await json(created);
    expect(user.roles).toEqual([expect.objectContaining({ role: 'unit_reporter', organizationId: unit.id })]);
    expect(JSON.stringify(user)).not.toMatch(/scrypt|password/i);

    const signIn = await t
      .client()
      .post('/api/auth/sign-in', { email: 'reporter@unit.go.th', password: 'reporter-pass-1' });
    expect(signIn.status).toBe(200);

    const dup = await admin.post('/api/users', {
      email: 'REPORTER@unit.go.th',
      displayName: 'ซ้ำ',
      password: 'reporter-pass-1',
      role: 'viewer',
      organizationId: unit.id,
    });
    expect(dup.status).toBe(409);
    expect((await json(dup)).error.details[0].path).toBe('email');
  });

  it('refuses weak or missing passwords with the field named', async () => {
    for (const password of [undefined, 'short1', 'onlyletterslong']) {
      const r = await admin.post('/api/users', {
        email: `weak-${password}@x.th`,
        displayName: 'x',
        password,
        role: 'viewer',
        organizationId: province.id,
      });
      expect(r.status).toBe(400);
      const details = (await json(r)).error.details;
      expect(details.map((d: { path: string }) => d.path)).toContain('password');
      expect(details[0].message_th).toBeTruthy();
    }
  });

  it('refuses to grant a role on an organisation the granter does not cover, saying why', async () => {
    const target = await t.user([{ role: 'viewer', on: province }]);
    const r = await admin.post(`/api/users/${target.id}/roles`, {
      role: 'secretariat',
      organizationId: otherProvince.id,
    });
    expect(r.status).toBe(403);
    const body = await json(r);
    expect(body.error.message_th).toContain('ผู้ดูแลระบบของหน่วยงานนี้');
    expect(body.error.details[0].path).toBe('organizationId');
    const after = await json(await admin.get(`/api/users/${target.id}`));
    expect(after.roles).toHaveLength(1);
  });

  it('lets users read themselves and change their own password only with the current one', async () => {
    const me = await t.signedIn([{ role: 'viewer', on: province }]);
    expect((await me.get(`/api/users/${me.id}`)).status).toBe(200);
    const wrong = await me.post(`/api/users/${me.id}/password`, {
      currentPassword: 'nope',
      newPassword: 'brand-new-pass-9',
    });
    expect(wrong.status).toBe(400);
    expect((await json(wrong)).error.details[0].path).toBe('currentPassword');
    const ok = await me.post(`/api/users/${me.id}/password`, {
      currentPassword: TEST_PASSWORD,
      newPassword: 'brand-new-pass-9',
    });
    expect(ok.status).toBe(204);
    const cannotDeactivateSelf = await me.patch(`/api/users/${me.id}`, { version: 2, active: false });
    expect(cannotDeactivateSelf.status).toBe(403);
  });

  it('ends the sessions of a deactivated user', async () => {
    const victim = await t.signedIn([{ role: 'viewer', on: province }]);
    expect((await victim.get('/api/auth/me')).status).toBe(200);
    const r = await admin.patch(`/api/users/${victim.id}`, { version: 1, active: false });
    expect(r.status).toBe(200);
    expect((await victim.get('/api/auth/me')).status).toBe(401);
  });

  it('keeps at least one deployment-wide admin', async () => {
    const root = await t.signedIn([{ role: 'admin', on: null }]);
    const self = await json(await root.get(`/api/users/${root.id}`));
    const assignment = self.roles.find((r: { organizationId: string | null }) => r.organizationId === null);
    const r = await root.delete(`/api/users/${root.id}/roles/${assignment.id}`);
    expect(r.status).toBe(409);
    expect((await json(r)).error.code).toBe('last_deployment_admin');
  });

  it('records user and role changes in the audit trail, without secrets', async () => {
    const events = await json<{ action: string; after: unknown }[]>(
      await admin.get('/api/audit?entityType=user'),
    );
    expect(events.map((e) => e.action)).toContain('user.create');
    expect(JSON.stringify(events)).not.toMatch(/scrypt\$/);
  });
});
