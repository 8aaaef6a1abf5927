/**
 * The foundation end to end: the real server (with its demo data) in a child process, the built UI
 * in headless Chromium. Needs `npm run build:ui` first (`npm test` does it).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '#server/browser/chromium.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCREENSHOT = path.join(ROOT, 'test-output/e2e/foundation-organisations.png');
const SECRETARIAT = { email: 'secretariat@demo.prongsai.local', password: 'demo-password-2568' };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForHealth(url: string, server: ChildProcess, output: () => string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(`The server exited with code ${server.exitCode}:\n${output()}`);
    }
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The server did not answer /api/health within ${timeoutMs} ms:\n${output()}`);
}

function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => server.kill('SIGKILL'), 10_000);
    server.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    server.kill('SIGTERM');
  });
}

describe('foundation: sign-in, organisation tree, language switch', () => {
  let dataDir: string;
  let server: ChildProcess;
  let serverOutput = '';
  let baseUrl: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(ROOT, 'dist/ui/index.html'))) {
      throw new Error(
        'dist/ui is missing: run `npm run build:ui` before the e2e tests (`npm test` does it).',
      );
    }
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-e2e-'));
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      DEMO_DATA: 'true',
      LOG_LEVEL: 'error',
    };
    delete env.DATABASE_URL;
    delete env.PUBLIC_URL;
    server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (chunk: Buffer) => {
      serverOutput += chunk.toString();
    });
    server.stderr?.on('data', (chunk: Buffer) => {
      serverOutput += chunk.toString();
    });
    await waitForHealth(baseUrl, server, () => serverOutput);

    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'th-TH' });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    if (server) await stopServer(server);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a wrong password, then too many attempts, with the server messages', async () => {
    await page.goto(`${baseUrl}/`);
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
    for (let n = 2; n <= 5; n++) await attempt();
    const [limited] = await attempt();
    expect(limited.status()).toBe(429);
    await page
      .getByRole('alert')
      .getByText(/พยายามเข้าสู่ระบบหลายครั้งเกินไป/)
      .waitFor();
  });

  it('signs in as the demo secretariat and shows the demo organisation tree', async () => {
    await page.goto(`${baseUrl}/organizations`);
    await page.getByRole('heading', { name: 'เข้าสู่ระบบ' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');

    await page.getByRole('textbox', { name: 'อีเมล', exact: true }).fill(SECRETARIAT.email);
    await page.getByRole('textbox', { name: 'รหัสผ่าน', exact: true }).fill(SECRETARIAT.password);
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
