import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { ConnectLineInput, LineSettings, MyLine } from '#shared/line/contract.ts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';
import {
  lineChannels,
  lineLinkCodes,
  lineLinks,
  notificationPreferences,
  organizations,
  outbox,
} from '../../db/schema/index.ts';
import type { Env } from '../../env.ts';
import { type Actor, hasRoleOn, isDeploymentAdmin } from '../../http/actor.ts';
import { AppError, fail } from '../../http/app-error.ts';
import type { SecretBox } from '../../secrets/secret-box.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { checkToken, secretPurpose } from './line-api.ts';
import { LINK_CODE_TTL_MS, linkCodeHash, newLinkCode } from './rules/link-code.ts';
import type { NotifyChannels } from './rules/recipients.ts';

type ChannelRow = typeof lineChannels.$inferSelect;
type LinkRow = typeof lineLinks.$inferSelect;

const MANAGERS = ['secretariat', 'admin'] as const;
const GROUP_LINKERS = ['unit_reporter', 'secretariat', 'admin'] as const;

/** Who connects an agency's LINE account: its secretariat or administrator (a grant covers its subtree). */
export const linePolicy = {
  manage: (actor: Actor, orgPath: string) => hasRoleOn(actor, MANAGERS, orgPath),
  linkGroup: (actor: Actor, unitPath: string) => hasRoleOn(actor, GROUP_LINKERS, unitPath),
};

export const webhookUrl = (config: Pick<Env, 'publicUrl' | 'port'>, channelId: string) =>
  `${(config.publicUrl ?? `http://localhost:${config.port}`).replace(/\/+$/, '')}/api/line/webhook/${channelId}`;

export const addFriendUrl = (basicId: string | null) =>
  basicId ? `https://line.me/R/ti/p/${encodeURIComponent(basicId)}` : null;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function organization(db: Db, id: string) {
  const [org] = await db
    .select({ id: organizations.id, path: organizations.path, nameTh: organizations.nameTh })
    .from(organizations)
    .where(eq(organizations.id, id));
  if (!org) throw fail.notFound({ th: 'หน่วยงาน', en: 'Organisation' });
  return org;
}

/** Delivered LINE messages per Bangkok month (the last 12), for the account's bill. */
async function usage(db: Db, channelId: string) {
  const rows = await queryRows<{ month: string; user_messages: number; group_messages: number }>(
    db,
    sql`select to_char(${outbox.sentAt} at time zone 'Asia/Bangkok', 'YYYY-MM') as month,
               count(*) filter (where ${outbox.dedupeKey} not like 'line:group:%')::int as user_messages,
               count(*) filter (where ${outbox.dedupeKey} like 'line:group:%')::int as group_messages
        from ${outbox}
        where ${outbox.channel} = 'line' and ${outbox.status} = 'sent' and ${outbox.senderId} = ${channelId}
        group by 1 order by 1 desc limit 12`,
  );
  return rows.map((r) => ({
    month: r.month,
    delivered: r.user_messages + r.group_messages,
    userMessages: r.user_messages,
    groupMessages: r.group_messages,
  }));
}

async function settingsOf(
  db: Db,
  config: Pick<Env, 'publicUrl' | 'port'>,
  org: { id: string; nameTh: string },
): Promise<LineSettings> {
  const [channel] = await db.select().from(lineChannels).where(eq(lineChannels.organizationId, org.id));
  if (!channel) return { organizationId: org.id, organizationNameTh: org.nameTh, channel: null };
  const [counts] = await queryRows<{ people: number; groups: number; undeliverable: number }>(
    db,
    sql`select
          (select count(*)::int from ${lineLinks} where ${lineLinks.channelId} = ${channel.id} and ${lineLinks.status} = 'linked' and ${lineLinks.kind} = 'user') as people,
          (select count(*)::int from ${lineLinks} where ${lineLinks.channelId} = ${channel.id} and ${lineLinks.status} = 'linked' and ${lineLinks.kind} = 'group') as groups,
          (select count(*)::int from ${outbox} where ${outbox.senderId} = ${channel.id} and ${outbox.status} = 'undeliverable') as undeliverable`,
  );
  return {
    organizationId: org.id,
    organizationNameTh: org.nameTh,
    channel: {
      id: channel.id,
      status: channel.status as 'active' | 'token_refused' | 'disconnected',
      statusReason: channel.statusReason,
      statusAt: channel.statusAt.toISOString(),
      secretsSetAt: iso(channel.secretsSetAt),
      basicId: channel.basicId,
      displayName: channel.displayName,
      webhookUrl: webhookUrl(config, channel.id),
      linkedPeople: counts?.people ?? 0,
      linkedGroups: counts?.groups ?? 0,
      undeliverable: counts?.undeliverable ?? 0,
      usage: await usage(db, channel.id),
    },
  };
}

