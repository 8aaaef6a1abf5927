import { describe, expect, it } from 'vitest';
import { type AnalysisOutcome, analysisSettingsSchema } from '#shared/assessments/analysis.ts';
import type { PreviousMeasures } from '#shared/assessments/previous-measures.ts';
import type { ScoreEntry } from '#shared/assessments/scores.ts';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import { resolveGroupings } from '#shared/catalogue/grouping-refs.ts';
import { readCatalogue } from '#shared/catalogue/read-catalogue.testutil.ts';
import {
  type PlanContent,
  type PlanIssue,
  planContentSchema,
  planMeasureSchema,
} from '#shared/plans/contract.ts';
import { fiscalYearRange } from '#shared/plans/months.ts';
import { analyse } from '../../assessments/analysis/analyse.ts';
import { narrativeTemplates } from '../../catalogue/narrative-templates.ts';
import { checkCompleteness } from './completeness.ts';
import {
  carryMeasuresForward,
  copyPlanContent,
  type IssuesFrom,
  issuesFromAnalysis,
  issueTitleOf,
} from './plan-from-analysis.ts';

/**
 * Plans made from real-shaped analyses (the catalogue's editions, the analysis as it runs): every part
 * the analysis decides is there — an urgent and a develop part where it found both, strengths kept,
 * each finding in one issue, titles without a second number — so the completeness check leaves only
 * what a person writes (measures, their steps, units, months, monitoring), each saying how to fix it.
 */
const editions: Edition[] = readCatalogue();
const edition = (year: number) => editions.find((e) => e.fiscal_year === year)!;
const entry = (
  scope: ScoreEntry['scope'],
  code: string,
  score: number | null,
  extra: Partial<ScoreEntry> = {},
): ScoreEntry => ({ scope, code, score, passed: null, reason: null, recommendation: null, ...extra });

function run(year: number, scores: ScoreEntry[], settings: Record<string, unknown>): AnalysisOutcome {
  const e = edition(year);
  return analyse({
    fiscalYear: year,
    edition: e,
    groupings: resolveGroupings(e, editions),
    scores,
    statedLevel: null,
    previous: null,
    settings: analysisSettingsSchema.parse(settings),
    templates: narrativeTemplates(),
  });
}

const BANDS = { urgentBelow: 85, developBelow: 95, strengthAtOrAbove: 100 };

/** ITA 2566 with every question: i7 and i19 urgent, e6 to develop, o12 and o34 failed, i1 at 100. */
const questions2566 = () => {
  const special: Record<string, number> = { i7: 70, i19: 80, e6: 90, o12: 0, o34: 0, i1: 100 };
  return edition(2566).questions.map((q) =>
    q.code === 'o12' || q.code === 'o34'
      ? entry('question', q.code, 0, { passed: false, reason: 'ไม่พบข้อมูลบนเว็บไซต์' })
      : entry('question', q.code, special[q.code] ?? 96),
  );
};

// Seed 003: ten indicator scores of a municipality, no question scores.
const SEED_003 = [87.89, 74.84, 81.59, 76.28, 77.88, 74.62, 79.61, 75.83, 62.2, 37.5];

