/**
 * The home page (งานของฉัน) end to end: the demo server, the built UI in headless Chromium. Set up
 * through the API: a plan of จังหวัดตัวอย่าง approved, circulated, with a 6-month round open and due in
 * five days (one measure carried by DEMO-PROV-03), and next year's plan submitted to the executive.
 * The executive signs in, lands on the home page, sees the plan waiting and its count in the menu, and
 * reaches the plan page in one click; the same in English. The unit reporter, on a phone, lands on the
 * home page, sees the report due and the acknowledgement, and reaches the report in one click. The
 * cycle shows its seven stages. Needs `npm run build:ui` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiscalYearOf } from '#shared/format/thai.ts';
import { EXECUTIVE, REPORTER, SECRETARIAT, signIn } from './support/accounts.ts';
import { apiCall, listOrganizations } from './support/api.ts';
import { seriousFindings } from './support/axe.ts';
import { launchBrowser, newThaiPage } from './support/browser.ts';
import { bangkokDate } from './support/dates.ts';
import { closeNotifications, screenshotPath } from './support/screenshots.ts';
import { type ServerProcess, startDemoServer } from './support/server.ts';
import { circulatePlan, createApprovedPlan, PLAN_MEASURE } from './support/setup-plan.ts';
import { importResultsThroughApi } from './support/setup-results.ts';

const EXECUTIVE_SCREENSHOT = screenshotPath('home-executive.png');
const EXECUTIVE_EN_SCREENSHOT = screenshotPath('home-executive-en.png');
const SECRETARIAT_SCREENSHOT = screenshotPath('home-secretariat.png');
const REPORTER_SCREENSHOT = screenshotPath('home-reporter-phone.png');
/** The circulated plan is this fiscal year's, so that the home page's cycle shows it. */
const ROUND_YEAR = fiscalYearOf(new Date());
const SUBMITTED_YEAR = ROUND_YEAR + 1;

async function save(page: Page, file: string) {
  await closeNotifications(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  expect(fs.statSync(file).size).toBeGreaterThan(10_000);
}

/** Through the API: a complete plan of DEMO-PROV for `fiscalYear`, saved and submitted (not decided). */
async function createSubmittedPlan(secretariat: Page, fiscalYear: number) {
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
    content: {
      title: plan.content.title,
      analysisSummary: 'ผลการประเมินชี้ว่าการเปิดเผยข้อมูลการจัดซื้อจัดจ้างยังไม่ครบถ้วน',
      monitoringSection: 'คณะทำงาน ITA ติดตามความก้าวหน้าทุกรอบ 6 เดือน',
      issues: [
        {
          id: 'issue-1',
          title: 'การเปิดเผยข้อมูลการจัดซื้อจัดจ้าง',
          stance: 'urgent',
          measures: [
            {
              id: 'measure-1',
              title: 'เผยแพร่แผนและผลการจัดซื้อจัดจ้างทุกเดือน',
              steps: [{ id: 's1', text: 'รวบรวมข้อมูลการจัดซื้อจัดจ้างรายเดือน' }],
              responsible: { unitIds: [unit.id], external: [] },
              timeframe: { start: `${fiscalYear - 1}-10`, end: `${fiscalYear}-09` },
              monitoring: 'รายงานผลทุก 6 เดือน',
            },
          ],
        },
      ],
    },
  });
  expect(saved.status, JSON.stringify(saved.json)).toBe(200);
  const submitted = await apiCall(secretariat, 'POST', `/api/plans/${plan.id}/submit`, {
    rowVersion: (saved.json as { rowVersion: number }).rowVersion,
  });
  expect(submitted.status, JSON.stringify(submitted.json)).toBe(200);
  return { id: plan.id, title: plan.content.title };
}

