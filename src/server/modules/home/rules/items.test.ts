import { describe, expect, it } from 'vitest';
import { planContentSchema } from '#shared/plans/contract.ts';
import {
  itemState,
  measureIn,
  menuCounts,
  menuEntryOf,
  roundWaits,
  sortItems,
  unitsNotAcknowledged,
} from './items.ts';

const TODAY = '2026-12-05';

describe('itemState', () => {
  it('says late, due soon (7 days) or due by the deadline, waiting without one', () => {
    expect(itemState({ deadline: '2026-12-04', returned: false, today: TODAY })).toBe('late');
    expect(itemState({ deadline: '2026-12-05', returned: false, today: TODAY })).toBe('due_soon');
    expect(itemState({ deadline: '2026-12-12', returned: false, today: TODAY })).toBe('due_soon');
    expect(itemState({ deadline: '2026-12-13', returned: false, today: TODAY })).toBe('due');
    expect(itemState({ deadline: null, returned: false, today: TODAY })).toBe('waiting');
  });

  it('says returned for a report sent back, whatever its deadline', () => {
    expect(itemState({ deadline: '2026-11-01', returned: true, today: TODAY })).toBe('returned');
  });
});

describe('sortItems', () => {
  const item = (
    subject: string,
    deadline: string | null,
    kind = 'report_due' as const,
    state = 'due' as const,
  ) => ({
    subject,
    deadline,
    kind,
    state,
    number: null,
    fiscalYear: 2570,
  });

  it('puts the nearest deadline first and items without a deadline after', () => {
    const sorted = sortItems([
      item('no deadline', null),
      item('later', '2027-01-10'),
      item('late', '2026-11-30'),
      item('sooner', '2026-12-10'),
    ]);
    expect(sorted.map((i) => i.subject)).toEqual(['late', 'sooner', 'later', 'no deadline']);
  });

  it('without deadlines: returned first, then by kind (approving before acknowledging)', () => {
    const sorted = sortItems([
      { ...item('ack', null), kind: 'plan_to_acknowledge' as const, state: 'waiting' as const },
      { ...item('approve', null), kind: 'plan_to_approve' as const, state: 'waiting' as const },
      { ...item('returned', null), kind: 'plan_returned' as const, state: 'returned' as const },
    ]);
    expect(sorted.map((i) => i.subject)).toEqual(['returned', 'approve', 'ack']);
  });

  it('then by subject in Thai order and by measure number as numbers (2.9 before 2.10)', () => {
    const measure = (subject: string, number: string) => ({ ...item(subject, '2027-04-30'), number });
    const sorted = sortItems([
      measure('ส่งเสริมคุณธรรม', '2.10'),
      measure('ส่งเสริมคุณธรรม', '2.9'),
      measure('การเปิดเผยข้อมูล', '1.1'),
      measure('ส่งเสริมคุณธรรม', '10.1'),
    ]);
    expect(sorted.map((i) => `${i.subject} ${i.number}`)).toEqual([
      'การเปิดเผยข้อมูล 1.1',
      'ส่งเสริมคุณธรรม 2.9',
      'ส่งเสริมคุณธรรม 2.10',
      'ส่งเสริมคุณธรรม 10.1',
    ]);
  });
});

describe('menu counts', () => {
  it('counts reports and acknowledgements under tasks, OIT under oit, the rest under plans', () => {
    expect(menuEntryOf('report_due')).toBe('tasks');
    expect(menuEntryOf('plan_to_acknowledge')).toBe('tasks');
    expect(menuEntryOf('oit_links_failing')).toBe('oit');
    expect(menuEntryOf('reports_to_review')).toBe('plans');
    expect(
      menuCounts([
        { kind: 'report_due' },
        { kind: 'report_due' },
        { kind: 'plan_to_approve' },
        { kind: 'oit_links_failing' },
      ]),
    ).toEqual({ plans: 1, tasks: 2, oit: 1 });
  });
});

describe('measureIn', () => {
  it('numbers a measure as the plan does, (issue.measure)', () => {
    const content = planContentSchema.parse({
      title: 'แผน',
      issues: [
        { id: 'i1', title: 'ประเด็น ๑', measures: [{ id: 'a', title: 'มาตรการ ก' }] },
        {
          id: 'i2',
          title: 'ประเด็น ๒',
          measures: [
            { id: 'b', title: 'มาตรการ ข' },
            { id: 'c', title: 'มาตรการ ค' },
          ],
        },
      ],
    });
    expect(measureIn(content, 'c')).toEqual({ number: '(2.2)', title: 'มาตรการ ค' });
    expect(measureIn(content, 'gone')).toBeNull();
  });
});

describe('unitsNotAcknowledged', () => {
  it('keeps the plan order of the units that have not acknowledged', () => {
    expect(unitsNotAcknowledged(['u1', 'u2', 'u3'], new Set(['u2']))).toEqual(['u1', 'u3']);
  });
});

describe('roundWaits', () => {
  const slots = [
    { unitId: 'u1', state: 'submitted' },
    { unitId: 'u1', state: 'accepted' },
    { unitId: 'u2', state: 'pending' },
    { unitId: 'u2', state: 'draft' },
    { unitId: 'u3', state: 'returned' },
  ];

  it('counts reports to review in any round', () => {
    expect(roundWaits({ status: 'closed', dueDate: '2026-11-01' }, slots, TODAY).toReview).toBe(1);
  });

  it('counts reports missing only once an open round is past its due date, with the units that owe them', () => {
    expect(roundWaits({ status: 'open', dueDate: TODAY }, slots, TODAY).missing).toBe(0);
    expect(roundWaits({ status: 'open', dueDate: '2026-12-04' }, slots, TODAY)).toEqual({
      toReview: 1,
      missing: 3,
      missingUnitIds: ['u2', 'u3'],
    });
    expect(roundWaits({ status: 'closed', dueDate: '2026-12-04' }, slots, TODAY).missing).toBe(0);
  });
});
