import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, json, TEST_PASSWORD, type TestContext } from '../../../tests/support/test-app.ts';
import { configureLogger } from '../log.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('authentication first', () => {
  it('answers an unauthenticated change with 401 before validating its body', async () => {
    const bad = await t.client().post('/api/plans', { nonsense: true });
    expect(bad.status).toBe(401);
    expect((await json(bad)).error.code).toBe('unauthenticated');
    const notJson = await t.client().request('POST', '/api/plans', 'x=1', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(notJson.status).toBe(401);
    expect((await t.client().patch('/api/users/not-a-uuid', { displayName: 1 })).status).toBe(401);
  });

  it('still validates the public writes (sign-in, first run) and a signed-in change', async () => {
    expect((await t.client().post('/api/auth/sign-in', { email: 'not an e-mail' })).status).toBe(400);
    expect((await t.client().post('/api/auth/setup', { email: 1 })).status).toBe(400);
    const admin = await t.signedIn([{ role: 'admin', on: null }]);
    expect((await admin.post('/api/plans', { nonsense: true })).status).toBe(400);
  });
});

describe('Cache-Control on API answers', () => {
  it('is no-store on /api/auth/me (it carries the CSRF token), on errors and on sign-in', async () => {
    const admin = await t.signedIn([{ role: 'admin', on: null }]);
    const me = await admin.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect((await json(me)).csrfToken).toBeTruthy();
    expect(me.headers.get('cache-control')).toBe('no-store');
    expect((await admin.get('/api/organizations')).headers.get('cache-control')).toBe('no-store');
    const anonymous = await t.client().get('/api/auth/me');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('cache-control')).toBe('no-store');
    const u = await t.user([]);
    const signIn = await t.client().post('/api/auth/sign-in', { email: u.email, password: TEST_PASSWORD });
    expect(signIn.status).toBe(200);
    expect(signIn.headers.get('cache-control')).toBe('no-store');
  });
});

/** The server logger's warning messages (stderr) until configureLogger() is called again. */
function captureWarnings() {
  const warnings: string[] = [];
  configureLogger('info', {
    stdout: { write: () => {} },
    stderr: {
      write: (line: string) => void warnings.push(String((JSON.parse(line) as { msg: unknown }).msg)),
    },
  });
  return warnings;
}

describe('X-Forwarded-For without TRUST_PROXY', () => {
  it('warns once, at the first request that carries it', async () => {
    const warnings = captureWarnings();
    const ctx = await createTestContext({ config: { logLevel: 'error', trustProxy: false } });
    try {
      await ctx.client().get('/api/health');
      expect(warnings).toEqual([]);
      for (let i = 0; i < 3; i++) {
        await ctx.client().request('GET', '/api/health', undefined, { 'x-forwarded-for': `203.0.113.${i}` });
      }
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/X-Forwarded-For.*TRUST_PROXY/);
    } finally {
      configureLogger('info');
      await ctx.close();
    }
  });

  it('says nothing when TRUST_PROXY is on', async () => {
    const warnings = captureWarnings();
    const ctx = await createTestContext({ config: { logLevel: 'error', trustProxy: true } });
    try {
      await ctx.client().request('GET', '/api/health', undefined, { 'x-forwarded-for': '203.0.113.9' });
      expect(warnings).toEqual([]);
    } finally {
      configureLogger('info');
      await ctx.close();
    }
  });
});
