import type { Db } from '../../db/client.ts';
import type { JobDefinition } from '../../jobs/job-queue.ts';
import type { FileStore } from '../../storage/file-store.ts';
import { cleanOrphans, ORPHAN_GRACE_MS } from './evidence.service.ts';

/**
 * Removes stored files no evidence row refers to (an upload interrupted between writing the file and
 * committing its row): every 6 hours and at a start (once in 6 hours for all processes), through the job queue. Files younger
 * than the grace period are left for uploads still in flight, in this process or another.
 */
export function orphanSweepJob(deps: { db: Db; store: FileStore }): JobDefinition {
  return {
    name: 'orphan-sweep',
    label: 'Orphan-file sweep / ล้างไฟล์ที่ไม่มีเจ้าของ',
    cron: '40 */6 * * *',
    atStartAfterSeconds: 0,
    atStartThrottleSeconds: 6 * 3600,
    retryLimit: 2,
    retryDelaySeconds: 60,
    expireInSeconds: 60 * 60,
    run: async () => {
      await cleanOrphans(deps.db, deps.store, new Date(Date.now() - ORPHAN_GRACE_MS));
    },
  };
}
