/**
 * Accessibility end to end: axe-core (WCAG 2.1 A and AA) on every main page of the demo's whole cycle,
 * as the secretariat and the admin on a desktop and as a unit reporter on a 390×844 phone; a journey
 * done with the keyboard only; the English UI on two pages. Needs `npm run build:ui` first.
 *
 * axe-core is injected into the page from its own `source` (@axe-core/playwright needs Node 22).
 */
import fs from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, REPORTER, SECRETARIAT } from './support/accounts.ts';
import { apiCall } from './support/api.ts';
import { launchBrowser, newThaiPage } from './support/browser.ts';
import { closeNotifications, screenshotPath } from './support/screenshots.ts';
import { type ServerProcess, startDemoServer } from './support/server.ts';

const ADMIN = 'admin@demo.prongsai.local';
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

type Violation = { id: string; impact: string | null; help: string; targets: string[] };

/** Signs in through the sign-in page and waits until it is left for the signed-in application. */
async function signIn(page: Page, baseUrl: string, email: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByRole('textbox', { name: 'อีเมล', exact: true }).fill(email);
  await page.getByRole('textbox', { name: 'รหัสผ่าน', exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
  await page.getByRole('banner').waitFor();
}

/** Waits until the page has its data: no request in flight, no loader, and its content drawn. */
async function settled(page: Page) {
  await page.waitForLoadState('networkidle');
  await page
    .locator('.mantine-Loader-root')
    .first()
    .waitFor({ state: 'detached', timeout: 30_000 })
    .catch(() => undefined);
  await page.waitForTimeout(300);
}

/** axe's serious and critical WCAG 2.1 A/AA violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<Violation[]> {
  // Evaluated through the DevTools protocol: the app's CSP (script-src 'self') refuses an inline script tag.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const violations = await page.evaluate(async (tags) => {
    const run = (window as unknown as { axe: typeof axe }).axe.run;
    const result = await run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.slice(0, 8).map((n) => {
        // Contrast: the colours and ratio axe measured; other rules: what it found wrong.
        const data = n.any[0]?.data as { fgColor?: string; bgColor?: string; contrastRatio?: number } | null;
        const detail = data?.contrastRatio
          ? `${data.fgColor} on ${data.bgColor}: ${data.contrastRatio}`
          : (n.failureSummary ?? '').split('\n').slice(1).join(' ').trim();
        return `${n.target.join(' ')} [${detail}]`;
      }),
    }));
  }, WCAG_21_AA);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** "page: id (impact) help → targets", one line per violation, for the failure message. */
const describeViolations = (found: Record<string, Violation[]>) =>
  Object.entries(found)
    .flatMap(([where, list]) =>
      list.map((v) => `${where}: ${v.id} (${v.impact}) ${v.help}\n    → ${v.targets.join('\n    → ')}`),
    )
    .join('\n');

/** Opens each page, checks it and returns what axe found, by page. */
async function checkPages(page: Page, baseUrl: string, pages: [string, string][]) {
  const found: Record<string, Violation[]> = {};
  for (const [name, url] of pages) {
    await page.goto(`${baseUrl}${url}`);
    await settled(page);
    expect(new URL(page.url()).pathname, `${name} was not redirected to sign-in`).not.toBe('/sign-in');
    const violations = await seriousViolations(page);
    if (violations.length > 0) found[`${name} (${url})`] = violations;
  }
  return found;
}

const json = async <T>(page: Page, url: string): Promise<T> => {
  const answer = await apiCall(page, 'GET', url);
  expect(answer.status, url).toBe(200);
  return answer.json as T;
};

/** The demo cycle's records: the province, its result and analysis, its plan, round and one report. */
async function demoRecords(page: Page) {
  const organizations = await json<{ id: string; code: string }[]>(page, '/api/organizations');
  const province = organizations.find((o) => o.code === 'DEMO-PROV')!;
  const { items: results } = await json<{ items: { id: string; fiscalYear: number }[] }>(
    page,
    `/api/assessments?organizationId=${province.id}`,
  );
  const result = results.find((r) => r.fiscalYear === 2569)!;
  const analyses = await json<{ id: string }[]>(page, `/api/assessments/${result.id}/analyses`);
  const { items: plans } = await json<{ items: { id: string; fiscalYear: number }[] }>(
    page,
    `/api/plans?organizationId=${province.id}`,
  );
  const plan = plans.find((p) => p.fiscalYear === 2570)!;
  const rounds = await json<{ id: string }[]>(page, `/api/rounds?planId=${plan.id}`);
  const rollup = await json<{ measures: { cells: { slotId: string; unitId: string; state: string }[] }[] }>(
    page,
    `/api/rounds/${rounds[0]!.id}/rollup`,
  );
  const cells = rollup.measures.flatMap((m) => m.cells);
  const slot = cells.find((c) => c.state === 'accepted')!;
  // The demo reporter's unit (DEMO-PROV-03): the report they sent.
  const reporterUnit = organizations.find((o) => o.code === 'DEMO-PROV-03')!;
  const reporterSlot = cells.find((c) => c.unitId === reporterUnit.id)!;
  return {
    province,
    analysis: analyses[0]!,
    plan,
    round: rounds[0]!,
    slotId: slot.slotId,
    reporterSlotId: reporterSlot.slotId,
  };
}

/** What has the focus: its tag, role, accessible-ish name and href, and whether its focus ring shows. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      name: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim(),
      label: el.id ? (document.querySelector(`label[for="${el.id}"]`)?.textContent ?? '').trim() : '',
      href: el.getAttribute('href'),
      inDialog: el.closest('[role="dialog"]') !== null,
      inNav: el.closest('nav') !== null,
      // The browser's focus ring: shown for keyboard focus, and not removed by the styles.
      ringShown:
        el.matches(':focus-visible') &&
        style.outlineStyle !== 'none' &&
        Number.parseFloat(style.outlineWidth) > 0,
    };
  });
}

type Focused = NonNullable<Awaited<ReturnType<typeof focused>>>;

/** Presses Tab until `wanted` has the focus (at most `limit` times); returns it, or fails naming the last. */
async function tabTo(
  page: Page,
  wanted: (f: Focused) => boolean,
  what: string,
  limit = 60,
): Promise<Focused> {
  let last: Focused | null = null;
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    last = await focused(page);
    if (last && wanted(last)) return last;
  }
  throw new Error(`Tab never reached ${what} (last focused: ${JSON.stringify(last)})`);
}

describe('accessibility: WCAG 2.1 A and AA on every main page, and the keyboard', () => {
  let server: ServerProcess;
  let browser: Browser;
  let records: Awaited<ReturnType<typeof demoRecords>>;

  beforeAll(async () => {
    fs.mkdirSync(path.dirname(screenshotPath('x')), { recursive: true });
    // The demo's whole cycle: result, analysis, approved and circulated plan, closed round, published.
    server = await startDemoServer({ DEMO_DATA: 'true' });
    browser = await launchBrowser();
    const page = await newThaiPage(browser, 'desktop');
    await signIn(page, server.url, SECRETARIAT);
    records = await demoRecords(page);
    await page.context().close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("passes on the sign-in page and the secretariat's pages on a desktop", async () => {
    const page = await newThaiPage(browser, 'desktop');
    await page.goto(`${server.url}/sign-in`);
    await settled(page);
    const found: Record<string, Violation[]> = {};
    const signInViolations = await seriousViolations(page);
    if (signInViolations.length > 0) found['sign-in'] = signInViolations;

    await signIn(page, server.url, SECRETARIAT);
    const { province, analysis, plan, round, slotId } = records;
    Object.assign(
      found,
      await checkPages(page, server.url, [
        ['home', '/'],
        ['organisations', '/organizations'],
        ['results', `/results?org=${province.id}&year=2569`],
        ['analysis', `/results/analyses/${analysis.id}`],
        ['plans', '/plans'],
        ['plan and its documents panel', `/plans/${plan.id}`],
        ['tasks', '/tasks'],
        ['round and its documents panel', `/rounds/${round.id}`],
        ['report', `/reports/${slotId}`],
        ['OIT', `/oit?org=${province.id}&year=2569`],
        ['catalogue', '/catalogue'],
        ['edition', '/catalogue/2569'],
      ]),
    );
    await page.context().close();

    const admin = await newThaiPage(browser, 'desktop');
    await signIn(admin, server.url, ADMIN);
    Object.assign(
      found,
      await checkPages(admin, server.url, [
        ['users', '/users'],
        ['audit', '/audit'],
      ]),
    );
    // A dialog (one that does not name its own close button): the theme names the × in the UI language.
    await admin.goto(`${server.url}/users`);
    await settled(admin);
    await admin.getByRole('button', { name: 'เพิ่มผู้ใช้', exact: true }).click();
    await admin.getByRole('dialog').waitFor();
    await admin.getByRole('dialog').getByRole('button', { name: 'ปิด', exact: true }).waitFor();
    const dialog = await seriousViolations(admin);
    if (dialog.length > 0) found['users: new-user dialog'] = dialog;
    await admin.context().close();
    expect(found, describeViolations(found)).toEqual({});
  });

  it("passes on the reporter's pages on a phone", async () => {
    const page = await newThaiPage(browser, 'phone');
    await signIn(page, server.url, REPORTER);
    const found = await checkPages(page, server.url, [
      ['home', '/'],
      ['tasks', '/tasks'],
      ['plans', '/plans'],
      ['their report', `/reports/${records.reporterSlotId}`],
    ]);
    // The menu, open.
    await page.getByRole('button', { name: 'เปิดเมนู' }).click();
    await page.getByRole('navigation').getByRole('link').first().waitFor();
    const menu = await seriousViolations(page);
    if (menu.length > 0) found['menu open'] = menu;
    await page.context().close();
    expect(found, describeViolations(found)).toEqual({});
  });
  it('can be used with the keyboard only: sign in, open a plan, a dialog closed with Esc, the phone menu', async () => {
    const page = await newThaiPage(browser, 'desktop');
    await page.goto(`${server.url}/sign-in`);
    await settled(page);
    await tabTo(page, (f) => f.tag === 'input' && f.label.startsWith('อีเมล'), 'the e-mail field');
    // A focused field shows it by its border (Mantine's inputs have no outline): not the other field's.
    const border = (name: string) =>
      page.getByRole('textbox', { name, exact: true }).evaluate((el) => getComputedStyle(el).borderColor);
    expect(await border('อีเมล')).not.toBe(await border('รหัสผ่าน'));
    await page.keyboard.type(SECRETARIAT);
    await page.keyboard.press('Tab');
    expect((await focused(page))?.label).toMatch(/^รหัสผ่าน/);
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname !== '/sign-in');

    // The plans list: Tab reaches the demo plan's link, with a visible focus ring; Enter opens it.
    await page.goto(`${server.url}/plans`);
    await settled(page);
    const link = await tabTo(
      page,
      (f) => f.tag === 'a' && f.href === `/plans/${records.plan.id}`,
      'the plan',
    );
    expect(link.ringShown).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/plans/${records.plan.id}`);
    await settled(page);
    expect(await page.getByRole('heading', { level: 2 }).count()).toBeGreaterThan(0);

    // A dialog: Enter opens it with the focus inside, Esc closes it and gives the focus back.
    await page.goto(`${server.url}/results?org=${records.province.id}&year=2569`);
    await settled(page);
    const opener = await tabTo(
      page,
      (f) => f.tag === 'button' && f.name.startsWith('การวิเคราะห์ผลของ'),
      'analyses',
    );
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expect.poll(async () => (await focused(page))?.inDialog).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect((await focused(page))?.name).toBe(opener.name);
    await page.context().close();

    // On a phone: the menu opens from the keyboard, Tab goes into it, Enter follows a link and closes it.
    const phone = await newThaiPage(browser, 'phone');
    await signIn(phone, server.url, REPORTER);
    await settled(phone);
    await tabTo(phone, (f) => f.tag === 'button' && f.name === 'เปิดเมนู', 'the menu button', 10);
    await phone.keyboard.press('Enter');
    const nav = phone.getByRole('navigation');
    await nav.getByRole('link', { name: 'แผนมาตรการ' }).waitFor();
    await tabTo(
      phone,
      (f) => f.inNav && f.tag === 'a' && f.href === '/plans',
      'the plans link in the menu',
      20,
    );
    await phone.keyboard.press('Enter');
    await phone.waitForURL('**/plans');
    // The menu closed behind it: its button offers to open it again (the panel slides off the screen).
    await phone.getByRole('button', { name: 'เปิดเมนู' }).waitFor();
    await phone.context().close();
  });

  it('shows English where English exists: OIT items, unit names, narratives (screenshots)', async () => {
    const page = await newThaiPage(browser, 'desktop');
    await signIn(page, server.url, SECRETARIAT);
    // The language switch's choice, as a person who chose English would have it stored.
    await page.evaluate(() => window.localStorage.setItem('prongsai.lang', 'en'));

    await page.goto(`${server.url}/oit?org=${records.province.id}&year=2569`);
    await settled(page);
    const oit = page.getByRole('table', { name: /OIT/ });
    await oit.getByText('Structure, duties and powers', { exact: true }).waitFor();
    // The official Thai wording stays under our translation.
    await oit.getByText('โครงสร้าง หน้าที่และอำนาจ', { exact: true }).waitFor();
    await oit.getByText('Item O6 (name not known)', { exact: true }).waitFor();
    await closeNotifications(page);
    await page.screenshot({ path: screenshotPath('accessibility-oit-en.png'), fullPage: false });

    await page.goto(`${server.url}/results/analyses/${records.analysis.id}`);
    await settled(page);
    expect(await page.getByText(/English draft/i).count()).toBe(0);
    // The failed OIT items by their English names (the demo's o25 and o14 of 2569).
    const failedOit = page.getByRole('table', { name: 'Failed OIT items with reasons' });
    await failedOit.getByText('Using the ITA results to develop the organisation', { exact: true }).waitFor();
    await failedOit.getByText('Human resource management and development report', { exact: true }).waitFor();
    // A finding: its narrative in English, then the Thai text that goes into the document.
    const finding = page.getByRole('article').first();
    await finding.waitFor();
    await finding.getByText('Written in Thai, as it goes into the analysis document').waitFor();
    await closeNotifications(page);
    await finding.scrollIntoViewIfNeeded();
    await finding.screenshot({ path: screenshotPath('accessibility-analysis-en.png') });

    // The catalogue's question list too.
    await page.goto(`${server.url}/catalogue/2569`);
    await settled(page);
    await page.getByText('Structure, duties and powers', { exact: true }).first().waitFor();

    await page.goto(`${server.url}/organizations`);
    await settled(page);
    await page.getByText('Provincial Public Health Office', { exact: true }).first().waitFor();
    await closeNotifications(page);
    await page.screenshot({ path: screenshotPath('accessibility-organisations-en.png') });
    await page.context().close();
  });
});
