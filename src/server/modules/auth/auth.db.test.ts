import { randomBytes, scrypt } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  json,
  TEST_PASSWORD,
  type TestContext,
} from '../../../../tests/support/test-app.ts';
import { signInAttempts, users } from '../../db/schema/index.ts';
import { SESSION_COOKIE } from './sessions.ts';
import { accountDelaySeconds, SIGN_IN_LIMITS } from './sign-in-limit.ts';

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

  it('refuses an account without a password (it signs in through an identity provider) as a wrong password, after as long', async () => {
    const withPassword = await t.user([]);
    const oidcOnly = await t.user([]);
    await t.db.update(users).set({ passwordHash: null }).where(eq(users.id, oidcOnly.id));
    const timed = async (email: string, password: string) => {
      const started = performance.now();
      const r = await anonymous().post('/api/auth/sign-in', { email, password });
      return { r, ms: performance.now() - started };
    };
    const wrong = await timed(withPassword.email, 'not-the-password-1');
    const none = await timed(oidcOnly.email, 'any-password-123');
    const empty = await timed(oidcOnly.email, '');
    expect(none.r.status).toBe(401);
    expect(await json(none.r)).toEqual(await json(wrong.r));
    expect(empty.r.status).toBe(400);
    // The refusal runs the same password check (scrypt, ~0.2 s) as a wrong password, so it takes as long.
    expect(none.ms).toBeGreaterThan(wrong.ms * 0.5);
  });
});

/** Moves every recorded sign-in attempt back in time, as if that many seconds had passed. */
async function waitSeconds(ctx: TestContext, seconds: number) {
  await ctx.db
    .update(signInAttempts)
    .set({ attemptedAt: sql`${signInAttempts.attemptedAt} - make_interval(secs => ${seconds})` });
}

/** A cheap scrypt hash of TEST_PASSWORD (the cost travels in the hash) for tests that sign in a hundred times. */
function cheapHash(): Promise<string> {
  const salt = randomBytes(16);
  return new Promise((resolve, reject) =>
    scrypt(TEST_PASSWORD, salt, 32, { N: 2 ** 10, r: 8, p: 1 }, (error, key) =>
      error
        ? reject(error)
        : resolve(`scrypt$${2 ** 10}$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`),
    ),
  );
}

