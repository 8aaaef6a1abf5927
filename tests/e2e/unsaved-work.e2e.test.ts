/**
 * Nothing typed is lost (issue 13), end to end: the real demo server, the built UI in headless
 * Chromium. Set up through the API: an approved, circulated plan of จังหวัดตัวอย่าง with one measure of
 * DEMO-PROV-03 and an open 6-month round. A unit reporter on a phone (390×844) fills result, status,
 * percent, dates and a link while the connection to the server is down (the draft cannot be saved),
 * taps "← กลับไปที่งานของหน่วยงาน": a warning; stays; leaves anyway; on returning every field is there
 * again (kept in the browser), and once the connection is back the draft is saved on the server, so a
 * fresh browser (nothing kept locally) shows it too. When someone else saves meanwhile, the next save
 * shows both versions side by side and the reporter keeps theirs. The plan editor behaves the same way
 * (warning, then restored after a reload). The secretariat reads the submitted report as text with a link that
 * opens and the uploaded image previewed. Needs `npm run build:ui` first.
 */
import { createCanvas } from '@napi-rs/canvas';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORTER, SECRETARIAT, signIn } from './support/accounts.ts';
import { apiCall, listOrganizations } from './support/api.ts';
import { seriousFindings } from './support/axe.ts';
import { launchBrowser, newThaiPage } from './support/browser.ts';
import { bangkokDate } from './support/dates.ts';
import { closeNotifications, screenshotPath } from './support/screenshots.ts';
import { type ServerProcess, startDemoServer } from './support/server.ts';
import { circulatePlan, createApprovedPlan, PLAN_MEASURE as MEASURE } from './support/setup-plan.ts';

const FISCAL_YEAR = 2569;
const RESULT = 'จัดทำคู่มือการให้บริการแล้ว อยู่ระหว่างเผยแพร่';
const LINK_URL = 'https://example.go.th/manual';
const LINK_LABEL = 'คู่มือบนเว็บไซต์';
const INTRODUCTION = 'แผนนี้จัดทำขึ้นจากผลการประเมินปีที่ผ่านมา (พิมพ์ค้างไว้ ยังไม่บันทึก)';

/** A small picture to attach as evidence (the reviewer sees it as a thumbnail). */
function evidencePng(): Buffer {
  const canvas = createCanvas(240, 160);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#dbeafe';
  ctx.fillRect(0, 0, 240, 160);
  ctx.fillStyle = '#1e3a8a';
  ctx.fillRect(20, 20, 200, 24);
  ctx.fillRect(20, 60, 140, 12);
  ctx.fillRect(20, 84, 170, 12);
  return canvas.toBuffer('image/png');
}

/** The values a person sees in the report form's fields, to compare before leaving and after return. */
async function reportFields(page: Page) {
  const value = (name: string, role: 'textbox' | 'combobox' = 'textbox') =>
    page.getByRole(role, { name, exact: true }).inputValue();
  return {
    result: await value('ผลการดำเนินงาน'),
    status: await value('สถานะ', 'combobox'),
    percent: await value('ร้อยละความก้าวหน้า'),
    start: await value('วันที่เริ่มกิจกรรม'),
    end: await value('วันที่สิ้นสุดกิจกรรม'),
    url: await value('ที่อยู่ลิงก์ (http/https) 1'),
    label: await value('คำอธิบายลิงก์ 1'),
  };
}

