import { describe, expect, it } from 'vitest';
import { analysisSettingsSchema } from '#shared/assessments/analysis.ts';
import type { ScoreEntry } from '#shared/assessments/scores.ts';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import { resolveGroupings } from '#shared/catalogue/grouping-refs.ts';
import { readCatalogue } from '#shared/catalogue/read-catalogue.testutil.ts';
import { narrativeTemplates } from '../../catalogue/narrative-templates.ts';
import { analyse } from './analyse.ts';

const editions: Edition[] = readCatalogue();
const edition = (year: number) => editions.find((e) => e.fiscal_year === year)!;
const score = (
  scope: ScoreEntry['scope'],
  code: string,
  value: number | null,
  extra: Partial<ScoreEntry> = {},
): ScoreEntry => ({
  scope,
  code,
  score: value,
  passed: null,
  reason: null,
  recommendation: null,
  ...extra,
});
const settings = (s: Record<string, unknown> = {}) => analysisSettingsSchema.parse(s);

function run(
  year: number,
  scores: ScoreEntry[],
  s = settings(),
  previous: Parameters<typeof analyse>[0]['previous'] = null,
) {
  const e = edition(year);
  return analyse({
    fiscalYear: year,
    edition: e,
    groupings: resolveGroupings(e, editions),
    scores,
    statedLevel: null,
    previous,
    settings: s,
    templates: narrativeTemplates(),
  });
}

// Seed 003 §1: Surat Thani city municipality, ITA 2563, ten indicator scores (printed in Thai digits).
const SEED_003 = [87.89, 74.84, 81.59, 76.28, 77.88, 74.62, 79.61, 75.83, 62.2, 37.5];

