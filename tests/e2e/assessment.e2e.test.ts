/**
 * Results and analysis end to end: the real server (with its demo data) in a child process, the built
 * UI in headless Chromium. The demo secretariat imports a CSV typed the way people copy NACC's PDF
 * reports (Thai digits, printed codes, names instead of numbers), previews it, commits it, corrects a
 * score in the entry form, analyses the result at 85 and writes a narrative that survives a reload.
 * Needs `npm run build:ui` first (`npm test` does it).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRETARIAT, signIn } from './support/accounts.ts';
import { listOrganizations } from './support/api.ts';
import { launchBrowser, newThaiPage } from './support/browser.ts';
import { chooseOption } from './support/forms.ts';
import { closeNotifications, screenshotPath } from './support/screenshots.ts';
import { type ServerProcess, startDemoServer } from './support/server.ts';
import { importResultsThroughApi } from './support/setup-results.ts';

const SCREENSHOT = screenshotPath('analysis.png');
const PHONE_SCREENSHOT = screenshotPath('analysis-phone.png');

/** The province's 2566 result as a secretariat would type it: Thai digits, printed codes and names. */
const CSV_2566 = [
  'code,score,passed,reason,level',
  'ITA,๙๑.๘๒,,,ผ่านดีเยี่ยม',
  'IIT,๘๕.๘๕,,,',
  'EIT,90.20,,,',
  'OIT,97.50,,,',
  'ตัวชี้วัดที่ ๑,๘๗.๘๙,,,',
  'ตัวชี้วัดที่ 2,91.20,,,',
  'ตัวชี้วัดที่ 3,89.75,,,',
  'การใช้ทรัพย์สินของทางราชการ,๗๖.๒๘,,,',
  'ตัวชี้วัดที่ 5,84.10,,,',
  'ตัวชี้วัดที่ 6,93.40,,,',
  'ตัวชี้วัดที่ 7,90.05,,,',
  'ตัวชี้วัดที่ 8,86.55,,,',
  'ตัวชี้วัดที่ 9,95.00,,,',
  'ตัวชี้วัดที่ 10,100,,,',
  'e๑๑,70,,,',
  '๐๑๔,,ไม่ผ่าน,ไม่ครบองค์ประกอบตามที่กำหนด,',
].join('\r\n');

/** Two mistakes: a question the 2566 edition does not have, and a score above 100. */
const BAD_CSV = ['code,score', 'i31,50', 'ตัวชี้วัดที่ 1,101'].join('\n');

/** The previous year, for the year-over-year chart. */
const CSV_2565 = [
  'code,score',
  'ITA,88.10',
  ...[84.2, 90.1, 88.3, 80.5, 82.0, 92.2, 89.9, 85.1, 93.0, 98.5].map((s, i) => `${i + 1},${s}`),
].join('\n');

/** Three units of the province, for the units × indicators view. */
const UNITS_2566 = [
  'organization_code,code,score',
  ...['DEMO-PROV-01', 'DEMO-PROV-02', 'DEMO-PROV-03'].flatMap((unit, u) => [
    `${unit},ITA,${(88 + u * 2.5).toFixed(2)}`,
    ...Array.from({ length: 10 }, (_, i) => `${unit},${i + 1},${(78 + ((i * 7 + u * 5) % 23)).toFixed(2)}`),
  ]),
].join('\n');

const choose = (page: Page, label: string, option: string) =>
  chooseOption(page, page.getByRole('combobox', { name: label, exact: true }), option);

