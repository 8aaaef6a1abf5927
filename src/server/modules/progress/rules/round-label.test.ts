import { describe, expect, it } from 'vitest';
import { defaultLabel, labelEnOf } from './rounds.ts';

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

describe('a round’s label in English', () => {
  const period = { periodStart: '2025-10-01', periodEnd: '2026-03-31' };
  it('is the English of the label the app made', () => {
    const labelTh = defaultLabel('6m', 2569);
    expect(labelEnOf({ kind: '6m', labelTh, ...period }, 2569)).toBe(
      '6-month round (Oct 2568 – Mar 2569 BE)',
    );
  });
  it('is none when a person typed the label: the English UI shows what they typed', () => {
    expect(labelEnOf({ kind: '6m', labelTh: 'รอบพิเศษ ไตรมาสแรก', ...period }, 2569)).toBeNull();
  });
});
