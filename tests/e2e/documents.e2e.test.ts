/**
 * Official documents end to end: the real server (demo data) in a child process, the built UI in
 * headless Chromium. Set up through the API: an approved 2569 plan of จังหวัดตัวอย่าง. In the browser
 * the secretariat, in the plan page's document panel, chooses Arabic digits and generates the plan
 * document; the version appears with DOCX, PDF and XLSX links; the DOCX downloads through its link (a
 * zip, with Arabic digits inside); the PDF preview opens in an iframe. Then the memo: its subject is
 * edited and saved, the memo generated (the DOCX carries the new subject), generated again without
 * changes ("unchanged", no new version); someone else's save of the text meets a conflict message and
 * a reload. A viewer sees the versions and downloads but cannot generate.
 * Needs `npm run build:ui` first (`npm test` does it).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toThaiDigits } from '#shared/format/thai.ts';
import { docxText } from '#tests/support/docx-text.ts';
import { SECRETARIAT, signIn, VIEWER } from './support/accounts.ts';
import { apiCall } from './support/api.ts';
import { launchBrowser, newThaiPage } from './support/browser.ts';
import { closeNotifications, screenshotPath } from './support/screenshots.ts';
import { type ServerProcess, startDemoServer } from './support/server.ts';
import { createApprovedPlan } from './support/setup-plan.ts';

const PANEL_SCREENSHOT = screenshotPath('documents-panel.png');
const FISCAL_YEAR = 2569;
const MEMO_SUBJECT = 'ขออนุมัติแผนมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ 2569 (ฉบับแก้ไข)';
const OTHER_SUBJECT = 'ขออนุมัติแผนมาตรการ (แก้ไขโดยผู้อื่น)';

/** Clicks a download link and returns the file's bytes and suggested name. */
async function download(page: Page, link: Locator) {
  const [event] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const file = await event.path();
  return { name: event.suggestedFilename(), bytes: new Uint8Array(fs.readFileSync(file)) };
}

