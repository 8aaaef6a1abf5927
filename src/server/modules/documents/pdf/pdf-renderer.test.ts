import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toThaiDigits } from '#shared/format/thai.ts';
import { pdfFontNames, pdfPageCount, pdfPagesToPng, pdfText } from '#tests/support/pdf-text.ts';
import { launchBrowser } from '../../../browser/chromium.ts';
import { pdfRenderDuration, pdfRenderFailures } from '../../../ops/metrics.ts';
import type { DocumentFont, DocumentModel, RenderOptions, Row } from '../model.ts';
import {
  PdfBusyError,
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

/** A stand-in browser whose pages print when `release()` is called (or never). */
function fakeBrowser() {
  const pages: { closed: boolean }[] = [];
  let releases: (() => void)[] = [];
  const browser = {
    isConnected: () => true,
    on: () => browser,
    close: async () => undefined,
    newPage: async () => {
      const page = {
        closed: false,
        setContent: async () => undefined,
        evaluate: async () => undefined,
        pdf: () =>
          new Promise<Buffer>((resolve) => releases.push(() => resolve(Buffer.from('%PDF-1.4 fake')))),
        close: async () => {
          page.closed = true;
        },
      };
      pages.push(page);
      return page;
    },
  };
  return {
    launch: async () => browser as unknown as Browser,
    pages,
    release: () => {
      for (const r of releases) r();
      releases = [];
    },
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
    await renderer.close();
    await expect(waiting).rejects.toBeInstanceOf(PdfUnavailableError);
    await expect(renderer.render('<p>3</p>')).rejects.toBeInstanceOf(PdfUnavailableError);
    fake.release();
    expect(isPdf(await running)).toBe(true);
  });
});
