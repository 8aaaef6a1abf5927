import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storePlan } from '#tests/support/assessment-fixtures.ts';
import { createTestContext, type TestContext, type TestOrg } from '#tests/support/test-app.ts';
import { freePort } from '../../../../tests/support/embedded-server.ts';
import { startSmtpServer } from '../../../../tests/support/smtp-server.ts';
import { auditEvents, outbox, reportSlots, rounds, users } from '../../db/schema/index.ts';
import type { MessageChannel, OutgoingMessage } from './channel.ts';
import { EmailChannel } from './email-channel.ts';
import { planReminders, type ReminderConfig } from './plan-reminders.ts';
import { reminderJob } from './reminder-job.ts';
import { MAX_ATTEMPTS, retryDelaySeconds, sendOutbox } from './send-outbox.ts';

/** Bangkok is UTC+7: these are instants named by their Bangkok wall-clock time. */
const bkk = (local: string) => new Date(`${local}+07:00`);
const config: ReminderConfig = { reminderDaysBefore: 3, publicUrl: 'https://ita.example.go.th/' };

/** RFC 2047 words (`=?UTF-8?B?…?=`) back to text; adjacent words are joined before UTF-8 decoding. */
function decodeWords(value: string): string {
  const parts: (string | Buffer)[] = [];
  const re = /=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g;
  let last = 0;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const between = value.slice(last, m.index);
    if (!(parts.length > 0 && Buffer.isBuffer(parts.at(-1)) && /^\s*$/.test(between))) parts.push(between);
    const bytes =
      m[2]!.toUpperCase() === 'B'
        ? Buffer.from(m[3]!, 'base64')
        : Buffer.from(
            m[3]!
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          );
    const prev = parts.at(-1);
    if (Buffer.isBuffer(prev)) parts[parts.length - 1] = Buffer.concat([prev, bytes]);
    else parts.push(bytes);
    last = re.lastIndex;
  }
  parts.push(value.slice(last));
  return parts.map((p) => (Buffer.isBuffer(p) ? p.toString('utf8') : p)).join('');
}

function header(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line === undefined ? undefined : decodeWords(line.slice(name.length + 1).trim());
}

/** The decoded text of the first MIME part with the given content type. */
function partText(raw: string, contentType: string): string | undefined {
  for (const part of raw.split(/\r?\n--[^\r\n]+/)) {
    const type = header(part.trimStart(), 'Content-Type');
    if (!type?.toLowerCase().startsWith(contentType)) continue;
    const encoding = header(part.trimStart(), 'Content-Transfer-Encoding')?.toLowerCase();
    const body = part
      .trimStart()
      .split(/\r?\n\r?\n/)
      .slice(1)
      .join('\n\n');
    if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    if (encoding === 'quoted-printable') {
      const bytes = body
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
      return Buffer.from(bytes, 'latin1').toString('utf8');
    }
    return body;
  }
  return undefined;
}

class RecordingChannel implements MessageChannel {
  readonly name = 'email';
  readonly sent: OutgoingMessage[] = [];
  closed = false;
  close() {
    this.closed = true;
  }
  async send(message: OutgoingMessage) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.sent.push(message);
  }
}

