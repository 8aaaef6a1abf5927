import type { Browser, Page } from 'playwright-core';
import {
  browserProcessId,
  chromiumEnv,
  findSystemChromium,
  type LaunchBrowserOptions,
  launchBrowser,
  processTreeMemory,
  SYSTEM_CHROMIUM_FALLBACKS,
  SYSTEM_CHROMIUM_NAMES,
} from '../../../browser/chromium.ts';
import { readEnv } from '../../../env.ts';
import { log } from '../../../log.ts';
import {
  pdfBrowserRecycles,
  pdfChromiumMemory,
  pdfRenderDuration,
  pdfRenderFailures,
} from '../../../ops/metrics.ts';
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

/**
 * Chromium stopped under a render (the browser crashed or was killed, or the page's renderer process
 * died, as the kernel's out-of-memory killer does) and the render failed again on a fresh one.
 */
export class PdfCrashedError extends Error {
  override name = 'PdfCrashedError';
  readonly th = 'Chromium หยุดทำงานระหว่างสร้างไฟล์ PDF กรุณาลองอีกครั้ง';
  readonly en: string;
  constructor(detail: string, options?: { cause?: unknown }) {
    const en = `Chromium stopped while rendering the PDF; try again (${detail}).`;
    super(`Chromium หยุดทำงานระหว่างสร้างไฟล์ PDF กรุณาลองอีกครั้ง / ${en}`, options);
    this.en = en;
  }
}

/**
 * Chromium went over the renderer's hard memory bound during a render (and again when the render ran
 * alone on a fresh browser): the browser was killed, and this document is too large to print here.
 */
export class PdfMemoryError extends Error {
  override name = 'PdfMemoryError';
  readonly th: string;
  readonly en: string;
  constructor(
    readonly limitBytes: number,
    readonly usedBytes: number,
  ) {
    const limit = Math.round(limitBytes / 1024 / 1024);
    const used = Math.round(usedBytes / 1024 / 1024);
    const th = `การสร้างไฟล์ PDF ใช้หน่วยความจำเกินขีดจำกัด ${limit} MB (Chromium ใช้ ${used} MB) เอกสารอาจใหญ่เกินไป ไฟล์ DOCX และ XLSX ยังใช้ได้`;
    const en = `Rendering the PDF went over the ${limit} MB memory bound (Chromium used ${used} MB); the document may be too large. DOCX and XLSX still work.`;
    super(`${th} / ${en}`);
    this.th = th;
    this.en = en;
  }
}

/**
 * Whether a job queue should run a failed render again later (with back-off): the renderer was busy,
 * Chromium crashed twice, or the render timed out (the machine may have been loaded). Not when Chromium
 * cannot start (PdfUnavailableError: CHROMIUM_PATH must be fixed), the document went over the memory
 * bound even alone (PdfMemoryError), or anything else (a bug, not a passing state).
 */
