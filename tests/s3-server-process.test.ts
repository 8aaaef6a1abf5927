import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Store } from '../src/server/storage/s3-store.ts';
import { startS3Server, type TestS3Server } from './support/s3-server.ts';
import { type ServerProcess, startServerProcess } from './support/server-process.ts';

/**
 * The real server (`src/server/main.ts`) configured by FILES_S3_*: the demo cycle's documents, published
 * once the app is up, are written to the bucket and nothing to FILES_DIR; a bucket without its keys
 * stops the start with a message naming the missing variable.
 */
let s3: TestS3Server;
let server: ServerProcess | undefined;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  s3 = await startS3Server(['prongsai']);
});
afterAll(async () => {
  await server?.stop();
  await s3?.close();
});

const s3Env = (prefix: string) => {
  const c = s3.config('prongsai', prefix);
  return {
    NODE_ENV: 'development',
    DEMO_DATA: 'true',
    LOG_LEVEL: 'error',
    FILES_S3_BUCKET: c.bucket,
    FILES_S3_ENDPOINT: c.endpoint,
    FILES_S3_ACCESS_KEY_ID: c.accessKeyId,
    FILES_S3_SECRET_ACCESS_KEY: c.secretAccessKey,
    FILES_S3_PREFIX: prefix,
  };
};

describe('the server process with FILES_S3_*', () => {
  it('writes the files it makes to the bucket, not to FILES_DIR', async () => {
    server = await startServerProcess({ env: s3Env('proc'), timeoutMs: 120_000 });
    const store = new S3Store(s3.config('prongsai', 'proc/'));
    let keys: string[] = [];
    for (let waited = 0; waited < 90_000 && !keys.some((k) => k.startsWith('documents/')); waited += 1000) {
      await sleep(1000);
      keys = [];
      for await (const f of store.list()) keys.push(f.key);
    }
    store.close();
    expect(keys.filter((k) => k.startsWith('documents/')).length, server.output().stderr).toBeGreaterThan(0);
    const filesDir = path.join(server.dataDir, 'files');
    const onDisk = fs.existsSync(filesDir) ? fs.readdirSync(filesDir, { recursive: true }) : [];
    expect(onDisk).toEqual([]);
  }, 240_000);

  it('does not start with a bucket but no keys, and names the missing variable', async () => {
    const env = {
      ...s3Env('nokeys'),
      FILES_S3_ACCESS_KEY_ID: undefined,
      FILES_S3_SECRET_ACCESS_KEY: undefined,
    };
    await expect(startServerProcess({ env, timeoutMs: 60_000 })).rejects.toThrow(
      /FILES_S3_ACCESS_KEY_ID: required with FILES_S3_BUCKET/,
    );
  }, 90_000);
});
