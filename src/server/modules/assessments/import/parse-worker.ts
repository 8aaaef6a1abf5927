import { parentPort } from 'node:worker_threads';
import { type ImportFileOptions, parseImportFile } from './import-file.ts';

/** The import parse in a worker thread (`parseImportFileOffThread`): one answer per request. */
export type ParseRequest = { bytes: Uint8Array; fileName: string; options: ImportFileOptions };

parentPort?.on('message', async (request: ParseRequest) => {
  try {
    const result = await parseImportFile(request.bytes, request.fileName, request.options);
    parentPort!.postMessage({ ok: true, result });
  } catch (error) {
    parentPort!.postMessage({ ok: false, message: (error as Error).message ?? String(error) });
  }
});