describe('analysis', () => {
  it('reproduces the per-indicator table of seed 003 from its ten indicator scores', () => {
    const outcome = run(
      2564,
      SEED_003.map((v, i) => score('indicator', String(i + 1), v)),
    );
    expect(outcome.judged).toBe('indicators');
    expect(outcome.indicators.map((i) => [i.instrument, i.name_th, i.score])).toEqual([
      ['IIT', 'การปฏิบัติหน้าที่', 87.89],
      ['IIT', 'การใช้งบประมาณ', 74.84],
      ['IIT', 'การใช้อำนาจ', 81.59],
      ['IIT', 'การใช้ทรัพย์สินของราชการ', 76.28],
      ['IIT', 'การแก้ไขปัญหาการทุจริต', 77.88],
      ['EIT', 'คุณภาพการดำเนินงาน', 74.62],
      ['EIT', 'ประสิทธิภาพการสื่อสาร', 79.61],
      ['EIT', 'การปรับปรุงการทำงาน', 75.83],
      ['OIT', 'การเปิดเผยข้อมูล', 62.2],
      ['OIT', 'การป้องกันการทุจริต', 37.5],
    ]);
    expect(outcome.indicators.filter((i) => i.status === 'urgent').map((i) => i.number)).toEqual([
      2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    expect(
      outcome.indicatorExtremes.map((x) => [
        x.instrument,
        x.lowest.map((i) => i.number),
        x.highest.map((i) => i.number),
      ]),
    ).toEqual([
      ['IIT', [2], [1]],
      ['EIT', [6], [7]],
      ['OIT', [10], [9]],
    ]);
    const urgent10 = outcome.groups.find((g) => g.key === 'indicator:10')!.findings[0]!;
    expect(urgent10.draftNarrative_th).toContain('37.50');
    expect(urgent10.draftNarrative_th).toContain('85.00');
    expect(urgent10.draftNarrative_th).toContain('การป้องกันการทุจริต');
  });

  it('lists, under each of the 7 issues, exactly the questions below the threshold', () => {
    const weak = new Set(['i7', 'i19', 'e6', 'o12', 'o34']);
    const scores = edition(2566).questions.map((q) => score('question', q.code, weak.has(q.code) ? 70 : 96));
    const outcome = run(
      2566,
      scores,
      settings({ urgentBelow: 95, grouping: { kind: 'catalogue', code: 'issues-7' } }),
    );
    const codesOf = (no: number) =>
      outcome.groups
        .find((g) => g.key === `issues-7:${no}`)!
        .findings.map((f) => f.code)
        .sort();
    // Each weak question once, in the first issue it belongs to, the others named in alsoIn; the
    // indicators their scores pull under 95 (derived as the mean of their questions) are findings too,
    // each with its weak questions right under it.
    expect(codesOf(1)).toEqual(['o12']);
    expect(codesOf(2)).toEqual([]);
    expect(codesOf(3)).toEqual(['7', 'e6']);
    expect(codesOf(4)).toEqual(['4', 'i19', 'o34']);
    expect(codesOf(5)).toEqual(['2', 'i7']);
    expect(codesOf(7)).toEqual([]);
    const all = outcome.groups.flatMap((g) => g.findings);
    expect(new Set(all.map((f) => f.key)).size).toBe(all.length);
    expect(all.find((f) => f.code === 'o12')!.alsoIn).toEqual(['issues-7:5']);
    expect(all.find((f) => f.code === 'o34')!.alsoIn).toEqual(['issues-7:7']);
    const group3 = outcome.groups.find((g) => g.key === 'issues-7:3')!.findings;
    expect(group3.map((f) => [f.scope, f.code, f.parentKey])).toEqual([
      ['indicator', '7', null],
      ['question', 'e6', 'indicator:7'],
    ]);
    expect(all.filter((f) => f.scope === 'question').every((f) => weak.has(f.code))).toBe(true);
    // at 85 the same scores give the same weak points; at 60 none
    expect(run(2566, scores, settings({ urgentBelow: 60 })).groups.flatMap((g) => g.findings)).toEqual([]);
  });

  it('separates urgent, develop and strength bands and supports bottom/top N', () => {
    const scores = [
      score('indicator', '1', 80),
      score('indicator', '2', 90),
      score('indicator', '3', 100),
      score('indicator', '4', 95),
    ];
    const banded = run(
      2566,
      scores,
      settings({ judge: 'indicators', urgentBelow: 85, developBelow: 95, strengthAtOrAbove: 100 }),
    );
    const kinds = Object.fromEntries(banded.indicators.map((i) => [i.number, i.status]));
    expect(kinds).toMatchObject({ 1: 'urgent', 2: 'develop', 3: 'strength', 4: 'ok' });
    const ranked = run(2566, scores, settings({ judge: 'indicators', urgentBottomN: 2, strengthTopN: 1 }));
    const byRank = Object.fromEntries(ranked.indicators.map((i) => [i.number, i.status]));
    expect(byRank).toMatchObject({ 1: 'urgent', 2: 'urgent', 3: 'strength', 4: 'ok' });
  });

  it('computes the level and shows a mismatch with the stated one', () => {
    const scores = [
      score('total', 'ITA', 96.52),
      score('instrument', 'IIT', 97),
      score('instrument', 'EIT', 91),
      score('instrument', 'OIT', 99),
    ];
    const e = edition(2566);
    const outcome = analyse({
      fiscalYear: 2566,
      edition: e,
      groupings: [],
      scores,
      statedLevel: 'ผ่านดีเยี่ยม',
      previous: null,
      settings: settings(),
      templates: narrativeTemplates(),
    });
    expect(outcome.level.computedName_th).toBe('ผ่านดี');
    expect(outcome.level.mismatch).toBe(true);
    expect(outcome.warnings[0]!.message_th).toContain('ผ่านดีเยี่ยม');
  });

  it('lists failed OIT items with the assessor’s reason and NACC’s recommendation', () => {
    const outcome = run(2566, [
      score('question', 'o14', null, {
        passed: false,
        reason: 'ไม่ครบองค์ประกอบตามที่กำหนด',
        recommendation: 'ควรเผยแพร่คู่มือ',
      }),
      score('question', 'o15', null, { passed: true }),
    ]);
    expect(outcome.failedOitItems).toEqual([
      expect.objectContaining({ code: 'o14', reason: 'ไม่ครบองค์ประกอบตามที่กำหนด' }),
    ]);
    const finding = outcome.groups.flatMap((g) => g.findings).find((f) => f.code === 'o14')!;
    expect(finding.recommendations).toEqual(['ควรเผยแพร่คู่มือ']);
    expect(finding.draftNarrative_th).toContain('ไม่ครบองค์ประกอบ');
  });

  it('compares with the previous year, and says when a question has no mapping across editions', () => {
    const previous = {
      fiscalYear: 2565,
      edition: edition(2565),
      scores: [score('indicator', '1', 80), score('question', 'o1', 100)],
    };
    const outcome = run(
      2566,
      [score('indicator', '1', 90), score('question', 'o1', 0), score('question', 'o10', 0)],
      settings(),
      previous,
    );
    const ind1 = outcome.indicators.find((i) => i.number === 1)!;
    expect(ind1.yoy).toMatchObject({ previous: 80, change: 10, matchedBy: 'indicator_number' });
    const rows = Object.fromEntries(
      outcome.yoy!.rows.filter((r) => r.scope === 'question').map((r) => [r.code, r.yoy]),
    );
    expect(rows.o1).toMatchObject({ matchedBy: 'same_code', previous: 100, change: -100 });
    expect(rows.o10!.matchedBy).toMatch(/no_mapping|not_assessed/);
  });

  it('marks a changed number with a new numbers hash, and keeps it for the same numbers', () => {
    const a = run(2564, [score('indicator', '2', 74.84)]).groups.flatMap((g) => g.findings)[0]!;
    const b = run(2564, [score('indicator', '2', 74.84)]).groups.flatMap((g) => g.findings)[0]!;
    const c = run(2564, [score('indicator', '2', 70)]).groups.flatMap((g) => g.findings)[0]!;
    expect(a.numbersHash).toBe(b.numbersHash);
    expect(a.numbersHash).not.toBe(c.numbersHash);
  });

  it('follows the catalogue’s question mapping across renumbered editions', () => {
    const mapped: Edition = {
      ...edition(2566),
      question_mappings: [
        {
          from_fiscal_year: 2565,
          pairs: [
            { code: 'i9', from_code: 'i8', confidence: 'medium', source: ['helper'] },
            { code: 'o1', from_code: null, confidence: 'low', source: ['helper'] },
          ],
        },
      ],
    };
    const outcome = analyse({
      fiscalYear: 2566,
      edition: mapped,
      groupings: [],
      scores: [score('question', 'i9', 90), score('question', 'o1', 100)],
      statedLevel: null,
      previous: {
        fiscalYear: 2565,
        edition: edition(2565),
        scores: [score('question', 'i8', 70), score('question', 'o1', 50)],
      },
      settings: settings(),
      templates: narrativeTemplates(),
    });
    const rows = Object.fromEntries(
      outcome.yoy!.rows.filter((r) => r.scope === 'question').map((r) => [r.code, r.yoy]),
    );
    expect(rows.i9).toMatchObject({ matchedBy: 'mapping', previousCode: 'i8', previous: 70, change: 20 });
    expect(rows.o1).toMatchObject({ matchedBy: 'no_mapping', previous: null });
  });
});

describe('the default analysis hides no weak point', () => {
  it('lists every weak indicator and every failed OIT item of a result with indicator scores and OIT items', () => {
    const scores = [
      ...[90, 80, 85, 95, 100, 88, 92, 84.5, 80, 70].map((v, i) => score('indicator', String(i + 1), v)),
      score('question', 'o3', null, { passed: false, reason: 'ไม่ครบองค์ประกอบ' }),
      score('question', 'o1', null, { passed: true }),
    ];
    const outcome = run(2567, scores);
    const findings = outcome.groups.flatMap((g) => g.findings);
    expect(findings.map((f) => [f.scope, f.code, f.kind])).toEqual([
      ['indicator', '2', 'urgent'],
      ['indicator', '8', 'urgent'],
      ['indicator', '9', 'urgent'],
      ['question', 'o3', 'urgent'],
      ['indicator', '10', 'urgent'],
    ]);
    expect(findings.find((f) => f.code === 'o3')!.parentKey).toBe('indicator:9');
    expect(outcome.judged).toBe('questions');
    // the indicators an agency asks for alone
    const only = run(2567, scores, settings({ judge: 'indicators' }));
    expect(only.groups.flatMap((g) => g.findings).map((f) => f.code)).toEqual(['2', '8', '9', '10']);
  });

  it('says that a weak question stands under an indicator that passed', () => {
    const e = edition(2566);
    const scores = e.questions
      .filter((q) => q.indicator === 1)
      .map((q, i) => score('question', q.code, i === 0 ? 60 : 100));
    const outcome = run(2566, scores);
    const findings = outcome.groups.flatMap((g) => g.findings);
    const indicator1 = outcome.indicators.find((i) => i.number === 1)!;
    expect(indicator1.score).toBeGreaterThanOrEqual(85);
    expect(indicator1.derived).toBe(true);
    expect(findings).toHaveLength(1);
    const [weak] = findings;
    expect(weak).toMatchObject({ scope: 'question', parentKey: null, indicatorStatus: 'ok' });
    expect(weak!.draftNarrative_th).toContain(
      `ตัวชี้วัดที่ 1 ในภาพรวมได้คะแนน ${indicator1.score!.toFixed(2)} ผ่านเกณฑ์`,
    );
    expect(weak!.draftNarrative_en).toContain('Its indicator 1 as a whole scored');
  });

  it('never quotes a code as if it were the wording', () => {
    const e = edition(2567);
    const unworded = e.questions.find((q) => q.instrument === 'EIT' && q.text_th === null)!;
    const outcome = run(2567, [score('question', unworded.code, 40)]);
    const finding = outcome.groups.flatMap((g) => g.findings).find((f) => f.code === unworded.code)!;
    expect(finding.label_th).toBeNull();
    expect(finding.draftNarrative_th).toContain(`ข้อ ${unworded.display_code} (ตัวชี้วัดที่`);
    expect(finding.draftNarrative_th).not.toContain('"');
  });

  it('names the lowest and the highest indicator of each instrument, ties together', () => {
    const outcome = run(
      2566,
      [80, 80, 90, 95, 70, 88, 92, 88, 99, 60].map((v, i) => score('indicator', String(i + 1), v)),
    );
    expect(outcome.indicatorExtremes).toEqual([
      expect.objectContaining({
        instrument: 'IIT',
        lowest: [expect.objectContaining({ number: 5, score: 70 })],
        highest: [expect.objectContaining({ number: 4, score: 95 })],
      }),
      expect.objectContaining({
        instrument: 'EIT',
        lowest: [expect.objectContaining({ number: 6 }), expect.objectContaining({ number: 8 })],
        highest: [expect.objectContaining({ number: 7 })],
      }),
      expect.objectContaining({
        instrument: 'OIT',
        lowest: [expect.objectContaining({ number: 10 })],
        highest: [expect.objectContaining({ number: 9 })],
      }),
    ]);
  });

  it('derives the total and level, keeps the stated level official and warns of a contradicting total', () => {
    const outcome = analyse({
      fiscalYear: 2567,
      edition: edition(2567),
      groupings: [],
      scores: [
        ...[90, 80, 85, 95, 100, 88, 92, 90, 80, 70].map((v, i) => score('indicator', String(i + 1), v)),
        score('total', 'ITA', 86.52),
      ],
      statedLevel: 'ผ่านดี',
      previous: null,
      settings: settings(),
      templates: narrativeTemplates(),
    });
    expect(outcome.total).toBe(86.52);
    expect(outcome.figures.total).toMatchObject({ derived: 84, differs: true });
    expect(outcome.level).toMatchObject({
      computedName_th: 'ผ่าน',
      stated: 'ผ่านดี',
      official_th: 'ผ่านดี',
      mismatch: true,
    });
    expect(outcome.warnings.map((w) => w.message_th).join('\n')).toContain(
      'คะแนนรวมที่ระบุ (86.52) ต่างจากที่คำนวณได้ตามเกณฑ์ของกรอบการประเมิน (84.00) เกินกว่าการปัดเศษ',
    );
  });
});

describe('warnings of stated figures', () => {
  it('names the instrument whose stated score its indicators do not give, spaced as Thai is written', () => {
    const outcome = run(2566, [
      ...[90, 90, 90, 90, 90, 90, 90, 90, 90, 90].map((v, i) => score('indicator', String(i + 1), v)),
      score('instrument', 'EIT', 90.2),
    ]);
    expect(outcome.figures.instruments.find((f) => f.code === 'EIT')).toMatchObject({ differs: true });
    expect(outcome.warnings.map((w) => w.message_th)).toContain(
      'คะแนนแบบ EIT ที่ระบุ (90.20) ต่างจากที่คำนวณได้ตามเกณฑ์ของกรอบการประเมิน (90.00) เกินกว่าการปัดเศษ (±0.01) ควรตรวจสอบคะแนนที่นำเข้า',
    );
  });
});
