import { backgroundErrorReporter } from '../../db/background-errors.ts';
import type { Db } from '../../db/client.ts';
import { backgroundJobPasses } from '../../ops/metrics.ts';
import type { MessageChannel } from './channel.ts';
import { planReminders, type ReminderConfig } from './plan-reminders.ts';
import { type SendOutboxOptions, sendOutbox } from './send-outbox.ts';

export type ReminderWorker = {
  /** One pass now (plan, then send); waits for a pass already running instead of starting another. */
  runOnce(): Promise<void>;
  /** Stops the timer, waits for a running pass, closes the channel. */
  stop(): Promise<void>;
};

/**
 * Every `intervalMs` (default 60 s): queue the reminders that are due, then send the outbox through
 * `channel`. The first pass runs right away. The timer is unref'd, so it never keeps the process alive;
 * passes never overlap, and an error in one pass is reported and the next pass tries again.
 * Several app processes may each run a worker: dedupe keys and row claims keep messages single.
 */
export function startReminderWorker(options: {
  db: Db;
  channel: MessageChannel;
  config: ReminderConfig;
  intervalMs?: number;
  send?: Omit<SendOutboxOptions, 'now'>;
  onError?: (error: unknown) => void;
}): ReminderWorker {
  const { db, channel, config } = options;
  const onError = options.onError ?? backgroundErrorReporter('Reminder worker / งานส่งการแจ้งเตือน');
  let running: Promise<void> | null = null;
  let stopped = false;

  const pass = async () => {
    try {
      await planReminders(db, new Date(), config);
      await sendOutbox(db, channel, options.send);
      backgroundJobPasses.inc({ job: 'Reminder worker' });
    } catch (error) {
      onError(error);
    }
  };

  const runOnce = () => {
    if (!running) running = pass().finally(() => (running = null));
    return running;
  };

  const tick = () => {
    if (!stopped) void runOnce();
  };
  const first = setTimeout(tick, 0);
  first.unref();
  const timer = setInterval(tick, options.intervalMs ?? 60_000);
  timer.unref();

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
      await channel.close?.();
    },
  };
}
