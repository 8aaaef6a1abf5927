import { z } from 'zod';

/** The agency account's connection: 'active', 'token_refused' (LINE refused the token: enter a new one), 'disconnected'. */
export const lineChannelStatusSchema = z.enum(['active', 'token_refused', 'disconnected']);

/** LINE's channel secret: 32 hexadecimal characters (LINE Developers → the channel → Basic settings). */
export const connectLineSchema = z.object({
  channelSecret: z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F]{32}$/, {
      message:
        'Channel secret ต้องเป็นอักษรฐานสิบหก 32 ตัว (LINE Developers → Basic settings → Channel secret) / must be 32 hexadecimal characters (LINE Developers → Basic settings → Channel secret)',
    }),
  accessToken: z
    .string()
    .trim()
    .min(20, {
      message:
        'Channel access token (long-lived) ยาวไม่พอ (LINE Developers → Messaging API → Channel access token) / too short (LINE Developers → Messaging API → Channel access token)',
    })
    .max(1000)
    .regex(/^[A-Za-z0-9+/=._-]+$/, {
      message:
        'Channel access token มีอักขระที่ไม่ใช่ของโทเค็น (ช่องว่างหรือขึ้นบรรทัดใหม่) / contains characters a token does not have (spaces or line breaks)',
    }),
});
export type ConnectLineInput = z.infer<typeof connectLineSchema>;

export const lineUsageSchema = z.object({
  /** YYYY-MM (Bangkok). */
  month: z.string(),
  /** Messages LINE accepted for delivery that month (a group message counts once here; LINE bills one per member). */
  delivered: z.number().int(),
  userMessages: z.number().int(),
  groupMessages: z.number().int(),
});

export const lineSettingsSchema = z.object({
  organizationId: z.uuid(),
  organizationNameTh: z.string(),
  /** Null: never connected. */
  channel: z
    .object({
      id: z.uuid(),
      status: lineChannelStatusSchema,
      statusReason: z.string().nullable(),
      statusAt: z.string(),
      /** When the secret and token were last set; they are never shown again. */
      secretsSetAt: z.string().nullable(),
      basicId: z.string().nullable(),
      displayName: z.string().nullable(),
      /** Paste in LINE Developers → Messaging API → Webhook URL. */
      webhookUrl: z.string(),
      linkedPeople: z.number().int(),
      linkedGroups: z.number().int(),
      undeliverable: z.number().int(),
      usage: z.array(lineUsageSchema),
    })
    .nullable(),
});
export type LineSettings = z.infer<typeof lineSettingsSchema>;

export const notifyChannelsSchema = z.enum(['email', 'line', 'both']);

export const lineLinkSchema = z.object({
  id: z.uuid(),
  channelId: z.uuid(),
  /** 'linked' | 'blocked' | 'unlinked' | 'left' */
  status: z.string(),
  statusReason: z.string().nullable(),
  linkedAt: z.string(),
  statusAt: z.string(),
});

export const lineAccountOptionSchema = z.object({
  channelId: z.uuid(),
  organizationNameTh: z.string(),
  basicId: z.string().nullable(),
  displayName: z.string().nullable(),
  /** https://line.me/R/ti/p/<basic ID>: opens LINE on the account's add-friend page. */
  addFriendUrl: z.string().nullable(),
  link: lineLinkSchema.nullable(),
  /** An unused code's expiry (the code itself is shown once, when made). */
  pendingCodeExpiresAt: z.string().nullable(),
});

export const myLineSchema = z.object({
  notify: notifyChannelsSchema,
  accounts: z.array(lineAccountOptionSchema),
  /** Units the person may link a LINE group for, with the group's link if any. */
  groups: z.array(
    z.object({
      unitId: z.uuid(),
      unitNameTh: z.string(),
      channelId: z.uuid(),
      link: lineLinkSchema.nullable(),
    }),
  ),
});
export type MyLine = z.infer<typeof myLineSchema>;

export const linkCodeSchema = z.object({
  code: z.string(),
  expiresAt: z.string(),
  basicId: z.string().nullable(),
  addFriendUrl: z.string().nullable(),
});

export const createLinkCodeSchema = z.object({ channelId: z.uuid() });
export const createGroupCodeSchema = z.object({ unitId: z.uuid() });
export const setNotifySchema = z.object({ notify: notifyChannelsSchema });
