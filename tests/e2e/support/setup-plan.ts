import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { setUpPlanContent } from '../../support/plan-content.ts';
import { EXECUTIVE, signIn } from './accounts.ts';
import { apiCall, listOrganizations } from './api.ts';
import { bangkokDate } from './dates.ts';

/** The one measure of the plan set up here, carried by DEMO-PROV-03. */
export const PLAN_MEASURE = 'จัดทำคู่มือการให้บริการประชาชนและเผยแพร่ทางเว็บไซต์';
/** The measure's second (last) step. */
export const PLAN_STEP = 'เผยแพร่คู่มือบนเว็บไซต์ของหน่วยงาน';

export type SetUpPlan = { id: string; title: string; rowVersion: number };

/**
 * Through the API (setup data, not what is tested): the plan of จังหวัดตัวอย่าง (DEMO-PROV) for
 * `fiscalYear`, one issue with PLAN_MEASURE, saved and submitted by the signed-in secretariat, then
 * approved (memo dated today) by the demo executive in a page of its own. Every call's status is checked.
 */
export async function createApprovedPlan(
  secretariat: Page,
  { browser, baseUrl, fiscalYear }: { browser: Browser; baseUrl: string; fiscalYear: number },
): Promise<SetUpPlan> {
  const organizations = await listOrganizations(secretariat);
  const province = organizations.find((o) => o.code === 'DEMO-PROV')!;
  const unit = organizations.find((o) => o.code === 'DEMO-PROV-03')!;
  const created = await apiCall(secretariat, 'POST', '/api/plans', {
    organizationId: province.id,
    fiscalYear,
    issuesFrom: 'none',
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  const plan = created.json as { id: string; rowVersion: number; content: { title: string } };
  const saved = await apiCall(secretariat, 'PUT', `/api/plans/${plan.id}`, {
    rowVersion: plan.rowVersion,
    content: setUpPlanContent(plan.content.title, fiscalYear, [
      {
        id: 'measure-1',
        title: PLAN_MEASURE,
        unitIds: [unit.id],
        steps: [
          { id: 's1', text: 'จัดทำคู่มือการให้บริการ' },
          { id: 's2', text: PLAN_STEP },
        ],
      },
    ]),
  });
  expect(saved.status, JSON.stringify(saved.json)).toBe(200);
  const submitted = await apiCall(secretariat, 'POST', `/api/plans/${plan.id}/submit`, {
    rowVersion: (saved.json as { rowVersion: number }).rowVersion,
  });
  expect(submitted.status, JSON.stringify(submitted.json)).toBe(200);

  const executive = await browser.newPage({ locale: 'th-TH' });
  await signIn(executive, baseUrl, EXECUTIVE);
  const approved = await apiCall(executive, 'POST', `/api/plans/${plan.id}/decision`, {
    decision: 'approve',
    rowVersion: (submitted.json as { rowVersion: number }).rowVersion,
    memoNumber: 'ชบ 0017/123',
    memoDate: bangkokDate(0),
  });
  expect(approved.status, JSON.stringify(approved.json)).toBe(200);
  await executive.close();
  return {
    id: plan.id,
    title: plan.content.title,
    rowVersion: (approved.json as { rowVersion: number }).rowVersion,
  };
}

/** Through the API: the secretariat circulates the approved plan (the status is checked). */
export async function circulatePlan(secretariat: Page, plan: SetUpPlan) {
  const circulated = await apiCall(secretariat, 'POST', `/api/plans/${plan.id}/circulate`, {
    rowVersion: plan.rowVersion,
  });
  expect(circulated.status, JSON.stringify(circulated.json)).toBe(200);
}