describe('assessment results: import, entry form, analysis and narratives', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let analysisUrl = '';

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    page = await newThaiPage(browser, 'desktop');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens Results from the navigation as the demo secretariat', async () => {
    await signIn(page, server.url, SECRETARIAT);
    const province = (await listOrganizations(page)).find((o) => o.code === 'DEMO-PROV');
    expect(province).toBeDefined();
    // Setup: last year's result of the province and this year's results of three units.
    await importResultsThroughApi(page, {
      fileName: 'ita-2565.csv',
      csv: CSV_2565,
      fiscalYear: 2565,
      organizationId: province!.id,
    });
    await importResultsThroughApi(page, { fileName: 'units-2566.csv', csv: UNITS_2566, fiscalYear: 2566 });

    await page.getByRole('navigation').getByRole('link', { name: 'ผลการประเมินและการวิเคราะห์' }).click();
    await page.getByRole('heading', { name: 'ผลการประเมินและการวิเคราะห์', level: 2 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/results');
  });

  it('chooses the province and 2566 and shows the units × indicators view', async () => {
    await choose(page, 'หน่วยงาน', 'จังหวัดตัวอย่าง');
    await choose(page, 'ปีงบประมาณ', 'พ.ศ. 2566');
    await page.getByText('ยังไม่มีผลการประเมินของ จังหวัดตัวอย่าง ปี พ.ศ. 2566').waitFor();

    const units = page.getByRole('table', { name: 'คะแนนรายตัวชี้วัดของหน่วยงานภายใต้' });
    await units.getByText('สำนักงานจังหวัดตัวอย่าง', { exact: true }).waitFor();
    expect(await units.getByRole('row').count()).toBe(4);
    // Cells below the threshold say so (not only by colour).
    expect(await units.getByText('(ต่ำกว่าเกณฑ์)').count()).toBeGreaterThan(0);
    await page.getByRole('heading', { name: 'ตัวชี้วัดที่อ่อนที่สุด' }).waitFor();
  });

  it('imports a CSV with Thai digits and printed codes: preview with the changes, then commit', async () => {
    await page.getByRole('link', { name: 'นำเข้าไฟล์ผลการประเมิน' }).click();
    await page.getByRole('heading', { name: 'นำเข้าผลการประเมินจากไฟล์' }).waitFor();
    // Template links for the chosen edition and organisation.
    const long = await page.getByRole('link', { name: 'แบบแนวตั้ง CSV' }).getAttribute('href');
    expect(long).toMatch(
      /^\/api\/assessments\/template\?editionYear=2566&layout=long&format=csv&organizationId=/,
    );
    const template = await page.request.get(`${server.url}${long}`);
    expect(template.status()).toBe(200);
    expect(template.headers()['content-disposition']).toMatch(/^attachment; filename=".+\.csv"$/);
    expect(await template.text()).toContain('ตัวชี้วัดที่ 1');

    // A file with mistakes: every error is listed with its row and column, and nothing can be committed.
    const file = page.locator('input[type="file"]');
    await file.setInputFiles({
      name: 'mistakes.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(BAD_CSV, 'utf8'),
    });
    const errors = page.getByRole('table', { name: 'ข้อผิดพลาดในไฟล์' });
    await errors.waitFor();
    expect(await errors.getByRole('row').count()).toBe(1 + 2);
    await errors.getByRole('row', { name: /^2 code \(A\) .*i31/ }).waitFor();
    await errors.getByRole('row', { name: /^3 score \(B\) .*101/ }).waitFor();
    expect(await page.getByRole('button', { name: 'ยืนยันและบันทึก' }).isDisabled()).toBe(true);

    const preview = page.waitForResponse(
      (r) => r.url().endsWith('/api/assessments/import') && r.request().method() === 'POST',
    );
    await file.setInputFiles({
      name: 'ita-2566-จังหวัดตัวอย่าง.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV_2566, 'utf8'),
    });
    expect(JSON.parse((await preview).request().postData() ?? '{}').commit).toBe(false);
    await page.getByRole('heading', { name: 'ตรวจสอบก่อนบันทึก' }).waitFor();
    await page.getByText('ไม่พบข้อผิดพลาด').waitFor();

    const changes = page.getByRole('table', { name: 'การเปลี่ยนแปลงของ จังหวัดตัวอย่าง' });
    await changes.waitFor();
    expect(await changes.getByRole('row').count()).toBe(1 + 16);
    // ตัวชี้วัดที่ ๑ → indicator 1; the indicator's name → indicator 4; e๑๑ → e11; ๐๑๔ → O14.
    await changes.getByRole('row', { name: /ตัวชี้วัด 1 .*87\.89/ }).waitFor();
    await changes.getByRole('row', { name: /ตัวชี้วัด 4 .*76\.28/ }).waitFor();
    await changes.getByRole('row', { name: /ข้อคำถาม e11 .*70\.00/ }).waitFor();
    await changes.getByRole('row', { name: /ข้อคำถาม O14/ }).waitFor();
    await page.getByText('เพิ่ม 16').waitFor();

    const commit = page.getByRole('button', { name: 'ยืนยันและบันทึก' });
    expect(await commit.isEnabled()).toBe(true);
    await commit.click();
    const results = page.getByRole('table', { name: 'ผลการประเมิน' });
    const row = results.getByRole('row', { name: /DEMO-PROV(?!-)/ });
    await row.getByText('91.82').waitFor();
    // The file states ผ่านดีเยี่ยม; the scores give ผ่านดี: the mismatch is marked.
    await row.getByText('ผ่านดี', { exact: true }).waitFor();
    await row.getByText(/ไม่ตรงกัน/).waitFor();
  });

  it('corrects a score in the entry form: errors by the field, Thai digits accepted', async () => {
    await page.getByRole('link', { name: 'แก้ไขผลด้วยแบบฟอร์ม' }).click();
    await page.getByRole('heading', { name: 'แก้ไขผลการประเมิน' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'คะแนนรวม (ITA)' }).inputValue()).toBe('91.82');
    await page.getByRole('button', { name: 'แสดงข้อคำถามทั้งหมด' }).click();
    const e11 = page.getByRole('textbox', { name: 'คะแนน e11', exact: true });
    expect(await e11.inputValue()).toBe('70.00');

    const i1 = page.getByRole('textbox', { name: 'คะแนน i1', exact: true });
    await i1.fill('abc');
    await page.getByRole('button', { name: 'บันทึกผลการประเมิน' }).click();
    await page.getByText('"abc" ไม่ใช่คะแนน (ตัวเลข 0–100 หรือ - หากไม่ได้ประเมิน)').waitFor();
    expect(await i1.getAttribute('aria-invalid')).toBe('true');
    await i1.fill('');

    // The server refuses a reason over 2000 characters: its error (path scores[n].reason) is shown
    // under the reason of that item, and nothing is saved.
    const reason = page.getByRole('textbox', { name: 'เหตุผล O14', exact: true });
    expect(await reason.inputValue()).toBe('ไม่ครบองค์ประกอบตามที่กำหนด');
    await reason.fill('ก'.repeat(2001));
    const refused = page.waitForResponse(
      (r) => r.url().endsWith('/api/assessments') && r.request().method() === 'PUT',
    );
    await page.getByRole('button', { name: 'บันทึกผลการประเมิน' }).click();
    const refusal = await refused;
    expect(refusal.status()).toBe(400);
    expect(JSON.stringify(await refusal.json())).toMatch(/scores\[\d+\]\.reason/);
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('ต้องมีความยาวไม่เกิน 2000 ตัวอักษร').waitFor();
    await reason.fill('ไม่ครบองค์ประกอบตามที่กำหนด');

    await e11.fill('๗๒.๕๐');
    await e11.blur();
    expect(await e11.inputValue()).toBe('72.50');
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/assessments') && r.request().method() === 'PUT',
    );
    await page.getByRole('button', { name: 'บันทึกผลการประเมิน' }).click();
    const body = JSON.parse((await saved).request().postData() ?? '{}');
    expect(body.version).toBe(1);
    expect(body.scores).toContainEqual(
      expect.objectContaining({ scope: 'question', code: 'e11', score: 72.5 }),
    );
    expect(body.scores).toContainEqual(
      expect.objectContaining({ scope: 'question', code: 'o14', passed: false, score: null }),
    );
    await page.getByRole('table', { name: 'ผลการประเมิน' }).waitFor();
  });

  it('creates the analysis at 85 and shows the chart, the findings and the failed OIT item', async () => {
    await page.getByRole('button', { name: 'การวิเคราะห์ผลของ จังหวัดตัวอย่าง ปี 2566' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('ยังไม่มีการวิเคราะห์ผลนี้').waitFor();
    expect(await dialog.getByRole('textbox', { name: /จุดอ่อนเร่งด่วน/ }).inputValue()).toBe('85');
    await dialog.getByRole('button', { name: 'สร้างการวิเคราะห์' }).click();
    await page.waitForURL(/\/results\/analyses\/[0-9a-f-]{36}$/);
    analysisUrl = page.url();

    await page.getByRole('heading', { name: 'ประเด็นที่พบ' }).waitFor();
    const chart = page.getByRole('img', { name: /^คะแนนรายตัวชี้วัด\. / });
    await chart.waitFor();
    expect(await chart.evaluate((el) => el.tagName)).toBe('CANVAS');
    expect((await chart.boundingBox())?.height ?? 0).toBeGreaterThan(200);
    await page.getByRole('img', { name: 'คะแนนรายตัวชี้วัด ปี 2566 เทียบกับปี 2565' }).waitFor();

    // Judged by question: e11 (72.50) and O14 (failed) are urgent at 85.
    const e11 = page.getByRole('article', { name: /^e11 / });
    await e11.getByText('คะแนน 72.50 ต่ำกว่าเกณฑ์ 85.00', { exact: true }).waitFor();
    await e11.getByText('จุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน', { exact: true }).waitFor();
    const failed = page.getByRole('table', { name: 'รายการ OIT ที่ไม่ผ่าน พร้อมเหตุผล' });
    await failed.getByRole('row', { name: /O14 .*ไม่ครบองค์ประกอบตามที่กำหนด/ }).waitFor();
    await page.getByText('ผ่านดีเยี่ยม', { exact: true }).waitFor();

    // Judge the indicators instead: indicator 4 (76.28) and 5 (84.10) become the findings.
    await page.getByRole('radio', { name: 'ตัวชี้วัด', exact: true }).check();
    const patched = page.waitForResponse(
      (r) => r.url().includes('/api/analyses/') && r.request().method() === 'PATCH',
    );
    await page.getByRole('button', { name: 'บันทึกและคำนวณใหม่' }).click();
    expect((await patched).status()).toBe(200);
    await page
      .getByRole('article', { name: /^ตัวชี้วัดที่ 4 / })
      .getByText('คะแนน 76.28 ต่ำกว่าเกณฑ์ 85.00', { exact: true })
      .waitFor();
    await page.getByRole('article', { name: /^ตัวชี้วัดที่ 5 / }).waitFor();
  });

  it('edits a narrative, keeps it across a reload, and marks it stale when the numbers change', async () => {
    const text = 'การใช้ทรัพย์สินของราชการยังต่ำกว่าเกณฑ์ ให้ทบทวนระเบียบการยืมพัสดุและเผยแพร่ให้บุคลากรทราบ';
    const narrative = page.getByRole('textbox', { name: 'คำอธิบายประเด็น ตัวชี้วัดที่ 4' });
    expect(await narrative.inputValue()).toContain('76.28');
    await narrative.fill(text);
    const saved = page.waitForResponse(
      (r) => r.url().includes('/narratives/') && r.request().method() === 'PUT',
    );
    await page.getByRole('button', { name: 'บันทึกคำอธิบายประเด็น ตัวชี้วัดที่ 4' }).click();
    expect((await saved).status()).toBe(200);

    const limitations = page.getByRole('textbox', { name: 'ข้อจำกัดของหน่วยงาน' });
    await limitations.fill('บุคลากรด้านพัสดุมีเพียง 1 คน และระบบสารสนเทศยังไม่รองรับการเผยแพร่อัตโนมัติ');
    await page.getByRole('button', { name: 'บันทึกข้อจำกัด' }).click();
    await page.getByText('บันทึกข้อจำกัดของหน่วยงานแล้ว').waitFor();

    await page.reload();
    await page.getByRole('heading', { name: 'ประเด็นที่พบ' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'คำอธิบายประเด็น ตัวชี้วัดที่ 4' }).inputValue()).toBe(text);
    expect(await page.getByRole('textbox', { name: 'ข้อจำกัดของหน่วยงาน' }).inputValue()).toContain(
      'บุคลากรด้านพัสดุมีเพียง 1 คน',
    );
    const card = page.getByRole('article', { name: /^ตัวชี้วัดที่ 4 / });
    await card.getByText('บันทึกแล้ว', { exact: true }).waitFor();
    expect(await card.getByText('ตัวเลขเปลี่ยนไปหลังจากเขียนข้อความนี้', { exact: true }).count()).toBe(0);

    // A threshold of 80 changes the numbers the text was written against: it is marked stale.
    const threshold = page.getByRole('textbox', { name: 'จุดอ่อนเร่งด่วน: คะแนนต่ำกว่า' });
    const recompute = async (value: string) => {
      await threshold.fill(value);
      const patched = page.waitForResponse(
        (r) => r.url().includes('/api/analyses/') && r.request().method() === 'PATCH',
      );
      await page.getByRole('button', { name: 'บันทึกและคำนวณใหม่' }).click();
      expect((await patched).status()).toBe(200);
    };
    await recompute('80');
    await card.getByText('ตัวเลขเปลี่ยนไปหลังจากเขียนข้อความนี้', { exact: true }).waitFor();
    await recompute('85');
    await card.getByText('คะแนน 76.28 ต่ำกว่าเกณฑ์ 85.00', { exact: true }).waitFor();
    expect(await card.getByText('ตัวเลขเปลี่ยนไปหลังจากเขียนข้อความนี้', { exact: true }).count()).toBe(0);
  });

  it('switches to English once and back', async () => {
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    try {
      await page.getByRole('heading', { name: 'Findings', level: 3 }).waitFor();
      await page.getByRole('heading', { name: 'Analysis settings', level: 3 }).waitFor();
      await page.getByRole('img', { name: /^Indicator scores\. / }).waitFor();
      await page.getByText('Score 76.28 is below the threshold 85.00', { exact: true }).waitFor();
    } finally {
      await page.getByRole('button', { name: 'TH', exact: true }).click();
    }
    await page.getByRole('heading', { name: 'ประเด็นที่พบ', level: 3 }).waitFor();
  });

  it('saves a desktop and a phone-size screenshot of the analysis', async () => {
    await closeNotifications(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(50_000);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(analysisUrl);
    await page.getByRole('heading', { name: 'ประเด็นที่พบ' }).waitFor();
    await page.getByRole('img', { name: /^คะแนนรายตัวชี้วัด\. / }).waitFor();
    // Nothing but the tables scrolls sideways: the page itself fits the phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(390);
    await page.screenshot({ path: PHONE_SCREENSHOT, fullPage: true });
    expect(fs.statSync(PHONE_SCREENSHOT).size).toBeGreaterThan(30_000);
  });
});
