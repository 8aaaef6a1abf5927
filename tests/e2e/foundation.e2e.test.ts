/**
 * The foundation end to end: the real server (with its demo data) in a child process, the built UI
 * in headless Chromium. Needs `npm run build:ui` first (`npm test` does it).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, SECRETARIAT } from './support/accounts.ts';
import { launchBrowser, newThaiPage } from './support/browser.ts';
import { screenshotPath } from './support/screenshots.ts';
import { type ServerProcess, startDemoServer } from './support/server.ts';

const SCREENSHOT = screenshotPath('foundation-organisations.png');

describe('foundation: sign-in, organisation tree, language switch', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    page = await newThaiPage(browser, 'desktop');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('refuses a wrong password, then too many attempts, with the server messages', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'เข้าสู่ระบบ' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await page.locator('html').getAttribute('lang')).toBe('th');

    // Another demo account, so that the secretariat's own sign-in stays under the per-e-mail limit.
    await page.getByRole('textbox', { name: 'อีเมล', exact: true }).fill('muni-viewer@demo.prongsai.local');
    await page.getByRole('textbox', { name: 'รหัสผ่าน', exact: true }).fill('not-the-password-1');
    const submit = page.getByRole('button', { name: 'เข้าสู่ระบบ' });
    const attempt = () =>
      Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/auth/sign-in')), submit.click()]);
    const [first] = await attempt();
    expect(first.status()).toBe(401);
    await page.getByRole('alert').getByText('อีเมลหรือรหัสผ่านไม่ถูกต้อง').waitFor();
    // After 3 failures in a row each try waits (1 s, 2 s, …): never a lockout, a short wait said in seconds.
    let [limited] = await attempt();
    for (let n = 0; n < 6 && limited.status() !== 429; n++) [limited] = await attempt();
    expect(limited.status()).toBe(429);
    expect(Number(limited.headers()['retry-after'])).toBeLessThanOrEqual(60);
    await page
      .getByRole('alert')
      .getByText(/กรุณารอ \d+ วินาที/)
      .waitFor();
    await page.screenshot({ path: screenshotPath('foundation-sign-in-wait.png') });
  });

  it('signs in as the demo secretariat and shows the demo organisation tree', async () => {
    await page.goto(`${server.url}/organizations`);
    await page.getByRole('heading', { name: 'เข้าสู่ระบบ' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');

    await page.getByRole('textbox', { name: 'อีเมล', exact: true }).fill(SECRETARIAT);
    await page.getByRole('textbox', { name: 'รหัสผ่าน', exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();

    await page.getByRole('heading', { name: 'หน่วยงาน', level: 2 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/organizations');
    await page.getByRole('banner').getByText('ฝ่ายเลขานุการ ITA จังหวัด').waitFor();

    const tree = page.getByRole('table', { name: 'ผังหน่วยงาน' });
    await tree.getByText('จังหวัดตัวอย่าง', { exact: true }).waitFor();
    await tree.getByText('สำนักงานสาธารณสุขจังหวัดตัวอย่าง', { exact: true }).waitFor();
    expect(await tree.getByRole('row', { name: /DEMO-PROV-03/ }).count()).toBe(1);
    // The secretariat holds no admin role: no user management, no audit, no organisation actions.
    const nav = page.getByRole('navigation');
    expect(await nav.getByRole('link', { name: 'หน่วยงาน' }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'ผู้ใช้และบทบาท' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'บันทึกการใช้งาน' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^การดำเนินการสำหรับ/ }).count()).toBe(0);

    // A unit can be folded away under its province and shown again.
    await page.getByRole('button', { name: 'ยุบ จังหวัดตัวอย่าง' }).click();
    expect(await tree.getByText('สำนักงานสาธารณสุขจังหวัดตัวอย่าง', { exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'ขยาย จังหวัดตัวอย่าง' }).click();
    await tree.getByText('สำนักงานสาธารณสุขจังหวัดตัวอย่าง', { exact: true }).waitFor();
  });

  it('switches to English, remembers it across a reload, and back to Thai', async () => {
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.getByRole('heading', { name: 'Organisations', level: 2 }).waitFor();
    const tree = page.getByRole('table', { name: 'Organisation tree' });
    await tree.getByText('Example Province', { exact: true }).waitFor();
    await tree.getByRole('columnheader', { name: 'Short name' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.reload();
    await page.getByRole('heading', { name: 'Organisations', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    await page.getByRole('button', { name: 'TH', exact: true }).click();
    await page.getByRole('heading', { name: 'หน่วยงาน', level: 2 }).waitFor();
    await page.getByRole('table', { name: 'ผังหน่วยงาน' }).getByText('จังหวัดตัวอย่าง', { exact: true }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('th');
  });

  it('renders Thai in Sarabun and saves a full-page screenshot', async () => {
    // The Thai subset of Sarabun (U+0E01-0E5B) must have been loaded: this machine has no Thai font.
    const thaiFaces = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts]
        .filter((f) => f.family.replace(/["']/g, '') === 'Sarabun' && /e01-e5b/i.test(f.unicodeRange))
        .map((f) => `${f.weight}:${f.status}`);
    });
    expect(thaiFaces).toContain('400:loaded');
    const family = await page
      .getByRole('heading', { name: 'หน่วยงาน', level: 2 })
      .evaluate((el) => getComputedStyle(el).fontFamily);
    expect(family).toMatch(/^Sarabun/);

    await page.evaluate(() => window.scrollTo(0, 0));
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
  });
});
