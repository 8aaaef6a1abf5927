import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../../tests/support/test-app.ts';
import { OWN_WRITE_COOKIE, openReadReplica } from './read-replica.ts';

/*
 * Without DATABASE_REPLICA_URL nothing changes (decision 020): the routes' readDb is the primary, no
 * own-write cookie is set, no probe runs. The replica itself is tested against a real primary and
 * streaming replica in tests/national/replica.national.test.ts.
 */
describe('without a read replica', () => {
  let t: Awaited<ReturnType<typeof createTestContext>>;

  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('a write sets no own-write cookie and the lists read as before', async () => {
    const province = await t.org(null, { nameTh: 'จังหวัดไม่มีสำเนา' });
    const secretariat = await t.signedIn([{ role: 'secretariat', on: province }]);
    const created = await secretariat.post('/api/plans', {
      organizationId: province.id,
      fiscalYear: 2590,
      issuesFrom: 'none',
    });
    expect(created.status).toBe(201);
    expect(created.headers.getSetCookie().join('\n')).not.toContain(OWN_WRITE_COOKIE);
    const list = await secretariat.get(`/api/plans?organizationId=${province.id}`);
    expect(list.status).toBe(200);
    expect(((await list.json()) as { items: unknown[] }).items).toHaveLength(1);
  });

  it('a replica beside the embedded database is refused with a clear message', async () => {
    const database = { db: t.db, kind: 'pglite' } as unknown as Parameters<typeof openReadReplica>[0];
    expect(() => openReadReplica(database, { url: 'postgres://u@127.0.0.1:1/x', maxLagMs: 5000 })).toThrow(
      'A read replica needs the PostgreSQL server (DATABASE_URL), not the embedded database',
    );
  });
});
