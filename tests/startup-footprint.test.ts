import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess } from './support/server-process.ts';

/*
 * Issue 15 (embedded restart ≤ 3 s, RSS ≤ 400 MB): the libraries only some requests need are loaded
 * on their first use, not at start. playwright-core alone took ~1.3 s and ~70 MB to load, exceljs
 * ~0.4 s and ~20 MB (bench/cold-start.bench.ts, bench/README.md "National size"). The real server is started and stopped
 * with a preload that lists the packages it loaded.
 */
const probe = path.resolve('tests/support/loaded-packages-probe.cjs');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-footprint-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('what the server loads at start', () => {
  it('does not load the libraries of PDF rendering and spreadsheets until a request needs them', async () => {
    const out = path.join(work, 'loaded.txt');
    const server = await startServerProcess({
      env: {
        DEMO_DATA: 'false',
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${probe}`.trim(),
        LOADED_PACKAGES_OUT: out,
      },
      timeoutMs: 120_000,
    });
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    await server.stop();
    const loaded = fs.readFileSync(out, 'utf8').split('\n');
    // The probe sees the CommonJS packages: these are among them whenever the server runs.
    expect(loaded).toEqual(expect.arrayContaining(['pg', 'pg-boss', 'yaml']));
    expect(loaded).not.toContain('playwright-core');
    expect(loaded).not.toContain('exceljs');
  }, 180_000);
});
