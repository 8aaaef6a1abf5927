import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/support/test-app.ts';
import { sessions, users } from '../../db/schema/index.ts';
import { loadGrants } from '../users/grants.ts';
import { createSession, loadSession } from './sessions.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));

describe('loadSession: how the person signed in', () => {
  it('says password by default, and the identity provider a session was opened through', async () => {
    const u = await t.user([]);
    const byPassword = await createSession(t.db, u.id, { ip: '127.0.0.1', userAgent: null });
    expect((await loadSession(t.db, byPassword.token))?.session.signedInWith).toEqual({ method: 'password' });
    const byThaid = await createSession(t.db, u.id, {
      ip: '127.0.0.1',
      userAgent: null,
      signedInWith: { method: 'oidc', provider: 'ThaID' },
    });
    expect((await loadSession(t.db, byThaid.token))?.session.signedInWith).toEqual({
      method: 'oidc',
      provider: 'ThaID',
    });
  });
});

describe('loadSession: the session, its user and their grants in one statement', () => {
  it('gives each user their own grants (the kept statement is bound per call), with paths and names', async () => {
    const province = await t.org(null, { nameTh: 'จังหวัดทดสอบ' });
    const unit = await t.org(province, { nameTh: 'หน่วยทดสอบ' });
    const many = await t.user([
      { role: 'admin', on: null },
      { role: 'secretariat', on: province },
      { role: 'unit_reporter', on: unit },
    ]);
    const one = await t.user([{ role: 'executive', on: unit }]);
    const none = await t.user([]);
    for (const u of [many, one, none, many]) {
      const { token, csrfToken } = await createSession(t.db, u.id, { ip: '127.0.0.1', userAgent: null });
      const loaded = await loadSession(t.db, token);
      expect(loaded?.session.csrfToken).toBe(csrfToken);
      expect(loaded?.actor.userId).toBe(u.id);
      expect(loaded?.actor.email).toBe(u.email);
      expect(loaded?.actor.displayName).toBe(`ผู้ใช้ ${u.email}`);
      expect(loaded?.actor.locale).toBe('th');
      // The same grants as the two-statement lookup (loadGrants) gave.
      expect(byId(loaded!.actor.grants)).toEqual(byId(await loadGrants(t.db, u.id)));
      expect(loaded!.actor.grants.length).toBe(u === many ? 3 : u === one ? 1 : 0);
    }
    const global = (await loadSession(
      t.db,
      (
        await createSession(t.db, many.id, { ip: '127.0.0.1', userAgent: null })
      ).token,
    ))!.actor.grants.find((g) => g.role === 'admin');
    expect(global).toMatchObject({ organizationId: null, organizationPath: null, organizationNameTh: null });
    const onUnit = (await loadSession(
      t.db,
      (
        await createSession(t.db, one.id, { ip: '127.0.0.1', userAgent: null })
      ).token,
    ))!.actor.grants[0];
    expect(onUnit).toMatchObject({
      organizationId: unit.id,
      organizationPath: unit.path,
      organizationNameTh: 'หน่วยทดสอบ',
    });
  });

  it('refuses an unknown token, an expired session and an inactive user', async () => {
    const u = await t.user([{ role: 'secretariat', on: await t.org() }]);
    expect(await loadSession(t.db, 'no-such-token')).toBeNull();
    const expired = await createSession(t.db, u.id, { ip: '127.0.0.1', userAgent: null });
    await t.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.csrfToken, expired.csrfToken));
    expect(await loadSession(t.db, expired.token)).toBeNull();
    const live = await createSession(t.db, u.id, { ip: '127.0.0.1', userAgent: null });
    expect(await loadSession(t.db, live.token)).not.toBeNull();
    await t.db.update(users).set({ active: false }).where(eq(users.id, u.id));
    expect(await loadSession(t.db, live.token)).toBeNull();
  });

  it('reads in one statement sent to the database (it took two: the session, then the grants)', async () => {
    const u = await t.user([
      { role: 'secretariat', on: await t.org() },
      { role: 'executive', on: await t.org() },
    ]);
    const { token } = await createSession(t.db, u.id, { ip: '127.0.0.1', userAgent: null });
    await loadSession(t.db, token);
    const client = (t.db as unknown as { $client: { query: (...args: unknown[]) => unknown } }).$client;
    const query = vi.spyOn(client, 'query');
    try {
      const loaded = await loadSession(t.db, token);
      expect(loaded?.actor.grants).toHaveLength(2);
      expect(query).toHaveBeenCalledTimes(1);
    } finally {
      query.mockRestore();
    }
  });
});
