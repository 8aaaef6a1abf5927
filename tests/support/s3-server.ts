import fs from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error: the package ships no types (@types/s3rver describes the older s3rver, not this fork)
import S3rver from '@20minutes/s3rver';
import type { S3StoreConfig } from '../../src/server/storage/s3-store.ts';

/**
 * A real S3-protocol server (s3rver, from npm) on a free port of this machine, keeping its objects in a
 * temporary directory: what the S3 store's tests talk to. `stop()` closes it (requests are refused,
 * as when object storage is unreachable); `start()` opens it again on the same port with the same data.
 */
export type TestS3Server = {
  config: (bucket?: string, prefix?: string) => S3StoreConfig;
  /** Creates a bucket (the app does not: a deployment's bucket must exist). */
  createBucket: (name: string) => Promise<void>;
  stop: () => Promise<void>;
  start: () => Promise<void>;
  close: () => Promise<void>;
  directory: string;
};

type S3rverInstance = {
  run: () => Promise<AddressInfo>;
  close: () => Promise<void>;
  httpServer?: Server;
  store: { putBucket: (name: string) => Promise<void> };
};

export async function startS3Server(buckets: string[] = ['prongsai']): Promise<TestS3Server> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'prongsai-s3-'));
  let port = 0;
  let server: S3rverInstance | undefined;
  const start = async () => {
    server = new S3rver({
      address: '127.0.0.1',
      port,
      silent: true,
      directory,
      vhostBuckets: false,
      // s3rver signs a bucket-level request (`GET /bucket/?list-type=2`, which the SDK sends with the
      // trailing slash) over `/bucket`, so every listing fails its signature check. The access key must
      // still be one it knows; signing itself is the SDK's.
      allowMismatchedSignatures: true,
      configureBuckets: buckets.map((name) => ({ name })),
    }) as S3rverInstance;
    port = (await server.run()).port;
  };
  const stop = async () => {
    const s = server;
    server = undefined;
    if (!s) return;
    s.httpServer?.closeAllConnections();
    await s.close();
  };
  await start();
  return {
    directory,
    config: (bucket = buckets[0] ?? 'prongsai', prefix = '') => ({
      bucket,
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
      prefix,
      connectionTimeoutMs: 1000,
      requestTimeoutMs: 3000,
      maxAttempts: 1,
    }),
    createBucket: async (name) => {
      await server?.store.putBucket(name);
    },
    stop,
    start,
    close: async () => {
      await stop();
      await fs.rm(directory, { recursive: true, force: true });
    },
  };
}
