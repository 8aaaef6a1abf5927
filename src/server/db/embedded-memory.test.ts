import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openEmbedded, queryRows } from './client.ts';

/*
 * Issue 15 (embedded RSS after start ≤ 400 MB): PGlite's buffer pool is zeroed in its WebAssembly memory
 * at start, so its size is resident from the first moment; the embedded database opens with 32 MB instead
 * of PostgreSQL's default 128 MB (bench/cold-start.bench.ts measures the RSS).
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-embedded-memory-'));
let database: Database | undefined;
afterAll(async () => {
  await database?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the embedded database', () => {
  it("opens with a 32 MB buffer pool, PGlite's other start settings kept", async () => {
    database = await openEmbedded(dataDir);
    const [buffers] = await queryRows<{ shared_buffers: string }>(database.db, sql`show shared_buffers`);
    expect(buffers?.shared_buffers).toBe('32MB');
    // PGlite's own defaults still apply (e.g. its search_path), only the pool's size is added.
    const [searchPath] = await queryRows<{ search_path: string }>(database.db, sql`show search_path`);
    expect(searchPath?.search_path).toBe('public');
  }, 120_000);
});
