import type { PlanStatus } from '#shared/plans/contract.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { getAnalysis } from '../assessments/analyses.service.ts';
import type { PlanDocumentView } from '../documents/layouts/plan-document.ts';
import { getPlan } from './plans.service.ts';

const STATUS_TH: Record<PlanStatus, string> = {
  draft: 'ร่าง',
  submitted: 'เสนอแล้ว',
  returned: 'ส่งกลับแก้ไข',
  approved: 'เห็นชอบแล้ว',
  circulated: 'แจ้งเวียนแล้ว',
  superseded: 'ถูกแทนที่',
};

/** The plan document's view-model: one plan version, the analysis it rests on, unit names. */
export async function planDocumentView(
  db: Db,
  actor: Actor,
  planId: string,
  date: string,
): Promise<{
  view: Omit<PlanDocumentView, 'signer'>;
  organizationId: string;
  fiscalYear: number;
  inputsLabel: string;
}> {
  const plan = await getPlan(db, actor, planId);
  const analysis = plan.analysisId ? await getAnalysis(db, actor, plan.analysisId) : null;
  return {
    view: {
      header: { organizationNameTh: plan.organizationNameTh, fiscalYear: plan.fiscalYear, date },
      content: plan.content,
      versionNo: plan.versionNo,
      unitNames: Object.fromEntries(plan.units.map((u) => [u.id, u.nameTh])),
      approval:
        plan.memoNumber && plan.memoDate ? { memoNumber: plan.memoNumber, memoDate: plan.memoDate } : null,
      analysis,
    },
    organizationId: plan.organizationId,
    fiscalYear: plan.fiscalYear,
    inputsLabel: `แผนฉบับที่ ${plan.versionNo} (${STATUS_TH[plan.status]}, แก้ไขครั้งที่ ${plan.rowVersion})`,
  };
}
