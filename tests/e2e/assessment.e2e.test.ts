/**
 * Results and analysis end to end: the real server (with its demo data) in a child process, the built
 * UI in headless Chromium. The demo secretariat imports a CSV typed the way people copy NACC's PDF
 * reports (Thai digits, printed codes, names instead of numbers), previews it, commits it, corrects a
 * score in the entry form, analyses the result at 85 and writes a narrative that survives a reload.
 * The analysis shows every figure as stated and as derived (a contradicting stated score flagged),
 * the lowest and highest indicator of each instrument, and every weak point at every level once; an
 * indicator-only result gets its instrument scores, total and level derived, and a question without
 * wording is named by its indicator. Needs `npm run build:ui` first (`npm test` does it).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRETARIAT, signIn } from './support/accounts.ts';
import { apiCall, listOrganizations } from './support/api.ts';
import { launchBrowser, newThaiPage } from './support/browser.ts';
import { chooseOption } from './support/forms.ts';
import { closeNotifications, screenshotPath } from './support/screenshots.ts';
import { type ServerProcess, startDemoServer } from './support/server.ts';
import { importResultsThroughApi } from './support/setup-results.ts';

const SCREENSHOT = screenshotPath('analysis.png');
const PHONE_SCREENSHOT = screenshotPath('analysis-phone.png');
const DERIVED_SCREENSHOT = screenshotPath('analysis-derived.png');
const DERIVED_PHONE_SCREENSHOT = screenshotPath('analysis-derived-phone.png');
const NESTED_SCREENSHOT = screenshotPath('analysis-nested.png');

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

/**
 * Two mistakes: an OIT item no edition has, and a score above 100. (A code another edition has, such
 * as i31 of 2568, is refused as a file mixing editions besides.)
 */
const BAD_CSV = ['code,score', 'o99,50', 'ตัวชี้วัดที่ 1,101'].join('\n');

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

/**
 * A regional unit's 2566 result as NACC's indicator table gives it: the indicator scores alone, no
 * instrument score, no total, no level. IIT 3 and 5 tie for the highest.
 */
const INDICATORS_ONLY_2566 = [
  'code,score',
  ...[92.5, 88.0, 95.1, 78.4, 95.1, 90.0, 86.3, 91.2, 80.0, 100].map((s, i) => `${i + 1},${s}`),
].join('\n');

/**
 * Another unit's 2567 result with two IIT questions, which the 2567 edition lists without wording:
 * i1 is weak under indicator 1 that passed; i7 is weak under indicator 2 that is weak too.
 */
const QUESTIONS_2567 = [
  'code,score',
  ...[91.67, 80.0, 90.0, 92.0, 93.0, 90.0, 88.0, 89.0, 95.0, 96.0].map((s, i) => `${i + 1},${s}`),
  'i1,70',
  'i7,75',
].join('\n');

const SETTINGS_AT_85 = {
  urgentBelow: 85,
  developBelow: null,
  strengthAtOrAbove: null,
  urgentBottomN: null,
  strengthTopN: null,
  judge: 'questions',
  grouping: { kind: 'indicators' },
};

/**
 * The indicators the table marks urgent, each of which must be a finding of its own on the page (an
 * indicator with no question scores is itself the finding).
 */
async function weakIndicatorsAmongFindings(page: Page): Promise<number[]> {
  const table = page.getByRole('table', { name: 'คะแนนและสถานะรายตัวชี้วัด' });
  await table.waitFor();
  const rows = await table.getByRole('row').filter({ hasText: 'ต่ำกว่าเกณฑ์ (เร่งด่วน)' }).allInnerTexts();
  const numbers = rows.map((r) => Number(/^\s*(\d+)\./.exec(r)?.[1]));
  for (const n of numbers) {
    expect(await page.getByRole('article', { name: new RegExp(`^ตัวชี้วัดที่ ${n} `) }).count()).toBe(1);
  }
  return numbers;
}

