import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LineApiServer,
  type LineBot,
  lineEvents,
  lineUserId,
  postWebhook,
  startLineApiServer,
} from '../support/line-api-server.ts';
import { REPORTER, SECRETARIAT, signIn } from './support/accounts.ts';
import { apiCall } from './support/api.ts';
import { launchBrowser, newThaiPage } from './support/browser.ts';
import { bangkokDate } from './support/dates.ts';
import { closeNotifications, screenshotPath } from './support/screenshots.ts';
import { type ServerProcess, startDemoServer } from './support/server.ts';
import { circulatePlan, createApprovedPlan } from './support/setup-plan.ts';

const FISCAL_YEAR = 2569;
const SECRET = '00112233445566778899aabbccddeeff';

describe('LINE: the agency connects its Official Account, a reporter links, is reminded in LINE and unlinks', () => {
  let line: LineApiServer;
  let bot: LineBot;
  let server: ServerProcess;
  let browser: Browser;
  let desk: Page;
  let phone: Page;
  let webhookUrl = '';
  const reporterLineId = lineUserId();

  beforeAll(async () => {
    line = await startLineApiServer();
    bot = line.addBot({ displayName: 'ITA จังหวัดตัวอย่าง', basicId: '@ita-demo' });
    server = await startDemoServer({ LINE_API_URL: line.url, REMINDER_DAYS_BEFORE: '3' });
    browser = await launchBrowser();
    desk = await newThaiPage(browser, 'desktop', { defaultTimeout: 15_000 });
    phone = await newThaiPage(browser, 'phone', { defaultTimeout: 15_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await line?.close();
  });

  it('the secretariat connects the OA: a refused token is named, a good one shows the webhook URL', async () => {
    await signIn(desk, server.url, SECRETARIAT);
    await desk.getByRole('link', { name: 'LINE Official Account' }).click();
    await desk
      .getByRole('heading', { name: 'การแจ้งเตือนทาง LINE (LINE Official Account)', level: 2 })
      .waitFor();
    const card = desk.getByTestId('line-organization').filter({ hasText: 'จังหวัดตัวอย่าง' }).first();
    await card.getByText('ยังไม่ได้เชื่อมบัญชี LINE').waitFor();
    await card.getByRole('textbox', { name: 'Channel secret' }).fill(SECRET);
    await card.locator('input[type="password"]').fill('a-token-that-line-does-not-know-123');
    await card.getByRole('button', { name: 'ตรวจกับ LINE แล้วบันทึก' }).click();
    await card
      .getByRole('alert')
      .getByText(/LINE ไม่ยอมรับโทเค็นนี้/)
      .waitFor();
    await card
      .getByText('LINE ไม่ยอมรับ Channel access token (long-lived) ใน LINE Developers → Messaging API')
      .waitFor();
    await desk.screenshot({ path: screenshotPath('line-settings-refused.png'), fullPage: true });

    await card.locator('input[type="password"]').fill(bot.token);
    await card.getByRole('button', { name: 'ตรวจกับ LINE แล้วบันทึก' }).click();
    await card.getByText('ใช้งานอยู่').waitFor();
    await card.getByText('@ita-demo').waitFor();
    webhookUrl = (await card.getByTestId('line-webhook-url').textContent()) ?? '';
    expect(webhookUrl).toMatch(/\/api\/line\/webhook\/[0-9a-f-]{36}$/);
    // The page never shows the secret or the token again.
    const html = await desk.content();
    expect(html).not.toContain(SECRET);
    expect(html).not.toContain(bot.token);
    await closeNotifications(desk);
    await desk.screenshot({ path: screenshotPath('line-settings-connected.png'), fullPage: true });
  });

  it('a unit reporter opens "my account" on a phone, gets a code, sends it in chat and is linked', async () => {
    await signIn(phone, server.url, REPORTER);
    await phone.getByRole('button', { name: 'เปิดเมนู' }).click();
    await phone.getByRole('link', { name: /บัญชีของฉัน/ }).click();
    await phone.getByRole('heading', { name: 'บัญชีของฉัน', level: 2 }).waitFor();
    const account = phone.getByTestId('line-account');
    await account.getByText('ยังไม่ได้เชื่อม').waitFor();
    await account.getByRole('button', { name: 'ขอรหัสเชื่อมบัญชี' }).click();
    const code = ((await account.getByTestId('line-code').textContent()) ?? '').replace(/\s/g, '');
    expect(code).toMatch(/^\d{6}$/);
    await account.getByText('เพิ่มบัญชี @ita-demo เป็นเพื่อนใน LINE').waitFor();
    await phone.screenshot({ path: screenshotPath('line-account-code-phone.png'), fullPage: true });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // A wrongly signed call changes nothing; LINE's own (signed) call with the code links.
    const wrong = await postWebhook(fetch, webhookUrl, {
      secret: SECRET,
      destination: bot.userId,
      events: [lineEvents.text({ type: 'user', userId: reporterLineId }, code)],
      signature: 'wrong',
    });
    expect(wrong.status).toBe(401);
    const res = await postWebhook(fetch, webhookUrl, {
      secret: SECRET,
      destination: bot.userId,
      events: [lineEvents.text({ type: 'user', userId: reporterLineId }, code)],
    });
    expect(res.status).toBe(200);
    expect(line.replied.at(-1)?.texts[0]).toContain('เรียบร้อยแล้ว');
    // The page was polling: it shows the link without a reload.
    await account.getByText(/^เชื่อมบัญชี LINE แล้วเมื่อ /).waitFor({ timeout: 10_000 });
    await phone.getByRole('radio', { name: 'อีเมลและ LINE' }).click();
    await phone.getByText('บันทึกช่องทางการแจ้งเตือนแล้ว').waitFor();
    await closeNotifications(phone);
    await phone.screenshot({ path: screenshotPath('line-account-linked-phone.png'), fullPage: true });
  });

  it('a round due in two days: the due-soon reminder reaches the reporter in LINE (the worker runs every 60 s)', {
    timeout: 150_000,
  }, async () => {
    const plan = await createApprovedPlan(desk, { browser, baseUrl: server.url, fiscalYear: FISCAL_YEAR });
    await circulatePlan(desk, plan);
    const created = await apiCall(desk, 'POST', '/api/rounds', {
      planId: plan.id,
      kind: '6m',
      dueDate: bangkokDate(2),
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const round = created.json as { id: string; rowVersion: number };
    const opened = await apiCall(desk, 'POST', `/api/rounds/${round.id}/open`, {
      rowVersion: round.rowVersion,
    });
    expect(opened.status, JSON.stringify(opened.json)).toBe(200);

    await expect
      .poll(() => line.delivered.filter((d) => d.to === reporterLineId).length, {
        timeout: 100_000,
        interval: 1_000,
      })
      .toBe(1);
    const [message] = line.delivered.filter((d) => d.to === reporterLineId);
    expect(message!.token).toBe(bot.token);
    expect(message!.retryKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(message!.texts[0]).toContain('ใกล้ครบกำหนดส่งรายงาน');
    expect(message!.texts[0]).toContain('ท่านยังมีรายงานที่ต้องส่ง 1 รายการ');
  });

  it('the reporter unlinks, and the settings count the delivered message', async () => {
    const account = phone.getByTestId('line-account');
    await account.getByRole('button', { name: 'ยกเลิกการเชื่อม LINE' }).click();
    await phone.getByRole('dialog').getByRole('button', { name: 'ยกเลิกการเชื่อม LINE' }).click();
    await account.getByText('ยังไม่ได้เชื่อม').waitFor();
    await account.getByText(/^เคยเชื่อมไว้ และยกเลิกแล้วเมื่อ /).waitFor();
    // The choice is kept for when LINE is linked again; meanwhile the page says reminders go by e-mail.
    await phone.getByText('ขณะนี้การแจ้งเตือนส่งทางอีเมล เพราะยังไม่ได้เชื่อมบัญชี LINE').waitFor();
    await closeNotifications(phone);
    await phone.screenshot({ path: screenshotPath('line-account-unlinked-phone.png'), fullPage: true });

    await desk.reload();
    const card = desk.getByTestId('line-organization').filter({ hasText: 'จังหวัดตัวอย่าง' }).first();
    const usage = card.getByTestId('line-usage');
    await usage.waitFor();
    expect(await usage.locator('tbody tr').first().locator('td').nth(2).textContent()).toBe('1');
    await desk.screenshot({ path: screenshotPath('line-settings-usage.png'), fullPage: true });
  });
});
