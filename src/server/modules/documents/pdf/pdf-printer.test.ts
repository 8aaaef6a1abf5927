import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../http/app-error.ts';
import { configureLogger } from '../../../log.ts';
import { bundledSarabun } from '../fonts/document-fonts.ts';
import type { DocumentModel, RenderOptions } from '../model.ts';
import { documentRenderersFor, renderFormat } from '../render-formats.ts';
import { pdfPrinter } from './pdf-printer.ts';
import { PdfRenderer } from './pdf-renderer.ts';

/** A browser that dies under every render (as a crash or the out-of-memory killer does). */
function dyingBrowser() {
  let launches = 0;
  const launch = async () => {
    launches++;
    const listeners: (() => void)[] = [];
    let connected = true;
    const browser = {
      isConnected: () => connected,
      on: (event: string, listener: () => void) => {
        if (event === 'disconnected') listeners.push(listener);
        return browser;
      },
      close: async () => undefined,
      newPage: async () => ({
        on: () => undefined,
        setContent: async () => {
          connected = false;
          for (const l of listeners) l();
          throw new Error('Target page, context or browser has been closed');
        },
        close: async () => undefined,
      }),
    };
    return browser as unknown as Browser;
  };
  return { launch, launches: () => launches };
}

describe('pdfPrinter', () => {
  it('answers 503 in Thai and English when Chromium dies under a render twice', async () => {
    const dying = dyingBrowser();
    const renderer = new PdfRenderer({ launch: dying.launch, measureMemory: async () => 0 });
    const error = await pdfPrinter(renderer)
      .print('<p>x</p>', { landscape: false })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      status: 503,
      code: 'pdf_failed',
      messageTh: expect.stringContaining('Chromium หยุดทำงานระหว่างสร้างไฟล์ PDF'),
      messageEn: expect.stringContaining('Chromium stopped while rendering the PDF; try again (browser gone'),
    });
    expect(dying.launches()).toBe(2);
    await renderer.close();
  });

  it('answers 503 pdf_busy in Thai and English when a render takes over its time, without running it again', async () => {
    let pages = 0;
    const renderer = new PdfRenderer({
      launch: async () =>
        ({
          isConnected: () => true,
          on: () => undefined,
          close: async () => undefined,
          newPage: async () => {
            pages++;
            return {
              on: () => undefined,
              setContent: () => new Promise(() => {}),
              close: async () => undefined,
            };
          },
        }) as unknown as Browser,
      measureMemory: async () => 0,
      timeoutMs: 100,
    });
    const error = await pdfPrinter(renderer)
      .print('<p>x</p>', { landscape: false })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 503,
      code: 'pdf_busy',
      messageTh: 'การสร้างไฟล์ PDF ใช้เวลาเกิน 0.1 วินาที',
      messageEn: 'Rendering the PDF took over 100 ms.',
    });
    expect(pages).toBe(1);
    await renderer.close({ graceMs: 10 });
  });

  it("logs a failed render of a document with the document's kind", async () => {
    const lines: string[] = [];
    const sink = { write: (line: string) => lines.push(line) };
    configureLogger('info', { stdout: sink, stderr: sink });
    const dying = dyingBrowser();
    const renderer = new PdfRenderer({ launch: dying.launch, measureMemory: async () => 0 });
    try {
      const renderers = documentRenderersFor({ fontsDir: '/nonexistent' }, pdfPrinter(renderer));
      const model: DocumentModel = {
        kind: 'plan',
        title: 'แผน',
        orientation: 'landscape',
        form: 'report',
        blocks: [{ kind: 'paragraph', text: 'มาตรการ' }],
      };
      const options: RenderOptions = { digits: 'thai', font: bundledSarabun(), emblem: null };
      await expect(renderFormat(renderers, 'pdf', { model, workbook: null, options })).rejects.toMatchObject({
        code: 'pdf_failed',
      });
      const failures = lines.map((l) => JSON.parse(l)).filter((l) => l.event === 'pdf_render_failed');
      expect(failures).toEqual([expect.objectContaining({ kind: 'plan', reason: 'crashed' })]);
    } finally {
      configureLogger('info');
      await renderer.close();
    }
  });

  it('answers 503 naming the memory bound when a render goes over it', async () => {
    const browser = dyingBrowser();
    const renderer = new PdfRenderer({
      launch: async () => {
        const b = await browser.launch();
        // Never disconnects by itself here: the renderer's own memory check kills it.
        return {
          ...b,
          newPage: async () => ({
            on: () => undefined,
            setContent: () => new Promise(() => {}),
            close: async () => undefined,
          }),
        } as unknown as Browser;
      },
      memoryLimitMb: 100,
      memoryPollMs: 5,
      measureMemory: async () => 500 * 1024 * 1024,
      timeoutMs: 5000,
    });
    const error = await pdfPrinter(renderer)
      .print('<p>x</p>', { landscape: true })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 503,
      code: 'pdf_failed',
      messageTh: expect.stringContaining('หน่วยความจำเกินขีดจำกัด 150 MB'),
      messageEn: expect.stringContaining('went over the 150 MB memory bound (Chromium used 500 MB)'),
    });
    await renderer.close();
  });
});
