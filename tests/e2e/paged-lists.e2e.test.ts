/**
 * A list the server sends a page at a time, end to end: the demo server, the built UI in headless
 * Chromium. Through the API the demo secretariat makes 120 blank plans (six units × twenty years, more
 * than one page of 100); the plans page shows the first 100 and "Show more plans", which reads the
 * rest and then goes away. Needs `npm run build:ui` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRETARIAT, signIn } from './support/accounts.ts';
import { apiCall, listOrganizations } from './support/api.ts';
import { launchBrowser, newThaiPage } from './support/browser.ts';
import { closeNotifications, screenshotPath } from './support/screenshots.ts';
import { type ServerProcess, startDemoServer } from './support/server.ts';

const SCREENSHOT = screenshotPath('paged-plans-show-more.png');
const YEARS = Array.from({ length: 20 }, (_, i) => 2600 + i);

let server: ServerProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
  page = await newThaiPage(browser, 'desktop', { defaultTimeout: 15_000 });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a paged list in the UI', () => {
  it('shows the first 100 plans and reads the rest with "Show more plans"', async () => {
    await signIn(page, server.url, SECRETARIAT);
    const organizations = await listOrganizations(page);
    const province = organizations.find((o) => o.code === 'DEMO-PROV')!;
    const units = organizations.filter((o) => /^DEMO-PROV-0[1-6]$/.test(o.code));
    expect(units).toHaveLength(6);
    for (const unit of units) {
      for (const fiscalYear of YEARS) {
        const r = await apiCall(page, 'POST', '/api/plans', { organizationId: unit.id, fiscalYear });
        expect(r.status, JSON.stringify(r.json)).toBe(201);
      }
    }
    // Every plan of the province through the API, a page at a time.
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/api/plans?organizationId=${province.id}${cursor ? `&cursor=${cursor}` : ''}`;
      const body = (await apiCall(page, 'GET', query)).json as {
        items: { id: string }[];
        nextCursor: string | null;
      };
      if (pages === 0) expect(body.items).toHaveLength(100);
      ids.push(...body.items.map((p) => p.id));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBeGreaterThan(1);
    expect(ids.length).toBeGreaterThanOrEqual(units.length * YEARS.length);

    await page.goto(`${server.url}/plans?org=${province.id}`);
    const table = page.getByRole('table', { name: 'แผนมาตรการ' });
    const rows = table.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(100);
    const more = page.getByRole('button', { name: 'แสดงแผนเพิ่ม' });
    await more.waitFor();
    await more.scrollIntoViewIfNeeded();
    await closeNotifications(page);
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    await more.click();
    // Every plan the API listed (those made here and any of the demo's), each once.
    await expect.poll(() => rows.count()).toBe(ids.length);
    await expect.poll(() => more.count()).toBe(0);
    const links = await table
      .locator('tbody tr td:nth-child(2) a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(links).toEqual(ids.map((id) => `/plans/${id}`));
  }, 180_000);
});
