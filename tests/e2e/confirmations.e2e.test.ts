/**
 * Confirmations that say what will happen, the executive's read view of a plan, and a stale action,
 * end to end: the real server (demo accounts) in a child process, the built UI in headless Chromium.
 * Set up through the API: a plan of จังหวัดตัวอย่าง with a measure of DEMO-PROV-03 (which has a
 * reporter account) and one of DEMO-PROV-01 (which has none). In the browser the secretariat submits
 * (the dialog names the executive), the executive reads the plan as a document, approves from a page
 * loaded before someone else changed the plan (refused: who and when, then "reload"), then approves
 * (the dialog says the memo and what comes next); the secretariat circulates (the dialog lists both
 * units and says DEMO-PROV-01 will not be told), closes a round (the dialog counts the two missing
 * reports and names the units) and publishes (the dialog shows the full address, changed there, then
 * fixed). Needs `npm run build:ui` first.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpPlanContent } from '../support/plan-content.ts';
import { EXECUTIVE, REPORTER, SECRETARIAT, signIn } from './support/accounts.ts';
import { apiCall, listOrganizations } from './support/api.ts';
import { seriousFindings } from './support/axe.ts';
import { launchBrowser, newThaiPage } from './support/browser.ts';
import { bangkokDate } from './support/dates.ts';
import { closeNotifications, screenshotPath } from './support/screenshots.ts';
import { type ServerProcess, startDemoServer } from './support/server.ts';

const FISCAL_YEAR = 2570;
const UNIT_WITH_REPORTER = 'สำนักงานสาธารณสุขจังหวัดตัวอย่าง';
const UNIT_WITHOUT_REPORTER = 'สำนักงานจังหวัดตัวอย่าง';
const EXECUTIVE_NAME = 'ผู้ว่าราชการจังหวัดตัวอย่าง';
const SECRETARIAT_NAME = 'ฝ่ายเลขานุการ ITA จังหวัด';
const ADMIN = 'admin@demo.prongsai.local';
const ADMIN_NAME = 'ผู้ดูแลระบบ (ตัวอย่าง)';
const MEMO = 'ชบ 0017/555';
const SLUG = 'confirm-prov';

/** Publishing renders DOCX, PDF and XLSX (the PDF through Chromium). */
const PUBLISH_WAIT = 180_000;

