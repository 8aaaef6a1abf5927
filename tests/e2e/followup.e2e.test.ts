/**
 * Follow-up end to end: the real server (demo data, reminders through a local SMTP server) in a child
 * process, the built UI in headless Chromium. Set up through the API: an approved and circulated plan
 * of จังหวัดตัวอย่าง with one measure carried by DEMO-PROV-03. In the browser the secretariat opens a
 * 6-month round due in two days; the unit reporter, on a phone, fills the report, attaches a PDF and a
 * link and submits; the secretariat returns it with a comment; the unit sees the comment and resubmits;
 * the secretariat accepts and the dashboard shows one measure done; the due-soon reminder arrives by
 * e-mail. Needs `npm run build:ui` first (`npm test` does it).
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '#server/browser/chromium.ts';
import { repoRoot, type ServerProcess, startServerProcess } from '#tests/support/server-process.ts';

const DASHBOARD_SCREENSHOT = path.join(repoRoot, 'test-output/e2e/followup-dashboard.png');
const PHONE_SCREENSHOT = path.join(repoRoot, 'test-output/e2e/followup-report-phone.png');
const PASSWORD = 'demo-password-2568';
const SECRETARIAT = 'secretariat@demo.prongsai.local';
const EXECUTIVE = 'executive@demo.prongsai.local';
const REPORTER = 'reporter@demo.prongsai.local';
const MEASURE = 'จัดทำคู่มือการให้บริการประชาชนและเผยแพร่ทางเว็บไซต์';
const FISCAL_YEAR = 2569;
const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

type Received = { to: string[]; raw: string };

async function startSmtpServer() {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { received, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function signIn(page: Page, baseUrl: string, email: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByRole('textbox', { name: 'อีเมล', exact: true }).fill(email);
  await page.getByRole('textbox', { name: 'รหัสผ่าน', exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await page.getByRole('heading', { name: 'หน่วยงาน', level: 2 }).waitFor();
}

async function apiCall(page: Page, method: string, url: string, body?: unknown) {
  return page.evaluate(
    async ({ method, url, body }) => {
      const me = await (await fetch('/api/auth/me')).json();
      const response = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', 'X-CSRF-Token': me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, json: await response.json().catch(() => null) };
    },
    { method, url, body },
  );
}

async function closeNotifications(page: Page) {
  const close = page.locator('.mantine-Notification-closeButton');
  while ((await close.count()) > 0) {
    await close
      .first()
      .click({ timeout: 2_000 })
      .catch(() => undefined);
    await page.waitForTimeout(250);
  }
}

/** yyyy-mm-dd in Bangkok, `days` from today. */
function bangkokDate(days: number): string {
  return new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

describe('follow-up: a round from opening to the accepted report and the reminder', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let server: ServerProcess;
  let browser: Browser;
  let secretariat: BrowserContext;
  let phoneContext: BrowserContext;
  let page: Page;
  let phone: Page;
  let planId = '';
  let roundUrl = '';

  beforeAll(async () => {
    if (!fs.existsSync(path.join(repoRoot, 'dist/ui/index.html'))) {
      throw new Error(
        'dist/ui is missing: run `npm run build:ui` before the e2e tests (`npm test` does it).',
      );
    }
    smtp = await startSmtpServer();
    server = await startServerProcess({
      env: {
        NODE_ENV: 'development',
        DEMO_DATA: 'true',
        LOG_LEVEL: 'error',
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}?ignoreTLS=true`,
        REMINDER_DAYS_BEFORE: '3',
      },
      timeoutMs: 90_000,
    });
    browser = await launchBrowser();
    secretariat = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'th-TH' });
    secretariat.setDefaultTimeout(15_000);
    page = await secretariat.newPage();
    phoneContext = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'th-TH',
      isMobile: true,
      hasTouch: true,
    });
    phoneContext.setDefaultTimeout(15_000);
    phone = await phoneContext.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
  });

  it('sets up an approved and circulated plan with a measure of DEMO-PROV-03 through the API', async () => {
    await signIn(page, server.url, SECRETARIAT);
    const organizations = (await apiCall(page, 'GET', '/api/organizations')).json as {
      id: string;
      code: string;
    }[];
    const province = organizations.find((o) => o.code === 'DEMO-PROV')!;
    const unit = organizations.find((o) => o.code === 'DEMO-PROV-03')!;
    const created = await apiCall(page, 'POST', '/api/plans', {
      organizationId: province.id,
      fiscalYear: FISCAL_YEAR,
      issuesFrom: 'none',
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const plan = created.json as { id: string; rowVersion: number; content: { title: string } };
    planId = plan.id;
    const saved = await apiCall(page, 'PUT', `/api/plans/${planId}`, {
      rowVersion: plan.rowVersion,
      content: {
        title: plan.content.title,
        analysisSummary: 'ผลการประเมินปีที่แล้วชี้ว่าการเปิดเผยข้อมูลการให้บริการยังไม่ครบถ้วน',
        monitoringSection: 'คณะทำงาน ITA ติดตามความก้าวหน้าทุกรอบ 6 เดือน',
        issues: [
          {
            id: 'issue-1',
            title: 'การเปิดเผยข้อมูลการให้บริการ',
            stance: 'urgent',
            measures: [
              {
                id: 'measure-1',
                title: MEASURE,
                steps: [
                  { id: 's1', text: 'จัดทำคู่มือการให้บริการ' },
                  { id: 's2', text: 'เผยแพร่คู่มือบนเว็บไซต์ของหน่วยงาน' },
                ],
                responsible: { unitIds: [unit.id], external: [] },
                timeframe: { start: `${FISCAL_YEAR - 1}-10`, end: `${FISCAL_YEAR}-09` },
                monitoring: 'รายงานผลทุก 6 เดือน',
              },
            ],
          },
        ],
      },
    });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    const submitted = await apiCall(page, 'POST', `/api/plans/${planId}/submit`, {
      rowVersion: (saved.json as { rowVersion: number }).rowVersion,
    });
    expect(submitted.status, JSON.stringify(submitted.json)).toBe(200);

    const executive = await browser.newPage({ locale: 'th-TH' });
    await signIn(executive, server.url, EXECUTIVE);
    const approved = await apiCall(executive, 'POST', `/api/plans/${planId}/decision`, {
      decision: 'approve',
      rowVersion: (submitted.json as { rowVersion: number }).rowVersion,
      memoNumber: 'ชบ 0017/123',
      memoDate: bangkokDate(0),
    });
    expect(approved.status, JSON.stringify(approved.json)).toBe(200);
    await executive.close();
    const circulated = await apiCall(page, 'POST', `/api/plans/${planId}/circulate`, {
      rowVersion: (approved.json as { rowVersion: number }).rowVersion,
    });
    expect(circulated.status, JSON.stringify(circulated.json)).toBe(200);
  });

  it('the secretariat creates and opens a 6-month round due in two days', async () => {
    await page.goto(`${server.url}/plans/${planId}`);
    const section = page.getByRole('region', { name: 'รอบการรายงาน' });
    await section.waitFor();
    await section.getByText('ยังไม่มีรอบการรายงาน').waitFor();
    await section.getByRole('combobox', { name: 'ประเภทรอบ' }).selectOption('6m');
    const due = bangkokDate(2);
    await section.getByLabel('วันครบกำหนดส่ง').fill(due);
    await section.getByText(/^พ\.ศ\.: .*25\d\d$/).waitFor();
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
    await page.getByRole('link', { name: new RegExp(`^เปิดรายงานของ .* มาตรการ ${MEASURE}$`) }).click();
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
  });

  it('the secretariat accepts and the dashboard shows one measure done', async () => {
    await page.goto(roundUrl);
    await page.getByRole('link', { name: new RegExp(`^เปิดรายงานของ .* มาตรการ ${MEASURE}$`) }).click();
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
