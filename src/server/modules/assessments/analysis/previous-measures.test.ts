import { describe, expect, it } from 'vitest';
import { analysisSettingsSchema } from '#shared/assessments/analysis.ts';
import { previousMeasuresSchema } from '#shared/assessments/previous-measures.ts';
import type { ScoreEntry } from '#shared/assessments/scores.ts';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import { readCatalogue } from '#shared/catalogue/read-catalogue.testutil.ts';
import { type PlanContent, planContentSchema } from '#shared/plans/contract.ts';
import { narrativeTemplates } from '../../catalogue/narrative-templates.ts';
import { analyse } from './analyse.ts';
import { buildPreviousMeasures } from './previous-measures.ts';

/**
 * Closing the loop from real-shaped data: the plan of fiscal 2567 (made from the 2566 analysis) with
 * measures on i7, indicator 9 and O12, the last round's statuses, and the 2567 analysis with its 2566
 * scores beside → rows per indicator and question, measures numbered as printed, previous → current.
 */
const editions: Edition[] = readCatalogue();
const edition = (year: number) => editions.find((e) => e.fiscal_year === year)!;
const entry = (
  scope: ScoreEntry['scope'],
  code: string,
  score: number | null,
  extra: Partial<ScoreEntry> = {},
): ScoreEntry => ({ scope, code, score, passed: null, reason: null, recommendation: null, ...extra });

const SCORES_2566 = [
  ...[90, 80, 88, 86, 91, 87, 89, 90, 62.2, 80].map((v, i) => entry('indicator', String(i + 1), v)),
  entry('question', 'i7', 70.5),
  entry('question', 'o12', 0, { passed: false }),
];
const SCORES_2567 = [
  ...[91, 84.25, 88, 86, 92, 87, 90, 90, 88.4, 85].map((v, i) => entry('indicator', String(i + 1), v)),
  entry('question', 'i7', 81),
  entry('question', 'o12', 100, { passed: true }),
];

function outcome2567(previous: ScoreEntry[] | null = SCORES_2566) {
  return analyse({
    fiscalYear: 2567,
    edition: edition(2567),
    groupings: [],
    scores: SCORES_2567,
    statedLevel: null,
    previous: previous ? { fiscalYear: 2566, edition: edition(2566), scores: previous } : null,
    settings: analysisSettingsSchema.parse({ urgentBelow: 85 }),
    templates: narrativeTemplates(),
  });
}

const measure = (id: string, title: string, codes: string[] = [], kind = 'measure') => ({
  id,
  kind,
  title,
  codes,
  steps: [{ id: `${id}-s`, text: 'ดำเนินการ' }],
});

/** The plan of fiscal 2567 as the 2566 analysis made it, with its measures written in. */
const PLAN: PlanContent = planContentSchema.parse({
  title: 'มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. 2567',
  issues: [
    {
      id: 'iss-1',
      title: 'การปฏิบัติหน้าที่ (รักษามาตรฐาน)',
      stance: 'keep',
      measures: [measure('m-keep', 'ประกาศเจตนารมณ์สุจริต')],
    },
    {
      id: 'iss-2',
      title: 'ตัวชี้วัดที่ 2 การใช้งบประมาณ',
      findingKeys: ['question:i7'],
      codes: ['i7'],
      measures: [
        measure('m-budget', 'เผยแพร่แผนการใช้จ่ายงบประมาณประจำปี', [], 'project'),
        measure('m-train', 'ชี้แจงการใช้งบประมาณแก่บุคลากร', ['i7']),
      ],
    },
    {
      id: 'iss-3',
      title: 'ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล',
      findingKeys: ['indicator:9'],
      codes: ['9'],
      measures: [measure('m-web', 'ปรับปรุงเว็บไซต์ให้ครบทุกรายการ', ['o12', '9.1'])],
    },
  ],
});

const ROUND = {
  label_th: 'รอบ 12 เดือน (ต.ค. 66 – ก.ย. 67)',
  label_en: '12-month round (Oct 2023 – Sep 2024)',
  measures: new Map([
    ['m-budget', { progress: 'done' as const, percent: 100 }],
    ['m-web', { progress: 'in_progress' as const, percent: 75 }],
  ]),
};