/** The organisations whose LINE account the actor manages: where they hold secretariat or admin. */
export async function listLineSettings(db: Db, config: Env, actor: Actor): Promise<LineSettings[]> {
  const ids = [
    ...new Set(
      actor.grants
        .filter((g) => (MANAGERS as readonly string[]).includes(g.role) && g.organizationId)
        .map((g) => g.organizationId!),
    ),
  ];
  const orgs = isDeploymentAdmin(actor)
    ? await db
        .select({ id: organizations.id, nameTh: organizations.nameTh })
        .from(organizations)
        .where(and(isNull(organizations.parentId), eq(organizations.active, true)))
    : ids.length
      ? await db
          .select({ id: organizations.id, nameTh: organizations.nameTh })
          .from(organizations)
          .where(inArray(organizations.id, ids))
      : [];
  const all = [...orgs];
  // Accounts already connected below what is listed (a deployment admin sees them all).
  if (isDeploymentAdmin(actor)) {
    const connected = await db
      .select({ id: organizations.id, nameTh: organizations.nameTh })
      .from(lineChannels)
      .innerJoin(organizations, eq(organizations.id, lineChannels.organizationId));
    for (const o of connected) if (!all.some((a) => a.id === o.id)) all.push(o);
  }
  return Promise.all(all.map((o) => settingsOf(db, config, o)));
}

export async function getLineSettings(db: Db, config: Env, actor: Actor, orgId: string) {
  const org = await organization(db, orgId);
  if (!linePolicy.manage(actor, org.path)) throw fail.forbidden();
  return settingsOf(db, config, org);
}

/**
 * Connects (or reconnects with new secrets) the organisation's LINE account. The token is checked
 * with LINE first (GET /v2/bot/info): refused, nothing is written. Both secrets are sealed; the audit
 * trail records that they were set, never their values. Reconnecting another bot (another channel)
 * ends the old links, as LINE user IDs differ between providers.
 */
export async function connectLine(
  db: Db,
  box: SecretBox,
  config: Env,
  actor: Actor,
  orgId: string,
  input: ConnectLineInput,
): Promise<LineSettings> {
  const org = await organization(db, orgId);
  if (!linePolicy.manage(actor, org.path)) throw fail.forbidden();
  const bot = await checkToken(config.lineApiUrl, input.accessToken);
  const now = new Date();
  await db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(lineChannels)
      .where(eq(lineChannels.organizationId, org.id))
      .for('update');
    const id = existing?.id ?? crypto.randomUUID();
    const values = {
      status: 'active',
      statusReason: null,
      statusAt: now,
      channelSecretSealed: box.seal(input.channelSecret, secretPurpose.channelSecret(id, org.id)),
      accessTokenSealed: box.seal(input.accessToken, secretPurpose.accessToken(id, org.id)),
      secretsSetAt: now,
      botUserId: bot.userId,
      basicId: bot.basicId,
      displayName: bot.displayName,
      connectedBy: actor.userId,
      updatedAt: now,
    };
    if (existing) {
      await tx.update(lineChannels).set(values).where(eq(lineChannels.id, id));
      if (existing.botUserId && existing.botUserId !== bot.userId) {
        await tx
          .update(lineLinks)
          .set({ status: 'unlinked', statusReason: 'another LINE account was connected', statusAt: now })
          .where(and(eq(lineLinks.channelId, id), inArray(lineLinks.status, ['linked', 'blocked'])));
      }
      // Messages held while the token was refused go out on the next pass.
      await tx
        .update(outbox)
        .set({ claimedUntil: null })
        .where(and(eq(outbox.senderId, id), eq(outbox.status, 'pending')));
    } else {
      await tx.insert(lineChannels).values({ id, organizationId: org.id, ...values });
    }
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: existing ? 'line.reconnected' : 'line.connected',
      entityType: 'line_channel',
      entityId: id,
      organizationId: org.id,
      after: { basicId: bot.basicId, displayName: bot.displayName, secrets: 'set' },
    });
  });
  return settingsOf(db, config, org);
}

