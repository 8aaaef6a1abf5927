import type { BeMonth, PlanContent } from '#shared/plans/contract.ts';
import { formatTimeframe } from '#shared/plans/months.ts';
import type { Progress } from '#shared/progress/contract.ts';

/** ISO dates (Gregorian) of a round's default period; FY 2568 = 1 Oct 2024 – 30 Sep 2025. */
export function defaultPeriod(kind: '6m' | '12m' | 'monthly' | 'custom', fiscalYear: number) {
  const endYear = fiscalYear - 543;
  const start = `${endYear - 1}-10-01`;
  return kind === '6m' ? { start, end: `${endYear}-03-31` } : { start, end: `${endYear}-09-30` };
}

/**
 * A round's label in one digit system (Arabic: documents write the digits their options choose) with
 * the months it covers, as seed 003 names its round ("รอบ 6 เดือน (ต.ค. 63 – มี.ค. 64)"). The fiscal
 * year is not in it: the plan's title states it, and a title made of both would state it twice.
 */
export function defaultLabel(
  kind: string,
  fiscalYear: number,
  period: { start: string; end: string } = defaultPeriod(
    kind as '6m' | '12m' | 'monthly' | 'custom',
    fiscalYear,
  ),
): string {
  const beMonth = (iso: string) => `${Number(iso.slice(0, 4)) + 543}-${iso.slice(5, 7)}` as BeMonth;
  const months = formatTimeframe(
    { start: beMonth(period.start), end: beMonth(period.end) },
    { digits: 'arabic' },
  );
  if (kind === '6m') return `รอบ 6 เดือน (${months})`;
  if (kind === '12m') return `รอบ 12 เดือน (${months})`;
  if (kind === 'monthly') return `รายงานประจำเดือน (${months})`;
  return `รอบการรายงาน (${months})`;
}

const ROUND_KIND_EN: Record<string, string> = {
  '6m': '6-month round',
  '12m': '12-month round',
  monthly: 'Monthly report',
  custom: 'Reporting round',
};

/** "12-month round (Oct 2568 – Sep 2569 BE)": the round's kind and the months it covers, in English. */
export function roundLabelEn(round: { kind: string; periodStart: string; periodEnd: string }): string {
  const be = (iso: string) => `${Number(iso.slice(0, 4)) + 543}-${iso.slice(5, 7)}` as BeMonth;
  const months = formatTimeframe({ start: be(round.periodStart), end: be(round.periodEnd) }, { lang: 'en' });
  return `${ROUND_KIND_EN[round.kind] ?? ROUND_KIND_EN.custom} (${months})`;
}

/**
 * The round's label for the English UI: the English of the label the app made, or null when a person
 * typed their own (Thai) label — the UI then shows what they typed.
 */
export function labelEnOf(
  round: { kind: string; labelTh: string; periodStart: string; periodEnd: string },
  fiscalYear: number,
): string | null {
  const made = defaultLabel(round.kind, fiscalYear, { start: round.periodStart, end: round.periodEnd });
  return round.labelTh === made ? roundLabelEn(round) : null;
}

export type Assignment = { measureId: string; stepId: string; unitId: string };

/**
 * One slot per measure per responsible unit, plus one per step that names its own units, per such
 * unit (a unit named only on a step reports on that step).
 */
export function assignmentsOf(content: PlanContent): Assignment[] {
  const out = new Map<string, Assignment>();
  const add = (a: Assignment) => out.set(`${a.measureId}|${a.stepId}|${a.unitId}`, a);
  for (const issue of content.issues) {
    for (const m of issue.measures) {
      for (const unitId of m.responsible.unitIds) add({ measureId: m.id, stepId: '', unitId });
      for (const s of m.steps)
        for (const unitId of s.responsible?.unitIds ?? []) add({ measureId: m.id, stepId: s.id, unitId });
    }
  }
  return [...out.values()];
}

/**
 * A measure's status from its units' reports: cancelled reports are left out; done only when every
 * remaining report is done; in progress once any has started or finished; not started otherwise. A
 * measure whose every report is cancelled is cancelled. Only reports the secretariat has accepted or
 * that are submitted count as reported; others count as not started.
 */
export function measureStatus(reports: readonly { progress: Progress; percent: number; counted: boolean }[]) {
  const counted = reports.map((r) =>
    r.counted ? r : { progress: 'not_started' as const, percent: 0, counted: false },
  );
  const active = counted.filter((r) => r.progress !== 'cancelled');
  if (reports.length > 0 && active.length === 0) return { status: 'cancelled' as const, percent: 0 };
  const percent = active.length
    ? Math.round((active.reduce((s, r) => s + r.percent, 0) / active.length) * 10) / 10
    : 0;
  if (active.length > 0 && active.every((r) => r.progress === 'done'))
    return { status: 'done' as const, percent };
  if (active.some((r) => r.progress === 'in_progress' || r.progress === 'done'))
    return { status: 'in_progress' as const, percent };
  return { status: 'not_started' as const, percent };
}
