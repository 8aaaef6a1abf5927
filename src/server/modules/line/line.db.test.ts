import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storePlan } from '#tests/support/assessment-fixtures.ts';
import {
  type LineApiServer,
  type LineBot,
  lineEvents,
  lineGroupId,
  lineSignature,
  lineUserId,
  postWebhook,
  startLineApiServer,
} from '#tests/support/line-api-server.ts';
import { createTestContext, json, type TestContext, type TestOrg } from '#tests/support/test-app.ts';
import {
  auditEvents,
  lineChannels,
  lineLinkCodes,
  lineLinks,
  lineWebhookEvents,
  outbox,
  reportSlots,
  rounds,
} from '../../db/schema/index.ts';
import { secretBoxWithKey } from '../../secrets/secret-box.ts';
import { planReminders, type ReminderConfig } from '../reminders/plan-reminders.ts';
import { sendOutbox } from '../reminders/send-outbox.ts';
import { LineChannel, lineMessages } from './line-channel.ts';

const bkk = (local: string) => new Date(`${local}+07:00`);
const config: ReminderConfig = { reminderDaysBefore: 3, publicUrl: 'https://ita.example.go.th/' };
const SECRET = '0123456789abcdef0123456789abcdef';
const KEY = randomBytes(32);

describe('LINE notifications', () => {
  let ctx: TestContext;
  let line: LineApiServer;
  let bot: LineBot;
  let root: TestOrg;
  let unitA: TestOrg;
  let secretariat: Awaited<ReturnType<TestContext['signedIn']>>;
  let reporter: Awaited<ReturnType<TestContext['signedIn']>>;
  let channelId: string;
  let roundId: string;
  let lineChannel: LineChannel;

  const webhook = (events: unknown[], signature?: 'good' | 'wrong' | 'missing', secret = SECRET) =>
    postWebhook((url, init) => ctx.app.request(url, init), `http://localhost/api/line/webhook/${channelId}`, {
      secret,
      destination: bot.userId,
      events,
      signature,
    });
  const linksOf = (userId: string) => ctx.db.select().from(lineLinks).where(eq(lineLinks.userId, userId));

  beforeAll(async () => {
    line = await startLineApiServer();
    bot = line.addBot({ displayName: 'สำนักงานจังหวัดทดสอบ', basicId: '@ita-test' });
    ctx = await createTestContext({
      config: { lineApiUrl: line.url, publicUrl: 'https://ita.example.go.th', secretsKey: KEY },
    });
    root = await ctx.org(null, { nameTh: 'สำนักงานจังหวัดทดสอบ' });
    unitA = await ctx.org(root, { nameTh: 'กองคลัง' });
    secretariat = await ctx.signedIn([{ role: 'secretariat', on: root }]);
    reporter = await ctx.signedIn([{ role: 'unit_reporter', on: unitA }]);
    const plan = await storePlan(ctx.db, root.id, unitA.id, 'approved');
    const [round] = await ctx.db
      .insert(rounds)
      .values({
        planId: plan.id,
        kind: '6m',
        labelTh: 'รอบ ๖ เดือน',
        periodStart: '2024-10-01',
        periodEnd: '2025-03-31',
        dueDate: '2025-05-01',
        status: 'open',
      })
      .returning();
    roundId = round!.id;
    await ctx.db
      .insert(reportSlots)
      .values([{ roundId, measureId: 'm1', unitId: unitA.id, state: 'pending' }]);
    lineChannel = new LineChannel({
      db: ctx.db,
      secretBox: secretBoxWithKey(KEY),
      apiUrl: line.url,
    });
  });

  afterAll(async () => {
    await ctx?.close();
    await line?.close();
  });

  it('refuses a token LINE refuses, naming the setting to fix, and stores nothing', async () => {
    const res = await secretariat.put(`/api/line/settings/${root.id}`, {
      channelSecret: SECRET,
      accessToken: 'not-a-token-line-knows-0123456789',
    });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error.code).toBe('line_token_refused');
    expect(body.error.message_en).toContain(
      'Channel access token (long-lived) in LINE Developers → Messaging API',
    );
    expect(body.error.message_th).toContain('Channel access token (long-lived)');
    expect(await ctx.db.select().from(lineChannels)).toHaveLength(0);
    expect(
      await ctx.db.select().from(auditEvents).where(eq(auditEvents.entityType, 'line_channel')),
    ).toHaveLength(0);
  });

  it('refuses a malformed channel secret, and anyone but the secretariat or an administrator', async () => {
    const bad = await secretariat.put(`/api/line/settings/${root.id}`, {
      channelSecret: 'abc',
      accessToken: bot.token,
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await json(bad))).toContain('Basic settings → Channel secret');
    const stranger = await reporter.put(`/api/line/settings/${root.id}`, {
      channelSecret: SECRET,
      accessToken: bot.token,
    });
    expect(stranger.status).toBe(403);
    expect(await ctx.db.select().from(lineChannels)).toHaveLength(0);
  });

  it('connects with a good token: sealed secrets never come back in any answer or audit record', async () => {
    const res = await secretariat.put(`/api/line/settings/${root.id}`, {
      channelSecret: SECRET,
      accessToken: bot.token,
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    const settings = JSON.parse(text);
    channelId = settings.channel.id;
    expect(settings.channel).toMatchObject({
      status: 'active',
      basicId: '@ita-test',
      displayName: 'สำนักงานจังหวัดทดสอบ',
      webhookUrl: `https://ita.example.go.th/api/line/webhook/${channelId}`,
    });
    expect(settings.channel.secretsSetAt).toBeTruthy();
    const listed = await (await secretariat.get('/api/line/settings')).text();
    const audits = JSON.stringify(await ctx.db.select().from(auditEvents));
    for (const seen of [text, listed, audits]) {
      expect(seen).not.toContain(SECRET);
      expect(seen).not.toContain(bot.token);
    }
    const [row] = await ctx.db.select().from(lineChannels);
    expect(row!.channelSecretSealed).not.toContain(SECRET);
    expect(row!.accessTokenSealed).not.toContain(bot.token);
  });

  it('refuses webhook calls with a missing or wrong signature and writes nothing', async () => {
    const code = (await json(await reporter.post('/api/line/me/codes', { channelId }))).code as string;
    const event = lineEvents.text({ type: 'user', userId: lineUserId() }, code);
    expect((await webhook([event], 'missing')).status).toBe(401);
    expect((await webhook([event], 'wrong')).status).toBe(401);
    expect((await webhook([event], 'good', 'fedcba9876543210fedcba9876543210')).status).toBe(401);
    expect(await ctx.db.select().from(lineLinks)).toHaveLength(0);
    expect(await ctx.db.select().from(lineWebhookEvents)).toHaveLength(0);
    expect(line.replied).toHaveLength(0);
  });

  it('links a person who sends their code in chat, once, and tells them so', async () => {
    const me = await json(await reporter.get('/api/line/me'));
    expect(me.notify).toBe('email');
    expect(me.accounts).toEqual([
      expect.objectContaining({
        channelId,
        basicId: '@ita-test',
        addFriendUrl: 'https://line.me/R/ti/p/%40ita-test',
        link: null,
      }),
    ]);
    const made = await json(await reporter.post('/api/line/me/codes', { channelId }));
    expect(made.code).toMatch(/^\d{6}$/);
    // Only one code is active: the one made in the test before was withdrawn.
    const codes = await ctx.db.select().from(lineLinkCodes).where(eq(lineLinkCodes.userId, reporter.id));
    expect(codes).toHaveLength(1);
    expect(codes[0]!.codeHash).not.toContain(made.code);

    const lineId = lineUserId();
    const event = lineEvents.text(
      { type: 'user', userId: lineId },
      `${made.code.slice(0, 3)} ${made.code.slice(3)}`,
    );
    const res = await webhook([event]);
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ handled: 1 });
    expect(await linksOf(reporter.id)).toEqual([
      expect.objectContaining({ lineId, status: 'linked', kind: 'user', channelId }),
    ]);
    expect(line.replied.at(-1)!.texts[0]).toContain('เรียบร้อยแล้ว');
    expect(line.replied.at(-1)!.token).toBe(bot.token);

    // LINE redelivers the same event: handled once.
    const replies = line.replied.length;
    expect(await json(await webhook([{ ...event, deliveryContext: { isRedelivery: true } }]))).toMatchObject({
      duplicate: 1,
    });
    expect(line.replied).toHaveLength(replies);

    // The same code again, from someone else: used, nothing linked.
    const thief = lineUserId();
    await webhook([lineEvents.text({ type: 'user', userId: thief }, made.code)]);
    expect(line.replied.at(-1)!.texts[0]).toContain('ถูกใช้ไปแล้ว');
    expect(await ctx.db.select().from(lineLinks).where(eq(lineLinks.lineId, thief))).toHaveLength(0);

    const after = await json(await reporter.get('/api/line/me'));
    expect(after.accounts[0].link).toMatchObject({ status: 'linked' });
  });

  it('checks the signature over the raw body as LINE sent it (spacing and \\u escapes kept)', async () => {
    const other = await ctx.signedIn([{ role: 'viewer', on: root }]);
    const made = await json(await other.post('/api/line/me/codes', { channelId }));
    const lineId = lineUserId();
    const event = lineEvents.text({ type: 'user', userId: lineId }, made.code);
    // LINE's bodies are not what JSON.stringify would write again: a re-serialised body would not verify.
    const raw = JSON.stringify({ destination: bot.userId, events: [event] }, null, 2).replace(
      '"type": "text"',
      '"type": "\\u0074ext"',
    );
    const send = (signature: string) =>
      ctx.app.request(`http://localhost/api/line/webhook/${channelId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'x-line-signature': signature },
        body: raw,
      });
    expect((await send(lineSignature(SECRET, JSON.stringify(JSON.parse(raw))))).status).toBe(401);
    expect((await send(lineSignature(SECRET, raw))).status).toBe(200);
    expect(await linksOf(other.id)).toEqual([expect.objectContaining({ lineId, status: 'linked' })]);
  });

  it('does not link with an expired, unknown or stale code', async () => {
    const other = await ctx.signedIn([{ role: 'unit_reporter', on: unitA }]);
    const made = await json(await other.post('/api/line/me/codes', { channelId }));
    await ctx.db
      .update(lineLinkCodes)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(lineLinkCodes.userId, other.id));
    await webhook([lineEvents.text({ type: 'user', userId: lineUserId() }, made.code)]);
    expect(line.replied.at(-1)!.texts[0]).toContain('หมดอายุ');

    const fresh = await json(await other.post('/api/line/me/codes', { channelId }));
    const wrong = fresh.code === '000000' ? '000001' : '000000';
    await webhook([lineEvents.text({ type: 'user', userId: lineUserId() }, wrong)]);
    expect(line.replied.at(-1)!.texts[0]).toContain('ไม่พบรหัสนี้');

    const stale = await json(
      await webhook([
        lineEvents.text({ type: 'user', userId: lineUserId() }, fresh.code, Date.now() - 6 * 60_000),
      ]),
    );
    expect(stale).toMatchObject({ stale: 1, handled: 0 });
    expect(await linksOf(other.id)).toHaveLength(0);
  });

  it('stops answering codes from a LINE user after five refused ones in ten minutes, even a right one', async () => {
    const other = await ctx.signedIn([{ role: 'unit_reporter', on: unitA }]);
    const made = await json(await other.post('/api/line/me/codes', { channelId }));
    const guesser = lineUserId();
    const wrongs = ['111111', '222222', '333333', '444444', '555555', '666666'].filter(
      (c) => c !== made.code,
    );
    for (const wrong of wrongs.slice(0, 5)) {
      await webhook([lineEvents.text({ type: 'user', userId: guesser }, wrong)]);
      expect(line.replied.at(-1)!.texts[0]).toContain('ไม่พบรหัสนี้');
    }
    await webhook([lineEvents.text({ type: 'user', userId: guesser }, made.code)]);
    expect(line.replied.at(-1)!.texts[0]).toContain('หลายครั้งเกินไป');
    expect(await linksOf(other.id)).toHaveLength(0);
    // Another LINE user is not held by the guesser's tries: the code still links.
    await webhook([lineEvents.text({ type: 'user', userId: lineUserId() }, made.code)]);
    expect(await linksOf(other.id)).toHaveLength(1);
  });

  it('links a unit’s LINE group with a group code, and unlinks it when the account leaves', async () => {
    const made = await json(await reporter.post('/api/line/group-codes', { unitId: unitA.id }));
    const groupId = lineGroupId();
    await webhook([lineEvents.join(groupId)]);
    expect(line.replied.at(-1)!.texts[0]).toContain('รหัสเชื่อมกลุ่ม');
    // A group code typed in a one-to-one chat is refused; in the group it links.
    await webhook([lineEvents.text({ type: 'user', userId: lineUserId() }, made.code)]);
    expect(line.replied.at(-1)!.texts[0]).toContain('เชื่อมกลุ่ม');
    expect(await ctx.db.select().from(lineLinks).where(eq(lineLinks.kind, 'group'))).toHaveLength(0);
    await webhook([lineEvents.text({ type: 'group', groupId, userId: lineUserId() }, made.code)]);
    expect(line.replied.at(-1)!.texts[0]).toContain('กองคลัง');
    const [group] = await ctx.db.select().from(lineLinks).where(eq(lineLinks.kind, 'group'));
    expect(group).toMatchObject({ lineId: groupId, organizationId: unitA.id, status: 'linked' });
    const me = await json(await reporter.get('/api/line/me'));
    expect(me.groups).toEqual([
      expect.objectContaining({ unitId: unitA.id, link: expect.objectContaining({ status: 'linked' }) }),
    ]);

    await webhook([lineEvents.leave(groupId)]);
    const [left] = await ctx.db.select().from(lineLinks).where(eq(lineLinks.id, group!.id));
    expect(left!.status).toBe('left');
    // Linked again for the reminders below.
    const again = await json(await reporter.post('/api/line/group-codes', { unitId: unitA.id }));
    await webhook([lineEvents.text({ type: 'group', groupId, userId: lineUserId() }, again.code)]);
  });

  it('sends a due-soon reminder by LINE exactly once across two passes, a retry and a lost acknowledgement', async () => {
    expect((await reporter.put('/api/line/me/notify', { notify: 'both' })).status).toBe(200);
    const now = bkk('2025-04-28T00:05:00');
    const first = await planReminders(ctx.db, now, config);
    const second = await planReminders(ctx.db, now, config);
    expect(first.line).toBe(2); // the reporter's copy and the unit's group
    expect(second.line).toBe(0);
    const [mine] = await ctx.db
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `line:due_soon:${roundId}:${reporter.id}:2025-05-01`));
    const [link] = (await linksOf(reporter.id)).filter((l) => l.status === 'linked');
    expect(mine).toMatchObject({
      channel: 'line',
      recipient: link!.lineId,
      senderId: channelId,
      status: 'pending',
    });
    expect(mine!.body).toContain('ใกล้ครบกำหนดส่งรายงาน');
    expect(mine!.body).toContain('https://ita.example.go.th/tasks');
    // E-mail too: the reporter chose both.
    expect(
      await ctx.db
        .select()
        .from(outbox)
        .where(eq(outbox.dedupeKey, `due_soon:${roundId}:${reporter.id}:2025-05-01`)),
    ).toHaveLength(1);

    const counted = async (result: string) =>
      (await lineMessages.get()).values.find((v) => v.labels.result === result)?.value ?? 0;
    const before = {
      sent: await counted('sent'),
      retry: await counted('retry'),
      duplicate: await counted('duplicate'),
    };
    line.failNext(500, 429);
    expect(await sendOutbox(ctx.db, lineChannel, { now })).toMatchObject({ sent: 0, retrying: 2 });
    expect(line.delivered).toHaveLength(0);
    const later = new Date(now.getTime() + 10 * 60_000);
    expect(await sendOutbox(ctx.db, lineChannel, { now: later })).toMatchObject({ sent: 2 });
    expect(await sendOutbox(ctx.db, lineChannel, { now: later })).toMatchObject({ sent: 0 });
    const toReporter = line.delivered.filter((d) => d.to === link!.lineId);
    expect(toReporter).toHaveLength(1);
    expect(toReporter[0]!.retryKey).toBe(mine!.id);
    expect(toReporter[0]!.texts[0]).toContain('ท่านยังมีรายงานที่ต้องส่ง 1 รายการ');
    const toGroup = line.delivered.filter((d) => d.to.startsWith('C'));
    expect(toGroup).toHaveLength(1);
    expect(toGroup[0]!.texts[0]).toContain('กองคลัง');

    // The process died after LINE accepted but before the row was marked: sent again, LINE answers 409.
    await ctx.db.update(outbox).set({ status: 'pending', claimedUntil: null }).where(eq(outbox.id, mine!.id));
    expect(await sendOutbox(ctx.db, lineChannel, { now: later })).toMatchObject({ sent: 1 });
    expect(line.delivered.filter((d) => d.to === link!.lineId)).toHaveLength(1);
    // /metrics: line_messages_total by result.
    expect((await counted('sent')) - before.sent).toBe(2);
    expect((await counted('retry')) - before.retry).toBe(2);
    expect((await counted('duplicate')) - before.duplicate).toBe(1);
  });

  it('records a recipient LINE will not deliver to, and does not try again', async () => {
    const blockedPerson = await ctx.signedIn([{ role: 'unit_reporter', on: unitA }]);
    const code = (await json(await blockedPerson.post('/api/line/me/codes', { channelId }))).code;
    const lineId = lineUserId();
    await webhook([lineEvents.text({ type: 'user', userId: lineId }, code)]);
    await blockedPerson.put('/api/line/me/notify', { notify: 'line' });
    line.block(lineId);
    const now = bkk('2025-04-29T08:00:00');
    await planReminders(ctx.db, now, config);
    // LINE alone: no e-mail row for this person.
    expect(await ctx.db.select().from(outbox).where(eq(outbox.recipient, blockedPerson.email))).toHaveLength(
      0,
    );
    expect(await sendOutbox(ctx.db, lineChannel, { now })).toMatchObject({ undeliverable: 1 });
    const [row] = await ctx.db.select().from(outbox).where(eq(outbox.recipient, lineId));
    expect(row).toMatchObject({ status: 'undeliverable' });
    expect(row!.lastError).toContain('Failed to send messages');
    expect((await linksOf(blockedPerson.id))[0]).toMatchObject({ status: 'blocked' });
    const requests = line.requests;
    expect(await sendOutbox(ctx.db, lineChannel, { now: new Date(now.getTime() + 3600_000) })).toMatchObject({
      sent: 0,
      undeliverable: 0,
    });
    expect(line.requests).toBe(requests);
    // With no usable link the next reminder goes by e-mail instead.
    await planReminders(ctx.db, bkk('2025-05-02T08:00:00'), config);
    expect(await ctx.db.select().from(outbox).where(eq(outbox.recipient, blockedPerson.email))).toHaveLength(
      1,
    );
  });

  it('marks a person who blocked the account (unfollow) and sends them nothing more', async () => {
    const [link] = (await linksOf(reporter.id)).filter((l) => l.status === 'linked');
    await webhook([lineEvents.unfollow(link!.lineId)]);
    expect((await ctx.db.select().from(lineLinks).where(eq(lineLinks.id, link!.id)))[0]!.status).toBe(
      'blocked',
    );
    const planned = await planReminders(ctx.db, bkk('2025-05-03T08:00:00'), config);
    const rows = await ctx.db.select().from(outbox).where(eq(outbox.recipient, link!.lineId));
    expect(rows.filter((r) => r.dedupeKey.endsWith(':2568-05-03'))).toHaveLength(0);
    expect(planned.queued.overdue).toBeGreaterThan(0);
    await webhook([lineEvents.follow(link!.lineId)]);
    expect((await ctx.db.select().from(lineLinks).where(eq(lineLinks.id, link!.id)))[0]!.status).toBe(
      'linked',
    );
  });

  it('holds the account’s messages when LINE refuses its token, and says which setting to fix', async () => {
    line.revokeToken(bot.token);
    const now = bkk('2025-05-04T08:00:00');
    await planReminders(ctx.db, now, config);
    const result = await sendOutbox(ctx.db, lineChannel, { now });
    expect(result.deferred).toBeGreaterThan(0);
    expect(result.sent).toBe(0);
    const [channel] = await ctx.db.select().from(lineChannels);
    expect(channel).toMatchObject({ status: 'token_refused' });
    const settings = await json(await secretariat.get(`/api/line/settings/${root.id}`));
    expect(settings.channel.status).toBe('token_refused');
    const held = await ctx.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.channel, 'line'), eq(outbox.status, 'pending')));
    expect(held.length).toBeGreaterThan(0);
    for (const r of held) expect(r.attempts).toBe(0);
    // Still refused an hour on (no attempt counted, nothing lost); a new token releases them at once.
    const fresh = line.addBot({ userId: bot.userId, basicId: bot.basicId, displayName: bot.displayName });
    expect(
      (
        await secretariat.put(`/api/line/settings/${root.id}`, {
          channelSecret: SECRET,
          accessToken: fresh.token,
        })
      ).status,
    ).toBe(200);
    expect(await sendOutbox(ctx.db, lineChannel, { now })).toMatchObject({ sent: held.length });
    bot = fresh;
  });

  it('counts delivered messages per month on the settings', async () => {
    const settings = await json(await secretariat.get(`/api/line/settings/${root.id}`));
    const sent = await ctx.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.channel, 'line'), eq(outbox.status, 'sent')));
    const april = sent.filter((r) => r.sentAt!.toISOString() < '2025-04-30T17:00:00Z');
    expect(settings.channel.usage).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ month: '2025-04', delivered: april.length }),
        expect.objectContaining({ month: '2025-05', delivered: sent.length - april.length }),
      ]),
    );
    expect(settings.channel.usage.find((u: { month: string }) => u.month === '2025-04').groupMessages).toBe(
      1,
    );
    expect(settings.channel.undeliverable).toBe(1);
  });

  it('unlinks a person’s LINE account', async () => {
    const [link] = (await linksOf(reporter.id)).filter((l) => l.status === 'linked');
    const res = await reporter.delete(`/api/line/links/${link!.id}`);
    expect(res.status).toBe(200);
    expect((await json(res)).accounts[0].link).toMatchObject({ status: 'unlinked' });
    expect((await secretariat.delete(`/api/line/links/${link!.id}`)).status).toBe(403);
  });

  it('disconnects: the sealed secrets are erased and the webhook no longer answers', async () => {
    const res = await secretariat.delete(`/api/line/settings/${root.id}`);
    expect((await json(res)).channel.status).toBe('disconnected');
    const [row] = await ctx.db.select().from(lineChannels);
    expect(row).toMatchObject({ channelSecretSealed: null, accessTokenSealed: null });
    expect((await webhook([lineEvents.follow(lineUserId())])).status).toBe(404);
  });
});