describe('sign-in limits: brute force slowed, nobody locked out', () => {
  it("an attacker's 5 wrong passwords on the admin account do not stop the admin signing in after the delay", async () => {
    const admin = await t.user([{ role: 'admin', on: null }]);
    let refused = 0;
    for (let failures = 0; failures < 5; ) {
      const r = await anonymous().post('/api/auth/sign-in', {
        email: admin.email,
        password: `guess-${failures}`,
      });
      if (r.status === 429) {
        refused++;
        await waitSeconds(t, Number(r.headers.get('retry-after')));
        continue;
      }
      expect(r.status).toBe(401);
      failures++;
    }
    // The first four tries were answered at once; the fifth had to wait a second.
    expect(refused).toBeLessThanOrEqual(1);

    // Straight after the attack the admin is told to wait a few seconds (at most), never locked out.
    const early = await anonymous().post('/api/auth/sign-in', {
      email: admin.email,
      password: TEST_PASSWORD,
    });
    expect(early.status).toBe(429);
    const retryAfter = Number(early.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(accountDelaySeconds(5));
    const body = await json(early);
    expect(body.error.code).toBe('too_many_attempts');
    expect(body.error.message_th).toContain(`${retryAfter} วินาที`);
    expect(body.error.message_en).toContain(`${retryAfter} second`);

    await waitSeconds(t, retryAfter);
    const ok = await anonymous().post('/api/auth/sign-in', { email: admin.email, password: TEST_PASSWORD });
    expect(ok.status).toBe(200);
    // A success clears the count: the next mistake is answered at once.
    const typo = await anonymous().post('/api/auth/sign-in', {
      email: admin.email,
      password: 'typo-password',
    });
    expect(typo.status).toBe(401);
  });

  it('counts tries sent all at once: only the free ones reach the password check', async () => {
    const u = await t.user([]);
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        anonymous().post('/api/auth/sign-in', { email: u.email, password: `parallel-${i}` }),
      ),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(SIGN_IN_LIMITS.freeFailures + 1);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(
      12 - SIGN_IN_LIMITS.freeFailures - 1,
    );
  });

  it('never waits longer than the cap, however long the attack', async () => {
    const u = await t.user([]);
    for (let i = 0; i < 20; i++) {
      const r = await anonymous().post('/api/auth/sign-in', { email: u.email, password: `guess-${i}` });
      if (r.status === 429) {
        expect(Number(r.headers.get('retry-after'))).toBeLessThanOrEqual(SIGN_IN_LIMITS.maxDelaySeconds);
        await waitSeconds(t, Number(r.headers.get('retry-after')));
      } else expect(r.status).toBe(401);
    }
    const r = await anonymous().post('/api/auth/sign-in', { email: u.email, password: TEST_PASSWORD });
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBeLessThanOrEqual(SIGN_IN_LIMITS.maxDelaySeconds);
  });

  it('100 successful sign-ins from one address (an office, some mistyping first) are never limited', async () => {
    const office = await createTestContext();
    try {
      const hash = await cheapHash();
      const people = [];
      for (let i = 0; i < 50; i++) {
        const u = await office.user([]);
        await office.db.update(users).set({ passwordHash: hash }).where(eq(users.id, u.id));
        people.push(u);
      }
      for (let round = 0; round < 2; round++) {
        for (const [i, u] of people.entries()) {
          if (round === 0 && i % 5 !== 0) {
            const typo = await office
              .client()
              .post('/api/auth/sign-in', { email: u.email, password: 'typo-1234' });
            expect(typo.status).toBe(401);
          }
          const r = await office
            .client()
            .post('/api/auth/sign-in', { email: u.email, password: TEST_PASSWORD });
          expect(r.status, `${u.email} round ${round}`).toBe(200);
        }
      }
    } finally {
      await office.close();
    }
  });

  it('failures from one address beyond the threshold limit that address only', async () => {
    const proxied = await createTestContext({ config: { trustProxy: true } });
    try {
      const u = await proxied.user([]);
      const from = (ip: string) => (body: unknown) =>
        proxied.client().request('POST', '/api/auth/sign-in', body, { 'x-forwarded-for': ip });
      const attacker = from('203.0.113.7');
      const office = from('198.51.100.2');
      await proxied.db.insert(signInAttempts).values(
        Array.from({ length: SIGN_IN_LIMITS.perIp - 1 }, (_, i) => ({
          email: `guess-${i}@test.local`,
          ip: '203.0.113.7',
          succeeded: false,
        })),
      );
      // Below the threshold the address is still answered.
      expect((await attacker({ email: 'one-more@test.local', password: 'guess-guess' })).status).toBe(401);
      const limited = await attacker({ email: u.email, password: TEST_PASSWORD });
      expect(limited.status).toBe(429);
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(SIGN_IN_LIMITS.windowMinutes * 60 - 60);
      expect(retryAfter).toBeLessThanOrEqual(SIGN_IN_LIMITS.windowMinutes * 60);
      expect((await json(limited)).error.message_en).toContain(`${SIGN_IN_LIMITS.windowMinutes} minutes`);
      // The same account from another address signs in.
      expect((await office({ email: u.email, password: TEST_PASSWORD })).status).toBe(200);
    } finally {
      await proxied.close();
    }
  });

  it('counts failures from one address sent all at once on different accounts: one more try, not one per account', async () => {
    const proxied = await createTestContext({ config: { trustProxy: true } });
    try {
      const ip = '203.0.113.9';
      await proxied.db.insert(signInAttempts).values(
        Array.from({ length: SIGN_IN_LIMITS.perIp - 1 }, (_, i) => ({
          email: `earlier-${i}@test.local`,
          ip,
          succeeded: false,
        })),
      );
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          proxied
            .client()
            .request(
              'POST',
              '/api/auth/sign-in',
              { email: `spray-${i}@test.local`, password: 'guess-guess' },
              { 'x-forwarded-for': ip },
            ),
        ),
      );
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses).toEqual([401, ...Array(11).fill(429)]);
    } finally {
      await proxied.close();
    }
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
