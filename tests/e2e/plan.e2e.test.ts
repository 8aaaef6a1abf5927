/**
 * Measures plan end to end: the real server (with its demo data) in a child process, the built UI in
 * headless Chromium. Set up through the API: the province's 2566 result with weak questions (the asset
 * question i20 among them) and its analysis at 85. Then in the browser the secretariat makes the 2567
 * plan from the analysis, sees what the completeness check flags, adds a library measure, writes one
 * by hand (steps reordered by drag and by keyboard), fills what is missing, meets someone else's save
 * (both versions shown, merged) and submits; the executive approves with a memo; the secretariat
 * circulates; the unit reporter acknowledges on a phone; the secretariat sees the acknowledgement.
 * Needs `npm run build:ui` first (`npm test` does it).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXECUTIVE, REPORTER, SECRETARIAT, signIn } from './support/accounts.ts';
import { apiCall, listOrganizations } from './support/api.ts';
import { launchBrowser, newThaiPage } from './support/browser.ts';
import { chooseOption } from './support/forms.ts';
import { closeNotifications, screenshotPath } from './support/screenshots.ts';
import { type ServerProcess, startDemoServer } from './support/server.ts';
import { importResultsThroughApi } from './support/setup-results.ts';

const EDITOR_SCREENSHOT = screenshotPath('plan-editor.png');
const INBOX_SCREENSHOT = screenshotPath('plan-inbox-phone.png');
const UNIT = 'สำนักงานสาธารณสุขจังหวัดตัวอย่าง';
const LIBRARY_MEASURE = 'กำหนดแนวทางการขออนุญาตยืมทรัพย์สินของราชการ';
const OWN_MEASURE = 'ปรับปรุงขั้นตอนการให้บริการและประกาศระยะเวลาการให้บริการ';
const MONITORING =
  'คณะทำงาน ITA ติดตามความก้าวหน้าของทุกมาตรการรายไตรมาส และรายงานผลต่อผู้ว่าราชการจังหวัดภายในเดือนถัดไป';

/** The province's 2566 result: two weak questions (the asset question i20 and e11) below 85. */
const CSV_2566 = [
  'code,score',
  'ITA,86.40',
  ...[88.1, 91.2, 89.75, 80.3, 86.1, 93.4, 90.05, 84.55, 95.0, 100].map((s, i) => `${i + 1},${s}`),
  'i20,70.50',
  'e11,72.00',
].join('\n');

const stepValues = (steps: Locator) =>
  steps
    .getByRole('textbox', { name: /^ขั้นตอนที่ \d+$/ })
    .evaluateAll((els) => els.map((el) => (el as HTMLTextAreaElement).value));

