import { describe, expect, it } from 'vitest';
import { lineGroupReminderText, lineReminderText } from './line-text.ts';
import { codeInMessage, displayCode, linkCodeHash, newLinkCode } from './link-code.ts';
import { channelsFor, chooseLink, lineDedupeKey, lineGroupDedupeKey } from './recipients.ts';
import { isStaleEvent, mayTryCode, STALE_EVENT_MS } from './webhook-rules.ts';

describe('link codes', () => {
  it('are six digits with leading zeros kept', () => {
    expect(newLinkCode(() => 123)).toBe('000123');
    expect(newLinkCode(() => 999_999)).toBe('999999');
    for (let i = 0; i < 50; i++) expect(newLinkCode()).toMatch(/^\d{6}$/);
  });

  it('hash per channel: the same code differs between two accounts', () => {
    expect(linkCodeHash('a', '123456')).toMatch(/^[0-9a-f]{64}$/);
    expect(linkCodeHash('a', '123456')).not.toBe(linkCodeHash('b', '123456'));
    expect(linkCodeHash('a', '123456')).toBe(linkCodeHash('a', '123456'));
  });

  it('are read from a chat message typed loosely, and nothing else is taken for one', () => {
    expect(codeInMessage('123456')).toBe('123456');
    expect(codeInMessage(' 123 456 ')).toBe('123456');
    expect(codeInMessage('123-456')).toBe('123456');
    expect(codeInMessage('๑๒๓๔๕๖')).toBe('123456');
    expect(codeInMessage('12345')).toBeNull();
    expect(codeInMessage('1234567')).toBeNull();
    expect(codeInMessage('code 123456')).toBeNull();
    expect(codeInMessage('สวัสดีครับ')).toBeNull();
    expect(displayCode('012345')).toBe('012 345');
  });
});

describe('stale webhook events', () => {
  const now = Date.parse('2025-04-28T03:00:00Z');
  it('are those older than the bound or from the future', () => {
    expect(isStaleEvent(now, now)).toBe(false);
    expect(isStaleEvent(now - STALE_EVENT_MS, now)).toBe(false);
    expect(isStaleEvent(now - STALE_EVENT_MS - 1, now)).toBe(true);
    expect(isStaleEvent(now + 30_000, now)).toBe(false);
    expect(isStaleEvent(now + 61_000, now)).toBe(true);
  });
});

describe('recipients', () => {
  it('LINE only with a usable link; a person who chose LINE alone falls back to e-mail without one', () => {
    expect(channelsFor('email', true)).toEqual({ email: true, line: false });
    expect(channelsFor('line', true)).toEqual({ email: false, line: true });
    expect(channelsFor('both', true)).toEqual({ email: true, line: true });
    expect(channelsFor('line', false)).toEqual({ email: true, line: false });
    expect(channelsFor('both', false)).toEqual({ email: true, line: false });
  });

  it('derive their outbox keys from the e-mail ones', () => {
    expect(lineDedupeKey('due_soon:r:u:2025-05-01')).toBe('line:due_soon:r:u:2025-05-01');
    expect(lineGroupDedupeKey('overdue', 'r', 'u', '2568-05-02')).toBe('line:group:overdue:r:u:2568-05-02');
  });

  it('go through the nearest account above the plan, else the nearest by path', () => {
    const link = (id: string, path: string) => ({
      linkId: id,
      channelId: id,
      channelOrgPath: path,
      lineId: 'U',
    });
    const province = link('province', '/p/');
    const dept = link('dept', '/p/d/');
    const other = link('other', '/q/');
    expect(chooseLink([province, dept, other], '/p/d/u/')?.linkId).toBe('dept');
    expect(chooseLink([province, dept, other], '/p/x/')?.linkId).toBe('province');
    expect(chooseLink([dept, other], '/p/x/')?.linkId).toBe('dept');
    expect(chooseLink([], '/p/')).toBeNull();
  });
});

describe('LINE texts', () => {
  const base = {
    recipientName: 'นางสาวสมศรี',
    roundLabel: 'รอบ 6 เดือน',
    planTitle: 'แผนส่งเสริมคุณธรรม',
    dueDate: '2025-05-01',
    openSlots: 2,
    link: 'https://ita.example.go.th/tasks',
  };
  it('say in Thai first what is due, with one English line and the link to act', () => {
    const text = lineReminderText({ kind: 'due_soon', ...base, daysLeft: 3 });
    const lines = text.split('\n');
    expect(lines[0]).toBe('🔔 ใกล้ครบกำหนดส่งรายงาน');
    expect(text).toContain('ครบกำหนดวันที่ 1 พฤษภาคม 2568 (อีก 3 วัน)');
    expect(text).toContain('ท่านยังมีรายงานที่ต้องส่ง 2 รายการ');
    expect(text).toContain('Report due 1 May 2568 BE: 2 reports to submit.');
    expect(lines.at(-1)).toBe('ส่งรายงาน / Submit: https://ita.example.go.th/tasks');
    expect(text).not.toMatch(/โปร่งใส|Prongsai/);
    expect(lineReminderText({ kind: 'due_soon', ...base, daysLeft: 0, link: null })).not.toContain('Submit');
  });

  it('to a group name the unit, not a person', () => {
    const text = lineGroupReminderText({ kind: 'overdue', ...base, unitName: 'กองคลัง', days: 2 });
    expect(text.split('\n')[0]).toBe('⚠️ รายงานของหน่วยงานเลยกำหนดส่ง 2 วัน');
    expect(text).toContain('กองคลัง: รอบ 6 เดือน');
    expect(text).not.toContain('สมศรี');
  });
});

describe('mayTryCode', () => {
  it('allows five refused codes in the window, not a sixth try', () => {
    expect(mayTryCode(0)).toBe(true);
    expect(mayTryCode(4)).toBe(true);
    expect(mayTryCode(5)).toBe(false);
  });
});
