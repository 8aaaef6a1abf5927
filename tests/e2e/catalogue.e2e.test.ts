/**
 * The catalogue's edition page end to end: the real server (with its demo accounts) in a child process,
 * the built UI in headless Chromium. A viewer reads the Thai page of 2568 and 2567 and sees names and
 * wording only: no English research notes, no confidence marks, no red text; a question without known
 * wording shows its code and sub-indicator or indicator. An admin also gets "ที่มาของข้อมูล": sources
 * with reliability, every item with its confidence and sources, and the compiler's notes labelled as
 * such in the normal text colour, in Thai and in English. Needs `npm run build:ui` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, VIEWER } from './support/accounts.ts';
import { launchBrowser, newThaiPage } from './support/browser.ts';
import { screenshotPath } from './support/screenshots.ts';
import { type ServerProcess, startDemoServer } from './support/server.ts';

/** The demo deployment admin (demo-data.ts). */
const ADMIN = 'admin@demo.prongsai.local';

const USER_SCREENSHOT = screenshotPath('catalogue-2568-user.png');
const USER_2567_SCREENSHOT = screenshotPath('catalogue-2567-user.png');
const PROVENANCE_SCREENSHOT = screenshotPath('catalogue-2568-provenance.png');
const PROVENANCE_EN_SCREENSHOT = screenshotPath('catalogue-2568-provenance-en.png');

/** Four or more Latin words in a row: an English sentence, not a name like "No Gift Policy". */
const ENGLISH_PROSE = /[A-Za-z]+(?:[ ,'-]+[A-Za-z]+){3,}/;

/** What the viewer's page must never show (research notes, confidence jargon). */
const RESEARCH_WORDS = [/research/i, /confidence/i, /candidate/i, /not found/i, /เชื่อมั่น/, /ไม่มีถ้อยคำ/];

/** The text of every element outside a badge whose computed colour is red or orange (r high, g and b low). */
async function redTexts(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) => {
    const out: string[] = [];
    for (const el of root.querySelectorAll('*')) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
      if (!own || el.closest('.mantine-Badge-root')) continue;
      const [r = 0, g = 0, b = 0] = (getComputedStyle(el).color.match(/\d+/g) ?? []).map(Number);
      if (r > 150 && g < 120 && b < 100) out.push((el.textContent ?? '').trim());
    }
    return out;
  });
}

async function save(page: Page, file: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  expect(fs.statSync(file).size).toBeGreaterThan(10_000);
}