describe('home: every role lands on what waits for it', () => {
  let server: ServerProcess;
  let browser: Browser;
  let secretariat: Page;
  let waiting = { id: '', title: '' };
  let circulatedTitle = '';

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    secretariat = await newThaiPage(browser, 'desktop', { defaultTimeout: 15_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sets up through the API: a circulated plan with an open round, and a plan waiting for approval', async () => {
    await signIn(secretariat, server.url, SECRETARIAT);
    expect(new URL(secretariat.url()).pathname).toBe('/');
    const plan = await createApprovedPlan(secretariat, {
      browser,
      baseUrl: server.url,
      fiscalYear: ROUND_YEAR,
    });
    circulatedTitle = plan.title;
    await circulatePlan(secretariat, plan);
    const round = await apiCall(secretariat, 'POST', '/api/rounds', {
      planId: plan.id,
      kind: '6m',
      dueDate: bangkokDate(5),
    });
    expect(round.status, JSON.stringify(round.json)).toBe(201);
    const opened = await apiCall(
      secretariat,
      'POST',
      `/api/rounds/${(round.json as { id: string }).id}/open`,
      {
        rowVersion: (round.json as { rowVersion: number }).rowVersion,
      },
    );
    expect(opened.status, JSON.stringify(opened.json)).toBe(200);
    waiting = await createSubmittedPlan(secretariat, SUBMITTED_YEAR);
  });

  it('the secretariat’s home lists the units that have not acknowledged, not the plan to approve', async () => {
    await secretariat.reload();
    const main = secretariat.getByRole('main');
    await main
      .getByRole('link', { name: new RegExp(`^หน่วยงานที่ยังไม่รับทราบแผน \\d+ หน่วยงาน: ${circulatedTitle}`) })
      .first()
      .waitFor();
    expect(await main.getByRole('link', { name: /แผนมาตรการรอท่านพิจารณาอนุมัติ/ }).count()).toBe(0);
    await save(secretariat, SECRETARIAT_SCREENSHOT);
  });

  it('the results page opens on the latest year with a result, not on an empty year', async () => {
    const province = (await listOrganizations(secretariat)).find((o) => o.code === 'DEMO-PROV')!;
    await importResultsThroughApi(secretariat, {
      fileName: 'ita-2566.csv',
      csv: ['code,score', 'ITA,88.10', ...[84.2, 90.1, 88.3, 80.5, 82.0].map((v, i) => `${i + 1},${v}`)].join(
        '\n',
      ),
      fiscalYear: 2566,
      organizationId: province.id,
    });
    await secretariat.getByRole('navigation').getByRole('link', { name: 'ผลการประเมินและการวิเคราะห์' }).click();
    await secretariat.getByRole('heading', { name: 'ผลการประเมินและการวิเคราะห์', level: 2 }).waitFor();
    const year = secretariat.getByRole('combobox', { name: 'ปีงบประมาณ', exact: true });
    await expect.poll(() => year.inputValue()).toBe('พ.ศ. 2566');
    // The province's own 2566 result is listed, not "no result of จังหวัดตัวอย่าง".
    await secretariat
      .getByRole('main')
      .getByRole('row')
      .filter({ hasText: 'DEMO-PROV' })
      .filter({ hasText: '88.10' })
      .waitFor();
    expect(await secretariat.getByText('ยังไม่มีผลการประเมินของ จังหวัดตัวอย่าง', { exact: false }).count()).toBe(0);
  });

  it('the executive lands on the home page, sees the plan waiting and the menu count, and the cycle', async () => {
    const executive = await newThaiPage(browser, 'desktop', { defaultTimeout: 15_000 });
    await signIn(executive, server.url, EXECUTIVE);
    expect(new URL(executive.url()).pathname).toBe('/');

    const main = executive.getByRole('main');
    const item = main.getByRole('listitem').filter({ hasText: waiting.title });
    await item.getByText('รอดำเนินการ', { exact: true }).waitFor();
    await item.getByText(`ปีงบประมาณ ${SUBMITTED_YEAR}`, { exact: false }).waitFor();

    // The menu: My work first with its count, the plans entry with its count.
    const nav = executive.getByRole('navigation');
    const links = nav.getByRole('link');
    expect(await links.first().innerText()).toMatch(/^งานของฉัน\s*1/);
    await nav.getByRole('link', { name: /^แผนมาตรการ\s*1\s*รอดำเนินการ 1 รายการ$/ }).waitFor();
    expect(await nav.getByRole('link', { name: /^หน่วยงาน$/ }).count()).toBe(1);

    // The cycle of the province for this fiscal year: seven stages, each saying its state in words.
    const stages = main
      .getByRole('list', { name: `ขั้นตอนของรอบปีงบประมาณ ${ROUND_YEAR}` })
      .getByRole('listitem');
    expect(await stages.count()).toBe(7);
    await stages.first().getByText('1. ได้รับผลการประเมิน').waitFor();
    const states = await stages.allInnerTexts();
    for (const text of states) expect(text).toMatch(/เสร็จแล้ว|ขั้นปัจจุบัน|ยังไม่ถึง|ไม่มีบันทึกในระบบ/);
    // This year's plan was approved and circulated today; its 6-month round is open: the current stage.
    await stages.nth(3).getByText('เสร็จแล้ว', { exact: true }).waitFor();
    await stages
      .nth(3)
      .getByText(/^เมื่อ \d{1,2} \S+ 25\d\d$/)
      .waitFor();
    expect(await stages.nth(4).getAttribute('aria-current')).toBe('step');
    await stages.nth(4).getByText('ขั้นปัจจุบัน', { exact: true }).waitFor();
    await stages.nth(4).getByText(`ตามปฏิทิน 31 มีนาคม ${ROUND_YEAR}`).waitFor();
    // The current stage has one link to where it is acted on (this year's plan: its rounds).
    await stages.nth(4).getByRole('link', { name: 'ติดตามรอบ 6 เดือน' }).waitFor();
    await save(executive, EXECUTIVE_SCREENSHOT);
    expect(await seriousFindings(executive)).toEqual([]);

    // One click from the home page to the plan.
    await main.getByRole('link', { name: `แผนมาตรการรอท่านพิจารณาอนุมัติ: ${waiting.title}` }).click();
    await executive.waitForURL(`${server.url}/plans/${waiting.id}`);
    await executive.getByText(waiting.title).first().waitFor();

    // In English: the page, the item and the cycle are worded in English; dates too.
    await executive.goto(`${server.url}/`);
    await executive.getByRole('button', { name: 'EN', exact: true }).click();
    await executive.getByRole('heading', { name: 'My work', level: 2 }).waitFor();
    await main.getByRole('link', { name: `Plan waiting for your approval: ${waiting.title}` }).waitFor();
    await main
      .getByRole('list', { name: `Stages of fiscal year ${ROUND_YEAR}` })
      .getByText(/Calendar: 31 March \d{4}/)
      .waitFor();
    expect(await main.innerText()).not.toMatch(/ตามปฏิทิน|รอดำเนินการ|ขั้นปัจจุบัน|เสร็จแล้ว|กำหนดส่ง/);
    await save(executive, EXECUTIVE_EN_SCREENSHOT);
    await executive.getByRole('button', { name: 'TH', exact: true }).click();
    await executive.context().close();
  });

  it('the unit reporter on a phone sees the report due and the acknowledgement, and opens the report in one click', async () => {
    const phone = await newThaiPage(browser, 'phone', { defaultTimeout: 15_000 });
    await signIn(phone, server.url, REPORTER);
    expect(new URL(phone.url()).pathname).toBe('/');
    const main = phone.getByRole('main');
    const report = main.getByRole('link', { name: `รายงานผลการดำเนินงาน: (1.1) ${PLAN_MEASURE}` });
    await report.waitFor();
    const card = main.getByRole('listitem').filter({ hasText: PLAN_MEASURE });
    await card.getByText('ใกล้ครบกำหนด', { exact: true }).waitFor();
    await card.getByText(/^กำหนดส่ง \d{1,2} \S+ 25\d\d$/).waitFor();
    await main.getByRole('link', { name: `แผนที่แจ้งเวียน รอหน่วยงานของท่านรับทราบ: ${circulatedTitle}` }).waitFor();
    // The report, due sooner, comes before the acknowledgement, which has no deadline.
    const texts = await main.getByRole('listitem').allInnerTexts();
    const reportAt = texts.findIndex((t) => t.includes(PLAN_MEASURE));
    const ackAt = texts.findIndex((t) => t.includes('รอหน่วยงานของท่านรับทราบ'));
    expect(reportAt).toBeGreaterThanOrEqual(0);
    expect(reportAt).toBeLessThan(ackAt);

    await save(phone, REPORTER_SCREENSHOT);
    expect(await seriousFindings(phone)).toEqual([]);

    // The menu counts the unit's tasks (the report and the acknowledgement).
    await phone.getByRole('button', { name: 'เปิดเมนู' }).click();
    await phone
      .getByRole('navigation')
      .getByRole('link', { name: /^งานที่ได้รับมอบหมาย\s*2\s*รอดำเนินการ 2 รายการ$/ })
      .waitFor();
    await phone.getByRole('button', { name: 'ปิดเมนู' }).click();

    await report.click();
    await phone.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
    await phone.getByRole('heading', { name: PLAN_MEASURE, level: 2 }).waitFor();
    await phone.context().close();
  });
});
