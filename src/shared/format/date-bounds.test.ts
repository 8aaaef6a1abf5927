import { describe, expect, it } from 'vitest';
import {
  activityDateBounds,
  addYears,
  approvalDateBounds,
  bangkokToday,
  DATE_FIELDS,
  datesOutsideBounds,
  dueDateBounds,
  enteredDate,
  fiscalYearEnd,
  fiscalYearStart,
  outOfBoundsMessage,
} from './date-bounds.ts';

describe('date bounds', () => {
  it('knows the fiscal year runs 1 October to 30 September', () => {
    expect(fiscalYearStart(2569)).toBe('2025-10-01');
    expect(fiscalYearEnd(2569)).toBe('2026-09-30');
  });

  it("today is Bangkok's date", () => {
    expect(bangkokToday(new Date('2026-12-04T17:30:00Z'))).toBe('2026-12-05');
    expect(bangkokToday(new Date('2026-12-04T16:30:00Z'))).toBe('2026-12-04');
  });

  it('moves dates by whole years, 29 February to 28 February in a common year', () => {
    expect(addYears('2025-10-01', -1)).toBe('2024-10-01');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
  });

  it('bounds each field', () => {
    const now = new Date('2026-03-01T03:00:00Z');
    expect(approvalDateBounds(2569, now)).toEqual({ min: '2024-10-01', max: '2026-03-01' });
    expect(dueDateBounds(2569)).toEqual({ min: '2025-10-01', max: '2027-09-30' });
    expect(activityDateBounds(2569)).toEqual({ min: '2024-10-01', max: '2027-09-30' });
  });

  it('names the field and the bounds in BE, in Thai and English', () => {
    const field = { th: 'วันครบกำหนดส่ง', en: 'The due date' };
    expect(outOfBoundsMessage('2026-01-01', dueDateBounds(2569), field)).toBeNull();
    expect(outOfBoundsMessage('2025-10-01', dueDateBounds(2569), field)).toBeNull();
    expect(outOfBoundsMessage('9999-12-31', dueDateBounds(2569), field)).toEqual({
      th: 'วันครบกำหนดส่ง 31 ธันวาคม 10542 ต้องอยู่ระหว่าง 1 ตุลาคม 2568 ถึง 30 กันยายน 2570',
      en: 'The due date 31 December 10542 BE must be between 1 October 2568 BE and 30 September 2570 BE',
    });
    expect(outOfBoundsMessage('2026-12-06', { max: '2026-12-05' }, field)?.en).toBe(
      'The due date 6 December 2569 BE cannot be after 5 December 2569 BE',
    );
    expect(outOfBoundsMessage('2026-02-30', {}, field)?.en).toBe('The due date: "2026-02-30" is not a date');
  });

  it('the API refuses an absurd date with both messages, and a future one where the date must be past', () => {
    const due = enteredDate({ th: 'วันครบกำหนดส่ง', en: 'The due date' });
    expect(due.safeParse('2026-04-05').success).toBe(true);
    const far = due.safeParse('9999-12-31');
    expect(far.success).toBe(false);
    expect(far.error?.issues[0]).toMatchObject({
      code: 'custom',
      params: { th: expect.stringContaining('วันครบกำหนดส่ง') },
    });
    expect(due.safeParse('1956-12-31').success).toBe(false);
    // A BE year sent as the ISO year: refused, saying the era the API takes.
    const be = due.safeParse('2569-12-05');
    expect(be.error?.issues[0]?.message).toMatch(
      /5 December 3112 BE .* \(the year of an ISO date is Christian-era: 2569 → 2026\)$/,
    );
    expect(be.error!.issues[0]).toMatchObject({ params: { th: expect.stringContaining('2569 → 2026') } });
    expect(due.safeParse('2026-02-30').success).toBe(false);
    const approval = enteredDate({ th: 'ลงวันที่', en: 'The memo date' }, { notAfterToday: true });
    expect(approval.safeParse(bangkokToday()).success).toBe(true);
    expect(approval.safeParse(addYears(bangkokToday(), 1)).success).toBe(false);
  });
});

describe('datesOutsideBounds', () => {
  it('lists each date outside its bounds as an error detail naming the field', () => {
    const bounds = dueDateBounds(2569);
    expect(
      datesOutsideBounds([
        { path: 'dueDate', value: '2026-04-05', bounds, field: DATE_FIELDS.dueDate },
        { path: 'periodStart', value: null, bounds, field: DATE_FIELDS.periodStart },
        { path: 'periodEnd', value: '2027-10-01', bounds, field: DATE_FIELDS.periodEnd },
      ]),
    ).toEqual([
      {
        path: 'periodEnd',
        message_th: 'วันสิ้นสุดช่วงผลงาน 1 ตุลาคม 2570 ต้องอยู่ระหว่าง 1 ตุลาคม 2568 ถึง 30 กันยายน 2570',
        message_en:
          'The period’s end 1 October 2570 BE must be between 1 October 2568 BE and 30 September 2570 BE',
      },
    ]);
  });
});