const SCENARIOS: { name: string; outcome: () => AnalysisOutcome }[] = [
  {
    name: 'the 7-issue grouping (2566, every question)',
    outcome: () =>
      run(2566, questions2566(), { ...BANDS, grouping: { kind: 'catalogue', code: 'issues-7' } }),
  },
  {
    name: 'the indicator grouping (seed 003, indicators only, three bands)',
    outcome: () =>
      run(
        2564,
        SEED_003.map((v, i) => entry('indicator', String(i + 1), v)),
        { urgentBelow: 75, developBelow: 85, strengthAtOrAbove: 87 },
      ),
  },
  {
    name: 'only OIT failures (2568: indicators pass, items o1, o12, o25 failed)',
    outcome: () =>
      run(
        2568,
        [
          ...[92, 93, 94, 95, 96, 91, 92, 93, 90, 88].map((v, i) => entry('indicator', String(i + 1), v)),
          ...['o1', 'o12', 'o25'].map((c) => entry('question', c, 0, { passed: false, reason: 'ข้อมูลไม่ครบ' })),
          ...['o2', 'o3'].map((c) => entry('question', c, 100, { passed: true })),
        ],
        { urgentBelow: 85 },
      ),
  },
  {
    name: 'urgent, develop and strength in one indicator (2566, indicator 1)',
    outcome: () =>
      run(
        2566,
        [
          entry('indicator', '1', 86),
          entry('question', 'i1', 70),
          entry('question', 'i2', 90),
          entry('question', 'i3', 100),
          entry('question', 'i4', 88),
        ],
        BANDS,
      ),
  },
];

const REQUIRED_PARTS = edition(2566).measures_document_required_parts_th!.parts;

function completeness(outcome: AnalysisOutcome, issues: PlanIssue[], extra: Partial<PlanContent> = {}) {
  const findings = outcome.groups.flatMap((g) => g.findings);
  const urgent = new Map(
    findings
      .filter((f) => f.kind === 'urgent')
      .map((f) => [f.key, { key: f.key, code: f.code, label: f.label_th ?? f.displayCode }]),
  );
  return checkCompleteness({
    content: planContentSchema.parse({ title: 'แผน', issues, ...extra }),
    fiscalYear: outcome.fiscalYear + 1,
    urgentFindings: [...urgent.values()],
    developFindings: new Set(findings.filter((f) => f.kind === 'develop').map((f) => f.key)).size,
    hasAnalysis: true,
    requiredParts: REQUIRED_PARTS,
  });
}

const ids = () => {
  let n = 0;
  return () => `id-${++n}`;
};

/** What a person writes: one complete measure per issue (over the plan's fiscal year), and the monitoring. */
const written = (issues: PlanIssue[], fiscalYear: number): PlanIssue[] =>
  issues.map((issue, i) => ({
    ...issue,
    measures: [
      planMeasureSchema.parse({
        id: `m${i}`,
        title: `มาตรการ ${i + 1}`,
        steps: [{ id: `m${i}-s1`, text: 'จัดทำแนวทางและเผยแพร่' }],
        responsible: { unitIds: [], external: ['สำนักงานปลัด'] },
        timeframe: fiscalYearRange(fiscalYear),
      }),
    ],
  }));