describe('measures plan: from the analysis to the units’ acknowledgement', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let analysisId = '';
  let planUrl = '';

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    page = await newThaiPage(browser, 'wide', { defaultTimeout: 15_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sets up the 2566 result and its analysis at 85 through the API', async () => {
    await signIn(page, server.url, SECRETARIAT);
    const province = (await listOrganizations(page)).find((o) => o.code === 'DEMO-PROV')!;
    await importResultsThroughApi(page, {
      fileName: 'ita-2566.csv',
      csv: CSV_2566,
      fiscalYear: 2566,
      organizationId: province.id,
    });
    const results = (
      await apiCall(page, 'GET', `/api/assessments?organizationId=${province.id}&fiscalYear=2566`)
    ).json as { items: { id: string; organizationId: string }[] };
    const result = results.items.find((r) => r.organizationId === province.id)!;
    const analysis = await apiCall(page, 'POST', `/api/assessments/${result.id}/analyses`, {
      settings: {
        urgentBelow: 85,
        developBelow: null,
        strengthAtOrAbove: null,
        urgentBottomN: null,
        strengthTopN: null,
        judge: 'questions',
        grouping: { kind: 'indicators' },
      },
    });
    expect(analysis.status).toBe(201);
    analysisId = (analysis.json as { id: string }).id;
  });

  it('makes the 2567 plan from the analysis page and shows what the completeness check flags', async () => {
    await page.goto(`${server.url}/results/analyses/${analysisId}`);
    await page.getByRole('heading', { name: 'ประเด็นที่พบ' }).waitFor();
    await page.getByRole('link', { name: 'จัดทำแผนมาตรการจากผลการวิเคราะห์นี้' }).click();

    const dialog = page.getByRole('dialog', { name: 'จัดทำแผนมาตรการของ จังหวัดตัวอย่าง' });
    await dialog.waitFor();
    expect(await dialog.getByRole('combobox', { name: 'ปีงบประมาณของแผน' }).inputValue()).toBe('พ.ศ. 2567');
    expect(await dialog.getByRole('radio', { name: 'ผลการวิเคราะห์ผลการประเมินปี 2566' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('combobox', { name: 'การวิเคราะห์ที่ใช้' }).inputValue()).not.toBe('');
    expect(await dialog.getByRole('radio', { name: 'หนึ่งประเด็นต่อกลุ่ม' }).isChecked()).toBe(true);
    // Every way of drawing issues is explained in plain words.
    await dialog.getByText('ข้อคำถามหรือตัวชี้วัดที่เป็นจุดอ่อนแต่ละข้อเป็นประเด็นของตนเอง', { exact: false }).waitFor();
    const created = page.waitForResponse(
      (r) => r.url().endsWith('/api/plans') && r.request().method() === 'POST',
    );
    await dialog.getByRole('button', { name: 'สร้างแผนมาตรการ' }).click();
    expect((await created).status()).toBe(201);
    await page.waitForURL(/\/plans\/[0-9a-f-]{36}$/);
    planUrl = page.url();

    await page.getByRole('heading', { name: /มาตรการส่งเสริมคุณธรรมและความโปร่งใส.*2567/, level: 2 }).waitFor();
    await page.getByRole('region', { name: /^ประเด็นที่ 1 ตัวชี้วัดที่ 4 / }).waitFor();
    await page.getByRole('region', { name: /^ประเด็นที่ 2 ตัวชี้วัดที่ 8 / }).waitFor();

    const errors = page.getByRole('list', { name: 'ข้อผิดพลาด (ต้องแก้ก่อนส่ง)' });
    await errors.waitFor();
    await errors.getByText('ประเด็น "ตัวชี้วัดที่ 4 การใช้ทรัพย์สินของราชการ" ยังไม่มีมาตรการ', { exact: false }).waitFor();
    // Each says how to fix it; the urgent i20 is in issue 1, whose missing measure says it (not a second line).
    await errors.getByText('อย่างน้อยหนึ่งรายการที่ "มาตรการ" ของประเด็นนี้', { exact: false }).first().waitFor();
    expect(await errors.getByText(/จุดอ่อนเร่งด่วน i20/).count()).toBe(0);
    await errors.getByText(/ขาดส่วน "การกำหนดแนวทางการกำกับติดตาม/).waitFor();
    const parts = page.getByRole('list', { name: 'องค์ประกอบ 7 ส่วนที่ผู้ประเมิน OIT ตรวจ' });
    expect(await parts.getByRole('listitem').count()).toBe(7);
    expect(await parts.getByText('(ยังไม่ครบ)').count()).toBeGreaterThan(0);

    const submit = page.getByRole('button', { name: 'ส่งให้ผู้บริหารอนุมัติ' });
    expect(await submit.isDisabled()).toBe(true);
    await page.getByText(/^ยังส่งไม่ได้: มีข้อผิดพลาด \d+ รายการ/).waitFor();

    // A failure's link takes the focus to the place to fix: here the "add a measure" of issue 1.
    expect(await errors.getByRole('link', { name: 'ไปที่ ประเด็นที่ 1 › มาตรการ' }).count()).toBe(1);
    await errors.getByRole('link', { name: 'ไปที่ ประเด็นที่ 1 › มาตรการ' }).first().click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('เพิ่มมาตรการในประเด็นที่ 1');
  });

  it('adds the suggested library measure for the asset question', async () => {
    await page.getByRole('button', { name: 'ดูมาตรการแนะนำสำหรับประเด็นที่ 1' }).click();
    const suggestions = page.getByRole('region', { name: 'มาตรการแนะนำจากคลังมาตรการ' });
    await suggestions.waitFor();
    expect(await suggestions.getByRole('combobox', { name: 'สำหรับประเด็น' }).inputValue()).toMatch(
      /^ประเด็นที่ 1 /,
    );
    const card = suggestions.getByRole('article', { name: LIBRARY_MEASURE });
    await card.getByText(/ตรงกับข้อ .*i20/).waitFor();
    await card.getByRole('button', { name: `เพิ่มเข้าแผน: ${LIBRARY_MEASURE}` }).click();

    const measure = page.getByRole('region', { name: `มาตรการที่ 1.1 ${LIBRARY_MEASURE}` });
    await measure.waitFor();
    await measure.getByText('จากคลังมาตรการ').waitFor();
    expect(await stepValues(measure)).toHaveLength(4);
    await page.getByText('มีการแก้ไขที่ยังไม่บันทึก', { exact: true }).waitFor();

    await chooseOption(page, measure.getByRole('combobox', { name: 'หน่วยงานผู้รับผิดชอบ' }), `${UNIT} (สสจ.)`);
    await page.keyboard.press('Escape');
    await measure.getByRole('button', { name: 'ระยะเวลาดำเนินการ: ทั้งปีงบประมาณ 2567' }).click();
    await measure.getByText('ต.ค. 2566 – ก.ย. 2567').waitFor();
  });

  it('asks before leaving with unsaved changes', async () => {
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await page.getByRole('navigation').getByRole('link', { name: 'ผลการประเมินและการวิเคราะห์' }).click();
    expect(asked).toContain('ยังไม่บันทึก');
    expect(page.url()).toBe(planUrl);
  });

  it('writes a measure by hand: steps reordered by drag and by keyboard, units and months', async () => {
    await page.getByRole('button', { name: 'เพิ่มมาตรการในประเด็นที่ 2' }).click();
    const measure = page.getByRole('region', { name: /^มาตรการที่ 2\.1/ });
    await measure.waitFor();
    const title = measure.getByRole('textbox', { name: 'ชื่อมาตรการ/โครงการ/กิจกรรม' });
    await expect.poll(() => title.evaluate((el) => el === document.activeElement)).toBe(true);
    await title.fill(OWN_MEASURE);

    const steps = measure.getByRole('group', { name: 'ขั้นตอนของมาตรการที่ 2.1' });
    for (const text of ['ประกาศมาตรฐานระยะเวลาการให้บริการ', 'สำรวจความคิดเห็นผู้รับบริการ', 'ทบทวนขั้นตอนที่ล่าช้า']) {
      await steps.getByRole('button', { name: 'เพิ่มขั้นตอนในมาตรการที่ 2.1' }).click();
      const last = steps.getByRole('textbox', { name: /^ขั้นตอนที่ \d+$/ }).last();
      await expect.poll(() => last.evaluate((el) => el === document.activeElement)).toBe(true);
      await last.fill(text);
    }

    // By keyboard: step 2 moves up with its button.
    const up = steps.getByRole('button', { name: 'เลื่อนขั้นตอนที่ 2 ขึ้น' });
    await up.focus();
    await page.keyboard.press('Enter');
    expect(await stepValues(steps)).toEqual([
      'สำรวจความคิดเห็นผู้รับบริการ',
      'ประกาศมาตรฐานระยะเวลาการให้บริการ',
      'ทบทวนขั้นตอนที่ล่าช้า',
    ]);
    await page.getByText('ย้ายขั้นตอนที่ 2 ไปเป็นขั้นตอนที่ 1 แล้ว').waitFor();

    // By drag: the third step dropped on the second.
    const rows = steps.locator('[data-reorder-row]');
    await rows.nth(2).locator('[draggable="true"]').dragTo(rows.nth(1));
    expect(await stepValues(steps)).toEqual([
      'สำรวจความคิดเห็นผู้รับบริการ',
      'ทบทวนขั้นตอนที่ล่าช้า',
      'ประกาศมาตรฐานระยะเวลาการให้บริการ',
    ]);

    await chooseOption(page, measure.getByRole('combobox', { name: 'หน่วยงานผู้รับผิดชอบ' }), `${UNIT} (สสจ.)`);
    await page.keyboard.press('Escape');
    await chooseOption(
      page,
      measure.getByRole('combobox', { name: 'ระยะเวลาดำเนินการ: เดือนเริ่มต้น' }),
      'ต.ค. 2566',
    );
    await chooseOption(
      page,
      measure.getByRole('combobox', { name: 'ระยะเวลาดำเนินการ: เดือนสิ้นสุด' }),
      'มี.ค. 2567',
    );
    await measure.getByText('ต.ค. 2566 – มี.ค. 2567').waitFor();

    // The last step is carried by another unit, in its own months.
    await steps.getByRole('button', { name: 'ระบุผู้รับผิดชอบและเดือนของขั้นตอนที่ 3' }).click();
    const step3 = steps.getByRole('listitem').nth(2);
    await chooseOption(
      page,
      step3.getByRole('combobox', { name: 'หน่วยงานผู้รับผิดชอบขั้นตอนนี้' }),
      'สำนักงานจังหวัดตัวอย่าง (สนจ.)',
    );
    await page.keyboard.press('Escape');
    await chooseOption(
      page,
      step3.getByRole('combobox', { name: 'ช่วงเวลาของขั้นตอนนี้: เดือนเริ่มต้น' }),
      'ม.ค. 2567',
    );
    await chooseOption(
      page,
      step3.getByRole('combobox', { name: 'ช่วงเวลาของขั้นตอนนี้: เดือนสิ้นสุด' }),
      'มี.ค. 2567',
    );
    await step3.getByText('ม.ค. 2567 – มี.ค. 2567').first().waitFor();
  });

  it('fills the monitoring section, saves, and the completeness check has no errors left', async () => {
    await page.getByRole('textbox', { name: 'การกำกับติดตามและการรายงานผล' }).fill(MONITORING);
    const saved = page.waitForResponse(
      (r) =>
        r.url().endsWith(new URL(planUrl).pathname.replace('/plans', '/api/plans')) &&
        r.request().method() === 'PUT',
    );
    await page.getByRole('button', { name: 'บันทึกแผน' }).click();
    const response = await saved;
    expect(response.status()).toBe(200);
    const sent = JSON.parse(response.request().postData() ?? '{}');
    expect(sent.rowVersion).toBe(1);
    expect(sent.content.issues[1].measures[0].steps.map((s: { text: string }) => s.text)).toEqual([
      'สำรวจความคิดเห็นผู้รับบริการ',
      'ทบทวนขั้นตอนที่ล่าช้า',
      'ประกาศมาตรฐานระยะเวลาการให้บริการ',
    ]);
    expect(sent.content.issues[1].measures[0].timeframe).toEqual({ start: '2566-10', end: '2567-03' });
    expect(sent.content.issues[1].measures[0].steps[2].timeframe).toEqual({
      start: '2567-01',
      end: '2567-03',
    });
    expect(sent.content.issues[1].measures[0].steps[2].responsible.unitIds).toHaveLength(1);

    await page.getByRole('link', { name: 'ข้อผิดพลาดที่ต้องแก้ก่อนส่ง: 0' }).click();
    await page.getByText('ไม่มีข้อผิดพลาด ส่งแผนให้ผู้บริหารอนุมัติได้').waitFor();
    await page.getByRole('tab', { name: 'ความครบถ้วน (ข้อผิดพลาด 0)', selected: true }).waitFor();
    await page.getByText('บันทึกแล้ว', { exact: true }).waitFor();
    const parts = page.getByRole('list', { name: 'องค์ประกอบ 7 ส่วนที่ผู้ประเมิน OIT ตรวจ' });
    expect(await parts.getByText('(ครบ)').count()).toBe(7);
    expect(await page.getByRole('button', { name: 'ส่งให้ผู้บริหารอนุมัติ' }).isEnabled()).toBe(true);

    await closeNotifications(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    fs.mkdirSync(path.dirname(EDITOR_SCREENSHOT), { recursive: true });
    await page.screenshot({ path: EDITOR_SCREENSHOT, fullPage: true });
    expect(fs.statSync(EDITOR_SCREENSHOT).size).toBeGreaterThan(80_000);
  });

  it('meets someone else’s save: both versions shown, merged, nothing overwritten silently', async () => {
    const planPath = new URL(planUrl).pathname;
    const apiPath = `/api${planPath}`;
    // Someone else saves a new "prepared by" meanwhile.
    const current = (await apiCall(page, 'GET', apiPath)).json as {
      rowVersion: number;
      content: Record<string, unknown>;
    };
    const other = await apiCall(page, 'PUT', apiPath, {
      rowVersion: current.rowVersion,
      content: { ...current.content, preparedBy: 'คณะทำงาน ITA จังหวัดตัวอย่าง' },
    });
    expect(other.status).toBe(200);

    await page
      .getByRole('textbox', { name: 'บทนำ / หลักการและเหตุผล' })
      .fill('แผนนี้จัดทำตามผลการประเมิน ITA ปี 2566');
    const refused = page.waitForResponse((r) => r.url().endsWith(apiPath) && r.request().method() === 'PUT');
    await page.getByRole('button', { name: 'บันทึกแผน' }).click();
    expect((await refused).status()).toBe(409);

    const merge = page.getByRole('dialog', { name: 'มีผู้อื่นบันทึกแผนนี้ก่อนท่าน' });
    await merge.waitFor();
    const intro = merge.getByRole('region', { name: 'บทนำ / หลักการและเหตุผล' });
    await intro.getByText('แผนนี้จัดทำตามผลการประเมิน ITA ปี 2566').waitFor();
    expect(await intro.getByRole('radio', { name: 'ใช้ของท่าน' }).isChecked()).toBe(true);
    const preparedBy = merge.getByRole('region', { name: 'ผู้จัดทำ' });
    await preparedBy.getByText('คณะทำงาน ITA จังหวัดตัวอย่าง').waitFor();
    expect(await preparedBy.getByRole('radio', { name: 'ใช้ฉบับในระบบ' }).isChecked()).toBe(true);
    await merge.getByRole('button', { name: 'ใช้ฉบับที่เลือก' }).click();
    await merge.waitFor({ state: 'hidden' });

    expect(await page.getByRole('textbox', { name: 'ผู้จัดทำ' }).inputValue()).toBe('คณะทำงาน ITA จังหวัดตัวอย่าง');
    const saved = page.waitForResponse((r) => r.url().endsWith(apiPath) && r.request().method() === 'PUT');
    await page.getByRole('button', { name: 'บันทึกแผน' }).click();
    expect((await saved).status()).toBe(200);
    await page.getByText('บันทึกแล้ว', { exact: true }).waitFor();
    const after = (await apiCall(page, 'GET', apiPath)).json as {
      content: { introduction: string; preparedBy: string };
    };
    expect(after.content.introduction).toBe('แผนนี้จัดทำตามผลการประเมิน ITA ปี 2566');
    expect(after.content.preparedBy).toBe('คณะทำงาน ITA จังหวัดตัวอย่าง');
  });

  it('submits the plan (after a confirmation); it then reads as a document', async () => {
    await page.getByRole('button', { name: 'ส่งให้ผู้บริหารอนุมัติ' }).click();
    await page
      .getByRole('dialog', { name: 'เสนอแผนฉบับที่ 1 เพื่อขออนุมัติ' })
      .getByRole('button', { name: 'เสนอขออนุมัติ' })
      .click();
    await page.getByText('รอผู้บริหารอนุมัติ', { exact: true }).first().waitFor();
    await page.getByText('ส่งแล้ว รอผู้บริหารพิจารณาอนุมัติหรือส่งกลับ').waitFor();
    expect(await page.getByRole('button', { name: 'บันทึกแผน' }).count()).toBe(0);
    await page.getByTestId('plan-read-view').waitFor();
    expect(await page.getByRole('textbox', { name: 'การกำกับติดตามและการรายงานผล' }).count()).toBe(0);
  });

  it('the executive approves with the memo number and a date shown in the Buddhist era', async () => {
    const executive = await newThaiPage(browser, 'desktop');
    await signIn(executive, server.url, EXECUTIVE);
    await executive.goto(planUrl);
    const approve = executive.getByRole('form', { name: 'อนุมัติแผน' });
    await approve.waitFor();
    expect(await executive.getByRole('button', { name: 'แจ้งเวียนแผน' }).count()).toBe(0);
    await approve.getByRole('textbox', { name: 'เลขที่บันทึกข้อความ' }).fill('ชย 0017/2566');
    const memoDate = approve.getByLabel('ลงวันที่');
    await memoDate.fill('2/10/2566');
    await memoDate.press('Tab');
    expect(await memoDate.inputValue()).toBe('2 ตุลาคม 2566');
    await approve.getByRole('button', { name: 'อนุมัติ', exact: true }).click();
    await executive
      .getByRole('dialog', { name: 'อนุมัติแผนฉบับที่ 1' })
      .getByRole('button', { name: 'อนุมัติ', exact: true })
      .click();
    await executive.getByText('อนุมัติแล้ว', { exact: true }).first().waitFor();
    await executive.getByText('บันทึกข้อความ ที่ ชย 0017/2566 ลงวันที่ 2 ตุลาคม 2566').waitFor();
    await executive.context().close();
  });

  it('the secretariat circulates the approved plan', async () => {
    await page.reload();
    await page.getByText('อนุมัติแล้ว', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'แจ้งเวียนแผน' }).click();
    await page
      .getByRole('dialog', { name: 'แจ้งเวียนแผนไปยังหน่วยงานผู้รับผิดชอบ' })
      .getByRole('button', { name: 'แจ้งเวียน', exact: true })
      .click();
    await page.getByText('แจ้งเวียนแล้ว', { exact: true }).first().waitFor();
    const acks = page.getByRole('table', { name: 'การรับทราบของหน่วยงานผู้รับผิดชอบ' });
    await acks.getByRole('row', { name: new RegExp(`${UNIT} ยังไม่รับทราบ`) }).waitFor();
    await acks.getByRole('row', { name: /สำนักงานจังหวัดตัวอย่าง ยังไม่รับทราบ/ }).waitFor();
  });

  it('the unit reporter sees the unit’s measures on a phone and acknowledges', async () => {
    const phone = await newThaiPage(browser, 'phone');
    await signIn(phone, server.url, REPORTER);
    await phone.getByRole('button', { name: 'เปิดเมนู' }).click();
    await phone.getByRole('navigation').getByRole('link', { name: 'งานที่ได้รับมอบหมาย' }).click();
    await phone.getByRole('heading', { name: 'งานที่ได้รับมอบหมาย', level: 2 }).waitFor();

    const card = phone.getByRole('region', { name: /^แผนมาตรการของ จังหวัดตัวอย่าง ปี พ\.ศ\. 2567/ });
    await card.waitFor();
    const library = card.getByRole('article', { name: LIBRARY_MEASURE });
    await library.getByText('ต.ค. 2566 – ก.ย. 2567').waitFor();
    expect(await library.getByText('ขั้นตอนของหน่วยงานท่าน').count()).toBe(4);
    const own = card.getByRole('article', { name: OWN_MEASURE });
    await own.getByText('ต.ค. 2566 – มี.ค. 2567').waitFor();
    // Steps 1 and 2 are the unit's; step 3 belongs to the provincial office.
    expect(await own.getByText('ขั้นตอนของหน่วยงานท่าน').count()).toBe(2);

    await card.getByRole('button', { name: 'รับทราบ', exact: true }).click();
    await card.getByText(/^รับทราบแล้วเมื่อ /).waitFor();
    expect(await card.getByRole('button', { name: 'รับทราบ', exact: true }).count()).toBe(0);

    await closeNotifications(phone);
    await phone.evaluate(() => window.scrollTo(0, 0));
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: INBOX_SCREENSHOT, fullPage: true });
    expect(fs.statSync(INBOX_SCREENSHOT).size).toBeGreaterThan(30_000);
    await phone.context().close();
  });

  it('the secretariat sees the acknowledgement', async () => {
    await page.reload();
    const acks = page.getByRole('table', { name: 'การรับทราบของหน่วยงานผู้รับผิดชอบ' });
    const row = acks.getByRole('row', { name: new RegExp(UNIT) });
    await row.getByText(/^รับทราบแล้ว /).waitFor();
    await row.getByText('ผู้รายงาน', { exact: false }).waitFor();
    await page.getByText('รับทราบแล้ว 1 จาก 2 หน่วยงาน').waitFor();
  });

  it('switches the plan page to English once and back', async () => {
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    try {
      await page.getByRole('heading', { name: 'Plan, version 1' }).waitFor();
      await page.getByRole('heading', { name: 'Status, approval and circulation' }).waitFor();
      await page.getByText('Circulated', { exact: true }).first().waitFor();
    } finally {
      await page.getByRole('button', { name: 'TH', exact: true }).click();
    }
    await page.getByRole('heading', { name: 'แผนฉบับที่ 1' }).waitFor();
  });
});
