import { asc, eq, inArray } from 'drizzle-orm';
import { toArabicDigits } from '#shared/format/thai.ts';
import { measureNumber } from '#shared/plans/numbering.ts';
import type { Progress, SlotState } from '#shared/progress/contract.ts';
import type { Db } from '../../db/client.ts';
import { evidenceFiles, organizations, reportSlots } from '../../db/schema/index.ts';
import type { Actor } from '../../http/actor.ts';
import type { DocumentHeader } from '../documents/layouts/common.ts';
import { withoutFiscalYear } from '../documents/layouts/fiscal-year.ts';
import type { EvidenceItem, PaperReference, RoundReportView } from '../documents/layouts/round-report.ts';
import { contentOf } from '../plans/plans.service.ts';
import { rollup } from './rollup.service.ts';
import { roundWithPlan } from './rounds.service.ts';
import { roundReportRows } from './rules/round-report.ts';

const REPORTED: SlotState[] = ['submitted', 'accepted'];

type Link = { url: string; label: string };

/**
 * The round report's view-model: the seed 003 follow-up table from what units reported, the counts,
 * problems and suggestions of the roll-up, and the evidence. Evidence files are listed by name (their
 * download needs a sign-in, so a public document must not link them); units' own links are linked and
 * printed as their address; papers they cite keep their number and date.
 */
export async function roundDocumentView(
  db: Db,
  actor: Actor,
  roundId: string,
  date: string,
): Promise<{ view: RoundReportView; organizationId: string; fiscalYear: number; inputsLabel: string }> {
  const up = await rollup(db, actor, roundId);
  const { round, plan, org } = await roundWithPlan(db, roundId);
  const content = contentOf(plan);
  const slots = await db
    .select({ slot: reportSlots, unitName: organizations.nameTh })
    .from(reportSlots)
    .innerJoin(organizations, eq(organizations.id, reportSlots.unitId))
    .where(eq(reportSlots.roundId, roundId));
  const unitNames = new Map(slots.map((s) => [s.slot.unitId, s.unitName]));
  const rows = roundReportRows(
    content,
    slots.map((s) => ({
      measureId: s.slot.measureId,
      unitId: s.slot.unitId,
      unitNameTh: s.unitName,
      progress: s.slot.progress as Progress,
      percent: s.slot.percent,
      result: s.slot.result,
      counted: REPORTED.includes(s.slot.state as SlotState),
    })),
    await responsibleNames(db, content, unitNames),
    { digits: 'arabic' },
  );
  const files = slots.length
    ? await db
        .select({ slotId: evidenceFiles.slotId, name: evidenceFiles.originalName })
        .from(evidenceFiles)
        .where(
          inArray(
            evidenceFiles.slotId,
            slots.map((s) => s.slot.id),
          ),
        )
        .orderBy(asc(evidenceFiles.uploadedAt))
    : [];
  const measureTitle = new Map(
    content.issues.flatMap((issue, i) =>
      issue.measures.map((m, j) => [m.id, `${measureNumber(i, j)} ${m.title}`] as const),
    ),
  );
  const evidence = slots
    .filter((s) => REPORTED.includes(s.slot.state as SlotState))
    .map((s) => ({
      measureTitle: measureTitle.get(s.slot.measureId) ?? s.slot.measureId,
      unitNameTh: s.unitName,
      items: [
        ...(s.slot.links as Link[]).map((l): EvidenceItem => ({ label: l.label, url: l.url })),
        ...files
          .filter((f) => f.slotId === s.slot.id)
          .map((f): EvidenceItem => ({ label: f.name, url: null })),
        ...(s.slot.paperRefs as PaperReference[]).map((paper): EvidenceItem => ({ paper })),
      ],
    }))
    .filter((e) => e.items.length > 0);
  const header: DocumentHeader = { organizationNameTh: org.nameTh, fiscalYear: plan.fiscalYear, date };
  return {
    view: {
      header,
      planTitle: content.title,
      // Labels may be stored with either digits (older defaults mixed "๖" with "2568"): the model has
      // Arabic ones and the renderer writes the chosen ones. The title states the fiscal year once.
      roundLabel: withoutFiscalYear(toArabicDigits(round.labelTh), plan.fiscalYear),
      periodStart: round.periodStart,
      periodEnd: round.periodEnd,
      lines: rows,
      counts: up.counts,
      problems: up.problems,
      suggestions: up.suggestions,
      evidence,
      introduction: '',
    },
    organizationId: org.id,
    fiscalYear: plan.fiscalYear,
    inputsLabel: `${toArabicDigits(round.labelTh)}: รายงานแล้ว ${slots.filter((s) => REPORTED.includes(s.slot.state as SlotState)).length} จาก ${slots.length}`,
  };
}

/** Names of every unit the plan names, including units that have no slot in this round. */
async function responsibleNames(
  db: Db,
  content: ReturnType<typeof contentOf>,
  known: Map<string, string>,
): Promise<Map<string, string>> {
  const ids = [
    ...new Set(
      content.issues.flatMap((i) =>
        i.measures.flatMap((m) => [
          ...m.responsible.unitIds,
          ...m.steps.flatMap((s) => s.responsible?.unitIds ?? []),
        ]),
      ),
    ),
  ].filter((id) => !known.has(id));
  if (ids.length === 0) return known;
  const rows = await db
    .select({ id: organizations.id, nameTh: organizations.nameTh })
    .from(organizations)
    .where(inArray(organizations.id, ids));
  return new Map([...known, ...rows.map((r) => [r.id, r.nameTh] as const)]);
}
