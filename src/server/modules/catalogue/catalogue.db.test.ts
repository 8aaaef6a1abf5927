import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { isEditionFile } from '#shared/catalogue/files.ts';
import { createTestContext, json, type TestContext } from '../../../../tests/support/test-app.ts';
import { catalogueRevisions } from '../../db/schema/index.ts';
import { bundledCatalogueDir, loadBundledEditions } from './catalogue.service.ts';

let t: TestContext;
let root: Awaited<ReturnType<TestContext['signedIn']>>;
const edition2566 = () => parse(fs.readFileSync(path.join(bundledCatalogueDir, 'ita-2566.yaml'), 'utf8'));

beforeAll(async () => {
  t = await createTestContext();
  root = await t.signedIn([{ role: 'admin', on: null }]);
});
afterAll(() => t.close());

describe('catalogue', () => {
  it('loads every bundled edition once, and again adds nothing', async () => {
    const files = fs.readdirSync(bundledCatalogueDir).filter(isEditionFile);
    expect(await loadBundledEditions(t.db)).toBe(files.length);
    expect(await loadBundledEditions(t.db)).toBe(0);
    const list = await json<{ fiscalYear: number; counts: { questions: Record<string, number> } }[]>(
      await root.get('/api/catalogue/editions'),
    );
    expect(list.map((e) => e.fiscalYear)).toEqual([2564, 2565, 2566, 2567, 2568, 2569]);
    const e2566 = list.find((e) => e.fiscalYear === 2566)!;
    expect(e2566.counts.questions).toEqual({ IIT: 30, EIT: 15, OIT: 43 });
  });

  it('serves an edition with its 7-issue grouping', async () => {
    const detail = await json(await root.get('/api/catalogue/editions/2566'));
    expect(detail.edition.indicators).toHaveLength(10);
    expect(detail.edition.groupings.map((g: { code: string }) => g.code)).toContain('issues-7');
    const reused = await json(await root.get('/api/catalogue/editions/2567'));
    expect(reused.groupings.map((g: { code: string }) => g.code)).toEqual(['issues-7']);
  });

  it('refuses a bad file whole, with the path of each error', async () => {
    const before = await t.db.select().from(catalogueRevisions);
    const bad = edition2566();
    bad.questions[12].indicator = 11;
    bad.questions[13].code = bad.questions[14].code;
    bad.instruments[0].weight_percent = 'thirty';
    bad.surprise = true;
    const r = await root.post('/api/catalogue/editions', { yaml: stringify(bad) });
    expect(r.status).toBe(400);
    const body = await json(r);
    expect(body.error.code).toBe('invalid_edition');
    const paths = body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toContain('instruments[0].weight_percent');
    expect(body.error.details.every((d: { message_th: string }) => d.message_th.length > 0)).toBe(true);
    expect(await t.db.select().from(catalogueRevisions)).toHaveLength(before.length);
  });

  it('reports cross-field errors by path once the shape is right', async () => {
    const bad = edition2566();
    bad.questions[12].indicator = 11;
    const r = await root.post('/api/catalogue/editions', { yaml: stringify(bad) });
    const details = (await json(r)).error.details as { path: string; message_en: string }[];
    expect(details).toContainEqual(expect.objectContaining({ path: 'questions[12].indicator' }));
    expect(details.find((d) => d.path === 'questions[12].indicator')!.message_en).toMatch(
      /unknown indicator 11/,
    );
  });

  it('refuses YAML that does not parse, with line and column', async () => {
    const r = await root.post('/api/catalogue/editions', { yaml: 'fiscal_year: 2570\ntitle_th: [unclosed' });
    expect(r.status).toBe(400);
    expect(JSON.stringify(await json(r))).toMatch(/line/i);
  });

  it('adds a corrected edition as a new revision that a restart does not undo', async () => {
    const corrected = edition2566();
    corrected.title_en = `${corrected.title_en} (corrected)`;
    const r = await root.post('/api/catalogue/editions', { yaml: stringify(corrected) });
    expect(r.status).toBe(201);
    const { summary, created } = await json(r);
    expect(created).toBe(true);
    expect(summary.revision).toBe(2);
    expect(await loadBundledEditions(t.db)).toBe(0);
    const current = await json(await root.get('/api/catalogue/editions/2566'));
    expect(current.edition.title_en).toMatch(/corrected/);
  });
});
