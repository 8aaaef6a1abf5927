import type { Browser, Page } from 'playwright-core';
import {
  chromiumEnv,
  findSystemChromium,
  type LaunchBrowserOptions,
  launchBrowser,
  SYSTEM_CHROMIUM_FALLBACKS,
  SYSTEM_CHROMIUM_NAMES,
} from '../../../browser/chromium.ts';
import { pdfRenderDuration, pdfRenderFailures } from '../../../ops/metrics.ts';
import { renderHtml } from '../html/render-html.ts';
import type { DocumentModel, RenderOptions } from '../model.ts';

/** Too many PDFs are being made or waiting: the caller should answer 503 and let the user retry. */
export class PdfBusyError extends Error {
  override name = 'PdfBusyError';
  constructor(readonly waiting: number) {
    super(
      `มีคำขอสร้างไฟล์ PDF รออยู่มากเกินไป (${waiting} รายการ) กรุณาลองใหม่ภายหลัง / ` +
        `Too many PDF renders are waiting (${waiting}); try again later.`,
    );
  }
}

/** One render took longer than the renderer's timeout; its page was closed. */
export class PdfTimeoutError extends Error {
  override name = 'PdfTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`การสร้างไฟล์ PDF ใช้เวลาเกิน ${timeoutMs / 1000} วินาที / Rendering the PDF took over ${timeoutMs} ms.`);
  }
}

