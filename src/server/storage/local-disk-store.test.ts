import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileNotFoundError, InvalidKeyError } from './file-store.ts';
import { LocalDiskStore } from './local-disk-store.ts';

let root: string;
let store: LocalDiskStore;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'prongsai-store-'));
  store = new LocalDiskStore(path.join(root, 'files'));
});
afterEach(() => fs.rm(root, { recursive: true, force: true }));

const bytes = (s: string) => new TextEncoder().encode(s);
const collect = async (iterable: AsyncIterable<{ key: string; modifiedAt: Date }>) => {
  const out: { key: string; modifiedAt: Date }[] = [];
  for await (const item of iterable) out.push(item);
  return out;
};
const filesUnder = async (dir: string): Promise<string[]> =>
  (await fs.readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));

describe('local disk file store', () => {
  it('puts, gets, lists and deletes files under nested keys', async () => {
    await store.put('evidence/ab/abcdef', bytes('หลักฐาน'));
    await store.put('evidence/cd/cdef01', bytes('two'));
    await store.put('other/x', bytes('three'));
    expect(new TextDecoder().decode(await store.get('evidence/ab/abcdef'))).toBe('หลักฐาน');
    expect(await store.exists('evidence/ab/abcdef')).toBe(true);
    expect(await store.exists('evidence/ab/missing')).toBe(false);
    expect(await store.exists('evidence/ab')).toBe(false);
    const listed = await collect(store.list('evidence/'));
    expect(listed.map((f) => f.key)).toEqual(['evidence/ab/abcdef', 'evidence/cd/cdef01']);
    expect(listed[0]!.modifiedAt).toBeInstanceOf(Date);
    expect((await collect(store.list('evidence/ab'))).map((f) => f.key)).toEqual(['evidence/ab/abcdef']);
    expect((await collect(store.list())).map((f) => f.key)).toHaveLength(3);
    await store.delete('evidence/ab/abcdef');
    await store.delete('evidence/ab/abcdef');
    await expect(store.get('evidence/ab/abcdef')).rejects.toBeInstanceOf(FileNotFoundError);
    expect(await collect(store.list('nothing-here/'))).toEqual([]);
  });

  it('lists nothing, and reads nothing, when the root does not exist yet', async () => {
    expect(await collect(store.list())).toEqual([]);
    await expect(store.get('a/b')).rejects.toBeInstanceOf(FileNotFoundError);
  });

  it('replaces a file atomically: readers see the old bytes or the new, never part, and no temporary file stays', async () => {
    const old = new Uint8Array(4 * 1024 * 1024).fill(1);
    const next = new Uint8Array(4 * 1024 * 1024).fill(2);
    await store.put('k/file', old);
    const reads: Promise<Uint8Array>[] = [];
    const writing = store.put('k/file', next);
    for (let i = 0; i < 20; i++) reads.push(store.get('k/file'));
    await writing;
    for (const read of await Promise.all(reads)) {
      const whole = Buffer.from(read).equals(Buffer.from(old)) || Buffer.from(read).equals(Buffer.from(next));
      expect(whole).toBe(true);
    }
    expect((await store.get('k/file'))[0]).toBe(2);
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

  it.each([
    '../outside',
    'a/../../outside',
    'a/..',
    '/etc/passwd',
    'a\\..\\b',
    '..\\..\\x',
    '',
    'a//b',
    'a/./b',
    '.hidden',
    'a/.tmp-x',
    'a/b/',
    'nul\0byte',
    'space name',
  ])('refuses the key %j', async (key) => {
    await expect(store.put(key, bytes('x'))).rejects.toBeInstanceOf(InvalidKeyError);
    await expect(store.get(key)).rejects.toBeInstanceOf(InvalidKeyError);
    await expect(store.exists(key)).rejects.toBeInstanceOf(InvalidKeyError);
    await expect(store.delete(key)).rejects.toBeInstanceOf(InvalidKeyError);
    expect(await fs.readdir(root)).toEqual([]);
  });

  it('refuses a listing prefix that climbs out', async () => {
    await expect(collect(store.list('../'))).rejects.toBeInstanceOf(InvalidKeyError);
  });
});