/**
 * Disconnects: the sealed secret and token are erased; the row stays (same webhook URL if connected
 * again) and so do the links, unusable while disconnected (reminders go by e-mail) and usable again
 * when the same LINE account is connected again.
 */
export async function disconnectLine(
  db: Db,
  config: Env,
  actor: Actor,
  orgId: string,
): Promise<LineSettings> {
  const org = await organization(db, orgId);
  if (!linePolicy.manage(actor, org.path)) throw fail.forbidden();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(lineChannels)
      .set({
        status: 'disconnected',
        statusReason: null,
        statusAt: new Date(),
        channelSecretSealed: null,
        accessTokenSealed: null,
        updatedAt: new Date(),
      })
      .where(eq(lineChannels.organizationId, org.id))
      .returning({ id: lineChannels.id });
    if (!row) throw fail.notFound({ th: 'บัญชี LINE ที่เชื่อมไว้', en: 'Connected LINE account' });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'line.disconnected',
      entityType: 'line_channel',
      entityId: row.id,
      organizationId: org.id,
    });
  });
  return settingsOf(db, config, org);
}

/** The usable channel (active, secrets set) or an error saying why it cannot be used. */
export function openChannel(box: SecretBox, channel: ChannelRow) {
  if (!channel.channelSecretSealed || !channel.accessTokenSealed) return null;
  return {
    channelSecret: box.open(
      channel.channelSecretSealed,
      secretPurpose.channelSecret(channel.id, channel.organizationId),
    ),
    accessToken: box.open(
      channel.accessTokenSealed,
      secretPurpose.accessToken(channel.id, channel.organizationId),
    ),
  };
}

/** Marks the account as needing a new token (LINE answered 401), once; audited. */
export async function markTokenRefused(db: Db, channelId: string, reason: string) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(lineChannels)
      .set({ status: 'token_refused', statusReason: reason.slice(0, 500), statusAt: new Date() })
      .where(and(eq(lineChannels.id, channelId), eq(lineChannels.status, 'active')))
      .returning({ id: lineChannels.id, organizationId: lineChannels.organizationId });
    if (row) {
      await recordAudit(tx, {
        actorUserId: null,
        action: 'line.token_refused',
        entityType: 'line_channel',
        entityId: row.id,
        organizationId: row.organizationId,
        after: { reason: reason.slice(0, 500) },
      });
    }
  });
}

// ── a person's own LINE ──────────────────────────────────────────────────────────────────────────

/** Active accounts whose organisation covers one of the actor's grants (or all, for a deployment-wide grant). */
async function accountsFor(db: Db, actor: Actor) {
  const rows = await db
    .select({ channel: lineChannels, orgPath: organizations.path, orgName: organizations.nameTh })
    .from(lineChannels)
    .innerJoin(organizations, eq(organizations.id, lineChannels.organizationId))
    .where(eq(lineChannels.status, 'active'));
  return rows.filter((r) =>
    actor.grants.some((g) => g.organizationPath === null || g.organizationPath.startsWith(r.orgPath)),
  );
}

const linkView = (l: LinkRow) => ({
  id: l.id,
  channelId: l.channelId,
  status: l.status,
  statusReason: l.statusReason,
  linkedAt: l.linkedAt.toISOString(),
  statusAt: l.statusAt.toISOString(),
});

/** The latest link of each (channel, user or unit): a linked one first, else the most recent. */
function latestLinks(links: LinkRow[], keyOf: (l: LinkRow) => string) {
  const byKey = new Map<string, LinkRow>();
  for (const l of links) {
    const seen = byKey.get(keyOf(l));
    if (
      !seen ||
      (l.status === 'linked' && seen.status !== 'linked') ||
      (seen.status !== 'linked' && l.statusAt > seen.statusAt)
    )
      byKey.set(keyOf(l), l);
  }
  return byKey;
}

