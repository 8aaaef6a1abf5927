import { describe, expect, it } from 'vitest';
import { listEditionCodes } from './edition-codes.ts';
import { edition } from './fixtures.testutil.ts';
import { resolveCode } from './normalize-code.ts';

const e2566 = edition(2566);
const e2568 = edition(2568);

const ok = (scope: string, code: string) => ({ ok: true, scope, code });

describe('resolveCode on the 2566 edition', () => {
  it.each([
    ['i7', 'question', 'i7'],
    ['I7', 'question', 'i7'],
    ['i๗', 'question', 'i7'],
    [' i 7 ', 'question', 'i7'],
    ['i07', 'question', 'i7'],
    ['ข้อ i7', 'question', 'i7'],
    ['e11', 'question', 'e11'],
    ['E๑๑', 'question', 'e11'],
    ['o14', 'question', 'o14'],
    ['O14', 'question', 'o14'],
    ['O-14', 'question', 'o14'],
    ['๐๑๔', 'question', 'o14'],
    ['๐14', 'question', 'o14'],
    ['014', 'question', 'o14'],
    ['O\u200B14', 'question', 'o14'],
    ['\u00A0O14\u00A0', 'question', 'o14'],
  ])('%j is a question', (raw, scope, code) => {
    expect(resolveCode(raw, e2566)).toEqual(ok(scope, code));
  });

  it.each([
    ['ตัวชี้วัดที่ ๖', '6'],
    ['ตัวชี้วัดที่ 6', '6'],
    ['ตัวชี้วัดที่6', '6'],
    ['ตัวชี้วัด 6', '6'],
    ['indicator 6', '6'],
    ['Indicator 10', '10'],
    ['6', '6'],
    ['๖', '6'],
    ['10', '10'],
    ['การใช้ทรัพย์สินของทางราชการ', '4'],
    ['การใช้ทรัพย์สินของราชการ', '4'],
    ['การใช้ ทรัพย์สิน ของราชการ', '4'],
    ['การใช้ทรัพย์สิน\u200Bของราชการ', '4'],
    ['ตัวชี้วัดที่ 4 การใช้ทรัพย์สินของราชการ', '4'],
    ['ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของทางราชการ', '4'],
    ['ตัวชี้วัดที่ 4: การใช้ทรัพย์สินของราชการ', '4'],
    ['ตัวชี้วัดที่ 4 (การใช้ทรัพย์สินของราชการ)', '4'],
    ['การปรับปรุงระบบการทำงาน', '8'],
    ['คุณภาพการดำเนินงาน', '6'],
    ['ตัวชี้วัด การใช้อำนาจ', '3'],
  ])('%j is an indicator', (raw, code) => {
    expect(resolveCode(raw, e2566)).toEqual(ok('indicator', code));
  });

  it.each([
    ['9.1', '9.1'],
    ['๙.๑', '9.1'],
    ['ตัวชี้วัดย่อยที่ 9.1', '9.1'],
    ['ตัวชี้วัดย่อยที่ ๑๐.๒', '10.2'],
    ['ตัวชี้วัดที่ 9.1', '9.1'],
    ['sub-indicator 9.3', '9.3'],
    ['9.1 ข้อมูลพื้นฐาน', '9.1'],
    ['ข้อมูลพื้นฐาน', '9.1'],
    ['การจัดซื้อจัดจ้างหรือการจัดหาพัสดุ', '9.3'],
  ])('%j is a sub-indicator', (raw, code) => {
    expect(resolveCode(raw, e2566)).toEqual(ok('sub_indicator', code));
  });

  it.each([
    ['IIT', 'IIT'],
    ['iit', 'IIT'],
    ['EIT', 'EIT'],
    [' OIT ', 'OIT'],
    ['แบบวัด OIT', 'OIT'],
    ['แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน', 'IIT'],
    ['แบบวัดการรับรู้ของผู้มีส่วนได้เสียภายใน', 'IIT'],
    ['แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก', 'EIT'],
    ['แบบวัดการเปิดเผยข้อมูลสาธารณะ', 'OIT'],
  ])('%j is an instrument', (raw, code) => {
    expect(resolveCode(raw, e2566)).toEqual(ok('instrument', code));
  });

  it.each(['ITA', 'ita', 'รวม', 'คะแนนรวม', 'คะแนน รวม', 'total', 'Total', 'คะแนนภาพรวม'])(
    '%j is the total',
    (raw) => {
      expect(resolveCode(raw, e2566)).toEqual(ok('total', 'ITA'));
    },
  );

  it('names an unknown question and the edition year', () => {
    expect(resolveCode('i31', e2566)).toEqual({
      ok: false,
      message_th: 'ไม่มีข้อคำถาม i31 ในกรอบการประเมินปี 2566',
      message_en: 'question i31 does not exist in the 2566 edition',
    });
    expect(resolveCode('O44', e2566)).toMatchObject({
      ok: false,
      message_en: 'question O44 does not exist in the 2566 edition',
    });
    expect(resolveCode('e16', e2566)).toMatchObject({
      ok: false,
      message_th: 'ไม่มีข้อคำถาม e16 ในกรอบการประเมินปี 2566',
    });
  });

  it.each([
    ['11', 'indicator 11 does not exist in the 2566 edition'],
    ['ตัวชี้วัดที่ 0', 'indicator 0 does not exist in the 2566 edition'],
    ['9.6', 'sub-indicator 9.6 does not exist in the 2566 edition'],
    ['96.52', 'sub-indicator 96.52 does not exist in the 2566 edition'],
    ['xyz', 'unrecognised code "xyz" for the 2566 edition'],
    ['', 'the code is empty'],
    ['\u200B ', 'the code is empty'],
    ['ข้อ 7', 'code "ข้อ 7" does not say which instrument: write i7, e7 or O7'],
  ])('refuses %j', (raw, message) => {
    expect(resolveCode(raw, e2566)).toMatchObject({ ok: false, message_en: message });
  });

  it('refuses a number whose name belongs to another indicator, and a name that fits none', () => {
    const other = resolveCode('ตัวชี้วัดที่ 5 การใช้ทรัพย์สินของราชการ', e2566);
    expect(other).toMatchObject({ ok: false });
    expect(other.ok ? '' : other.message_en).toContain('name of 4');
    const none = resolveCode('ตัวชี้วัดที่ 4 อะไรก็ได้', e2566);
    expect(none.ok ? '' : none.message_en).toContain('does not match indicator 4 of the 2566 edition');
  });

  it('reads back every label the templates print', () => {
    for (const c of listEditionCodes(e2566)) {
      expect(resolveCode(c.label, e2566), c.label).toEqual(ok(c.scope, c.code));
    }
  });

  it('has no name shared by two entries in any shipped edition', () => {
    for (const year of [2564, 2565, 2566, 2567, 2568, 2569]) {
      const ed = edition(year);
      for (const ind of ed.indicators) {
        for (const name of [ind.name_th, ...(ind.name_th_variants ?? [])]) {
          expect(resolveCode(name, ed), `${year} ${name}`).toEqual(ok('indicator', String(ind.number)));
        }
      }
      for (const sub of ed.sub_indicators) {
        expect(resolveCode(sub.name_th, ed), `${year} ${sub.name_th}`).toEqual(ok('sub_indicator', sub.code));
      }
    }
  });
});

