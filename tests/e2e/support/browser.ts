import type { Browser, BrowserContext, Page } from 'playwright-core';

export { launchBrowser } from '#server/browser/chromium.ts';

/** The screen sizes the journeys use. */
const DEVICES = {
  desktop: { viewport: { width: 1280, height: 900 } },
  wide: { viewport: { width: 1366, height: 900 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
} as const;

export type Device = keyof typeof DEVICES;

export type ThaiContextOptions = {
  /** The context's default timeout for actions and waits (Playwright's own default when absent). */
  defaultTimeout?: number;
  acceptDownloads?: boolean;
};

/** A new browser context (no cookies) with the Thai locale and the device's screen. */
export async function newThaiContext(
  browser: Browser,
  device: Device,
  options: ThaiContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    ...DEVICES[device],
    locale: 'th-TH',
    ...(options.acceptDownloads === undefined ? {} : { acceptDownloads: options.acceptDownloads }),
  });
  if (options.defaultTimeout !== undefined) context.setDefaultTimeout(options.defaultTimeout);
  return context;
}

/** A page in a context of its own (newThaiContext); `page.context().close()` closes both. */
export async function newThaiPage(
  browser: Browser,
  device: Device,
  options: ThaiContextOptions = {},
): Promise<Page> {
  return (await newThaiContext(browser, device, options)).newPage();
}
