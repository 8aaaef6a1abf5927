import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for LINE's Messaging API (https://api.line.me), checking requests the way LINE does:
 * - `Authorization: Bearer <token>` must be a token it knows (401 with LINE's error body otherwise);
 * - a push's `X-Line-Retry-Key` must be a UUID; a key already accepted answers 409 and delivers nothing;
 * - a push's body must have `to` and 1–5 messages, each a text of 1–5,000 characters (400 with `details`);
 * - a recipient marked blocked (or not a friend) is refused with 400 "Failed to send messages";
 * - `failNext(status)` answers the next pushes with a server error or 429, to test retries.
 * It serves GET /v2/bot/info, POST /v2/bot/message/push and /reply, and records what it delivered.
 */
export type LineBot = { token: string; userId: string; basicId: string; displayName: string };
export type Delivered = { token: string; to: string; texts: string[]; retryKey: string | null };
export type Replied = { token: string; replyToken: string; texts: string[] };

const AUTH_FAILED = {
  message: 'Authentication failed. Confirm that the access token in the authorization header is valid.',
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Detail = { message: string; property: string };

function messageDetails(messages: unknown): Detail[] {
  if (!Array.isArray(messages) || messages.length === 0)
    return [{ message: 'Size must be between 1 and 5', property: 'messages' }];
  if (messages.length > 5) return [{ message: 'Size must be between 1 and 5', property: 'messages' }];
  const details: Detail[] = [];
  messages.forEach((m, i) => {
    const msg = m as { type?: unknown; text?: unknown };
    if (msg.type !== 'text')
      details.push({
        message: 'Must be one of the following values: [text, …]',
        property: `messages[${i}].type`,
      });
    else if (typeof msg.text !== 'string' || msg.text.length === 0)
      details.push({ message: 'May not be empty', property: `messages[${i}].text` });
    else if (msg.text.length > 5000)
      details.push({ message: 'Length must be between 0 and 5000', property: `messages[${i}].text` });
  });
  return details;
}

export async function startLineApiServer() {
  const bots = new Map<string, LineBot>();
  const delivered: Delivered[] = [];
  const replied: Replied[] = [];
  const blocked = new Set<string>();
  const acceptedKeys = new Map<string, string>();
  const failures: number[] = [];
  let requests = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests += 1;
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const bot = token ? bots.get(token) : undefined;
      if (!bot || !token) return send(401, AUTH_FAILED);
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (req.method === 'GET' && url.pathname === '/v2/bot/info') {
        return send(200, {
          userId: bot.userId,
          basicId: bot.basicId,
          displayName: bot.displayName,
          chatMode: 'bot',
          markAsReadMode: 'auto',
        });
      }
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        return send(400, {
          message: 'The request body has 1 error(s)',
          details: [{ message: 'Invalid JSON', property: '' }],
        });
      }
      const texts = Array.isArray(body.messages)
        ? body.messages.map((m: { text?: string }) => m.text ?? '')
        : [];
      if (req.method === 'POST' && url.pathname === '/v2/bot/message/reply') {
        const details = messageDetails(body.messages);
        if (typeof body.replyToken !== 'string')
          details.push({ message: 'Must not be null', property: 'replyToken' });
        if (details.length > 0)
          return send(400, { message: `The request body has ${details.length} error(s)`, details });
        replied.push({ token, replyToken: body.replyToken as string, texts });
        return send(200, { sentMessages: texts.map(() => ({ id: randomUUID(), quoteToken: randomUUID() })) });
      }
      if (req.method === 'POST' && url.pathname === '/v2/bot/message/push') {
        const retryKey = req.headers['x-line-retry-key'];
        const key = typeof retryKey === 'string' ? retryKey : null;
        if (key !== null && !UUID.test(key))
          return send(400, { message: "The value for the 'X-Line-Retry-Key' header is invalid" });
        const failure = failures.shift();
        if (failure === 429)
          return send(429, { message: 'The API rate limit has been exceeded. Try again later.' });
        if (failure !== undefined)
          return send(failure, { message: 'An error occurred in the internal server' });
        if (key !== null && acceptedKeys.has(`${token}:${key}`)) {
          return send(
            409,
            { message: 'The retry key is already accepted', sentMessages: [] },
            { 'x-line-accepted-request-id': acceptedKeys.get(`${token}:${key}`)! },
          );
        }
        const details = messageDetails(body.messages);
        if (typeof body.to !== 'string' || body.to === '')
          details.push({ message: 'Must not be null', property: 'to' });
        if (details.length > 0)
          return send(400, { message: `The request body has ${details.length} error(s)`, details });
        if (blocked.has(body.to as string)) return send(400, { message: 'Failed to send messages' });
        const requestId = randomUUID();
        if (key !== null) acceptedKeys.set(`${token}:${key}`, requestId);
        delivered.push({ token, to: body.to as string, texts, retryKey: key });
        return send(
          200,
          { sentMessages: texts.map(() => ({ id: randomUUID(), quoteToken: randomUUID() })) },
          { 'x-line-request-id': requestId },
        );
      }
      return send(404, { message: 'Not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    delivered,
    replied,
    get requests() {
      return requests;
    },
    /** A bot LINE knows, with its long-lived channel access token. */
    addBot(bot: Partial<LineBot> = {}): LineBot {
      const made: LineBot = {
        token: bot.token ?? `token-${randomUUID()}`,
        userId: bot.userId ?? `U${randomUUID().replaceAll('-', '')}`,
        basicId: bot.basicId ?? `@${Math.random().toString(36).slice(2, 9)}`,
        displayName: bot.displayName ?? 'สำนักงานจังหวัด ITA',
      };
      bots.set(made.token, made);
      return made;
    },
    /** The agency reissued its token in LINE Developers: the old one is refused from now on. */
    revokeToken(token: string) {
      bots.delete(token);
    },
    /** The recipient blocked the account (or is no longer a friend): pushes to it are refused. */
    block(lineId: string) {
      blocked.add(lineId);
    },
    /** The next pushes answer with these statuses (500, 503, 429…) before any check of their body. */
    failNext(...statuses: number[]) {
      failures.push(...statuses);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type LineApiServer = Awaited<ReturnType<typeof startLineApiServer>>;

/** A LINE user ID or group ID as LINE writes them: U/C + 32 hex digits. */
export const lineUserId = () => `U${randomUUID().replaceAll('-', '')}`;
export const lineGroupId = () => `C${randomUUID().replaceAll('-', '')}`;

type Source = { type: 'user'; userId: string } | { type: 'group'; groupId: string; userId?: string };

const common = (source: Source, at: number) => ({
  webhookEventId: `01${randomUUID().replaceAll('-', '').toUpperCase().slice(0, 24)}`,
  deliveryContext: { isRedelivery: false },
  timestamp: at,
  source,
  mode: 'active',
});

/** Webhook events shaped as LINE sends them. */
export const lineEvents = {
  text: (source: Source, text: string, at = Date.now()) => ({
    type: 'message',
    replyToken: randomUUID().replaceAll('-', ''),
    message: { id: String(Math.floor(Math.random() * 1e15)), type: 'text', text, quoteToken: randomUUID() },
    ...common(source, at),
  }),
  follow: (userId: string, at = Date.now()) => ({
    type: 'follow',
    replyToken: randomUUID().replaceAll('-', ''),
    follow: { isUnblocked: false },
    ...common({ type: 'user', userId }, at),
  }),
  unfollow: (userId: string, at = Date.now()) => ({
    type: 'unfollow',
    ...common({ type: 'user', userId }, at),
  }),
  join: (groupId: string, at = Date.now()) => ({
    type: 'join',
    replyToken: randomUUID().replaceAll('-', ''),
    ...common({ type: 'group', groupId }, at),
  }),
  leave: (groupId: string, at = Date.now()) => ({ type: 'leave', ...common({ type: 'group', groupId }, at) }),
};

/** LINE's signature: base64 HMAC-SHA256 of the raw body under the channel secret. */
export const lineSignature = (secret: string, body: string) =>
  createHmac('sha256', secret).update(body).digest('base64');

/**
 * Posts webhook events to the app as LINE does (`x-line-signature` over the raw body); `signature`
 * 'wrong' signs with another secret, 'missing' sends none. `fetchLike` is app.request or fetch.
 */
export function postWebhook(
  fetchLike: (url: string, init: RequestInit) => Response | Promise<Response>,
  url: string,
  options: {
    secret: string;
    destination: string;
    events: unknown[];
    signature?: 'good' | 'wrong' | 'missing';
  },
) {
  const body = JSON.stringify({ destination: options.destination, events: options.events });
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'LineBotWebhook/2.0',
  };
  const mode = options.signature ?? 'good';
  if (mode === 'good') headers['x-line-signature'] = lineSignature(options.secret, body);
  if (mode === 'wrong') headers['x-line-signature'] = lineSignature(`${options.secret}-not`, body);
  return fetchLike(url, { method: 'POST', headers, body });
}
