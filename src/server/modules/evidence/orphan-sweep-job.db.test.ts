import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/support/test-db.ts';
import type { Database } from '../../db/client.ts';
import { LocalDiskStore } from '../../storage/local-disk-store.ts';
import { orphanSweepJob } from './orphan-sweep-job.ts';

let database: Database;
let dir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-sweep-'));
});
afterAll(async () => {
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('orphan sweep job', () => {
  it('removes an old file no row refers to, and keeps a recent one', async () => {
    const store = new LocalDiskStore(dir);
    const old = `evidence/aa/${'a'.repeat(64)}`;
    const fresh = `evidence/bb/${'b'.repeat(64)}`;
    await store.put(old, new Uint8Array([1, 2, 3]));
    await store.put(fresh, new Uint8Array([4, 5, 6]));
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    fs.utimesSync(path.join(dir, old), twoDaysAgo, twoDaysAgo);
    await orphanSweepJob({ db: database.db, store }).run(new AbortController().signal, {});
    expect(await store.exists(old)).toBe(false);
    expect(await store.exists(fresh)).toBe(true);
  });
});