describe('previous measures', () => {
  it('lists each indicator and question a measure answered, numbered as printed, with its status and change', () => {
    const built = buildPreviousMeasures({
      plan: { id: '00000000-0000-4000-8000-000000000067', fiscalYear: 2567, content: PLAN },
      round: ROUND,
      outcome: outcome2567(),
      edition: edition(2567),
    })!;
    expect(previousMeasuresSchema.parse(built)).toEqual(built);
    expect(built).toMatchObject({
      planFiscalYear: 2567,
      planTitle: PLAN.title,
      lastRound: { label_th: 'รอบ 12 เดือน (ต.ค. 66 – ก.ย. 67)' },
      previousFiscalYear: 2566,
      currentFiscalYear: 2567,
    });
    const rows = built.rows.map((r) => [
      r.scope,
      r.displayCode,
      r.measures.map((m) => `${m.number} ${m.title} ${m.progress ?? '-'} ${m.percent ?? '-'}`),
      r.previous,
      r.current,
      r.change,
    ]);
    expect(rows).toEqual([
      [
        'question',
        'i7',
        ['(2.1) โครงการ: เผยแพร่แผนการใช้จ่ายงบประมาณประจำปี done 100', '(2.2) ชี้แจงการใช้งบประมาณแก่บุคลากร - -'],
        70.5,
        81,
        10.5,
      ],
      // The measure's own O12 and 9.1 (scored through indicator 9), and its issue's 9.
      ['indicator', '9', ['(3.1) ปรับปรุงเว็บไซต์ให้ครบทุกรายการ in_progress 75'], 62.2, 88.4, 26.2],
      ['question', 'O12', ['(3.1) ปรับปรุงเว็บไซต์ให้ครบทุกรายการ in_progress 75'], 0, 100, 100],
    ]);
    expect(built.rows[1]!.label_th).toBe('การเปิดเผยข้อมูล');
    // A measure that names no code and whose issue has none answers nothing (the keep issue).
    expect(built.rows.flatMap((r) => r.measures).some((m) => m.measureId === 'm-keep')).toBe(false);
  });

  it('without a round that reported, statuses are unknown (not "not started"); without last year, no change', () => {
    const built = buildPreviousMeasures({
      plan: { id: '00000000-0000-4000-8000-000000000067', fiscalYear: 2567, content: PLAN },
      round: null,
      outcome: outcome2567(null),
      edition: edition(2567),
    })!;
    expect(built.lastRound).toBeNull();
    expect(built.previousFiscalYear).toBeNull();
    expect(built.rows.flatMap((r) => r.measures.map((m) => [m.progress, m.percent]))).toEqual(
      built.rows.flatMap((r) => r.measures.map(() => [null, null])),
    );
    const nine = built.rows.find((r) => r.code === '9')!;
    expect([nine.previous, nine.current, nine.change]).toEqual([null, 88.4, null]);
  });

  it('keeps a code this year’s result does not score (not assessed), and is null when no measure names a code', () => {
    const content = structuredClone(PLAN);
    content.issues[1]!.measures[1]!.codes = ['i8'];
    const built = buildPreviousMeasures({
      plan: { id: '00000000-0000-4000-8000-000000000067', fiscalYear: 2567, content },
      round: ROUND,
      outcome: outcome2567(),
      edition: edition(2567),
    })!;
    const i8 = built.rows.find((r) => r.code === 'i8')!;
    expect(i8).toMatchObject({
      scope: 'question',
      indicator: 2,
      previous: null,
      current: null,
      change: null,
    });
    expect(built.rows.map((r) => r.code)).toEqual(['i7', 'i8', '9', 'o12']);

    const bare = planContentSchema.parse({
      title: 'แผน',
      issues: [{ id: 'x', title: 'ประเด็น', measures: [measure('m', 'มาตรการ')] }],
    });
    expect(
      buildPreviousMeasures({
        plan: { id: '00000000-0000-4000-8000-000000000067', fiscalYear: 2567, content: bare },
        round: ROUND,
        outcome: outcome2567(),
        edition: edition(2567),
      }),
    ).toBeNull();
  });
});