/** Creates an analysis at 85 (every level with data, by indicator) of one organisation's result. */
async function analyseThroughApi(page: Page, organizationId: string, fiscalYear: number): Promise<string> {
  const results = (
    await apiCall(page, 'GET', `/api/assessments?organizationId=${organizationId}&fiscalYear=${fiscalYear}`)
  ).json as { items: { id: string; organizationId: string }[] };
  const result = results.items.find((r) => r.organizationId === organizationId)!;
  const analysis = await apiCall(page, 'POST', `/api/assessments/${result.id}/analyses`, {
    settings: SETTINGS_AT_85,
  });
  expect(analysis.status).toBe(201);
  return (analysis.json as { id: string }).id;
}

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
    await errors.getByRole('row', { name: /^2 code \(A\) .*[oO]99/ }).waitFor();
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

    // Every figure as stated with the derived one beside it: EIT is stated 90.20 but its indicators
    // give 90.00, more than rounding; IIT (85.85 against 85.84) and the total agree within it.
    const summary = page.getByRole('region', { name: 'สรุปผล' });
    const eit = summary.getByRole('group', { name: /^EIT / });
    await eit.getByText('คำนวณได้ 90.00', { exact: true }).waitFor();
    await eit.getByText('ต่างจากที่คำนวณได้ +0.20 เกินกว่าการปัดเศษ', { exact: true }).waitFor();
    const iit = summary.getByRole('group', { name: /^IIT / });
    await iit.getByText('คำนวณได้ 85.84', { exact: true }).waitFor();
    expect(await iit.getByText(/เกินกว่าการปัดเศษ/).count()).toBe(0);
    const total = summary.getByRole('group', { name: /^คะแนนรวม 91\.82$/ });
    await total.getByText('คำนวณได้ 91.82', { exact: true }).waitFor();
    // The stated level is the official one, the computed one beside it, their mismatch marked.
    const level = summary.getByRole('group', { name: /^ระดับผลการประเมิน / });
    await level.getByText('ผ่านดีเยี่ยม', { exact: true }).waitFor();
    await level.getByText('ตามที่ระบุในผลการประเมิน', { exact: true }).waitFor();
    await level.getByText('ระดับที่คำนวณได้: ผ่านดี', { exact: true }).waitFor();
    await level.getByText(/ไม่ตรงกัน/).waitFor();
    await page
      .getByRole('alert')
      .getByText(/คะแนนแบบ EIT ?ที่ระบุ \(90\.20\) ต่างจากที่คำนวณได้/)
      .waitFor();

    // The lowest and highest indicator of each instrument.
    const extremes = page.getByRole('table', { name: 'ตัวชี้วัดที่ได้คะแนนต่ำสุดและสูงสุดของแต่ละแบบวัด' });
    await extremes.getByRole('row', { name: /^IIT ตัวชี้วัดที่ 4 .*\(76\.28\) ตัวชี้วัดที่ 2 .*\(91\.20\)/ }).waitFor();
    await extremes.getByRole('row', { name: /^EIT ตัวชี้วัดที่ 8 .*\(86\.55\) ตัวชี้วัดที่ 6 .*\(93\.40\)/ }).waitFor();
    await extremes.getByRole('row', { name: /^OIT ตัวชี้วัดที่ 9 .*\(95\.00\) ตัวชี้วัดที่ 10 .*\(100\.00\)/ }).waitFor();

    // Every level with data is judged: e11 (72.50) and O14 (failed) are urgent at 85, each saying that
    // its indicator passed, and the weak indicators 4 (76.28) and 5 (84.10) are findings of their own.
    const e11 = page.getByRole('article', { name: /^e11 / });
    await e11.getByText('คะแนน 72.50 ต่ำกว่าเกณฑ์ 85.00', { exact: true }).waitFor();
    await e11.getByText('จุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน', { exact: true }).waitFor();
    await e11.getByText('ตัวชี้วัดที่ 8 ผ่านเกณฑ์ (คะแนน 86.55)', { exact: true }).waitFor();
    await page
      .getByRole('article', { name: /^O14 / })
      .getByText('ตัวชี้วัดที่ 9 ผ่านเกณฑ์ (คะแนน 95.00)', { exact: true })
      .waitFor();
    expect(await weakIndicatorsAmongFindings(page)).toEqual([4, 5]);
    const failed = page.getByRole('table', { name: 'รายการ OIT ที่ไม่ผ่าน พร้อมเหตุผล' });
    await failed.getByRole('row', { name: /O14 .*ไม่ครบองค์ประกอบตามที่กำหนด/ }).waitFor();

    const recompute = async () => {
      const patched = page.waitForResponse(
        (r) => r.url().includes('/api/analyses/') && r.request().method() === 'PATCH',
      );
      await page.getByRole('button', { name: 'บันทึกและคำนวณใหม่' }).click();
      expect((await patched).status()).toBe(200);
    };

    // By the 7 issues, which overlap: each finding is listed once, where it belongs first, and names
    // the other issues it is in; the counts count each finding once.
    await page.getByRole('radio', { name: /\(issues-7\)$/ }).check();
    await recompute();
    await e11.getByText(/^อยู่ในประเด็นที่ 2 .+ ด้วย$/).waitFor();
    const indicator5 = page.getByRole('article', { name: /^ตัวชี้วัดที่ 5 / });
    await indicator5.getByText(/^อยู่ในประเด็นที่ 7 .+ ด้วย$/).waitFor();
    expect(await indicator5.count()).toBe(1);
    expect(await page.getByRole('article').count()).toBe(4);
    await page.getByText('จุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน: 4', { exact: true }).waitFor();

    // Judge the indicators only, by indicator: indicator 4 (76.28) and 5 (84.10) are the findings.
    await page.getByRole('radio', { name: 'ตัวชี้วัดเท่านั้น', exact: true }).check();
    await page.getByRole('radio', { name: 'รายตัวชี้วัด', exact: true }).check();
    await recompute();
    await page
      .getByRole('article', { name: /^ตัวชี้วัดที่ 4 / })
      .getByText('คะแนน 76.28 ต่ำกว่าเกณฑ์ 85.00', { exact: true })
      .waitFor();
    await page.getByRole('article', { name: /^ตัวชี้วัดที่ 5 / }).waitFor();
    await page.getByRole('article', { name: /^e11 / }).waitFor({ state: 'detached' });
    expect(await page.getByRole('article').count()).toBe(2);
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

  it('derives the instrument scores, total and level of an indicator-only result, with its extremes and weak indicators', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    const unit = (await listOrganizations(page)).find((o) => o.code === 'DEMO-PROV-04')!;
    await importResultsThroughApi(page, {
      fileName: 'ita-2566-indicators.csv',
      csv: INDICATORS_ONLY_2566,
      fiscalYear: 2566,
      organizationId: unit.id,
    });
    const id = await analyseThroughApi(page, unit.id, 2566);
    await page.goto(`${server.url}/results/analyses/${id}`);
    await page.getByRole('heading', { name: 'ประเด็นที่พบ' }).waitFor();

    // IIT = mean of 1–5, EIT of 6–8, OIT of 9–10; the total 30/30/40 of the exact means; its level.
    const summary = page.getByRole('region', { name: 'สรุปผล' });
    for (const [code, value] of [
      ['IIT', '89.82'],
      ['EIT', '89.17'],
      ['OIT', '90.00'],
    ] as const) {
      const card = summary.getByRole('group', { name: `${code} ${value}` });
      await card.getByText('คำนวณจากคะแนนรายตัวชี้วัด', { exact: true }).waitFor();
    }
    const total = summary.getByRole('group', { name: 'คะแนนรวม 89.70' });
    await total.getByText('คำนวณจากคะแนนรายแบบวัด (IIT 30% + EIT 30% + OIT 40%)', { exact: true }).waitFor();
    const level = summary.getByRole('group', { name: 'ระดับผลการประเมิน ผ่านดี' });
    await level.getByText('คำนวณจากคะแนนตามเกณฑ์ของกรอบการประเมิน', { exact: true }).waitFor();
    expect(await summary.getByText(/คำนวณไม่ได้/).count()).toBe(0);

    // The lowest and highest of each instrument, ties together.
    const extremes = page.getByRole('table', { name: 'ตัวชี้วัดที่ได้คะแนนต่ำสุดและสูงสุดของแต่ละแบบวัด' });
    const iit = extremes.getByRole('row', { name: /^IIT / });
    await iit.getByRole('cell').nth(1).getByText('ตัวชี้วัดที่ 4 การใช้ทรัพย์สินของราชการ (78.40)').waitFor();
    const highest = iit.getByRole('cell').nth(2);
    await highest.getByText(/^ตัวชี้วัดที่ 3 .* \(95\.10\)$/).waitFor();
    await highest.getByText(/^ตัวชี้วัดที่ 5 .* \(95\.10\)$/).waitFor();
    await extremes.getByRole('row', { name: /^EIT ตัวชี้วัดที่ 7 .*\(86\.30\) ตัวชี้วัดที่ 8 .*\(91\.20\)/ }).waitFor();
    await extremes.getByRole('row', { name: /^OIT ตัวชี้วัดที่ 9 .*\(80\.00\) ตัวชี้วัดที่ 10 .*\(100\.00\)/ }).waitFor();

    // Without any question score, the weak indicators are the findings themselves.
    expect(await weakIndicatorsAmongFindings(page)).toEqual([4, 9]);
    await page
      .getByRole('article', { name: /^ตัวชี้วัดที่ 9 / })
      .getByText('คะแนน 80.00 ต่ำกว่าเกณฑ์ 85.00', { exact: true })
      .waitFor();
    await page.getByText('จุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน: 2', { exact: true }).waitFor();

    await closeNotifications(page);
    await page.screenshot({ path: DERIVED_SCREENSHOT, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByRole('img', { name: /^คะแนนรายตัวชี้วัด\. / }).waitFor();
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > 391)
        .filter((el) => !el.closest('.mantine-Table-scrollContainer, .mantine-ScrollArea-root'))
        .slice(0, 8)
        .map((el) => `${el.tagName}.${el.className} ${el.textContent?.slice(0, 40)}`),
    );
    expect(wide).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: DERIVED_PHONE_SCREENSHOT, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('says in words why a figure could not be derived: the 2569 edition sets no weights', async () => {
    const unit = (await listOrganizations(page)).find((o) => o.code === 'DEMO-PROV-06')!;
    await importResultsThroughApi(page, {
      fileName: 'ita-2569-indicators.csv',
      csv: INDICATORS_ONLY_2566,
      fiscalYear: 2569,
      organizationId: unit.id,
    });
    await page.goto(`${server.url}/results/analyses/${await analyseThroughApi(page, unit.id, 2569)}`);
    const summary = page.getByRole('region', { name: 'สรุปผล' });
    // Each instrument is the mean of its indicators; the total needs weights 2569 does not set.
    await summary
      .getByRole('group', { name: 'IIT 89.82' })
      .getByText('คำนวณจากคะแนนรายตัวชี้วัด', { exact: true })
      .waitFor();
    const total = summary.getByRole('group', { name: 'คะแนนรวม —' });
    await total.getByText(/^คำนวณไม่ได้: กรอบการประเมินปี 2569 ไม่ได้กำหนดน้ำหนักของแบบ IIT/).waitFor();
    const level = summary.getByRole('group', { name: 'ระดับผลการประเมิน —' });
    await level.getByText('ระดับที่คำนวณได้: —', { exact: true }).waitFor();
    await level.getByText(/^คำนวณไม่ได้: กรอบการประเมินปี 2569 ไม่ได้กำหนดน้ำหนัก/).waitFor();
  });

  it('names a question without wording by its indicator, under its indicator when that is weak too', async () => {
    const unit = (await listOrganizations(page)).find((o) => o.code === 'DEMO-PROV-05')!;
    await importResultsThroughApi(page, {
      fileName: 'ita-2567-questions.csv',
      csv: QUESTIONS_2567,
      fiscalYear: 2567,
      organizationId: unit.id,
    });
    const id = await analyseThroughApi(page, unit.id, 2567);
    await page.goto(`${server.url}/results/analyses/${id}`);
    await page.getByRole('heading', { name: 'ประเด็นที่พบ' }).waitFor();

    // i1: no wording in the 2567 edition, its indicator passed — both said, no empty line, no quoted code.
    const i1 = page.getByRole('article', { name: /^i1 / });
    await i1.getByText('ข้อคำถามของตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ (ยังไม่มีถ้อยคำของข้อคำถามนี้)', { exact: true }).waitFor();
    await i1.getByText('ตัวชี้วัดที่ 1 ผ่านเกณฑ์ (คะแนน 91.67)', { exact: true }).waitFor();
    expect(await i1.innerText()).not.toMatch(/["“]i1["”]/);
    // i7 stands under indicator 2 (80.00), itself a finding.
    const under2 = page.getByRole('group', { name: 'ข้อคำถามภายใต้ตัวชี้วัดที่ 2' });
    await under2.getByRole('article', { name: /^i7 ข้อคำถามของตัวชี้วัดที่ 2 / }).waitFor();
    expect(await weakIndicatorsAmongFindings(page)).toEqual([2]);
    await page.getByText('จุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน: 3', { exact: true }).waitFor();
    await closeNotifications(page);
    await page.screenshot({ path: NESTED_SCREENSHOT, fullPage: true });
  });
});
