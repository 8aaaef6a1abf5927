import { formatDate, formatNumber } from '#shared/format/thai.ts';
import type { ReminderTemplate } from '../../reminders/templates.ts';

/** LINE allows 5,000 characters in a text message; ours stay far below, and are cut there if ever not. */
export const LINE_TEXT_LIMIT = 5000;

const n = (value: number) => formatNumber(value, { lang: 'th' });
const thDate = (iso: string) => formatDate(iso, { lang: 'th', style: 'long' });
const enDate = (iso: string) => formatDate(iso, { lang: 'en', style: 'medium' });
const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

const finish = (lines: (string | null | false)[]) =>
  lines
    .filter((l): l is string => typeof l === 'string')
    .join('\n')
    .slice(0, LINE_TEXT_LIMIT);

/**
 * A person's reminder in chat: short, Thai first, one English line, the link to act. The chat already
 * shows which agency's account speaks, so the text names neither the agency nor the system.
 */
export function lineReminderText(t: ReminderTemplate): string {
  switch (t.kind) {
    case 'due_soon': {
      const when = t.daysLeft === 0 ? 'ครบกำหนดวันนี้' : `อีก ${n(t.daysLeft)} วัน`;
      return finish([
        `🔔 ใกล้ครบกำหนดส่งรายงาน`,
        `${t.roundLabel} ของ "${t.planTitle}"`,
        `ครบกำหนดวันที่ ${thDate(t.dueDate)} (${when})`,
        `ท่านยังมีรายงานที่ต้องส่ง ${n(t.openSlots)} รายการ`,
        `Report due ${enDate(t.dueDate)}: ${plural(t.openSlots, 'report', 'reports')} to submit.`,
        t.link && `ส่งรายงาน / Submit: ${t.link}`,
      ]);
    }
    case 'overdue':
      return finish([
        `⚠️ เลยกำหนดส่งรายงาน ${n(t.daysLate)} วัน`,
        `${t.roundLabel} ของ "${t.planTitle}" ครบกำหนดเมื่อ ${thDate(t.dueDate)}`,
        `ท่านยังไม่ได้ส่งรายงาน ${n(t.openSlots)} รายการ กรุณาส่งโดยเร็ว`,
        `Overdue by ${plural(t.daysLate, 'day', 'days')}: ${plural(t.openSlots, 'report', 'reports')} not submitted.`,
        t.link && `ส่งรายงาน / Submit: ${t.link}`,
      ]);
    case 'all_submitted':
      return finish([
        `✅ ทุกหน่วยงานส่งรายงานครบแล้ว`,
        `${t.roundLabel} ของ "${t.planTitle}"`,
        `ตรวจรับแล้ว ${n(t.acceptedSlots)} จาก ${n(t.totalSlots)} รายการ รอตรวจ ${n(t.awaitingReview)} รายการ`,
        `All reports are in: ${t.awaitingReview} awaiting your review.`,
        t.link && `เปิดแผน / Open the plan: ${t.link}`,
      ]);
  }
}

export type GroupReminderInput = {
  kind: 'due_soon' | 'overdue';
  unitName: string;
  roundLabel: string;
  planTitle: string;
  dueDate: string;
  /** Days left (due_soon, 0 = today) or days late (overdue). */
  days: number;
  openSlots: number;
  link: string | null;
};

/** A unit's group reminder: one message to the group, naming the unit rather than a person. */
export function lineGroupReminderText(t: GroupReminderInput): string {
  const head =
    t.kind === 'due_soon'
      ? t.days === 0
        ? '🔔 รายงานของหน่วยงานครบกำหนดส่งวันนี้'
        : `🔔 รายงานของหน่วยงานครบกำหนดส่งในอีก ${n(t.days)} วัน`
      : `⚠️ รายงานของหน่วยงานเลยกำหนดส่ง ${n(t.days)} วัน`;
  return finish([
    head,
    `${t.unitName}: ${t.roundLabel} ของ "${t.planTitle}"`,
    `ครบกำหนดวันที่ ${thDate(t.dueDate)} ยังไม่ได้ส่ง ${n(t.openSlots)} รายการ`,
    t.kind === 'due_soon'
      ? `Unit report due ${enDate(t.dueDate)}: ${plural(t.openSlots, 'report', 'reports')} open.`
      : `Unit report overdue by ${plural(t.days, 'day', 'days')}: ${plural(t.openSlots, 'report', 'reports')} open.`,
    t.link && `ส่งรายงาน / Submit: ${t.link}`,
  ]);
}
