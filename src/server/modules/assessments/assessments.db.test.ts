import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicatorScores } from '../../../../tests/support/assessment-fixtures.ts';
import {
  createTestContext,
  json,
  type TestContext,
  type TestOrg,
} from '../../../../tests/support/test-app.ts';
import { loadBundledEditions } from '../catalogue/catalogue.service.ts';

let t: TestContext;
let province: TestOrg;
let secretariat: Awaited<ReturnType<TestContext['signedIn']>>;
let viewer: Awaited<ReturnType<TestContext['signedIn']>>;

beforeAll(async () => {
  t = await createTestContext();
  await loadBundledEditions(t.db);
  province = await t.org(null, { nameTh: 'จังหวัดทดสอบ' });
  secretariat = await t.signedIn([{ role: 'secretariat', on: province }]);
  viewer = await t.signedIn([{ role: 'viewer', on: province }]);
});
afterAll(() => t.close());

const SEED_003 = [87.89, 74.84, 81.59, 76.28, 77.88, 74.62, 79.61, 75.83, 62.2, 37.5];

async function save(
  organizationId: string,
  fiscalYear: number,
  scores: unknown[],
  extra: Record<string, unknown> = {},
) {
  return secretariat.request('PUT', '/api/assessments', { organizationId, fiscalYear, scores, ...extra });
}