export async function notifyChoice(db: Db, userId: string): Promise<NotifyChannels> {
  const [row] = await db
    .select({ channels: notificationPreferences.channels })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  return (row?.channels as NotifyChannels | undefined) ?? 'email';
}

export async function myLine(db: Db, actor: Actor, now = new Date()): Promise<MyLine> {
  const accounts = await accountsFor(db, actor);
  const channelIds = accounts.map((a) => a.channel.id);
  const links = channelIds.length
    ? await db
        .select()
        .from(lineLinks)
        .where(
          and(
            eq(lineLinks.userId, actor.userId),
            eq(lineLinks.kind, 'user'),
            inArray(lineLinks.channelId, channelIds),
          ),
        )
    : [];
  const latest = latestLinks(links, (l) => l.channelId);
  const codes = channelIds.length
    ? await db
        .select({ channelId: lineLinkCodes.channelId, expiresAt: lineLinkCodes.expiresAt })
        .from(lineLinkCodes)
        .where(
          and(
            eq(lineLinkCodes.userId, actor.userId),
            eq(lineLinkCodes.kind, 'user'),
            isNull(lineLinkCodes.usedAt),
            gt(lineLinkCodes.expiresAt, now),
            inArray(lineLinkCodes.channelId, channelIds),
          ),
        )
    : [];
  // Units the person reports for or runs, each with the account nearest above it.
  const unitGrants = actor.grants.filter(
    (g) => (GROUP_LINKERS as readonly string[]).includes(g.role) && g.organizationId && g.organizationPath,
  );
  const groups: MyLine['groups'] = [];
  const unitIds = [...new Set(unitGrants.map((g) => g.organizationId!))];
  const groupLinks = unitIds.length
    ? await db
        .select()
        .from(lineLinks)
        .where(and(eq(lineLinks.kind, 'group'), inArray(lineLinks.organizationId, unitIds)))
    : [];
  for (const unitId of unitIds) {
    const grant = unitGrants.find((g) => g.organizationId === unitId)!;
    const account = accounts
      .filter((a) => grant.organizationPath!.startsWith(a.orgPath))
      .sort((a, b) => b.orgPath.length - a.orgPath.length)[0];
    if (!account) continue;
    const link = latestLinks(
      groupLinks.filter((l) => l.organizationId === unitId && l.channelId === account.channel.id),
      () => 'one',
    ).get('one');
    groups.push({
      unitId,
      unitNameTh: grant.organizationNameTh ?? '',
      channelId: account.channel.id,
      link: link ? linkView(link) : null,
    });
  }
  return {
    notify: await notifyChoice(db, actor.userId),
    accounts: accounts.map((a) => {
      const link = latest.get(a.channel.id);
      const code = codes.find((c) => c.channelId === a.channel.id);
      return {
        channelId: a.channel.id,
        organizationNameTh: a.orgName,
        basicId: a.channel.basicId,
        displayName: a.channel.displayName,
        addFriendUrl: addFriendUrl(a.channel.basicId),
        link: link ? linkView(link) : null,
        pendingCodeExpiresAt: iso(code?.expiresAt ?? null),
      };
    }),
    groups,
  };
}

/**
 * A new one-time code for linking: six digits, ten minutes, only its hash kept. Earlier unused codes
 * of the same person (and unit) on the same account are withdrawn, so one code is active at a time.
 */
async function issueCode(
  db: Db,
  channelId: string,
  userId: string,
  kind: 'user' | 'group',
  organizationId: string | null,
  now: Date,
) {
  const expiresAt = new Date(now.getTime() + LINK_CODE_TTL_MS);
  return db.transaction(async (tx) => {
    await tx
      .delete(lineLinkCodes)
      .where(
        and(
          eq(lineLinkCodes.channelId, channelId),
          eq(lineLinkCodes.userId, userId),
          eq(lineLinkCodes.kind, kind),
          isNull(lineLinkCodes.usedAt),
          organizationId
            ? eq(lineLinkCodes.organizationId, organizationId)
            : isNull(lineLinkCodes.organizationId),
        ),
      );
    // Codes older than a day are of no use even to say "used": they go, and free their numbers.
    await tx
      .delete(lineLinkCodes)
      .where(
        and(
          eq(lineLinkCodes.channelId, channelId),
          sql`${lineLinkCodes.expiresAt} < ${new Date(now.getTime() - 86_400_000)}`,
        ),
      );
    for (let attempt = 0; attempt < 8; attempt++) {
      const code = newLinkCode();
      const [row] = await tx
        .insert(lineLinkCodes)
        .values({
          channelId,
          kind,
          codeHash: linkCodeHash(channelId, code),
          userId,
          organizationId,
          expiresAt,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: lineLinkCodes.id });
      if (row) return { code, expiresAt };
    }
    throw new AppError(
      503,
      'line_code_busy',
      'สร้างรหัสไม่สำเร็จ กรุณาลองใหม่',
      'Could not make a code; try again',
    );
  });
}