/** Chromium cannot start (or the renderer is closed): no PDF can be made until CHROMIUM_PATH is fixed. */
export class PdfUnavailableError extends Error {
  override name = 'PdfUnavailableError';
  constructor(
    message: string,
    /** What was tried to find a Chromium, in order. */
    readonly tried: string[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type PdfRendererOptions = {
  /** Renders at a time (each is a page of the one browser). Default 2. */
  concurrency?: number;
  /** Renders waiting for a turn, beyond which render() throws PdfBusyError. Default 50. */
  maxQueue?: number;
  /**
   * A page larger than this (HTML bytes; default 1 MiB, about 150 A4 pages of tables) takes every turn:
   * Chromium's memory grows with the document, and two such renders at once took ~900 MB.
   */
  largeHtmlBytes?: number;
  /** Per render, from getting a turn to the PDF bytes. Default 60 s. */
  timeoutMs?: number;
  /** How to find Chromium (CHROMIUM_PATH and PATH are read when absent); see launchBrowser(). */
  chromium?: LaunchBrowserOptions;
  /** Replaces launchBrowser() (tests). */
  launch?: () => Promise<Browser>;
};

/** What resolveChromium() goes through for these options, for the message when Chromium will not start. */
function triedSources(options: LaunchBrowserOptions): string[] {
  const env = chromiumEnv();
  const chromiumPath = 'chromiumPath' in options ? options.chromiumPath : env.chromiumPath;
  if (chromiumPath) return [`CHROMIUM_PATH=${chromiumPath}`];
  const searchPath = ('searchPath' in options ? options.searchPath : env.searchPath) ?? '';
  const system = findSystemChromium(searchPath);
  const tried = [
    'CHROMIUM_PATH (not set)',
    system
      ? `system Chromium: ${system}`
      : `system Chromium: ${SYSTEM_CHROMIUM_NAMES.join(', ')} on PATH, ${SYSTEM_CHROMIUM_FALLBACKS.join(', ')} (none found)`,
  ];
  if (!system) tried.push('npm package @sparticuz/chromium');
  return tried;
}

function unavailable(options: LaunchBrowserOptions, cause: unknown): PdfUnavailableError {
  const tried = triedSources(options);
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new PdfUnavailableError(
    'ไม่สามารถเปิด Chromium เพื่อสร้างไฟล์ PDF ได้ ให้ตั้งค่า CHROMIUM_PATH เป็นที่อยู่ของโปรแกรม Chromium หรือ Chrome ที่ใช้งานได้\n' +
      'Cannot start Chromium to render PDF files. Set CHROMIUM_PATH to a working Chromium or Chrome binary.\n' +
      `Tried: ${tried.join('; ')}\n` +
      `Cause: ${reason}`,
    tried,
    { cause },
  );
}

/**
 * HTML → PDF with one warm headless Chromium, launched on first use and again after it crashed.
 * Each render gets its own page (and so its own browser context, without JavaScript), closed
 * afterwards. At most `concurrency` renders run at once and `maxQueue` wait; more are refused.
 */
export class PdfRenderer {
  private readonly concurrency: number;
  private readonly maxQueue: number;
  private readonly timeoutMs: number;
  private readonly launch: () => Promise<Browser>;
  private readonly chromiumOptions: LaunchBrowserOptions;
  private browser: Promise<Browser> | undefined;
  private readonly largeHtmlBytes: number;
  /** Turns in use: a render takes one, a large render all of them. */
  private used = 0;
  private running = 0;
  private readonly waiting: { weight: number; resolve: () => void; reject: (error: Error) => void }[] = [];
  private closed = false;

  constructor(options: PdfRendererOptions = {}) {
    this.concurrency = Math.max(1, options.concurrency ?? 2);
    this.maxQueue = Math.max(0, options.maxQueue ?? 50);
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.largeHtmlBytes = options.largeHtmlBytes ?? 1024 * 1024;
    this.chromiumOptions = options.chromium ?? {};
    this.launch = options.launch ?? (() => launchBrowser(this.chromiumOptions));
  }

  /** Renders running now and waiting for a turn (beyond maxQueue waiting, render() refuses). */
  get load() {
    return { active: this.running, waiting: this.waiting.length };
  }

  /** The model laid out by renderHtml and printed on A4 in its orientation. */
  renderDocument(model: DocumentModel, options: RenderOptions): Promise<Uint8Array> {
    return this.render(renderHtml(model, options, { forPrint: true }), {
      landscape: model.orientation === 'landscape',
    });
  }

  /**
   * A self-contained HTML page (fonts and images as data: URLs) printed to PDF bytes. Measured for
   * /metrics: pdf_render_duration_seconds (successes, waiting included), pdf_render_failures_total{reason}.
   */
  async render(html: string, opts: { landscape?: boolean } = {}): Promise<Uint8Array> {
    const started = performance.now();
    try {
      const pdf = await this.renderInTurn(html, opts);
      pdfRenderDuration.observe((performance.now() - started) / 1000);
      return pdf;
    } catch (error) {
      pdfRenderFailures.inc({ reason: pdfFailureReason(error) });
      throw error;
    }
  }

  private async renderInTurn(html: string, opts: { landscape?: boolean }): Promise<Uint8Array> {
    const weight = Buffer.byteLength(html) > this.largeHtmlBytes ? this.concurrency : 1;
    await this.acquire(weight);
    try {
      try {
        return await this.renderOnce(html, opts.landscape ?? false);
      } catch (error) {
        // The browser died under this render (crash, killed): once more with a fresh one.
        if (
          error instanceof PdfTimeoutError ||
          error instanceof PdfUnavailableError ||
          (await this.isAlive())
        ) {
          throw error;
        }
        return await this.renderOnce(html, opts.landscape ?? false);
      }
    } finally {
      this.release(weight);
    }
  }

  /** Refuses new renders, fails those waiting and closes the browser. */
  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w.reject(this.closedError());
    const browser = this.browser;
    this.browser = undefined;
    if (browser) await (await browser.catch(() => undefined))?.close().catch(() => undefined);
  }

  private closedError() {
    return new PdfUnavailableError('ระบบสร้างไฟล์ PDF ปิดแล้ว / The PDF renderer is closed.', []);
  }

  /** Turns are given first come, first served: a large render waiting is never overtaken by small ones. */
  private acquire(weight: number): Promise<void> {
    if (this.closed) return Promise.reject(this.closedError());
    if (this.waiting.length === 0 && this.used + weight <= this.concurrency) {
      this.used += weight;
      this.running++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.maxQueue) return Promise.reject(new PdfBusyError(this.waiting.length));
    return new Promise((resolve, reject) => this.waiting.push({ weight, resolve, reject }));
  }

  /** Gives the freed turns to the renders waiting first, as far as they go. */
  private release(weight: number) {
    this.used -= weight;
    this.running--;
    while (this.waiting[0] && this.used + this.waiting[0].weight <= this.concurrency) {
      const next = this.waiting.shift()!;
      this.used += next.weight;
      this.running++;
      next.resolve();
    }
  }

  private async isAlive(): Promise<boolean> {
    const browser = await this.browser?.catch(() => undefined);
    return browser?.isConnected() ?? false;
  }

  private async getBrowser(): Promise<Browser> {
    if (this.closed) throw this.closedError();
    const current = this.browser;
    if (current) {
      const browser = await current;
      if (browser.isConnected()) return browser;
      if (this.browser === current) this.browser = undefined;
      return this.getBrowser();
    }
    const launching = this.launch().then(
      (browser) => {
        browser.on('disconnected', () => {
          if (this.browser === launching) this.browser = undefined;
        });
        if (this.closed) {
          void browser.close().catch(() => undefined);
          throw this.closedError();
        }
        return browser;
      },
      (error: unknown) => {
        if (this.browser === launching) this.browser = undefined;
        throw error instanceof PdfUnavailableError ? error : unavailable(this.chromiumOptions, error);
      },
    );
    this.browser = launching;
    return launching;
  }

  private async renderOnce(html: string, landscape: boolean): Promise<Uint8Array> {
    const job: { page?: Page; over: boolean } = { over: false };
    let timer: NodeJS.Timeout | undefined;
    const work = (async () => {
      const browser = await this.getBrowser();
      job.page = await browser.newPage({ javaScriptEnabled: false });
      if (job.over) throw new PdfTimeoutError(this.timeoutMs);
      await job.page.setContent(html, { waitUntil: 'load', timeout: this.timeoutMs });
      // Web fonts may still be decoding at 'load'; Playwright evaluates in its own world, so this works
      // although the page's JavaScript is off.
      await job.page.evaluate(() => document.fonts.ready.then(() => undefined));
      const pdf = await job.page.pdf({
        format: 'A4',
        landscape,
        printBackground: true,
        preferCSSPageSize: true,
      });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    })();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new PdfTimeoutError(this.timeoutMs)), this.timeoutMs);
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      job.over = true;
      clearTimeout(timer);
      // Closing the page closes its context too, and ends a render still running after a timeout; a
      // page opened after the timeout is closed when it comes (work then fails, and nobody waits for it).
      work.catch(() => undefined).finally(() => job.page?.close().catch(() => undefined));
      await job.page?.close().catch(() => undefined);
    }
  }
}

/** The `reason` label of a failed render in pdf_render_failures_total. */
export function pdfFailureReason(error: unknown): 'busy' | 'timeout' | 'unavailable' | 'error' {
  if (error instanceof PdfBusyError) return 'busy';
  if (error instanceof PdfTimeoutError) return 'timeout';
  if (error instanceof PdfUnavailableError) return 'unavailable';
  return 'error';
}

/** A renderer that finds Chromium from the given environment (CHROMIUM_PATH, PATH). */
export function pdfRendererFromEnv(
  source: Record<string, string | undefined> = process.env,
  options: Omit<PdfRendererOptions, 'chromium'> = {},
): PdfRenderer {
  return new PdfRenderer({ ...options, chromium: chromiumEnv(source) });
}
