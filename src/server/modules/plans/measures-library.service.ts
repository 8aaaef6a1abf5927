import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { PlanSuggestions } from '#shared/plans/contract.ts';
import {
  type LibraryMeasure,
  libraryMeasureSchema,
  libraryToPlanMeasure,
  parseLibrary,
  rankMeasures,
} from '#shared/plans/library.ts';
import type { Db } from '../../db/client.ts';
import { libraryMeasures } from '../../db/schema/index.ts';
import { type Actor, isDeploymentAdmin } from '../../http/actor.ts';
import { detail, fail } from '../../http/app-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { bundledCatalogueDir } from '../catalogue/catalogue.service.ts';
import { planContext } from './plan-context.ts';
import { contentOf, readablePlan } from './plans.service.ts';

let bundled: LibraryMeasure[] | undefined;

/** The library shipped in `catalogue/measures-library.yaml` (checked in CI by catalogue:check). */
export function bundledLibrary(): LibraryMeasure[] {
  if (!bundled) {
    const parsed = parseLibrary(
      fs.readFileSync(path.join(bundledCatalogueDir, 'measures-library.yaml'), 'utf8'),
    );
    if (!parsed.ok)
      throw new Error(`catalogue/measures-library.yaml is invalid:\n${parsed.errors.join('\n')}`);
    bundled = parsed.library.measures;
  }
  return bundled;
}

/** Bundled measures followed by those admins added; an added one with a bundled id replaces it. */
export async function libraryMeasuresAll(db: Db): Promise<LibraryMeasure[]> {
  const added = (await db.select().from(libraryMeasures).where(eq(libraryMeasures.active, true))).map((r) =>
    libraryMeasureSchema.parse(r.content),
  );
  const addedIds = new Set(added.map((m) => m.id));
  return [...bundledLibrary().filter((m) => !addedIds.has(m.id)), ...added];
}

export async function addLibraryMeasure(db: Db, actor: Actor, entry: LibraryMeasure) {
  if (!isDeploymentAdmin(actor)) throw fail.forbidden();
  const [existing] = await db.select().from(libraryMeasures).where(eq(libraryMeasures.id, entry.id));
  if (existing || bundledLibrary().some((m) => m.id === entry.id)) {
    throw fail.conflict(
      'library_id_taken',
      `รหัส ${entry.id} มีอยู่แล้วในคลังมาตรการ`,
      `${entry.id} is already in the library`,
      [detail('id', 'รหัสซ้ำ', 'duplicate id')],
    );
  }
  await db.transaction(async (tx) => {
    await tx
      .insert(libraryMeasures)
      .values({ id: entry.id, origin: 'admin', content: entry, createdBy: actor.userId });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'library.add',
      entityType: 'library_measure',
      entityId: entry.id,
      after: entry,
    });
  });
  return entry;
}

/**
 * Library measures for each issue of a plan, from the weak codes and indicators it answers, read in the
 * numbering of the plan's edition. Each comes as a plan measure ready to copy in and edit.
 */
export async function planSuggestions(
  db: Db,
  actor: Actor,
  planId: string,
  limit = 5,
): Promise<PlanSuggestions> {
  const { row } = await readablePlan(db, actor, planId);
  const ctx = await planContext(db, row);
  const fiscalYear = ctx.edition?.fiscal_year ?? row.fiscalYear - 1;
  const library = await libraryMeasuresAll(db);
  return contentOf(row).issues.map((issue) => {
    // Weak questions count by code first; their indicators (and indicator findings) rank the rest.
    const indicators = issue.codes.flatMap((c) => {
      if (/^\d+$/.test(c)) return [Number(c)];
      const q = ctx.edition?.questions.find((x) => x.code === c);
      return q ? [q.indicator] : [];
    });
    const ranked = rankMeasures(library, {
      fiscalYear,
      codes: issue.codes,
      indicators: [...new Set(indicators)],
      limit,
    });
    return {
      issueId: issue.id,
      suggestions: ranked.map((s) => ({
        libraryId: s.measure.id,
        kind: s.measure.kind,
        title_th: s.measure.title_th,
        title_en: s.measure.title_en,
        steps_th: s.measure.steps_th,
        monitoring_th: s.measure.monitoring_th,
        matchedCodes: s.matchedCodes,
        matchedIndicators: s.matchedIndicators,
        measure: libraryToPlanMeasure(s.measure, () => crypto.randomUUID(), { fiscalYear }),
      })),
    };
  });
}
