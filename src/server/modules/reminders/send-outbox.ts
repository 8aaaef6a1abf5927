import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { outbox } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { DeferredError, type MessageChannel, UndeliverableError } from './channel.ts';

/** After this many failed attempts a message is `failed` and no longer tried. */
export const MAX_ATTEMPTS = 5;

export type SendOutboxOptions = {
  now?: Date;
  /** Messages claimed per run. */
  batch?: number;
  /** How long a claim holds before another worker may take the row over. */
  claimSeconds?: number;
};

export type SendOutboxResult = {
  sent: number;
  retrying: number;
  failed: number;
  /** Recipients that cannot receive (blocked, unlinked): recorded, not retried. */
  undeliverable: number;
  /** Held back by the sender (no attempt counted), sent on a later pass. */
  deferred: number;
};

/** Wait before trying a failed message again: 1, 2, 4, 8 minutes… */
export const retryDelaySeconds = (attempts: number) => 60 * 2 ** Math.max(0, attempts - 1);

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 2000);

/**
 * Sends pending outbox messages of `channel.name`.
 *
 * Rows are claimed first (`claimed_until` set in one UPDATE over a `FOR UPDATE SKIP LOCKED` select), so
 * two workers never take the same row while a claim holds. Then each message is sent and marked.
 * Delivery is at-least-once, with duplicates ruled out where messages are created (dedupe keys):
 * - a crash before a send loses nothing: the row is still pending and is taken again once its claim expires;
 * - a crash between a send and its mark can send that message once more after the claim expires;
 *   no SMTP exchange can be made atomic with a database commit, so this window cannot be closed, only kept short.
 * A failed send counts an attempt, keeps the error, and is retried after a growing delay; after
 * MAX_ATTEMPTS the row is `failed` (and audited). A channel may also say the recipient cannot receive
 * (UndeliverableError: the row is `undeliverable`, audited, never retried) or that its sender cannot send
 * now (DeferredError: the row waits the given time, no attempt counted).
 */
export async function sendOutbox(
  db: Db,
  channel: MessageChannel,
  options: SendOutboxOptions = {},
): Promise<SendOutboxResult> {
  const now = options.now ?? new Date();
  const batch = options.batch ?? 20;
  const claimMs = (options.claimSeconds ?? 300) * 1000;
  const claimUntil = new Date(now.getTime() + claimMs);
  const started = Date.now();

  const claimable = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        eq(outbox.status, 'pending'),
        eq(outbox.channel, channel.name),
        or(isNull(outbox.claimedUntil), lt(outbox.claimedUntil, now)),
      ),
    )
    .orderBy(asc(outbox.createdAt), asc(outbox.id))
    .limit(batch)
    .for('update', { skipLocked: true });
  const claimed = await db
    .update(outbox)
    .set({ claimedUntil: claimUntil })
    .where(inArray(outbox.id, claimable))
    .returning();
  claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));

  const result: SendOutboxResult = { sent: 0, retrying: 0, failed: 0, undeliverable: 0, deferred: 0 };
  for (const message of claimed) {
    // Never send on a claim about to run out (slow or dead servers): another worker may take the row
    // then. The rest of the batch waits for its claim to expire and goes in a later run.
    if (Date.now() - started > claimMs * 0.8) break;
    try {
      await channel.send({
        recipient: message.recipient,
        subject: message.subject,
        body: message.body,
        id: message.id,
        senderId: message.senderId,
      });
    } catch (error) {
      if (error instanceof DeferredError) {
        await db
          .update(outbox)
          .set({
            lastError: errorText(error),
            claimedUntil: new Date(now.getTime() + error.retryAfterSeconds * 1000),
          })
          .where(eq(outbox.id, message.id));
        result.deferred += 1;
        continue;
      }
      if (error instanceof UndeliverableError) {
        await db.transaction(async (tx) => {
          await tx
            .update(outbox)
            .set({
              attempts: sql`${outbox.attempts} + 1`,
              lastError: errorText(error),
              status: 'undeliverable',
              claimedUntil: null,
            })
            .where(eq(outbox.id, message.id));
          await recordAudit(tx, {
            actorUserId: null,
            action: 'reminder.undeliverable',
            entityType: 'outbox',
            entityId: message.id,
            after: { channel: channel.name, recipient: message.recipient, reason: errorText(error) },
          });
        });
        result.undeliverable += 1;
        continue;
      }
      const attempts = message.attempts + 1;
      const failed = attempts >= MAX_ATTEMPTS;
      await db.transaction(async (tx) => {
        await tx
          .update(outbox)
          .set({
            attempts: sql`${outbox.attempts} + 1`,
            lastError: errorText(error),
            status: failed ? 'failed' : 'pending',
            claimedUntil: failed ? null : new Date(now.getTime() + retryDelaySeconds(attempts) * 1000),
          })
          .where(eq(outbox.id, message.id));
        if (failed) {
          await recordAudit(tx, {
            actorUserId: null,
            action: 'reminder.failed',
            entityType: 'outbox',
            entityId: message.id,
            after: { channel: channel.name, recipient: message.recipient, attempts, error: errorText(error) },
          });
        }
      });
      result[failed ? 'failed' : 'retrying'] += 1;
      continue;
    }
    await db
      .update(outbox)
      .set({
        status: 'sent',
        sentAt: options.now ?? new Date(),
        attempts: sql`${outbox.attempts} + 1`,
        claimedUntil: null,
      })
      .where(eq(outbox.id, message.id));
    result.sent += 1;
  }
  return result;
}
