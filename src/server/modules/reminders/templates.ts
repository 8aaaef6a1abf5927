import { formatDate, formatNumber } from '#shared/format/thai.ts';

/**
 * Reminder texts: subject and body in Thai, then English, so one message serves every reader.
 * Pure functions of their input; dates print in the Buddhist era, in Bangkok time.
 */
export type ReminderText = { subject: string; body: string };

export type DueSoonInput = {
  recipientName: string;
  roundLabel: string;
  planTitle: string;
  /** ISO date, YYYY-MM-DD. */
  dueDate: string;
  /** 0 = due today. */
  daysLeft: number;
  /** Reports the recipient can still send: pending, draft or returned. */
  openSlots: number;
  /** The reporter's task list under PUBLIC_URL, when PUBLIC_URL is configured. */
  link: string | null;
};

export type OverdueInput = Omit<DueSoonInput, 'daysLeft'> & { daysLate: number };

export type AllSubmittedInput = {
  recipientName: string;
  roundLabel: string;
  planTitle: string;
  totalSlots: number;
  acceptedSlots: number;
  /** Submitted and waiting for the secretariat's review. */
  awaitingReview: number;
  link: string | null;
};

export type ReminderTemplate =
  | ({ kind: 'due_soon' } & DueSoonInput)
  | ({ kind: 'overdue' } & OverdueInput)
  | ({ kind: 'all_submitted' } & AllSubmittedInput);

const APP = 'โปร่งใส (Prongsai)';
const SEPARATOR = '----------------------------------------';
const n = (value: number) => formatNumber(value, { lang: 'th' });
const thDate = (iso: string) => formatDate(iso, { lang: 'th', style: 'long' });
const enDate = (iso: string) => formatDate(iso, { lang: 'en', style: 'long' });
const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function compose(thai: string[], english: string[]): string {
  return [...thai, '', SEPARATOR, '', ...english, '', `— ${APP}`].join('\n');
}

export function dueSoonText(input: DueSoonInput): ReminderText {
  const when =
    input.daysLeft === 0
      ? { th: 'วันนี้เป็นวันครบกำหนด', en: 'today' }
      : { th: `อีก ${n(input.daysLeft)} วัน`, en: `in ${plural(input.daysLeft, 'day', 'days')}` };
  const thai = [
    `เรียน ${input.recipientName}`,
    '',
    `รอบการรายงาน "${input.roundLabel}" ของ "${input.planTitle}" ครบกำหนดส่งวันที่ ${thDate(input.dueDate)} (${when.th})`,
    `ยังมีรายงานที่ท่านต้องส่ง ${n(input.openSlots)} รายการ กรุณาบันทึกและส่งรายงานก่อนวันครบกำหนด`,
    ...(input.link ? [`รายการงานของท่าน: ${input.link}`] : []),
  ];
  const english = [
    `Dear ${input.recipientName},`,
    '',
    `The reporting round "${input.roundLabel}" of "${input.planTitle}" is due on ${enDate(input.dueDate)} (${when.en}).`,
    `You still have ${plural(input.openSlots, 'report', 'reports')} to submit. Please complete and submit them before the due date.`,
    ...(input.link ? [`Your task list: ${input.link}`] : []),
  ];
  return {
    subject: `[โปร่งใส] ใกล้ครบกำหนดส่งรายงาน ${input.roundLabel} (${thDate(input.dueDate)}) / Report due ${enDate(input.dueDate)}`,
    body: compose(thai, english),
  };
}

export function overdueText(input: OverdueInput): ReminderText {
  const thai = [
    `เรียน ${input.recipientName}`,
    '',
    `รอบการรายงาน "${input.roundLabel}" ของ "${input.planTitle}" เลยกำหนดส่งวันที่ ${thDate(input.dueDate)} มาแล้ว ${n(input.daysLate)} วัน`,
    `ยังมีรายงานที่ท่านยังไม่ได้ส่ง ${n(input.openSlots)} รายการ กรุณาบันทึกและส่งรายงานโดยเร็ว`,
    ...(input.link ? [`รายการงานของท่าน: ${input.link}`] : []),
  ];
  const english = [
    `Dear ${input.recipientName},`,
    '',
    `The reporting round "${input.roundLabel}" of "${input.planTitle}" was due on ${enDate(input.dueDate)}, ${plural(input.daysLate, 'day', 'days')} ago.`,
    `You still have ${plural(input.openSlots, 'report', 'reports')} not submitted. Please submit them as soon as possible.`,
    ...(input.link ? [`Your task list: ${input.link}`] : []),
  ];
  return {
    subject: `[โปร่งใส] เลยกำหนดส่งรายงาน ${input.roundLabel} มาแล้ว ${n(input.daysLate)} วัน / Report overdue by ${plural(input.daysLate, 'day', 'days')}`,
    body: compose(thai, english),
  };
}

export function allSubmittedText(input: AllSubmittedInput): ReminderText {
  const thai = [
    `เรียน ${input.recipientName}`,
    '',
    `ทุกหน่วยงานส่งรายงานรอบ "${input.roundLabel}" ของ "${input.planTitle}" ครบแล้ว`,
    `รายงานทั้งหมด ${n(input.totalSlots)} รายการ: ตรวจรับแล้ว ${n(input.acceptedSlots)} รายการ รอตรวจ ${n(input.awaitingReview)} รายการ`,
    ...(input.link ? [`เปิดแผน: ${input.link}`] : []),
  ];
  const english = [
    `Dear ${input.recipientName},`,
    '',
    `Every unit has submitted its reports for the round "${input.roundLabel}" of "${input.planTitle}".`,
    `${plural(input.totalSlots, 'report', 'reports')} in all: ${input.acceptedSlots} accepted, ${input.awaitingReview} awaiting your review.`,
    ...(input.link ? [`Open the plan: ${input.link}`] : []),
  ];
  return {
    subject: `[โปร่งใส] ทุกหน่วยงานส่งรายงาน ${input.roundLabel} ครบแล้ว / All reports are in`,
    body: compose(thai, english),
  };
}

export function renderReminder(template: ReminderTemplate): ReminderText {
  switch (template.kind) {
    case 'due_soon':
      return dueSoonText(template);
    case 'overdue':
      return overdueText(template);
    case 'all_submitted':
      return allSubmittedText(template);
  }
}
