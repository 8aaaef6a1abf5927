import path from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '#tests/support/server-process.ts';

/** Where an e2e screenshot is saved: test-output/e2e/<name>. */
export const screenshotPath = (name: string) => path.join(repoRoot, 'test-output/e2e', name);

/** Notifications fade out after a few seconds; close them so that screenshots show the page. */
export async function closeNotifications(page: Page) {
  const close = page.locator('.mantine-Notification-closeButton');
  while ((await close.count()) > 0) {
    await close
      .first()
      .click({ timeout: 2_000 })
      .catch(() => undefined);
    await page.waitForTimeout(250);
  }
}