export async function createLinkCode(db: Db, actor: Actor, channelId: string, now = new Date()) {
  const account = (await accountsFor(db, actor)).find((a) => a.channel.id === channelId);
  if (!account) {
    const [exists] = await db
      .select({ id: lineChannels.id })
      .from(lineChannels)
      .where(eq(lineChannels.id, channelId));
    if (exists)
      throw fail.forbidden(
        'บัญชี LINE นี้เป็นของหน่วยงานที่ท่านไม่ได้สังกัด หรือยังไม่พร้อมใช้งาน',
        'This LINE account belongs to an agency outside your organisations, or is not in use',
      );
    throw fail.notFound({ th: 'บัญชี LINE ของหน่วยงาน', en: 'Agency LINE account' });
  }
  const { code, expiresAt } = await issueCode(db, channelId, actor.userId, 'user', null, now);
  return {
    code,
    expiresAt: expiresAt.toISOString(),
    basicId: account.channel.basicId,
    addFriendUrl: addFriendUrl(account.channel.basicId),
  };
}

export async function createGroupCode(db: Db, actor: Actor, unitId: string, now = new Date()) {
  const unit = await organization(db, unitId);
  if (!linePolicy.linkGroup(actor, unit.path)) throw fail.forbidden();
  const account = (await accountsFor(db, actor))
    .filter((a) => unit.path.startsWith(a.orgPath))
    .sort((a, b) => b.orgPath.length - a.orgPath.length)[0];
  if (!account)
    throw fail.badRequest(
      'หน่วยงานต้นสังกัดยังไม่ได้เชื่อมบัญชี LINE Official Account จึงเชื่อมกลุ่ม LINE ไม่ได้',
      'No agency above this unit has connected a LINE Official Account, so no group can be linked',
    );
  const { code, expiresAt } = await issueCode(db, account.channel.id, actor.userId, 'group', unit.id, now);
  return {
    code,
    expiresAt: expiresAt.toISOString(),
    basicId: account.channel.basicId,
    addFriendUrl: addFriendUrl(account.channel.basicId),
  };
}

/** Ends a link: one's own LINE account, or a unit's group (by those who may link it). */
export async function unlink(db: Db, actor: Actor, linkId: string) {
  const [link] = await db.select().from(lineLinks).where(eq(lineLinks.id, linkId));
  if (!link) throw fail.notFound({ th: 'การเชื่อม LINE', en: 'LINE link' });
  if (link.kind === 'user' && link.userId !== actor.userId) throw fail.forbidden();
  if (link.kind === 'group') {
    const unit = await organization(db, link.organizationId!);
    if (!linePolicy.linkGroup(actor, unit.path)) throw fail.forbidden();
  }
  if (link.status === 'unlinked') return;
  await db.transaction(async (tx) => {
    await tx
      .update(lineLinks)
      .set({ status: 'unlinked', statusReason: 'unlinked by the person', statusAt: new Date() })
      .where(eq(lineLinks.id, link.id));
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'line.unlinked',
      entityType: 'line_link',
      entityId: link.id,
      organizationId: link.organizationId,
      after: { kind: link.kind },
    });
  });
}

export async function setNotifyChoice(db: Db, actor: Actor, notify: NotifyChannels) {
  await db
    .insert(notificationPreferences)
    .values({ userId: actor.userId, channels: notify, updatedAt: new Date() })
    .onConflictDoUpdate({
      target: notificationPreferences.userId,
      set: { channels: notify, updatedAt: new Date() },
    });
}
