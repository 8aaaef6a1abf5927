import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../src/server/db/client.ts';
import type { Actor } from '../../src/server/http/actor.ts';
import { uploadEvidence } from '../../src/server/modules/evidence/evidence.service.ts';
import { LocalDiskStore } from '../../src/server/storage/local-disk-store.ts';
import type { Goal, Report } from './bench.ts';
import { round2 } from './http.ts';

export const EVIDENCE_FILE_BYTES = 200 * 1024;

/** A valid PDF header, then random bytes, then the end marker: different every time, so nothing is deduplicated. */
export function pdfBytes(size = EVIDENCE_FILE_BYTES) {
  const bytes = randomBytes(size);
  bytes.write('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 0, 'latin1');
  // A PDF without its %%EOF is refused as cut short.
  bytes.write('\n%%EOF\n', size - 7, 'latin1');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/**
 * `files` uploads of 200 KB through `uploadEvidence` (sniffing, SHA-256, the fsync'd write, the insert
 * and the audit row) on a LocalDiskStore in a temporary directory, one after another, into `slots` in
 * turn, as a unit reporter of `unitPaths`; then `fs.promises.writeFile` of the same bytes (no fsync).
 * Reports `<prefix>_evidence_files`, `_upload_mb_s`, `_upload_per_file_ms`, `_writefile_mb_s` and
 * `_upload_vs_writefile_ratio` (with `goal` when given).
 */
export async function measureEvidenceUpload(
  report: Report,
  log: (message: string) => void,
  options: {
    prefix: string;
    db: Db;
    userId: string;
    unitPaths: readonly string[];
    slots: readonly string[];
    files: number;
    goal?: Goal;
  },
) {
  const { prefix, db, files: count, slots } = options;
  const actor: Actor = {
    userId: options.userId,
    email: 'bench@x.th',
    displayName: 'bench',
    locale: 'th',
    grants: options.unitPaths.map((organizationPath, i) => ({
      id: `g${i}`,
      role: 'unit_reporter',
      organizationId: null,
      organizationPath,
      organizationNameTh: null,
    })),
  };
  const files = Array.from({ length: count }, () => pdfBytes());
  const mb = (count * EVIDENCE_FILE_BYTES) / (1024 * 1024);
  const storeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'prongsai-bench-evidence-'));
  const plainDir = await fs.mkdtemp(path.join(os.tmpdir(), 'prongsai-bench-plain-'));
  try {
    const store = new LocalDiskStore(storeDir);
    let t = performance.now();
    for (let i = 0; i < count; i++) {
      await uploadEvidence(db, store, actor, slots[i % slots.length]!, {
        fileName: `หลักฐาน-${i}.pdf`,
        bytes: files[i]!,
      });
    }
    const uploadS = (performance.now() - t) / 1000;
    t = performance.now();
    for (let i = 0; i < count; i++) await fs.writeFile(path.join(plainDir, `${i}.pdf`), files[i]!);
    const plainS = (performance.now() - t) / 1000;
    log(
      `${count} files of ${EVIDENCE_FILE_BYTES / 1024} KB (${round2(mb)} MB): upload ${round2(uploadS)} s, writeFile ${round2(plainS)} s`,
    );
    report(`${prefix}_evidence_files`, count, 'files');
    report(`${prefix}_evidence_upload_mb_s`, round2(mb / uploadS), 'MB/s');
    report(`${prefix}_evidence_upload_per_file_ms`, round2((uploadS * 1000) / count), 'ms');
    report(`${prefix}_evidence_writefile_mb_s`, round2(mb / plainS), 'MB/s');
    report(`${prefix}_evidence_upload_vs_writefile_ratio`, round2(plainS / uploadS), 'x', options.goal);
  } finally {
    await fs.rm(storeDir, { recursive: true, force: true });
    await fs.rm(plainDir, { recursive: true, force: true });
  }
}
