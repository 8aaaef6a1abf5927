/**
 * Electronic signatures (issue 16, item 2), end to end: the real server (demo accounts) in a child
 * process, the built UI in headless Chromium. Set up through the API: a submitted plan of จังหวัดตัวอย่าง.
 * In the browser the executive approves (the form says the approval is an electronic signature and asks
 * the position; the dialog says what is signed), the plan page shows the signature with its code; the
 * secretariat makes the memo and downloads its PDF from the app; the public verification page (no
 * sign-in; desktop and phone) confirms the code as typed and the downloaded PDF, and refuses the PDF with
 * one byte changed. Needs `npm run build:ui` first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpPlanContent } from '../support/plan-content.ts';
import { EXECUTIVE, SECRETARIAT, signIn } from './support/accounts.ts';
import { apiCall, listOrganizations } from './support/api.ts';
import { seriousFindings } from './support/axe.ts';
import { launchBrowser, newThaiPage } from './support/browser.ts';
import { bangkokDate, typedBeDate } from './support/dates.ts';
import { closeNotifications, screenshotPath } from './support/screenshots.ts';
import { type ServerProcess, startDemoServer } from './support/server.ts';
import { PLAN_MEASURE } from './support/setup-plan.ts';

const FISCAL_YEAR = 2570;
const MEMO = 'ชบ 0017/246';
const POSITION = 'รองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทนผู้ว่าราชการจังหวัดตัวอย่าง';

async function download(page: Page, link: Locator) {
  const [event] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return new Uint8Array(fs.readFileSync(await event.path()));
}

describe('electronic signature: approve, print, verify', () => {
  let server: ServerProcess;
  let browser: Browser;
  let secretariat: Page;
  let executive: Page;
  let planId = '';
  let code = '';
  let memoPdf = new Uint8Array();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-sig-e2e-'));

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    secretariat = await newThaiPage(browser, 'wide', { defaultTimeout: 20_000, acceptDownloads: true });
    executive = await newThaiPage(browser, 'desktop', { defaultTimeout: 20_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sets up a submitted plan through the API', async () => {
    await signIn(secretariat, server.url, SECRETARIAT);
    const organizations = await listOrganizations(secretariat);
    const province = organizations.find((o) => o.code === 'DEMO-PROV')!;
    const unit = organizations.find((o) => o.code === 'DEMO-PROV-03')!;
    const created = await apiCall(secretariat, 'POST', '/api/plans', {
      organizationId: province.id,
      fiscalYear: FISCAL_YEAR,
      issuesFrom: 'none',
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const plan = created.json as { id: string; rowVersion: number; content: { title: string } };
    planId = plan.id;
    const saved = await apiCall(secretariat, 'PUT', `/api/plans/${plan.id}`, {
      rowVersion: plan.rowVersion,
      content: setUpPlanContent(plan.content.title, FISCAL_YEAR, [
        { id: 'measure-1', title: PLAN_MEASURE, unitIds: [unit.id] },
      ]),
    });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    const submitted = await apiCall(secretariat, 'POST', `/api/plans/${plan.id}/submit`, {
      rowVersion: (saved.json as { rowVersion: number }).rowVersion,
    });
    expect(submitted.status, JSON.stringify(submitted.json)).toBe(200);
  });

  it('the executive approves: the form says it is an electronic signature and asks the position', async () => {
    await signIn(executive, server.url, EXECUTIVE);
    await executive.goto(`${server.url}/plans/${planId}`);
    const approve = executive.getByRole('form', { name: 'อนุมัติแผน' });
    await approve.getByTestId('approval-is-signature').getByText('การอนุมัตินี้เป็นการลงนามอิเล็กทรอนิกส์').waitFor();
    await approve.getByRole('textbox', { name: 'เลขที่บันทึกข้อความ' }).fill(MEMO);
    const dateField = approve.getByRole('textbox', { name: /^ลงวันที่/ });
    await dateField.fill(typedBeDate(bangkokDate(0)));
    await dateField.press('Tab');
    const position = approve.getByRole('textbox', { name: /^ตำแหน่งของผู้ลงนาม/ });
    await position.fill('');
    // No position, no signature: the button waits for it.
    expect(await approve.getByRole('button', { name: 'อนุมัติ', exact: true }).isDisabled()).toBe(true);
    await position.fill(POSITION);
    await executive.screenshot({ path: screenshotPath('signatures-approve-form.png'), fullPage: true });
    await approve.getByRole('button', { name: 'อนุมัติ', exact: true }).click();
    const confirm = executive.getByRole('dialog', { name: 'อนุมัติแผนฉบับที่ 1' });
    await confirm
      .getByTestId('confirm-approve-signs')
      .getByText(`ท่านลงนามอิเล็กทรอนิกส์ในตำแหน่ง "${POSITION}"`, { exact: false })
      .waitFor();
    await executive.waitForTimeout(400);
    await executive.screenshot({ path: screenshotPath('signatures-approve-dialog.png') });
    const decided = executive.waitForResponse(
      (r) => r.url().endsWith(`/api/plans/${planId}/decision`) && r.request().method() === 'POST',
    );
    await confirm.getByRole('button', { name: 'อนุมัติ', exact: true }).click();
    const response = await decided;
    expect(response.status()).toBe(200);
    expect(JSON.parse(response.request().postData() ?? '{}')).toMatchObject({ signerPosition: POSITION });
  });

  it('the plan page shows the signature: who, when, how verified, the code and the verification link', async () => {
    const card = executive.getByTestId('plan-signatures').getByTestId('signature-card');
    await card.getByText('มีผล', { exact: true }).waitFor();
    await card.getByText(POSITION, { exact: true }).waitFor();
    await card.getByText('ยืนยันตัวตนด้วยรหัสผ่านของระบบ').waitFor();
    code = ((await card.getByTestId('signature-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(await card.getByRole('link', { name: 'เปิดหน้าตรวจสอบลายมือชื่อ' }).getAttribute('href')).toBe(
      `/verify/${code}`,
    );
    await card.getByRole('button', { name: 'เพิกถอนลายมือชื่อ' }).waitFor();
    await closeNotifications(executive);
    await card.scrollIntoViewIfNeeded();
    await executive.screenshot({ path: screenshotPath('signatures-plan-page.png'), fullPage: true });
    expect(await seriousFindings(executive)).toEqual([]);
  });

  it('the secretariat makes the memo in the app and downloads its PDF, which carries the block', async () => {
    await secretariat.goto(`${server.url}/plans/${planId}`);
    const panel = secretariat.getByRole('region', { name: 'เอกสารทางราชการ', exact: true });
    await panel.getByRole('tab', { name: 'บันทึกข้อความ', exact: true }).click();
    const memo = panel.getByRole('region', { name: 'บันทึกข้อความ', exact: true });
    await memo.getByRole('textbox', { name: 'เลขที่หนังสือ' }).fill(MEMO);
    const documentDate = memo.getByLabel('ลงวันที่', { exact: true });
    await documentDate.fill(typedBeDate(bangkokDate(0)));
    await documentDate.press('Tab');
    await memo.getByRole('button', { name: 'สร้างเอกสาร' }).click();
    await memo.getByText('สร้างบันทึกข้อความ ฉบับที่ 1 แล้ว').waitFor({ timeout: 120_000 });
    memoPdf = await download(secretariat, memo.getByRole('link', { name: 'ดาวน์โหลด PDF', exact: true }));
    expect(Buffer.from(memoPdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    fs.writeFileSync(path.join(dir, 'memo.pdf'), memoPdf);
    const changed = new Uint8Array(memoPdf);
    const at = Math.floor(changed.length / 2);
    changed[at] = (changed[at] ?? 0) ^ 1;
    fs.writeFileSync(path.join(dir, 'memo-changed.pdf'), changed);
  }, 180_000);

  it('the executive acknowledges a closed round’s report on the round page, signed electronically', async () => {
    const plan = (await apiCall(secretariat, 'GET', `/api/plans/${planId}`)).json as { rowVersion: number };
    const circulated = await apiCall(secretariat, 'POST', `/api/plans/${planId}/circulate`, {
      rowVersion: plan.rowVersion,
    });
    expect(circulated.status, JSON.stringify(circulated.json)).toBe(200);
    const created = await apiCall(secretariat, 'POST', '/api/rounds', {
      planId,
      kind: '6m',
      dueDate: bangkokDate(3),
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const round = created.json as { id: string; rowVersion: number };
    const opened = await apiCall(secretariat, 'POST', `/api/rounds/${round.id}/open`, {
      rowVersion: round.rowVersion,
    });
    const closed = await apiCall(secretariat, 'POST', `/api/rounds/${round.id}/close`, {
      rowVersion: (opened.json as { rowVersion: number }).rowVersion,
    });
    expect(closed.status, JSON.stringify(closed.json)).toBe(200);

    await executive.goto(`${server.url}/rounds/${round.id}`);
    const section = executive.getByRole('region', { name: 'ผู้บริหารรับทราบรายงานผล' });
    const position = section.getByRole('textbox', { name: /^ตำแหน่งของผู้ลงนาม/ });
    // Offered: the position stated at the plan's approval.
    await expect.poll(() => position.inputValue()).toBe(POSITION);
    await section.getByRole('button', { name: 'รับทราบและลงนามอิเล็กทรอนิกส์' }).click();
    const card = section.getByTestId('signature-card');
    await card.getByText('มีผล', { exact: true }).waitFor();
    const roundCode = ((await card.getByTestId('signature-code').textContent()) ?? '').trim();
    expect(roundCode).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(roundCode).not.toBe(code);
    await closeNotifications(executive);
    await section.scrollIntoViewIfNeeded();
    await section.getByText('SHA-256 ของรายงานผลที่ลงนาม', { exact: false }).waitFor();
    await executive.screenshot({ path: screenshotPath('signatures-round-ack.png') });
    expect(await seriousFindings(executive)).toEqual([]);
  });

  for (const device of ['desktop', 'phone'] as const) {
    it(`the verification page (${device}, no sign-in) confirms the code and the PDF, refuses a changed file`, async () => {
      const page = await newThaiPage(browser, device, { defaultTimeout: 20_000 });
      await page.goto(`${server.url}/verify`);
      await page.getByRole('heading', { name: 'ตรวจสอบลายมือชื่ออิเล็กทรอนิกส์', level: 1 }).waitFor();
      // Typed as a person reads it aloud: lower case, no hyphen.
      await page.getByLabel(/^รหัสตรวจสอบ/).fill(code.replace('-', ' ').toLowerCase());
      await page.getByRole('button', { name: 'ตรวจสอบรหัส' }).click();
      const result = page.locator('.verify-result');
      await result.getByText('ลายมือชื่ออิเล็กทรอนิกส์ถูกต้อง').waitFor();
      await result.getByText(POSITION, { exact: true }).waitFor();
      await result.getByText(code, { exact: true }).waitFor();
      await result.getByText('ยังไม่ได้เผยแพร่', { exact: false }).waitFor();
      await page.screenshot({ path: screenshotPath(`signatures-verify-code-${device}.png`), fullPage: true });
      expect(await seriousFindings(page)).toEqual([]);

      await page.locator('input[type=file]').setInputFiles(path.join(dir, 'memo.pdf'));
      await page.getByRole('button', { name: 'ตรวจสอบไฟล์' }).click();
      await page.locator('.verify-result').getByText('ไฟล์นี้ตรงกับเอกสารที่ลงนามทุกประการ').waitFor();
      await page.screenshot({ path: screenshotPath(`signatures-verify-file-${device}.png`), fullPage: true });

      await page.locator('input[type=file]').setInputFiles(path.join(dir, 'memo-changed.pdf'));
      await page.getByRole('button', { name: 'ตรวจสอบไฟล์' }).click();
      await page
        .locator('.verify-result.is-refused')
        .getByText('ไม่ตรงกับเอกสารที่ลงนาม', { exact: false })
        .waitFor();
      await page.screenshot({
        path: screenshotPath(`signatures-verify-changed-${device}.png`),
        fullPage: true,
      });
      expect(await seriousFindings(page)).toEqual([]);

      if (device === 'phone') {
        // English, complete.
        await page.goto(`${server.url}/verify/${code}?lang=en`);
        await page.locator('.verify-result').getByText('The electronic signature is valid').waitFor();
        await page.getByText('Identity verified with the system password').waitFor();
        // Nothing wider than the phone's screen.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await page.screenshot({ path: screenshotPath('signatures-verify-en-phone.png'), fullPage: true });
      }
      await page.context().close();
    }, 60_000);
  }
});
