import { asc, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnalysisSettings, analysisSettingsSchema } from '#shared/assessments/analysis.ts';
import type { ScoreEntry } from '#shared/assessments/scores.ts';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import { storeResult } from '../../../../tests/support/assessment-fixtures.ts';
import { createTestContext, type TestContext, type TestOrg } from '../../../../tests/support/test-app.ts';
import { analyses as analysesTable, assessmentResults, plans } from '../../db/schema/index.ts';
import { AppError } from '../../http/app-error.ts';
import { loadBundledEditions } from '../catalogue/catalogue.service.ts';
import { invalidateSupplied, recordSupplied } from '../catalogue/supplied-questions.service.ts';
import { computeOutcomes, forEachOutcome } from './analyse-many.ts';
import { computeOutcome } from './analyses.service.ts';
import { editionForYear, scoresOf } from './assessments.service.ts';
import { scoresByResult } from './bulk-scores.ts';
import { previousMeasuresFor } from './previous-measures.service.ts';

let t: TestContext;
const orgs: TestOrg[] = [];

/** A PRNG so that every run stores the same scores. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), a | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Real-shaped scores of an edition: every question (OIT items passed or failed with a reason), the
 * indicators, and with `stated` the instruments and total too; a few IIT/EIT questions not assessed.
 */
function scoresFor(edition: Edition, random: () => number, options: { questions: boolean; stated: boolean }) {
  const round = (x: number) => Math.round(x * 100) / 100;
  const out: ScoreEntry[] = [];
  const base = { passed: null, reason: null, recommendation: null };
  if (options.questions) {
    for (const q of edition.questions) {
      if (q.instrument === 'OIT') {
        const passed = random() < 0.8;
        out.push({
          scope: 'question',
          code: q.code,
          score: passed ? 100 : 0,
          passed,
          reason: passed ? null : 'ไม่ครบองค์ประกอบตามที่กำหนด',
          recommendation: passed ? null : 'ควรเผยแพร่ข้อมูลให้ครบถ้วน',
        });
      } else {
        out.push({
          ...base,
          scope: 'question',
          code: q.code,
          score: random() < 0.05 ? null : round(60 + random() * 40),
        });
      }
    }
  }
  for (const i of edition.indicators) {
    out.push({ ...base, scope: 'indicator', code: String(i.number), score: round(55 + random() * 45) });
  }
  if (options.stated) {
    for (const i of edition.instruments) {
      out.push({ ...base, scope: 'instrument', code: i.code, score: round(70 + random() * 30) });
    }
    out.push({ ...base, scope: 'total', code: 'ITA', score: round(70 + random() * 30) });
  }
  return out;
}

beforeAll(async () => {
  t = await createTestContext();
  await loadBundledEditions(t.db);
  const province = await t.org(null, { code: 'MANY-PROV' });
  orgs.push(province);
  for (let i = 1; i <= 5; i++) orgs.push(await t.org(province, { code: `MANY-U${i}` }));
  const random = seeded(2567);
  const store = async (org: TestOrg, year: number, options: { questions: boolean; stated: boolean }) => {
    const { edition } = await editionForYear(t.db, year);
    return storeResult(t.db, org.id, year, scoresFor(edition, random, options));
  };
  // Years with and without an earlier result, question-level and indicator-only, a year skipped.
  await store(orgs[0]!, 2566, { questions: true, stated: true });
  await store(orgs[0]!, 2567, { questions: true, stated: true });
  await store(orgs[1]!, 2567, { questions: false, stated: false });
  await store(orgs[2]!, 2565, { questions: true, stated: false });
  await store(orgs[2]!, 2567, { questions: true, stated: false });
  await store(orgs[3]!, 2566, { questions: false, stated: true });
  await store(orgs[3]!, 2568, { questions: true, stated: true });
  await store(orgs[4]!, 2567, { questions: true, stated: true });
  // 2569 lists no IIT question: an agency supplied i1 with its wording, which the analysis reads.
  const { edition: e2569 } = await editionForYear(t.db, 2569);
  const r2569 = await storeResult(t.db, orgs[5]!.id, 2569, [
    ...scoresFor(e2569, random, { questions: true, stated: false }),
    { scope: 'question', code: 'i1', score: 61.5, passed: null, reason: null, recommendation: null },
  ]);
  await recordSupplied(t.db, {
    fiscalYear: 2569,
    actorUserId: null,
    supplies: [
      {
        code: 'i1',
        instrument: 'IIT',
        indicator: 1,
        subIndicator: null,
        text_th: 'บุคลากรในหน่วยงานปฏิบัติงานตามหน้าที่ด้วยความโปร่งใส',
        organizationId: orgs[5]!.id,
        resultId: r2569.id,
      },
    ],
    conflicts: [],
  });
  invalidateSupplied(t.db, 2569);
  // The plan that answered the 2566 result of the first organisation: its 2567 measures on i7 and
  // indicator 9 (closing the loop shows them beside the 2567 result).
  await t.db.insert(plans).values({
    organizationId: orgs[0]!.id,
    fiscalYear: 2567,
    status: 'approved',
    content: {
      title: 'แผนทดสอบ',
      introduction: '',
      analysisSummary: '',
      monitoringSection: '',
      preparedBy: '',
      layout: 'columns',
      issues: [
        {
          id: 'i1',
          title: 'การใช้งบประมาณ',
          stance: 'urgent',
          description: '',
          points: [],
          findingKeys: ['question:i7'],
          codes: ['i7', '9'],
          measures: [
            {
              id: 'm1',
              kind: 'measure',
              title: 'ชี้แจงการใช้งบประมาณแก่บุคลากร',
              pointIds: [],
              steps: [{ id: 's1', text: 'จัดทำแนวทาง', responsible: null, timeframe: null }],
              responsible: { unitIds: [orgs[1]!.id], external: [] },
              timeframe: { start: '2566-10', end: '2567-09' },
              monitoring: 'ติดตาม',
              codes: [],
              budget: null,
              target: '',
              outputIndicator: '',
              libraryId: null,
            },
          ],
        },
      ],
    },
  });
});
afterAll(() => t.close());

