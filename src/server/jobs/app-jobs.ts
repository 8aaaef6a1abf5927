import type { Db } from '../db/client.ts';
import { authPruneJob } from '../modules/auth/prune-auth.ts';
import { orphanSweepJob } from '../modules/evidence/orphan-sweep-job.ts';
import { oitCheckJob } from '../modules/oit/oit-check-job.ts';
import type { OitDepsInput } from '../modules/oit/oit-deps.ts';
import type { MessageChannel } from '../modules/reminders/channel.ts';
import type { ReminderConfig } from '../modules/reminders/plan-reminders.ts';
import { reminderJob } from '../modules/reminders/reminder-job.ts';
import type { FileStore } from '../storage/file-store.ts';
import type { JobDefinition } from './job-queue.ts';

/** The app's background work, each owned by its module, run through the job queue (main.ts). */
export function appJobs(deps: {
  db: Db;
  fileStore: FileStore;
  channel: MessageChannel;
  /** Reminders by LINE (line/line-channel.ts), sent in the same pass as e-mail. */
  line?: MessageChannel;
  config: ReminderConfig;
  oit: OitDepsInput;
}): JobDefinition[] {
  return [
    reminderJob({ db: deps.db, channel: deps.channel, line: deps.line, config: deps.config }),
    authPruneJob(deps.db),
    orphanSweepJob({ db: deps.db, store: deps.fileStore }),
    oitCheckJob({ db: deps.db, deps: deps.oit }),
  ];
}
