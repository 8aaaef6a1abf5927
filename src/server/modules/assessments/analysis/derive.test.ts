import { describe, expect, it } from 'vitest';
import type { ScoreEntry } from '#shared/assessments/scores.ts';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import { readCatalogue } from '#shared/catalogue/read-catalogue.testutil.ts';
import { deriveFigures } from './derive.ts';
import { ScoreIndex } from './score-index.ts';

const editions: Edition[] = readCatalogue();
const edition = (year: number) => editions.find((e) => e.fiscal_year === year)!;
const entry = (scope: ScoreEntry['scope'], code: string, score: number | null): ScoreEntry => ({
  scope,
  code,
  score,
  passed: null,
  reason: null,
  recommendation: null,
});
const indicators = (values: (number | null)[]) =>
  values.flatMap((v, i) => (v === null ? [] : [entry('indicator', String(i + 1), v)]));
const derive = (year: number, scores: ScoreEntry[]) =>
  deriveFigures(edition(year), new ScoreIndex(edition(year), scores));
const levelName = (year: number, code: string | null) =>
  edition(year).levels.levels.find((l) => l.code === code)?.name_th ?? null;

// IIT 90, 80, 85, 95, 100 → 90.00; EIT 88, 92, 90 → 90.00; OIT 80, 70 → 75.00;
// total 0.3 × 90 + 0.3 × 90 + 0.4 × 75 = 84.00 (worked by hand).
const MUNICIPALITY = [90, 80, 85, 95, 100, 88, 92, 90, 80, 70];

describe('figures derived by the edition rule', () => {
  it('derives instrument scores, the total and the level from indicator scores only', () => {
    const f = derive(2567, indicators(MUNICIPALITY));
    expect(f.instruments.map((i) => [i.code, i.stated, i.derived, i.value])).toEqual([
      ['IIT', null, 90, 90],
      ['EIT', null, 90, 90],
      ['OIT', null, 75, 75],
    ]);
    expect(f.total).toMatchObject({ stated: null, derived: 84, value: 84, differs: false, missing: null });
    expect(levelName(2567, f.level.computed)).toBe('ต้องปรับปรุง');
    expect(f.level.reason).toBeNull();
  });

  it('keeps a stated total within rounding, and flags one that contradicts the indicators', () => {
    const near = derive(2567, [...indicators(MUNICIPALITY), entry('total', 'ITA', 84.01)]);
    expect(near.total).toMatchObject({ stated: 84.01, derived: 84, value: 84.01, differs: false });
    const far = derive(2567, [...indicators(MUNICIPALITY), entry('total', 'ITA', 86.52)]);
    expect(far.total).toMatchObject({
      stated: 86.52,
      derived: 84,
      value: 86.52,
      differs: true,
      difference: 2.52,
    });
    // The level follows the figure used (the stated one): 86.52 with every instrument ≥ 85 but OIT 75.
    expect(levelName(2567, far.level.computed)).toBe('ผ่าน');
  });

  it('derives the total from stated instrument scores when they are given', () => {
    const f = derive(2566, [
      entry('instrument', 'IIT', 99),
      entry('instrument', 'EIT', 94),
      entry('instrument', 'OIT', 100),
      entry('total', 'ITA', 97.9),
    ]);
    expect(f.total).toMatchObject({ stated: 97.9, derived: 97.9, differs: false });
    // 2566: a total of 97.90 is ผ่านดี, not ผ่านดีเยี่ยม, because EIT is below 95.
    expect(levelName(2566, f.level.computed)).toBe('ผ่านดี');
  });

  it('says which indicator is missing when an instrument cannot be derived', () => {
    const values: (number | null)[] = [...MUNICIPALITY];
    values[6] = null;
    const f = derive(2567, indicators(values));
    const eit = f.instruments.find((i) => i.code === 'EIT')!;
    expect(eit.derived).toBeNull();
    expect(eit.missing).toEqual({ th: 'ไม่มีคะแนนตัวชี้วัดที่ 7', en: 'no score for indicator 7' });
    expect(f.total.value).toBeNull();
    expect(f.total.missing!.th).toBe('ไม่มีคะแนนแบบ EIT (EIT: ไม่มีคะแนนตัวชี้วัดที่ 7)');
    expect(f.level.reason).toEqual(f.total.missing);
  });

  it('says that an edition without weights gives no total, but still derives the instruments', () => {
    const f = derive(2569, indicators(MUNICIPALITY));
    expect(f.instruments.map((i) => i.derived)).toEqual([90, 90, 75]);
    expect(f.total.value).toBeNull();
    expect(f.total.missing!.th).toBe('กรอบการประเมินปี 2569 ไม่ได้กำหนดน้ำหนักของแบบ IIT, EIT และ OIT');
    // a stated total still gives a level
    const stated = derive(2569, [...indicators(MUNICIPALITY), entry('total', 'ITA', 84)]);
    expect(stated.total).toMatchObject({ value: 84, derived: null });
    expect(stated.level.computed).not.toBeNull();
  });

  it('names the instrument a word level needs when only the total is given', () => {
    const f = derive(2567, [entry('total', 'ITA', 96.1), entry('instrument', 'IIT', 97)]);
    expect(f.level.computed).toBeNull();
    expect(f.level.reason!.th).toBe('เกณฑ์ระดับผลของปี 2567 ใช้คะแนนของทุกแบบวัด แต่ไม่มีคะแนนแบบ EIT และ OIT');
  });
});
