import type { Analysis } from '#shared/assessments/contract.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { revisionById } from '../catalogue/catalogue.service.ts';
import { editionWithSupplied } from '../catalogue/supplied-questions.service.ts';
import { type AnalysisFacts, analysisFacts } from '../documents/layouts/analysis-facts.ts';
import type { AnalysisReportView } from '../documents/layouts/analysis-report.ts';
import { getAnalysis } from './analyses.service.ts';
import { readableResult, scoresOf } from './assessments.service.ts';

/**
 * The facts of the result an analysis was computed from: what was entered, imported as `-` or never
 * given, the questions' wording in the result's edition, NACC's suggestions per question. For any
 * document that prints an analysis (the report, the plan's summary).
 */
export async function analysisFactsOf(db: Db, actor: Actor, analysis: Analysis): Promise<AnalysisFacts> {
  const { row: result } = await readableResult(db, actor, analysis.resultId);
  const revision = await revisionById(db, result.catalogueRevisionId);
  const changedAfter = result.updatedAt.getTime() > Date.parse(analysis.computedAt);
  return analysisFacts(await editionWithSupplied(db, revision), await scoresOf(db, result.id), changedAfter);
}

/** The analysis report's view-model: the analysis as stored, with its organisation and its result's facts. */
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
      facts: await analysisFactsOf(db, actor, analysis),
    },
    organizationId: analysis.organizationId,
    fiscalYear: analysis.outcome.fiscalYear,
    inputsLabel: `${analysis.title} (ฉบับที่ ${analysis.version})`,
  };
}
