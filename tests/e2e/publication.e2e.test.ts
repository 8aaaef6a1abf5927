/**
 * Publication end to end: the real server (demo data) in a child process, the built UI in headless
 * Chromium, and readers in fresh browser contexts (no cookies). Set up through the API: an approved and
 * circulated 2569 plan of จังหวัดตัวอย่าง with one measure of DEMO-PROV-03, a 6-month round opened,
 * the unit's report submitted and accepted. In the browser the secretariat sees the round report's
 * "publish" disabled while the round is open (and the server refuses it too), chooses the public
 * address name (a name another organisation has is refused with its message), publishes the plan
 * (publishing again changes nothing) and, once the round is closed, the round report. A reader opens
 * the plan's and the round's always-latest addresses: title, measure, step, "ฉบับที่ ๑", PDF and DOCX
 * downloads. The secretariat switches the plan document to Arabic digits in the document panel and
 * publishes version 2: the latest address shows it, /v1 still shows version 1. Version 2 is withdrawn
 * with a reason: its address shows the notice (410, not 404) and the latest address shows version 1.
 * Needs `npm run build:ui` first (`npm test` does it).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toThaiDigits } from '#shared/format/thai.ts';
import { docxText } from '#tests/support/docx-text.ts';
import { REPORTER, SECRETARIAT, signIn } from './support/accounts.ts';
import { apiCall, listOrganizations } from './support/api.ts';
import { launchBrowser, newThaiContext, newThaiPage } from './support/browser.ts';
import { bangkokDate } from './support/dates.ts';
import { closeNotifications, screenshotPath } from './support/screenshots.ts';
import { type ServerProcess, startDemoServer } from './support/server.ts';
import {
  circulatePlan,
  createApprovedPlan,
  PLAN_MEASURE as MEASURE,
  PLAN_STEP as STEP,
} from './support/setup-plan.ts';

const PANEL_SCREENSHOT = screenshotPath('publication-panel.png');
const FISCAL_YEAR = 2569;
const RESULT = 'จัดทำคู่มือการให้บริการและเผยแพร่บนเว็บไซต์ของหน่วยงานแล้ว';
const TAKEN_SLUG = 'health-office';
const SLUG = 'demo-province';
const PLAN_PATH = `/p/${SLUG}/${FISCAL_YEAR}/plan`;
const ROUND_PATH = `/p/${SLUG}/${FISCAL_YEAR}/round/6m`;
const WITHDRAW_REASON = 'พบข้อผิดพลาดในตารางมาตรการ จะเผยแพร่ฉบับแก้ไขภายหลัง';
const PANEL = 'เผยแพร่บนเว็บไซต์สาธารณะ';

/** The confirmation publishing asks for (it shows the public address): confirmed. */
async function confirmPublish(page: Page) {
  await page
    .getByRole('dialog', { name: 'ยืนยันการเผยแพร่สู่สาธารณะ' })
    .getByRole('button', { name: 'เผยแพร่', exact: true })
    .click();
}

/** "เผยแพร่" in the panel, then in its confirmation. */
async function publishConfirmed(page: Page, panel: ReturnType<Page['getByRole']>) {
  await panel.getByRole('button', { name: 'เผยแพร่', exact: true }).click();
  await confirmPublish(page);
}
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** Publishing renders DOCX, PDF and XLSX (the PDF through Chromium): more than a click's wait. */
const PUBLISH_WAIT = 90_000;

/** Thai digits, as the public pages print every number. */
const thaiVersion = (n: number) => toThaiDigits(`ฉบับที่ ${n}`);

