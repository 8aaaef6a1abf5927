import { describe, expect, it } from 'vitest';
import { findUnstorableCell } from './unstorable-cell.ts';

describe('findUnstorableCell', () => {
  it('names the first cell holding a NUL, with its sheet', () => {
    const issue = findUnstorableCell(
      [
        ['code', 'score', 'reason'],
        ['i1', 80, 'ดี\u0000มาก'],
      ],
      'ข้อมูล',
    );
    expect(issue).toMatchObject({ sheet: 'ข้อมูล', cell: 'C2' });
    expect(issue?.message_en).toContain('cell C2 in sheet "ข้อมูล" holds a NUL');
    expect(issue?.message_th).toContain('เซลล์ C2');
  });

  it('names a lone surrogate, high or low, and accepts a pair (an emoji)', () => {
    expect(findUnstorableCell([[null, '\uD800x']], null)).toMatchObject({ cell: 'B1' });
    expect(findUnstorableCell([['x\uDC00']], null)?.message_en).toContain('lone UTF-16 surrogate');
    expect(findUnstorableCell([['ดีมาก 😀', 12.5, null]], 'x')).toBeNull();
  });

  it('reads every row and column (AA27)', () => {
    const rows: (string | null)[][] = Array.from({ length: 27 }, () => Array(27).fill('ok'));
    rows[26]![26] = '\u0000';
    expect(findUnstorableCell(rows, null)?.cell).toBe('AA27');
  });
});
