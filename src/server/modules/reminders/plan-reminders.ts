import { sql } from 'drizzle-orm';
import { BANGKOK } from '#shared/format/thai.ts';
import { type Db, queryRows } from '../../db/client.ts';
import { outbox } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { planLineReminders } from '../line/line-reminders.ts';
import type { ChannelName } from './channel.ts';
import { mailDeliverable } from './rules/addresses.ts';
import { type ReminderTemplate, renderReminder } from './templates.ts';

export type ReminderConfig = {
  /** Remind unit reporters this many days before the due date (REMINDER_DAYS_BEFORE). */
  reminderDaysBefore: number;
  /** Links in messages are made from it; none when unset. */
  publicUrl: string | undefined;
  /** The outbox channel reminders are written for; 'email' unless told. */
  channel?: ChannelName;
};

export type ReminderKind = ReminderTemplate['kind'];
export type PlannedReminders = {
  queued: Record<ReminderKind, number>;
  /** LINE messages queued (people's copies and units' groups; docs/decisions/023-line-notifications.md). */
  line?: number;
};

/** Slots a unit reporter still has to send; submitted and accepted ones are in. */
const OPEN_STATES = ['pending', 'draft', 'returned'] as const;

/** The calendar date in Bangkok, YYYY-MM-DD. */
export function bangkokDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: BANGKOK,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** Whole days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** 2025-05-01 → 2568-05-01: the Buddhist-era date used in the once-a-day overdue key. */
export function buddhistIsoDate(iso: string): string {
  return `${Number(iso.slice(0, 4)) + 543}${iso.slice(4)}`;
}

/** The unit reporter's list of reports to send (the UI's "งานของหน่วยงาน" page). */
export const REPORTER_INBOX_PATH = '/tasks';

const joinUrl = (base: string | undefined, path: string) =>
  base ? `${base.replace(/\/+$/, '')}${path}` : null;

type ReporterRow = {
  round_id: string;
  round_label: string;
  due_date: string;
  plan_id: string;
  plan_org_id: string;
  plan_title: string | null;
  user_id: string;
  email: string;
  display_name: string;
  open_slots: number;
};

type CompleteRow = {
  round_id: string;
  round_label: string;
  plan_id: string;
  plan_org_id: string;
  plan_title: string | null;
  total_slots: number;
  accepted_slots: number;
  user_id: string;
  email: string;
  display_name: string;
};

type Planned = {
  kind: ReminderKind;
  dedupeKey: string;
  recipient: string;
  userId: string;
  roundId: string;
  organizationId: string;
  template: ReminderTemplate;
};

/**
 * Unit reporters of open rounds that are due within `daysBefore` days or past due, with the number of
 * slots they can still send. A reporter is one holding `unit_reporter` on the slot's unit or on an
 * organisation above it (a grant covers its subtree, as everywhere else); deployment-wide grants and
 * inactive users are left out.
 */
function reportersToRemind(db: Db, today: string, daysBefore: number) {
  const open = sql.join(
    OPEN_STATES.map((s) => sql`${s}`),
    sql`, `,
  );
  return queryRows<ReporterRow>(
    db,
    sql`
      select r.id as round_id, r.label_th as round_label, r.due_date::text as due_date,
             p.id as plan_id, p.organization_id as plan_org_id, p.content->>'title' as plan_title,
             u.id as user_id, u.email, u.display_name, count(distinct s.id)::int as open_slots
      from rounds r
      join plans p on p.id = r.plan_id
      join report_slots s on s.round_id = r.id and s.state in (${open})
      join organizations unit on unit.id = s.unit_id
      join role_assignments ra on ra.role = 'unit_reporter' and ra.organization_id is not null
      join organizations g on g.id = ra.organization_id and starts_with(unit.path, g.path)
      join users u on u.id = ra.user_id and u.active
      where r.status = 'open' and r.due_date <= ${today}::date + ${daysBefore}::int
      group by r.id, p.id, u.id
      order by r.id, u.id`,
  );
}

/** Open rounds whose every slot is submitted or accepted, with the secretariat of the plan's organisation. */
function completeRounds(db: Db) {
  return queryRows<CompleteRow>(
    db,
    sql`
      with complete as (
        select r.id as round_id, r.label_th as round_label, p.id as plan_id,
               p.organization_id as plan_org_id, p.content->>'title' as plan_title,
               count(*)::int as total_slots, count(*) filter (where s.state = 'accepted')::int as accepted_slots
        from rounds r
        join plans p on p.id = r.plan_id
        join report_slots s on s.round_id = r.id
        where r.status = 'open'
        group by r.id, p.id
        having bool_and(s.state in ('submitted', 'accepted'))
      )
      select c.*, u.id as user_id, u.email, u.display_name
      from complete c
      join role_assignments ra on ra.role = 'secretariat' and ra.organization_id = c.plan_org_id
      join users u on u.id = ra.user_id and u.active
      order by c.round_id, u.id`,
  );
}