describe('publication: plan and round report on the public website, versions and withdrawal', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let planId = '';
  let planTitle = '';
  let roundId = '';
  let roundVersion = 0;

  /** A reader who never signed in: a new context each time, so nothing is cached or remembered. */
  async function reader<T>(use: (reader: Page, context: BrowserContext) => Promise<T>): Promise<T> {
    const context = await newThaiContext(browser, 'desktop', { defaultTimeout: 20_000 });
    try {
      expect(await context.cookies()).toEqual([]);
      return await use(await context.newPage(), context);
    } finally {
      await context.close();
    }
  }

  /** Opens a public address as a reader and returns the response's status. */
  async function open(reader: Page, pathname: string) {
    const response = await reader.goto(`${server.url}${pathname}`);
    return response!.status();
  }

  /** The downloads of the shown version: following each link gives the file itself. */
  async function downloads(reader: Page, context: BrowserContext) {
    const section = reader.getByRole('region', { name: 'ดาวน์โหลด', exact: true });
    const files: Record<'pdf' | 'docx', { type: string; bytes: Buffer; href: string }> = {} as never;
    for (const [format, name] of [
      ['pdf', 'PDF'],
      ['docx', 'Word (DOCX)'],
    ] as const) {
      const href = await section.getByRole('link', { name, exact: true }).getAttribute('href');
      expect(href).toMatch(new RegExp(`\\.${format}$`));
      const response = await context.request.get(new URL(href!, reader.url()).toString());
      expect(response.status(), href!).toBe(200);
      files[format] = {
        type: response.headers()['content-type'] ?? '',
        bytes: await response.body(),
        href: href!,
      };
    }
    expect(files.pdf.type).toContain('application/pdf');
    expect(files.pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(files.docx.type).toContain(DOCX_TYPE);
    expect(files.docx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    return files;
  }

  const panelOf = (p: Page) => p.getByRole('region', { name: PANEL, exact: true });

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    page = await newThaiPage(browser, 'wide', { defaultTimeout: 20_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sets up through the API: a circulated plan, a 6-month round opened, the unit’s report accepted', async () => {
    await signIn(page, server.url, SECRETARIAT);
    const plan = await createApprovedPlan(page, { browser, baseUrl: server.url, fiscalYear: FISCAL_YEAR });
    planId = plan.id;
    planTitle = plan.title;
    await circulatePlan(page, plan);

    const round = await apiCall(page, 'POST', '/api/rounds', {
      planId,
      kind: '6m',
      dueDate: bangkokDate(7),
    });
    expect(round.status, JSON.stringify(round.json)).toBe(201);
    roundId = (round.json as { id: string }).id;
    const opened = await apiCall(page, 'POST', `/api/rounds/${roundId}/open`, {
      rowVersion: (round.json as { rowVersion: number }).rowVersion,
    });
    expect(opened.status, JSON.stringify(opened.json)).toBe(200);
    roundVersion = (opened.json as { rowVersion: number }).rowVersion;

    const reporterContext = await browser.newContext({ locale: 'th-TH' });
    const reporter = await reporterContext.newPage();
    await signIn(reporter, server.url, REPORTER);
    const mine = (await apiCall(reporter, 'GET', '/api/reports/mine')).json as {
      id: string;
      roundId: string;
      rowVersion: number;
    }[];
    const slot = mine.find((s) => s.roundId === roundId)!;
    expect(slot, JSON.stringify(mine)).toBeDefined();
    const sent = await apiCall(reporter, 'POST', `/api/reports/${slot.id}/submit`, {
      rowVersion: slot.rowVersion,
      result: RESULT,
      progress: 'done',
      percent: 100,
      problems: 'บุคลากรไม่เพียงพอ',
      suggestions: 'ขอสนับสนุนงบประมาณจัดพิมพ์คู่มือ',
    });
    expect(sent.status, JSON.stringify(sent.json)).toBe(200);
    await reporterContext.close();
    const accepted = await apiCall(page, 'POST', `/api/reports/${slot.id}/review`, {
      decision: 'accept',
      rowVersion: (sent.json as { rowVersion: number }).rowVersion,
    });
    expect(accepted.status, JSON.stringify(accepted.json)).toBe(200);
  });

  it('an open round’s report cannot be published: the button says why and the server refuses too', async () => {
    await page.goto(`${server.url}/rounds/${roundId}`);
    const panel = panelOf(page);
    await panel.waitFor();
    const button = panel.getByRole('button', { name: 'เผยแพร่', exact: true });
    await button.waitFor();
    expect(await button.isDisabled()).toBe(true);
    await panel.getByText('เผยแพร่รายงานได้เมื่อปิดรอบการรายงานแล้ว', { exact: true }).waitFor();
    await panel.getByText('ยังไม่ได้เผยแพร่', { exact: true }).waitFor();

    const refused = await apiCall(page, 'POST', '/api/publications', { kind: 'round', subjectId: roundId });
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({
      error: { code: 'round_not_closed', message_th: expect.stringContaining('ปิดรอบการรายงาน') },
    });

    const closed = await apiCall(page, 'POST', `/api/rounds/${roundId}/close`, { rowVersion: roundVersion });
    expect(closed.status, JSON.stringify(closed.json)).toBe(200);
  });

  it('chooses the public address name: one another organisation has is refused, a free one is saved', async () => {
    // DEMO-PROV-03, below the province, takes a name first (the secretariat may choose it there too).
    const unit = (await listOrganizations(page)).find((o) => o.code === 'DEMO-PROV-03')!;
    const took = await apiCall(page, 'PUT', `/api/publications/sites/${unit.id}`, { slug: TAKEN_SLUG });
    expect(took.status, JSON.stringify(took.json)).toBe(200);

    await page.goto(`${server.url}/plans/${planId}`);
    const panel = panelOf(page);
    await panel.waitFor();
    await panel.getByText('ยังไม่ได้เผยแพร่', { exact: true }).waitFor();
    expect(await panel.getByTestId('public-slug').textContent()).toBe('demo-prov');
    await panel.getByText('(ตั้งจากรหัสหน่วยงาน ยังไม่ได้เลือก)').waitFor();

    await panel.getByRole('button', { name: 'เปลี่ยนชื่อที่อยู่' }).click();
    const field = panel.getByRole('textbox', { name: 'ชื่อที่อยู่สาธารณะ' });
    await field.fill('Bad Name!');
    await panel.getByText('ใช้ได้เฉพาะ a–z, 0–9 และขีดกลางคั่น', { exact: false }).waitFor();
    expect(await panel.getByRole('button', { name: 'บันทึกชื่อที่อยู่' }).isDisabled()).toBe(true);

    await field.fill(TAKEN_SLUG);
    const refused = page.waitForResponse(
      (r) => r.url().includes('/api/publications/sites/') && r.request().method() === 'PUT',
    );
    await panel.getByRole('button', { name: 'บันทึกชื่อที่อยู่' }).click();
    expect((await refused).status()).toBe(409);
    await panel.getByRole('alert').getByText(`ชื่อ "${TAKEN_SLUG}" มีหน่วยงานอื่นใช้แล้ว`).waitFor();
    await panel.getByText('มีหน่วยงานอื่นใช้ชื่อนี้แล้ว', { exact: true }).waitFor();

    await field.fill(SLUG);
    await panel.getByText(`ที่อยู่จะเป็น ${server.url}/p/${SLUG}`).waitFor();
    const saved = page.waitForResponse(
      (r) => r.url().includes('/api/publications/sites/') && r.request().method() === 'PUT',
    );
    await panel.getByRole('button', { name: 'บันทึกชื่อที่อยู่' }).click();
    expect((await saved).status()).toBe(200);
    await panel.getByTestId('public-slug').getByText(SLUG, { exact: true }).waitFor();
    expect(await panel.getByText('(ตั้งจากรหัสหน่วยงาน ยังไม่ได้เลือก)').count()).toBe(0);
  });

  it('publishes the plan: version 1 with its links, the embed code and the feed; again changes nothing', {
    timeout: 240_000,
  }, async () => {
    const panel = panelOf(page);
    const published = page.waitForResponse(
      (r) => r.url().endsWith('/api/publications') && r.request().method() === 'POST',
      { timeout: PUBLISH_WAIT },
    );
    await publishConfirmed(page, panel);
    const response = await published;
    expect(response.status(), await response.text()).toBe(200);
    expect(JSON.parse(response.request().postData() ?? '{}')).toEqual({
      kind: 'plan',
      subjectId: planId,
      expectedVersionNo: 0,
    });
    const body = (await response.json()) as {
      created: boolean;
      publication: { url: string; latestUrl: string };
    };
    expect(body.created).toBe(true);
    expect(body.publication.url).toBe(`${PLAN_PATH}/v1`);
    expect(body.publication.latestUrl).toBe(PLAN_PATH);

    await panel.getByRole('status').getByText('เผยแพร่ฉบับที่ 1 แล้ว').waitFor();
    const table = panel.getByRole('table', { name: 'ทุกฉบับที่เผยแพร่ที่ที่อยู่นี้' });
    await table.waitFor();
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    await table.getByText('ฉบับที่ 1', { exact: true }).waitFor();
    await table.getByText('เผยแพร่อยู่', { exact: true }).waitFor();
    // The date in the Buddhist era, e.g. "12 ม.ค. 2569 10:15 น.".
    await table
      .getByText(/25\d\d/)
      .first()
      .waitFor();

    const v1 = table.getByRole('link', { name: /^เปิดฉบับที่ 1/ });
    expect(await v1.getAttribute('href')).toBe(`${server.url}${PLAN_PATH}/v1`);
    expect(await v1.getAttribute('target')).toBe('_blank');
    const latest = panel.getByRole('link', { name: new RegExp(`^${server.url}${PLAN_PATH}`) });
    expect(await latest.getAttribute('href')).toBe(`${server.url}${PLAN_PATH}`);
    expect(await latest.getAttribute('target')).toBe('_blank');
    const snippet = await panel.getByRole('textbox', { name: /^โค้ดสำหรับฝังในเว็บไซต์ของหน่วยงาน/ }).inputValue();
    expect(snippet).toBe(
      `<iframe src="${server.url}${PLAN_PATH}?embed=1" title="${planTitle}" style="width:100%;height:800px;border:0"></iframe>`,
    );
    const feed = panel.getByRole('link', { name: /^JSON Feed/ });
    expect(await feed.getAttribute('href')).toBe(`${server.url}/p/${SLUG}/feed.json`);
    // Links were given out: the address name is fixed from now on.
    await panel.getByText('เปลี่ยนชื่อที่อยู่ไม่ได้แล้ว', { exact: false }).waitFor();
    expect(await panel.getByRole('button', { name: 'เปลี่ยนชื่อที่อยู่' }).count()).toBe(0);

    const again = page.waitForResponse(
      (r) => r.url().endsWith('/api/publications') && r.request().method() === 'POST',
      { timeout: PUBLISH_WAIT },
    );
    await publishConfirmed(page, panel);
    expect(((await (await again).json()) as { created: boolean }).created).toBe(false);
    await panel.getByRole('status').getByText('เนื้อหาเหมือนฉบับล่าสุด ไม่ได้เผยแพร่ซ้ำ').waitFor();
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
  });

  it('publishes the closed round’s report from its dashboard', { timeout: 240_000 }, async () => {
    await page.goto(`${server.url}/rounds/${roundId}`);
    const panel = panelOf(page);
    await panel.waitFor();
    const button = panel.getByRole('button', { name: 'เผยแพร่', exact: true });
    await expect.poll(() => button.isDisabled()).toBe(false);
    expect(await panel.getByText('เผยแพร่รายงานได้เมื่อปิดรอบการรายงานแล้ว').count()).toBe(0);
    const published = page.waitForResponse(
      (r) => r.url().endsWith('/api/publications') && r.request().method() === 'POST',
      { timeout: PUBLISH_WAIT },
    );
    await button.click();
    await confirmPublish(page);
    const response = await published;
    expect(response.status(), await response.text()).toBe(200);
    await panel.getByRole('status').getByText('เผยแพร่ฉบับที่ 1 แล้ว').waitFor();
    const v1 = panel.getByRole('link', { name: /^เปิดฉบับที่ 1/ });
    expect(await v1.getAttribute('href')).toBe(`${server.url}${ROUND_PATH}/v1`);
  });

  it('a reader without an account opens the plan’s and the round’s latest addresses and downloads', {
    timeout: 120_000,
  }, async () => {
    await reader(async (r, context) => {
      expect(await open(r, PLAN_PATH)).toBe(200);
      await r.getByRole('heading', { level: 1, name: toThaiDigits(planTitle) }).waitFor();
      await r.getByText(thaiVersion(1), { exact: false }).first().waitFor();
      const article = r.locator('article.document');
      const text = await article.innerText();
      expect(text).toContain(MEASURE);
      expect(text).toContain(STEP);
      const files = await downloads(r, context);
      expect(files.pdf.href).toBe(`${PLAN_PATH}/plan.pdf`);
      // The first publication used the remembered options: Thai digits.
      const docx = await docxText(new Uint8Array(files.docx.bytes));
      expect(docx).toContain(toThaiDigits(String(FISCAL_YEAR)));

      expect(await open(r, ROUND_PATH)).toBe(200);
      await r.getByRole('heading', { level: 1 }).waitFor();
      await r.getByText(thaiVersion(1), { exact: false }).first().waitFor();
      expect(await r.locator('article.document').innerText()).toContain(MEASURE);
      await downloads(r, context);

      // The embeddable page may be framed anywhere; the feed lists both addresses.
      const embed = await context.request.get(`${server.url}${PLAN_PATH}?embed=1`);
      expect(embed.status()).toBe(200);
      expect(embed.headers()['content-security-policy']).toContain('frame-ancestors *');
      const feed = await context.request.get(`${server.url}/p/${SLUG}/feed.json`);
      expect(feed.status()).toBe(200);
      const items = ((await feed.json()) as { items: { url: string }[] }).items.map((i) => i.url);
      expect(items.some((u) => u.includes(`${PLAN_PATH}/v1`))).toBe(true);
      expect(items.some((u) => u.includes(`${ROUND_PATH}/v1`))).toBe(true);
    });
  });

  it('Arabic digits in the plan document, published again: version 2 at the latest address, /v1 unchanged', {
    timeout: 240_000,
  }, async () => {
    await page.goto(`${server.url}/plans/${planId}`);
    const documents = page.getByRole('region', { name: 'เอกสารทางราชการ', exact: true });
    const planDocument = documents.getByRole('region', {
      name: 'มาตรการส่งเสริมคุณธรรมและความโปร่งใส',
      exact: true,
    });
    await planDocument.getByRole('radio', { name: 'เลขอารบิก (123)' }).check();
    const generated = page.waitForResponse(
      (r) => r.url().endsWith('/api/documents') && r.request().method() === 'POST',
      { timeout: PUBLISH_WAIT },
    );
    await planDocument.getByRole('button', { name: 'สร้างเอกสาร' }).click();
    expect((await generated).status()).toBe(200);
    await planDocument.getByText(/^สร้างมาตรการส่งเสริมคุณธรรมและความโปร่งใส ฉบับที่ \d+ แล้ว$/).waitFor();

    const panel = panelOf(page);
    const published = page.waitForResponse(
      (r) => r.url().endsWith('/api/publications') && r.request().method() === 'POST',
      { timeout: PUBLISH_WAIT },
    );
    await publishConfirmed(page, panel);
    const body = (await (await published).json()) as { created: boolean; publication: { url: string } };
    expect(body.created).toBe(true);
    expect(body.publication.url).toBe(`${PLAN_PATH}/v2`);
    await panel.getByRole('status').getByText('เผยแพร่ฉบับที่ 2 แล้ว').waitFor();
    const table = panel.getByRole('table', { name: 'ทุกฉบับที่เผยแพร่ที่ที่อยู่นี้' });
    await expect.poll(() => table.getByRole('row').count()).toBe(3);
    await panel.getByText('ขณะนี้แสดงฉบับที่ 2', { exact: false }).waitFor();

    await reader(async (r, context) => {
      expect(await open(r, PLAN_PATH)).toBe(200);
      await r.locator('p.meta').getByText(thaiVersion(2), { exact: false }).waitFor();
      const files = await downloads(r, context);
      const docx = await docxText(new Uint8Array(files.docx.bytes));
      expect(docx).toContain(String(FISCAL_YEAR));
      expect(docx).not.toContain(toThaiDigits(String(FISCAL_YEAR)));

      expect(await open(r, `${PLAN_PATH}/v1`)).toBe(200);
      await r.locator('p.meta').getByText(thaiVersion(1), { exact: false }).waitFor();
      await r.getByText(`มีฉบับที่ใหม่กว่านี้ (${thaiVersion(2)})`).waitFor();
      const old = await downloads(r, context);
      expect(old.docx.href).toBe(`${PLAN_PATH}/v1/plan.docx`);
      expect(await docxText(new Uint8Array(old.docx.bytes))).toContain(toThaiDigits(String(FISCAL_YEAR)));
    });
  });

  it('withdraws version 2 with a reason: its address shows the notice, the latest shows version 1', {
    timeout: 120_000,
  }, async () => {
    const panel = panelOf(page);
    await panel.getByRole('button', { name: 'ถอนการเผยแพร่ฉบับที่ 2' }).click();
    const dialog = page.getByRole('dialog', { name: 'ถอนการเผยแพร่ฉบับที่ 2' });
    await dialog.waitFor();
    const confirm = dialog.getByRole('button', { name: 'ถอนการเผยแพร่', exact: true });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByRole('textbox', { name: /^เหตุผลที่ถอน/ }).fill(WITHDRAW_REASON);
    const withdrawn = page.waitForResponse(
      (r) => /\/api\/publications\/[0-9a-f-]{36}\/withdraw$/.test(r.url()) && r.request().method() === 'POST',
    );
    await confirm.click();
    expect((await withdrawn).status()).toBe(200);
    await dialog.waitFor({ state: 'detached' });
    const table = panel.getByRole('table', { name: 'ทุกฉบับที่เผยแพร่ที่ที่อยู่นี้' });
    await table.getByText(new RegExp(`^ถอนการเผยแพร่เมื่อ .*: ${WITHDRAW_REASON}$`)).waitFor();
    await table.getByText('ถอนแล้ว', { exact: true }).waitFor();
    expect(await panel.getByRole('button', { name: 'ถอนการเผยแพร่ฉบับที่ 2' }).count()).toBe(0);
    await panel.getByRole('button', { name: 'ถอนการเผยแพร่ฉบับที่ 1' }).waitFor();
    await panel.getByText('ขณะนี้แสดงฉบับที่ 1', { exact: false }).waitFor();
    expect(await panel.getByText('เผยแพร่ฉบับที่ 2 แล้ว').count()).toBe(0);

    await closeNotifications(page);
    fs.mkdirSync(path.dirname(PANEL_SCREENSHOT), { recursive: true });
    await panel.screenshot({ path: PANEL_SCREENSHOT });

    await reader(async (r, context) => {
      // Gone, not missing: 410 with the notice, so that link checkers learn it and readers see why.
      expect(await open(r, `${PLAN_PATH}/v2`)).toBe(410);
      const notice = r.getByRole('note');
      await notice.getByText(WITHDRAW_REASON, { exact: false }).waitFor();
      await notice.getByText(/^ถอนการเผยแพร่เมื่อ /).waitFor();
      expect(await r.getByRole('region', { name: 'ดาวน์โหลด', exact: true }).count()).toBe(0);
      const file = await context.request.get(`${server.url}${PLAN_PATH}/v2/plan.pdf`);
      expect(file.status()).toBe(410);
      expect(file.headers()['content-type']).toContain('text/html');

      expect(await open(r, PLAN_PATH)).toBe(200);
      await r.locator('p.meta').getByText(thaiVersion(1), { exact: false }).waitFor();
      await r.getByText('ฉบับที่ใหม่กว่าถูกถอนการเผยแพร่', { exact: false }).waitFor();
    });
  });
});
