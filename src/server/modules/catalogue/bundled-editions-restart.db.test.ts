import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { isEditionFile } from '#shared/catalogue/files.ts';
import { parseEdition } from '#shared/catalogue/parse-edition.ts';
import { createTestDatabase } from '../../../../tests/support/test-db.ts';
import type { Database } from '../../db/client.ts';
import { catalogueBundledSources, catalogueRevisions } from '../../db/schema/index.ts';
import { bundledCatalogueDir, bundledSourceHashes, loadBundledEditions } from './catalogue.service.ts';

/*
 * Issue 15 (embedded restart ≤ 3 s): parsing and checking the six bundled editions took ~1 s of every
 * start. A start whose files (and parser) are unchanged since one that loaded them skips the parse; a
 * changed file is parsed and loaded as before.
 */
const parseSpy = vi.fn(parseEdition);
const load = () => loadBundledEditions(database.db, dir, parseSpy);

let database: Database;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-bundled-'));
const files = fs.readdirSync(bundledCatalogueDir).filter(isEditionFile).sort();

beforeAll(async () => {
  for (const file of files) fs.copyFileSync(path.join(bundledCatalogueDir, file), path.join(dir, file));
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  parseSpy.mockClear();
});

const current = async (year: number) =>
  (
    await database.db
      .select()
      .from(catalogueRevisions)
      .where(eq(catalogueRevisions.fiscalYear, year))
      .orderBy(desc(catalogueRevisions.revision))
      .limit(1)
  )[0]!;

describe('bundled editions at a restart', () => {
  it('parses them at the first start, not at a restart with the same files', async () => {
    expect(await load()).toBe(files.length);
    expect(parseSpy).toHaveBeenCalledTimes(files.length);
    parseSpy.mockClear();
    expect(await load()).toBe(0);
    expect(parseSpy).not.toHaveBeenCalled();
  });

  it('a changed file is parsed and added as a new revision, as before', async () => {
    const file = path.join(dir, 'ita-2566.yaml');
    const original = fs.readFileSync(file, 'utf8');
    const changed = parse(original);
    changed.title_en = `${changed.title_en} (changed)`;
    fs.writeFileSync(file, stringify(changed));
    try {
      expect(await load()).toBe(1);
      expect(parseSpy).toHaveBeenCalledTimes(files.length);
      const row = await current(2566);
      expect(row.revision).toBe(2);
      expect((row.content as { title_en: string }).title_en).toMatch(/\(changed\)$/);
      // The changed file at the next restart: nothing to parse, nothing added.
      parseSpy.mockClear();
      expect(await load()).toBe(0);
      expect(parseSpy).not.toHaveBeenCalled();
    } finally {
      fs.writeFileSync(file, original);
    }
    // Back to the first file: its edition is already a revision of the year, so nothing is added
    // (and the newer revision stays current), with or without the parse.
    expect(await load()).toBe(0);
    expect((await current(2566)).revision).toBe(2);
  });

  it('a file that no longer parses still stops the start, even if an earlier start loaded the others', async () => {
    const file = path.join(dir, 'ita-2569.yaml');
    const original = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, `${original}\nsurprise: true\n`);
    try {
      await expect(load()).rejects.toThrow(/ita-2569\.yaml is invalid/);
    } finally {
      fs.writeFileSync(file, original);
    }
  });

  it('parses again when the remembered edition is not stored (the cache alone is not trusted)', async () => {
    await database.db
      .update(catalogueBundledSources)
      .set({ contentHash: 'not-a-stored-hash' })
      .where(eq(catalogueBundledSources.fiscalYear, 2564));
    expect(await load()).toBe(0);
    expect(parseSpy).toHaveBeenCalledTimes(files.length);
  });

  it("a file's source hash changes with its bytes, the parser's code, and any file before it", () => {
    const a = { name: 'ita-2564.yaml', bytes: Buffer.from('a') };
    const b = { name: 'ita-2565.yaml', bytes: Buffer.from('b') };
    const [ha, hb] = bundledSourceHashes([a, b], 'code');
    expect(bundledSourceHashes([a, b], 'code')).toEqual([ha, hb]);
    expect(bundledSourceHashes([a, b], 'other code')).not.toContain(ha);
    const [ha2, hb2] = bundledSourceHashes([{ ...a, bytes: Buffer.from('a2') }, b], 'code');
    expect(ha2).not.toBe(ha);
    expect(hb2).not.toBe(hb);
  });
});
