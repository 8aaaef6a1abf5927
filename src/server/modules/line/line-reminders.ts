import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import {
  lineChannels,
  lineLinks,
  notificationPreferences,
  organizations,
  outbox,
} from '../../db/schema/index.ts';
import { buddhistIsoDate, daysBetween, REPORTER_INBOX_PATH } from '../reminders/plan-reminders.ts';
import type { ReminderTemplate } from '../reminders/templates.ts';
import { lineGroupReminderText, lineReminderText } from './rules/line-text.ts';
import {
  channelsFor,
  chooseLink,
  type LinkCandidate,
  lineDedupeKey,
  lineGroupDedupeKey,
  type NotifyChannels,
} from './rules/recipients.ts';

/** An e-mail reminder planReminders is about to write. */
export type PlannedEmail = {
  kind: ReminderTemplate['kind'];
  dedupeKey: string;
  userId: string;
  roundId: string;
  /** The plan's organisation. */
  organizationId: string;
  subject: string;
  template: ReminderTemplate;
};

/** An outbox row for LINE: to a person's LINE user ID or a unit's group ID, sent by the agency account. */
export type PlannedLine = {
  kind: ReminderTemplate['kind'];
  dedupeKey: string;
  recipient: string;
  senderId: string;
  subject: string;
  body: string;
  userId: string | null;
  unitId: string | null;
  roundId: string;
  organizationId: string;
};

const OPEN_STATES = ['pending', 'draft', 'returned'] as const;

/**
 * The LINE side of a reminders pass:
 * - each person's reminder also goes by LINE when they chose LINE or both and have a usable link
 *   (linked, on an active account): one row keyed `line:<e-mail key>`; with LINE alone, the e-mail row
 *   is not written (`skipEmail`), nor when its LINE copy already went and the link broke since;
 * - each unit with a linked group gets one message per round and due date (or Bangkok day when overdue).
 */
export async function planLineReminders(
  db: Db,
  planned: readonly PlannedEmail[],
  options: { today: string; daysBefore: number; publicUrl: string | undefined },
): Promise<{ rows: PlannedLine[]; skipEmail: Set<string> }> {
  const rows: PlannedLine[] = [];
  const skipEmail = new Set<string>();
  const userIds = [...new Set(planned.map((p) => p.userId))];
  if (userIds.length > 0) {
    const choices = new Map(
      (
        await db
          .select({ userId: notificationPreferences.userId, channels: notificationPreferences.channels })
          .from(notificationPreferences)
          .where(inArray(notificationPreferences.userId, userIds))
      ).map((r) => [r.userId, r.channels as NotifyChannels]),
    );
    const links = await db
      .select({
        linkId: lineLinks.id,
        userId: lineLinks.userId,
        lineId: lineLinks.lineId,
        channelId: lineLinks.channelId,
        channelOrgPath: organizations.path,
      })
      .from(lineLinks)
      .innerJoin(
        lineChannels,
        and(eq(lineChannels.id, lineLinks.channelId), eq(lineChannels.status, 'active')),
      )
      .innerJoin(organizations, eq(organizations.id, lineChannels.organizationId))
      .where(
        and(eq(lineLinks.kind, 'user'), eq(lineLinks.status, 'linked'), inArray(lineLinks.userId, userIds)),
      );
    const linksOf = new Map<string, LinkCandidate[]>();
    for (const l of links) linksOf.set(l.userId!, [...(linksOf.get(l.userId!) ?? []), l]);
    const planOrgIds = [...new Set(planned.map((p) => p.organizationId))];
    const planPaths = new Map(
      (
        await db
          .select({ id: organizations.id, path: organizations.path })
          .from(organizations)
          .where(inArray(organizations.id, planOrgIds))
      ).map((o) => [o.id, o.path]),
    );
    const lineKeys = planned.map((p) => lineDedupeKey(p.dedupeKey));
    const alreadySent = new Set(
      (
        await db
          .select({ key: outbox.dedupeKey })
          .from(outbox)
          .where(and(inArray(outbox.dedupeKey, lineKeys), inArray(outbox.status, ['pending', 'sent'])))
      ).map((r) => r.key),
    );
    for (const p of planned) {
      const choice = choices.get(p.userId) ?? 'email';
      const link = chooseLink(linksOf.get(p.userId) ?? [], planPaths.get(p.organizationId) ?? '');
      const send = channelsFor(choice, link !== null);
      const key = lineDedupeKey(p.dedupeKey);
      if (!send.email && choice === 'line') skipEmail.add(p.dedupeKey);
      if (send.email && choice === 'line' && alreadySent.has(key)) skipEmail.add(p.dedupeKey);
      if (send.line && link) {
        rows.push({
          kind: p.kind,
          dedupeKey: key,
          recipient: link.lineId,
          senderId: link.channelId,
          subject: p.subject,
          body: lineReminderText(p.template),
          userId: p.userId,
          unitId: null,
          roundId: p.roundId,
          organizationId: p.organizationId,
        });
      }
    }
  }
  rows.push(...(await groupReminders(db, options)));
  return { rows, skipEmail };
}

type GroupRow = {
  round_id: string;
  round_label: string;
  due_date: string;
  plan_org_id: string;
  plan_title: string | null;
  unit_id: string;
  unit_name: string;
  open_slots: number;
  line_id: string;
  channel_id: string;
};

async function groupReminders(
  db: Db,
  options: { today: string; daysBefore: number; publicUrl: string | undefined },
): Promise<PlannedLine[]> {
  const open = sql.join(
    OPEN_STATES.map((s) => sql`${s}`),
    sql`, `,
  );
  const found = await queryRows<GroupRow>(
    db,
    sql`
      select r.id as round_id, r.label_th as round_label, r.due_date::text as due_date,
             p.organization_id as plan_org_id, p.content->>'title' as plan_title,
             unit.id as unit_id, unit.name_th as unit_name, count(distinct s.id)::int as open_slots,
             l.line_id, l.channel_id
      from rounds r
      join plans p on p.id = r.plan_id
      join report_slots s on s.round_id = r.id and s.state in (${open})
      join organizations unit on unit.id = s.unit_id
      join line_links l on l.kind = 'group' and l.status = 'linked' and l.organization_id = unit.id
      join line_channels ch on ch.id = l.channel_id and ch.status = 'active'
      where r.status = 'open' and r.due_date <= ${options.today}::date + ${options.daysBefore}::int
      group by r.id, p.id, unit.id, l.line_id, l.channel_id
      order by r.id, unit.id`,
  );
  const link = options.publicUrl ? `${options.publicUrl.replace(/\/+$/, '')}${REPORTER_INBOX_PATH}` : null;
  return found.map((g) => {
    const days = daysBetween(options.today, g.due_date);
    const kind = days >= 0 ? ('due_soon' as const) : ('overdue' as const);
    const body = lineGroupReminderText({
      kind,
      unitName: g.unit_name,
      roundLabel: g.round_label,
      planTitle: g.plan_title ?? '',
      dueDate: g.due_date,
      days: Math.abs(days),
      openSlots: g.open_slots,
      link,
    });
    return {
      kind,
      dedupeKey: lineGroupDedupeKey(
        kind,
        g.round_id,
        g.unit_id,
        kind === 'due_soon' ? g.due_date : buddhistIsoDate(options.today),
      ),
      recipient: g.line_id,
      senderId: g.channel_id,
      subject: body.split('\n')[0]!,
      body,
      userId: null,
      unitId: g.unit_id,
      roundId: g.round_id,
      organizationId: g.plan_org_id,
    };
  });
}