export function isRetryableRenderError(error: unknown): boolean {
  return (
    error instanceof PdfBusyError || error instanceof PdfCrashedError || error instanceof PdfTimeoutError
  );
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
  /**
   * The memory bound of the browser's process tree in MiB (PDF_MEMORY_MB; default 1024). Measured after
   * each render: above it, the browser is replaced once the renders in flight end (new renders wait for
   * the new one).
   */
  memoryLimitMb?: number;
  /**
   * The hard bound in MiB (default 1.5 × memoryLimitMb), checked every `memoryPollMs` while renders
   * run: above it the browser is killed at once; its renders run again alone on a fresh browser, and one
   * that goes over again fails with PdfMemoryError.
   */
  hardMemoryLimitMb?: number;
  /** How often the memory is measured while renders run. Default 500 ms. */
  memoryPollMs?: number;
  /** A browser is replaced after this many renders, a guard against slow leaks. Default 500. */
  maxRendersPerBrowser?: number;
  /** How to find Chromium (CHROMIUM_PATH and PATH are read when absent); see launchBrowser(). */
  chromium?: LaunchBrowserOptions;
  /** Replaces launchBrowser() (tests). */
  launch?: () => Promise<Browser>;
  /**
   * The browser's memory in bytes (tests); default: its process tree from /proc (processTreeMemory of
   * browserProcessId), undefined where that cannot be read, and then only maxRendersPerBrowser applies.
   */
  measureMemory?: (browser: Browser) => Promise<number | undefined>;
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

type RecycleReason = 'memory' | 'memory_limit' | 'renders' | 'crash';

/** One launched browser and the renders on it. */
type Generation = {
  browser: Promise<Browser>;
  /** Renders started on it, and running now. */
  started: number;
  inFlight: number;
  /** Set once it is to be replaced (or the renderer closes): new renders wait for `closed`, then take a new browser. */
  retiring: RecycleReason | 'closing' | undefined;
  /** closeGeneration() has begun: the 'disconnected' that follows is no crash. */
  closing: boolean;
  /** Set when it was killed for going over the hard bound: its renders in flight fail with PdfMemoryError. */
  overMemory: number | undefined;
  disconnected: boolean;
  gone: Promise<void>;
  markGone: () => void;
  closed: Promise<void>;
  markClosed: () => void;
  poll: NodeJS.Timeout | undefined;
  drain: NodeJS.Timeout | undefined;
};

/** A pause that does not keep the process alive (the CLI exits as soon as its work is done). */
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
const MB = 1024 * 1024;

/**
 * HTML → PDF with one warm headless Chromium, launched on first use and replaced when it crashed, went
 * over its memory bound or made `maxRendersPerBrowser` renders. Each render gets its own page (and so
 * its own browser context, without JavaScript), closed afterwards. At most `concurrency` renders run at
 * once and `maxQueue` wait; more are refused.
 *
 * The API a job queue builds on: render() and renderDocument() resolve with the PDF bytes or reject with
 * PdfBusyError, PdfTimeoutError, PdfUnavailableError, PdfCrashedError or PdfMemoryError (see
 * isRetryableRenderError()); a render whose browser died under it has already been run once more.
 */
export class PdfRenderer {
  private readonly concurrency: number;
  private readonly maxQueue: number;
  private readonly timeoutMs: number;
  private readonly launch: () => Promise<Browser>;
  private readonly measure: (browser: Browser) => Promise<number | undefined>;
  private readonly chromiumOptions: LaunchBrowserOptions;
  private readonly largeHtmlBytes: number;
  private readonly memoryLimitBytes: number;
  private readonly hardMemoryLimitBytes: number;
  private readonly memoryPollMs: number;
  private readonly maxRendersPerBrowser: number;
  private current: Generation | undefined;
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
    this.memoryLimitBytes = (options.memoryLimitMb ?? 1024) * MB;
    this.hardMemoryLimitBytes = (options.hardMemoryLimitMb ?? (options.memoryLimitMb ?? 1024) * 1.5) * MB;
    this.memoryPollMs = options.memoryPollMs ?? 500;
    this.maxRendersPerBrowser = Math.max(1, options.maxRendersPerBrowser ?? 500);
    this.chromiumOptions = options.chromium ?? {};
    this.launch = options.launch ?? (() => launchBrowser(this.chromiumOptions));
    this.measure =
      options.measureMemory ??
      (async (browser) => {
        const pid = browserProcessId(browser);
        return pid === undefined ? undefined : processTreeMemory(pid);
      });
  }

  /** The memory bounds (MiB) and the renders a browser makes before it is replaced. */
  get bounds() {
    return {
      memoryLimitMb: this.memoryLimitBytes / MB,
      hardMemoryLimitMb: this.hardMemoryLimitBytes / MB,
      maxRendersPerBrowser: this.maxRendersPerBrowser,
    };
  }

  /** Renders running now and waiting for a turn (beyond maxQueue waiting, render() refuses). */
  get load() {
    return { active: this.running, waiting: this.waiting.length };
  }

  /** The model laid out by renderHtml and printed on A4 in its orientation. */
  renderDocument(model: DocumentModel, options: RenderOptions): Promise<Uint8Array> {
    return this.render(renderHtml(model, options, { forPrint: true }), {
      landscape: model.orientation === 'landscape',
      kind: model.kind,
    });
  }

  /**
   * A self-contained HTML page (fonts and images as data: URLs) printed to PDF bytes. Measured for
   * /metrics: pdf_render_duration_seconds (successes, waiting included), pdf_render_failures_total{reason};
   * a failure is also logged, one warning line with the document's kind (`kind`, else "html") and reason.
   */
  async render(html: string, opts: { landscape?: boolean; kind?: string } = {}): Promise<Uint8Array> {
    const started = performance.now();
    try {
      const pdf = await this.renderInTurn(html, opts.landscape ?? false);
      pdfRenderDuration.observe((performance.now() - started) / 1000);
      return pdf;
    } catch (error) {
      const reason = pdfFailureReason(error);
      pdfRenderFailures.inc({ reason });
      log().warn(
        {
          event: 'pdf_render_failed',
          kind: opts.kind ?? 'html',
          reason,
          ms: Math.round(performance.now() - started),
          // The first lines (Chromium's launch log can follow): what failed, in Thai and English.
          error: (error instanceof Error ? error.message : String(error))
            .split('\n')
            .slice(0, 3)
            .join('\n')
            .slice(0, 600),
        },
        `PDF render failed (${reason}) / สร้างไฟล์ PDF ไม่สำเร็จ`,
      );
      throw error;
    }
  }

  private async renderInTurn(html: string, landscape: boolean): Promise<Uint8Array> {
    let held = Buffer.byteLength(html) > this.largeHtmlBytes ? this.concurrency : 1;
    await this.acquire(held);
    try {
      try {
        return await this.renderOnce(html, landscape);
      } catch (error) {
        // The browser died under this render (crash, killed, or over the hard memory bound): once more
        // on a fresh one; after a memory kill alone, so that another render's memory does not count.
        if (!(error instanceof PdfCrashedError || error instanceof PdfMemoryError) || this.closed)
          throw error;
        if (error instanceof PdfMemoryError && held < this.concurrency) {
          this.release(held);
          held = 0;
          await this.acquire(this.concurrency, { first: true });
          held = this.concurrency;
        }
        return await this.renderOnce(html, landscape);
      }
    } finally {
      if (held > 0) this.release(held);
    }
  }

  /**
   * Refuses new renders, fails those waiting, lets those running finish for at most `graceMs` (default
   * 5 s: shutdown has a deadline; a job queue hands the job back) and closes the browser; renders still
   * running then fail.
   */
  async close(options: { graceMs?: number } = {}): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w.reject(this.closedError());
    const gen = this.current;
    this.current = undefined;
    if (!gen) return;
    this.retire(gen, 'closing');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), options.graceMs ?? 5000);
    });
    const cut = await Promise.race([gen.closed.then(() => false), late]);
    clearTimeout(timer);
    if (cut) await this.closeGeneration(gen, { kill: true });
    await gen.closed;
  }

  private closedError() {
    return new PdfUnavailableError('ระบบสร้างไฟล์ PDF ปิดแล้ว / The PDF renderer is closed.', []);
  }

  /**
   * Turns are given first come, first served: a large render waiting is never overtaken by small ones.
   * `first`: a render run again alone after a memory kill goes ahead of the queue (it waited its turn).
   */
  private acquire(weight: number, opts: { first?: boolean } = {}): Promise<void> {
    if (this.closed) return Promise.reject(this.closedError());
    if (this.waiting.length === 0 && this.used + weight <= this.concurrency) {
      this.used += weight;
      this.running++;
      return Promise.resolve();
    }
    if (opts.first)
      return new Promise((resolve, reject) => this.waiting.unshift({ weight, resolve, reject }));
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

  private startGeneration(): Generation {
    let markGone = () => {};
    let markClosed = () => {};
    const gen: Generation = {
      browser: undefined as unknown as Promise<Browser>,
      started: 0,
      inFlight: 0,
      retiring: undefined,
      closing: false,
      overMemory: undefined,
      disconnected: false,
      gone: new Promise<void>((resolve) => {
        markGone = resolve;
      }),
      markGone: () => markGone(),
      closed: new Promise<void>((resolve) => {
        markClosed = resolve;
      }),
      markClosed: () => markClosed(),
      poll: undefined,
      drain: undefined,
    };
    gen.browser = this.launch().then(
      (browser) => {
        browser.on('disconnected', () => this.onDisconnected(gen));
        if (this.closed) {
          void browser.close().catch(() => undefined);
          throw this.closedError();
        }
        return browser;
      },
      (error: unknown) => {
        if (this.current === gen) this.current = undefined;
        gen.markGone();
        gen.markClosed();
        throw error instanceof PdfUnavailableError ? error : unavailable(this.chromiumOptions, error);
      },
    );
    return gen;
  }

  /** A browser for one render, counted in flight on its generation (leave() ends it). */
  private async enter(): Promise<{ gen: Generation; browser: Browser }> {
    for (;;) {
      if (this.closed) throw this.closedError();
      this.current ??= this.startGeneration();
      const gen = this.current;
      if (gen.retiring) {
        await gen.closed;
        if (this.current === gen) this.current = undefined;
        continue;
      }
      const browser = await gen.browser;
      if (gen !== this.current || gen.retiring) continue;
      if (!browser.isConnected()) {
        this.onDisconnected(gen);
        continue;
      }
      gen.inFlight++;
      gen.started++;
      if (gen.started >= this.maxRendersPerBrowser) this.retire(gen, 'renders');
      this.watchMemory(gen, browser);
      return { gen, browser };
    }
  }

  /** A render on `gen` has ended (its page closed): measure, and close the browser if it is retiring and idle. */
  private async leave(gen: Generation, browser: Browser): Promise<void> {
    if (!gen.retiring && !gen.disconnected) {
      const bytes = await this.measure(browser).catch(() => undefined);
      if (bytes !== undefined && !gen.disconnected) {
        pdfChromiumMemory.set(bytes);
        if (bytes > this.memoryLimitBytes) this.retire(gen, 'memory');
      }
    }
    gen.inFlight--;
    if (gen.inFlight === 0) {
      clearInterval(gen.poll);
      gen.poll = undefined;
      if (gen.retiring) void this.closeGeneration(gen);
    }
  }

  /** While renders run on `gen`, its memory is measured every memoryPollMs; over the hard bound it is killed. */
  private watchMemory(gen: Generation, browser: Browser) {
    if (gen.poll) return;
    let measuring = false;
    gen.poll = setInterval(() => {
      if (measuring || gen.disconnected) return;
      measuring = true;
      this.measure(browser)
        .then((bytes) => {
          if (bytes === undefined || gen.disconnected) return;
          pdfChromiumMemory.set(bytes);
          if (bytes > this.hardMemoryLimitBytes && gen.overMemory === undefined) {
            gen.overMemory = bytes;
            this.retire(gen, 'memory_limit');
            void this.closeGeneration(gen, { kill: true });
          }
        })
        .catch(() => undefined)
        .finally(() => {
          measuring = false;
        });
    }, this.memoryPollMs);
    gen.poll.unref();
  }

  /** Marks `gen` to be replaced, counted once: new renders wait; it closes when its renders end. */
  private retire(gen: Generation, reason: RecycleReason | 'closing') {
    if (gen.retiring) return;
    gen.retiring = reason;
    if (reason !== 'closing') pdfBrowserRecycles.inc({ reason });
    if (gen.inFlight === 0) {
      void this.closeGeneration(gen);
      return;
    }
    // Its renders end by their own timeouts; should one still hang on, the browser is closed anyway.
    gen.drain = setTimeout(() => void this.closeGeneration(gen, { kill: true }), this.timeoutMs + 1000);
    gen.drain.unref();
  }

  private onDisconnected(gen: Generation) {
    gen.disconnected = true;
    gen.markGone();
    if (!gen.closing) this.retire(gen, 'crash');
    if (this.current === gen) this.current = undefined;
    void this.closeGeneration(gen);
  }

  /** Closes the browser (SIGKILL with `kill`, or when close() takes over 5 s), then lets new renders launch. */
  private async closeGeneration(gen: Generation, opts: { kill?: boolean } = {}): Promise<void> {
    gen.closing = true;
    clearInterval(gen.poll);
    clearTimeout(gen.drain);
    gen.poll = undefined;
    if (this.current === gen) this.current = undefined;
    const browser = await gen.browser.catch(() => undefined);
    if (browser && !gen.disconnected) {
      const pid = browserProcessId(browser);
      if (opts.kill && pid !== undefined) killProcess(pid);
      const closing = browser.close().catch(() => undefined);
      const done = await Promise.race([
        closing.then(() => true),
        sleep(opts.kill ? 1000 : 5000).then(() => false),
      ]);
      if (!done && pid !== undefined) killProcess(pid);
      await Promise.race([gen.gone, sleep(1000)]);
    }
    if (!this.current) pdfChromiumMemory.set(0);
    // Closed or killed: a call still waiting on this browser fails now rather than at its timeout.
    gen.markGone();
    gen.markClosed();
  }

  /**
   * What a failed render on `gen` says: over the memory bound, crashed (the browser disconnected or the
   * page's renderer process died), or the error as it came.
   */
  private async explain(error: unknown, job: { gen?: Generation; crashed: boolean }): Promise<unknown> {
    const gen = job.gen;
    if (error instanceof PdfTimeoutError || error instanceof PdfUnavailableError || !gen) return error;
    if (gen.overMemory !== undefined) return new PdfMemoryError(this.hardMemoryLimitBytes, gen.overMemory);
    // Playwright may fail the call a moment before it reports the page crashed or the browser gone.
    if (!job.crashed && !gen.disconnected) await Promise.race([gen.gone, sleep(200)]);
    const pageCrashed = job.crashed;
    if (gen.overMemory !== undefined) return new PdfMemoryError(this.hardMemoryLimitBytes, gen.overMemory);
    if (pageCrashed || gen.disconnected) {
      const detail = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      return new PdfCrashedError(pageCrashed ? `page crashed: ${detail}` : `browser gone: ${detail}`, {
        cause: error,
      });
    }
    return error;
  }

  private async renderOnce(html: string, landscape: boolean): Promise<Uint8Array> {
    const job: { page?: Page; over: boolean; crashed: boolean; gen?: Generation } = {
      over: false,
      crashed: false,
    };
    let timer: NodeJS.Timeout | undefined;
    const print = async (browser: Browser) => {
      if (job.over) throw new PdfTimeoutError(this.timeoutMs);
      job.page = await browser.newPage({ javaScriptEnabled: false });
      // The renderer process died (killed, out of memory): its calls would fail or hang; closing ends them.
      job.page.on('crash', () => {
        job.crashed = true;
        void job.page?.close().catch(() => undefined);
      });
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
    };
    const work = (async () => {
      const { gen, browser } = await this.enter();
      job.gen = gen;
      // A call on a browser that was killed may never settle (seen with newPage): its end ends the render.
      const gone = gen.gone.then(() => {
        throw new Error('Chromium disconnected');
      });
      gone.catch(() => undefined);
      try {
        return await Promise.race([print(browser), gone]);
      } finally {
        await closePage(job);
        await this.leave(gen, browser);
      }
    })();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new PdfTimeoutError(this.timeoutMs)), this.timeoutMs);
    });
    try {
      return await Promise.race([work, timeout]);
    } catch (error) {
      throw await this.explain(error, job);
    } finally {
      job.over = true;
      clearTimeout(timer);
      // Closing the page closes its context too, and ends a render still running after a timeout; a
      // page opened after the timeout is closed when it comes (work then fails, and nobody waits for it).
      work.catch(() => undefined);
      await closePage(job);
    }
  }
}

