import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import type { AnalysisReportView } from '../documents/layouts/analysis-report.ts';
import { getAnalysis } from './analyses.service.ts';

/** The analysis report's view-model: the analysis as stored, with its organisation. */
export async function analysisDocumentView(
  db: Db,
  actor: Actor,
  analysisId: string,
  date: string,
): Promise<{ view: AnalysisReportView; organizationId: string; fiscalYear: number; inputsLabel: string }> {
  const analysis = await getAnalysis(db, actor, analysisId);
  return {
    view: {
      header: {
        organizationNameTh: analysis.organizationNameTh,
        fiscalYear: analysis.outcome.fiscalYear,
        date,
      },
      analysis,
    },
    organizationId: analysis.organizationId,
    fiscalYear: analysis.outcome.fiscalYear,
    inputsLabel: `${analysis.title} (ฉบับที่ ${analysis.version})`,
  };
}