describe('assessment results', () => {
  it('saves a result by form, computes the level, and lets a viewer read it', async () => {
    const r = await save(
      province.id,
      2566,
      [
        { scope: 'total', code: 'ITA', score: 96.52 },
        { scope: 'instrument', code: 'IIT', score: 97 },
        { scope: 'instrument', code: 'EIT', score: 91 },
        { scope: 'instrument', code: 'OIT', score: 99 },
      ],
      { statedLevel: 'ผ่านดี' },
    );
    expect(r.status, await r.clone().text()).toBe(200);
    const result = await json(r);
    expect(result.computedLevelName_th).toBe('ผ่านดี');
    const read = await viewer.get(`/api/assessments/${result.id}`);
    expect((await json(read)).scores).toHaveLength(4);
  });

  it('derives the total and the level of an indicator-only result, and flags a stated total they contradict', async () => {
    const unit = await t.org(province, { nameTh: 'เทศบาลตำบลทดสอบ' });
    const indicators = SEED_003.map((score, i) => ({ scope: 'indicator', code: String(i + 1), score }));
    const derived = await json(await save(unit.id, 2567, indicators));
    // IIT 79.70, EIT 76.69, OIT 49.85 → 0.3 × 79.696 + 0.3 × 76.687 + 0.4 × 49.85 = 66.85
    expect(derived).toMatchObject({ total: 66.85, totalDerived: true, totalDiffersFrom: null });
    expect(derived.computedLevelName_th).toBe('ต้องปรับปรุงโดยด่วน');
    const stated = await json(
      await save(unit.id, 2567, [...indicators, { scope: 'total', code: 'ITA', score: 86.52 }], {
        version: derived.version,
      }),
    );
    expect(stated).toMatchObject({ total: 86.52, totalDerived: false, totalDiffersFrom: 66.85 });
  });

  it('refuses unknown and repeated codes with the path of each, and writes nothing', async () => {
    const unit = await t.org(province);
    const r = await save(unit.id, 2566, [
      { scope: 'question', code: 'i31', score: 80 },
      { scope: 'indicator', code: '1', score: 80 },
      { scope: 'indicator', code: '1', score: 81 },
      { scope: 'indicator', code: '2', score: 101 },
    ]);
    expect(r.status).toBe(400);
    const paths = (await json(r)).error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['scores[3].score']));
    const r2 = await save(unit.id, 2566, [
      { scope: 'question', code: 'i31', score: 80 },
      { scope: 'indicator', code: '1', score: 80 },
      { scope: 'indicator', code: '1', score: 81 },
    ]);
    const details = (await json(r2)).error.details;
    expect(details.map((d: { path: string }) => d.path)).toEqual(['scores[0].code', 'scores[2].code']);
    expect(details[0].message_th).toContain('i31');
    expect(await json(await secretariat.get(`/api/assessments?organizationId=${unit.id}`))).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it('refuses a viewer’s write', async () => {
    const r = await viewer.request('PUT', '/api/assessments', {
      organizationId: province.id,
      fiscalYear: 2566,
      scores: [],
    });
    expect(r.status).toBe(403);
  });

  it('analyses at 85 and at 95, and keeps an edited narrative until its numbers change', async () => {
    const unit = await t.org(province, { nameTh: 'เทศบาลนครทดสอบ' });
    const saved = await json(await save(unit.id, 2564, indicatorScores(SEED_003)));
    const at85 = await json(
      await secretariat.post(`/api/assessments/${saved.id}/analyses`, { settings: { urgentBelow: 85 } }),
    );
    const urgent85 = at85.outcome.indicators.filter((i: { status: string }) => i.status === 'urgent').length;
    expect(urgent85).toBe(9);
    const at95 = await json(
      await secretariat.post(`/api/assessments/${saved.id}/analyses`, { settings: { urgentBelow: 95 } }),
    );
    expect(at95.outcome.indicators.filter((i: { status: string }) => i.status === 'urgent')).toHaveLength(10);

    const key = 'indicator:10';
    const edited = await secretariat.request(
      'PUT',
      `/api/analyses/${at85.id}/narratives/${encodeURIComponent(key)}`,
      {
        text: 'ยังไม่เผยแพร่มาตรการภายในเพื่อป้องกันการทุจริต',
      },
    );
    expect(edited.status).toBe(200);
    expect((await json(edited)).narratives).toEqual([
      expect.objectContaining({ findingKey: key, stale: false }),
    ]);

    // Recompute with the same numbers: the words stay fresh.
    const same = await json(
      await secretariat.patch(`/api/analyses/${at85.id}`, {
        version: at85.version,
        limitations: 'บุคลากรจำกัด',
      }),
    );
    expect(same.narratives[0].stale).toBe(false);
    expect(same.limitations).toBe('บุคลากรจำกัด');

    // A corrected score under the finding makes the narrative stale.
    const scores = indicatorScores(SEED_003.map((v, i) => (i === 9 ? 45 : v)));
    expect((await save(unit.id, 2564, scores, { version: saved.version })).status).toBe(200);
    const recomputed = await json(
      await secretariat.patch(`/api/analyses/${at85.id}`, { version: same.version }),
    );
    expect(recomputed.narratives[0]).toMatchObject({ findingKey: key, stale: true });
  });

  it('groups question findings by the 7 issues, and refuses a grouping the edition lacks', async () => {
    const unit = await t.org(province);
    const saved = await json(
      await save(unit.id, 2566, [
        { scope: 'question', code: 'i19', score: 70 },
        { scope: 'question', code: 'e6', score: 99 },
      ]),
    );
    const analysis = await json(
      await secretariat.post(`/api/assessments/${saved.id}/analyses`, {
        settings: { urgentBelow: 85, grouping: { kind: 'catalogue', code: 'issues-7' } },
      }),
    );
    const issue4 = analysis.outcome.groups.find((g: { key: string }) => g.key === 'issues-7:4');
    expect(issue4.findings.map((f: { code: string }) => f.code)).toEqual(['i19']);
    const bad = await secretariat.post(`/api/assessments/${saved.id}/analyses`, {
      settings: { grouping: { kind: 'catalogue', code: 'no-such-grouping' } },
    });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.details[0].path).toBe('settings.grouping.code');
  });

  it('shows units × indicators for a province with the weakest indicators first', async () => {
    const prov = await t.org(null, { nameTh: 'จังหวัดสอง' });
    const sec = await t.signedIn([{ role: 'secretariat', on: prov }]);
    const a = await t.org(prov, { nameTh: 'หน่วย ก' });
    const b = await t.org(prov, { nameTh: 'หน่วย ข' });
    for (const [unit, values] of [
      [a, [90, 80, 95, 95, 95, 95, 95, 95, 95, 70]],
      [b, [91, 82, 96, 96, 96, 96, 96, 96, 96, 99]],
    ] as const) {
      const r = await sec.request('PUT', '/api/assessments', {
        organizationId: unit.id,
        fiscalYear: 2566,
        scores: indicatorScores([...values]),
      });
      expect(r.status).toBe(200);
    }
    const view = await json(await sec.get(`/api/assessments/province/${prov.id}/2566`));
    expect(view.units).toHaveLength(2);
    expect(view.weakest[0]).toMatchObject({ number: 2, unitsBelow: 2 });
    expect(view.weakest[1]).toMatchObject({ number: 10, unitsBelow: 1 });
  });
});