describe('a plan made from an analysis', () => {
  for (const scenario of SCENARIOS) {
    for (const mode of ['groups', 'findings', 'merged'] as IssuesFrom[]) {
      it(`${scenario.name}, ${mode}: only what a person writes is missing`, () => {
        const outcome = scenario.outcome();
        const findings = outcome.groups.flatMap((g) => g.findings);
        expect(findings.length).toBeGreaterThan(0);
        const issues = issuesFromAnalysis(outcome, mode, ids());

        // Every finding is in exactly one issue, with its code; each issue's stance is its findings' kind.
        const keys = issues.flatMap((i) => i.findingKeys);
        expect(new Set(keys).size).toBe(keys.length);
        expect(new Set(keys)).toEqual(new Set(findings.map((f) => f.key)));
        for (const issue of issues) {
          const own = findings.filter((f) => issue.findingKeys.includes(f.key));
          const stance = { urgent: 'urgent', develop: 'develop', strength: 'keep' } as const;
          expect(new Set(own.map((f) => stance[f.kind]))).toEqual(new Set([issue.stance]));
          expect(new Set(issue.codes)).toEqual(new Set(own.map((f) => f.code)));
          expect(issue.description.split('\n')).toHaveLength(own.length);
          // The plan numbers its issues; a title never carries the grouping's own number again.
          expect(issue.title).not.toMatch(/^ประเด็นที่\s*\d/);
        }
        expect(new Set(issues.map((i) => i.title)).size).toBe(issues.length);

        const failures = completeness(outcome, issues);
        expect(new Set(failures.map((f) => f.code))).toEqual(
          new Set(['issue_without_measure', 'part_monitoring']),
        );
        expect(failures.filter((f) => f.code === 'issue_without_measure')).toHaveLength(issues.length);
        // Each says how to fix it, in both languages, naming the field as the editor labels it.
        for (const f of failures) {
          expect(f.message_th).toMatch(/: (เพิ่ม|เขียน)/);
          expect(f.message_en).toMatch(/: (add|write)/);
        }
        // Once a person has written the measures and the monitoring, nothing is missing.
        expect(
          completeness(outcome, written(issues, outcome.fiscalYear + 1), {
            monitoringSection: 'รายงานผลทุก ๖ เดือน',
          }),
        ).toEqual([]);
      });
    }
  }

  it('the 7-issue grouping: group names without their number, one issue per stance of a group', () => {
    const outcome = SCENARIOS[0]!.outcome();
    const issues = issuesFromAnalysis(outcome, 'groups', ids());
    expect(issues.map((i) => [i.title, i.stance])).toContainEqual([
      'กระบวนการสร้างความโปร่งใสในการใช้งบประมาณและการจัดซื้อจัดจ้าง (แก้ไขโดยเร่งด่วน)',
      'urgent',
    ]);
    expect(issues.some((i) => i.title === 'ช่องทางและรูปแบบการประชาสัมพันธ์เผยแพร่ข้อมูลข่าวสารภาครัฐ')).toBe(true);
    // i1 (100) is a strength in two of the 7 issues: one "keep" issue has it.
    expect(issues.filter((i) => i.codes.includes('i1')).map((i) => i.stance)).toEqual(['keep']);
    expect(issues.find((i) => i.codes.includes('i1'))!.title).toMatch(/\(รักษามาตรฐาน\)$/);
  });

  it('the indicator grouping keeps "ตัวชี้วัดที่ N", and one issue per finding goes by indicator', () => {
    const outcome = SCENARIOS[1]!.outcome();
    const issues = issuesFromAnalysis(outcome, 'groups', ids());
    expect(issues.map((i) => [i.title, i.stance])).toEqual([
      ['ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ (รักษามาตรฐาน)', 'keep'],
      ['ตัวชี้วัดที่ 2 การใช้งบประมาณ', 'urgent'],
      ['ตัวชี้วัดที่ 3 การใช้อำนาจ', 'develop'],
      ['ตัวชี้วัดที่ 4 การใช้ทรัพย์สินของราชการ', 'develop'],
      ['ตัวชี้วัดที่ 5 การแก้ไขปัญหาการทุจริต', 'develop'],
      ['ตัวชี้วัดที่ 6 คุณภาพการดำเนินงาน', 'urgent'],
      ['ตัวชี้วัดที่ 7 ประสิทธิภาพการสื่อสาร', 'develop'],
      ['ตัวชี้วัดที่ 8 การปรับปรุงการทำงาน', 'develop'],
      ['ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล', 'urgent'],
      ['ตัวชี้วัดที่ 10 การป้องกันการทุจริต', 'urgent'],
    ]);
    expect(issuesFromAnalysis(outcome, 'findings', ids()).map((i) => i.title)).toEqual(
      issues.map((i) => i.title.replace(' (รักษามาตรฐาน)', '')),
    );
  });

  it('only OIT failures: one urgent issue of the failed items, titled by indicator, no develop part asked', () => {
    const outcome = SCENARIOS[2]!.outcome();
    const issues = issuesFromAnalysis(outcome, 'groups', ids());
    expect(issues.every((i) => i.stance === 'urgent')).toBe(true);
    expect(issues.flatMap((i) => i.codes).sort()).toEqual(['o1', 'o12', 'o25']);
    expect(completeness(outcome, issues).some((f) => f.code === 'part_develop')).toBe(false);
  });

  it('urgent, develop and strength under one indicator make three issues (no develop finding in an urgent issue)', () => {
    const outcome = SCENARIOS[3]!.outcome();
    const issues = issuesFromAnalysis(outcome, 'groups', ids());
    expect(issues.map((i) => [i.title, i.stance, i.codes])).toEqual([
      ['ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ (แก้ไขโดยเร่งด่วน)', 'urgent', ['i1']],
      ['ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ (พัฒนาให้ดีขึ้น)', 'develop', expect.arrayContaining(['i2', 'i4'])],
      ['ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ (รักษามาตรฐาน)', 'keep', ['i3']],
    ]);
    const merged = issuesFromAnalysis(outcome, 'merged', ids());
    expect(merged.map((i) => i.stance)).toEqual(['urgent', 'develop', 'keep']);
  });

  it('an analysis stored before findings were listed once: a finding in several groups is in one issue', () => {
    const outcome = SCENARIOS[0]!.outcome();
    // As older analyses stored it: o12 in issues 1 and 5, no alsoIn/parentKey.
    const o12 = outcome.groups.flatMap((g) => g.findings).find((f) => f.code === 'o12')!;
    const old = structuredClone(outcome);
    for (const g of old.groups) {
      for (const f of g.findings as Record<string, unknown>[]) {
        delete f.alsoIn;
        delete f.parentKey;
      }
      if (!g.findings.some((f) => f.key === o12.key) && /^issues-7:[15]$/.test(g.key)) g.findings.push(o12);
    }
    expect(old.groups.filter((g) => g.findings.some((f) => f.key === o12.key)).length).toBe(2);
    const issues = issuesFromAnalysis(old, 'groups', ids());
    expect(issues.filter((i) => i.findingKeys.includes(o12.key))).toHaveLength(1);
  });

  it('one issue per finding puts a question under its indicator finding of the same stance', () => {
    const outcome = run(
      2566,
      [
        entry('indicator', '4', 70),
        entry('question', 'i19', 60),
        entry('question', 'i20', 80),
        entry('question', 'i21', 90),
      ],
      BANDS,
    );
    const findings = outcome.groups.flatMap(
      (g) => g.findings,
    ) as (AnalysisOutcome['groups'][number]['findings'][number] & {
      parentKey?: string | null;
    })[];
    // The analysis says i19/i20 stand under indicator 4 (parentKey); without it each is its own issue.
    const nested = findings.filter((f) => f.parentKey === 'indicator:4').map((f) => f.code);
    const issues = issuesFromAnalysis(outcome, 'findings', ids());
    const indicatorIssue = issues.find((i) => i.findingKeys.includes('indicator:4'))!;
    expect(indicatorIssue.title).toBe('ตัวชี้วัดที่ 4 การใช้ทรัพย์สินของราชการ');
    expect(indicatorIssue.codes.sort()).toEqual(
      ['4', ...nested.filter((c) => findings.find((f) => f.code === c)!.kind === 'urgent')].sort(),
    );
    // i21 (90) is to develop: its own issue, titled with its wording.
    const develop = issues.find((i) => i.codes.includes('i21'))!;
    expect(develop.stance).toBe('develop');
    expect(develop.title.startsWith('i21 ')).toBe(true);
  });

  it('an issue title is the group’s own name', () => {
    expect(issueTitleOf('ประเด็นที่ 3 ช่องทางและรูปแบบการประชาสัมพันธ์')).toBe('ช่องทางและรูปแบบการประชาสัมพันธ์');
    expect(issueTitleOf('ประเด็นที่ ๓ ช่องทาง')).toBe('ช่องทาง');
    expect(issueTitleOf('Issue 3 Channels')).toBe('Channels');
    expect(issueTitleOf('ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล')).toBe('ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล');
    expect(issueTitleOf('ประเด็นที่ 2')).toBe('ประเด็นที่ 2');
  });
});

