import type { PlanContent, PlanMeasure } from '#shared/plans/contract.ts';

/** The units a measure involves: its own and those its steps name. */
export function unitsOfMeasure(m: PlanMeasure): Set<string> {
  const units = new Set(m.responsible.unitIds);
  for (const s of m.steps) for (const u of s.responsible?.unitIds ?? []) units.add(u);
  return units;
}

/** Every responsible unit of a plan, in the order they first appear. */
export function measureUnits(content: PlanContent): Set<string> {
  const units = new Set<string>();
  for (const issue of content.issues)
    for (const m of issue.measures) for (const u of unitsOfMeasure(m)) units.add(u);
  return units;
}