describe('confirmations that say what will happen', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let executive: Page;
  let planId = '';
  let planUrl = '';

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    page = await newThaiPage(browser, 'wide', { defaultTimeout: 15_000 });
    executive = await newThaiPage(browser, 'desktop', { defaultTimeout: 15_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const dialog = (p: Page, name: string | RegExp) => p.getByRole('dialog', { name });
  /** A dialog's opening transition over, so that its screenshot shows it as the person sees it. */
  const settled = (p: Page) => p.waitForTimeout(400);

  it('sets up a complete plan with measures of two units through the API', async () => {
    await signIn(page, server.url, SECRETARIAT);
    const organizations = await listOrganizations(page);
    const province = organizations.find((o) => o.code === 'DEMO-PROV')!;
    const withReporter = organizations.find((o) => o.code === 'DEMO-PROV-03')!;
    const withoutReporter = organizations.find((o) => o.code === 'DEMO-PROV-01')!;
    const created = await apiCall(page, 'POST', '/api/plans', {
      organizationId: province.id,
      fiscalYear: FISCAL_YEAR,
      issuesFrom: 'none',
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const plan = created.json as { id: string; rowVersion: number; content: { title: string } };
    const measure = (id: string, title: string, unitId: string, budget: number | null) => ({
      id,
      title,
      unitIds: [unitId],
      steps: [
        { id: `${id}-s1`, text: 'จัดทำคู่มือการให้บริการ' },
        { id: `${id}-s2`, text: 'เผยแพร่คู่มือบนเว็บไซต์ของหน่วยงาน' },
      ],
      budget,
    });
    const saved = await apiCall(page, 'PUT', `/api/plans/${plan.id}`, {
      rowVersion: plan.rowVersion,
      content: setUpPlanContent(plan.content.title, FISCAL_YEAR, [
        measure('m1', 'จัดทำคู่มือการให้บริการประชาชน', withReporter.id, 25000),
        measure('m2', 'ประชาสัมพันธ์ช่องทางร้องเรียน', withoutReporter.id, null),
      ]),
    });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    planId = plan.id;
    planUrl = `${server.url}/plans/${planId}`;
  });

  it('submit says who will be asked to approve and that editing locks', async () => {
    await page.goto(planUrl);
    await page.getByRole('button', { name: 'ส่งให้ผู้บริหารอนุมัติ' }).click();
    const confirm = dialog(page, 'เสนอแผนฉบับที่ 1 เพื่อขออนุมัติ');
    await confirm.getByTestId('confirm-approvers').getByText(EXECUTIVE_NAME).waitFor();
    await confirm.getByText('ผู้ที่จะได้รับคำขออนุมัติ (1 คน)').waitFor();
    await confirm.getByText('เมื่อเสนอแล้ว แผนจะแก้ไขไม่ได้', { exact: false }).waitFor();
    await settled(page);
    await page.screenshot({ path: screenshotPath('confirm-submit.png') });
    await confirm.getByRole('button', { name: 'เสนอขออนุมัติ' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByText('ส่งแล้ว รอผู้บริหารพิจารณาอนุมัติหรือส่งกลับ').waitFor();
    // Not editable any more: the plan reads as a document, not as a locked form.
    await page.getByTestId('plan-read-view').waitFor();
    expect(await page.getByRole('textbox', { name: 'ชื่อมาตรการ/โครงการ/กิจกรรม' }).count()).toBe(0);
  });

  it('the executive reads the plan as a document, with no textbox of the editor', async () => {
    await signIn(executive, server.url, EXECUTIVE);
    await executive.goto(planUrl);
    const read = executive.getByTestId('plan-read-view');
    await read.waitFor();
    await read.getByText('มาตรการ (1.1)').waitFor();
    await read.getByText('มาตรการ (1.2)').waitFor();
    await read.getByRole('heading', { name: 'จัดทำคู่มือการให้บริการประชาชน' }).waitFor();
    await read.getByText(UNIT_WITH_REPORTER, { exact: true }).waitFor();
    await read.getByText(UNIT_WITHOUT_REPORTER, { exact: true }).waitFor();
    await read
      .getByText(`ตุลาคม ${FISCAL_YEAR - 1} – กันยายน ${FISCAL_YEAR}`)
      .first()
      .waitFor();
    await read.getByText('25,000 บาท').waitFor();
    expect(await read.getByRole('textbox').count()).toBe(0);
    for (const name of ['ชื่อมาตรการ/โครงการ/กิจกรรม', 'การกำกับติดตามและการรายงานผล', 'ชื่อแผน']) {
      expect(await executive.getByRole('textbox', { name }).count()).toBe(0);
    }
    expect(await executive.getByText('แก้ไขไม่ได้', { exact: false }).count()).toBe(0);
    // The decision stays beside it.
    await executive.getByRole('form', { name: 'อนุมัติแผน' }).waitFor();
    await executive.screenshot({ path: screenshotPath('confirm-executive-read.png'), fullPage: true });
    expect(await seriousFindings(executive)).toEqual([]);
  });

  it('a stale approve is refused, saying who changed the plan and when; reload, then approve', async () => {
    // Meanwhile, through the API: returned (by the executive elsewhere) and submitted again.
    const elsewhere = await newThaiPage(browser, 'desktop');
    await signIn(elsewhere, server.url, EXECUTIVE);
    const current = (await apiCall(elsewhere, 'GET', `/api/plans/${planId}`)).json as { rowVersion: number };
    const returned = await apiCall(elsewhere, 'POST', `/api/plans/${planId}/decision`, {
      decision: 'return',
      rowVersion: current.rowVersion,
      comment: 'ขอให้ทบทวนงบประมาณ',
    });
    expect(returned.status, JSON.stringify(returned.json)).toBe(200);
    await elsewhere.context().close();
    const resubmitted = await apiCall(page, 'POST', `/api/plans/${planId}/submit`, {
      rowVersion: (returned.json as { rowVersion: number }).rowVersion,
    });
    expect(resubmitted.status, JSON.stringify(resubmitted.json)).toBe(200);

    const approve = executive.getByRole('form', { name: 'อนุมัติแผน' });
    await approve.getByRole('textbox', { name: 'เลขที่บันทึกข้อความ' }).fill(MEMO);
    const today = bangkokDate(0);
    const [y, m, d] = today.split('-').map(Number) as [number, number, number];
    const dateField = approve.getByRole('textbox', { name: /^ลงวันที่/ });
    await dateField.fill(`${d}/${m}/${y + 543}`);
    await dateField.press('Tab');
    await approve.getByRole('button', { name: 'อนุมัติ', exact: true }).click();
    const confirm = dialog(executive, 'อนุมัติแผนฉบับที่ 1');
    await confirm.getByText(`อนุมัติตามบันทึกข้อความที่ ${MEMO} ลงวันที่`, { exact: false }).waitFor();
    await confirm
      .getByText(String(y + 543), { exact: false })
      .first()
      .waitFor();
    await confirm.getByRole('button', { name: 'อนุมัติ', exact: true }).click();

    const stale = executive.getByTestId('stale-notice');
    await stale.getByText(`แผนนี้ถูกเปลี่ยนโดย ${SECRETARIAT_NAME} เมื่อ`, { exact: false }).waitFor();
    const message = (await stale.textContent()) ?? '';
    expect(message).toContain(String(y + 543));
    expect(message).toContain('ยังไม่ได้ดำเนินการ');
    await closeNotifications(executive);
    await confirm.waitFor({ state: 'detached' });
    await executive.screenshot({ path: screenshotPath('confirm-stale-approve.png') });
    const row = (await apiCall(page, 'GET', `/api/plans/${planId}`)).json as { status: string };
    expect(row.status).toBe('submitted');

    await stale.getByRole('button', { name: 'โหลดข้อมูลล่าสุด' }).click();
    await stale.waitFor({ state: 'detached' });
    await approve.getByRole('button', { name: 'อนุมัติ', exact: true }).click();
    await confirm
      .getByTestId('confirm-approve-next')
      .getByText(UNIT_WITH_REPORTER, { exact: false })
      .waitFor();
    await confirm.getByText('แผนที่อนุมัติแล้วแก้ไขไม่ได้', { exact: false }).waitFor();
    await settled(executive);
    await executive.screenshot({ path: screenshotPath('confirm-approve.png') });
    await confirm.getByRole('button', { name: 'อนุมัติ', exact: true }).click();
    await executive.getByText(`บันทึกข้อความ ที่ ${MEMO}`, { exact: false }).waitFor();
  });

  it('circulate lists the units told and says which has no reporter to tell', async () => {
    await page.goto(planUrl);
    await page.getByRole('button', { name: 'แจ้งเวียนแผน' }).click();
    const confirm = dialog(page, 'แจ้งเวียนแผนไปยังหน่วยงานผู้รับผิดชอบ');
    await confirm.getByText('หน่วยงานที่จะได้รับแจ้ง (2 หน่วย)').waitFor();
    await confirm.getByTestId('confirm-units').getByText(UNIT_WITH_REPORTER, { exact: false }).waitFor();
    await confirm.getByText('ผู้รายงาน 1 คน', { exact: false }).waitFor();
    await confirm.getByTestId('confirm-unreached').getByText(UNIT_WITHOUT_REPORTER).waitFor();
    await confirm.getByText('ไม่มีบัญชีผู้รายงาน', { exact: false }).waitFor();
    await settled(page);
    await page.screenshot({ path: screenshotPath('confirm-circulate.png') });
    expect(await seriousFindings(page)).toEqual([]);
    await confirm.getByRole('button', { name: 'แจ้งเวียน', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByText('แจ้งเวียนแล้ว', { exact: true }).first().waitFor();
  });

  it('a stale review is refused, saying who returned the report and when, with reload', async () => {
    const created = await apiCall(page, 'POST', '/api/rounds', {
      planId,
      kind: '6m',
      dueDate: bangkokDate(3),
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const round = created.json as { id: string; rowVersion: number };
    const opened = await apiCall(page, 'POST', `/api/rounds/${round.id}/open`, {
      rowVersion: round.rowVersion,
    });
    expect(opened.status, JSON.stringify(opened.json)).toBe(200);

    const reporter = await newThaiPage(browser, 'phone');
    await signIn(reporter, server.url, REPORTER);
    const [slot] = (await apiCall(reporter, 'GET', '/api/reports/mine')).json as {
      id: string;
      rowVersion: number;
    }[];
    const sent = await apiCall(reporter, 'POST', `/api/reports/${slot!.id}/submit`, {
      rowVersion: slot!.rowVersion,
      result: 'จัดทำคู่มือการให้บริการแล้ว',
      progress: 'done',
      percent: 100,
    });
    expect(sent.status, JSON.stringify(sent.json)).toBe(200);
    await reporter.context().close();

    await page.goto(`${server.url}/reports/${slot!.id}`);
    const review = page.getByRole('region', { name: 'ตรวจรายงาน' });
    await review.getByRole('button', { name: 'ตรวจรับ' }).waitFor();
    // Meanwhile an admin returns it through the API.
    const admin = await newThaiPage(browser, 'desktop');
    await signIn(admin, server.url, ADMIN);
    const returned = await apiCall(admin, 'POST', `/api/reports/${slot!.id}/review`, {
      decision: 'return',
      rowVersion: (sent.json as { rowVersion: number }).rowVersion,
      comment: 'กรุณาแนบหลักฐาน',
    });
    expect(returned.status, JSON.stringify(returned.json)).toBe(200);
    await admin.context().close();

    await review.getByRole('button', { name: 'ตรวจรับ' }).click();
    const stale = page.getByTestId('stale-notice');
    await stale.getByText(`รายงานนี้ถูกเปลี่ยนโดย ${ADMIN_NAME} เมื่อ`, { exact: false }).waitFor();
    await closeNotifications(page);
    await page.screenshot({ path: screenshotPath('confirm-stale-review.png') });
    const state = (await apiCall(page, 'GET', `/api/reports/${slot!.id}`)).json as { state: string };
    expect(state.state).toBe('returned');
    await stale.getByRole('button', { name: 'โหลดข้อมูลล่าสุด' }).click();
    await stale.waitFor({ state: 'detached' });
    expect(await review.count()).toBe(0);
  });

  it('close round counts the missing reports and names their units', async () => {
    await page.goto(planUrl);
    const section = page.getByRole('region', { name: 'รอบการรายงาน' });
    await section.getByRole('button', { name: 'ปิดรอบ' }).click();
    const confirm = dialog(page, /^ปิด/);
    const missing = confirm.getByTestId('close-missing');
    await missing.getByText('ยังไม่ได้ส่ง 2 จาก 2 รายการ').waitFor();
    await missing.getByText(UNIT_WITH_REPORTER, { exact: false }).waitFor();
    await missing.getByText(UNIT_WITHOUT_REPORTER, { exact: false }).waitFor();
    await confirm.getByText('หน่วยงานจะบันทึกหรือส่งรายงานของรอบนี้ไม่ได้อีก', { exact: false }).waitFor();
    await settled(page);
    await page.screenshot({ path: screenshotPath('confirm-close-round.png') });
    expect(await seriousFindings(page)).toEqual([]);
    await confirm.getByRole('button', { name: 'ปิดรอบ', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    await section.getByText('ปิดรอบแล้ว', { exact: false }).first().waitFor();
  });

  it('publish shows the full address, changed in the dialog, then fixed', { timeout: 240_000 }, async () => {
    await page.goto(planUrl);
    const panel = page.getByRole('region', { name: 'เผยแพร่บนเว็บไซต์สาธารณะ' });
    await panel.getByRole('button', { name: 'เผยแพร่', exact: true }).click();
    const confirm = dialog(page, 'ยืนยันการเผยแพร่สู่สาธารณะ');
    const address = confirm.getByTestId('confirm-address');
    expect(await address.textContent()).toBe(`${server.url}/p/demo-prov/${FISCAL_YEAR}/plan`);
    await confirm.getByText('เปลี่ยนไม่ได้อีกหลังจากเผยแพร่', { exact: false }).waitFor();
    await confirm.getByText('แผนฉบับนี้ (หน้าเว็บและไฟล์เอกสาร) จะเปิดให้ทุกคนอ่านได้', { exact: false }).waitFor();
    await confirm.getByRole('textbox', { name: /^ชื่อหน่วยงานในที่อยู่/ }).fill(SLUG);
    await expect.poll(() => address.textContent()).toBe(`${server.url}/p/${SLUG}/${FISCAL_YEAR}/plan`);
    await settled(page);
    await page.screenshot({ path: screenshotPath('confirm-publish.png') });
    expect(await seriousFindings(page)).toEqual([]);
    const published = page.waitForResponse(
      (r) => r.url().endsWith('/api/publications') && r.request().method() === 'POST',
      { timeout: PUBLISH_WAIT },
    );
    await confirm.getByRole('button', { name: 'เผยแพร่', exact: true }).click();
    const response = await published;
    expect(response.status(), await response.text()).toBe(200);
    expect(JSON.parse(response.request().postData() ?? '{}')).toEqual({
      kind: 'plan',
      subjectId: planId,
      expectedVersionNo: 0,
      slug: SLUG,
    });
    expect(((await response.json()) as { publication: { url: string } }).publication.url).toBe(
      `/p/${SLUG}/${FISCAL_YEAR}/plan/v1`,
    );
    await panel.getByRole('status').getByText('เผยแพร่ฉบับที่ 1 แล้ว').waitFor();
    await panel.getByTestId('public-slug').getByText(SLUG, { exact: true }).waitFor();

    // Fixed from now on: the dialog shows the address with no field to change it.
    await panel.getByRole('button', { name: 'เผยแพร่', exact: true }).click();
    expect(await address.textContent()).toBe(`${server.url}/p/${SLUG}/${FISCAL_YEAR}/plan`);
    await confirm.getByText('เผยแพร่เป็นฉบับที่ 2 ที่อยู่เดิม', { exact: false }).waitFor();
    expect(await confirm.getByRole('textbox').count()).toBe(0);
    await confirm.getByRole('button', { name: 'ยกเลิก' }).click();
    await confirm.waitFor({ state: 'detached' });
  });

  it('in English: the read view and the confirmations speak English, months in the Buddhist era', async () => {
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    try {
      const read = page.getByTestId('plan-read-view');
      await read.getByRole('heading', { name: 'Plan, version 1' }).waitFor();
      await read.getByText('Measure (1.1)').waitFor();
      await read.getByText('Provincial Public Health Office', { exact: true }).waitFor();
      await read
        .getByText(`October ${FISCAL_YEAR - 1} BE – September ${FISCAL_YEAR} BE`)
        .first()
        .waitFor();
      await read.getByText('25,000 baht').waitFor();
      const panel = page.getByRole('region', { name: 'Public website' });
      await panel.getByRole('button', { name: 'Publish', exact: true }).click();
      const confirm = dialog(page, 'Publish to the public?');
      await confirm.getByText('This plan (its page and document files) becomes readable by anyone').waitFor();
      await confirm.getByText('Published as version 2 at the same address', { exact: false }).waitFor();
      await settled(page);
      await page.screenshot({ path: screenshotPath('confirm-publish-en.png') });
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      await confirm.waitFor({ state: 'detached' });
    } finally {
      await page.getByRole('button', { name: 'TH', exact: true }).click();
    }
  });
});
