import { describe, expect, it } from 'vitest';
import { minimalEdition, toYaml } from './edition.fixture.ts';
import type { EditionInput } from './edition.schema.ts';
import { checkLevelRanges, type LevelRange, levelMaxTotals } from './level.rules.ts';
import { parseEdition } from './parse-edition.ts';

const errorsOf = (edition: EditionInput) => {
  const result = parseEdition(toYaml(edition));
  return result.ok ? [] : result.errors;
};

const words = (): EditionInput['levels'] => ({
  scheme: 'words',
  levels: [
    {
      code: 'excellent',
      name_th: 'ผ่านดีเยี่ยม',
      name_en: 'Excellent',
      min_total: 95,
      min_each_instrument: 95,
      confidence: 'low',
    },
    {
      code: 'good',
      name_th: 'ผ่านดี',
      name_en: 'Good',
      min_total: 85,
      min_each_instrument: 85,
      confidence: 'low',
    },
    { code: 'pass', name_th: 'ผ่าน', name_en: 'Pass', min_total: 85, confidence: 'low' },
    { code: 'needs', name_th: 'ต้องปรับปรุง', name_en: 'Needs improvement', min_total: 70, confidence: 'low' },
    { code: 'urgent', name_th: 'ต้องปรับปรุงโดยด่วน', name_en: 'Urgent', min_total: 0, confidence: 'low' },
  ],
  pass_threshold: { min_total: 85, confidence: 'low', source: ['S-TEST'] },
  confidence: 'low',
  source: ['S-TEST'],
});

const scoring: NonNullable<EditionInput['scoring']> = {
  instrument_score: 'mean_of_indicators',
  total: 'weighted_instruments',
  decimals: 2,
  tolerance: 0.01,
  confidence: 'medium',
  source: ['S-TEST'],
};

describe('level ranges as NACC prints them', () => {
  const bands: LevelRange[] = [
    { code: 'AA', min_total: 95 },
    { code: 'A', min_total: 85 },
    { code: 'B', min_total: 75 },
    { code: 'F', min_total: 0 },
  ];

  it('ends each total-only level one step below the next better one, a conditional level at 100', () => {
    expect(levelMaxTotals(bands, 2)).toEqual([100, 94.99, 84.99, 74.99]);
    expect(levelMaxTotals(bands, 1)).toEqual([100, 94.9, 84.9, 74.9]);
    const w = words().levels;
    expect(levelMaxTotals(w, 2)).toEqual([100, 100, 100, 84.99, 69.99]);
  });

  it('accepts ranges that tile 0–100, with or without their upper ends', () => {
    expect(
      checkLevelRanges(
        bands.map((b, i) => ({ ...b, max_total: levelMaxTotals(bands, 2)[i] })),
        2,
      ),
    ).toEqual([]);
    expect(checkLevelRanges(bands, 2)).toEqual([]);
  });

  it('finds totals left without a level', () => {
    const gap = bands.map((b) => (b.code === 'A' ? { ...b, max_total: 89.99 } : b));
    expect(checkLevelRanges(gap, 2)).toEqual([
      expect.objectContaining({
        path: 'levels.levels[1].max_total',
        message_en:
          'totals from 90.00 to 94.99 are given no level (level A ends at 89.99, level AA starts at 95)',
      }),
    ]);
    const top = bands.map((b) => (b.code === 'AA' ? { ...b, max_total: 99 } : b));
    expect(checkLevelRanges(top, 2)[0]!.message_en).toBe(
      'totals from 99.01 to 100.00 are given no level (level AA ends at 99)',
    );
  });

  it('finds totals given two levels', () => {
    const overlap = bands.map((b) => (b.code === 'B' ? { ...b, max_total: 88 } : b));
    expect(checkLevelRanges(overlap, 2)).toEqual([
      expect.objectContaining({
        path: 'levels.levels[2].max_total',
        message_en: 'totals from 85.00 to 88.00 would get two levels: A and B',
        message_th: 'คะแนนรวมตั้งแต่ 85.00 ถึง 88.00 ได้สองระดับ คือ A และ B',
      }),
    ]);
  });

  it('refuses an upper end below the lower one, and a conditional level that stops short of 100', () => {
    expect(checkLevelRanges([{ code: 'A', min_total: 85, max_total: 80 }], 2)[0]!.message_en).toMatch(
      /ends at 80, below its lowest total 85/,
    );
    const short = words().levels.map((l) => ({
      ...l,
      max_total: l.code === 'excellent' ? 99.99 : undefined,
    }));
    expect(checkLevelRanges(short, 2)[0]!.message_en).toMatch(
      /per-instrument condition, so it covers every total from 95 to 100/,
    );
  });
});

describe('level rules the edition file now checks', () => {
  it('finds a conditional level that an earlier total-only level always takes (weighted total)', () => {
    const edition = minimalEdition();
    edition.scoring = scoring;
    const levels = words();
    // ผ่าน (85+) listed before ผ่านดี (every instrument 85+, so the total is 85+ too).
    levels.levels = [levels.levels[0]!, levels.levels[2]!, levels.levels[1]!, ...levels.levels.slice(3)];
    edition.levels = levels;
    expect(errorsOf(edition)).toContainEqual(
      expect.objectContaining({
        path: 'levels.levels[2].min_each_instrument',
        message_en:
          'level good can never be reached: every instrument at 85 or more makes the total at least 85, which level pass (total 85 or more) already takes',
      }),
    );
    // Without the weighted rule the total need not follow the instruments: nothing to say.
    delete edition.scoring;
    expect(errorsOf(edition).filter((e) => e.path.endsWith('min_each_instrument'))).toEqual([]);
  });

  it('accepts the word levels in their order', () => {
    const edition = minimalEdition();
    edition.scoring = scoring;
    edition.levels = words();
    expect(errorsOf(edition)).toEqual([]);
  });

  it('refuses two levels with one Thai name', () => {
    const edition = minimalEdition();
    edition.levels!.levels[1]!.name_th = 'AA';
    expect(errorsOf(edition)).toEqual([
      expect.objectContaining({
        path: 'levels.levels[1].name_th',
        message_en: 'levels AA and A have the same name AA',
      }),
    ]);
  });
});

describe('Thai fields hold Thai', () => {
  it('refuses English sentences in text_th, name_th and list fields', () => {
    const edition = minimalEdition();
    edition.questions[0]!.text_th = 'Do officials treat you fairly?';
    edition.indicators[0]!.name_th_variants = ['การปฏิบัติหน้าที่', 'Performance of duties overall'];
    expect(errorsOf(edition).map((e) => [e.path, e.message_en])).toEqual([
      [
        'indicators[0].name_th_variants[1]',
        'a Thai field holds text with no Thai: "Performance of duties overall"',
      ],
      ['questions[0].text_th', 'a Thai field holds text with no Thai: "Do officials treat you fairly?"'],
    ]);
  });

  it('accepts the short Latin names NACC uses as Thai wording, and mixed text', () => {
    const edition = minimalEdition();
    edition.questions[2]!.text_th = 'E-Service';
    edition.questions[0]!.text_th = 'Social Network';
    edition.indicators[0]!.name_th = 'ระบบ e-Service ของหน่วยงาน online';
    expect(errorsOf(edition)).toEqual([]);
  });
});
