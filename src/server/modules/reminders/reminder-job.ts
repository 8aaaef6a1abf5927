import type { Db } from '../../db/client.ts';
import type { JobDefinition } from '../../jobs/job-queue.ts';
import type { MessageChannel } from './channel.ts';
import { planReminders, type ReminderConfig } from './plan-reminders.ts';
import { type SendOutboxOptions, sendOutbox } from './send-outbox.ts';

/** One pass: queue the reminders that are due now, then send the outbox through `channel` (and `line`). */
export async function remindersPass(options: {
  db: Db;
  channel: MessageChannel;
  /** The LINE channel (line/line-channel.ts); without it LINE rows wait in the outbox. */
  line?: MessageChannel;
  config: ReminderConfig;
  send?: Omit<SendOutboxOptions, 'now'>;
  now?: Date;
}) {
  await planReminders(options.db, options.now ?? new Date(), options.config);
  await sendOutbox(options.db, options.channel, options.send);
  if (options.line) await sendOutbox(options.db, options.line, options.send);
}

/**
 * Every minute and right after a start, through the job queue (one process takes each turn): the reminders pass. Dedupe keys
 * and row claims keep every message single even if two passes met; a failed pass (SMTP or the database
 * away) retries after 30 s, then 60 s. The channel is closed by whoever made it (main.ts, at shutdown).
 */
export function reminderJob(options: Parameters<typeof remindersPass>[0]): JobDefinition {
  return {
    name: 'reminders',
    label: 'Reminder worker / งานส่งการแจ้งเตือน',
    cron: '* * * * *',
    atStartAfterSeconds: 0,
    atStartThrottleSeconds: 60,
    retryLimit: 2,
    retryDelaySeconds: 30,
    expireInSeconds: 10 * 60,
    run: () => remindersPass(options),
  };
}
