/**
 * The national overview end to end: the demo server (agencies and accounts), the built UI in headless
 * Chromium. Set up through the API as the deployment admin: ITA results of 2567 and 2568 for five
 * agencies of จังหวัดตัวอย่าง (DEMO-PROV-01 … 05), each with its instruments and indicators.
 * The admin opens the overview from the menu, sees the province's 2568 results against the national
 * target, opens one agency from the breakdown and comes back by the breadcrumb; the same in English.
 * The province's secretariat reads it on a phone, where the tables scroll inside their frames and the
 * page does not. The unit reporter has no such menu entry. Needs `npm run build:ui` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORTER, SECRETARIAT, signIn } from './support/accounts.ts';
import { listOrganizations } from './support/api.ts';
import { launchBrowser, newThaiPage } from './support/browser.ts';
import { closeNotifications, screenshotPath } from './support/screenshots.ts';
import { type ServerProcess, startDemoServer } from './support/server.ts';
import { importResultsThroughApi } from './support/setup-results.ts';

const ADMIN = 'admin@demo.prongsai.local';
const DESKTOP_SCREENSHOT = screenshotPath('national-desktop.png');
const DESKTOP_EN_SCREENSHOT = screenshotPath('national-desktop-en.png');
const AGENCY_SCREENSHOT = screenshotPath('national-agency.png');
const PHONE_SCREENSHOT = screenshotPath('national-phone.png');

/** Totals of 2567 and 2568 (every instrument and indicator at the same score); null: no result. */
const RESULTS: Record<string, [number | null, number]> = {
  'DEMO-PROV-01': [80, 90],
  'DEMO-PROV-02': [84, 86],
  'DEMO-PROV-03': [90, 78],
  'DEMO-PROV-04': [70, 88],
  'DEMO-PROV-05': [null, 60],
};

const csvOf = (score: number) =>
  ['code,score', `ITA,${score}`, `IIT,${score}`, `EIT,${score}`, `OIT,${score}`]
    .concat(Array.from({ length: 10 }, (_, i) => `${i + 1},${score}`))
    .join('\n');

let server: ServerProcess;
let browser: Browser;

