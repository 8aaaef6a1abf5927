import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toThaiDigits } from '#shared/format/thai.ts';
import { pdfFontNames, pdfPageCount, pdfPagesToPng, pdfText } from '#tests/support/pdf-text.ts';
import { browserProcessId, childPids, launchBrowser } from '../../../browser/chromium.ts';
import { configureLogger } from '../../../log.ts';
import {
  pdfBrowserRecycles,
  pdfChromiumMemory,
  pdfRenderDuration,
  pdfRenderFailures,
} from '../../../ops/metrics.ts';
import { renderHtml } from '../html/render-html.ts';
import type { DocumentFont, DocumentModel, RenderOptions, Row } from '../model.ts';
import {
  isRetryableRenderError,
  PdfBusyError,
  PdfCrashedError,
  PdfMemoryError,
  PdfRenderer,
  PdfTimeoutError,
  PdfUnavailableError,
  pdfRendererFromEnv,
} from './pdf-renderer.ts';

const OUT = 'test-output/documents';
const read = (file: string) => new Uint8Array(fs.readFileSync(path.join('node_modules', file)));
const SARABUN: DocumentFont = {
  family: 'Sarabun',
  regular: read('@expo-google-fonts/sarabun/400Regular/Sarabun_400Regular.ttf'),
  bold: read('@expo-google-fonts/sarabun/700Bold/Sarabun_700Bold.ttf'),
  bodySizePt: 14,
  source: 'bundled',
};
const OPTIONS: RenderOptions = { digits: 'thai', font: SARABUN, emblem: null };

const LONG =
  'เปิดเผยข้อมูลการจัดซื้อจัดจ้างและการจัดหาพัสดุประจำปีงบประมาณผ่านเว็บไซต์ของหน่วยงานอย่างครบถ้วนและเป็นปัจจุบัน ' +
  'เพื่อให้ผู้มีส่วนได้ส่วนเสียภายนอกสามารถตรวจสอบได้';

/** Steps of each measure: measure 2.2 has enough to fill more than a page by itself. */
const stepsOf = (issue: number, measure: number) => (issue === 2 && measure === 2 ? 28 : 3);
const measureLabel = (issue: number, measure: number) => `มาตรการที่ ${issue}.${measure}`;
const stepLabel = (issue: number, measure: number, step: number) => `ขั้นตอน ${issue}.${measure}.${step}`;

function planModel(): DocumentModel {
  const rows: Row[] = [];
  for (let issue = 1; issue <= 3; issue++) {
    rows.push({
      kind: 'group',
      text: `ประเด็นที่ ${issue} การพัฒนาการเปิดเผยข้อมูล`,
      mark: issue === 1 ? 'urgent' : undefined,
    });
    for (let measure = 1; measure <= 3; measure++) {
      rows.push({
        kind: 'cells',
        cells: [
          { lines: [measureLabel(issue, measure), LONG], mark: measure === 3 ? 'develop' : undefined },
          {
            lines: Array.from(
              { length: stepsOf(issue, measure) },
              (_, s) => `${stepLabel(issue, measure, s + 1)} ${LONG}`,
            ),
            numbered: true,
          },
          { lines: ['กองยุทธศาสตร์และงบประมาณ', 'สำนักปลัด'] },
          { lines: ['ต.ค. 2568 - ก.ย. 2569'], align: 'center' },
        ],
      });
    }
  }
  return {
    kind: 'plan',
    title: 'แผนปฏิบัติการ 2569',
    orientation: 'landscape',
    form: 'report',
    blocks: [
      {
        kind: 'heading',
        level: 1,
        text: 'แผนปฏิบัติการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. 2569',
        align: 'center',
      },
      { kind: 'paragraph', text: `${LONG} ${LONG} ${LONG}`, indent: true, align: 'justify' },
      {
        kind: 'table',
        columns: [
          { header: 'มาตรการ', width: 30 },
          { header: 'ขั้นตอนการดำเนินงาน', width: 42 },
          { header: 'หน่วยรับผิดชอบ', width: 16 },
          { header: 'ช่วงเวลา', width: 12, align: 'center' },
        ],
        rows,
        emptyText: 'ไม่มีมาตรการ',
      },
      { kind: 'signature', name: 'นายสมชาย ใจดี', positions: ['นายกองค์การบริหารส่วนตำบลตัวอย่าง'] },
    ],
  };
}

