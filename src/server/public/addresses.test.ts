import { describe, expect, it } from 'vitest';
import { filePath, pagePath, parsePublicPath, withView } from './addresses.ts';

describe('parsePublicPath', () => {
  it('reads every kind of public address', () => {
    expect(parsePublicPath('/p/tak-province')).toEqual({ kind: 'index', slug: 'tak-province' });
    expect(parsePublicPath('/p/tak-province/')).toEqual({ kind: 'index', slug: 'tak-province' });
    expect(parsePublicPath('/p/tak-province/feed.json')).toEqual({ kind: 'feed', slug: 'tak-province' });
    expect(parsePublicPath('/p/tak-province/emblem')).toEqual({ kind: 'emblem', slug: 'tak-province' });
    expect(parsePublicPath('/p/tak/2568/plan')).toEqual({
      kind: 'page',
      slug: 'tak',
      fiscalYear: 2568,
      pathKey: 'plan',
      versionNo: null,
    });
    expect(parsePublicPath('/p/tak/2568/analysis/v12/')).toMatchObject({
      kind: 'page',
      pathKey: 'analysis',
      versionNo: 12,
    });
    for (const key of ['6m', '12m', 'monthly-2568-01', 'monthly-2025-01', 'custom-2025-03']) {
      expect(parsePublicPath(`/p/tak/2568/round/${key}/v1`)).toMatchObject({
        kind: 'page',
        pathKey: `round/${key}`,
      });
    }
    expect(parsePublicPath('/p/tak/2568/round/6m/round-6m.pdf')).toEqual({
      kind: 'file',
      format: 'pdf',
      slug: 'tak',
      fiscalYear: 2568,
      pathKey: 'round/6m',
      versionNo: null,
    });
    expect(parsePublicPath('/p/tak/2568/plan/v3/plan.xlsx')).toMatchObject({
      kind: 'file',
      format: 'xlsx',
      versionNo: 3,
    });
    expect(parsePublicPath('/p/assets/site.0123456789ab.css')).toEqual({
      kind: 'asset',
      name: 'site.0123456789ab.css',
    });
    // A site may be called "assets": its pages still work.
    expect(parsePublicPath('/p/assets')).toEqual({ kind: 'index', slug: 'assets' });
    expect(parsePublicPath('/p/assets/emblem')).toEqual({ kind: 'emblem', slug: 'assets' });
  });

  it('refuses anything else: traversal, escapes, unknown words, bad numbers, wrong file names', () => {
    for (const path of [
      '/p',
      '/p/',
      '/p//2568/plan',
      '/p/ab',
      '/p/Tak',
      '/p/tak_province',
      '/p/-tak',
      '/p/tak--x',
      `/p/${'a'.repeat(61)}`,
      '/p/tak/feed.xml',
      '/p/tak/2568',
      '/p/tak/02568/plan',
      '/p/tak/0568/plan',
      '/p/tak/25680/plan',
      '/p/tak/abcd/plan',
      '/p/tak/2568/plans',
      '/p/tak/2568/memo',
      '/p/tak/2568/round',
      '/p/tak/2568/round/6M',
      '/p/tak/2568/round/6m_x',
      '/p/tak/2568/plan/v0',
      '/p/tak/2568/plan/v01',
      '/p/tak/2568/plan/v1234567',
      '/p/tak/2568/plan/V1',
      '/p/tak/2568/plan/v1/v2',
      '/p/tak/2568/plan/plan.PDF',
      '/p/tak/2568/plan/plan.exe',
      '/p/tak/2568/plan/analysis.pdf',
      '/p/tak/2568/round/6m/plan.pdf',
      '/p/tak/2568/plan/v1/plan.pdf/x',
      '/p/tak/2568/plan/../analysis',
      '/p/tak/2568/./plan',
      '/p/tak/2568/plan%2Fv1',
      '/p/tak/2568/%2e%2e/plan',
      '/p/tak/2568/plan/..%5cplan.pdf',
      '/p/tak/2568/plan\\v1',
      '/p/assets/site.css',
      '/p/assets/../site.0123456789ab.css',
      '/p/assets/a/site.0123456789ab.css',
      '/api/p/tak',
      '/pp/tak',
    ]) {
      expect(parsePublicPath(path), path).toBeNull();
    }
  });

  it('reads back every address it writes', () => {
    for (const pathKey of ['plan', 'analysis', 'round/6m', 'round/monthly-2025-01']) {
      for (const v of [undefined, 1, 27]) {
        expect(parsePublicPath(pagePath('tak', 2568, pathKey, v))).toMatchObject({
          kind: 'page',
          pathKey,
          versionNo: v ?? null,
        });
        for (const format of ['pdf', 'docx', 'xlsx'] as const) {
          expect(parsePublicPath(filePath('tak', 2568, pathKey, format, v))).toMatchObject({
            kind: 'file',
            format,
            pathKey,
            versionNo: v ?? null,
          });
        }
      }
    }
  });

  it('keeps the reader’s language and embedding in links', () => {
    expect(withView('/p/tak', { lang: 'th', embed: false })).toBe('/p/tak');
    expect(withView('/p/tak', { lang: 'en' })).toBe('/p/tak?lang=en');
    expect(withView('/p/tak', { lang: 'en', embed: true })).toBe('/p/tak?lang=en&embed=1');
    expect(withView('/p/tak', { embed: true })).toBe('/p/tak?embed=1');
  });
});
