import { and, count, eq, gt, inArray, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import {
  lineChannels,
  lineLinkCodes,
  lineLinks,
  lineWebhookEvents,
  organizations,
  users,
} from '../../db/schema/index.ts';
import type { Env } from '../../env.ts';
import { AppError, fail } from '../../http/app-error.ts';
import { log } from '../../log.ts';
import type { SecretBox } from '../../secrets/secret-box.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { openChannel } from './line.service.ts';
import { lineClient, lineFailure, loadLineSdk } from './line-api.ts';
import { codeInMessage, linkCodeHash } from './rules/link-code.ts';
import { isStaleEvent, mayTryCode, REFUSED_CODES_WINDOW_MS } from './rules/webhook-rules.ts';

/** The parts of LINE's webhook events we read; anything else in them is ignored. */
const sourceSchema = z.object({
  type: z.string(),
  userId: z.string().optional(),
  groupId: z.string().optional(),
  roomId: z.string().optional(),
});
const eventSchema = z.looseObject({
  type: z.string(),
  webhookEventId: z.string().min(1),
  timestamp: z.number(),
  source: sourceSchema.optional(),
  replyToken: z.string().optional(),
  deliveryContext: z.object({ isRedelivery: z.boolean() }).optional(),
  message: z.looseObject({ type: z.string(), text: z.string().optional() }).optional(),
});
const bodySchema = z.object({ destination: z.string().optional(), events: z.array(z.unknown()) });

type Event = z.infer<typeof eventSchema>;
type Reply = { replyToken: string; text: string };

export type WebhookOutcome = { handled: number; stale: number; duplicate: number; ignored: number };

const REPLY = {
  linkedUser: (name: string) =>
    `เชื่อมบัญชี LINE นี้กับ ${name} เรียบร้อยแล้ว จะได้รับการแจ้งเตือนเรื่องรายงาน ITA ทางนี้ (เลือกช่องทางได้ที่หน้า "บัญชีของฉัน")\nLinked: reminders can now reach you here.`,
  linkedGroup: (unit: string) =>
    `เชื่อมกลุ่มนี้กับ ${unit} เรียบร้อยแล้ว กลุ่มจะได้รับการแจ้งเตือนกำหนดส่งรายงานของหน่วยงาน\nThis group is linked to the unit's reminders.`,
  unknown:
    'ไม่พบรหัสนี้ กรุณาตรวจตัวเลข หรือขอรหัสใหม่ที่หน้า "บัญชีของฉัน"\nThis code is not known: check it, or get a new one.',
  used: 'รหัสนี้ถูกใช้ไปแล้ว หากต้องการเชื่อมอีกครั้ง กรุณาขอรหัสใหม่\nThis code has already been used; get a new one.',
  tooMany:
    'ส่งรหัสที่ไม่ถูกต้องหลายครั้งเกินไป กรุณารอ 10 นาทีแล้วลองใหม่ด้วยรหัสใหม่จากหน้า "บัญชีของฉัน"\nToo many wrong codes: wait 10 minutes, then send a new code.',
  expired:
    'รหัสนี้หมดอายุแล้ว (ใช้ได้ 10 นาที) กรุณาขอรหัสใหม่\nThis code has expired (codes last 10 minutes); get a new one.',
  wrongPlace: {
    user: "รหัสนี้ใช้เชื่อมกลุ่ม LINE กรุณาส่งในกลุ่มของหน่วยงาน\nThis code links a group: send it in the unit's group.",
    group:
      'รหัสนี้ใช้เชื่อมบัญชีส่วนตัว กรุณาส่งในแชตส่วนตัวกับบัญชีนี้\nThis code links a person: send it in a one-to-one chat.',
  },
  joined:
    'สวัสดีครับ/ค่ะ หากต้องการรับการแจ้งเตือนรายงานของหน่วยงานในกลุ่มนี้ ให้ผู้รายงานของหน่วยงานขอรหัสเชื่อมกลุ่มที่หน้า "บัญชีของฉัน" แล้วพิมพ์รหัสในกลุ่มนี้\nTo get the unit\'s reminders here, post the group code from "My account".',
};

/**
 * Handles a call to POST /api/line/webhook/:channelId. The signature (x-line-signature, HMAC-SHA256 of
 * the raw body under the channel secret) is checked before anything is read: a missing or wrong one is
 * a 401 and nothing is written. Then each event: stale ones (by their own timestamp) are ignored, a
 * redelivered one (same webhookEventId) is handled once, and codes, unfollows and leaves are applied.
 */
export async function handleWebhook(
  db: Db,
  box: SecretBox,
  config: Pick<Env, 'lineApiUrl'>,
  channelId: string,
  rawBody: string,
  signature: string | undefined,
  now = new Date(),
): Promise<WebhookOutcome> {
  const [channel] = z.uuid().safeParse(channelId).success
    ? await db.select().from(lineChannels).where(eq(lineChannels.id, channelId))
    : [];
  const secrets = channel ? openChannel(box, channel) : null;
  if (!channel || !secrets) throw fail.notFound({ th: 'บัญชี LINE ที่เชื่อมไว้', en: 'Connected LINE account' });
  const { validateSignature } = await loadLineSdk();
  if (!signature || !validateSignature(rawBody, secrets.channelSecret, signature)) {
    throw new AppError(
      401,
      'line_signature_invalid',
      'ลายมือชื่อของ LINE ไม่ถูกต้อง',
      'Missing or wrong x-line-signature',
    );
  }
  let body: z.infer<typeof bodySchema>;
  try {
    body = bodySchema.parse(JSON.parse(rawBody));
  } catch {
    throw fail.badRequest('ข้อมูลจาก LINE ไม่อยู่ในรูปแบบที่รู้จัก', 'The webhook body is not in LINE’s shape');
  }
  const outcome: WebhookOutcome = { handled: 0, stale: 0, duplicate: 0, ignored: 0 };
  const replies: Reply[] = [];
  for (const raw of body.events) {
    const parsed = eventSchema.safeParse(raw);
    if (!parsed.success) {
      outcome.ignored += 1;
      continue;
    }
    const event = parsed.data;
    if (isStaleEvent(event.timestamp, now.getTime())) {
      outcome.stale += 1;
      continue;
    }
    const result = await db.transaction(async (tx) => {
      const [fresh] = await tx
        .insert(lineWebhookEvents)
        .values({
          webhookEventId: event.webhookEventId,
          channelId: channel.id,
          receivedAt: now,
          sourceId: sourceIdOf(event),
        })
        .onConflictDoNothing()
        .returning({ id: lineWebhookEvents.webhookEventId });
      if (!fresh) return 'duplicate' as const;
      const reply = await applyEvent(tx, channel.id, event, now);
      if (reply && event.replyToken) replies.push({ replyToken: event.replyToken, text: reply });
      return 'handled' as const;
    });
    outcome[result] += 1;
  }
  if (replies.length > 0) {
    const client = await lineClient(config.lineApiUrl, secrets.accessToken);
    for (const r of replies) {
      try {
        await client.replyMessage({ replyToken: r.replyToken, messages: [{ type: 'text', text: r.text }] });
      } catch (error) {
        log().warn(`LINE reply failed: ${(await lineFailure(error)).message}`);
      }
    }
  }
  return outcome;
}

/** The LINE user or group an event came from (a group's id for a message in a group). */
function sourceIdOf(event: Event): string | null {
  const source = event.source;
  if (source?.type === 'group') return source.groupId ?? null;
  if (source?.type === 'user') return source.userId ?? null;
  return null;
}

async function applyEvent(tx: Db, channelId: string, event: Event, now: Date): Promise<string | null> {
  const source = event.source;
  if (!source) return null;
  const lineId =
    source.type === 'group' ? source.groupId : source.type === 'user' ? source.userId : undefined;
  if (!lineId) return null;
  const setStatus = (kind: 'user' | 'group', status: string, reason: string) =>
    tx
      .update(lineLinks)
      .set({ status, statusReason: reason, statusAt: now })
      .where(
        and(
          eq(lineLinks.channelId, channelId),
          eq(lineLinks.kind, kind),
          eq(lineLinks.lineId, lineId),
          eq(lineLinks.status, 'linked'),
        ),
      );
  switch (event.type) {
    case 'unfollow':
      await setStatus('user', 'blocked', 'the person blocked the LINE account (unfollow)');
      return null;
    case 'follow':
      // Unblocked: links the unfollow had marked are usable again.
      await tx
        .update(lineLinks)
        .set({ status: 'linked', statusReason: null, statusAt: now })
        .where(
          and(
            eq(lineLinks.channelId, channelId),
            eq(lineLinks.kind, 'user'),
            eq(lineLinks.lineId, lineId),
            eq(lineLinks.status, 'blocked'),
          ),
        );
      return null;
    case 'leave':
      await setStatus('group', 'left', 'the LINE account left or was removed from the group');
      return null;
    case 'join':
      return REPLY.joined;
    case 'message': {
      if (source.type !== 'user' && source.type !== 'group') return null;
      const code =
        event.message?.type === 'text' && event.message.text ? codeInMessage(event.message.text) : null;
      if (!code) return null;
      // A source that sent too many refused codes lately is told to wait, and the code is not looked up.
      const [recent] = await tx
        .select({ refused: count() })
        .from(lineWebhookEvents)
        .where(
          and(
            eq(lineWebhookEvents.channelId, channelId),
            eq(lineWebhookEvents.sourceId, lineId),
            eq(lineWebhookEvents.codeRefused, true),
            gt(lineWebhookEvents.receivedAt, new Date(now.getTime() - REFUSED_CODES_WINDOW_MS)),
          ),
        );
      const outcome = mayTryCode(recent?.refused ?? 0)
        ? await linkWithCode(tx, channelId, source.type, lineId, code, now)
        : { linked: false, reply: REPLY.tooMany };
      if (!outcome.linked) {
        await tx
          .update(lineWebhookEvents)
          .set({ codeRefused: true })
          .where(eq(lineWebhookEvents.webhookEventId, event.webhookEventId));
      }
      return outcome.reply;
    }
    default:
      return null;
  }
}

async function linkWithCode(
  tx: Db,
  channelId: string,
  where: 'user' | 'group',
  lineId: string,
  code: string,
  now: Date,
): Promise<{ linked: boolean; reply: string }> {
  const refused = (reply: string) => ({ linked: false, reply });
  const [row] = await tx
    .select()
    .from(lineLinkCodes)
    .where(
      and(eq(lineLinkCodes.channelId, channelId), eq(lineLinkCodes.codeHash, linkCodeHash(channelId, code))),
    )
    .for('update');
  if (!row) return refused(REPLY.unknown);
  if (row.usedAt) return refused(REPLY.used);
  if (row.expiresAt <= now) return refused(REPLY.expired);
  if (row.kind !== where) return refused(REPLY.wrongPlace[where]);
  await tx.update(lineLinkCodes).set({ usedAt: now }).where(eq(lineLinkCodes.id, row.id));
  const replaced = { status: 'unlinked', statusReason: 'replaced by a new link', statusAt: now };
  if (row.kind === 'user') {
    // This person's earlier link on this account, and this LINE account's link to anyone else, end.
    await tx
      .update(lineLinks)
      .set(replaced)
      .where(
        and(
          eq(lineLinks.channelId, channelId),
          eq(lineLinks.kind, 'user'),
          inArray(lineLinks.status, ['linked', 'blocked']),
          or(eq(lineLinks.userId, row.userId), eq(lineLinks.lineId, lineId)),
        ),
      );
  } else {
    await tx
      .update(lineLinks)
      .set(replaced)
      .where(
        and(
          eq(lineLinks.channelId, channelId),
          eq(lineLinks.kind, 'group'),
          eq(lineLinks.status, 'linked'),
          eq(lineLinks.organizationId, row.organizationId!),
        ),
      );
  }
  const [link] = await tx
    .insert(lineLinks)
    .values({
      channelId,
      kind: row.kind,
      lineId,
      userId: row.kind === 'user' ? row.userId : null,
      organizationId: row.kind === 'group' ? row.organizationId : null,
      linkedAt: now,
      statusAt: now,
    })
    .returning({ id: lineLinks.id });
  await recordAudit(tx, {
    actorUserId: row.userId,
    action: row.kind === 'user' ? 'line.linked' : 'line.group_linked',
    entityType: 'line_link',
    entityId: link!.id,
    organizationId: row.organizationId,
    after: { channelId, kind: row.kind },
  });
  if (row.kind === 'user') {
    const [user] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, row.userId));
    return { linked: true, reply: REPLY.linkedUser(user?.name ?? '') };
  }
  const [unit] = await tx
    .select({ name: organizations.nameTh })
    .from(organizations)
    .where(eq(organizations.id, row.organizationId!));
  return { linked: true, reply: REPLY.linkedGroup(unit?.name ?? '') };
}