const small = (text: string): DocumentModel => ({
  kind: 'memo',
  title: 'บันทึก',
  orientation: 'portrait',
  form: 'official',
  blocks: [
    { kind: 'heading', level: 1, text: 'บันทึกข้อความ', align: 'center' },
    { kind: 'paragraph', text, indent: true },
  ],
});

const isPdf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';

describe('PdfRenderer with Chromium', () => {
  const launched: Browser[] = [];
  const renderer = new PdfRenderer({
    launch: async () => {
      const browser = await launchBrowser();
      launched.push(browser);
      return browser;
    },
  });

  beforeAll(() => fs.mkdirSync(OUT, { recursive: true }));
  afterAll(() => renderer.close());

  it('prints a long table over several pages: header on each, rows broken, nothing cut, Thai page numbers from page 2', async () => {
    const pdf = await renderer.renderDocument(planModel(), OPTIONS);
    fs.writeFileSync(path.join(OUT, 'plan-table.pdf'), pdf);
    const pages = await pdfText(pdf);
    expect(await pdfPageCount(pdf)).toBe(pages.length);
    expect(pages.length).toBeGreaterThanOrEqual(3);

    for (const page of pages) expect(page).toContain('มาตรการ ขั้นตอนการดำเนินงาน หน่วยรับผิดชอบ ช่วงเวลา');
    const all = pages.join('\n');
    for (let issue = 1; issue <= 3; issue++) {
      expect(all).toContain(toThaiDigits(`ประเด็นที่ ${issue} การพัฒนาการเปิดเผยข้อมูล`));
      for (let measure = 1; measure <= 3; measure++) {
        expect(all).toContain(toThaiDigits(measureLabel(issue, measure)));
        for (let step = 1; step <= stepsOf(issue, measure); step++) {
          expect(all).toContain(toThaiDigits(stepLabel(issue, measure, step)));
        }
      }
    }
    expect(all).toContain('(นายสมชาย ใจดี)');
    // Thai text comes out whole, marks included, and wrapped only between words.
    expect(all).toContain('ผ่านเว็บไซต์ของหน่วยงาน');
    expect(all).not.toMatch(/[0-9]/);

    const lines = pages.map((p) => p.split('\n'));
    expect(lines[0]!.filter((l) => /^-?\s*[๐-๙]+\s*-?$/.test(l))).toEqual([]);
    // "- ๒ -" from page 2, the form the DOCX prints too.
    expect(lines.slice(1).map((page) => page[0])).toEqual(
      lines.slice(1).map((_, i) => `- ${toThaiDigits(i + 2)} -`),
    );

    expect(await pdfFontNames(pdf)).toEqual(['Sarabun-Bold', 'Sarabun-Regular']);
    const pngs = await pdfPagesToPng(pdf, OUT, [1, 2], { prefix: 'plan-table-' });
    expect(pngs.map((f) => path.basename(f))).toEqual(['plan-table-page-1.png', 'plan-table-page-2.png']);
  });

  it('draws characters the chosen font lacks with the bundled Sarabun, and nothing with a system font', async () => {
    const text = 'Œuvre Ÿ € ụ — ภาษาไทย ๒๕๖๙ ที่นี่';
    const liberation: DocumentFont = {
      family: 'Liberation Test',
      regular: read('pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf'),
      bold: null,
      bodySizePt: 14,
      source: 'folder',
    };
    const withoutThai = await renderer.renderDocument(small(text), { ...OPTIONS, font: liberation });
    fs.writeFileSync(path.join(OUT, 'fallback-font.pdf'), withoutThai);
    expect((await pdfText(withoutThai)).join('\n')).toContain(text);
    // บันทึกข้อความ in bold: Sarabun Bold, as the Liberation face has no Thai.
    expect(await pdfFontNames(withoutThai)).toEqual(['LiberationSans', 'Sarabun-Bold', 'Sarabun-Regular']);
    await pdfPagesToPng(withoutThai, OUT, [1], { prefix: 'fallback-font-' });

    const renamed = await renderer.renderDocument(small(text), {
      ...OPTIONS,
      font: { ...SARABUN, family: 'Prongsai Test Font', source: 'folder' },
    });
    expect((await pdfText(renamed)).join('\n')).toContain(text);
    expect(await pdfFontNames(renamed)).toEqual(['Sarabun-Bold', 'Sarabun-Regular']);
  });

  it('makes 20 PDFs at once, two at a time, with one browser', async () => {
    const jobs = Array.from({ length: 20 }, (_, i) =>
      renderer.renderDocument(small(`เอกสารฉบับที่ ${i + 1}`), OPTIONS),
    );
    expect(renderer.load.active).toBeLessThanOrEqual(2);
    expect(renderer.load.active + renderer.load.waiting).toBe(20);
    const pdfs = await Promise.all(jobs);
    expect(pdfs.every(isPdf)).toBe(true);
    expect((await pdfText(pdfs[19]!))[0]).toContain('เอกสารฉบับที่ ๒๐');
    expect(renderer.load).toEqual({ active: 0, waiting: 0 });
    expect(launched).toHaveLength(1);
  });

  it('starts a new browser when the old one is gone', async () => {
    await launched[0]!.close();
    const pdf = await renderer.renderDocument(small('หลังเบราว์เซอร์ปิด'), OPTIONS);
    expect(isPdf(pdf)).toBe(true);
    expect(launched).toHaveLength(2);
  });
});