const allResults = () =>
  t.db.select().from(assessmentResults).orderBy(asc(assessmentResults.fiscalYear), asc(assessmentResults.id));

/** Counts the queries sent through the database's own client while `fn` runs. */
async function countQueries(fn: () => Promise<unknown>): Promise<number> {
  const client = (t.db as unknown as { session: { client: { query: (...a: unknown[]) => unknown } } }).session
    .client;
  const query = client.query;
  let count = 0;
  client.query = function (this: unknown, ...args: unknown[]) {
    count++;
    return query.apply(this, args);
  };
  try {
    await fn();
  } finally {
    client.query = query;
  }
  return count;
}

/**
 * `computeOutcome` of one result, with last year's measures as the service finds them
 * (`previousMeasuresFor`, which computeOutcome calls since closing the loop reached it).
 */
async function singleOutcome(result: typeof assessmentResults.$inferSelect, settings: AnalysisSettings) {
  const outcome = await computeOutcome(t.db, result, settings);
  return {
    ...outcome,
    previousMeasures: outcome.previousMeasures ?? (await previousMeasuresFor(t.db, result, outcome)),
  };
}

const SETTINGS: Record<string, AnalysisSettings> = {
  default: analysisSettingsSchema.parse({}),
  bands: analysisSettingsSchema.parse({ urgentBelow: 70, developBelow: 85, strengthAtOrAbove: 95 }),
  indicators: analysisSettingsSchema.parse({ urgentBelow: 90, judge: 'indicators' }),
  bottomN: analysisSettingsSchema.parse({ urgentBottomN: 3, strengthTopN: 2 }),
};

describe('scoresByResult', () => {
  it('reads every result’s scores as scoresOf does: same order, same values, awkward text and doubles', async () => {
    const org = await t.org(null, { code: 'MANY-AWKWARD' });
    const awkward: ScoreEntry[] = [
      {
        scope: 'total',
        code: 'ITA',
        score: 33.333333333333336,
        passed: null,
        reason: null,
        recommendation: null,
      },
      {
        scope: 'indicator',
        code: '10',
        score: 1e-7,
        passed: null,
        reason: 'a\tb\nc "q" \\ ไทย 🙂',
        recommendation: '',
      },
      { scope: 'indicator', code: '9', score: 0, passed: null, reason: null, recommendation: null },
      { scope: 'question', code: 'o1', score: null, passed: false, reason: '\\N', recommendation: 'ควร…' },
      { scope: 'question', code: 'i7', score: 99.99, passed: true, reason: null, recommendation: null },
    ];
    const stored = await storeResult(t.db, org.id, 2566, awkward);
    const ids = [...(await allResults()).map((r) => r.id), stored.id];
    const many = await scoresByResult(t.db, ids);
    for (const id of ids) expect(many.get(id), id).toEqual(await scoresOf(t.db, id));
    expect(many.get(stored.id)!.map((s) => `${s.scope}:${s.code}`)).toEqual(
      (await scoresOf(t.db, stored.id)).map((s) => `${s.scope}:${s.code}`),
    );
    expect(await scoresByResult(t.db, [])).toEqual(new Map());
    await t.db.delete(assessmentResults).where(inArray(assessmentResults.id, [stored.id]));
  });
});

