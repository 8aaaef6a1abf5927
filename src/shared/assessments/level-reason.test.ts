import { describe, expect, it } from 'vitest';
import { levelReason } from './level-reason.ts';

const outcome = (scores: Record<string, number | null>, total: number | null, computed: string | null) => ({
  instruments: Object.entries(scores).map(([code, score]) => ({
    code: code as 'IIT' | 'EIT' | 'OIT',
    name_th: code,
    score,
    yoy: null,
  })),
  total,
  level: { computed, computedName_th: null, computedName_en: null, stated: null, mismatch: false },
});

describe('why the level cannot be computed', () => {
  it('names the instruments without a score, in Thai and English', () => {
    expect(levelReason(outcome({ IIT: 90, EIT: null, OIT: null }, null, null))).toEqual({
      th: 'ไม่มีคะแนนแบบ EIT และ OIT',
      en: 'no EIT and OIT score',
    });
  });

  it('names the weights the edition does not set, when known', () => {
    const o = outcome({ IIT: 90, EIT: 90, OIT: 90 }, null, null);
    expect(levelReason(o)?.th).toBe('ไม่มีคะแนนรวม');
    expect(levelReason(o, { editionFiscalYear: 2567, codes: ['IIT', 'EIT', 'OIT'] })?.th).toBe(
      'กรอบการประเมินปี 2567 ไม่ได้กำหนดน้ำหนักของแบบ IIT, EIT และ OIT',
    );
  });

  it('nothing to say when the level was computed', () => {
    expect(levelReason(outcome({ IIT: 90, EIT: null, OIT: 90 }, 90, 'good'))).toBeNull();
    expect(levelReason(outcome({ IIT: 90, EIT: 90, OIT: 90 }, 20, null))?.en).toBe(
      'the scores match no level of the edition',
    );
  });
});
