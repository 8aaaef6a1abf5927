import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/support/test-db.ts';
import type { Database } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import { type JobDefinition, type JobQueue, startJobQueue } from '../../jobs/job-queue.ts';
import { LocalDiskStore } from '../../storage/local-disk-store.ts';
import { pdfPrinter } from './pdf/pdf-printer.ts';
import { pdfRendererFromEnv } from './pdf/pdf-renderer.ts';
import type { PdfPrinter } from './render-formats.ts';
import { pdfRenderJob, queuedPdfPrinter } from './render-queue.ts';

let database: Database;
let dir: string;
let store: LocalDiskStore;
const chromium = pdfRendererFromEnv();
const queues: JobQueue[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-render-queue-'));
  store = new LocalDiskStore(dir);
});
afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.stop(1000)));
});
afterAll(async () => {
  await chromium.close();
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** One app process's queue: it renders with `printer` when `workers` > 0. */
async function processWith(printer: PdfPrinter, workers: number) {
  const job: JobDefinition = { ...pdfRenderJob({ store, printer, workers, expireInSeconds: 20 }) };
  const q = await startJobQueue({ database, jobs: [job], maintenanceIntervalSeconds: 1, onError: () => {} });
  queues.push(q);
  return q;
}

const leftovers = () =>
  fs.existsSync(path.join(dir, 'renders')) ? fs.readdirSync(path.join(dir, 'renders')) : [];
const PAGE = '<!doctype html><meta charset="utf-8"><p>แผนส่งเสริมคุณธรรมและความโปร่งใส</p>';

describe('PDFs rendered through the job queue', () => {
  it('a process that renders none asks; the process with Chromium renders it; nothing is left behind', async () => {
    const rendered: string[] = [];
    const real = pdfPrinter(chromium);
    const sender = await processWith(real, 0);
    await processWith(
      {
        print: (html, o) => {
          rendered.push('renderer');
          return real.print(html, o);
        },
      },
      1,
    );
    const bytes = await queuedPdfPrinter({ queue: sender, store }).print(PAGE, { landscape: false });
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(rendered).toEqual(['renderer']);
    expect(leftovers()).toEqual([]);
  }, 60_000);

  it('a render that fails is tried once more, then answered 503 in Thai and English', async () => {
    let tries = 0;
    const failing: PdfPrinter = {
      async print() {
        tries++;
        throw new AppError(
          503,
          'pdf_failed',
          'Chromium หยุดทำงานระหว่างสร้างไฟล์',
          'Chromium stopped mid-render',
        );
      },
    };
    const q = await processWith(failing, 1);
    const error = await queuedPdfPrinter({ queue: q, store })
      .print(PAGE, { landscape: false })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 503, code: 'pdf_failed' });
    expect((error as AppError).messageTh).toContain('ลองแล้ว 2 ครั้ง');
    expect((error as AppError).messageTh).toContain('Chromium หยุดทำงานระหว่างสร้างไฟล์');
    expect((error as AppError).messageEn).toContain('tried 2 times');
    expect(tries).toBe(2);
    expect(leftovers()).toEqual([]);
  }, 60_000);

  it('no Chromium where it renders: answered at once with the words for the administrator, not retried', async () => {
    let tries = 0;
    const q = await processWith(
      {
        async print() {
          tries++;
          throw new AppError(503, 'pdf_unavailable', 'ตั้งค่า CHROMIUM_PATH', 'set CHROMIUM_PATH');
        },
      },
      1,
    );
    const error = await queuedPdfPrinter({ queue: q, store })
      .print(PAGE, { landscape: false })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503, code: 'pdf_unavailable', messageTh: 'ตั้งค่า CHROMIUM_PATH' });
    expect(tries).toBe(1);
    expect(leftovers()).toEqual([]);
  }, 30_000);

  it('a render that fails once (its Chromium crashed) comes out of the retry', async () => {
    let tries = 0;
    const real = pdfPrinter(chromium);
    const q = await processWith(
      {
        async print(html, o) {
          if (++tries === 1) throw new Error('Target page, context or browser has been closed');
          return real.print(html, o);
        },
      },
      1,
    );
    const bytes = await queuedPdfPrinter({ queue: q, store }).print(PAGE, { landscape: true });
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(tries).toBe(2);
  }, 60_000);

  it('with no process rendering, the request gives up after its wait with 503 and cancels the job', async () => {
    const q = await processWith(pdfPrinter(chromium), 0);
    const started = Date.now();
    const error = await queuedPdfPrinter({ queue: q, store, waitMs: 1500 })
      .print(PAGE, { landscape: false })
      .catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error).toMatchObject({ status: 503, code: 'pdf_busy' });
    const { rows } = await database.executeSql(
      `select count(*)::int as n from pgboss.job where name = 'pdf-render' and state < 'completed'`,
    );
    expect(rows[0]).toEqual({ n: 0 });
    expect(leftovers()).toEqual([]);
  }, 30_000);
});
