/**
 * The content of a plan with one urgent issue (การเปิดเผยข้อมูลการให้บริการ) as the set-up of many tests
 * saves it through `PUT /api/plans/{id}`: the title the app gave, a summary and monitoring section, and
 * the measures given. Set-up data, not what those tests look at.
 */
export type SetUpMeasure = {
  id: string;
  title: string;
  unitIds: string[];
  /** Default: one step, จัดทำคู่มือการให้บริการ (id s1). */
  steps?: { id: string; text: string }[];
  budget?: number | null;
};

export function setUpMeasure(m: SetUpMeasure, fiscalYear: number) {
  return {
    id: m.id,
    title: m.title,
    steps: m.steps ?? [{ id: 's1', text: 'จัดทำคู่มือการให้บริการ' }],
    responsible: { unitIds: m.unitIds, external: [] },
    // The whole fiscal year: October of the year before to September.
    timeframe: { start: `${fiscalYear - 1}-10`, end: `${fiscalYear}-09` },
    monitoring: 'รายงานผลทุก 6 เดือน',
    ...(m.budget === undefined ? {} : { budget: m.budget }),
  };
}

export function setUpPlanContent(title: string, fiscalYear: number, measures: SetUpMeasure[]) {
  return {
    title,
    analysisSummary: 'ผลการประเมินปีที่แล้วชี้ว่าการเปิดเผยข้อมูลการให้บริการยังไม่ครบถ้วน',
    monitoringSection: 'คณะทำงาน ITA ติดตามความก้าวหน้าทุกรอบ 6 เดือน',
    issues: [
      {
        id: 'issue-1',
        title: 'การเปิดเผยข้อมูลการให้บริการ',
        stance: 'urgent',
        measures: measures.map((m) => setUpMeasure(m, fiscalYear)),
      },
    ],
  };
}
