import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countingDb } from '../../../../tests/support/count-queries.ts';
import { createTestContext, type TestContext, type TestOrg } from '../../../../tests/support/test-app.ts';
import { analyses, analysisNarratives, assessmentResults } from '../../db/schema/index.ts';
import { currentRevision, loadBundledEditions } from '../catalogue/catalogue.service.ts';
import { listAnalyses } from './analyses.service.ts';

let t: TestContext;
let org: TestOrg;
let secretariat: Awaited<ReturnType<TestContext['signedIn']>>;
let resultId: string;
/** A stored outcome of the current shape (nothing to recompute when read). */
const outcome = { figures: {}, indicatorExtremes: {}, groups: [] };

beforeAll(async () => {
  t = await createTestContext();
  await loadBundledEditions(t.db);
  org = await t.org(null, { nameTh: 'หน่วยงานหลายการวิเคราะห์' });
  secretariat = await t.signedIn([{ role: 'secretariat', on: org }]);
  const revision = (await currentRevision(t.db, 2567))!;
  const [result] = await t.db
    .insert(assessmentResults)
    .values({ organizationId: org.id, fiscalYear: 2567, catalogueRevisionId: revision.id })
    .returning({ id: assessmentResults.id });
  resultId = result!.id;
});
afterAll(() => t.close());

/** `n` analyses of the result, each with two narratives. */
async function addAnalyses(n: number) {
  const made = await t.db
    .insert(analyses)
    .values(
      Array.from({ length: n }, (_, i) => ({
        resultId,
        title: `การวิเคราะห์ ${i}`,
        settings: { urgentBelow: 85 },
        outcome,
      })),
    )
    .returning({ id: analyses.id, title: analyses.title });
  await t.db.insert(analysisNarratives).values(
    made.flatMap((a) =>
      ['indicator:1', 'indicator:2'].map((findingKey) => ({
        analysisId: a.id,
        findingKey,
        text: `${a.title} ${findingKey}`,
        numbersHash: 'h',
      })),
    ),
  );
}

async function queries() {
  const actor = await t.actorFor(secretariat.id);
  const counting = countingDb(t.db);
  const list = await listAnalyses(counting.db, actor, resultId);
  return { n: counting.count(), list };
}

describe('the analyses of a result', () => {
  it('are read with their narratives in the same queries however many there are', async () => {
    await addAnalyses(1);
    const one = await queries();
    await addAnalyses(19);
    const many = await queries();
    expect(many.list).toHaveLength(20);
    expect(many.n).toBe(one.n);
    for (const a of many.list) {
      expect(a.narratives.map((x) => x.text).sort()).toEqual([
        `${a.title} indicator:1`,
        `${a.title} indicator:2`,
      ]);
    }
  });
});
