import type { Page } from 'playwright-core';

/** The demo data's accounts (DEMO_DATA=true), all with the same password. */
export const DEMO_PASSWORD = 'demo-password-2568';
export const SECRETARIAT = 'secretariat@demo.prongsai.local';
export const EXECUTIVE = 'executive@demo.prongsai.local';
export const REPORTER = 'reporter@demo.prongsai.local';
export const VIEWER = 'viewer@demo.prongsai.local';

/** Signs in through the sign-in page and waits for the home page (งานของฉัน) it lands on. */
export async function signIn(page: Page, baseUrl: string, email: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByRole('textbox', { name: 'อีเมล', exact: true }).fill(email);
  await page.getByRole('textbox', { name: 'รหัสผ่าน', exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await page.getByRole('heading', { name: 'งานของฉัน', level: 2 }).waitFor();
}
