import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileNotFoundError, type FileStore, InvalidKeyError, type StoredFile } from './file-store.ts';

/** What a contract run needs from a driver: a fresh, empty store, and a way to dispose of it. */
export type StoreUnderTest = { store: FileStore; dispose: () => Promise<void> };

export const bytes = (s: string) => new TextEncoder().encode(s);
export const collect = async (iterable: AsyncIterable<StoredFile>) => {
  const out: StoredFile[] = [];
  for await (const item of iterable) out.push(item);
  return out;
};

/**
 * The behaviour every FileStore driver must have (local disk, S3…): the same tests run against each,
 * each test on a fresh empty store from `create`.
 */
export function fileStoreContract(
  name: string,
  create: () => Promise<StoreUnderTest>,
  /** false where the server under test is not atomic itself (s3rver writes an object in place; S3 is). */
  options: { concurrentReplace: boolean } = { concurrentReplace: true },
): void {
  describe(`${name}: the file store contract`, () => {
    let subject: StoreUnderTest;
    let store: FileStore;
    beforeEach(async () => {
      subject = await create();
      store = subject.store;
    });
    afterEach(() => subject.dispose());

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
      expect(Math.abs(listed[0]!.modifiedAt.getTime() - Date.now())).toBeLessThan(60_000);
      expect((await collect(store.list('evidence/ab'))).map((f) => f.key)).toEqual(['evidence/ab/abcdef']);
      expect((await collect(store.list())).map((f) => f.key)).toHaveLength(3);
      await store.delete('evidence/ab/abcdef');
      await store.delete('evidence/ab/abcdef');
      await expect(store.get('evidence/ab/abcdef')).rejects.toBeInstanceOf(FileNotFoundError);
      expect(await store.exists('evidence/ab/abcdef')).toBe(false);
      expect(await collect(store.list('nothing-here/'))).toEqual([]);
    });

    it('replaces a file with new bytes and lists it once', async () => {
      await store.put('k/file', bytes('old'));
      await store.put('k/file', bytes('new'));
      expect(new TextDecoder().decode(await store.get('k/file'))).toBe('new');
      expect((await collect(store.list())).map((f) => f.key)).toEqual(['k/file']);
    });

    it('keeps the bytes exactly, binary and empty files included', async () => {
      const binary = new Uint8Array(300_000).map((_, i) => (i * 7919) % 256);
      await store.put('b/binary', binary);
      await store.put('b/empty', new Uint8Array(0));
      expect(Buffer.from(await store.get('b/binary')).equals(Buffer.from(binary))).toBe(true);
      expect((await store.get('b/empty')).byteLength).toBe(0);
      expect(await store.exists('b/empty')).toBe(true);
    });

    it('lists nothing, and reads nothing, when nothing was stored yet', async () => {
      expect(await collect(store.list())).toEqual([]);
      await expect(store.get('a/b')).rejects.toBeInstanceOf(FileNotFoundError);
    });

    it.runIf(options.concurrentReplace)(
      'replaces a file whole: readers see the old bytes or the new, never part',
      async () => {
        const old = new Uint8Array(4 * 1024 * 1024).fill(1);
        const next = new Uint8Array(4 * 1024 * 1024).fill(2);
        await store.put('k/file', old);
        const reads: Promise<Uint8Array>[] = [];
        const writing = store.put('k/file', next);
        for (let i = 0; i < 20; i++) reads.push(store.get('k/file'));
        await writing;
        for (const read of await Promise.all(reads)) {
          const whole =
            Buffer.from(read).equals(Buffer.from(old)) || Buffer.from(read).equals(Buffer.from(next));
          expect(whole).toBe(true);
        }
        expect((await store.get('k/file'))[0]).toBe(2);
        expect((await collect(store.list())).map((f) => f.key)).toEqual(['k/file']);
      },
    );

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
      expect(await collect(store.list())).toEqual([]);
    });

    it('refuses a listing prefix that climbs out', async () => {
      await expect(collect(store.list('../'))).rejects.toBeInstanceOf(InvalidKeyError);
    });
  });
}
