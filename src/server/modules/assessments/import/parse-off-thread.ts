import { Worker } from 'node:worker_threads';
import { AppError } from '../../../http/app-error.ts';
import type { ImportFileOptions } from './import-file.ts';
import type { InterpretResult } from './interpret-rows.ts';
import type { ParseRequest } from './parse-worker.ts';

/** Longest an import file may take to read before its worker is stopped and the file refused. */
export const IMPORT_PARSE_TIME_LIMIT_MS = 60_000;

type WorkerAnswer = { ok: true; result: InterpretResult } | { ok: false; message: string };

// From source (tsx, vitest) the worker starts through a boot file that registers tsx in the worker.
const workerUrl = new URL(
  import.meta.url.endsWith('.ts') ? './parse-worker-boot.mjs' : './parse-worker.js',
  import.meta.url,
);

/**
 * `parseImportFile` in a worker thread, so that reading a large file (a national XLSX takes seconds,
 * a hostile one longer) does not stop the server answering everyone else. The worker is stopped after
 * `timeLimitMs` and the file refused with 413 and a message saying why.
 */
export async function parseImportFileOffThread(
  bytes: Uint8Array,
  fileName: string,
  options: ImportFileOptions,
  timeLimitMs = IMPORT_PARSE_TIME_LIMIT_MS,
): Promise<InterpretResult> {
  const worker = idle.pop() ?? startWorker();
  let reusable = false;
  try {
    const answer = await new Promise<WorkerAnswer>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const onMessage = (answer: WorkerAnswer) => {
        done();
        reusable = true;
        resolve(answer);
      };
      const onError = (error: Error) => {
        done();
        reject(error);
      };
      const onExit = (code: number) => {
        done();
        reject(new Error(`the import worker stopped (exit code ${code}) before answering`));
      };
      const timer = setTimeout(() => {
        done();
        reject(
          new AppError(
            413,
            'import_too_slow',
            `อ่านไฟล์ "${fileName}" ไม่เสร็จภายใน ${Math.ceil(timeLimitMs / 1000)} วินาที จึงหยุดอ่าน ให้แบ่งไฟล์เป็นหลายไฟล์ที่เล็กลงแล้วนำเข้าใหม่`,
            `reading file "${fileName}" did not finish within ${Math.ceil(timeLimitMs / 1000)} seconds and was stopped; split it into smaller files and import again`,
          ),
        );
      }, timeLimitMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.ref();
      const request: ParseRequest = { bytes, fileName, options };
      worker.postMessage(request);
    });
    if (!answer.ok) throw new Error(`the import worker failed: ${answer.message}`);
    return answer.result;
  } finally {
    // One idle worker is kept (starting one costs a few hundred ms); a stopped or extra one ends.
    if (reusable && idle.length === 0) {
      worker.unref();
      idle.push(worker);
    } else {
      void worker.terminate();
    }
  }
}

/** Workers waiting for the next file: at most one, not keeping the process alive. */
const idle: Worker[] = [];

function startWorker(): Worker {
  const worker = new Worker(workerUrl);
  // An idle worker that fails or dies (it should not) is forgotten, without taking the process with
  // it (an 'error' event without a listener would); the next file starts a new one.
  worker.on('error', () => {});
  worker.on('exit', () => {
    const at = idle.indexOf(worker);
    if (at >= 0) idle.splice(at, 1);
  });
  return worker;
}
