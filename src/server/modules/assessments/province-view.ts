import type { ProvinceView } from '#shared/assessments/contract.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { fail } from '../../http/app-error.ts';
import { currentRevision } from '../catalogue/catalogue.service.ts';
import { readableOrganizationRow } from '../organizations/organizations.service.ts';
import { round2 } from './analysis/score-index.ts';
import { assessmentPolicy } from './assessments.policy.ts';
import { listResultsWithScores } from './assessments.service.ts';

/** Units × indicators of one fiscal year under an organisation, coloured by the same threshold. */
export async function provinceView(
  db: Db,
  actor: Actor,
  organizationId: string,
  fiscalYear: number,
  urgentBelow: number,
): Promise<ProvinceView> {
  const root = await readableOrganizationRow(db, actor, organizationId);
  if (!assessmentPolicy.read(actor, root.path)) throw fail.forbidden();
  const revision = await currentRevision(db, fiscalYear);
  if (!revision) throw fail.notFound({ th: `กรอบการประเมินปี ${fiscalYear}`, en: `Edition ${fiscalYear}` });
  const indicators = revision.edition.indicators;
  const summaries = (await listResultsWithScores(db, actor, { organizationId, fiscalYear })).filter(
    (r) => r.organizationId !== organizationId,
  );
  const units: ProvinceView['units'] = [];
  for (const summary of summaries) {
    const byCode = new Map(
      summary.scores.filter((s) => s.scope === 'indicator').map((s) => [s.code, s.score]),
    );
    units.push({
      organizationId: summary.organizationId,
      code: summary.organizationCode,
      nameTh: summary.organizationNameTh,
      resultId: summary.id,
      total: summary.total,
      scores: indicators.map((i) => byCode.get(String(i.number)) ?? null),
    });
  }
  const weakest = indicators
    .map((indicator, column) => {
      const scored = units
        .map((u) => u.scores[column])
        .filter((s): s is number => s !== null && s !== undefined);
      return {
        number: indicator.number,
        mean: scored.length ? round2(scored.reduce((a, b) => a + b, 0) / scored.length) : null,
        unitsBelow: scored.filter((s) => s < urgentBelow).length,
        unitsScored: scored.length,
      };
    })
    .sort((a, b) => b.unitsBelow - a.unitsBelow || (a.mean ?? 101) - (b.mean ?? 101));
  return {
    organizationId,
    fiscalYear,
    urgentBelow,
    indicators: indicators.map((i) => ({
      number: i.number,
      name_th: i.name_th,
      name_en: i.name_en,
      instrument: i.instrument,
    })),
    units,
    weakest,
  };
}