/**
 * Works out which reminders are due at `now` and writes them to the outbox. Every reminder has a
 * deterministic dedupe key and goes in with ON CONFLICT DO NOTHING, so running this again, or in two
 * processes at once, never doubles a message:
 *
 * - `due_soon:<round>:<user>:<due date>`: once per round and due date (a moved due date reminds again);
 * - `overdue:<round>:<user>:<BE date>`: once per Bangkok day while the reporter still has open slots;
 * - `all_submitted:<round>:<user>`: once per round, to the plan organisation's secretariat.
 *
 * Each newly queued message is audited in the same transaction. People who chose LINE (and units with
 * a linked group) get LINE rows too, keyed `line:<e-mail key>` (line/line-reminders.ts).
 */
export async function planReminders(db: Db, now: Date, config: ReminderConfig): Promise<PlannedReminders> {
  const today = bangkokDate(now);
  const channel = config.channel ?? 'email';
  const inbox = joinUrl(config.publicUrl, REPORTER_INBOX_PATH);
  const planned: Planned[] = [];

  for (const row of await reportersToRemind(db, today, config.reminderDaysBefore)) {
    const daysLeft = daysBetween(today, row.due_date);
    const common = {
      recipientName: row.display_name,
      roundLabel: row.round_label,
      planTitle: row.plan_title ?? '',
      dueDate: row.due_date,
      openSlots: row.open_slots,
      link: inbox,
    };
    const base = {
      recipient: row.email,
      userId: row.user_id,
      roundId: row.round_id,
      organizationId: row.plan_org_id,
    };
    if (daysLeft >= 0) {
      planned.push({
        ...base,
        kind: 'due_soon',
        dedupeKey: `due_soon:${row.round_id}:${row.user_id}:${row.due_date}`,
        template: { kind: 'due_soon', ...common, daysLeft },
      });
    } else {
      planned.push({
        ...base,
        kind: 'overdue',
        dedupeKey: `overdue:${row.round_id}:${row.user_id}:${buddhistIsoDate(today)}`,
        template: { kind: 'overdue', ...common, daysLate: -daysLeft },
      });
    }
  }

  for (const row of await completeRounds(db)) {
    planned.push({
      kind: 'all_submitted',
      dedupeKey: `all_submitted:${row.round_id}:${row.user_id}`,
      recipient: row.email,
      userId: row.user_id,
      roundId: row.round_id,
      organizationId: row.plan_org_id,
      template: {
        kind: 'all_submitted',
        recipientName: row.display_name,
        roundLabel: row.round_label,
        planTitle: row.plan_title ?? '',
        totalSlots: row.total_slots,
        acceptedSlots: row.accepted_slots,
        awaitingReview: row.total_slots - row.accepted_slots,
        link: joinUrl(config.publicUrl, `/plans/${row.plan_id}`),
      },
    });
  }

  const queued: Record<ReminderKind, number> = { due_soon: 0, overdue: 0, all_submitted: 0 };
  const emails = planned.map((p) => ({ ...p, text: renderReminder(p.template) }));
  // The LINE copies (per person's choice) and the unit groups' messages; only when writing e-mail rows.
  const line =
    channel === 'email'
      ? await planLineReminders(
          db,
          emails.map((p) => ({ ...p, subject: p.text.subject })),
          { today, daysBefore: config.reminderDaysBefore, publicUrl: config.publicUrl },
        )
      : { rows: [], skipEmail: new Set<string>() };
  type Row = {
    channel: ChannelName;
    recipient: string;
    subject: string;
    body: string;
    dedupeKey: string;
    senderId: string | null;
    kind: ReminderKind;
    userId: string | null;
    unitId: string | null;
    roundId: string;
    organizationId: string;
  };
  const rows: Row[] = [
    ...emails
      // Not to a reserved address that no mail reaches (an account from an identity provider without e-mail).
      .filter((p) => !line.skipEmail.has(p.dedupeKey) && mailDeliverable(p.recipient))
      .map((p) => ({
        channel,
        recipient: p.recipient,
        subject: p.text.subject,
        body: p.text.body,
        dedupeKey: p.dedupeKey,
        senderId: null,
        kind: p.kind,
        userId: p.userId,
        unitId: null,
        roundId: p.roundId,
        organizationId: p.organizationId,
      })),
    ...line.rows.map((r) => ({ ...r, channel: 'line' })),
  ];
  if (rows.length === 0) return { queued, line: 0 };
  let lineQueued = 0;

  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(outbox)
      .values(
        rows.map((r) => ({
          channel: r.channel,
          recipient: r.recipient,
          subject: r.subject,
          body: r.body,
          dedupeKey: r.dedupeKey,
          senderId: r.senderId,
        })),
      )
      .onConflictDoNothing({ target: outbox.dedupeKey })
      .returning({ id: outbox.id, dedupeKey: outbox.dedupeKey });
    const byKey = new Map(rows.map((r) => [r.dedupeKey, r]));
    for (const row of inserted) {
      const r = byKey.get(row.dedupeKey)!;
      if (r.channel === channel) queued[r.kind] += 1;
      else lineQueued += 1;
      await recordAudit(tx, {
        actorUserId: null,
        action: 'reminder.queued',
        entityType: 'outbox',
        entityId: row.id,
        organizationId: r.organizationId,
        after: {
          kind: r.kind,
          channel: r.channel,
          roundId: r.roundId,
          ...(r.userId ? { userId: r.userId } : {}),
          ...(r.unitId ? { unitId: r.unitId } : {}),
          dedupeKey: r.dedupeKey,
        },
      });
    }
  });
  return { queued, line: lineQueued };
}
