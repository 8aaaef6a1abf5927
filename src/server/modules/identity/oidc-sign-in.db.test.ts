import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type OidcTestServer,
  startOidcProviderServer,
  type TestAccount,
} from '../../../../tests/support/oidc-provider-server.ts';
import { createTestContext, json, type TestContext } from '../../../../tests/support/test-app.ts';
import {
  auditEvents,
  identityProviders,
  oidcPendingSignIns,
  sessions,
  userCitizenIds,
  userIdentities,
  users,
} from '../../db/schema/index.ts';
import { SESSION_COOKIE } from '../auth/sessions.ts';

/** The rows of a raw statement's result, whichever driver answered (PGlite or node-postgres). */
const rowsOf = <T>(result: unknown): T[] =>
  Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);

/** A valid Thai citizen ID from 12 digits (the 13th is the check digit). */
function citizenId(first12: string) {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (13 - i);
  return `${first12}${(11 - (sum % 11)) % 10}`;
}
const PID_SOMCHAI = citizenId('110370012345');
const PID_NEW = citizenId('310090054321');

const accounts: Record<string, TestAccount> = {
  carol: { email: 'Carol@Agency.go.th', email_verified: true, name: 'แครอล ใจดี' },
  alice: { email: 'alice@agency.go.th', email_verified: true, name: 'Alice' },
  dave: { email: 'dave@agency.go.th', email_verified: true, name: 'Dave' },
  bob: { email: 'bob@agency.go.th', email_verified: false, name: 'Bob' },
  somchai: { pid: PID_SOMCHAI, name: 'สมชาย รักดี' },
  newcomer: { pid: PID_NEW, name: 'ผู้มาใหม่ ทดสอบ' },
  erin: { email: 'erin@agency.go.th', email_verified: true, name: 'Erin' },
};

const CLIENT = {
  clientId: 'prongsai-test',
  clientSecret: 'test-client-secret-7f3a9c',
  redirectUris: ['http://localhost/api/auth/oidc/callback'],
};

let t: TestContext;
let op: OidcTestServer;
let admin: Awaited<ReturnType<TestContext['signedIn']>>;
let unit: Awaited<ReturnType<TestContext['org']>>;

beforeAll(async () => {
  op = await startOidcProviderServer({ accounts, clients: [CLIENT] });
  t = await createTestContext({ identity: { allowHttpIssuers: true } });
  unit = await t.org();
  admin = await t.signedIn([{ role: 'admin', on: null }]);
});
afterAll(async () => {
  await t?.close();
  await op?.close();
});
beforeEach(() => {
  op.tamperIdToken(null);
  op.tokenEndpointDown(false);
});

async function addProvider(
  fields: Partial<{
    name: string;
    kind: 'thaid' | 'oidc';
    firstSignIn: 'create' | 'match_email';
    scopes: string;
  }> = {},
) {
  const r = await admin.post('/api/identity/providers', {
    name: fields.name ?? 'บัญชีกระทรวง',
    kind: fields.kind ?? 'oidc',
    issuer: op.issuer,
    clientId: CLIENT.clientId,
    clientSecret: CLIENT.clientSecret,
    firstSignIn: fields.firstSignIn ?? 'create',
    organizationIds: [unit.id],
    ...(fields.scopes ? { scopes: fields.scopes } : {}),
  });
  if (r.status !== 201) throw new Error(`adding a provider: ${r.status} ${await r.text()}`);
  return json(r);
}

/** Start → the provider's login as `account` → the callback, as a browser would; returns the callback's answer. */
async function signInThrough(providerId: string, account: string, returnTo = '/plans') {
  const start = await t
    .client()
    .get(`/api/auth/oidc/${providerId}/start?returnTo=${encodeURIComponent(returnTo)}`);
  expect(start.status).toBe(302);
  const authorizationUrl = start.headers.get('location')!;
  const back = new URL(await op.login(authorizationUrl, account));
  expect(back.origin + back.pathname).toBe(CLIENT.redirectUris[0]);
  const callback = await t.client().get(back.pathname + back.search);
  return { callback, callbackPath: back.pathname + back.search, authorizationUrl };
}

/** The rows a sign-in may write; a failed one leaves all of them as they were. */
async function written() {
  const n = async (
    table:
      | typeof users
      | typeof sessions
      | typeof userIdentities
      | typeof userCitizenIds
      | typeof auditEvents,
  ) => (await t.db.select({ n: count() }).from(table))[0]!.n;
  return {
    users: await n(users),
    sessions: await n(sessions),
    identities: await n(userIdentities),
    citizenIds: await n(userCitizenIds),
    audit: await n(auditEvents),
  };
}

