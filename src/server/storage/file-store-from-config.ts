import type { Env } from '../env.ts';
import type { FileStore } from './file-store.ts';
import { LocalDiskStore } from './local-disk-store.ts';
import { S3Store } from './s3-store.ts';

/**
 * The one place that picks the file store driver from the settings: the local disk under FILES_DIR
 * (the default), or the S3-compatible bucket of FILES_S3_BUCKET, which every app process shares.
 */
export function fileStoreFromConfig(config: Pick<Env, 'fileStorage'>): FileStore {
  const storage = config.fileStorage;
  if (storage.driver === 'local') return new LocalDiskStore(storage.dir);
  const { driver: _driver, ...s3 } = storage;
  return new S3Store(s3);
}