describe('resolveCode on the 2568 edition (no IIT questions, OIT renumbered)', () => {
  it('accepts i7 and e11 by their pattern, 2568 having no IIT/EIT question list', () => {
    expect(resolveCode('i7', e2568)).toEqual({ ok: true, scope: 'question', code: 'i7', pattern: 'IIT' });
    expect(resolveCode('E๑๑', e2568)).toEqual({ ok: true, scope: 'question', code: 'e11', pattern: 'EIT' });
    expect(resolveCode('O26', e2568)).toEqual(ok('question', 'o26')); // OIT has a list: no pattern
    const far = resolveCode('i120', e2568);
    expect(far.ok ? '' : far.message_en).toBe(
      'question i120 does not exist in the 2568 edition (it has no IIT questions)',
    );
  });

  it('knows O26 in 2568 but not O27, and 9.1 but not 9.9', () => {
    expect(resolveCode('O26', e2568)).toEqual(ok('question', 'o26'));
    expect(resolveCode('O27', e2568)).toMatchObject({
      ok: false,
      message_en: 'question O27 does not exist in the 2568 edition',
    });
    expect(resolveCode('9.1', e2568)).toEqual(ok('sub_indicator', '9.1'));
    expect(resolveCode('9.9', e2568)).toMatchObject({
      ok: false,
      message_th: 'ไม่มีตัวชี้วัดย่อยที่ 9.9 ในกรอบการประเมินปี 2568',
    });
  });

  it('still has indicators and instruments', () => {
    expect(resolveCode('ตัวชี้วัดที่ 1', e2568)).toEqual(ok('indicator', '1'));
    expect(resolveCode('IIT', e2568)).toEqual(ok('instrument', 'IIT'));
  });
});
