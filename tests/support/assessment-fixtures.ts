import { eq } from 'drizzle-orm';
import type { Db } from '../../src/server/db/client.ts';
import { organizations } from '../../src/server/db/schema/index.ts';
import type { Actor } from '../../src/server/http/actor.ts';
import { createAnalysis } from '../../src/server/modules/assessments/analyses.service.ts';
import { applyScores, editionForYear } from '../../src/server/modules/assessments/assessments.service.ts';
import { analysisSettingsSchema } from '../../src/shared/assessments/analysis.ts';
import type { ScoreEntry } from '../../src/shared/assessments/scores.ts';

export const indicatorScores = (values: number[]): ScoreEntry[] =>
  values.map((score, i) => ({
    scope: 'indicator',
    code: String(i + 1),
    score,
    passed: null,
    reason: null,
    recommendation: null,
  }));

/** A stored result for an organisation, written the way an import writes it. */
export async function storeResult(db: Db, organizationId: string, fiscalYear: number, scores: ScoreEntry[]) {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, organizationId));
  const revision = await editionForYear(db, fiscalYear);
  const { result } = await db.transaction((tx) =>
    applyScores(
      tx,
      { userId: null },
      { org: org!, fiscalYear, revision, statedLevel: null, scores, mode: 'merge', source: 'test' },
    ),
  );
  return result;
}

export async function storeAnalysis(
  db: Db,
  actor: Actor,
  resultId: string,
  settings: Record<string, unknown> = {},
) {
  return createAnalysis(db, actor, resultId, { settings: analysisSettingsSchema.parse(settings) });
}

/** A plan stored directly in a given state, with one measure carried by `unitId`. */
export async function storePlan(
  db: Db,
  organizationId: string,
  unitId: string,
  status: string,
  fiscalYear = 2568,
) {
  const { plans } = await import('../../src/server/db/schema/index.ts');
  const content = {
    title: 'แผนทดสอบ',
    introduction: '',
    analysisSummary: 'สรุปผลการวิเคราะห์',
    monitoringSection: 'ติดตามผลรอบ ๖ เดือน',
    preparedBy: '',
    layout: 'columns',
    issues: [
      {
        id: 'i1',
        title: 'ประเด็น',
        stance: 'urgent',
        description: '',
        points: [],
        findingKeys: [],
        codes: [],
        measures: [
          {
            id: 'm1',
            kind: 'measure',
            title: 'มาตรการ',
            pointIds: [],
            steps: [{ id: 's1', text: 'ขั้นตอน', responsible: null, timeframe: null }],
            responsible: { unitIds: [unitId], external: [] },
            timeframe: { start: `${fiscalYear - 1}-10`, end: `${fiscalYear}-09` },
            monitoring: 'ติดตาม',
            codes: [],
            budget: null,
            target: '',
            outputIndicator: '',
            libraryId: null,
          },
        ],
      },
      {
        id: 'i2',
        title: 'ประเด็นพัฒนา',
        stance: 'develop',
        description: '',
        points: [],
        findingKeys: [],
        codes: [],
        measures: [
          {
            id: 'm2',
            kind: 'activity',
            title: 'กิจกรรม',
            pointIds: [],
            steps: [{ id: 's2', text: 'ขั้นตอน', responsible: null, timeframe: null }],
            responsible: { unitIds: [unitId], external: [] },
            timeframe: { start: `${fiscalYear - 1}-10`, end: `${fiscalYear}-09` },
            monitoring: 'ติดตาม',
            codes: [],
            budget: null,
            target: '',
            outputIndicator: '',
            libraryId: null,
          },
        ],
      },
    ],
  };
  const [row] = await db.insert(plans).values({ organizationId, fiscalYear, status, content }).returning();
  return row!;
}
