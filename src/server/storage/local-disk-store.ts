import { randomUUID } from 'node:crypto';
import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  assertValidKey,
  assertValidPrefix,
  FileNotFoundError,
  type FileStore,
  InvalidKeyError,
  type StoredFile,
} from './file-store.ts';

/** Temporary files of writes in progress: a '.' name, which no key can have, so listings skip them. */
const TEMP_PREFIX = '.tmp-';

const errno = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;

/**
 * Files on local disk under one root directory, a key's segments becoming directories.
 * A write goes to a temporary file in the target's directory, is flushed (fsync) and renamed over
 * the target, and the directory is flushed too: a reader or a crash sees the old bytes or the new,
 * never part of them. A write interrupted before the rename leaves only a temporary file, which
 * `removeIncomplete` clears.
 */
export class LocalDiskStore implements FileStore {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** The absolute path of a key; refuses anything that would leave the root. */
  pathOf(key: string): string {
    assertValidKey(key);
    const full = path.resolve(this.root, ...key.split('/'));
    if (!full.startsWith(this.root + path.sep)) throw new InvalidKeyError(key);
    return full;
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const target = this.pathOf(key);
    const dir = path.dirname(target);
    const created = await fs.mkdir(dir, { recursive: true, mode: 0o750 });
    const temp = path.join(dir, `${TEMP_PREFIX}${randomUUID()}`);
    try {
      const handle = await fs.open(temp, 'wx', 0o640);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temp, target);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
    await syncDir(dir);
    // New directories must be durable in their parents too, up to the first one that existed.
    if (created !== undefined) {
      for (let d = dir; d.startsWith(created) && d.length > this.root.length; d = path.dirname(d)) {
        await syncDir(path.dirname(d));
      }
    }
  }

  async get(key: string): Promise<Uint8Array> {
    try {
      return await fs.readFile(this.pathOf(key));
    } catch (error) {
      if (errno(error) === 'ENOENT' || errno(error) === 'EISDIR') throw new FileNotFoundError(key);
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await fs.stat(this.pathOf(key))).isFile();
    } catch (error) {
      if (errno(error) === 'ENOENT' || errno(error) === 'ENOTDIR') return false;
      throw error;
    }
  }

  /** Directories are kept: removing an empty one would race with a write into it. */
  async delete(key: string): Promise<void> {
    const target = this.pathOf(key);
    try {
      await fs.unlink(target);
    } catch (error) {
      if (errno(error) !== 'ENOENT') throw error;
    }
  }

  async *list(prefix = ''): AsyncIterable<StoredFile> {
    assertValidPrefix(prefix);
    const slash = prefix.lastIndexOf('/');
    const startKey = slash < 0 ? '' : prefix.slice(0, slash);
    for await (const { key, file } of this.walk(startKey, prefix)) {
      if (file.name.startsWith('.') || !key.startsWith(prefix)) continue;
      const modifiedAt = await mtimeOf(path.join(file.parentPath, file.name));
      if (modifiedAt) yield { key, modifiedAt };
    }
  }

  async removeIncomplete(olderThan: Date): Promise<number> {
    let removed = 0;
    for await (const { file } of this.walk('', '')) {
      if (!file.name.startsWith(TEMP_PREFIX)) continue;
      const full = path.join(file.parentPath, file.name);
      const modifiedAt = await mtimeOf(full);
      if (modifiedAt && modifiedAt < olderThan) {
        await fs.rm(full, { force: true });
        removed++;
      }
    }
    return removed;
  }

  /**
   * Every regular file under a key's directory (skipping directories that cannot hold the prefix),
   * its key built from valid segments only.
   */
  private async *walk(dirKey: string, prefix: string): AsyncIterable<{ key: string; file: Dirent }> {
    const dir = dirKey === '' ? this.root : this.pathOf(dirKey);
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (errno(error) === 'ENOENT' || errno(error) === 'ENOTDIR') return;
      throw error;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const key = dirKey === '' ? entry.name : `${dirKey}/${entry.name}`;
      if (entry.isDirectory() && !entry.name.startsWith('.')) {
        const mayHold = key.startsWith(prefix) || prefix.startsWith(`${key}/`);
        if (mayHold && isValidKey(key)) yield* this.walk(key, prefix);
      } else if (entry.isFile() && (entry.name.startsWith(TEMP_PREFIX) || isValidKey(key))) {
        yield { key, file: entry };
      }
    }
  }
}

function isValidKey(key: string): boolean {
  try {
    assertValidKey(key);
    return true;
  } catch {
    return false;
  }
}

async function mtimeOf(full: string): Promise<Date | null> {
  try {
    return (await fs.stat(full)).mtime;
  } catch (error) {
    if (errno(error) === 'ENOENT') return null;
    throw error;
  }
}

/** Flushes a directory's entries (a rename) to disk; not every platform allows it, which is fine. */
async function syncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (error) {
    if (!['EISDIR', 'EINVAL', 'EPERM', 'EBADF'].includes(errno(error) ?? '')) throw error;
  } finally {
    await handle?.close();
  }
}
