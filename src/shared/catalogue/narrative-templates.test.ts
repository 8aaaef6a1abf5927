import { describe, expect, it } from 'vitest';
import { fillTemplate } from './narrative-templates.ts';

describe('fillTemplate', () => {
  it('fills every placeholder, at the ends and repeated, and keeps unknown ones visible', () => {
    const template = '{code} ได้ {score} ต่ำกว่า {threshold} ({code}) {unknown} {Not_a_name}{score}';
    expect(fillTemplate(template, { code: 'i7', score: '80.00', threshold: '85.00' })).toBe(
      'i7 ได้ 80.00 ต่ำกว่า 85.00 (i7) {unknown} {Not_a_name}80.00',
    );
  });

  it('fills the same template anew each time (nothing of earlier values is kept)', () => {
    const template = 'ตัวชี้วัดที่ {indicator_number} {indicator_name}';
    expect(fillTemplate(template, { indicator_number: '1', indicator_name: 'ก' })).toBe('ตัวชี้วัดที่ 1 ก');
    expect(fillTemplate(template, { indicator_number: '2' })).toBe('ตัวชี้วัดที่ 2 {indicator_name}');
    expect(fillTemplate('ไม่มีตัวแปร', {})).toBe('ไม่มีตัวแปร');
    expect(fillTemplate('', { a: 'x' })).toBe('');
  });

  it('puts values in as they are, even ones that look like placeholders or replacement patterns', () => {
    expect(fillTemplate('{reason}|{code}', { reason: '{code} $& $1', code: 'o1' })).toBe('{code} $& $1|o1');
  });
});
