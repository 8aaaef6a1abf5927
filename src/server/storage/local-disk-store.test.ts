import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bytes, collect, fileStoreContract } from './file-store.contract.ts';
import { InvalidKeyError } from './file-store.ts';
import { LocalDiskStore } from './local-disk-store.ts';

fileStoreContract('local disk', async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'prongsai-store-'));
  return {
    store: new LocalDiskStore(path.join(root, 'files')),
    dispose: () => fs.rm(root, { recursive: true, force: true }),
  };
});

let root: string;
let store: LocalDiskStore;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'prongsai-store-'));
  store = new LocalDiskStore(path.join(root, 'files'));
});
afterEach(() => fs.rm(root, { recursive: true, force: true }));

const filesUnder = async (dir: string): Promise<string[]> =>
  (await fs.readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));

describe('local disk file store', () => {
  it('leaves no temporary file after replacing a file', async () => {
    await store.put('k/file', new Uint8Array(1024).fill(1));
    await store.put('k/file', new Uint8Array(1024).fill(2));
    expect(await filesUnder(store.root)).toEqual([path.join('k', 'file')]);
  });

  it('leaves the old file whole and no temporary file when a write fails', async () => {
    await store.put('k/file', bytes('old'));
    // The target's place is taken by a directory: the rename fails after the bytes were written.
    await fs.mkdir(path.join(store.root, 'k', 'dir'), { recursive: true });
    await fs.writeFile(path.join(store.root, 'k', 'dir', 'inside'), 'x');
    await expect(store.put('k/dir', bytes('new'))).rejects.toThrow();
    expect(new TextDecoder().decode(await store.get('k/file'))).toBe('old');
    const names = await fs.readdir(path.join(store.root, 'k'));
    expect(names.filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('does not list what an interrupted write left behind, and removes it once old', async () => {
    await store.put('k/file', bytes('kept'));
    const leftover = path.join(store.root, 'k', '.tmp-crashed');
    await fs.writeFile(leftover, 'half a file');
    const hourAgo = new Date(Date.now() - 3600_000);
    await fs.utimes(leftover, hourAgo, hourAgo);
    expect((await collect(store.list())).map((f) => f.key)).toEqual(['k/file']);
    expect(await store.removeIncomplete(new Date(Date.now() - 7200_000))).toBe(0);
    expect(await store.removeIncomplete(new Date(Date.now() - 60_000))).toBe(1);
    expect(await filesUnder(store.root)).toEqual([path.join('k', 'file')]);
  });

  it('writes nothing outside its root for a refused key', async () => {
    await expect(store.put('../outside', bytes('x'))).rejects.toBeInstanceOf(InvalidKeyError);
    expect(await fs.readdir(root)).toEqual([]);
  });
});
