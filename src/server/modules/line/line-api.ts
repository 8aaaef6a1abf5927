import type { messagingApi } from '@line/bot-sdk';
import { AppError } from '../../http/app-error.ts';

/*
 * LINE's Messaging API through the official SDK (@line/bot-sdk), loaded on first use: most processes
 * never talk to LINE, and the server's start stays light (tests/startup-footprint.test.ts).
 */
type Sdk = typeof import('@line/bot-sdk');
let sdk: Promise<Sdk> | undefined;
export const loadLineSdk = (): Promise<Sdk> => {
  sdk ??= import('@line/bot-sdk');
  return sdk;
};

export async function lineClient(
  apiUrl: string,
  accessToken: string,
): Promise<messagingApi.MessagingApiClient> {
  const { messagingApi } = await loadLineSdk();
  return new messagingApi.MessagingApiClient({ channelAccessToken: accessToken, baseURL: apiUrl });
}

/** A failed call to LINE: its HTTP status (0 when LINE was not reached) and LINE's own message. */
export type LineFailure = { status: number; message: string };

/** The status and message of an error thrown by the SDK (HTTPFetchError) or by fetch. */
export async function lineFailure(error: unknown): Promise<LineFailure> {
  const { HTTPFetchError } = await loadLineSdk();
  if (error instanceof HTTPFetchError) {
    let message = error.body;
    try {
      const parsed = JSON.parse(error.body) as {
        message?: string;
        details?: { message: string; property: string }[];
      };
      message = [parsed.message, ...(parsed.details ?? []).map((d) => `${d.property}: ${d.message}`)]
        .filter(Boolean)
        .join('; ');
    } catch {
      // LINE's body was not JSON: keep it as text.
    }
    return { status: error.status, message: `${error.status} ${message}`.slice(0, 500) };
  }
  return { status: 0, message: (error instanceof Error ? error.message : String(error)).slice(0, 500) };
}

export type BotInfo = { userId: string; basicId: string; displayName: string };

/** Where the token is found, named in every message that asks for a new one. */
export const TOKEN_SETTING = {
  th: 'Channel access token (long-lived) ใน LINE Developers → Messaging API',
  en: 'Channel access token (long-lived) in LINE Developers → Messaging API',
};

/**
 * Asks LINE who the token belongs to (GET /v2/bot/info). A token LINE refuses is a 400 naming the
 * setting to fix; LINE unreachable or failing is a 502; either way nothing is saved.
 */
export async function checkToken(apiUrl: string, accessToken: string): Promise<BotInfo> {
  const client = await lineClient(apiUrl, accessToken);
  try {
    const info = await client.getBotInfo();
    return { userId: info.userId, basicId: info.basicId, displayName: info.displayName };
  } catch (error) {
    const failure = await lineFailure(error);
    if (failure.status === 401 || failure.status === 403) {
      throw new AppError(
        400,
        'line_token_refused',
        `LINE ไม่ยอมรับโทเค็นนี้ กรุณาคัดลอก ${TOKEN_SETTING.th} มาใหม่ (กด Issue หากยังไม่มี) ยังไม่ได้บันทึกข้อมูลใด ๆ`,
        `LINE refused this token. Copy the ${TOKEN_SETTING.en} again (press Issue if there is none); nothing was saved`,
        [
          {
            path: 'accessToken',
            message_th: `LINE ไม่ยอมรับ ${TOKEN_SETTING.th}`,
            message_en: `LINE refused the ${TOKEN_SETTING.en}`,
          },
        ],
      );
    }
    throw new AppError(
      502,
      'line_unreachable',
      `ติดต่อ LINE เพื่อตรวจโทเค็นไม่ได้ (${failure.message}) กรุณาลองใหม่ภายหลัง ยังไม่ได้บันทึกข้อมูลใด ๆ`,
      `LINE could not be reached to check the token (${failure.message}); try again later. Nothing was saved`,
    );
  }
}

/** Purposes the channel's secrets are sealed for: a value copied to another row or field does not open. */
export const secretPurpose = {
  channelSecret: (channelId: string, organizationId: string) =>
    `line_channels:${channelId}:org:${organizationId}:channel_secret`,
  accessToken: (channelId: string, organizationId: string) =>
    `line_channels:${channelId}:org:${organizationId}:access_token`,
};
