import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/support/test-app.ts';
import { sessions, signInAttempts } from '../../db/schema/index.ts';
import { pruneAuth } from './prune-auth.ts';
import { createSession } from './sessions.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('pruneAuth', () => {
  it('deletes expired sessions and day-old sign-in attempts, and keeps the rest', async () => {
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
    expect(await pruneAuth(t.db, now)).toEqual({ sessions: 1, attempts: 1 });
    const left = await t.db.select().from(sessions);
    expect(left.map((s) => s.tokenHash)).not.toContain('expired-session');
    expect(left).toHaveLength(1);
    expect((await t.db.select().from(signInAttempts)).map((a) => a.email)).toEqual(['recent@example.go.th']);
  });
});
