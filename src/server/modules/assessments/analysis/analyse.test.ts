import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analysisSettingsSchema } from '#shared/assessments/analysis.ts';
import type { ScoreEntry } from '#shared/assessments/scores.ts';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import { isEditionFile } from '#shared/catalogue/files.ts';
import { resolveGroupings } from '#shared/catalogue/grouping-refs.ts';
import { parseEdition } from '#shared/catalogue/parse-edition.ts';
import { narrativeTemplates } from '../../catalogue/narrative-templates.ts';
import { analyse } from './analyse.ts';

const editions: Edition[] = [];
for (const file of fs.readdirSync('catalogue').filter(isEditionFile).sort()) {
  const r = parseEdition(fs.readFileSync(path.join('catalogue', file), 'utf8'), { knownEditions: editions });
  if (!r.ok) throw new Error(file);
  editions.push(r.edition);
}
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
    expect(outcome.lowestIndicatorByInstrument).toEqual([
      expect.objectContaining({ instrument: 'IIT', number: 2 }),
      expect.objectContaining({ instrument: 'EIT', number: 6 }),
      expect.objectContaining({ instrument: 'OIT', number: 10 }),
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
    expect(codesOf(1)).toEqual(['o12']);
    expect(codesOf(2)).toEqual([]);
    expect(codesOf(3)).toEqual(['e6']);
    expect(codesOf(4)).toEqual(['i19', 'o34']);
    expect(codesOf(5)).toEqual(['i7', 'o12']);
    expect(codesOf(7)).toEqual(['o34']);
    expect(outcome.groups.every((g) => g.findings.every((f) => weak.has(f.code)))).toBe(true);
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