async function expectFailurePage(
  response: Response,
  status: number,
  th: string | RegExp,
  en: string | RegExp,
) {
  expect(response.status).toBe(status);
  expect(response.headers.get('set-cookie')).toBeNull();
  const html = await response.text();
  expect(html).toMatch(th);
  expect(html).toMatch(en);
  expect(html).toContain('href="/sign-in"');
}

const cookieOf = (response: Response) => {
  const cookie = response.headers.get('set-cookie') ?? '';
  expect(cookie).toContain('HttpOnly');
  return cookie.split(';')[0]!.split('=')[1]!;
};

describe('OIDC sign-in: the whole journey (first sign-in creates an account with no role)', () => {
  it('starts with PKCE and state, logs in at the provider, comes back signed in, and signs in to the same account again', async () => {
    const provider = await addProvider({ name: 'บัญชีกระทรวง (สร้างบัญชี)' });
    const buttons = await json(await t.client().get('/api/auth/oidc/providers'));
    expect(buttons.items).toContainEqual({ id: provider.id, name: provider.name, kind: 'oidc' });

    const start = await t.client().get(`/api/auth/oidc/${provider.id}/start?returnTo=/plans`);
    const url = new URL(start.headers.get('location')!);
    expect(url.origin).toBe(op.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('scope')).toBe('openid email profile');
    // The state is kept only as its hash; the verifier sealed.
    const [pending] = await t.db
      .select()
      .from(oidcPendingSignIns)
      .where(eq(oidcPendingSignIns.providerId, provider.id));
    expect(pending!.stateHash).not.toBe(url.searchParams.get('state'));
    expect(pending!.codeVerifierSealed).toMatch(/^v1\./);

    const before = await written();
    const { callback } = await signInThrough(provider.id, 'carol');
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/plans');
    const token = cookieOf(callback);
    const me = await t
      .client()
      .request('GET', '/api/auth/me', undefined, { cookie: `${SESSION_COOKIE}=${token}` });
    expect(me.status).toBe(200);
    const body = await json(me);
    expect(body.user.email).toBe('carol@agency.go.th');
    expect(body.user.displayName).toBe('แครอล ใจดี');
    expect(body.user.roles).toEqual([]);
    const [row] = await t.db.select().from(users).where(eq(users.id, body.user.id));
    expect(row!.passwordHash).toBeNull();
    const [session] = await t.db.select().from(sessions).where(eq(sessions.userId, body.user.id));
    expect(session).toMatchObject({ signInMethod: 'oidc', signInProvider: provider.name });
    const after = await written();
    expect(after.users).toBe(before.users + 1);
    expect(after.identities).toBe(before.identities + 1);

    // Again: the linked identity opens the same account; no second account.
    const again = await signInThrough(provider.id, 'carol', '/');
    expect(again.callback.status).toBe(302);
    const me2 = await json(
      await t.client().request('GET', '/api/auth/me', undefined, {
        cookie: `${SESSION_COOKIE}=${cookieOf(again.callback)}`,
      }),
    );
    expect(me2.user.id).toBe(body.user.id);
    expect((await written()).users).toBe(after.users);

    // The password form refuses the password-less account like a wrong password.
    const password = await t
      .client()
      .post('/api/auth/sign-in', { email: 'carol@agency.go.th', password: 'anything-123' });
    expect(password.status).toBe(401);

    // The admin list names the provider and its accounts; the client secret is never returned nor stored in clear.
    const list = await json(await admin.get('/api/identity/providers'));
    const listed = list.items.find((p: { id: string }) => p.id === provider.id);
    expect(listed).toMatchObject({ hasClientSecret: true, accounts: 1, organizations: [{ id: unit.id }] });
    expect(list.redirectUri).toBe('http://localhost/api/auth/oidc/callback');
    expect(JSON.stringify(list)).not.toContain(CLIENT.clientSecret);
    const [stored] = await t.db.select().from(identityProviders).where(eq(identityProviders.id, provider.id));
    expect(stored!.clientSecretSealed).not.toContain(CLIENT.clientSecret);

    // The users list shows which provider the account signs in with.
    const usersList = await json(await admin.get('/api/users?limit=500'));
    expect(usersList.items.find((u: { id: string }) => u.id === body.user.id).signInProviders).toEqual([
      provider.name,
    ]);
  });

  it('an admin of a linked organisation sees the new role-less account in their users list', async () => {
    const orgAdmin = await t.signedIn([{ role: 'admin', on: unit }]);
    const provider = await addProvider({ name: 'Keycloak หน่วยงาน' });
    const { callback } = await signInThrough(provider.id, 'erin');
    expect(callback.status).toBe(302);
    const list = await json(await orgAdmin.get('/api/users?limit=500'));
    expect(list.items.map((u: { email: string }) => u.email)).toContain('erin@agency.go.th');
  });

  it('sends the person back only to a path of this site', async () => {
    const provider = await addProvider({ name: 'กลับหน้าเดิม' });
    const { callback } = await signInThrough(provider.id, 'carol', 'https://evil.example/steal');
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/');
  });
});

