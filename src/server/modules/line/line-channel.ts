import { and, desc, eq } from 'drizzle-orm';
import { Counter } from 'prom-client';
import type { Db } from '../../db/client.ts';
import { lineChannels, lineLinks } from '../../db/schema/index.ts';
import { metricsRegistry } from '../../ops/metrics.ts';
import type { SecretBox } from '../../secrets/secret-box.ts';
import {
  DeferredError,
  type MessageChannel,
  type OutgoingMessage,
  UndeliverableError,
} from '../reminders/channel.ts';
import { markTokenRefused, openChannel } from './line.service.ts';
import { lineClient, lineFailure, TOKEN_SETTING } from './line-api.ts';

/**
 * LINE pushes by result: sent (LINE accepted; billed once delivered), duplicate (409: accepted before),
 * undeliverable, held (the account's token refused), retry (429, 5xx, network). Per account: the settings page.
 */
export const lineMessages = new Counter({
  name: 'line_messages_total',
  help: 'LINE reminder pushes by result',
  labelNames: ['result'] as const,
  registers: [metricsRegistry],
});

/** A row whose agency's token was refused waits this long before it is looked at again (a new token releases it at once). */
export const TOKEN_REFUSED_HOLD_SECONDS = 3600;

/**
 * Outbox rows of channel 'line' pushed through the agency's LINE Official Account (the row's sender).
 * - The push carries X-Line-Retry-Key = the outbox row's id: a retried push is never delivered twice,
 *   and LINE's 409 (already accepted) counts as sent.
 * - 401: the token was refused; the account is marked (the LINE settings page says which setting to fix)
 *   and its rows wait, uncounted, until a new token is saved.
 * - 400/403: LINE will not deliver to this recipient (blocked, not a friend, the bot left the group):
 *   the row is undeliverable and the link is marked, so no more is sent to it.
 * - 429, 5xx and network failures are retried with the outbox's back-off.
 * Before a push the link is read again: one unlinked or blocked meanwhile is not sent to.
 */
export class LineChannel implements MessageChannel {
  readonly name = 'line';
  constructor(private readonly deps: { db: Db; secretBox: SecretBox; apiUrl: string }) {}

  async send(message: OutgoingMessage): Promise<void> {
    const { db } = this.deps;
    if (!message.senderId || !message.id) throw new UndeliverableError('No sending LINE account on the row');
    const [channel] = await db.select().from(lineChannels).where(eq(lineChannels.id, message.senderId));
    if (!channel || channel.status === 'disconnected') {
      throw new UndeliverableError('The agency disconnected its LINE account');
    }
    if (channel.status === 'token_refused') {
      throw new DeferredError(
        `LINE refused the agency's token: waiting for a new ${TOKEN_SETTING.en}`,
        TOKEN_REFUSED_HOLD_SECONDS,
      );
    }
    const secrets = openChannel(this.deps.secretBox, channel);
    if (!secrets) throw new UndeliverableError('The agency LINE account has no token');
    const links = await db
      .select({ id: lineLinks.id, status: lineLinks.status, reason: lineLinks.statusReason })
      .from(lineLinks)
      .where(and(eq(lineLinks.channelId, channel.id), eq(lineLinks.lineId, message.recipient)))
      .orderBy(desc(lineLinks.statusAt));
    const link = links.find((l) => l.status === 'linked') ?? links[0];
    if (link?.status !== 'linked') {
      throw new UndeliverableError(
        link ? `Recipient ${link.status}${link.reason ? `: ${link.reason}` : ''}` : 'Recipient is not linked',
      );
    }
    const client = await lineClient(this.deps.apiUrl, secrets.accessToken);
    try {
      await client.pushMessage(
        { to: message.recipient, messages: [{ type: 'text', text: message.body }] },
        message.id,
      );
      lineMessages.inc({ result: 'sent' });
    } catch (error) {
      const failure = await lineFailure(error);
      if (failure.status === 409) {
        lineMessages.inc({ result: 'duplicate' }); // accepted before: this retry delivered nothing new
        return;
      }
      if (failure.status === 401) {
        lineMessages.inc({ result: 'held' });
        await markTokenRefused(db, channel.id, failure.message);
        throw new DeferredError(`LINE refused the token (${failure.message})`, TOKEN_REFUSED_HOLD_SECONDS);
      }
      if (failure.status === 400 || failure.status === 403) {
        lineMessages.inc({ result: 'undeliverable' });
        await db
          .update(lineLinks)
          .set({
            status: 'blocked',
            statusReason: `LINE refused delivery: ${failure.message}`,
            statusAt: new Date(),
          })
          .where(eq(lineLinks.id, link.id));
        throw new UndeliverableError(`LINE refused delivery: ${failure.message}`);
      }
      lineMessages.inc({ result: 'retry' });
      throw new Error(`LINE push failed: ${failure.message}`);
    }
  }
}
