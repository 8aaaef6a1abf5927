import { describe, expect, it } from 'vitest';
import { defaultLabel } from './rounds.ts';

describe('a round’s default label', () => {
  it('is written in one digit system, with the months it covers and no fiscal year', () => {
    expect(defaultLabel('6m', 2564)).toBe('รอบ 6 เดือน (ต.ค. 63 – มี.ค. 64)');
    expect(defaultLabel('12m', 2568)).toBe('รอบ 12 เดือน (ต.ค. 67 – ก.ย. 68)');
    expect(defaultLabel('monthly', 2568, { start: '2025-01-01', end: '2025-01-31' })).toBe(
      'รายงานประจำเดือน (ม.ค. 68)',
    );
    expect(defaultLabel('custom', 2568, { start: '2024-11-01', end: '2025-02-28' })).toBe(
      'รอบการรายงาน (พ.ย. 67 – ก.พ. 68)',
    );
    for (const kind of ['6m', '12m', 'monthly', 'custom']) {
      const label = defaultLabel(kind, 2568);
      expect(label, label).not.toMatch(/[๐-๙]/);
      expect(label, label).not.toContain('ปีงบประมาณ');
    }
  });
});
