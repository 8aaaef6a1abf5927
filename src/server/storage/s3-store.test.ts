import { createHash } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server, type TestS3Server } from '../../../tests/support/s3-server.ts';
import { bytes, collect, fileStoreContract } from './file-store.contract.ts';
import { FileNotFoundError } from './file-store.ts';
import { FileStoreUnavailableError, S3Store } from './s3-store.ts';

let s3: TestS3Server;
beforeAll(async () => {
  s3 = await startS3Server(['prongsai', 'other']);
});
afterAll(() => s3.close());

// Each contract test gets its own prefix in the one bucket: an empty store, as FILES_S3_PREFIX gives.
let run = 0;
fileStoreContract(
  'S3 (s3rver)',
  async () => {
    const store = new S3Store(s3.config('prongsai', `run-${++run}/`));
    return { store, dispose: async () => store.close() };
  },
  { concurrentReplace: false },
);

describe('S3 file store', () => {
  it('keeps its keys under its prefix and lists neither other prefixes nor names no key can have', async () => {
    const store = new S3Store(s3.config('other', 'deployment/'));
    const neighbour = new S3Store(s3.config('other', 'elsewhere/'));
    await store.put('evidence/ab/one', bytes('1'));
    await neighbour.put('evidence/ab/two', bytes('2'));
    // Put by another tool, under names the store never writes.
    for (const Key of ['deployment/evidence/.hidden', 'deployment/evidence/has space'])
      await store.client.send(new PutObjectCommand({ Bucket: 'other', Key, Body: bytes('x') }));
    expect((await collect(store.list())).map((f) => f.key)).toEqual(['evidence/ab/one']);
    await expect(store.get('evidence/ab/two')).rejects.toBeInstanceOf(FileNotFoundError);
    expect(await neighbour.exists('evidence/ab/two')).toBe(true);
    store.close();
    neighbour.close();
  });

  it('sends the SHA-256 of the bytes with each put, so the service refuses bytes changed on the way', async () => {
    const store = new S3Store(s3.config('prongsai', 'checksum/'));
    const sent: (string | undefined)[] = [];
    store.client.middlewareStack.add(
      (next) => async (args) => {
        sent.push((args.request as { headers: Record<string, string> }).headers['x-amz-checksum-sha256']);
        return next(args);
      },
      { step: 'finalizeRequest' },
    );
    const body = bytes('หลักฐาน');
    await store.put('k/file', body);
    expect(sent).toEqual([createHash('sha256').update(body).digest('base64')]);
    store.close();
  });

  it('has no incomplete uploads to remove on a service that does not list them', async () => {
    const store = new S3Store(s3.config('prongsai', 'incomplete/'));
    expect(await store.removeIncomplete(new Date())).toBe(0);
    store.close();
  });

  it('answers "unavailable" (503) quickly when the bucket is missing', async () => {
    const store = new S3Store(s3.config('no-such-bucket'));
    const error = await store.put('k/file', bytes('x')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileStoreUnavailableError);
    expect(error).toMatchObject({ status: 503, code: 'file_store_unavailable' });
    store.close();
  });

  it('answers "unavailable" (503) within its timeouts when object storage cannot be reached, and works again after', async () => {
    const store = new S3Store({ ...s3.config('prongsai', 'outage/'), maxAttempts: 2 });
    await store.put('k/before', bytes('kept'));
    await s3.stop();
    try {
      const started = Date.now();
      for (const attempt of [
        () => store.put('k/during', bytes('lost?')),
        () => store.get('k/before'),
        () => store.exists('k/before'),
        () => store.delete('k/before'),
        () => collect(store.list()),
      ]) {
        const error = await attempt().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(FileStoreUnavailableError);
        expect((error as FileStoreUnavailableError).messageEn).toMatch(/file store is unavailable/);
        expect((error as FileStoreUnavailableError).messageTh).toMatch(/ที่เก็บไฟล์ใช้งานไม่ได้/);
      }
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      await s3.start();
    }
    expect(new TextDecoder().decode(await store.get('k/before'))).toBe('kept');
    expect(await store.exists('k/during')).toBe(false);
    store.close();
  });
});
