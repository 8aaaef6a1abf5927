import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/support/test-app.ts';
import { identityProviders, oidcPendingSignIns, sessions, signInAttempts } from '../../db/schema/index.ts';
import { pruneAuth } from './prune-auth.ts';
import { createSession } from './sessions.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('pruneAuth', () => {
  it('deletes expired sessions, day-old sign-in attempts and abandoned identity-provider sign-ins, and keeps the rest', async () => {
    const user = await t.user([]);
    await createSession(t.db, user.id, { ip: '127.0.0.1', userAgent: null });
    const now = new Date();
    await t.db.insert(sessions).values({
      tokenHash: 'expired-session',
      userId: user.id,
      csrfToken: 'x',
      expiresAt: new Date(now.getTime() - 1000),
      ip: '127.0.0.1',
      userAgent: null,
    });
    await t.db.insert(signInAttempts).values([
      {
        email: 'old@example.go.th',
        ip: '127.0.0.1',
        succeeded: false,
        attemptedAt: new Date(now.getTime() - 25 * 3600_000),
      },
      {
        email: 'recent@example.go.th',
        ip: '127.0.0.1',
        succeeded: false,
        attemptedAt: new Date(now.getTime() - 3600_000),
      },
    ]);
    const [provider] = await t.db
      .insert(identityProviders)
      .values({
        name: 'ThaID',
        kind: 'thaid',
        issuer: 'https://idp.example.go.th',
        clientId: 'x',
        scopes: 'openid pid',
        firstSignIn: 'create',
      })
      .returning();
    const pending = (stateHash: string, expiresAt: Date) => ({
      stateHash,
      providerId: provider!.id,
      codeVerifierSealed: 'v1.x.y.z',
      nonce: 'n',
      returnTo: '/',
      expiresAt,
    });
    await t.db
      .insert(oidcPendingSignIns)
      .values([
        pending('abandoned', new Date(now.getTime() - 60_000)),
        pending('in-progress', new Date(now.getTime() + 60_000)),
      ]);
    expect(await pruneAuth(t.db, now)).toEqual({ sessions: 1, attempts: 1, pendingSignIns: 1 });
    expect((await t.db.select().from(oidcPendingSignIns)).map((p) => p.stateHash)).toEqual(['in-progress']);
    const left = await t.db.select().from(sessions);
    expect(left.map((s) => s.tokenHash)).not.toContain('expired-session');
    expect(left).toHaveLength(1);
    expect((await t.db.select().from(signInAttempts)).map((a) => a.email)).toEqual(['recent@example.go.th']);
  });
});
