import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  json,
  TEST_PASSWORD,
  type TestContext,
} from '../../../../tests/support/test-app.ts';
import { SESSION_COOKIE } from './sessions.ts';
import { SIGN_IN_LIMITS } from './sign-in-limit.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const anonymous = () => t.client();

function sessionCookie(response: Response): string {
  const cookie = response.headers.get('set-cookie') ?? '';
  expect(cookie).toContain('HttpOnly');
  expect(cookie).toContain('SameSite=Strict');
  return cookie.split(';')[0]!.split('=')[1]!;
}

describe('first run', () => {
  it('creates the first admin once, refuses a weak password, then refuses any second attempt', async () => {
    expect(await json(await anonymous().get('/api/auth/setup'))).toEqual({ needsFirstAdmin: true });
    const weak = await anonymous().post('/api/auth/setup', {
      email: 'first@x.th',
      displayName: 'A',
      password: 'short',
    });
    expect(weak.status).toBe(400);
    expect((await json(weak)).error.details[0].path).toBe('password');

    const ok = await anonymous().post('/api/auth/setup', {
      email: 'First@X.th',
      displayName: 'ผู้ดูแลระบบคนแรก',
      password: 'a-strong-password-1',
    });
    expect(ok.status).toBe(201);
    const me = await json(ok);
    expect(me.user.email).toBe('first@x.th');
    expect(me.user.roles).toEqual([expect.objectContaining({ role: 'admin', organizationId: null })]);
    sessionCookie(ok);

    const again = await anonymous().post('/api/auth/setup', {
      email: 'second@x.th',
      displayName: 'B',
      password: 'a-strong-password-2',
    });
    expect(again.status).toBe(409);
    expect(await json(await anonymous().get('/api/auth/setup'))).toEqual({ needsFirstAdmin: false });
  });
});

describe('sign-in and sessions', () => {
  it('signs in, reads the session, refuses changes without the CSRF token, signs out', async () => {
    const org = await t.org();
    const u = await t.user([{ role: 'viewer', on: org }]);
    const response = await anonymous().post('/api/auth/sign-in', {
      email: u.email.toUpperCase(),
      password: TEST_PASSWORD,
    });
    expect(response.status).toBe(200);
    const { csrfToken } = await json(response);
    const token = sessionCookie(response);
    const cookie = { cookie: `${SESSION_COOKIE}=${token}` };

    const me = await anonymous().request('GET', '/api/auth/me', undefined, cookie);
    expect((await json(me)).user.email).toBe(u.email);

    const noToken = await anonymous().request('POST', '/api/auth/sign-out', {}, cookie);
    expect(noToken.status).toBe(403);
    const crossSite = await anonymous().request(
      'POST',
      '/api/auth/sign-out',
      {},
      {
        ...cookie,
        'x-csrf-token': csrfToken,
        origin: 'https://evil.example',
      },
    );
    expect(crossSite.status).toBe(403);

    const out = await anonymous().request(
      'POST',
      '/api/auth/sign-out',
      {},
      { ...cookie, 'x-csrf-token': csrfToken },
    );
    expect(out.status).toBe(204);
    expect((await anonymous().request('GET', '/api/auth/me', undefined, cookie)).status).toBe(401);
  });

  it('gives the same answer for an unknown e-mail and a wrong password', async () => {
    const u = await t.user([]);
    const wrong = await anonymous().post('/api/auth/sign-in', {
      email: u.email,
      password: 'not-the-password-1',
    });
    const unknown = await anonymous().post('/api/auth/sign-in', {
      email: 'nobody@x.th',
      password: 'whatever-123',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await json(wrong)).toEqual(await json(unknown));
  });

  it('limits failed sign-ins per e-mail, even with the right password afterwards', async () => {
    const u = await t.user([]);
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail; i++) {
      const r = await anonymous().post('/api/auth/sign-in', {
        email: u.email,
        password: `wrong-password-${i}`,
      });
      expect(r.status).toBe(401);
    }
    const blocked = await anonymous().post('/api/auth/sign-in', { email: u.email, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe(String(SIGN_IN_LIMITS.windowMinutes * 60));
    const body = await json(blocked);
    expect(body.error.code).toBe('too_many_attempts');
    expect(body.error.message_th).toContain('นาที');
  });
});

describe('request bodies', () => {
  it('answers malformed JSON with a clear 400', async () => {
    const r = await anonymous().request('POST', '/api/auth/sign-in', '{"email": "a@b.th", "password": ', {
      'content-type': 'application/json',
    });
    expect(r.status).toBe(400);
    const body = await json(r);
    expect(body.error.message_en).toMatch(/malformed/i);
    expect(body.error.message_th).toBeTruthy();
  });

  it('refuses an oversized body before reading it', async () => {
    const r = await anonymous().post('/api/auth/sign-in', {
      email: 'a@b.th',
      password: 'x'.repeat(300 * 1024),
    });
    expect(r.status).toBe(413);
    expect((await json(r)).error.code).toBe('payload_too_large');
  });

  it('refuses a non-JSON state change without a session', async () => {
    const r = await anonymous().request('POST', '/api/auth/sign-in', 'email=a@b.th', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(r.status).toBe(400);
  });
});
