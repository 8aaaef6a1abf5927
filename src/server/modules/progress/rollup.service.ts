import { eq } from 'drizzle-orm';
import type { Progress, Rollup, SlotState } from '#shared/progress/contract.ts';
import type { Db } from '../../db/client.ts';
import { organizations, reportSlots } from '../../db/schema/index.ts';
import type { Actor } from '../../http/actor.ts';
import { fail } from '../../http/app-error.ts';
import { contentOf } from '../plans/plans.service.ts';
import { unitsOfMeasure } from '../plans/responsible-units.ts';
import { progressPolicy } from './progress.policy.ts';
import { roundWithPlan, toRound } from './rounds.service.ts';
import { measureStatus } from './rules/rounds.ts';

const REPORTED: SlotState[] = ['submitted', 'accepted'];
const DAY = 86_400_000;
/** One formatter for every date: making an Intl.DateTimeFormat costs ~0.2 ms, once per slot was most of a large roll-up. */
const BANGKOK_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' });
const bangkokDate = (d: Date) => BANGKOK_DAY.format(d);

/** The secretariat's view of a round: measures × units, counts, lateness, problems and suggestions. */
export async function rollup(db: Db, actor: Actor, roundId: string, now = new Date()): Promise<Rollup> {
  const { round: roundRow, plan, org } = await roundWithPlan(db, roundId);
  if (!progressPolicy.read(actor, org.path)) throw fail.forbidden();
  const round = await toRound(db, roundRow, plan, org);
  const content = contentOf(plan);
  const slots = await db
    .select({ slot: reportSlots, unitName: organizations.nameTh, unitNameEn: organizations.nameEn })
    .from(reportSlots)
    .innerJoin(organizations, eq(organizations.id, reportSlots.unitId))
    .where(eq(reportSlots.roundId, roundId));

  // Slots by measure, and each unit's place in its measure, looked up rather than searched: a national
  // round holds thousands of slots (40 measures × 200 units), and a filter and indexOf per measure made
  // the roll-up quadratic in them.
  const slotsOf = new Map<string, typeof slots>();
  for (const s of slots) {
    const list = slotsOf.get(s.slot.measureId);
    if (list) list.push(s);
    else slotsOf.set(s.slot.measureId, [s]);
  }
  const measures = content.issues
    .flatMap((issue) =>
      issue.measures.map((m) => {
        const order = new Map([...unitsOfMeasure(m)].map((unitId, i) => [unitId, i]));
        const place = (unitId: string) => order.get(unitId) ?? -1;
        const own = (slotsOf.get(m.id) ?? []).sort(
          (a, b) => place(a.slot.unitId) - place(b.slot.unitId) || a.slot.stepId.localeCompare(b.slot.stepId),
        );
        const { status, percent } = measureStatus(
          own.map((s) => ({
            progress: s.slot.progress as Progress,
            percent: s.slot.percent,
            counted: REPORTED.includes(s.slot.state as SlotState),
          })),
        );
        return {
          measureId: m.id,
          issueTitle: issue.title,
          title: m.title,
          status,
          percent,
          cells: own.map((s) => ({
            unitId: s.slot.unitId,
            slotId: s.slot.id,
            state: s.slot.state as SlotState,
            progress: s.slot.progress as Progress,
            percent: s.slot.percent,
          })),
        };
      }),
    )
    .filter((m) => m.cells.length > 0);

  const overdueDays = Math.max(
    0,
    Math.floor((Date.parse(bangkokDate(now)) - Date.parse(round.dueDate)) / DAY),
  );
  const byUnit = new Map<
    string,
    { unitNameTh: string; unitNameEn: string | null; slots: number; submitted: number }
  >();
  for (const s of slots) {
    const u = byUnit.get(s.slot.unitId) ?? {
      unitNameTh: s.unitName,
      unitNameEn: s.unitNameEn,
      slots: 0,
      submitted: 0,
    };
    u.slots++;
    if (REPORTED.includes(s.slot.state as SlotState)) u.submitted++;
    byUnit.set(s.slot.unitId, u);
  }
  const tally = (list: typeof measures) => ({
    done: list.filter((m) => m.status === 'done').length,
    inProgress: list.filter((m) => m.status === 'in_progress').length,
    notStarted: list.filter((m) => m.status === 'not_started').length,
    cancelled: list.filter((m) => m.status === 'cancelled').length,
  });
  const issues = [...new Set(measures.map((m) => m.issueTitle))];
  const submissions = new Map<string, number>();
  for (const s of slots) {
    if (s.slot.submittedAt) {
      const day = bangkokDate(s.slot.submittedAt);
      submissions.set(day, (submissions.get(day) ?? 0) + 1);
    }
  }
  const titleOf = new Map<string, string>();
  for (const m of measures) if (!titleOf.has(m.measureId)) titleOf.set(m.measureId, m.title);
  const texts = (field: 'problems' | 'suggestions') =>
    slots
      .filter((s) => REPORTED.includes(s.slot.state as SlotState) && s.slot[field].trim() !== '')
      .map((s) => ({
        unitNameTh: s.unitName,
        unitNameEn: s.unitNameEn,
        measureTitle: titleOf.get(s.slot.measureId) ?? '',
        text: s.slot[field].trim(),
      }));
  return {
    round,
    measures,
    units: [...byUnit.entries()].map(([unitId, u]) => ({
      unitId,
      ...u,
      daysLate: u.submitted < u.slots ? overdueDays : 0,
    })),
    counts: { ...tally(measures), measures: measures.length },
    byIssue: issues.map((issueTitle) => ({
      issueTitle,
      ...tally(measures.filter((m) => m.issueTitle === issueTitle)),
    })),
    submissions: [...submissions.entries()].sort().map(([date, count]) => ({ date, count })),
    problems: texts('problems'),
    suggestions: texts('suggestions'),
  };
}