/** Closes a render's page (and so its context), unless its browser is gone: then that call could hang. */
async function closePage(job: { page?: Page; gen?: Generation }) {
  if (!job.page || job.gen?.disconnected) return;
  await Promise.race([job.page.close().catch(() => undefined), job.gen?.gone]);
}

function killProcess(pid: number) {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** The `reason` label of a failed render in pdf_render_failures_total. */
export function pdfFailureReason(
  error: unknown,
): 'busy' | 'timeout' | 'unavailable' | 'crashed' | 'memory' | 'error' {
  if (error instanceof PdfBusyError) return 'busy';
  if (error instanceof PdfCrashedError) return 'crashed';
  if (error instanceof PdfMemoryError) return 'memory';
  if (error instanceof PdfTimeoutError) return 'timeout';
  if (error instanceof PdfUnavailableError) return 'unavailable';
  return 'error';
}

/**
 * A renderer that finds Chromium from the given environment (CHROMIUM_PATH, PATH) and bounds its memory
 * by PDF_MEMORY_MB (read through readEnv, as main.ts and the CLI have already read it).
 */
export function pdfRendererFromEnv(
  source: Record<string, string | undefined> = process.env,
  options: Omit<PdfRendererOptions, 'chromium'> = {},
): PdfRenderer {
  return new PdfRenderer({
    memoryLimitMb: readEnv(source).pdfMemoryMb,
    ...options,
    chromium: chromiumEnv(source),
  });
}