describe('OIDC sign-in: first sign-in must match an account made beforehand (by verified e-mail)', () => {
  it('opens the existing account with the same e-mail (any case), and links it', async () => {
    const provider = await addProvider({ name: 'Entra (ต้องมีบัญชี)', firstSignIn: 'match_email' });
    const alice = await t.user([{ role: 'viewer', on: unit }], 'Alice@Agency.go.th');
    const { callback } = await signInThrough(provider.id, 'alice');
    expect(callback.status).toBe(302);
    const me = await json(
      await t
        .client()
        .request('GET', '/api/auth/me', undefined, { cookie: `${SESSION_COOKIE}=${cookieOf(callback)}` }),
    );
    expect(me.user.id).toBe(alice.id);
    const links = await t.db.select().from(userIdentities).where(eq(userIdentities.userId, alice.id));
    expect(links).toHaveLength(1);
  });

  it('refuses a person with no account, naming the e-mail, and writes nothing', async () => {
    const provider = await addProvider({ name: 'Entra (ไม่มีบัญชี)', firstSignIn: 'match_email' });
    const before = await written();
    const { callback } = await signInThrough(provider.id, 'dave');
    await expectFailurePage(
      callback,
      403,
      'ยังไม่มีบัญชีสำหรับ dave@agency.go.th ในระบบนี้ กรุณาติดต่อผู้ดูแลระบบของหน่วยงาน',
      'There is no account for dave@agency.go.th here yet',
    );
    expect(await written()).toEqual(before);
  });

  it('does not match an account by an e-mail the provider has not verified', async () => {
    const provider = await addProvider({ name: 'Entra (อีเมลไม่ยืนยัน)', firstSignIn: 'match_email' });
    await t.user([], 'bob@agency.go.th');
    const before = await written();
    const { callback } = await signInThrough(provider.id, 'bob');
    await expectFailurePage(callback, 403, 'ไม่ได้ส่งอีเมลที่ยืนยันแล้ว', 'did not give a verified e-mail');
    expect(await written()).toEqual(before);
  });
});

describe('OIDC sign-in: ThaID and the citizen ID', () => {
  it('finds the account by the citizen ID recorded by an admin; only its salted hash is anywhere in the database', async () => {
    const provider = await addProvider({ name: 'ThaID', kind: 'thaid', firstSignIn: 'match_email' });
    expect(provider.scopes).toBe('openid pid name');
    const somchai = await t.user([{ role: 'executive', on: unit }], 'somchai@agency.go.th');
    const set = await admin.put(`/api/identity/citizen-ids/${somchai.id}`, { citizenId: PID_SOMCHAI });
    expect(set.status).toBe(204);
    const wrong = await admin.put(`/api/identity/citizen-ids/${somchai.id}`, { citizenId: '1234567890123' });
    expect(wrong.status).toBe(400);

    const { callback } = await signInThrough(provider.id, 'somchai');
    expect(callback.status).toBe(302);
    const me = await json(
      await t
        .client()
        .request('GET', '/api/auth/me', undefined, { cookie: `${SESSION_COOKIE}=${cookieOf(callback)}` }),
    );
    expect(me.user.id).toBe(somchai.id);
    const [session] = await t.db.select().from(sessions).where(eq(sessions.userId, somchai.id));
    expect(session!.signInProvider).toBe('ThaID');

    // A ThaID person with no account (policy create on another provider): the account gets the hash only.
    const open = await addProvider({ name: 'ThaID (สร้างบัญชี)', kind: 'thaid', firstSignIn: 'create' });
    const created = await signInThrough(open.id, 'newcomer');
    expect(created.callback.status).toBe(302);
    expect((await t.db.select().from(userCitizenIds)).length).toBeGreaterThanOrEqual(2);

    // Every table's text: neither citizen ID appears anywhere, in any form.
    const tables = await t.db.execute<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    const names = rowsOf<{ table_name: string }>(tables);
    expect(names.length).toBeGreaterThan(20);
    for (const { table_name } of names) {
      const dump = await t.db.execute<{ text: string }>(
        sql`select t::text as text from ${sql.identifier(table_name)} t`,
      );
      const text = rowsOf<{ text: string }>(dump)
        .map((r) => r.text)
        .join('\n');
      for (const pid of [PID_SOMCHAI, PID_NEW]) {
        expect(text, table_name).not.toContain(pid);
        expect(text, table_name).not.toContain(pid.slice(0, 9));
      }
    }
  });
});

