import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BASE_ARGS,
  chromiumEnv,
  findSystemChromium,
  launchBrowser,
  type ResolvedChromium,
  resolveChromium,
} from './chromium.ts';
import { sarabunFontFaceCss } from './thai-font.ts';

const THAI = 'รายงานผลการประเมินคุณธรรมและความโปร่งใส ๒๕๖๘';

function thaiPage() {
  return `<!doctype html><html lang="th"><head><meta charset="utf-8"><style>${sarabunFontFaceCss([400])}
    body { font-family: 'Sarabun', sans-serif; font-size: 16pt }</style></head>
    <body><h1 id="title">${THAI}</h1></body></html>`;
}

describe('resolveChromium: choosing a source', () => {
  it('reads CHROMIUM_PATH and treats an empty value as unset', () => {
    expect(chromiumEnv({ CHROMIUM_PATH: '/opt/c/chrome', PATH: '/bin' })).toEqual({
      chromiumPath: '/opt/c/chrome',
      searchPath: '/bin',
    });
    expect(chromiumEnv({ CHROMIUM_PATH: '' }).chromiumPath).toBeUndefined();
  });

  it('refuses a CHROMIUM_PATH that does not exist, naming it', async () => {
    const missing = path.join(os.tmpdir(), 'no-such-dir', 'chromium');
    await expect(resolveChromium({ chromiumPath: missing })).rejects.toThrow(
      `CHROMIUM_PATH is set to ${missing}, but there is no file there`,
    );
  });

  it('finds a system Chromium on the search path like `which`, skipping non-executables', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-path-'));
    try {
      const other = path.join(dir, 'other');
      fs.mkdirSync(other);
      fs.writeFileSync(path.join(dir, 'chromium'), '#!/bin/sh\n', { mode: 0o644 });
      fs.writeFileSync(path.join(other, 'google-chrome'), '#!/bin/sh\n', { mode: 0o755 });
      expect(findSystemChromium(`${dir}:${other}`, [])).toBe(path.join(other, 'google-chrome'));
      fs.chmodSync(path.join(dir, 'chromium'), 0o755);
      expect(findSystemChromium(`${other}:${dir}`, [])).toBe(path.join(dir, 'chromium'));
      expect(findSystemChromium('', [])).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Chromium for real', () => {
  let resolved: ResolvedChromium;
  let browser: Browser;

  beforeAll(async () => {
    resolved = await resolveChromium();
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('resolves an executable with the flags this machine needs', () => {
    expect(fs.existsSync(resolved.executablePath)).toBe(true);
    expect(resolved.args).toEqual(expect.arrayContaining(BASE_ARGS));
    expect(resolved.args).not.toContain('--single-process');
  });

  it.skipIf(fs.existsSync('/usr/bin/chromium'))(
    'without CHROMIUM_PATH or a system Chromium, uses the @sparticuz/chromium build, extracted once',
    async () => {
      const started = performance.now();
      const sparticuz = await resolveChromium({ chromiumPath: undefined, searchPath: '' });
      expect(sparticuz.source).toBe('sparticuz');
      expect(sparticuz.args).toEqual(expect.arrayContaining(['--no-zygote', '--in-process-gpu']));
      expect(sparticuz.args.some((a) => a.startsWith('--disable-features='))).toBe(false);
      expect(sparticuz.args).not.toContain('--disable-web-security');
      const again = await resolveChromium({ chromiumPath: undefined, searchPath: '' });
      expect(again.executablePath).toBe(sparticuz.executablePath);
      expect(performance.now() - started).toBeLessThan(15_000);
    },
  );

  it('renders Thai text and reads it back', async () => {
    const page = await browser.newPage();
    try {
      await page.setContent(thaiPage());
      await page.evaluate(() => document.fonts.ready);
      expect(await page.textContent('#title')).toBe(THAI);
      const loaded = await page.evaluate(
        () =>
          [...document.fonts].filter(
            (f) => f.family.replace(/['"]/g, '') === 'Sarabun' && f.status === 'loaded',
          ).length,
      );
      expect(loaded).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });

  it('prints a PDF that embeds the Thai font', async () => {
    const page = await browser.newPage();
    try {
      await page.setContent(thaiPage());
      await page.evaluate(() => document.fonts.ready);
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // Without a Thai font the glyphs fall back to boxes and only DejaVu/Open Sans is embedded.
      expect(pdf.toString('latin1')).toMatch(/\/FontName\s*\/[A-Z]{6}\+Sarabun/);
    } finally {
      await page.close();
    }
  });

  it('launches the same binary through CHROMIUM_PATH', async () => {
    const viaPath = await resolveChromium({ chromiumPath: resolved.executablePath });
    expect(viaPath).toMatchObject({ source: 'CHROMIUM_PATH', executablePath: resolved.executablePath });
    const other = await launchBrowser({ chromiumPath: resolved.executablePath });
    try {
      const page = await other.newPage();
      await page.setContent(`<p id="p">${THAI}</p>`);
      expect(await page.textContent('#p')).toBe(THAI);
    } finally {
      await other.close();
    }
  });
});
