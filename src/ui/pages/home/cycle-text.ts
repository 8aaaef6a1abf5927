import type { HomeCycle, HomeItemState } from '#shared/home/contract.ts';

/** What comes next for the agency: the current stage's "next" line with its calendar date, or done. */
export function nextStep(cycle: Pick<HomeCycle, 'stages' | 'resultYear'>): {
  key: HomeCycle['stages'][number]['stage'] | 'done';
  resultYear: number;
  calendarDate: string | null;
} {
  const current = cycle.stages.find((s) => s.state === 'current');
  return {
    key: current?.stage ?? 'done',
    resultYear: cycle.resultYear,
    calendarDate: current?.calendarDate ?? null,
  };
}

/** Badge colours by state; the badge always says the state in words too. */
export const STATE_COLORS: Record<HomeItemState, string> = {
  late: 'red',
  due_soon: 'orange',
  due: 'blue',
  returned: 'grape',
  waiting: 'gray',
};