describe('OIDC sign-in: what is refused, and that nothing is written', () => {
  it('refuses an unknown state, and a state used once already (replay)', async () => {
    const provider = await addProvider({ name: 'State test' });
    const before = await written();
    const unknown = await t.client().get('/api/auth/oidc/callback?code=abc&state=not-a-state-we-made');
    await expectFailurePage(unknown, 400, 'ไม่ได้เริ่มจากระบบนี้', 'was not started here');
    expect(await written()).toEqual(before);

    const { callback, callbackPath } = await signInThrough(provider.id, 'carol');
    expect(callback.status).toBe(302);
    const afterFirst = await written();
    const replay = await t.client().get(callbackPath);
    await expectFailurePage(replay, 400, 'ถูกใช้ไปแล้ว', 'already used');
    expect(await written()).toEqual(afterFirst);
  });

  it('refuses a pending sign-in older than ten minutes', async () => {
    const provider = await addProvider({ name: 'Expiry test' });
    const start = await t.client().get(`/api/auth/oidc/${provider.id}/start`);
    const back = new URL(await op.login(start.headers.get('location')!, 'carol'));
    await t.db.update(oidcPendingSignIns).set({ expiresAt: new Date(Date.now() - 1000) });
    const before = await written();
    await expectFailurePage(
      await t.client().get(back.pathname + back.search),
      400,
      'หมดอายุแล้ว',
      'has expired',
    );
    expect(await written()).toEqual(before);
  });

  const tampered: [string, (c: Record<string, unknown>) => Record<string, unknown>, string, string][] = [
    ['a wrong nonce', (c) => ({ ...c, nonce: 'someone-elses-nonce' }), 'ค่า nonce', 'nonce does not match'],
    [
      'a wrong audience',
      (c) => ({ ...c, aud: 'another-client' }),
      'audience ไม่ตรง',
      'was not issued to this system',
    ],
    [
      'a wrong issuer',
      (c) => ({ ...c, iss: 'http://127.0.0.1:1/not-the-issuer' }),
      'issuer ไม่ตรง',
      'wrong issuer',
    ],
    [
      'an ID token past its expiry',
      (c) => ({ ...c, iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 }),
      'หมดอายุแล้ว',
      'ID token has expired',
    ],
  ];
  for (const [what, change, th, en] of tampered) {
    it(`refuses ${what} (the token re-signed with the provider's own key), writing nothing`, async () => {
      const provider = await addProvider({ name: `Tamper ${what}` });
      const before = await written();
      op.tamperIdToken(change);
      const requests = op.tokenRequests();
      const { callback } = await signInThrough(provider.id, 'carol');
      expect(op.tokenRequests()).toBe(requests + 1);
      await expectFailurePage(callback, 400, th, en);
      expect(await written()).toEqual(before);
    });
  }

  it('accepts the same token re-signed unchanged (the proxy itself breaks nothing)', async () => {
    const provider = await addProvider({ name: 'Tamper none' });
    op.tamperIdToken((c) => c);
    const { callback } = await signInThrough(provider.id, 'carol');
    expect(callback.status).toBe(302);
  });

  it('says the person cancelled at the provider (error=access_denied), writing nothing', async () => {
    const provider = await addProvider({ name: 'Cancel test' });
    const before = await written();
    const start = await t.client().get(`/api/auth/oidc/${provider.id}/start`);
    const back = new URL(await op.cancel(start.headers.get('location')!));
    expect(back.searchParams.get('error')).toBe('access_denied');
    await expectFailurePage(
      await t.client().get(back.pathname + back.search),
      403,
      'มีการยกเลิกหรือไม่อนุญาตที่ Cancel test',
      'cancelled or refused at Cancel test',
    );
    expect(await written()).toEqual(before);
  });

  it('refuses a disabled provider at the start and at the callback', async () => {
    const provider = await addProvider({ name: 'ปิดใช้งาน' });
    const start = await t.client().get(`/api/auth/oidc/${provider.id}/start`);
    const back = new URL(await op.login(start.headers.get('location')!, 'carol'));
    const disabled = await admin.patch(`/api/identity/providers/${provider.id}`, {
      version: provider.version,
      enabled: false,
    });
    expect(disabled.status).toBe(200);
    expect(
      (await json(await t.client().get('/api/auth/oidc/providers'))).items.map((p: { id: string }) => p.id),
    ).not.toContain(provider.id);
    const before = await written();
    await expectFailurePage(
      await t.client().get(back.pathname + back.search),
      403,
      'ปิดการเข้าสู่ระบบด้วย ปิดใช้งาน',
      'Signing in with ปิดใช้งาน is turned off',
    );
    await expectFailurePage(
      await t.client().get(`/api/auth/oidc/${provider.id}/start`),
      403,
      'ปิดการเข้าสู่ระบบ',
      'turned off',
    );
    expect(await written()).toEqual(before);
  });

  it('says the provider could not be reached when its token endpoint is down, writing nothing', async () => {
    const provider = await addProvider({ name: 'Down test' });
    const before = await written();
    op.tokenEndpointDown(true);
    const { callback } = await signInThrough(provider.id, 'carol');
    await expectFailurePage(callback, 502, 'ติดต่อ Down test ไม่ได้', 'Down test could not be reached');
    expect(await written()).toEqual(before);
  });

  it('an unknown provider id ends on a page, not a 500', async () => {
    await expectFailurePage(
      await t.client().get(`/api/auth/oidc/${crypto.randomUUID()}/start`),
      404,
      'ไม่พบผู้ให้บริการ',
      'does not exist',
    );
    await expectFailurePage(
      await t.client().get('/api/auth/oidc/not-an-id/start'),
      404,
      'ไม่พบผู้ให้บริการ',
      'does not exist',
    );
  });
});