describe('computeOutcomes', () => {
  it.each(Object.keys(SETTINGS))(
    'gives each result the outcome computeOutcome gives it (%s settings, every year in one batch)',
    async (name) => {
      const settings = SETTINGS[name]!;
      const results = await allResults();
      expect(results).toHaveLength(9);
      const batch = await computeOutcomes(t.db, results, settings);
      expect(batch).toHaveLength(results.length);
      for (const [i, result] of results.entries()) {
        expect(batch[i], `${result.fiscalYear} of ${result.organizationId}`).toEqual(
          await singleOutcome(result, settings),
        );
      }
      // The wording an agency supplied is the label of its question's finding (2569, i1 at 61.5).
      const i1 = batch
        .find((o) => o.fiscalYear === 2569)!
        .groups.flatMap((g) => g.findings)
        .find((f) => f.code === 'i1');
      if (name === 'default' || name === 'bands') {
        expect(i1?.label_th).toBe('บุคลากรในหน่วยงานปฏิบัติงานตามหน้าที่ด้วยความโปร่งใส');
      }
      // Last year's measures where a plan answered the result (the first organisation's 2567), none elsewhere.
      expect(batch.filter((o) => o.previousMeasures !== null).map((o) => o.fiscalYear)).toEqual([2567]);
      // The previous year was found and compared where there is one (2567 after 2566, 2567 after 2565, 2568 after 2566).
      expect(
        batch
          .filter((o) => o.yoy !== null)
          .map((o) => `${o.fiscalYear} after ${o.yoy!.previousFiscalYear}`)
          .sort(),
      ).toEqual(['2567 after 2565', '2567 after 2566', '2568 after 2566']);
    },
  );

  it('gives the same outcomes read in chunks of two results, in the order given', async () => {
    const results = (await allResults()).reverse();
    const seen: { index: number; id: string; outcome: unknown }[] = [];
    await forEachOutcome(
      t.db,
      results,
      SETTINGS.default!,
      (outcome, result, index) => {
        seen.push({ index, id: result.id, outcome });
      },
      2,
    );
    expect(seen.map((s) => s.index)).toEqual(results.map((_, i) => i));
    expect(seen.map((s) => s.id)).toEqual(results.map((r) => r.id));
    expect(seen.map((s) => s.outcome)).toEqual(await computeOutcomes(t.db, results, SETTINGS.default!));
  });

  it('with a catalogue grouping (the 7 issues), as computeOutcome; an edition without it is refused alike', async () => {
    const settings = analysisSettingsSchema.parse({ grouping: { kind: 'catalogue', code: 'issues-7' } });
    const results = (await allResults()).filter((r) => r.fiscalYear === 2566 || r.fiscalYear === 2567);
    const batch = await computeOutcomes(t.db, results, settings);
    for (const [i, result] of results.entries()) {
      expect(batch[i]).toEqual(await singleOutcome(result, settings));
    }
    expect(batch[0]!.groups.map((g) => g.key)).toContain('issues-7:1');

    const unknown = analysisSettingsSchema.parse({
      grouping: { kind: 'catalogue', code: 'no-such-grouping' },
    });
    const single = await computeOutcome(t.db, results[0]!, unknown).catch((e: unknown) => e);
    const many = await computeOutcomes(t.db, results, unknown).catch((e: unknown) => e);
    expect(single).toBeInstanceOf(AppError);
    expect(many).toBeInstanceOf(AppError);
    expect((many as AppError).details).toEqual((single as AppError).details);
  });

  it('reads in as many queries for five results as for two (organisations without a plan of the year), and stores nothing', async () => {
    const results = (await allResults()).filter(
      (r) => (r.fiscalYear === 2567 || r.fiscalYear === 2568) && r.organizationId !== orgs[0]!.id,
    );
    expect(results).toHaveLength(4);
    results.push((await allResults()).find((r) => r.fiscalYear === 2569)!);
    const settings = SETTINGS.default!;
    await computeOutcomes(t.db, results, settings); // the catalogue revisions are cached from here on
    const two = await countQueries(() => computeOutcomes(t.db, results.slice(0, 2), settings));
    const all = await countQueries(() => computeOutcomes(t.db, results, settings));
    const oneByOne = await countQueries(async () => {
      for (const r of results) await computeOutcome(t.db, r, settings);
    });
    expect(all).toBe(two);
    expect(all).toBeLessThan(oneByOne);
    const ids = results.map((r) => r.id);
    expect(await t.db.select().from(analysesTable).where(inArray(analysesTable.resultId, ids))).toEqual([]);
    expect(await computeOutcomes(t.db, [], settings)).toEqual([]);
  });
});