describe('documents: the plan document, its memo, versions and downloads', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let planId = '';
  let panel: Locator;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    page = await newThaiPage(browser, 'wide', { defaultTimeout: 20_000, acceptDownloads: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sets up an approved plan through the API', async () => {
    await signIn(page, server.url, SECRETARIAT);
    planId = (await createApprovedPlan(page, { browser, baseUrl: server.url, fiscalYear: FISCAL_YEAR })).id;
  });

  it('generates the plan document with Arabic digits; the version has DOCX, PDF and XLSX', async () => {
    await page.goto(`${server.url}/plans/${planId}`);
    await page.getByText('อนุมัติแล้ว', { exact: true }).first().waitFor();
    panel = page.getByRole('region', { name: 'เอกสารทางราชการ', exact: true });
    await panel.waitFor();
    await panel
      .getByRole('tab', { name: 'มาตรการส่งเสริมคุณธรรมและความโปร่งใส', exact: true, selected: true })
      .waitFor();
    const plan = panel.getByRole('region', { name: 'มาตรการส่งเสริมคุณธรรมและความโปร่งใส', exact: true });
    await plan.getByText('ยังไม่มีเอกสารฉบับใด').waitFor();

    await plan.getByRole('radio', { name: 'เลขอารบิก (123)' }).check();
    await plan.getByRole('textbox', { name: 'ชื่อผู้ลงนาม' }).fill('นายสมชาย ใจดี');
    await plan.getByRole('textbox', { name: 'ตำแหน่งผู้ลงนาม' }).fill('ผู้ว่าราชการจังหวัดตัวอย่าง');
    // Options typed but no document made yet (they are remembered when one is): leaving asks first.
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await page
      .getByRole('link', { name: /^งานของฉัน/ })
      .first()
      .click();
    await expect.poll(() => asked).toContain('ยังไม่ได้บันทึก');
    expect(new URL(page.url()).pathname).toBe(`/plans/${planId}`);
    expect(await plan.getByRole('textbox', { name: 'ชื่อผู้ลงนาม' }).inputValue()).toBe('นายสมชาย ใจดี');
    const generated = page.waitForResponse(
      (r) => r.url().endsWith('/api/documents') && r.request().method() === 'POST',
    );
    await plan.getByRole('button', { name: 'สร้างเอกสาร' }).click();
    const response = await generated;
    expect(response.status(), await response.text()).toBe(200);
    const sent = JSON.parse(response.request().postData() ?? '{}');
    expect(sent).toMatchObject({
      kind: 'plan',
      subjectType: 'plan',
      subjectId: planId,
      options: { digits: 'arabic', signer: { name: 'นายสมชาย ใจดี', positions: ['ผู้ว่าราชการจังหวัดตัวอย่าง'] } },
    });
    const body = (await response.json()) as { created: boolean; missing: unknown[] };
    expect(body.created).toBe(true);
    expect(body.missing).toEqual([]);

    await plan.getByRole('status').getByText('สร้างมาตรการส่งเสริมคุณธรรมและความโปร่งใส ฉบับที่ 1 แล้ว').waitFor();
    await plan.getByText('ฉบับล่าสุด · ฉบับที่ 1').waitFor();
    await plan.getByText(/^สร้างเมื่อ .*25\d\d.* โดย /).waitFor();
    for (const format of ['DOCX', 'PDF', 'XLSX']) {
      const link = plan.getByRole('link', { name: `ดาวน์โหลด ${format}`, exact: true });
      await link.waitFor();
      expect(await link.getAttribute('href')).toMatch(
        new RegExp(`^/api/documents/[0-9a-f-]{36}/${format.toLowerCase()}$`),
      );
    }
  });

  it('downloads the DOCX through its link: a zip with Arabic digits inside', async () => {
    const plan = panel.getByRole('region', { name: 'มาตรการส่งเสริมคุณธรรมและความโปร่งใส', exact: true });
    const file = await download(page, plan.getByRole('link', { name: 'ดาวน์โหลด DOCX', exact: true }));
    expect(file.name).toMatch(/\.docx$/);
    expect(Buffer.from(file.bytes.subarray(0, 2)).toString('latin1')).toBe('PK');
    const text = await docxText(file.bytes);
    expect(text).toContain(String(FISCAL_YEAR));
    expect(text).not.toContain('๒๕๖๙');
    expect(text).toContain('นายสมชาย ใจดี');
  });

  it('opens the PDF preview in an iframe', async () => {
    const plan = panel.getByRole('region', { name: 'มาตรการส่งเสริมคุณธรรมและความโปร่งใส', exact: true });
    const loaded = page.waitForResponse((r) =>
      /\/api\/documents\/[0-9a-f-]{36}\/pdf\?inline=1$/.test(r.url()),
    );
    await plan.getByRole('button', { name: 'แสดงตัวอย่าง PDF' }).click();
    const frame = plan.locator('iframe[title^="ตัวอย่าง PDF: "]');
    await frame.waitFor();
    expect(await frame.getAttribute('title')).toMatch(/ฉบับที่ 1$/);
    expect(await frame.getAttribute('src')).toMatch(/\/pdf\?inline=1$/);
    const response = await loaded;
    expect(response.status()).toBe(200);
    const headers = response.headers();
    expect(headers['content-type']).toContain('application/pdf');
    expect(headers['content-disposition']).toMatch(/^inline/);
    expect(headers['x-frame-options']).toBe('SAMEORIGIN');
    // The frame's own response body is not readable (a navigation); the same address, fetched, is the PDF.
    const start = await page.evaluate(async (url) => {
      const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
      return String.fromCharCode(...bytes.subarray(0, 5));
    }, response.url());
    expect(start).toBe('%PDF-');
    await plan.getByRole('button', { name: 'ซ่อนตัวอย่าง PDF' }).click();
    expect(await frame.count()).toBe(0);
  });

  it('edits the memo’s subject, saves it and generates the memo (DOCX and PDF only)', async () => {
    await panel.getByRole('tab', { name: 'บันทึกข้อความ', exact: true }).click();
    const memo = panel.getByRole('region', { name: 'บันทึกข้อความ', exact: true });
    await memo.getByRole('button', { name: 'แก้ไขข้อความ' }).click();
    const text = memo.getByRole('group', { name: 'ข้อความของบันทึกข้อความ' });
    const subject = text.getByRole('textbox', { name: 'เรื่อง', exact: true });
    await subject.waitFor();
    expect(await subject.inputValue()).not.toBe('');
    await text.getByText('ข้อความนี้ร่างจากข้อมูลในระบบและยังไม่เคยบันทึก', { exact: false }).waitFor();
    await subject.fill(MEMO_SUBJECT);
    await text.getByText('มีการแก้ไขที่ยังไม่บันทึก').waitFor();
    // The document is made from the saved text: generating waits for the save.
    expect(await memo.getByRole('button', { name: 'สร้างเอกสาร' }).isDisabled()).toBe(true);
    await memo.getByText('บันทึกข้อความก่อนสร้างเอกสาร', { exact: false }).waitFor();

    const saved = page.waitForResponse(
      (r) => r.url().includes('/api/documents/drafts/memo/plan/') && r.request().method() === 'PUT',
    );
    await text.getByRole('button', { name: 'บันทึกข้อความ' }).click();
    expect((await saved).status()).toBe(200);
    await text.getByText('บันทึกแล้ว', { exact: true }).waitFor();

    await memo.getByRole('textbox', { name: 'เลขที่หนังสือ' }).fill('ชบ 0017.2/45');
    const documentDate = memo.getByLabel('ลงวันที่', { exact: true });
    await documentDate.fill('1/10/2568');
    await documentDate.press('Tab');
    expect(await documentDate.inputValue()).toBe('1 ตุลาคม 2568');
    await memo.getByRole('button', { name: 'สร้างเอกสาร' }).click();
    await memo.getByText('สร้างบันทึกข้อความ ฉบับที่ 1 แล้ว').waitFor();
    await memo.getByText('ฉบับล่าสุด · ฉบับที่ 1').waitFor();
    await memo.getByRole('link', { name: 'ดาวน์โหลด DOCX', exact: true }).waitFor();
    await memo.getByRole('link', { name: 'ดาวน์โหลด PDF', exact: true }).waitFor();
    expect(await memo.getByRole('link', { name: 'ดาวน์โหลด XLSX', exact: true }).count()).toBe(0);

    const file = await download(page, memo.getByRole('link', { name: 'ดาวน์โหลด DOCX', exact: true }));
    expect(Buffer.from(file.bytes.subarray(0, 2)).toString('latin1')).toBe('PK');
    const docText = await docxText(file.bytes);
    // The memo keeps the remembered default, Thai digits (the plan document above has Arabic ones).
    expect(docText).toContain(toThaiDigits(MEMO_SUBJECT));
    expect(docText.includes('ชบ 0017.2/45') || docText.includes(toThaiDigits('ชบ 0017.2/45'))).toBe(true);
  });

  it('generating again without changes keeps the existing version', async () => {
    const memo = panel.getByRole('region', { name: 'บันทึกข้อความ', exact: true });
    const again = page.waitForResponse(
      (r) => r.url().endsWith('/api/documents') && r.request().method() === 'POST',
    );
    await memo.getByRole('button', { name: 'สร้างเอกสาร' }).click();
    expect(((await (await again).json()) as { created: boolean }).created).toBe(false);
    await memo.getByText('ไม่มีการเปลี่ยนแปลง — ใช้ฉบับเดิม').waitFor();
    await memo.getByText('ข้อมูลและตัวเลือกเหมือนฉบับที่ 1 จึงไม่สร้างฉบับใหม่').waitFor();
    await memo.getByRole('button', { name: 'ดูทุกฉบับ (1)' }).click();
    const table = memo.getByRole('table', { name: 'ทุกฉบับของบันทึกข้อความ' });
    await table.waitFor();
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    await table.getByRole('link', { name: 'ดาวน์โหลด PDF ฉบับที่ 1' }).waitFor();

    await closeNotifications(page);
    fs.mkdirSync(path.dirname(PANEL_SCREENSHOT), { recursive: true });
    await panel.screenshot({ path: PANEL_SCREENSHOT });
    expect(fs.statSync(PANEL_SCREENSHOT).size).toBeGreaterThan(20_000);
  });

  it('someone else’s save of the memo text: the conflict is told and the latest text reloaded', async () => {
    const memo = panel.getByRole('region', { name: 'บันทึกข้อความ', exact: true });
    const current = (await apiCall(page, 'GET', `/api/documents/drafts/memo/plan/${planId}`)).json as {
      rowVersion: number;
      draft: { kind: 'memo'; content: Record<string, unknown> };
    };
    const other = await apiCall(page, 'PUT', `/api/documents/drafts/memo/plan/${planId}`, {
      rowVersion: current.rowVersion,
      draft: { kind: 'memo', content: { ...current.draft.content, subject: OTHER_SUBJECT } },
    });
    expect(other.status, JSON.stringify(other.json)).toBe(200);

    const text = memo.getByRole('group', { name: 'ข้อความของบันทึกข้อความ' });
    await text.getByRole('textbox', { name: 'ข้อเสนอ', exact: true }).fill('เห็นควรอนุมัติแผนตามที่เสนอ');
    const refused = page.waitForResponse(
      (r) => r.url().includes('/api/documents/drafts/memo/plan/') && r.request().method() === 'PUT',
    );
    await text.getByRole('button', { name: 'บันทึกข้อความ' }).click();
    expect((await refused).status()).toBe(409);
    const alert = text.getByRole('alert').filter({ hasText: 'มีผู้อื่นแก้ไขข้อความนี้ก่อนท่าน' });
    await alert.waitFor();
    await alert.getByRole('button', { name: 'โหลดฉบับล่าสุด' }).click();
    await alert.waitFor({ state: 'detached' });
    expect(await text.getByRole('textbox', { name: 'เรื่อง', exact: true }).inputValue()).toBe(OTHER_SUBJECT);
    await text.getByText('บันทึกแล้ว', { exact: true }).waitFor();
  });

  it('a viewer sees the versions and downloads, not the generate button or the settings', async () => {
    const viewer = await newThaiPage(browser, 'desktop');
    viewer.setDefaultTimeout(20_000);
    await signIn(viewer, server.url, VIEWER);
    await viewer.goto(`${server.url}/plans/${planId}`);
    const readOnly = viewer.getByRole('region', { name: 'เอกสารทางราชการ', exact: true });
    await readOnly.getByText('ดาวน์โหลดเอกสารที่จัดทำไว้แล้ว', { exact: false }).waitFor();
    const plan = readOnly.getByRole('region', { name: 'มาตรการส่งเสริมคุณธรรมและความโปร่งใส', exact: true });
    await plan.getByRole('link', { name: 'ดาวน์โหลด XLSX', exact: true }).waitFor();
    expect(await readOnly.getByRole('button', { name: 'สร้างเอกสาร' }).count()).toBe(0);
    expect(await readOnly.getByRole('button', { name: 'แก้ไขข้อความ' }).count()).toBe(0);
    expect(await readOnly.getByRole('button', { name: 'ตั้งค่าเอกสารของหน่วยงาน' }).count()).toBe(0);
    await viewer.context().close();
  });
  it('the OIT evidence set: the circular to the regional units as an external letter; the publication form waits for publication', async () => {
    const letterName = 'หนังสือแจ้งเวียน (หนังสือภายนอกถึงส่วนราชการอื่น)';
    await panel.getByRole('tab', { name: letterName, exact: true }).click();
    const letter = panel.getByRole('region', { name: letterName, exact: true });
    await letter.getByRole('button', { name: 'สร้างเอกสาร' }).click();
    await letter.getByRole('link', { name: 'ดาวน์โหลด DOCX', exact: true }).waitFor();
    const file = await download(page, letter.getByRole('link', { name: 'ดาวน์โหลด DOCX', exact: true }));
    const letterText = await docxText(file.bytes);
    expect(letterText).toContain('ขอแสดงความนับถือ');
    expect(letterText).toContain('สิ่งที่ส่งมาด้วย');
    expect(letterText).not.toMatch(/ระบบโปร่งใส|Prongsai/);

    const formName = 'แบบฟอร์มการขออนุญาตเผยแพร่ข้อมูลผ่านเว็บไซต์ของหน่วยงาน';
    await panel.getByRole('tab', { name: formName, exact: true }).click();
    const form = panel.getByRole('region', { name: formName, exact: true });
    await form.getByRole('button', { name: 'สร้างเอกสาร' }).click();
    await form.getByText('ยังไม่ได้เผยแพร่', { exact: false }).first().waitFor();
    expect(await form.getByRole('link', { name: 'ดาวน์โหลด PDF', exact: true }).count()).toBe(0);
  });
});
