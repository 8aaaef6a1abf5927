import { randomUUID } from 'node:crypto';
import { AppError } from '../../http/app-error.ts';
import type { JobDefinition, JobQueue } from '../../jobs/job-queue.ts';
import type { FileStore } from '../../storage/file-store.ts';
import type { PdfPrinter } from './render-formats.ts';

/** Where a queued render's page and PDF wait between the process that asks and the one that renders. */
const RENDERS = 'renders';
const JOB = 'pdf-render';

/**
 * PDFs rendered through the job queue (PDF_RENDER_QUEUE=true): any process may ask; the processes with
 * `workers` > 0 (PDF_RENDER_WORKERS) take the renders, each at most that many at a time, on their own
 * bounded Chromium (`printer`, decision 021). The page goes through the file store (shared by every
 * process: FILES_DIR or S3), so a job row stays small. A render whose process dies or that runs past
 * `expireInSeconds` is failed by the queue and tried once more, on any process; then it is reported.
 */
export function pdfRenderJob(options: {
  store: FileStore;
  printer: PdfPrinter;
  workers: number;
  expireInSeconds?: number;
}): JobDefinition {
  return {
    name: JOB,
    label: 'PDF render / สร้างไฟล์ PDF',
    policy: 'standard',
    retryLimit: 1,
    retryDelaySeconds: 1,
    expireInSeconds: options.expireInSeconds ?? 120,
    pollingIntervalSeconds: 0.5,
    workers: options.workers,
    async run(_signal, data) {
      const { key, landscape } = data as { key: string; landscape: boolean };
      const html = new TextDecoder().decode(await options.store.get(`${RENDERS}/${key}.html`));
      try {
        await options.store.put(`${RENDERS}/${key}.pdf`, await options.printer.print(html, { landscape }));
      } catch (error) {
        // No Chromium here (CHROMIUM_PATH): trying again cannot help; the asker gets the words at once.
        if (!(error instanceof AppError && error.code === 'pdf_unavailable')) throw error;
        const words = { message_th: error.messageTh, message_en: error.messageEn };
        await options.store.put(`${RENDERS}/${key}.error`, new TextEncoder().encode(JSON.stringify(words)));
      }
    },
  };
}

/** Files of queued renders nobody collected (the asking process died): removed after an hour, hourly. */
export function renderSweepJob(store: FileStore): JobDefinition {
  return {
    name: 'render-sweep',
    label: 'Render files sweep / ล้างไฟล์ชั่วคราวของการสร้าง PDF',
    cron: '29 * * * *',
    retryLimit: 1,
    retryDelaySeconds: 60,
    expireInSeconds: 15 * 60,
    async run() {
      const before = Date.now() - 3600_000;
      for await (const file of store.list(`${RENDERS}/`)) {
        if (file.modifiedAt.getTime() < before) await store.delete(file.key);
      }
    },
  };
}

/**
 * The PdfPrinter the documents module uses when renders go through the queue: it stores the page, sends
 * the job, and waits (polling its state) for the PDF, at most `waitMs`; then it cancels the job and
 * answers 503, so no request hangs. A render that failed twice answers 503 with the renderer's words.
 */
export function queuedPdfPrinter(options: {
  queue: Pick<JobQueue, 'send' | 'job' | 'cancel'>;
  store: FileStore;
  waitMs?: number;
  pollMs?: number;
}): PdfPrinter {
  const { queue, store } = options;
  const waitMs = options.waitMs ?? 90_000;
  const pollMs = options.pollMs ?? 200;
  return {
    async print(html, { landscape }) {
      const key = randomUUID();
      const page = `${RENDERS}/${key}.html`;
      const pdf = `${RENDERS}/${key}.pdf`;
      const failed = `${RENDERS}/${key}.error`;
      await store.put(page, new TextEncoder().encode(html));
      try {
        const id = await queue.send(JOB, { key, landscape });
        if (!id) throw new Error('the render queue refused the job');
        const end = Date.now() + waitMs;
        for (;;) {
          const job = await queue.job(JOB, id);
          if (job?.state === 'completed') {
            if (await store.exists(pdf)) return await store.get(pdf);
            const words = JSON.parse(new TextDecoder().decode(await store.get(failed))) as {
              message_th: string;
              message_en: string;
            };
            throw new AppError(503, 'pdf_unavailable', words.message_th, words.message_en);
          }
          if (job?.state === 'failed' || job?.state === 'cancelled' || !job) {
            // pg-boss keeps the thrown error's own fields: an AppError's Thai and English words.
            // pg-boss keeps what the thrown error serialises to: an AppError's API shape (its Thai and
            // English words), or another error's message.
            const output = (job?.output ?? {}) as {
              error?: { message_th?: string; message_en?: string };
              message?: string;
            };
            const th = output.error?.message_th ?? output.message ?? '';
            const en = output.error?.message_en ?? output.message ?? '';
            throw new AppError(
              503,
              'pdf_failed',
              `สร้างไฟล์ PDF ไม่สำเร็จ (ลองแล้ว ${1 + (job?.retryCount ?? 0)} ครั้ง)${th ? `: ${th}` : ''} กรุณาลองใหม่ ไฟล์ DOCX และ XLSX ยังใช้ได้`,
              `The PDF could not be made (tried ${1 + (job?.retryCount ?? 0)} times)${en ? `: ${en}` : ''}; try again. DOCX and XLSX still work.`,
            );
          }
          if (Date.now() > end) {
            await queue.cancel(JOB, id).catch(() => {});
            throw new AppError(
              503,
              'pdf_busy',
              `การสร้างไฟล์ PDF รอนานเกิน ${Math.round(waitMs / 1000)} วินาที กรุณาลองใหม่ภายหลัง`,
              `The PDF was not made within ${Math.round(waitMs / 1000)} s; try again later.`,
            );
          }
          await new Promise((resolve) => setTimeout(resolve, pollMs));
        }
      } finally {
        await Promise.allSettled([store.delete(page), store.delete(pdf), store.delete(failed)]);
      }
    },
  };
}
