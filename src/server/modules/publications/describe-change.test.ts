import { describe, expect, it } from 'vitest';
import type { DocumentModel } from '../documents/model.ts';
import { describeChange } from './describe-change.ts';

const plan = (rows: [string, string][], intro = 'บทนำ'): DocumentModel => ({
  kind: 'plan',
  title: 'แผน',
  orientation: 'landscape',
  form: 'report',
  blocks: [
    { kind: 'paragraph', text: intro },
    { kind: 'heading', level: 2, text: 'มาตรการ' },
    {
      kind: 'table',
      columns: [
        { header: 'มาตรการ', width: 1 },
        { header: 'ขั้นตอน', width: 1 },
      ],
      rows: rows.map(([a, b]) => ({ kind: 'cells', cells: [{ lines: [a] }, { lines: [b] }] })),
      emptyText: '-',
    },
  ],
});

describe('describeChange', () => {
  it('says a first version is the first', () => {
    expect(describeChange(null, plan([]))).toBe('เผยแพร่ครั้งแรก');
  });

  it('names rows added, changed and removed, and rewritten paragraphs', () => {
    const before = plan([
      ['จัดอบรม', 'ขั้น 1'],
      ['เผยแพร่', 'ขั้น 1'],
    ]);
    const after = plan(
      [
        ['จัดอบรม', 'ขั้น 1 และ 2'],
        ['ตรวจสอบ', 'ขั้น 1'],
      ],
      'บทนำใหม่',
    );
    expect(describeChange(before, after)).toBe(
      'ตาราง “มาตรการ”: เพิ่ม 1 แถว (“ตรวจสอบ”), แก้ไข 1 แถว (“จัดอบรม”), ลบ 1 แถว (“เผยแพร่”); ข้อความแก้ไขหรือเพิ่ม 1 ย่อหน้า',
    );
  });

  it('says when nothing in the content changed', () => {
    expect(describeChange(plan([['ก', 'ข']]), plan([['ก', 'ข']]))).toBe('เนื้อหาไม่เปลี่ยน (จัดทำเอกสารใหม่)');
  });
});
