/** One message as the outbox holds it: who gets it, and its text (bilingual, Thai first). */
export type OutgoingMessage = {
  recipient: string;
  subject: string;
  body: string;
  /** The outbox row's id: a channel with its own idempotency key (LINE's X-Line-Retry-Key) uses it. */
  id?: string;
  /** The outbox row's sender, where a channel has several (LINE: the agency account's line_channels id). */
  senderId?: string | null;
};

/** The recipient cannot receive it (blocked, unlinked, refused for good): recorded on the row, never retried. */
export class UndeliverableError extends Error {
  override readonly name = 'UndeliverableError';
}

/** The sender cannot send now (e.g. its token was refused): the row waits, no attempt is counted. */
export class DeferredError extends Error {
  override readonly name = 'DeferredError';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** 'email' today; LINE (or anything else) is another channel with its own name. */
export type ChannelName = 'email' | 'line' | (string & {});

/**
 * A way to deliver outbox messages. `send` resolves once the message is handed over and rejects when
 * it was not (the outbox then counts an attempt and retries). Outbox rows are claimed per channel name,
 * so a LINE channel only ever sees rows written for 'line'.
 */
export interface MessageChannel {
  readonly name: ChannelName;
  send(message: OutgoingMessage): Promise<void>;
  /** Releases connections, if the channel keeps any. */
  close?(): Promise<void> | void;
}

/**
 * Development stand-in for e-mail when SMTP_URL is unset: prints each message, so the app and its
 * reminders work with no mail server. Messages it prints count as sent.
 */
export class LogChannel implements MessageChannel {
  readonly name: ChannelName;
  private readonly write: (text: string) => void;

  constructor(options: { name?: ChannelName; write?: (text: string) => void } = {}) {
    this.name = options.name ?? 'email';
    this.write = options.write ?? ((text) => process.stdout.write(`${text}\n`));
  }

  async send(message: OutgoingMessage): Promise<void> {
    this.write(
      [
        `── ${this.name} (not sent: SMTP_URL is not set) ──`,
        `To: ${message.recipient}`,
        `Subject: ${message.subject}`,
        '',
        message.body,
        '──',
      ].join('\n'),
    );
  }
}
