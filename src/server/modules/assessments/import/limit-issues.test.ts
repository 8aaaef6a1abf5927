import { describe, expect, it } from 'vitest';
import type { ImportIssue } from './interpret-rows.ts';
import { IssueCollector, issueKind } from './limit-issues.ts';

const twice = (row: number): ImportIssue => ({
  row,
  column: 'code (A)',
  message_th: `รหัส i1 ซ้ำกัน: แถว 2 และแถว ${row}`,
  message_en: `code i1 of organisation X${row} is given twice: rows 2 and ${row}`,
});
const bad = (row: number): ImportIssue => ({
  row,
  column: 'score (B)',
  message_th: `คะแนน "x${row}" ไม่ใช่ตัวเลข`,
  message_en: `score "x${row}" is not a number`,
});

describe('IssueCollector', () => {
  it('lists the first issues and counts the rest by kind', () => {
    const c = new IssueCollector(3);
    for (let r = 3; r < 100_003; r++) c.add(r % 2 ? twice(r) : bad(r));
    expect(c.total).toBe(100_000);
    const report = c.report();
    expect(report).toHaveLength(3 + 2);
    expect(report.slice(0, 3)).toEqual([twice(3), bad(4), twice(5)]);
    expect(report[4]!.message_en).toBe(`and 49,998 more like: ${twice(7).message_en} (row 7)`);
    expect(report[3]!.message_en).toBe(`and 49,999 more like: ${bad(6).message_en} (row 6)`);
    expect(report[4]!.message_th).toMatch(/^และอีก 49,998 รายการ/);
  });

  it('adds what another collector counted, and sums kinds beyond the summarised ones', () => {
    const first = new IssueCollector(0);
    for (let k = 0; k < 30; k++)
      first.add({ row: k, column: '', message_th: 'ก', message_en: `kind ${'z'.repeat(k)}` });
    const second = new IssueCollector(1);
    second.addAll([bad(2)], first.omittedKinds());
    expect(second.total).toBe(31);
    const report = second.report();
    expect(report).toHaveLength(1 + 20 + 1);
    expect(report.at(-1)!.message_en).toBe('and 10 more of other kinds');
  });

  it('gives one kind to messages that differ only in numbers, quoted values and codes', () => {
    expect(issueKind(twice(5))).toBe(issueKind(twice(90_000)));
    expect(issueKind(bad(5))).toBe(issueKind(bad(6)));
    expect(issueKind(bad(5))).not.toBe(issueKind(twice(5)));
  });
});
