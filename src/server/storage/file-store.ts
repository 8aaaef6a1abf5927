/**
 * Where uploaded files are kept. Keys are relative, '/'-separated paths such as
 * `evidence/ab/ab12…`; the database holds the key, the store holds the bytes.
 *
 * Drivers: `LocalDiskStore` (the default, under FILES_DIR) and `S3Store` (FILES_S3_BUCKET: put =
 * PutObject with the SHA-256, get = GetObject, exists = HeadObject, delete = DeleteObject, list =
 * ListObjectsV2 with LastModified, removeIncomplete = abort stale multipart uploads), chosen in one
 * place, `fileStoreFromConfig`. Both pass the same contract tests (`file-store.contract.ts`).
 */
export interface FileStore {
  /** Stores the bytes under the key, replacing what was there; all or nothing (never a half file). */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes under the key; FileNotFoundError when there are none. */
  get(key: string): Promise<Uint8Array>;
  exists(key: string): Promise<boolean>;
  /** Removes the key; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Every stored key starting with the prefix, with when it was last written. */
  list(prefix?: string): AsyncIterable<StoredFile>;
  /** Removes leftovers of writes interrupted before they finished, older than the date; returns how many. */
  removeIncomplete?(olderThan: Date): Promise<number>;
}

export type StoredFile = { key: string; modifiedAt: Date };

export class FileNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No stored file under ${key}`);
  }
}

export class InvalidKeyError extends Error {
  constructor(readonly key: string) {
    super(`Invalid file store key: ${JSON.stringify(key)}`);
  }
}

const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/**
 * A key is 1–8 segments of letters, digits, '.', '_' and '-' separated by '/': no empty segment, no
 * '.' or '..', no segment starting with '.' (kept for the store's own temporary files), no absolute
 * path, no backslash. Every driver checks keys with this one function.
 */
export function assertValidKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0 || key.length > 512) throw new InvalidKeyError(key);
  const segments = key.split('/');
  if (segments.length > 8 || !segments.every((s) => SEGMENT.test(s))) throw new InvalidKeyError(key);
}

/** A listing prefix: empty, or a key (or the start of one) optionally ending with '/'. */
export function assertValidPrefix(prefix: string): void {
  if (prefix === '') return;
  assertValidKey(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
}