describe('unsaved work: kept across leaving, reload and a dropped connection; read views', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let phone: Page;
  let reportUrl = '';

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    page = await newThaiPage(browser, 'wide', { defaultTimeout: 15_000 });
    phone = await newThaiPage(browser, 'phone', { defaultTimeout: 15_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sets up a circulated plan and an open 6-month round through the API', async () => {
    await signIn(page, server.url, SECRETARIAT);
    const plan = await createApprovedPlan(page, { browser, baseUrl: server.url, fiscalYear: FISCAL_YEAR });
    await circulatePlan(page, plan);
    const created = await apiCall(page, 'POST', '/api/rounds', {
      planId: plan.id,
      kind: '6m',
      dueDate: bangkokDate(14),
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const round = created.json as { id: string; rowVersion: number };
    const opened = await apiCall(page, 'POST', `/api/rounds/${round.id}/open`, {
      rowVersion: round.rowVersion,
    });
    expect(opened.status, JSON.stringify(opened.json)).toBe(200);
  });

  it('the reporter’s list names the measure by its number and issue', async () => {
    await signIn(phone, server.url, REPORTER);
    await phone.goto(`${server.url}/tasks`);
    const due = phone.getByRole('region', { name: 'รายงานผลการดำเนินงาน' });
    const item = due.getByRole('listitem', { name: new RegExp(MEASURE) });
    await item.getByText('ประเด็นที่ 1 · มาตรการ 1.1 · การเปิดเผยข้อมูลการให้บริการ').waitFor();
    // The plan still to acknowledge comes first, above the reports due.
    const acknowledge = phone.getByRole('button', { name: 'รับทราบ', exact: true });
    await acknowledge.waitFor();
    const ackTop = (await acknowledge.boundingBox())!.y;
    expect(ackTop).toBeLessThan((await due.boundingBox())!.y);
    await phone
      .getByRole('region', { name: /^แผนมาตรการของ / })
      .getByRole('article', { name: `ประเด็นที่ 1 · มาตรการ 1.1 ${MEASURE}` })
      .waitFor();
    await closeNotifications(phone);
    await phone.screenshot({ path: screenshotPath('unsaved-tasks-phone.png'), fullPage: true });
    await item.getByRole('link', { name: MEASURE }).click();
    await phone.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
    reportUrl = phone.url();
    await phone.getByRole('heading', { name: MEASURE, level: 2 }).waitFor();
  });

  let typed: Awaited<ReturnType<typeof reportFields>>;

  it('a reporter on a phone fills the report while the server cannot be reached; leaving asks first', async () => {
    // The connection drops for saves: the background draft save fails and says it will retry.
    await phone.route(/\/api\/reports\/[0-9a-f-]{36}$/, (route) =>
      route.request().method() === 'PUT' ? route.abort('internetdisconnected') : route.continue(),
    );
    await phone.getByRole('textbox', { name: 'ผลการดำเนินงาน' }).fill(RESULT);
    await phone.getByRole('combobox', { name: 'สถานะ' }).selectOption('in_progress');
    const percent = phone.getByRole('textbox', { name: 'ร้อยละความก้าวหน้า' });
    await percent.fill('60');
    await percent.blur();
    const start = phone.getByRole('textbox', { name: 'วันที่เริ่มกิจกรรม' });
    await start.fill('1/11/2569');
    await start.press('Tab');
    const end = phone.getByRole('textbox', { name: 'วันที่สิ้นสุดกิจกรรม' });
    await end.fill('30/11/2569');
    await end.press('Tab');
    await phone.getByRole('button', { name: 'เพิ่มลิงก์' }).click();
    await phone.getByRole('textbox', { name: 'ที่อยู่ลิงก์ (http/https) 1' }).fill(LINK_URL);
    await phone.getByRole('textbox', { name: 'คำอธิบายลิงก์ 1' }).fill(LINK_LABEL);
    typed = await reportFields(phone);
    expect(typed).toMatchObject({ result: RESULT, status: 'in_progress', percent: '60', url: LINK_URL });
    expect(typed.start).toContain('2569');
    expect(typed.end).toContain('2569');

    await phone.getByText(/^เชื่อมต่อเซิร์ฟเวอร์ไม่ได้ ข้อความยังเก็บไว้ในเครื่องนี้/).waitFor({ timeout: 20_000 });
    await closeNotifications(phone);
    await phone.screenshot({ path: screenshotPath('unsaved-report-offline-phone.png'), fullPage: true });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    let asked = '';
    phone.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await phone.getByRole('link', { name: '← กลับไปที่งานของหน่วยงาน' }).click();
    await expect.poll(() => asked).toContain('ยังบันทึกไม่ครบ');
    expect(phone.url()).toBe(reportUrl);
    expect(await reportFields(phone)).toEqual(typed);
  });

  it('leaves anyway; on returning every field is there again, with a note and a way to discard', async () => {
    phone.once('dialog', (dialog) => void dialog.accept());
    await phone.getByRole('link', { name: '← กลับไปที่งานของหน่วยงาน' }).click();
    await phone.waitForURL(/\/tasks$/);
    const item = phone.getByRole('listitem', { name: new RegExp(MEASURE) });
    await item.getByText('ยังไม่รายงาน').waitFor(); // nothing reached the server
    await item.getByRole('link', { name: MEASURE }).click();
    await phone.waitForURL(reportUrl);
    await phone.getByText(/^กู้คืนข้อความที่ยังไม่ได้บันทึกจากเครื่องนี้ \(พิมพ์ไว้เมื่อ /).waitFor();
    expect(await reportFields(phone)).toEqual(typed);
    await phone.getByRole('button', { name: 'ทิ้งข้อความที่กู้คืน' }).waitFor();
    await closeNotifications(phone);
    expect(await seriousFindings(phone)).toEqual([]);
    await phone.screenshot({ path: screenshotPath('unsaved-report-restored-phone.png'), fullPage: true });
  });

  it('when the connection is back the draft is saved on the server: a fresh browser shows it', async () => {
    const saved = phone.waitForResponse(
      (r) => r.url() === reportUrl.replace('/reports/', '/api/reports/') && r.request().method() === 'PUT',
    );
    await phone.unroute(/\/api\/reports\/[0-9a-f-]{36}$/);
    expect((await saved).status()).toBe(200);
    await phone.getByText(/^บันทึกร่างแล้ว เวลา /).waitFor();

    const fresh = await newThaiPage(browser, 'phone', { defaultTimeout: 15_000 });
    await signIn(fresh, server.url, REPORTER);
    expect(
      await fresh.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('prongsai.draft'))),
    ).toEqual([]);
    await fresh.goto(reportUrl);
    await fresh.getByRole('heading', { name: MEASURE, level: 2 }).waitFor();
    await fresh.getByText('ร่าง', { exact: true }).first().waitFor();
    expect(await reportFields(fresh)).toEqual(typed);
    expect(await fresh.getByText(/^กู้คืนข้อความที่ยังไม่ได้บันทึก/).count()).toBe(0);

    await fresh.context().close();
  });

  it('someone else saves meanwhile: the next save shows both versions side by side, and mine is kept', async () => {
    // Another browser of the same unit saves the report (a newer version) while the phone has it open.
    const other = await newThaiPage(browser, 'phone', { defaultTimeout: 15_000 });
    await signIn(other, server.url, REPORTER);
    const id = reportUrl.split('/').pop()!;
    const current = (await apiCall(other, 'GET', `/api/reports/${id}`)).json as Record<string, unknown>;
    const theirs = await apiCall(other, 'PUT', `/api/reports/${id}`, {
      rowVersion: current.rowVersion,
      result: current.result,
      progress: current.progress,
      percent: current.percent,
      problems: 'งบประมาณไม่เพียงพอ (บันทึกจากอีกเครื่อง)',
      suggestions: '',
      activityStart: current.activityStart,
      activityEnd: current.activityEnd,
      links: current.links,
      paperRefs: [],
    });
    expect(theirs.status, JSON.stringify(theirs.json)).toBe(200);
    await other.context().close();

    await phone.getByRole('textbox', { name: 'ข้อเสนอแนะ' }).fill('ขอสนับสนุนงบประมาณจัดพิมพ์คู่มือ');
    const compare = phone.getByRole('dialog', { name: 'มีการบันทึกรายการนี้ระหว่างที่ท่านแก้ไข' });
    await compare.waitFor({ timeout: 20_000 });
    const problems = compare.getByRole('region', { name: 'ปัญหาอุปสรรค' });
    await problems.getByText('งบประมาณไม่เพียงพอ (บันทึกจากอีกเครื่อง)').waitFor();
    await compare.getByRole('region', { name: 'ข้อเสนอแนะ' }).getByText('ขอสนับสนุนงบประมาณจัดพิมพ์คู่มือ').waitFor();
    await phone.screenshot({ path: screenshotPath('unsaved-report-compare-phone.png') });
    expect(await seriousFindings(phone)).toEqual([]);
    await compare.getByRole('button', { name: 'ใช้ข้อความของท่าน' }).click();
    await compare.waitFor({ state: 'detached' });
    await phone.getByText(/^บันทึกร่างแล้ว เวลา /).waitFor({ timeout: 20_000 });
    const saved = (await apiCall(phone, 'GET', `/api/reports/${id}`)).json as Record<string, unknown>;
    expect(saved).toMatchObject({ suggestions: 'ขอสนับสนุนงบประมาณจัดพิมพ์คู่มือ', problems: '', result: RESULT });

    // The reporter attaches a picture and submits.
    const chooser = phone.waitForEvent('filechooser');
    await phone.getByRole('button', { name: 'แนบไฟล์หลักฐาน' }).click();
    await (await chooser).setFiles({
      name: 'ภาพหน้าเว็บไซต์.png',
      mimeType: 'image/png',
      buffer: evidencePng(),
    });
    await phone.getByRole('link', { name: 'ภาพหน้าเว็บไซต์.png', exact: true }).waitFor();
    const submitted = phone.waitForResponse(
      (r) => r.url().endsWith('/submit') && r.request().method() === 'POST',
    );
    await phone.getByRole('button', { name: 'ส่งรายงาน' }).click();
    expect((await submitted).status()).toBe(200);
    await phone.getByText('ส่งแล้ว รอตรวจ').first().waitFor();
  });

  it('the reviewer reads the report as text, with a link that opens and the picture previewed', async () => {
    await page.goto(reportUrl);
    const answers = page.getByRole('region', { name: 'คำตอบของหน่วยงาน' });
    await answers.getByText(RESULT).waitFor();
    await answers.getByText('อยู่ระหว่างดำเนินการ').waitFor();
    await answers.getByText('ร้อยละ 60').waitFor();
    await answers.getByText(/^1 พฤศจิกายน 2569 ถึง 30 พฤศจิกายน 2569$/).waitFor();
    await answers.getByText('ขอสนับสนุนงบประมาณจัดพิมพ์คู่มือ').waitFor();
    expect(await page.getByRole('textbox', { name: 'ผลการดำเนินงาน' }).count()).toBe(0);
    const link = answers.getByRole('link', { name: new RegExp(LINK_LABEL) });
    expect(await link.getAttribute('href')).toBe(LINK_URL);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toContain('noopener');
    const popup = page.waitForEvent('popup');
    await link.click();
    await (await popup).close();
    const preview = page.getByRole('img', { name: 'ภาพตัวอย่าง ภาพหน้าเว็บไซต์.png' });
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(240);
    await page.getByText(/^PNG · \d+ KB · /).waitFor();
    await page.getByRole('region', { name: 'ตรวจรายงาน' }).waitFor();
    await closeNotifications(page);
    await page.screenshot({ path: screenshotPath('unsaved-report-review-read-view.png'), fullPage: true });
    expect(await seriousFindings(page)).toEqual([]);

    // The same in English: labels, status, dates and the measure's number in the chosen language.
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    try {
      const english = page.getByRole('region', { name: 'The unit’s answers' });
      await english.getByText('1 November 2569 BE to 30 November 2569 BE').waitFor();
      await english.getByText('In progress', { exact: true }).waitFor();
      await english.getByText('60%', { exact: true }).waitFor();
      await page.getByText(/Issue 1 · Measure 1\.1/).waitFor();
      await page.screenshot({
        path: screenshotPath('unsaved-report-review-read-view-en.png'),
        fullPage: true,
      });
    } finally {
      await page.getByRole('button', { name: 'TH', exact: true }).click();
    }
    await answers.waitFor();
  });

  it('the plan editor keeps unsaved input the same way: a warning, then restored after a reload', async () => {
    const organizations = await listOrganizations(page);
    const province = organizations.find((o) => o.code === 'DEMO-PROV')!;
    const created = await apiCall(page, 'POST', '/api/plans', {
      organizationId: province.id,
      fiscalYear: FISCAL_YEAR + 1,
      issuesFrom: 'none',
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const planUrl = `${server.url}/plans/${(created.json as { id: string }).id}`;
    await page.goto(planUrl);
    const introduction = page.getByRole('textbox', { name: 'บทนำ / หลักการและเหตุผล' });
    await introduction.fill(INTRODUCTION);
    await page.getByText('มีการแก้ไขที่ยังไม่บันทึก', { exact: true }).waitFor();

    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await page.getByRole('link', { name: '← แผนมาตรการทั้งหมด' }).click();
    await expect.poll(() => asked).toContain('ยังไม่บันทึก');
    expect(page.url()).toBe(planUrl);

    // Reloading asks too (the browser's own question); accepted, the page comes back with the input.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.reload();
    await page.getByText(/^กู้คืนข้อความที่ยังไม่ได้บันทึกจากเครื่องนี้/).waitFor();
    expect(await introduction.inputValue()).toBe(INTRODUCTION);
    await page.getByText('มีการแก้ไขที่ยังไม่บันทึก', { exact: true }).waitFor();
    await page.screenshot({ path: screenshotPath('unsaved-plan-restored.png') });

    // Discarding goes back to the saved plan and forgets the kept copy.
    await page.getByRole('button', { name: 'ทิ้งข้อความที่กู้คืน' }).click();
    expect(await introduction.inputValue()).not.toBe(INTRODUCTION);
    await page.getByText('บันทึกแล้ว', { exact: true }).waitFor();
    await page.reload();
    await introduction.waitFor();
    expect(await introduction.inputValue()).not.toBe(INTRODUCTION);
    expect(await page.getByText(/^กู้คืนข้อความที่ยังไม่ได้บันทึก/).count()).toBe(0);

    // Typed again, then someone else saves the plan before this input is saved: on return both versions
    // are offered side by side, each part defaulting to the side that changed it.
    await introduction.fill(INTRODUCTION);
    await page.getByText('มีการแก้ไขที่ยังไม่บันทึก', { exact: true }).waitFor();
    const id = planUrl.split('/').pop()!;
    const current = (await apiCall(page, 'GET', `/api/plans/${id}`)).json as {
      rowVersion: number;
      content: Record<string, unknown>;
    };
    const theirs = await apiCall(page, 'PUT', `/api/plans/${id}`, {
      rowVersion: current.rowVersion,
      content: { ...current.content, preparedBy: 'คณะทำงาน ITA จังหวัดตัวอย่าง (อีกเครื่อง)' },
    });
    expect(theirs.status, JSON.stringify(theirs.json)).toBe(200);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.reload();
    await page.getByText(/^ข้อความที่พิมพ์ไว้เมื่อ .* ยังไม่ได้บันทึก/).waitFor();
    await page.getByRole('button', { name: 'เปรียบเทียบสองฉบับ' }).click();
    const merge = page.getByRole('dialog', { name: 'มีผู้อื่นบันทึกแผนนี้ก่อนท่าน' });
    await merge.waitFor();
    const intro = merge.getByRole('region', { name: 'บทนำ / หลักการและเหตุผล' });
    await intro.getByText(INTRODUCTION).waitFor();
    expect(await intro.getByRole('radio', { name: 'ใช้ของท่าน' }).isChecked()).toBe(true);
    const preparedBy = merge.getByRole('region', { name: 'ผู้จัดทำ' });
    await preparedBy.getByText('คณะทำงาน ITA จังหวัดตัวอย่าง (อีกเครื่อง)').waitFor();
    expect(await preparedBy.getByRole('radio', { name: 'ใช้ฉบับในระบบ' }).isChecked()).toBe(true);
    await page.screenshot({ path: screenshotPath('unsaved-plan-older-compare.png') });
    await merge.getByRole('button', { name: 'ใช้ฉบับที่เลือก' }).click();
    await merge.waitFor({ state: 'hidden' });
    expect(await introduction.inputValue()).toBe(INTRODUCTION);
    expect(await page.getByRole('textbox', { name: 'ผู้จัดทำ' }).inputValue()).toBe(
      'คณะทำงาน ITA จังหวัดตัวอย่าง (อีกเครื่อง)',
    );
    await page.getByRole('button', { name: 'บันทึกแผน' }).click();
    await page.getByText('บันทึกแล้ว', { exact: true }).waitFor();
  });
  it('a modal form with typed input asks before it closes (the organisation form)', async () => {
    const admin = await newThaiPage(browser, 'desktop', { defaultTimeout: 15_000 });
    await signIn(admin, server.url, 'admin@demo.prongsai.local');
    await admin.goto(`${server.url}/organizations`);
    await admin.getByRole('button', { name: 'เพิ่มหน่วยงานระดับบนสุด' }).click();
    const dialog = admin.getByRole('dialog', { name: 'เพิ่มหน่วยงานระดับบนสุด' });
    await dialog.getByRole('textbox', { name: 'ชื่อภาษาไทย' }).fill('สำนักงานทดลอง');

    let asked = '';
    admin.once('dialog', (question) => {
      asked = question.message();
      void question.dismiss();
    });
    await admin.keyboard.press('Escape');
    await expect.poll(() => asked).toContain('ยังไม่ได้บันทึก');
    expect(await dialog.getByRole('textbox', { name: 'ชื่อภาษาไทย' }).inputValue()).toBe('สำนักงานทดลอง');

    admin.once('dialog', (question) => void question.accept());
    await dialog.getByRole('button', { name: 'ยกเลิก' }).click();
    await dialog.waitFor({ state: 'detached' });
    await admin.context().close();
  });
});
