import { describe, expect, it } from 'vitest';
import { LogChannel } from './channel.ts';
import { textToHtml } from './email-channel.ts';
import { bangkokDate, buddhistIsoDate, daysBetween } from './plan-reminders.ts';
import { allSubmittedText, dueSoonText, overdueText, renderReminder } from './templates.ts';

const base = {
  recipientName: 'สมชาย ใจดี',
  roundLabel: 'รอบ ๖ เดือน',
  planTitle: 'แผนส่งเสริมคุณธรรม ปี ๒๕๖๘',
  dueDate: '2025-05-01',
  openSlots: 2,
  link: 'https://ita.example.go.th/tasks',
};

describe('reminder templates', () => {
  it('due soon: Thai first, then English, with the BE due date, count and link', () => {
    const text = dueSoonText({ ...base, daysLeft: 3 });
    expect(text.subject).toBe(
      '[โปร่งใส] ใกล้ครบกำหนดส่งรายงาน รอบ ๖ เดือน (1 พฤษภาคม 2568) / Report due 1 May 2568 BE',
    );
    const thai = text.body.indexOf('ครบกำหนดส่งวันที่ 1 พฤษภาคม 2568 (อีก 3 วัน)');
    const english = text.body.indexOf('is due on 1 May 2568 BE (in 3 days)');
    expect(thai).toBeGreaterThan(0);
    expect(english).toBeGreaterThan(thai);
    expect(text.body).toContain('เรียน สมชาย ใจดี');
    expect(text.body).toContain('ยังมีรายงานที่ท่านต้องส่ง 2 รายการ');
    expect(text.body).toContain('You still have 2 reports to submit');
    expect(text.body).toContain('รายการงานของท่าน: https://ita.example.go.th/tasks');
    expect(text.body).toContain('Your task list: https://ita.example.go.th/tasks');
  });

  it('due soon: today, one report, no link when PUBLIC_URL is unset', () => {
    const text = dueSoonText({ ...base, daysLeft: 0, openSlots: 1, link: null });
    expect(text.body).toContain('(วันนี้เป็นวันครบกำหนด)');
    expect(text.body).toContain('(today)');
    expect(text.body).toContain('You still have 1 report to submit');
    expect(text.body).not.toContain('http');
  });

  it('overdue: days late in both languages', () => {
    const text = overdueText({ ...base, daysLate: 1 });
    expect(text.subject).toBe('[โปร่งใส] เลยกำหนดส่งรายงาน รอบ ๖ เดือน มาแล้ว 1 วัน / Report overdue by 1 day');
    expect(text.body).toContain('เลยกำหนดส่งวันที่ 1 พฤษภาคม 2568 มาแล้ว 1 วัน');
    expect(text.body).toContain('was due on 1 May 2568 BE, 1 day ago');
    expect(overdueText({ ...base, daysLate: 4 }).subject).toContain('overdue by 4 days');
  });

  it('all submitted: counts for the secretariat', () => {
    const text = allSubmittedText({
      recipientName: 'เลขานุการ',
      roundLabel: 'รอบ ๖ เดือน',
      planTitle: 'แผน',
      totalSlots: 12,
      acceptedSlots: 5,
      awaitingReview: 7,
      link: null,
    });
    expect(text.subject).toBe('[โปร่งใส] ทุกหน่วยงานส่งรายงาน รอบ ๖ เดือน ครบแล้ว / All reports are in');
    expect(text.body).toContain('รายงานทั้งหมด 12 รายการ: ตรวจรับแล้ว 5 รายการ รอตรวจ 7 รายการ');
    expect(text.body).toContain('12 reports in all: 5 accepted, 7 awaiting your review.');
  });

  it('renderReminder picks the template by kind', () => {
    expect(renderReminder({ kind: 'overdue', ...base, daysLate: 2 })).toEqual(
      overdueText({ ...base, daysLate: 2 }),
    );
  });
});

describe('dates in Bangkok', () => {
  it('takes the calendar day in Bangkok, not UTC', () => {
    expect(bangkokDate(new Date('2025-05-01T16:59:00Z'))).toBe('2025-05-01');
    expect(bangkokDate(new Date('2025-05-01T17:00:00Z'))).toBe('2025-05-02');
    expect(daysBetween('2025-04-28', '2025-05-01')).toBe(3);
    expect(daysBetween('2025-05-03', '2025-05-01')).toBe(-2);
    expect(buddhistIsoDate('2025-05-02')).toBe('2568-05-02');
  });
});

describe('channels', () => {
  it('the HTML alternative escapes the text and links addresses', () => {
    const html = textToHtml('<b>แผน & "รอบ"</b>\nhttps://x.test/inbox?a=1&b=2');
    expect(html).toContain('&lt;b&gt;แผน &amp; &quot;รอบ&quot;&lt;/b&gt;');
    expect(html).not.toContain('<b>');
    expect(html).toContain('<a href="https://x.test/inbox?a=1&amp;b=2">');
  });

  it('the log channel prints instead of sending', async () => {
    const lines: string[] = [];
    const channel = new LogChannel({ write: (t) => lines.push(t) });
    expect(channel.name).toBe('email');
    await channel.send({ recipient: 'a@test.local', subject: 'เรื่อง', body: 'เนื้อความ' });
    expect(lines.join('\n')).toContain('To: a@test.local');
    expect(lines.join('\n')).toContain('เนื้อความ');
  });
});
