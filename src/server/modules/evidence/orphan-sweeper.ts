import type { Db } from '../../db/client.ts';
import { backgroundJobPasses } from '../../ops/metrics.ts';
import type { FileStore } from '../../storage/file-store.ts';
import { cleanOrphans, ORPHAN_GRACE_MS } from './evidence.service.ts';

/**
 * Removes stored files no evidence row refers to (an upload interrupted between writing the file and
 * committing its row), once at start and then every `intervalMs`; files younger than the grace period
 * are left for uploads still in flight. The timer does not keep the process alive.
 */
export function startOrphanSweeper(deps: {
  db: Db;
  store: FileStore;
  intervalMs?: number;
  onError?: (e: unknown) => void;
}) {
  const sweep = async () => {
    try {
      await cleanOrphans(deps.db, deps.store, new Date(Date.now() - ORPHAN_GRACE_MS));
      backgroundJobPasses.inc({ job: 'Orphan-file sweep' });
    } catch (error) {
      deps.onError?.(error);
    }
  };
  let running = sweep();
  const timer = setInterval(
    () => {
      running = running.then(sweep);
    },
    deps.intervalMs ?? 6 * 3600_000,
  );
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
