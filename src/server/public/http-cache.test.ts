import { describe, expect, it } from 'vitest';
import { etagOf, Lru, notModified } from './http-cache.ts';

const h = (init: Record<string, string>) => new Headers(init);

describe('notModified', () => {
  const etag = etagOf('<p>page</p>');
  const modified = new Date('2025-03-05T07:09:30.750Z');

  it('matches If-None-Match (weak comparison, lists, *) and ignores If-Modified-Since then', () => {
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    expect(etagOf('<p>page</p>')).toBe(etag);
    expect(etagOf('<p>page.</p>')).not.toBe(etag);
    expect(notModified(h({ 'if-none-match': etag }), etag, modified)).toBe(true);
    expect(notModified(h({ 'if-none-match': `W/${etag}` }), etag, modified)).toBe(true);
    expect(notModified(h({ 'if-none-match': `"a", ${etag} ,"b"` }), etag, modified)).toBe(true);
    expect(notModified(h({ 'if-none-match': '*' }), etag, modified)).toBe(true);
    expect(notModified(h({ 'if-none-match': '"a"' }), etag, modified)).toBe(false);
    expect(
      notModified(h({ 'if-none-match': '"a"', 'if-modified-since': modified.toUTCString() }), etag, modified),
    ).toBe(false);
  });

  it('compares If-Modified-Since in whole seconds', () => {
    expect(notModified(h({ 'if-modified-since': 'Wed, 05 Mar 2025 07:09:30 GMT' }), etag, modified)).toBe(
      true,
    );
    expect(notModified(h({ 'if-modified-since': 'Wed, 05 Mar 2025 08:00:00 GMT' }), etag, modified)).toBe(
      true,
    );
    expect(notModified(h({ 'if-modified-since': 'Wed, 05 Mar 2025 07:09:29 GMT' }), etag, modified)).toBe(
      false,
    );
    expect(notModified(h({ 'if-modified-since': 'yesterday' }), etag, modified)).toBe(false);
    expect(notModified(h({ 'if-modified-since': modified.toUTCString() }), etag, null)).toBe(false);
    expect(notModified(h({}), etag, modified)).toBe(false);
  });
});

describe('Lru', () => {
  it('drops the least recently used entry beyond its entry bound', () => {
    const lru = new Lru<string>(3, 1_000);
    lru.set('a', 'A', 1);
    lru.set('b', 'B', 1);
    lru.set('c', 'C', 1);
    expect(lru.get('a')).toBe('A'); // now the newest
    lru.set('d', 'D', 1);
    expect(lru.get('b')).toBeUndefined();
    expect([lru.get('a'), lru.get('c'), lru.get('d')]).toEqual(['A', 'C', 'D']);
    expect(lru.size).toBe(3);
  });

  it('keeps within its byte bound, replaces entries and never keeps one larger than the bound', () => {
    const lru = new Lru<string>(100, 10);
    lru.set('a', 'A', 4);
    lru.set('b', 'B', 4);
    lru.set('a', 'A2', 5);
    expect(lru.bytes).toBe(9);
    lru.set('c', 'C', 3);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.bytes).toBe(8);
    lru.set('huge', 'H', 11);
    expect(lru.get('huge')).toBeUndefined();
    expect(lru.get('a')).toBe('A2');
  });

  it('drops every entry of a prefix', () => {
    const lru = new Lru<number>(10, 100);
    lru.set('org1|x', 1, 1);
    lru.set('org1|y', 2, 1);
    lru.set('org2|x', 3, 1);
    lru.deletePrefix('org1|');
    expect([lru.get('org1|x'), lru.get('org1|y'), lru.get('org2|x')]).toEqual([undefined, undefined, 3]);
    expect(lru.bytes).toBe(1);
  });
});