async function save(page: Page, file: string) {
  await closeNotifications(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  expect(fs.statSync(file).size).toBeGreaterThan(10_000);
}

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
  const admin = await newThaiPage(browser, 'desktop', { defaultTimeout: 15_000 });
  await signIn(admin, server.url, ADMIN);
  const organizations = await listOrganizations(admin);
  for (const [code, [previous, current]] of Object.entries(RESULTS)) {
    const organizationId = organizations.find((o) => o.code === code)!.id;
    if (previous !== null) {
      await importResultsThroughApi(admin, {
        fileName: `${code}-2567.csv`,
        csv: csvOf(previous),
        fiscalYear: 2567,
        organizationId,
      });
    }
    await importResultsThroughApi(admin, {
      fileName: `${code}-2568.csv`,
      csv: csvOf(current),
      fiscalYear: 2568,
      organizationId,
    });
  }
  await admin.context().close();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('national overview', () => {
  it('the admin opens it from the menu: the target with its numbers, levels, breakdown and agencies', async () => {
    const page = await newThaiPage(browser, 'desktop', { defaultTimeout: 15_000 });
    await signIn(page, server.url, ADMIN);
    await page.getByRole('navigation').getByRole('link', { name: 'ภาพรวมประเทศและกระทรวง' }).click();
    await page
      .getByRole('heading', { name: 'ภาพรวมผลการประเมินระดับประเทศ กระทรวง และจังหวัด', level: 2 })
      .waitFor();
    const main = page.getByRole('main');
    // The latest year with results, and the first node the admin reaches (จังหวัดตัวอย่าง sorts first).
    await expect
      .poll(() => main.getByRole('combobox', { name: 'ปีงบประมาณของผลการประเมิน' }).inputValue())
      .toBe('ปีงบประมาณ 2568');
    const target = main.getByRole('region', { name: 'เป้าหมายระดับประเทศ ปี 2568' });
    await target
      .getByText('หน่วยงานที่มีคะแนนรวม 3 จาก 5 แห่ง (60%) ได้ 85 คะแนนขึ้นไป ยังไม่บรรลุเป้าหมายร้อยละ 80')
      .waitFor();
    await target.getByText('ยังไม่บรรลุเป้าหมาย', { exact: true }).waitFor();
    // Change from 2567: 01 +10, 02 +2, 03 −12, 04 +18 (05 had no 2567 result).
    await main
      .getByText(
        'หน่วยงาน 4 แห่งที่มีคะแนนรวมทั้งปีนี้และปี 2567: เพิ่มขึ้น 3 แห่ง ลดลง 1 แห่ง เท่าเดิม 0 แห่ง เปลี่ยนแปลงเฉลี่ย +4.50 คะแนน',
      )
      .waitFor();
    const levels = main.getByRole('table', { name: 'ระดับผลการประเมินและช่วงคะแนนรวม' });
    await levels.getByRole('row').filter({ hasText: 'ผ่านดี' }).filter({ hasText: '3' }).first().waitFor();
    const agencies = main.getByRole('table', { name: 'ผลของแต่ละหน่วยงาน (คะแนนต่ำสุดก่อน)' });
    const rows = agencies.getByRole('row');
    // Lowest total first: DEMO-PROV-05 (60), then 03 (78).
    await expect.poll(async () => (await rows.nth(1).innerText()).includes('60.00')).toBe(true);
    await expect.poll(async () => (await rows.nth(2).innerText()).includes('−12.00')).toBe(true);
    await main.getByText('ยังไม่มีแผนที่ผู้บริหารอนุมัติ 5 จาก 5 แห่ง').waitFor();
    // Said once for the five, not on every row.
    expect(await main.getByText('ยังไม่ได้จัดทำแผน', { exact: false }).count()).toBe(1);
    await main.getByText('ยังไม่ได้จัดทำแผน (5 แห่ง)').waitFor();
    await main.getByText('ยังไม่มีแผนปี 2568 ที่อนุมัติแล้วซึ่งใช้มาตรการจากคลังมาตรการ').waitFor();
    // Screens show Arabic digits.
    expect(await main.innerText()).not.toMatch(/[๐-๙]/);
    await save(page, DESKTOP_SCREENSHOT);

    // One agency of the breakdown, and back by the breadcrumb.
    const breakdown = main.getByRole('table', { name: 'แยกตามหน่วยภายใต้' });
    const first = breakdown.getByRole('link').first();
    const name = await first.innerText();
    await first.click();
    await main.getByRole('navigation', { name: 'ตำแหน่งในโครงสร้างหน่วยงาน' }).getByText(name).waitFor();
    await main.getByText('ยังไม่มีแผนที่ผู้บริหารอนุมัติ 1 จาก 1 แห่ง').waitFor();
    // The chooser of starting nodes still names the province the agency is under.
    expect(await main.getByRole('combobox', { name: 'เริ่มจาก' }).inputValue()).toBe('จังหวัดตัวอย่าง');
    await save(page, AGENCY_SCREENSHOT);
    await main
      .getByRole('navigation', { name: 'ตำแหน่งในโครงสร้างหน่วยงาน' })
      .getByRole('link', { name: 'จังหวัดตัวอย่าง' })
      .click();
    await main.getByText('ยังไม่มีแผนที่ผู้บริหารอนุมัติ 5 จาก 5 แห่ง').waitFor();

    // In English.
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.getByRole('heading', { name: 'National, ministry and province overview', level: 2 }).waitFor();
    await main
      .getByText('3 of the 5 agencies with a total (60%) scored 85 or more: the 80% target is not met')
      .waitFor();
    await main.getByRole('table', { name: 'Each agency (lowest total first)' }).waitFor();
    // Level names in English, from the edition.
    await main
      .getByRole('table', { name: 'Levels and totals' })
      .getByText('Good', { exact: false })
      .first()
      .waitFor();
    await save(page, DESKTOP_EN_SCREENSHOT);
    await page.getByRole('button', { name: 'TH', exact: true }).click();
    await page.context().close();
  });

  it('the province secretariat reads it on a phone: the tables scroll in their frames, the page does not', async () => {
    const phone = await newThaiPage(browser, 'phone', { defaultTimeout: 15_000 });
    await signIn(phone, server.url, SECRETARIAT);
    await phone.getByRole('button', { name: 'เปิดเมนู' }).click();
    await phone.getByRole('navigation').getByRole('link', { name: 'ภาพรวมประเทศและกระทรวง' }).click();
    const main = phone.getByRole('main');
    await main.getByText('ยังไม่บรรลุเป้าหมาย', { exact: true }).waitFor();
    // Only its own province: no chooser of starting nodes, no ministry above it.
    expect(await main.getByRole('combobox', { name: 'เริ่มจาก' }).count()).toBe(0);
    await main.getByRole('table', { name: 'ผลของแต่ละหน่วยงาน (คะแนนต่ำสุดก่อน)' }).waitFor();
    const overflow = await phone.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await save(phone, PHONE_SCREENSHOT);
    await phone.context().close();
  });

  it('the unit reporter has no national overview in the menu', async () => {
    const page = await newThaiPage(browser, 'desktop', { defaultTimeout: 15_000 });
    await signIn(page, server.url, REPORTER);
    await page.getByRole('navigation').getByRole('link', { name: 'ผลการประเมินและการวิเคราะห์' }).waitFor();
    expect(
      await page.getByRole('navigation').getByRole('link', { name: 'ภาพรวมประเทศและกระทรวง' }).count(),
    ).toBe(0);
    await page.context().close();
  });
});