describe('PdfRenderer when Chromium cannot start', () => {
  it('names CHROMIUM_PATH and what was tried', async () => {
    const missing = path.join(os.tmpdir(), 'no-such-dir', 'chromium');
    const renderer = pdfRendererFromEnv({ CHROMIUM_PATH: missing, PATH: '' });
    const error = await renderer.renderDocument(small('x'), OPTIONS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PdfUnavailableError);
    const message = (error as PdfUnavailableError).message;
    expect(message).toContain('CHROMIUM_PATH');
    expect(message).toContain(`Tried: CHROMIUM_PATH=${missing}`);
    expect(message).toContain('ไม่สามารถเปิด Chromium');
    expect((error as PdfUnavailableError).tried).toEqual([`CHROMIUM_PATH=${missing}`]);
    await renderer.close();
  });

  it('reports a CHROMIUM_PATH that is not a working browser', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'not-chromium-'));
    const fake = path.join(dir, 'chromium');
    fs.writeFileSync(fake, '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    const renderer = new PdfRenderer({ chromium: { chromiumPath: fake, timeout: 10_000 } });
    try {
      const error = await renderer.render('<p>x</p>').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PdfUnavailableError);
      expect((error as Error).message).toContain(`CHROMIUM_PATH=${fake}`);
    } finally {
      await renderer.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * Stand-in browsers whose pages print when `release()` is called (or never). `kill()` ends the newest
 * browser as a crash would: its pending prints fail and it reports 'disconnected'.
 */
function fakeBrowser() {
  const pages: { closed: boolean; browser: number }[] = [];
  let pending: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const browsers: { connected: boolean; closed: boolean; kill: () => void }[] = [];
  const launch = async () => {
    const index = browsers.length;
    const listeners: (() => void)[] = [];
    const own: typeof pending = [];
    const state = {
      connected: true,
      closed: false,
      kill: () => {
        if (!state.connected) return;
        state.connected = false;
        for (const p of own.splice(0)) p.reject(new Error('Target page, context or browser has been closed'));
        pending = pending.filter((p) => !own.includes(p));
        for (const l of listeners) l();
      },
    };
    browsers.push(state);
    const browser = {
      isConnected: () => state.connected,
      on: (event: string, listener: () => void) => {
        if (event === 'disconnected') listeners.push(listener);
        return browser;
      },
      close: async () => {
        state.closed = true;
        state.kill();
      },
      newPage: async () => {
        if (!state.connected) throw new Error('Target page, context or browser has been closed');
        let printing: (typeof pending)[number] | undefined;
        const page = {
          closed: false,
          browser: index,
          on: () => page,
          setContent: async () => undefined,
          evaluate: async () => undefined,
          pdf: () =>
            new Promise<Buffer>((resolve, reject) => {
              printing = { resolve: () => resolve(Buffer.from('%PDF-1.4 fake')), reject };
              own.push(printing);
              pending.push(printing);
            }),
          close: async () => {
            page.closed = true;
            printing?.reject(new Error('Target page, context or browser has been closed'));
          },
        };
        pages.push(page);
        return page;
      },
    };
    return browser as unknown as Browser;
  };
  return {
    launch,
    pages,
    browsers,
    /** Prints the page that has waited longest. */
    releaseOne: () => pending.shift()?.resolve(),
    /** Prints every page waiting. */
    release: () => {
      const now = pending;
      pending = [];
      for (const p of now) p.resolve();
    },
    kill: () => browsers.at(-1)!.kill(),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('PdfRenderer queue (stand-in browser)', () => {
  it('runs at most `concurrency`, queues at most `maxQueue` and refuses the rest with PdfBusyError', async () => {
    const fake = fakeBrowser();
    const renderer = new PdfRenderer({ launch: fake.launch, concurrency: 1, maxQueue: 2 });
    const jobs = Array.from({ length: 5 }, () => renderer.render('<p>x</p>').then(isPdf, (e: unknown) => e));
    await settle();
    expect(renderer.load).toEqual({ active: 1, waiting: 2 });
    for (let i = 0; i < 3; i++) {
      fake.release();
      await settle();
    }
    const results = await Promise.all(jobs);
    expect(results.slice(0, 3)).toEqual([true, true, true]);
    expect(results[3]).toBeInstanceOf(PdfBusyError);
    expect(results[4]).toBeInstanceOf(PdfBusyError);
    expect(fake.pages.every((p) => p.closed)).toBe(true);
    await renderer.close();
  });

  it('gives a large page every turn, first come first served, so two never run at once', async () => {
    const fake = fakeBrowser();
    const renderer = new PdfRenderer({ launch: fake.launch, concurrency: 2, largeHtmlBytes: 100 });
    const large = `<p>${'ก'.repeat(100)}</p>`;
    const order: string[] = [];
    const job = (name: string, html: string) => renderer.render(html).then(() => order.push(name));
    const jobs = [job('small-1', '<p>1</p>'), job('large', large), job('small-2', '<p>2</p>')];
    await settle();
    // The large page waits for the running small one; the small one behind it does not overtake it.
    expect(renderer.load).toEqual({ active: 1, waiting: 2 });
    fake.release();
    await settle();
    expect(renderer.load).toEqual({ active: 1, waiting: 1 });
    fake.release();
    await settle();
    fake.release();
    await Promise.all(jobs);
    expect(order).toEqual(['small-1', 'large', 'small-2']);
    await renderer.close();
  });

  it('gives up on a render after the timeout and closes its page', async () => {
    const fake = fakeBrowser();
    const renderer = new PdfRenderer({ launch: fake.launch, timeoutMs: 50 });
    await expect(renderer.render('<p>x</p>')).rejects.toBeInstanceOf(PdfTimeoutError);
    expect(fake.pages).toHaveLength(1);
    expect(fake.pages[0]!.closed).toBe(true);
    expect(renderer.load).toEqual({ active: 0, waiting: 0 });
    await renderer.close();
  });

  it('counts render durations and failures by reason for /metrics', async () => {
    const done = async () =>
      (await pdfRenderDuration.get()).values.find((v) => v.metricName === 'pdf_render_duration_seconds_count')
        ?.value ?? 0;
    const failed = async (reason: string) =>
      (await pdfRenderFailures.get()).values.find((v) => v.labels.reason === reason)?.value ?? 0;
    const before = { done: await done(), timeout: await failed('timeout'), busy: await failed('busy') };
    const fake = fakeBrowser();
    const renderer = new PdfRenderer({ launch: fake.launch, concurrency: 1, maxQueue: 0, timeoutMs: 200 });
    const first = renderer.render('<p>1</p>');
    await settle();
    await expect(renderer.render('<p>2</p>')).rejects.toBeInstanceOf(PdfBusyError);
    fake.release();
    expect(isPdf(await first)).toBe(true);
    await expect(renderer.render('<p>3</p>')).rejects.toBeInstanceOf(PdfTimeoutError);
    await renderer.close();
    expect(await done()).toBe(before.done + 1);
    expect(await failed('busy')).toBe(before.busy + 1);
    expect(await failed('timeout')).toBe(before.timeout + 1);
  });

  it('fails waiting renders and refuses new ones once closed', async () => {
    const fake = fakeBrowser();
    const renderer = new PdfRenderer({ launch: fake.launch, concurrency: 1 });
    const running = renderer.render('<p>1</p>');
    const waiting = renderer.render('<p>2</p>');
    await settle();
    const closing = renderer.close();
    await expect(waiting).rejects.toBeInstanceOf(PdfUnavailableError);
    await expect(renderer.render('<p>3</p>')).rejects.toBeInstanceOf(PdfUnavailableError);
    // The render running goes on to its end; then the browser is closed.
    expect(fake.browsers[0]!.closed).toBe(false);
    fake.release();
    expect(isPdf(await running)).toBe(true);
    await closing;
    expect(fake.browsers[0]!.closed).toBe(true);
  });
});

const counted = async (metric: typeof pdfBrowserRecycles | typeof pdfRenderFailures, reason: string) =>
  (await metric.get()).values.find((v) => v.labels.reason === reason)?.value ?? 0;
const MiB = 1024 * 1024;

describe('PdfRenderer browser life (stand-in browser)', () => {
  it('replaces a browser over its memory bound once the renders on it end; new renders wait for the new one', async () => {
    const fake = fakeBrowser();
    let memory = 50 * MiB;
    const renderer = new PdfRenderer({
      launch: fake.launch,
      concurrency: 2,
      memoryLimitMb: 100,
      hardMemoryLimitMb: 1000,
      measureMemory: async () => memory,
    });
    const recycled = await counted(pdfBrowserRecycles, 'memory');
    const first = renderer.render('<p>1</p>');
    const second = renderer.render('<p>2</p>');
    await settle();
    expect(fake.pages.map((p) => p.browser)).toEqual([0, 0]);
    // The first render ends with the browser at 200 MB, over its bound: its PDF is delivered, the browser retired.
    memory = 200 * MiB;
    fake.releaseOne();
    expect(isPdf(await first)).toBe(true);
    expect(await counted(pdfBrowserRecycles, 'memory')).toBe(recycled + 1);
    // A new render does not start on it, nor on a second browser while the second render runs.
    const third = renderer.render('<p>3</p>');
    await settle();
    expect(fake.pages).toHaveLength(2);
    expect(fake.browsers).toHaveLength(1);
    expect(fake.browsers[0]!.closed).toBe(false);
    memory = 50 * MiB;
    fake.releaseOne();
    expect(isPdf(await second)).toBe(true);
    await settle();
    // The old browser closed, then the new one started for the render that waited.
    expect(fake.browsers.map((b) => b.closed)).toEqual([true, false]);
    expect(fake.pages.map((p) => p.browser)).toEqual([0, 0, 1]);
    fake.release();
    expect(isPdf(await third)).toBe(true);
    expect(await counted(pdfBrowserRecycles, 'memory')).toBe(recycled + 1);
    await renderer.close();
  });

  it('replaces a browser after maxRendersPerBrowser renders', async () => {
    const fake = fakeBrowser();
    const renderer = new PdfRenderer({
      launch: fake.launch,
      maxRendersPerBrowser: 2,
      measureMemory: async () => 0,
    });
    const recycled = await counted(pdfBrowserRecycles, 'renders');
    for (let i = 0; i < 3; i++) {
      const pdf = renderer.render(`<p>${i}</p>`);
      await settle();
      fake.release();
      expect(isPdf(await pdf)).toBe(true);
    }
    expect(fake.pages.map((p) => p.browser)).toEqual([0, 0, 1]);
    expect(fake.browsers[0]!.closed).toBe(true);
    expect(await counted(pdfBrowserRecycles, 'renders')).toBe(recycled + 1);
    await renderer.close();
  });

  it('runs a render once more on a fresh browser when the browser dies under it', async () => {
    const fake = fakeBrowser();
    const renderer = new PdfRenderer({ launch: fake.launch, measureMemory: async () => 0 });
    const crashes = await counted(pdfBrowserRecycles, 'crash');
    const pdf = renderer.render('<p>x</p>');
    await settle();
    fake.kill();
    await settle();
    expect(fake.browsers).toHaveLength(2);
    fake.release();
    expect(isPdf(await pdf)).toBe(true);
    expect(await counted(pdfBrowserRecycles, 'crash')).toBe(crashes + 1);
    await renderer.close();
  });

  it('reports PdfCrashedError when the fresh browser dies too, and never retries a time-out', async () => {
    const fake = fakeBrowser();
    const renderer = new PdfRenderer({ launch: fake.launch, measureMemory: async () => 0, timeoutMs: 300 });
    const failed = await counted(pdfRenderFailures, 'crashed');
    const pdf = renderer.render('<p>x</p>').catch((e: unknown) => e);
    await settle();
    fake.kill();
    await settle();
    fake.kill();
    const error = await pdf;
    expect(error).toBeInstanceOf(PdfCrashedError);
    expect((error as PdfCrashedError).th).toContain('Chromium หยุดทำงาน');
    expect((error as PdfCrashedError).en).toContain('browser gone');
    expect(await counted(pdfRenderFailures, 'crashed')).toBe(failed + 1);
    expect(fake.browsers).toHaveLength(2);

    const pages = fake.pages.length;
    await expect(renderer.render('<p>slow</p>')).rejects.toBeInstanceOf(PdfTimeoutError);
    expect(fake.pages.length).toBe(pages + 1);
    await renderer.close();
  });

  it('kills a browser over the hard bound during a render; the render runs again alone and, over again, fails with PdfMemoryError', async () => {
    const fake = fakeBrowser();
    const memory = 2000 * MiB;
    const renderer = new PdfRenderer({
      launch: fake.launch,
      concurrency: 2,
      memoryLimitMb: 100,
      memoryPollMs: 10,
      measureMemory: async () => memory,
    });
    const kills = await counted(pdfBrowserRecycles, 'memory_limit');
    const failed = await counted(pdfRenderFailures, 'memory');
    const error = await renderer.render('<p>huge</p>').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PdfMemoryError);
    expect((error as PdfMemoryError).th).toContain('เกินขีดจำกัด 150 MB (Chromium ใช้ 2000 MB)');
    expect((error as PdfMemoryError).en).toContain(
      'went over the 150 MB memory bound (Chromium used 2000 MB)',
    );
    expect(fake.browsers.map((b) => b.connected)).toEqual([false, false]);
    expect(await counted(pdfBrowserRecycles, 'memory_limit')).toBe(kills + 2);
    expect(await counted(pdfRenderFailures, 'memory')).toBe(failed + 1);

    // Two renders on a browser that goes over: both run again, one at a time, on the next one.
    const launched: Browser[] = [];
    const doomed = new Set<Browser>();
    const second = new PdfRenderer({
      launch: async () => {
        const browser = await fake.launch();
        launched.push(browser);
        return browser;
      },
      concurrency: 2,
      memoryLimitMb: 100,
      memoryPollMs: 10,
      measureMemory: async (browser) => (doomed.has(browser) ? 2000 : 50) * MiB,
    });
    const a = second.render('<p>a</p>');
    const b = second.render('<p>b</p>');
    await settle();
    expect(second.load.active).toBe(2);
    doomed.add(launched[0]!);
    await settle();
    expect(launched).toHaveLength(2);
    expect(second.load).toEqual({ active: 1, waiting: 1 });
    fake.release();
    await settle();
    expect(second.load).toEqual({ active: 1, waiting: 0 });
    fake.release();
    expect((await Promise.all([a, b])).every(isPdf)).toBe(true);
    expect(fake.pages.slice(-2).map((p) => p.browser)).toEqual([3, 3]);
    await renderer.close();
    await second.close();
  });

  it('logs each failed render once, with the document kind and the reason', async () => {
    const lines: string[] = [];
    const sink = { write: (line: string) => lines.push(line) };
    configureLogger('info', { stdout: sink, stderr: sink });
    try {
      const fake = fakeBrowser();
      const renderer = new PdfRenderer({ launch: fake.launch, timeoutMs: 50 });
      await expect(renderer.renderDocument(small('ช้า'), OPTIONS)).rejects.toBeInstanceOf(PdfTimeoutError);
      await renderer.close();
      const failures = lines.map((l) => JSON.parse(l)).filter((l) => l.event === 'pdf_render_failed');
      expect(failures).toHaveLength(1);
      expect(failures[0]).toMatchObject({ level: 40, kind: 'memo', reason: 'timeout' });
      expect(failures[0].error).toContain('Rendering the PDF took over 50 ms');
    } finally {
      configureLogger('info');
    }
  });

  it('takes its memory bound from PDF_MEMORY_MB (default 1024 MiB, killed at 1.5×)', async () => {
    const configured = pdfRendererFromEnv({ PDF_MEMORY_MB: '512', PATH: '' });
    expect(configured.bounds).toEqual({
      memoryLimitMb: 512,
      hardMemoryLimitMb: 768,
      maxRendersPerBrowser: 500,
    });
    expect(pdfRendererFromEnv({ PATH: '' }).bounds.memoryLimitMb).toBe(1024);
    await configured.close();
  });

  it('closes within its grace period although a render hangs, and that render fails', async () => {
    const fake = fakeBrowser();
    const renderer = new PdfRenderer({ launch: fake.launch, measureMemory: async () => 0 });
    const hanging = renderer.render('<p>never printed</p>').catch((e: unknown) => e);
    await settle();
    const started = performance.now();
    await within(3000, renderer.close({ graceMs: 100 }));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(fake.browsers[0]!.closed).toBe(true);
    expect(await within(1000, hanging)).toBeInstanceOf(Error);
  });

  it('says which failures a job queue should retry', () => {
    expect(isRetryableRenderError(new PdfBusyError(3))).toBe(true);
    expect(isRetryableRenderError(new PdfCrashedError('browser gone'))).toBe(true);
    expect(isRetryableRenderError(new PdfTimeoutError(1000))).toBe(true);
    expect(isRetryableRenderError(new PdfUnavailableError('no chromium', []))).toBe(false);
    expect(isRetryableRenderError(new PdfMemoryError(1536 * MiB, 1600 * MiB))).toBe(false);
    expect(isRetryableRenderError(new Error('bug'))).toBe(false);
  });
});

/**
 * A page whose image is served by a local server that holds the first request: the render is then
 * surely in the middle (setContent waits for the image) when `onHold` runs; later requests get the image.
 */
async function heldImagePage(onHold: () => void, text = 'Illustrated page', holdEvery = false) {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  );
  let requests = 0;
  const server = http.createServer((_req, res) => {
    requests++;
    if (requests === 1 || holdEvery) {
      onHold();
      return;
    }
    res.writeHead(200, { 'content-type': 'image/png' }).end(png);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    // A memo as the documents module prints it, with the held image at its end.
    html: renderHtml(small(text), OPTIONS, { forPrint: true }).replace(
      '</body>',
      `<img src="http://127.0.0.1:${port}/seal.png" width="40"></body>`,
    ),
    requests: () => requests,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Waits until `check()` holds (a killed process is reaped, a browser closed), for at most `ms`. */
async function until(check: () => boolean | Promise<boolean>, ms = 5000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return true;
}

/** Fails the test instead of letting it wait for vitest's own timeout: no promise may wait forever. */
const within = <T>(ms: number, promise: Promise<T>) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms),
    ),
  ]);

describe('PdfRenderer when Chromium dies or grows (real Chromium)', () => {
  function tracked(options: ConstructorParameters<typeof PdfRenderer>[0] = {}) {
    const launched: Browser[] = [];
    const renderer = new PdfRenderer({
      ...options,
      launch: async () => {
        const browser = await launchBrowser();
        launched.push(browser);
        return browser;
      },
    });
    return { renderer, launched, pid: (i: number) => browserProcessId(launched[i]!)! };
  }

  it('gets the PDF from a fresh browser when Chromium is killed (SIGKILL) mid-render, and the next render uses that browser', async () => {
    const { renderer, launched, pid } = tracked();
    const page = await heldImagePage(
      () => process.kill(pid(0), 'SIGKILL'),
      'บันทึกที่พิมพ์ใหม่หลัง Chromium ถูกปิดกลางคัน',
    );
    try {
      const crashes = await counted(pdfBrowserRecycles, 'crash');
      const pdf = await within(20_000, renderer.render(page.html));
      expect(isPdf(pdf)).toBe(true);
      expect((await pdfText(pdf))[0]).toContain('บันทึกที่พิมพ์ใหม่หลัง Chromium ถูกปิดกลางคัน');
      fs.mkdirSync(OUT, { recursive: true });
      fs.writeFileSync(path.join(OUT, 'after-crash.pdf'), pdf);
      await pdfPagesToPng(pdf, OUT, [1], { prefix: 'after-crash-' });
      expect(page.requests()).toBe(2);
      expect(launched).toHaveLength(2);
      expect(await until(() => !alive(pid(0)))).toBe(true);
      expect(await counted(pdfBrowserRecycles, 'crash')).toBe(crashes + 1);
      expect(isPdf(await within(20_000, renderer.render('<p>ต่อไป</p>')))).toBe(true);
      expect(launched).toHaveLength(2);
      expect(renderer.load).toEqual({ active: 0, waiting: 0 });
    } finally {
      await page.close();
      await renderer.close();
    }
  });

  it("runs a render again when its page's renderer process is killed (as the out-of-memory killer does), on the same browser", async () => {
    const { renderer, launched, pid } = tracked();
    const page = await heldImagePage(() => {
      void childPids(pid(0)).then((children) => {
        for (const child of children) {
          const cmdline = fs.readFileSync(`/proc/${child}/cmdline`, 'utf8');
          if (cmdline.includes('--type=renderer')) process.kill(child, 'SIGKILL');
        }
      });
    });
    try {
      const pdf = await within(20_000, renderer.render(page.html));
      expect(isPdf(pdf)).toBe(true);
      expect(page.requests()).toBe(2);
      expect(launched).toHaveLength(1);
      expect(launched[0]!.isConnected()).toBe(true);
    } finally {
      await page.close();
      await renderer.close();
    }
  });

  it('measures the browser and its child processes, and replaces it once over PDF_MEMORY_MB', async () => {
    // Chromium with one page takes well over 40 MB: every render ends over this bound.
    const { renderer, launched, pid } = tracked({ memoryLimitMb: 40, hardMemoryLimitMb: 100_000 });
    try {
      const recycled = await counted(pdfBrowserRecycles, 'memory');
      expect(isPdf(await renderer.renderDocument(small('หน่วยความจำ'), OPTIONS))).toBe(true);
      const measured = (await pdfChromiumMemory.get()).values[0]!.value;
      expect(measured).toBeGreaterThan(40 * MiB);
      expect(measured).toBeLessThan(2000 * MiB);
      expect(await counted(pdfBrowserRecycles, 'memory')).toBe(recycled + 1);
      expect(isPdf(await renderer.renderDocument(small('เบราว์เซอร์ใหม่'), OPTIONS))).toBe(true);
      expect(launched).toHaveLength(2);
      expect(await until(() => !alive(pid(0)))).toBe(true);
    } finally {
      await renderer.close();
    }
  });

  it('kills a browser over the hard bound in the middle of a render and reports PdfMemoryError', async () => {
    const { renderer, launched, pid } = tracked({ memoryLimitMb: 10, memoryPollMs: 20 });
    // Every request held, the rerun's too: it must meet the bound as well, not finish between two polls.
    const page = await heldImagePage(() => undefined, 'Illustrated page', true);
    try {
      const error = await within(
        20_000,
        renderer.render(page.html).catch((e: unknown) => e),
      );
      expect(error).toBeInstanceOf(PdfMemoryError);
      expect((error as PdfMemoryError).en).toContain('went over the 15 MB memory bound');
      expect(launched).toHaveLength(2);
      expect(await until(() => !alive(pid(0)) && !alive(pid(1)))).toBe(true);
      expect(await until(async () => (await pdfChromiumMemory.get()).values[0]!.value === 0)).toBe(true);
    } finally {
      await page.close();
      await renderer.close();
    }
  });
});