describe('reminders', () => {
  let ctx: TestContext;
  let root: TestOrg;
  let unitA: TestOrg;
  let unitB: TestOrg;
  let roundId: string;
  let reporterA: { id: string; email: string };
  let rootReporter: { id: string; email: string };
  let secretariat: { id: string; email: string };

  const outboxRows = () => ctx.db.select().from(outbox).orderBy(asc(outbox.createdAt), asc(outbox.dedupeKey));

  beforeAll(async () => {
    ctx = await createTestContext();
    root = await ctx.org(null, { nameTh: 'สำนักงานจังหวัด' });
    unitA = await ctx.org(root, { nameTh: 'กองคลัง' });
    unitB = await ctx.org(root, { nameTh: 'กองช่าง' });
    const subA = await ctx.org(unitA, { nameTh: 'งานพัสดุ' });
    reporterA = await ctx.user([{ role: 'unit_reporter', on: unitA }], 'reporter-a@test.local');
    rootReporter = await ctx.user([{ role: 'unit_reporter', on: root }], 'reporter-root@test.local');
    await ctx.user([{ role: 'unit_reporter', on: unitB }], 'reporter-b@test.local');
    await ctx.user([{ role: 'unit_reporter', on: subA }], 'reporter-sub@test.local');
    await ctx.user([{ role: 'unit_reporter', on: null }], 'reporter-everywhere@test.local');
    // An account from an identity provider that gave no e-mail (ThaID): a reserved address no mail reaches.
    await ctx.user([{ role: 'unit_reporter', on: unitA }], '0a1b2c3d.5e6f7a8b9c@identity.invalid');
    const inactive = await ctx.user([{ role: 'unit_reporter', on: unitA }], 'reporter-gone@test.local');
    await ctx.db.update(users).set({ active: false }).where(eq(users.id, inactive.id));
    secretariat = await ctx.user([{ role: 'secretariat', on: root }], 'secretariat@test.local');
    await ctx.user([{ role: 'secretariat', on: unitA }], 'secretariat-a@test.local');

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
    await ctx.db.insert(reportSlots).values([
      { roundId, measureId: 'm1', unitId: unitA.id, state: 'pending' },
      { roundId, measureId: 'm2', unitId: unitA.id, state: 'draft' },
      { roundId, measureId: 'm1', unitId: unitB.id, state: 'submitted' },
    ]);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('queues nothing before the reminder window', async () => {
    const planned = await planReminders(ctx.db, bkk('2025-04-27T23:59:00'), config);
    expect(planned.queued).toEqual({ due_soon: 0, overdue: 0, all_submitted: 0 });
    expect(await outboxRows()).toHaveLength(0);
  });

  it('queues one due-soon reminder per reporter of a unit with open slots, however often it runs', async () => {
    const now = bkk('2025-04-28T00:05:00');
    const first = await planReminders(ctx.db, now, config);
    const again = await Promise.all([planReminders(ctx.db, now, config), planReminders(ctx.db, now, config)]);
    expect(first.queued).toEqual({ due_soon: 2, overdue: 0, all_submitted: 0 });
    for (const run of again) expect(run.queued).toEqual({ due_soon: 0, overdue: 0, all_submitted: 0 });

    const rows = await outboxRows();
    // Unit A's reporter and the reporter holding the role above it; not B (all in), not a sub-unit's
    // reporter, not a deployment-wide grant, not an inactive user, not a reserved address (…@identity.invalid).
    expect(rows.map((r) => r.recipient).sort()).toEqual([reporterA.email, rootReporter.email].sort());
    const mine = rows.find((r) => r.recipient === reporterA.email)!;
    expect(mine).toMatchObject({
      channel: 'email',
      status: 'pending',
      attempts: 0,
      dedupeKey: `due_soon:${roundId}:${reporterA.id}:2025-05-01`,
    });
    expect(mine.subject).toContain('ใกล้ครบกำหนดส่งรายงาน รอบ ๖ เดือน (1 พฤษภาคม 2568)');
    expect(mine.body).toContain('ยังมีรายงานที่ท่านต้องส่ง 2 รายการ');
    expect(mine.body).toContain('https://ita.example.go.th/tasks');

    const audits = await ctx.db.select().from(auditEvents).where(eq(auditEvents.action, 'reminder.queued'));
    expect(audits).toHaveLength(2);
    expect(audits[0]).toMatchObject({ entityType: 'outbox', organizationId: root.id, actorUserId: null });
  });

  it('queues an overdue reminder once per Bangkok day', async () => {
    // 00:30 on 2 May in Bangkok is still 1 May in UTC: the day is Bangkok's.
    const day1 = await planReminders(ctx.db, bkk('2025-05-02T00:30:00'), config);
    expect(day1.queued).toEqual({ due_soon: 0, overdue: 2, all_submitted: 0 });
    expect((await planReminders(ctx.db, bkk('2025-05-02T23:50:00'), config)).queued.overdue).toBe(0);
    expect((await planReminders(ctx.db, bkk('2025-05-03T08:00:00'), config)).queued.overdue).toBe(2);

    const overdue = (await outboxRows()).filter(
      (r) => r.recipient === reporterA.email && r.dedupeKey.startsWith('overdue:'),
    );
    expect(overdue.map((r) => r.dedupeKey)).toEqual([
      `overdue:${roundId}:${reporterA.id}:2568-05-02`,
      `overdue:${roundId}:${reporterA.id}:2568-05-03`,
    ]);
    expect(overdue[0]!.subject).toContain('มาแล้ว 1 วัน');
    expect(overdue[1]!.subject).toContain('มาแล้ว 2 วัน');
  });

  it('tells the plan organisation’s secretariat once when every slot is in', async () => {
    await ctx.db
      .update(reportSlots)
      .set({ state: 'submitted' })
      .where(and(eq(reportSlots.roundId, roundId), eq(reportSlots.measureId, 'm1')));
    // One slot left open: no message to the secretariat yet, and unit A is still late.
    expect((await planReminders(ctx.db, bkk('2025-05-04T08:00:00'), config)).queued).toEqual({
      due_soon: 0,
      overdue: 2,
      all_submitted: 0,
    });
    await ctx.db.update(reportSlots).set({ state: 'accepted' }).where(eq(reportSlots.measureId, 'm2'));

    const done = await planReminders(ctx.db, bkk('2025-05-04T09:00:00'), config);
    expect(done.queued).toEqual({ due_soon: 0, overdue: 0, all_submitted: 1 });
    expect((await planReminders(ctx.db, bkk('2025-05-05T09:00:00'), config)).queued).toEqual({
      due_soon: 0,
      overdue: 0,
      all_submitted: 0,
    });
    const [message] = (await outboxRows()).filter((r) => r.dedupeKey.startsWith('all_submitted:'));
    expect(message).toMatchObject({
      recipient: secretariat.email,
      dedupeKey: `all_submitted:${roundId}:${secretariat.id}`,
    });
    expect(message!.body).toContain('รายงานทั้งหมด 3 รายการ: ตรวจรับแล้ว 1 รายการ รอตรวจ 2 รายการ');
  });

  it('sends the outbox through a real SMTP server, once', async () => {
    const smtp = await startSmtpServer();
    const channel = new EmailChannel({
      smtpUrl: smtp.url,
      from: 'Prongsai <no-reply@ita.example.go.th>',
    });
    try {
      const pending = await outboxRows();
      expect(pending).toHaveLength(9);
      const now = bkk('2025-05-05T10:00:00');
      const result = await sendOutbox(ctx.db, channel, { now, batch: 3 });
      expect(result).toEqual({ sent: 3, retrying: 0, failed: 0, undeliverable: 0, deferred: 0 });
      expect(await sendOutbox(ctx.db, channel, { now, batch: 50 })).toEqual({
        sent: 6,
        retrying: 0,
        failed: 0,
        undeliverable: 0,
        deferred: 0,
      });
      expect(await sendOutbox(ctx.db, channel, { now, batch: 50 })).toEqual({
        sent: 0,
        retrying: 0,
        failed: 0,
        undeliverable: 0,
        deferred: 0,
      });

      expect(smtp.received).toHaveLength(9);
      const rows = await outboxRows();
      expect(rows.every((r) => r.status === 'sent' && r.attempts === 1 && r.claimedUntil === null)).toBe(
        true,
      );
      expect(rows.every((r) => r.sentAt?.getTime() === now.getTime())).toBe(true);

      const toSecretariat = smtp.received.find((m) => m.to.includes(secretariat.email))!;
      expect(toSecretariat.from).toBe('no-reply@ita.example.go.th');
      expect(header(toSecretariat.raw, 'Subject')).toBe(
        '[โปร่งใส] ทุกหน่วยงานส่งรายงาน รอบ ๖ เดือน ครบแล้ว / All reports are in',
      );
      expect(partText(toSecretariat.raw, 'text/plain')).toContain('ทุกหน่วยงานส่งรายงานรอบ "รอบ ๖ เดือน"');
      expect(partText(toSecretariat.raw, 'text/html')).toContain(`<a href="https://ita.example.go.th/plans/`);
      const dueSoon = smtp.received.find((m) => m.to.includes(reporterA.email))!;
      expect(header(dueSoon.raw, 'Subject')).toBe(
        '[โปร่งใส] ใกล้ครบกำหนดส่งรายงาน รอบ ๖ เดือน (1 พฤษภาคม 2568) / Report due 1 May 2568 BE',
      );
    } finally {
      channel.close();
      await smtp.close();
    }
  });

  it('two senders at once never send a message twice', async () => {
    const keys = Array.from({ length: 12 }, (_, i) => `test:parallel:${i}`);
    await ctx.db.insert(outbox).values(
      keys.map((dedupeKey) => ({
        channel: 'email',
        recipient: 'x@test.local',
        subject: dedupeKey,
        body: 'b',
        dedupeKey,
      })),
    );
    const channel = new RecordingChannel();
    const now = new Date();
    const results = await Promise.all([
      sendOutbox(ctx.db, channel, { now, batch: 5 }),
      sendOutbox(ctx.db, channel, { now, batch: 5 }),
      sendOutbox(ctx.db, channel, { now, batch: 5 }),
    ]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(12);
    expect(channel.sent.map((m) => m.subject).sort()).toEqual([...keys].sort());
    // A channel only takes its own rows.
    const line: MessageChannel = { name: 'line', send: async () => {} };
    await ctx.db.insert(outbox).values({
      channel: 'email',
      recipient: 'y@test.local',
      subject: 's',
      body: 'b',
      dedupeKey: 'test:email-only',
    });
    expect(await sendOutbox(ctx.db, line, { now })).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
      undeliverable: 0,
      deferred: 0,
    });
    await ctx.db.update(outbox).set({ status: 'sent' }).where(eq(outbox.dedupeKey, 'test:email-only'));
  });

  it('a failing SMTP server: attempts counted, retried later, failed after the last attempt', async () => {
    const channel = new EmailChannel({
      smtpUrl: `smtp://127.0.0.1:${await freePort()}`,
      from: 'p@test.local',
    });
    await ctx.db.insert(outbox).values({
      channel: 'email',
      recipient: 'z@test.local',
      subject: 'ลองส่ง',
      body: 'b',
      dedupeKey: 'test:failing',
    });
    const row = async () =>
      (await ctx.db.select().from(outbox).where(eq(outbox.dedupeKey, 'test:failing')))[0]!;
    let now = bkk('2025-05-06T10:00:00');
    try {
      for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
        expect(await sendOutbox(ctx.db, channel, { now })).toEqual({
          sent: 0,
          retrying: 1,
          failed: 0,
          undeliverable: 0,
          deferred: 0,
        });
        const r = await row();
        expect(r).toMatchObject({ status: 'pending', attempts: attempt, sentAt: null });
        expect(r.lastError).toMatch(/ECONNREFUSED|connect/i);
        // Not retried before its delay is up.
        expect(await sendOutbox(ctx.db, channel, { now })).toEqual({
          sent: 0,
          retrying: 0,
          failed: 0,
          undeliverable: 0,
          deferred: 0,
        });
        now = new Date(now.getTime() + (retryDelaySeconds(attempt) + 1) * 1000);
      }
      expect(await sendOutbox(ctx.db, channel, { now })).toEqual({
        sent: 0,
        retrying: 0,
        failed: 1,
        undeliverable: 0,
        deferred: 0,
      });
      expect(await row()).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, claimedUntil: null });
      now = new Date(now.getTime() + 86_400_000);
      expect(await sendOutbox(ctx.db, channel, { now })).toEqual({
        sent: 0,
        retrying: 0,
        failed: 0,
        undeliverable: 0,
        deferred: 0,
      });
      const failed = await ctx.db.select().from(auditEvents).where(eq(auditEvents.action, 'reminder.failed'));
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatchObject({ entityType: 'outbox', entityId: (await row()).id });
    } finally {
      channel.close();
    }
  });

  it('the job plans and sends; a second pass sends nothing again', async () => {
    await ctx.db.insert(outbox).values({
      channel: 'email',
      recipient: 'w@test.local',
      subject: 'งาน',
      body: 'b',
      dedupeKey: 'test:worker',
    });
    const channel = new RecordingChannel();
    const job = reminderJob({ db: ctx.db, channel, config });
    await job.run(new AbortController().signal, {});
    await job.run(new AbortController().signal, {});
    expect(channel.sent.map((m) => m.recipient)).toEqual(['w@test.local']);
    const [row] = await ctx.db.select().from(outbox).where(eq(outbox.dedupeKey, 'test:worker'));
    expect(row!.status).toBe('sent');
  });
});
