import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer } from '../support/smtp-server.ts';
import { REPORTER, SECRETARIAT, signIn } from './support/accounts.ts';
import { launchBrowser, newThaiPage } from './support/browser.ts';
import { bangkokDate, typedBeDate } from './support/dates.ts';
import { closeNotifications, screenshotPath } from './support/screenshots.ts';
import { type ServerProcess, startDemoServer } from './support/server.ts';
import { circulatePlan, createApprovedPlan, PLAN_MEASURE as MEASURE } from './support/setup-plan.ts';

const DASHBOARD_SCREENSHOT = screenshotPath('followup-dashboard.png');
const PHONE_SCREENSHOT = screenshotPath('followup-report-phone.png');
const FISCAL_YEAR = 2569;
const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

describe('follow-up: a round from opening to the accepted report and the reminder', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let phone: Page;
  let planId = '';
  let roundUrl = '';

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startDemoServer({
      SMTP_URL: smtp.url,
      REMINDER_DAYS_BEFORE: '3',
    });
    browser = await launchBrowser();
    page = await newThaiPage(browser, 'wide', { defaultTimeout: 15_000 });
    phone = await newThaiPage(browser, 'phone', { defaultTimeout: 15_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
  });

  it('sets up an approved and circulated plan with a measure of DEMO-PROV-03 through the API', async () => {
    await signIn(page, server.url, SECRETARIAT);
    const plan = await createApprovedPlan(page, { browser, baseUrl: server.url, fiscalYear: FISCAL_YEAR });
    planId = plan.id;
    await circulatePlan(page, plan);
  });

  it('the secretariat creates and opens a 6-month round due in two days', async () => {
    await page.goto(`${server.url}/plans/${planId}`);
    const section = page.getByRole('region', { name: 'รอบการรายงาน' });
    await section.waitFor();
    await section.getByText('ยังไม่มีรอบการรายงาน').waitFor();
    await section.getByRole('combobox', { name: 'ประเภทรอบ' }).selectOption('6m');
    const due = bangkokDate(2);
    const dueField = section.getByLabel('วันครบกำหนดส่ง');
    await dueField.fill(typedBeDate(due));
    await dueField.press('Tab');
    expect(await dueField.inputValue()).toMatch(/^\d{1,2} [ก-๙]+ 25\d\d$/);
    await section.getByRole('button', { name: 'สร้างรอบการรายงาน' }).click();
    const round = section.getByRole('article');
    await round.getByText('ยังไม่เปิด').waitFor();
    await round.getByRole('button', { name: 'เปิดรอบ' }).click();
    await round.getByText('เปิดรับรายงาน').waitFor();
    await round.getByText(/1 รายการรายงาน/).waitFor();
    await round.getByRole('link', { name: 'ดูภาพรวมรอบ' }).click();
    await page.waitForURL(/\/rounds\/[0-9a-f-]{36}$/);
    roundUrl = page.url();
    await page.getByRole('listitem', { name: 'ยังไม่ดำเนินการ 1' }).waitFor();
  });

  it('the due-soon reminder reaches the unit reporter at the local SMTP server (the worker runs every 60 s)', {
    timeout: 90_000,
  }, async () => {
    await expect.poll(() => smtp.received.length, { timeout: 75_000, interval: 1_000 }).toBeGreaterThan(0);
    expect(smtp.received.some((m) => m.to.includes(REPORTER))).toBe(true);
  });

  it('the unit reporter fills the report on a phone, attaches a PDF and a link, and submits', async () => {
    await signIn(phone, server.url, REPORTER);
    await phone.goto(`${server.url}/tasks`);
    const due = phone.getByRole('region', { name: 'รายงานผลการดำเนินงาน' });
    await due.waitFor();
    const item = due.getByRole('listitem', { name: new RegExp(MEASURE) });
    await item.getByText('ยังไม่รายงาน').waitFor();
    await item.getByText(/^ครบกำหนด /).waitFor();
    await item.getByRole('link', { name: MEASURE }).click();
    await phone.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
    await phone.getByRole('heading', { name: MEASURE, level: 2 }).waitFor();

    await phone.getByRole('textbox', { name: 'ผลการดำเนินงาน' }).fill('จัดทำคู่มือการให้บริการแล้ว อยู่ระหว่างเผยแพร่');
    const status = phone.getByRole('combobox', { name: 'สถานะ' });
    const percent = phone.getByRole('textbox', { name: 'ร้อยละความก้าวหน้า' });
    await status.selectOption('done');
    expect(await percent.inputValue()).toBe('100');
    await status.selectOption('not_started');
    expect(await percent.inputValue()).toBe('0');
    await percent.fill('60');
    await percent.blur();
    expect(await status.inputValue()).toBe('in_progress');
    await phone.getByRole('textbox', { name: 'ปัญหาอุปสรรค' }).fill('บุคลากรไม่เพียงพอ');
    await phone.getByRole('textbox', { name: 'ข้อเสนอแนะ' }).fill('ขอสนับสนุนงบประมาณจัดพิมพ์คู่มือ');
    await phone.getByRole('button', { name: 'เพิ่มลิงก์' }).click();
    await phone.getByRole('textbox', { name: 'ที่อยู่ลิงก์ (http/https) 1' }).fill('https://example.go.th/manual');
    await phone.getByRole('textbox', { name: 'คำอธิบายลิงก์ 1' }).fill('คู่มือบนเว็บไซต์');

    const chooser = phone.waitForEvent('filechooser');
    await phone.getByRole('button', { name: 'แนบไฟล์หลักฐาน' }).click();
    await (await chooser).setFiles({ name: 'คู่มือ.pdf', mimeType: 'application/pdf', buffer: TINY_PDF });
    await phone.getByRole('link', { name: 'คู่มือ.pdf' }).waitFor();

    await closeNotifications(phone);
    await phone.screenshot({ path: PHONE_SCREENSHOT, fullPage: true });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const submitted = phone.waitForResponse(
      (r) => r.url().endsWith('/submit') && r.request().method() === 'POST',
    );
    await phone.getByRole('button', { name: 'ส่งรายงาน' }).click();
    expect((await submitted).status()).toBe(200);
    await phone.getByText('ส่งแล้ว รอตรวจ').first().waitFor();
  });

  it('the secretariat returns it with a comment; the unit sees the comment and resubmits', async () => {
    await page.goto(roundUrl);
    await page.getByRole('link', { name: new RegExp(`เปิดรายงานของ .* มาตรการ ${MEASURE}$`) }).click();
    await page.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
    const review = page.getByRole('region', { name: 'ตรวจรายงาน' });
    await review.getByRole('textbox', { name: 'ความเห็นถึงหน่วยงาน' }).fill('กรุณาแนบภาพการเผยแพร่บนเว็บไซต์');
    await review.getByRole('button', { name: 'ส่งกลับให้แก้ไข' }).click();
    await page.getByText('ความเห็นจากฝ่ายเลขานุการ: กรุณาแนบภาพการเผยแพร่บนเว็บไซต์').waitFor();

    await phone.goto(`${server.url}/tasks`);
    const item = phone.getByRole('listitem', { name: new RegExp(MEASURE) });
    await item.getByText('ส่งกลับให้แก้ไข').waitFor();
    await item.getByText('ความเห็นจากฝ่ายเลขานุการ: กรุณาแนบภาพการเผยแพร่บนเว็บไซต์').waitFor();
    await item.getByRole('link', { name: MEASURE }).click();
    await phone.getByRole('link', { name: 'คู่มือ.pdf' }).waitFor();
    expect(await phone.getByRole('textbox', { name: 'ที่อยู่ลิงก์ (http/https) 1' }).inputValue()).toBe(
      'https://example.go.th/manual',
    );
    await phone.getByRole('combobox', { name: 'สถานะ' }).selectOption('done');
    const resubmitted = phone.waitForResponse(
      (r) => r.url().endsWith('/submit') && r.request().method() === 'POST',
    );
    await phone.getByRole('button', { name: 'ส่งรายงาน' }).click();
    expect((await resubmitted).status()).toBe(200);
    // Sent again: the "returned" box is gone; the comment stays in a collapsed history.
    await phone.getByText('ส่งแล้ว รอตรวจ').first().waitFor();
    expect(await phone.getByRole('note').count()).toBe(0);
    await phone.getByText('ความเห็นจากการตรวจครั้งก่อน').waitFor();
    expect(await phone.getByText('ความเห็นจากฝ่ายเลขานุการ: กรุณาแนบภาพการเผยแพร่บนเว็บไซต์').isVisible()).toBe(
      false,
    );
  });

  it('the secretariat accepts and the dashboard shows one measure done', async () => {
    await page.goto(roundUrl);
    await page.getByRole('link', { name: new RegExp(`เปิดรายงานของ .* มาตรการ ${MEASURE}$`) }).click();
    const review = page.getByRole('region', { name: 'ตรวจรายงาน' });
    await review.getByRole('button', { name: 'ตรวจรับ' }).click();
    await page.getByText('ตรวจรับแล้ว', { exact: true }).first().waitFor();

    await page.goto(roundUrl);
    await page.getByRole('listitem', { name: 'ดำเนินการแล้วเสร็จ 1' }).waitFor();
    await page.getByRole('listitem', { name: 'ยังไม่ดำเนินการ 0' }).waitFor();
    const units = page.getByRole('table', { name: 'การส่งรายงานของหน่วยงาน' });
    await units.getByRole('cell', { name: '1/1' }).waitFor();
    await page.getByRole('region', { name: 'ปัญหาอุปสรรค' }).getByText('บุคลากรไม่เพียงพอ').waitFor();
    await page.getByRole('region', { name: 'ข้อเสนอแนะ' }).getByText('ขอสนับสนุนงบประมาณจัดพิมพ์คู่มือ').waitFor();
    await page.getByRole('img', { name: 'สถานะของมาตรการรายประเด็น' }).waitFor();
    await page.getByRole('img', { name: 'จำนวนรายงานที่ส่งในแต่ละวัน' }).waitFor();
    await closeNotifications(page);
    await page.screenshot({ path: DASHBOARD_SCREENSHOT, fullPage: true });
  });
});
