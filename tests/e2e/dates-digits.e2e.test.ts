/**
 * Buddhist-era dates and Thai digits end to end (issue 13, points 3, 4 and 7): the real server with its
 * demo accounts, the built UI in headless Chromium. A plan of จังหวัดตัวอย่าง for FY 2569 is made through
 * the API; in the browser the secretariat types a code in Thai digits (o๑) and the plan is stored with
 * o1; the executive opens the approval date's calendar (Thai months, พ.ศ. years), is refused a date in
 * the future and a Christian-era year with the reason under the field and the approve button disabled,
 * types the date with 2569 and approves: the stored date is 2026's. The unit reporter, on a phone, is
 * refused an unreadable percent (6๐.5x) and saves ๖๐, stored as 60. The secretariat is refused a round
 * due on 31/12/9999, and in English reads the round's due date and the calendar with English month names
 * and the BE year. Needs `npm run build:ui` first (`npm test` does it).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBeDate, formatBeMonth } from '#shared/format/be-date.ts';
import { setUpPlanContent } from '../support/plan-content.ts';
import { EXECUTIVE, REPORTER, SECRETARIAT, signIn } from './support/accounts.ts';
import { apiCall, listOrganizations } from './support/api.ts';
import { launchBrowser, newThaiPage } from './support/browser.ts';
import { bangkokDate, typedBeDate } from './support/dates.ts';
import { closeNotifications, screenshotPath } from './support/screenshots.ts';
import { type ServerProcess, startDemoServer } from './support/server.ts';

const FISCAL_YEAR = 2569;
const MEASURE = 'จัดทำคู่มือการให้บริการประชาชนและเผยแพร่ทางเว็บไซต์';
const CALENDAR_TH = screenshotPath('dates-calendar-th.png');
const YEAR_VIEW_TH = screenshotPath('dates-calendar-year-th.png');
const REFUSED_TH = screenshotPath('dates-approval-refused-th.png');
const PERCENT_PHONE = screenshotPath('dates-percent-phone.png');
const CALENDAR_EN = screenshotPath('dates-calendar-en.png');

type PlanBody = {
  id: string;
  rowVersion: number;
  status: string;
  memoDate: string | null;
  content: { title: string; issues: { measures: { codes: string[]; budget: number | null }[] }[] };
};

describe('Buddhist-era dates and Thai digits in every input', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let plan: PlanBody;
  const today = bangkokDate(0);
  const due = bangkokDate(7);

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    page = await newThaiPage(browser, 'desktop', { defaultTimeout: 15_000 });
    await signIn(page, server.url, SECRETARIAT);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const getPlan = async () => (await apiCall(page, 'GET', `/api/plans/${plan.id}`)).json as PlanBody;

  it('a code typed in Thai digits (o๑) is read as o1 and the plan saves with it', async () => {
    const organizations = await listOrganizations(page);
    const province = organizations.find((o) => o.code === 'DEMO-PROV')!;
    const unit = organizations.find((o) => o.code === 'DEMO-PROV-03')!;
    const created = await apiCall(page, 'POST', '/api/plans', {
      organizationId: province.id,
      fiscalYear: FISCAL_YEAR,
      issuesFrom: 'none',
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const draft = created.json as PlanBody;
    const saved = await apiCall(page, 'PUT', `/api/plans/${draft.id}`, {
      rowVersion: draft.rowVersion,
      content: setUpPlanContent(draft.content.title, FISCAL_YEAR, [
        { id: 'measure-1', title: MEASURE, unitIds: [unit.id] },
      ]),
    });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    plan = saved.json as PlanBody;

    await page.goto(`${server.url}/plans/${plan.id}`);
    // The 2569 edition lists the OIT items (its IIT questions are not listed, so i3 would be unknown).
    const codes = page.getByLabel('รหัสข้อคำถาม/ตัวชี้วัดที่มาตรการตอบ', { exact: true }).first();
    await codes.fill('o๑');
    await codes.press('Enter');
    await page.getByText('o1', { exact: true }).first().waitFor();
    expect(await page.getByText('o๑', { exact: true }).count()).toBe(0);
    // A budget that cannot be read holds the save (no silent refusal); Thai digits are read.
    const budget = page.getByLabel('งบประมาณ (บาท)', { exact: false }).first();
    const saveButton = page.getByRole('button', { name: 'บันทึกแผน' });
    await budget.fill('2๕,000.5x');
    await budget.blur();
    await expect.poll(() => saveButton.isDisabled()).toBe(true);
    await budget.fill('๒๕,๐๐๐');
    await budget.blur();
    await expect.poll(() => saveButton.isDisabled()).toBe(false);
    await page.getByRole('button', { name: 'บันทึกแผน' }).click();
    await page.getByText('บันทึกแล้ว', { exact: true }).first().waitFor();
    plan = await getPlan();
    expect(plan.content.issues[0]!.measures[0]!.codes).toEqual(['o1']);
    expect(plan.content.issues[0]!.measures[0]!.budget).toBe(25000);
    const submitted = await apiCall(page, 'POST', `/api/plans/${plan.id}/submit`, {
      rowVersion: plan.rowVersion,
    });
    expect(submitted.status, JSON.stringify(submitted.json)).toBe(200);
  });

  it('the executive picks the approval date on a Buddhist-era calendar, is refused a future or CE date, and 2569 is stored as 2026', async () => {
    const executive = await newThaiPage(browser, 'desktop', { defaultTimeout: 15_000 });
    await signIn(executive, server.url, EXECUTIVE);
    await executive.goto(`${server.url}/plans/${plan.id}`);
    const form = executive.getByRole('form', { name: 'อนุมัติแผน' });
    await form.waitFor();
    await form.getByRole('textbox', { name: 'เลขที่บันทึกข้อความ' }).fill('ชบ 0017/2569');
    const date = form.getByRole('textbox', { name: 'ลงวันที่' });
    const approve = form.getByRole('button', { name: 'อนุมัติ', exact: true });

    // The calendar: this month's Thai name and BE year, Thai weekday names, weeks from Sunday.
    await date.click();
    const monthLevel = executive.getByRole('button', { name: 'เลือกเดือน' });
    await monthLevel.waitFor();
    expect(await monthLevel.textContent()).toBe(formatBeMonth(today, 'th'));
    expect(formatBeMonth(today, 'th')).toMatch(/^[ก-๙]+ 25\d\d$/);
    await executive.getByText('อา.', { exact: true }).first().waitFor();
    // A day after today cannot be picked.
    const tomorrow = bangkokDate(1);
    if (tomorrow.slice(0, 7) === today.slice(0, 7)) {
      expect(
        await executive.getByRole('button', { name: formatBeDate(tomorrow, 'th'), exact: true }).isDisabled(),
      ).toBe(true);
    }
    await executive.waitForTimeout(400); // the dropdown's fade-in
    await executive.screenshot({ path: CALENDAR_TH });
    // The year view: Thai short month names under พ.ศ.
    await monthLevel.click();
    const yearLevel = executive.getByRole('button', { name: 'เลือกปี' });
    expect(await yearLevel.textContent()).toBe(`พ.ศ. ${Number(today.slice(0, 4)) + 543}`);
    await executive.getByRole('button', { name: 'ม.ค.', exact: true }).waitFor();
    await executive.waitForTimeout(400);
    await executive.screenshot({ path: YEAR_VIEW_TH });
    await date.press('Escape');

    // Today, typed with the BE year: read, and approve is enabled.
    await date.fill(typedBeDate(today));
    expect(await approve.isEnabled()).toBe(true);
    // Tomorrow: refused under the field, approve disabled.
    await date.fill(typedBeDate(tomorrow));
    await form.getByText(`วันที่ต้องไม่หลัง ${formatBeDate(today, 'th')}`).waitFor();
    expect(await approve.isDisabled()).toBe(true);
    // The CE year: refused with the BE year to type instead (never 3112).
    const [y, m, d] = today.split('-').map(Number) as [number, number, number];
    await date.fill(`${d}/${m}/${y}`);
    await form.getByText(`ปี ${y} เป็นปีคริสต์ศักราช ให้พิมพ์ปีพุทธศักราช (${y + 543})`).waitFor();
    expect(await approve.isDisabled()).toBe(true);
    await date.press('Tab');
    expect(await date.inputValue()).toBe(`${d}/${m}/${y}`);
    // The calendar stays closed while the field has a problem: the message under it is seen.
    await executive.locator('[data-dates-dropdown]').waitFor({ state: 'detached' });
    await executive.screenshot({ path: REFUSED_TH });
    // Thai digits read as the same date.
    await date.fill(typedBeDate(today).replace(/[0-9]/g, (c) => '๐๑๒๓๔๕๖๗๘๙'[Number(c)]!));
    expect(await approve.isEnabled()).toBe(true);
    // And the date typed with 2569 (or this year in BE) is what is sent.
    await date.fill(typedBeDate(today));
    await date.press('Tab');
    expect(await date.inputValue()).toBe(formatBeDate(today, 'th'));
    await approve.click();
    const dialog = executive.getByRole('dialog');
    await dialog.getByRole('button', { name: 'อนุมัติ', exact: true }).click();
    await executive.getByText('อนุมัติแล้ว', { exact: true }).first().waitFor();
    const approved = (await apiCall(executive, 'GET', `/api/plans/${plan.id}`)).json as PlanBody;
    expect(approved.status).toBe('approved');
    expect(approved.memoDate).toBe(today);
    plan = approved;
    await executive.context().close();
  });

  it('the unit reporter on a phone is refused an unreadable percent and ๖๐ is stored as 60', async () => {
    const circulated = await apiCall(page, 'POST', `/api/plans/${plan.id}/circulate`, {
      rowVersion: plan.rowVersion,
    });
    expect(circulated.status, JSON.stringify(circulated.json)).toBe(200);
    const round = await apiCall(page, 'POST', '/api/rounds', { planId: plan.id, kind: '6m', dueDate: due });
    expect(round.status, JSON.stringify(round.json)).toBe(201);
    const { id: roundId, rowVersion } = round.json as { id: string; rowVersion: number };
    expect((await apiCall(page, 'POST', `/api/rounds/${roundId}/open`, { rowVersion })).status).toBe(200);

    const phone = await newThaiPage(browser, 'phone', { defaultTimeout: 15_000 });
    await signIn(phone, server.url, REPORTER);
    const mine = (await apiCall(phone, 'GET', '/api/reports/mine')).json as {
      id: string;
      measureTitle: string;
    }[];
    const slot = mine.find((s) => s.measureTitle === MEASURE)!;
    await phone.goto(`${server.url}/reports/${slot.id}`);
    const percent = phone.getByRole('textbox', { name: 'ร้อยละความก้าวหน้า' });
    const saveDraft = phone.getByRole('button', { name: 'บันทึกร่าง' });
    await percent.fill('6๐.5x');
    await phone.getByText('อ่าน "6๐.5x" เป็นจำนวนเต็มไม่ได้', { exact: false }).waitFor();
    expect(await saveDraft.isDisabled()).toBe(true);
    expect(await phone.getByRole('button', { name: 'ส่งรายงาน' }).isDisabled()).toBe(true);
    await percent.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await phone.screenshot({ path: PERCENT_PHONE });
    await percent.fill('๖๐');
    expect(await phone.getByRole('combobox', { name: 'สถานะ' }).inputValue()).toBe('in_progress');
    await percent.blur();
    expect(await percent.inputValue()).toBe('60');
    expect(await saveDraft.isEnabled()).toBe(true);
    const saved = phone.waitForResponse(
      (r) =>
        r.url().endsWith(`/api/reports/${slot.id}`) && r.request().method() === 'PUT' && r.status() === 200,
    );
    await saveDraft.click();
    await saved;
    const stored = (await apiCall(phone, 'GET', `/api/reports/${slot.id}`)).json as { percent: number };
    expect(stored.percent).toBe(60);
    await phone.context().close();
  });

  it('the secretariat is refused a round due on 31/12/9999, and reads dates in English with the BE year', async () => {
    await page.goto(`${server.url}/plans/${plan.id}`);
    const section = page.getByRole('region', { name: 'รอบการรายงาน' });
    await section.waitFor();
    const dueField = section.getByRole('textbox', { name: 'วันครบกำหนดส่ง' });
    await dueField.fill('31/12/9999');
    await section.getByText('วันที่ต้องไม่หลัง 30 กันยายน 2570').waitFor();
    expect(await section.getByRole('button', { name: 'สร้างรอบการรายงาน' }).isDisabled()).toBe(true);
    await dueField.press('Tab');
    await closeNotifications(page);

    await page.getByRole('button', { name: 'EN', exact: true }).click();
    try {
      const rounds = page.getByRole('region', { name: 'Follow-up rounds' });
      await rounds.waitFor();
      const dueEn = formatBeDate(due, 'en');
      expect(dueEn).toMatch(/^\d{1,2} [A-Z][a-z]+ 25\d\d BE$/);
      await rounds.getByText(new RegExp(`Due ${dueEn}`)).waitFor();
      expect(await rounds.getByText(/[ก-๙]+ 25\d\d/).count()).toBe(0);
      await rounds.getByRole('textbox', { name: 'Due date' }).click();
      const monthLevel = page.getByRole('button', { name: 'Choose the month' });
      await monthLevel.waitFor();
      expect(await monthLevel.textContent()).toBe(formatBeMonth(today, 'en'));
      expect(formatBeMonth(today, 'en')).toMatch(/^[A-Z][a-z]+ 25\d\d BE$/);
      await page.waitForTimeout(400);
      await page.screenshot({ path: CALENDAR_EN });
      await page.keyboard.press('Escape');
    } finally {
      await page.getByRole('button', { name: 'TH', exact: true }).click();
    }
  });
});
