import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';
import { users } from './users.ts';

/**
 * An agency's LINE Official Account (its Messaging API channel), connected on one organisation: it
 * serves the people and units of that organisation's subtree (docs/decisions/023-line-notifications.md).
 * The channel secret and access token are sealed (SecretBox, purpose naming the row and field) and are
 * never returned; disconnecting clears them and keeps the row, so the webhook URL stays the same.
 */
export const lineChannels = pgTable(
  'line_channels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** 'active' | 'token_refused' (LINE answered 401: a new token is needed) | 'disconnected'. */
    status: text('status').notNull().default('active'),
    statusReason: text('status_reason'),
    statusAt: timestamp('status_at', { withTimezone: true }).notNull().defaultNow(),
    channelSecretSealed: text('channel_secret_sealed'),
    accessTokenSealed: text('access_token_sealed'),
    secretsSetAt: timestamp('secrets_set_at', { withTimezone: true }),
    /** From GET /v2/bot/info when the token was checked: the bot's own user ID, basic ID and name. */
    botUserId: text('bot_user_id'),
    basicId: text('basic_id'),
    displayName: text('display_name'),
    connectedBy: uuid('connected_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('line_channels_org_unique').on(t.organizationId)],
);

/**
 * One-time link codes: a person's (kind 'user') or a unit's group (kind 'group', organization_id = the
 * unit). Only the code's hash is kept; a used code stays (used_at) so a replay is told so.
 */
export const lineLinkCodes = pgTable(
  'line_link_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => lineChannels.id),
    kind: text('kind').notNull(),
    codeHash: text('code_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    organizationId: uuid('organization_id').references(() => organizations.id),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('line_link_codes_hash_unique').on(t.channelId, t.codeHash),
    index('line_link_codes_user_idx').on(t.userId),
  ],
);

/**
 * A LINE user (kind 'user', user_id) or group (kind 'group', organization_id = the unit) linked through
 * one channel; LINE's IDs differ between providers, so a link is per channel.
 * status: 'linked' | 'blocked' (unfollowed, or LINE refused a push to it) | 'unlinked' | 'left' (the bot left the group).
 */
export const lineLinks = pgTable(
  'line_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => lineChannels.id),
    kind: text('kind').notNull(),
    lineId: text('line_id').notNull(),
    userId: uuid('user_id').references(() => users.id),
    organizationId: uuid('organization_id').references(() => organizations.id),
    status: text('status').notNull().default('linked'),
    statusReason: text('status_reason'),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
    statusAt: timestamp('status_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('line_links_user_linked_unique')
      .on(t.channelId, t.userId)
      .where(sql`${t.status} = 'linked' and ${t.kind} = 'user'`),
    uniqueIndex('line_links_group_linked_unique')
      .on(t.channelId, t.organizationId)
      .where(sql`${t.status} = 'linked' and ${t.kind} = 'group'`),
    index('line_links_line_id_idx').on(t.channelId, t.lineId),
  ],
);

/** Webhook events already handled (LINE redelivers with the same webhookEventId); pruned after a day. */
export const lineWebhookEvents = pgTable(
  'line_webhook_events',
  {
    webhookEventId: text('webhook_event_id').primaryKey(),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => lineChannels.id),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    /** The LINE user or group the event came from (a code sent in chat is counted against it). */
    sourceId: text('source_id'),
    /** A link code in this event was refused (unknown, used, expired, wrong place, or too many tries). */
    codeRefused: boolean('code_refused').notNull().default(false),
  },
  (t) => [
    index('line_webhook_events_received_idx').on(t.receivedAt),
    index('line_webhook_events_refused_idx').on(t.channelId, t.sourceId, t.receivedAt),
  ],
);

/** How a person wants reminders: 'email' (the default, no row), 'line' or 'both'. */
export const notificationPreferences = pgTable('notification_preferences', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  channels: text('channels').notNull().default('email'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