describe('catalogue edition page: clean wording for users, provenance for admins', () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows a viewer the 2568 OIT items by sub-indicator with names only, and no provenance tab', async () => {
    const page = await newThaiPage(browser, 'desktop');
    await signIn(page, server.url, VIEWER);
    await page.goto(`${server.url}/catalogue/2568`);
    const table = page.getByRole('table', { name: 'ข้อคำถามของแบบวัด OIT' });
    await table.waitFor();
    const main = page.getByRole('main');

    // Names the research supports; O7 by its code and sub-indicator; O25 generic, no ministry.
    await table.getByRole('row', { name: /^O2 ข้อมูลผู้บริหาร/ }).waitFor();
    await table
      .getByRole('row', { name: /^O7/ })
      .getByText('O7 · ตัวชี้วัดย่อยที่ 9.2 การบริหารงานและการใช้จ่ายงบประมาณ', { exact: true })
      .waitFor();
    await table.getByRole('row', { name: /^O25 แผนปฏิบัติการป้องกันการทุจริต/ }).waitFor();
    // The natural order: 9.1 and O1 first, O20 before 10.1.
    const codes = await table.locator('tbody tr td:first-child').allInnerTexts();
    const order = codes.map((c) => c.trim()).filter((c) => /^ตัวชี้วัด|^O\d+$/.test(c));
    expect(order[0]).toBe('ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล · ตัวชี้วัดย่อยที่ 9.1 ข้อมูลพื้นฐาน');
    expect(order[1]).toBe('O1');
    expect(order.indexOf('O20')).toBeLessThan(order.findIndex((c) => c.includes('ตัวชี้วัดย่อยที่ 10.1')));

    const text = await main.innerText();
    expect(text).not.toMatch(/กระทรวง/);
    expect(text).not.toMatch(ENGLISH_PROSE);
    for (const word of RESEARCH_WORDS) expect(text).not.toMatch(word);
    expect(await main.locator('[lang="en"]').count()).toBe(0);
    expect(await redTexts(main)).toEqual([]);
    expect(await page.getByRole('tab', { name: 'ที่มาของข้อมูล' }).count()).toBe(0);
    await save(page, USER_SCREENSHOT);

    // The other tabs are clean too.
    for (const tab of ['ตัวชี้วัด', 'ระดับผลการประเมิน', 'การจัดกลุ่มประเด็น']) {
      await page.getByRole('tab', { name: tab, exact: true }).click();
      await page.getByRole('tabpanel').waitFor();
      const panel = await page.getByRole('tabpanel').innerText();
      expect(panel).not.toMatch(ENGLISH_PROSE);
      for (const word of RESEARCH_WORDS) expect(panel).not.toMatch(word);
      expect(await redTexts(page.getByRole('tabpanel'))).toEqual([]);
    }
    await page.context().close();
  });

  it('shows a viewer the 2567 IIT questions without wording as code and indicator, never an English note', async () => {
    const page = await newThaiPage(browser, 'desktop');
    await signIn(page, server.url, VIEWER);
    await page.goto(`${server.url}/catalogue/2567`);
    await page.getByRole('radio', { name: /^IIT/ }).check({ force: true });
    const table = page.getByRole('table', { name: 'ข้อคำถามของแบบวัด IIT' });
    await table.getByText('i1 · ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่', { exact: true }).waitFor();
    const main = page.getByRole('main');
    const text = await main.innerText();
    expect(text).not.toMatch(ENGLISH_PROSE);
    for (const word of RESEARCH_WORDS) expect(text).not.toMatch(word);
    expect(text).not.toMatch(/"i\d+"|“i\d+”/);
    expect(await redTexts(main)).toEqual([]);
    await save(page, USER_2567_SCREENSHOT);
    await page.context().close();
  });

  it('gives an admin the provenance view: sources, confidence per item, notes marked as the compiler’s', async () => {
    const page = await newThaiPage(browser, 'desktop');
    await signIn(page, server.url, ADMIN);
    await page.goto(`${server.url}/catalogue/2568`);
    await page.getByRole('tab', { name: 'ที่มาของข้อมูล' }).click();
    const panel = page.getByRole('tabpanel');

    const sources = panel.getByRole('table', { name: 'แหล่งข้อมูล', exact: true });
    await sources.getByRole('row', { name: /S-RTRDA-OLD/ }).waitFor();
    expect(await sources.getByRole('row', { name: /S-NEWS-MATICHON-2568/ }).innerText()).toContain('เชื่อมั่นสูง');

    const items = panel.getByRole('table', { name: 'รายการและแหล่งที่มา' });
    const o25 = items.getByRole('row', { name: /^O25/ });
    await o25.getByText('แผนปฏิบัติการป้องกันการทุจริต', { exact: true }).waitFor();
    expect(await o25.innerText()).toContain('เชื่อมั่นต่ำ');
    expect(await o25.innerText()).toContain('S-RTRDA-OLD');
    // The ministry's own heading stays where it belongs: quoted in the compiler's note.
    const note = o25.getByText('บันทึกของผู้จัดทำข้อมูล (ภาษาอังกฤษ):');
    await note.waitFor();
    expect(await o25.locator('[lang="en"]').innerText()).toContain('กระทรวงคมนาคม');
    const o7 = items.getByRole('row', { name: /^O7/ });
    expect(await o7.innerText()).toContain('ยังไม่มีถ้อยคำ');
    expect(await o7.innerText()).toContain('เหตุที่ยังไม่มีถ้อยคำ');

    // The edition's completeness, missing data and notes, in the normal text colour.
    await panel.getByText('ความครบถ้วน', { exact: true }).waitFor();
    const completeness = panel.locator('[lang="en"]', { hasText: /^Partial: OIT O1/ });
    const [noteColour, bodyColour] = await Promise.all([
      completeness.evaluate((el) => getComputedStyle(el).color),
      panel.getByText('ภาพรวมของชุดข้อมูล').evaluate((el) => getComputedStyle(el).color),
    ]);
    expect(noteColour).toBe(bodyColour);
    expect(await redTexts(panel)).toEqual([]);

    // Only the uncertain items: O1 (medium, 9.1 from a source) goes, O7 (no wording) stays.
    expect(await items.getByRole('row', { name: /^O1 / }).count()).toBe(1);
    await panel.getByRole('switch', { name: 'เฉพาะรายการที่เชื่อมั่นต่ำหรือยังไม่มีถ้อยคำ' }).check({ force: true });
    await items.getByRole('row', { name: /^O1 / }).waitFor({ state: 'detached' });
    await items.getByRole('row', { name: /^O7/ }).waitFor();
    await panel.getByRole('switch', { name: 'เฉพาะรายการที่เชื่อมั่นต่ำหรือยังไม่มีถ้อยคำ' }).uncheck({ force: true });
    await save(page, PROVENANCE_SCREENSHOT);

    // The same view in English.
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.getByRole('tab', { name: 'Data provenance' }).click();
    await page.getByRole('table', { name: 'Items and their sources' }).waitFor();
    await page.getByText("Data compiler's notes (English)", { exact: true }).waitFor();
    await page.getByRole('table', { name: 'Sources', exact: true }).waitFor();
    await save(page, PROVENANCE_EN_SCREENSHOT);
    await page.getByRole('button', { name: 'TH', exact: true }).click();
    await page.context().close();
  });
});
