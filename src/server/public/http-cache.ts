import { createHash } from 'node:crypto';

/**
 * HTTP caching of the public pages and files: a strong ETag from the bytes, Last-Modified from the
 * newest publication or withdrawal involved, 304 for a matching If-None-Match (or, without one, an
 * If-Modified-Since not older than Last-Modified), and a bounded in-memory LRU of rendered responses.
 */

export const CACHE_SHORT = 'public, max-age=300';
export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';

export const etagOf = (bytes: Uint8Array | string) =>
  `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 32)}"`;

/** HTTP-date (seconds), as Last-Modified and If-Modified-Since carry it. */
export const httpDate = (d: Date) => d.toUTCString();

const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/**
 * Whether the client's copy is current (RFC 9110 §13.1.2–3): If-None-Match wins when present (weak
 * comparison, `*` matches anything); otherwise If-Modified-Since at or after Last-Modified.
 */
export function notModified(headers: Headers, etag: string, lastModified: Date | null): boolean {
  const ifNoneMatch = headers.get('if-none-match');
  if (ifNoneMatch !== null) {
    if (ifNoneMatch.trim() === '*') return true;
    const wanted = opaque(etag);
    return ifNoneMatch.split(',').some((t) => opaque(t) === wanted);
  }
  const since = headers.get('if-modified-since');
  if (since === null || lastModified === null) return false;
  const sinceMs = Date.parse(since);
  if (Number.isNaN(sinceMs)) return false;
  return Math.floor(lastModified.getTime() / 1000) * 1000 <= sinceMs;
}

/**
 * A least-recently-used map bounded by entries and by bytes: reading an entry makes it the newest,
 * adding one drops the oldest until both bounds hold. An entry larger than the byte bound is not kept.
 */
export class Lru<V> {
  readonly #map = new Map<string, { value: V; size: number }>();
  #bytes = 0;

  constructor(
    readonly maxEntries: number,
    readonly maxBytes: number,
  ) {}

  get size() {
    return this.#map.size;
  }

  get bytes() {
    return this.#bytes;
  }

  get(key: string): V | undefined {
    const entry = this.#map.get(key);
    if (!entry) return undefined;
    this.#map.delete(key);
    this.#map.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V, size: number): void {
    this.delete(key);
    if (size > this.maxBytes) return;
    this.#map.set(key, { value, size });
    this.#bytes += size;
    while (this.#map.size > this.maxEntries || this.#bytes > this.maxBytes) {
      const oldest = this.#map.keys().next().value as string;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const entry = this.#map.get(key);
    if (!entry) return;
    this.#map.delete(key);
    this.#bytes -= entry.size;
  }

  /** Drops every entry whose key starts with the prefix. */
  deletePrefix(prefix: string): void {
    for (const key of [...this.#map.keys()]) if (key.startsWith(prefix)) this.delete(key);
  }
}