describe('completeness messages', () => {
  it('an urgent finding no issue carries is said once, with how to fix it; one in an issue without a measure is that issue’s', () => {
    const outcome = SCENARIOS[0]!.outcome();
    const issues = issuesFromAnalysis(outcome, 'groups', ids());
    const i7 = issues.findIndex((i) => i.codes.includes('i7'));
    const without = issues.filter((_, k) => k !== i7);
    const failures = completeness(outcome, without);
    const unanswered = failures.filter((f) => f.code === 'urgent_finding_unanswered');
    expect(unanswered).toHaveLength(1);
    expect(unanswered[0]!.message_th).toContain('เพิ่มรหัส i7 ที่ "รหัสข้อคำถาม/ตัวชี้วัดของประเด็น"');
    expect(unanswered[0]!.message_en).toMatch(/^Urgent weak point i7 "/);
    // With the i7 issue back (still without a measure) the issue's own "no measure" says it.
    expect(completeness(outcome, issues).some((f) => f.code === 'urgent_finding_unanswered')).toBe(false);
  });

  it('a plan whose develop finding sits in an urgent issue is told which field to change', () => {
    const outcome = SCENARIOS[3]!.outcome();
    const issues = issuesFromAnalysis(outcome, 'groups', ids()).map((i) => ({
      ...i,
      stance: i.stance === 'develop' ? ('urgent' as const) : i.stance,
    }));
    const develop = completeness(outcome, issues).find((f) => f.code === 'part_develop')!;
    expect(develop.message_th).toContain('ให้เลือก "ลักษณะของประเด็น"');
    expect(develop.message_en).toContain('set the "Kind of issue"');
  });

  it('a question without wording is named by its code alone, not quoted twice', () => {
    const failures = checkCompleteness({
      content: planContentSchema.parse({ title: 'แผน', monitoringSection: 'x' }),
      fiscalYear: 2570,
      urgentFindings: [{ key: 'question:e11', code: 'e11', label: 'e11' }],
      developFindings: 0,
      hasAnalysis: true,
      requiredParts: [],
    });
    const message = failures.find((f) => f.code === 'urgent_finding_unanswered')!.message_th;
    expect(message).toContain('จุดอ่อนเร่งด่วน e11 ยังไม่อยู่ในประเด็นใด');
    expect(message).not.toContain('"e11"');
  });
});

describe('carrying last year’s measures forward', () => {
  const lastYear: PlanContent = planContentSchema.parse({
    title: 'แผน 2569',
    issues: [
      {
        id: 'old-1',
        title: 'การใช้งบประมาณ',
        codes: ['i7'],
        measures: [
          {
            id: 'old-m1',
            title: 'เผยแพร่แผนการใช้จ่ายงบประมาณ',
            steps: [{ id: 'old-s1', text: 'ประกาศแผน', timeframe: { start: '2568-11', end: '2568-12' } }],
            responsible: { unitIds: [], external: ['กองคลัง'] },
            timeframe: { start: '2568-10', end: '2569-09' },
            codes: ['i7'],
          },
          { id: 'old-m2', title: 'อบรมเจ้าหน้าที่การเงิน', codes: ['i7'] },
        ],
      },
      {
        id: 'old-2',
        title: 'การเปิดเผยข้อมูล',
        codes: ['9'],
        measures: [{ id: 'old-m3', title: 'ปรับปรุงเว็บไซต์', timeframe: { start: '2568-10', end: '2569-03' } }],
      },
    ],
  });
  const previous: PreviousMeasures = {
    planId: '00000000-0000-4000-8000-000000000001',
    planFiscalYear: 2569,
    planTitle: 'แผน 2569',
    lastRound: { label_th: 'รอบ 12 เดือน (ต.ค. 68 – ก.ย. 69)', label_en: '12-month round' },
    rows: [
      {
        scope: 'question',
        code: 'i7',
        label_th: null,
        measures: [
          { measureId: 'old-m1', number: '(1.1)', title: 'เผยแพร่แผน', progress: 'in_progress', percent: 60 },
          { measureId: 'old-m2', number: '(1.2)', title: 'อบรม', progress: null, percent: null },
        ],
        previous: 70,
        current: 72,
        change: 2,
      },
      {
        scope: 'indicator',
        code: '9',
        label_th: 'การเปิดเผยข้อมูล',
        measures: [
          { measureId: 'old-m3', number: '(2.1)', title: 'ปรับปรุงเว็บไซต์', progress: 'done', percent: 100 },
        ],
        previous: 60,
        current: 90,
        change: 30,
      },
    ],
  };

  it('copies the measures that answered a still-weak finding into its issue, months moved, status noted', () => {
    const issues: PlanIssue[] = [
      {
        id: 'n1',
        title: 'งบประมาณ',
        stance: 'urgent',
        description: '',
        points: [],
        findingKeys: ['question:i7'],
        codes: ['i7'],
        measures: [],
      },
      {
        id: 'n2',
        title: 'เว็บไซต์',
        stance: 'keep',
        description: '',
        points: [],
        findingKeys: ['indicator:9'],
        codes: ['9'],
        measures: [],
      },
    ];
    const out = carryMeasuresForward(issues, { previous, content: lastYear, fiscalYear: 2570 }, ids());
    const carried = out[0]!.measures;
    expect(carried.map((m) => m.title)).toEqual(['เผยแพร่แผนการใช้จ่ายงบประมาณ', 'อบรมเจ้าหน้าที่การเงิน']);
    expect(carried[0]).toMatchObject({
      timeframe: { start: '2569-10', end: '2570-09' },
      steps: [{ text: 'ประกาศแผน', timeframe: { start: '2569-11', end: '2569-12' } }],
      responsible: { external: ['กองคลัง'] },
      codes: ['i7'],
      carriedFrom: {
        planId: previous.planId,
        fiscalYear: 2569,
        number: '(1.1)',
        progress: 'in_progress',
        percent: 60,
        roundLabel_th: 'รอบ 12 เดือน (ต.ค. 68 – ก.ย. 69)',
      },
    });
    expect(carried[1]!.carriedFrom).toMatchObject({ number: '(1.2)', progress: null, roundLabel_th: null });
    // New ids everywhere; the strength (indicator 9 now passes and is kept) carries nothing.
    expect(carried.map((m) => m.id)).not.toContain('old-m1');
    expect(carried[0]!.steps[0]!.id).not.toBe('old-s1');
    expect(out[1]!.measures).toEqual([]);
    // The result is a valid plan.
    expect(planContentSchema.safeParse({ title: 'x', issues: out }).success).toBe(true);
  });

  it('copies a measure once, into the first issue whose finding it answered', () => {
    const issues: PlanIssue[] = ['a', 'b'].map((id) => ({
      id,
      title: id,
      stance: 'develop' as const,
      description: '',
      points: [],
      findingKeys: ['question:i7'],
      codes: ['i7'],
      measures: [],
    }));
    const out = carryMeasuresForward(issues, { previous, content: lastYear, fiscalYear: 2570 }, ids());
    expect(out.map((i) => i.measures.length)).toEqual([2, 0]);
  });

  it('a copy of last year’s plan leaves an older carried note behind', () => {
    const withNote = structuredClone(lastYear);
    withNote.issues[0]!.measures[0]!.carriedFrom = {
      planId: previous.planId,
      fiscalYear: 2568,
      number: '(1.1)',
      progress: 'done',
      percent: 100,
      roundLabel_th: null,
    };
    const copy = copyPlanContent(withNote, ids());
    expect(copy.issues[0]!.measures[0]!.carriedFrom).toBeUndefined();
    expect(copy.issues[0]!.measures[0]!.timeframe).toEqual({ start: '2569-10', end: '2570-09' });
  });
});
