/**
 * Sign-in through an OpenID provider, end to end: the real server (demo accounts) in a child process, a
 * local OpenID provider (tests/support/oidc-provider-server.ts) on https with a certificate made here and
 * trusted by the server's process only (NODE_EXTRA_CA_CERTS), the built UI in headless Chromium.
 * An admin adds the provider in the UI; a person clicks its button on the sign-in page, logs in on the
 * provider's own page and lands signed in, on a desktop and on a phone.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OidcTestServer, startOidcProviderServer } from '../support/oidc-provider-server.ts';
import { DEMO_PASSWORD } from './support/accounts.ts';
import { launchBrowser } from './support/browser.ts';
import { screenshotPath } from './support/screenshots.ts';
import { type ServerProcess, startDemoServer } from './support/server.ts';

const ADMIN = 'admin@demo.prongsai.local';
const CLIENT_ID = 'prongsai-e2e';
const CLIENT_SECRET = 'e2e-client-secret-4b1d';
const PROVIDER_NAME = 'บัญชีหน่วยงานทดสอบ';

const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 900 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
} as const;

/** A self-signed certificate for 127.0.0.1, made with openssl for this run. */
function makeCertificate(dir: string) {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  return { keyFile: key, certFile: cert };
}

describe('sign-in with an OpenID provider', () => {
  let dir: string;
  let server: ServerProcess;
  let op: OidcTestServer;
  let browser: Browser;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-oidc-e2e-'));
    const { keyFile, certFile } = makeCertificate(dir);
    server = await startDemoServer({ NODE_EXTRA_CA_CERTS: certFile });
    op = await startOidcProviderServer({
      accounts: {
        reporter: { email: 'reporter@demo.prongsai.local', email_verified: true, name: 'ผู้รายงาน' },
      },
      clients: [
        {
          clientId: CLIENT_ID,
          clientSecret: CLIENT_SECRET,
          redirectUris: [`${server.url}/api/auth/oidc/callback`],
        },
      ],
      tls: { key: fs.readFileSync(keyFile, 'utf8'), cert: fs.readFileSync(certFile, 'utf8') },
    });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await op?.close();
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const newPage = async (device: keyof typeof VIEWPORTS): Promise<Page> => {
    const context = await browser.newContext({
      ...VIEWPORTS[device],
      locale: 'th-TH',
      ignoreHTTPSErrors: true,
    });
    return context.newPage();
  };

  it('an administrator adds the provider, linked to an organisation', async () => {
    const page = await newPage('desktop');
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole('textbox', { name: 'อีเมล', exact: true }).fill(ADMIN);
    await page.getByRole('textbox', { name: 'รหัสผ่าน', exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await page.getByRole('heading', { name: 'งานของฉัน', level: 2 }).waitFor();

    await page.goto(`${server.url}/users`);
    await page.getByRole('link', { name: 'ผู้ให้บริการยืนยันตัวตน (ThaID / OpenID Connect)' }).click();
    await page.getByRole('heading', { name: 'ผู้ให้บริการยืนยันตัวตน', level: 2 }).waitFor();
    expect(await page.getByTestId('redirect-uri').textContent()).toBe(`${server.url}/api/auth/oidc/callback`);
    await page.getByRole('button', { name: 'เพิ่มผู้ให้บริการ' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'ชื่อบนปุ่มเข้าสู่ระบบ' }).fill(PROVIDER_NAME);
    await dialog.getByRole('textbox', { name: 'ที่อยู่ผู้ให้บริการ (Issuer URL)' }).fill(op.issuer);
    await dialog.getByRole('textbox', { name: 'รหัสไคลเอนต์ (Client ID)' }).fill(CLIENT_ID);
    await dialog.getByLabel('รหัสลับของไคลเอนต์ (Client secret)').fill(CLIENT_SECRET);
    await dialog.getByRole('radio', { name: /ต้องมีบัญชีที่สร้างหรือเชิญไว้แล้ว/ }).check();
    const organisations = dialog.getByLabel('หน่วยงานที่ผูกกับผู้ให้บริการนี้', { exact: false });
    await organisations.click();
    await organisations.fill('จังหวัดตัวอย่าง');
    await page
      .getByRole('option', { name: /จังหวัดตัวอย่าง/ })
      .first()
      .click();
    await dialog.getByRole('textbox', { name: 'ชื่อบนปุ่มเข้าสู่ระบบ' }).click();
    await page.screenshot({ path: screenshotPath('oidc-admin-add-provider.png') });
    await dialog.getByRole('button', { name: 'บันทึก' }).click();
    await dialog.waitFor({ state: 'detached' });
    const table = page.getByRole('table', { name: 'ผู้ให้บริการยืนยันตัวตน' });
    await table.getByText(PROVIDER_NAME, { exact: true }).waitFor();
    await table.getByText('เปิดใช้งาน', { exact: true }).waitFor();
    await page.screenshot({ path: screenshotPath('oidc-admin-providers.png'), fullPage: true });
    await page.context().close();
  });

  for (const device of ['desktop', 'phone'] as const) {
    it(`a person signs in through the provider's button and lands signed in (${device})`, async () => {
      const page = await newPage(device);
      await page.goto(`${server.url}/plans`);
      await page.getByRole('heading', { name: 'เข้าสู่ระบบ' }).waitFor();
      const button = page.getByRole('link', { name: `เข้าสู่ระบบด้วย ${PROVIDER_NAME}` });
      await button.waitFor();
      await page.screenshot({ path: screenshotPath(`oidc-sign-in-page-${device}.png`), fullPage: true });
      await button.click();

      // The provider's own login page.
      await page.waitForURL((url) => url.origin === op.issuer);
      await page.getByRole('heading', { name: 'Test identity provider' }).waitFor();
      await page.getByRole('textbox', { name: 'Account' }).fill('reporter');
      await page.screenshot({ path: screenshotPath(`oidc-provider-login-${device}.png`) });
      await page.getByRole('button', { name: 'Sign in' }).click();

      // Back at the page asked for, signed in as the matched account.
      await page.waitForURL((url) => url.origin === server.url && url.pathname === '/plans');
      await page.getByRole('heading', { name: 'แผนมาตรการส่งเสริมคุณธรรมและความโปร่งใส', level: 2 }).waitFor();
      const me = await page.evaluate(async () => (await fetch('/api/auth/me')).json());
      expect(me.user.email).toBe('reporter@demo.prongsai.local');
      await page.screenshot({ path: screenshotPath(`oidc-signed-in-${device}.png`), fullPage: true });
      await page.context().close();
    });
  }

  it('a cancelled login ends on a page that says so, with the way back', async () => {
    const page = await newPage('phone');
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole('link', { name: `เข้าสู่ระบบด้วย ${PROVIDER_NAME}` }).click();
    await page.waitForURL((url) => url.origin === op.issuer);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { name: /เข้าสู่ระบบไม่สำเร็จ/ }).waitFor();
    await page
      .getByTestId('oidc-error-th')
      .getByText(/มีการยกเลิกหรือไม่อนุญาต/)
      .waitFor();
    // Written in the app's Thai font (the public pages' stylesheet), not in boxes.
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => document.fonts.check('16px Sarabun', 'ยกเลิก'))).toBe(true);
    await page.screenshot({ path: screenshotPath('oidc-cancelled-phone.png'), fullPage: true });
    await page.getByRole('link', { name: /กลับไปหน้าเข้าสู่ระบบ/ }).click();
    await page.getByRole('heading', { name: 'เข้าสู่ระบบ' }).waitFor();
    await page.context().close();
  });
});
