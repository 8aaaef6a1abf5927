import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeAnalysis, storeResult } from '../../../../tests/support/assessment-fixtures.ts';
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

beforeAll(async () => {
  t = await createTestContext();
  await loadBundledEditions(t.db);
  province = await t.org(null, { nameTh: 'จังหวัดคลัง' });
  secretariat = await t.signedIn([{ role: 'secretariat', on: province }]);
});
afterAll(() => t.close());

const q = (code: string, score: number) => ({
  scope: 'question' as const,
  code,
  score,
  passed: null,
  reason: null,
  recommendation: null,
});

describe('measures library', () => {
  it('suggests, for a weak asset-borrowing question, the asset-borrowing measure first, ready to copy', async () => {
    const admin = await t.user([{ role: 'admin', on: null }]);
    const result = await storeResult(t.db, province.id, 2566, [q('i20', 60), q('i1', 99)]);
    const analysis = await storeAnalysis(t.db, await t.actorFor(admin.id), result.id, { urgentBelow: 85 });
    const plan = await json(
      await secretariat.post('/api/plans', {
        organizationId: province.id,
        fiscalYear: 2567,
        analysisId: analysis.id,
        issuesFrom: 'findings',
      }),
    );
    expect(plan.content.issues.map((i: { codes: string[] }) => i.codes)).toEqual([['i20']]);
    const suggestions = await json(await secretariat.get(`/api/plans/${plan.id}/suggestions`));
    const first = suggestions[0].suggestions[0];
    expect(first.libraryId).toBe('asset-borrowing-rules');
    expect(first.matchedCodes).toEqual(['i20']);
    expect(first.measure.steps.length).toBeGreaterThan(0);
    expect(first.measure.libraryId).toBe('asset-borrowing-rules');

    const content = structuredClone(plan.content);
    content.issues[0].measures.push(first.measure);
    const saved = await secretariat.request('PUT', `/api/plans/${plan.id}`, {
      rowVersion: plan.rowVersion,
      content,
    });
    expect(saved.status, await saved.clone().text()).toBe(200);
  });

  it('lets a deployment admin extend the library, and no one else', async () => {
    const entry = {
      id: 'local-integrity-pledge',
      kind: 'activity',
      title_th: 'กิจกรรมประกาศเจตนารมณ์สุจริต',
      title_en: 'Integrity pledge',
      steps_th: ['จัดพิธีประกาศเจตนารมณ์'],
      monitoring_th: 'รายงานผลการจัดกิจกรรม',
      codes: { '2566': ['i25'] },
      indicators: [5],
      source: ['common-practice'],
      confidence: 'medium',
    };
    const provinceAdmin = await t.signedIn([{ role: 'admin', on: province }]);
    expect((await provinceAdmin.post('/api/measures-library', entry)).status).toBe(403);
    const root = await t.signedIn([{ role: 'admin', on: null }]);
    expect((await root.post('/api/measures-library', entry)).status).toBe(201);
    expect((await root.post('/api/measures-library', entry)).status).toBe(409);
    const library = await json(await secretariat.get('/api/measures-library'));
    expect(library.some((m: { id: string }) => m.id === 'local-integrity-pledge')).toBe(true);
  });
});