describe('identity providers: administration', () => {
  it('refuses an issuer whose configuration cannot be discovered, naming the address, and saves nothing', async () => {
    const [{ n: before }] = (await t.db.select({ n: count() }).from(identityProviders)) as [{ n: number }];
    const issuer = 'http://127.0.0.1:9/no-provider-here';
    const r = await admin.post('/api/identity/providers', {
      name: 'ไม่มีอยู่จริง',
      kind: 'oidc',
      issuer,
      clientId: 'x',
      clientSecret: 'y',
      firstSignIn: 'create',
      organizationIds: [unit.id],
    });
    expect(r.status).toBe(400);
    const body = await json(r);
    expect(body.error.code).toBe('discovery_failed');
    expect(body.error.message_th).toContain(`${issuer}/.well-known/openid-configuration`);
    expect(body.error.message_en).toContain(`${issuer}/.well-known/openid-configuration`);
    const [{ n: after }] = (await t.db.select({ n: count() }).from(identityProviders)) as [{ n: number }];
    expect(after).toBe(before);
  });

  it('refuses an http issuer outside tests', async () => {
    const strict = await createTestContext();
    try {
      const root = await strict.signedIn([{ role: 'admin', on: null }]);
      const org = await strict.org();
      const r = await root.post('/api/identity/providers', {
        name: 'http',
        kind: 'oidc',
        issuer: op.issuer,
        clientId: CLIENT.clientId,
        firstSignIn: 'create',
        organizationIds: [org.id],
      });
      expect(r.status).toBe(400);
      expect((await json(r)).error.message_en).toContain('must be an https:// address');
    } finally {
      await strict.close();
    }
  });

  it('only a deployment-wide admin manages providers', async () => {
    const orgAdmin = await t.signedIn([{ role: 'admin', on: unit }]);
    expect((await orgAdmin.get('/api/identity/providers')).status).toBe(403);
    const r = await orgAdmin.post('/api/identity/providers', {
      name: 'x',
      kind: 'oidc',
      issuer: op.issuer,
      clientId: 'x',
      firstSignIn: 'create',
      organizationIds: [unit.id],
    });
    expect(r.status).toBe(403);
  });
});
