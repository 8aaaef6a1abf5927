import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bundledCompounds,
  bundledCompoundsFile,
  compileCompounds,
  joinPositions,
  parseCompounds,
  protectThaiCompounds,
  stripWordJoiners,
  WORD_JOINER,
} from './thai-compounds.ts';

/** The text with each joiner shown as `⁀` (readable expectations). */
const show = (text: string) => text.replaceAll(WORD_JOINER, '⁀');
const COMBINING = /[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/;

describe('protectThaiCompounds: the bundled compounds', () => {
  it('joins the parts of the compounds that engines split at line ends', () => {
    const cases: [string, string][] = [
      ['ผู้บังคับบัญชา', 'ผู้⁀บังคับ⁀บัญชา'],
      ['เผยแพร่', 'เผย⁀แพร่'],
      ['หน่วยงาน', 'หน่วย⁀งาน'],
      ['ปฏิบัติงาน', 'ปฏิบัติ⁀งาน'],
      ['เร่งด่วน', 'เร่ง⁀ด่วน'],
      ['รายละเอียด', 'ราย⁀ละเอียด'],
      ['ประเมินผล', 'ประเมิน⁀ผล'],
      ['ขับเคลื่อน', 'ขับ⁀เคลื่อน'],
    ];
    for (const [text, expected] of cases) expect(show(protectThaiCompounds(text))).toBe(expected);
  });

  it('joins inside each compound of a phrase and leaves the breaks between words', () => {
    expect(show(protectThaiCompounds('ส่วนราชการส่วนภูมิภาค'))).toBe('ส่วน⁀ราชการส่วน⁀ภูมิภาค');
    expect(show(protectThaiCompounds('การติดตามประเมินผล'))).toBe('การติดตาม⁀ประเมิน⁀ผล');
    expect(show(protectThaiCompounds('แจ้งผู้บังคับบัญชาเพื่อเผยแพร่ข้อมูล'))).toBe('แจ้งผู้⁀บังคับ⁀บัญชาเพื่อเผย⁀แพร่ข้อมูล');
  });

  it('leaves text without Thai, and Thai without a compound, exactly as it was', () => {
    const latin = 'https://www.example.go.th/ita/2568 E-service, Q&A';
    expect(protectThaiCompounds(latin)).toBe(latin);
    expect(protectThaiCompounds('ไปดูนก')).toBe('ไปดูนก');
    expect(protectThaiCompounds('')).toBe('');
  });

  it('never puts a joiner between a consonant and its vowel or tone marks, and strips back to the text', () => {
    const text =
      'ผู้ว่าราชการจังหวัดมอบหมายให้หน่วยงานที่เกี่ยวข้องเร่งรัดการเบิกจ่ายงบประมาณ ' +
      'และรายงานผลการดำเนินงานต่อผู้บังคับบัญชาภายในไตรมาสที่ ๒ พร้อมเผยแพร่บนเว็บไซต์';
    const out = protectThaiCompounds(text);
    expect(out).not.toBe(text);
    expect(stripWordJoiners(out)).toBe(text);
    for (const [i, ch] of [...out].entries()) {
      if (ch !== WORD_JOINER) continue;
      const after = [...out][i + 1] ?? '';
      expect(COMBINING.test(after), `joiner before a mark at ${i}: ${show(out)}`).toBe(false);
    }
    // Each joiner is at a grapheme boundary: the clusters of the text are unchanged.
    const clusters = (s: string) =>
      [...new Intl.Segmenter('th', { granularity: 'grapheme' }).segment(s)]
        .map((g) => g.segment)
        .filter((g) => g !== WORD_JOINER);
    expect(clusters(out)).toEqual(clusters(text));
  });

  it('adds nothing to text it has already protected', () => {
    const once = protectThaiCompounds('หน่วยงานภาครัฐ');
    expect(show(protectThaiCompounds(once))).toBe(show(once));
  });
});

describe('protectThaiCompounds: matching rules', () => {
  it('joins only a match that starts and ends at a base word boundary, never across another word', () => {
    // ICU reads หน่วย|งาน|ปฏิบัติ|งาน: "หน่วยงานปฏิ" would end inside ปฏิบัติ.
    const dict = compileCompounds(['หน่วยงานปฏิ']);
    expect(protectThaiCompounds('หน่วยงานปฏิบัติงาน', dict)).toBe('หน่วยงานปฏิบัติงาน');
    // A compound that ends at a boundary is joined.
    expect(show(protectThaiCompounds('หน่วยงานปฏิบัติงาน', compileCompounds(['หน่วยงานปฏิบัติ'])))).toBe(
      'หน่วย⁀งาน⁀ปฏิบัติงาน',
    );
  });

  it('keeps a compound whole when ICU reads its end and a grammatical word after it as one word', () => {
    // ICU: ช่อง|ทางการ|ประชาสัมพันธ์ (ทางการ "official"); the text says ช่องทาง|การ|ประชาสัมพันธ์.
    expect(show(protectThaiCompounds('เพิ่มช่องทางการประชาสัมพันธ์'))).toBe('เพิ่มช่อง⁀ทางการประชาสัมพันธ์');
    // A part of a word that is not one of those grammatical words is never glued.
    expect(protectThaiCompounds('หน่วยงานปฏิบัติงาน', compileCompounds(['หน่วยงานปฏิ']))).toBe('หน่วยงานปฏิบัติงาน');
  });

  it('takes the longest match at each start, and overlapping compounds stay whole together', () => {
    const dict = compileCompounds(['ผลการ', 'ผลการประเมิน', 'ประเมินผล']);
    expect(show(protectThaiCompounds('ผลการประเมินผลงาน', dict))).toBe('ผล⁀การ⁀ประเมิน⁀ผลงาน');
    expect(joinPositions('ผลการประเมินผลงาน', dict)).toEqual([2, 5, 12]);
  });
});

describe('parseCompounds', () => {
  it('reads one compound per line, with comments and blank lines', () => {
    const { compounds, errors } = parseCompounds('# header\n\nหน่วยงาน\r\n  เผยแพร่  \n# section\nงบประมาณ\n');
    expect(errors).toEqual([]);
    expect(compounds).toEqual(['หน่วยงาน', 'เผยแพร่', 'งบประมาณ']);
  });

  it('refuses spaces, digits, Latin, a leading mark, a single character, a long name and repeats, with the line', () => {
    const { errors } = parseCompounds(
      ['หน่วย งาน', 'รอบ๖เดือน', 'ITA', 'ิงาน', 'ก', 'เผยแพร่', 'เผยแพร่', 'องค์การบริหารส่วนจังหวัด'].join('\n'),
    );
    expect(errors.map((e) => [e.line, e.text])).toEqual([
      [1, 'หน่วย งาน'],
      [2, 'รอบ๖เดือน'],
      [3, 'ITA'],
      [4, 'ิงาน'],
      [5, 'ก'],
      [7, 'เผยแพร่'],
      [8, 'องค์การบริหารส่วนจังหวัด'],
    ]);
    expect(errors[5]?.message_en).toBe('repeats line 6');
    expect(errors[6]?.message_en).toMatch(/^longer than 20 characters/);
    for (const e of errors) expect(e.message_th).toMatch(/[\u0E00-\u0E7F]/);
  });

  it('the bundled file is valid, has several hundred compounds and the vocabulary of official writing', () => {
    const { compounds, errors } = parseCompounds(fs.readFileSync(bundledCompoundsFile, 'utf8'));
    expect(errors).toEqual([]);
    expect(compounds.length).toBeGreaterThanOrEqual(300);
    expect(bundledCompounds().size).toBe(compounds.length);
    for (const word of [
      'หน่วยงาน',
      'ผู้บังคับบัญชา',
      'เผยแพร่',
      'ปฏิบัติงาน',
      'เร่งด่วน',
      'รายละเอียด',
      'ประเมินผล',
      'ขับเคลื่อน',
      'ส่วนภูมิภาค',
      'ผู้ว่าราชการจังหวัด',
      'นายกเทศมนตรี',
      'ประชาสัมพันธ์',
      'งบประมาณ',
      'ผลประโยชน์ทับซ้อน',
      'การจัดซื้อจัดจ้าง',
      'ข้อเท็จจริง',
      'ข้อพิจารณา',
      'เจ้าหน้าที่',
      'บุคลากร',
      'ประสิทธิภาพ',
    ]) {
      expect(compounds, word).toContain(word);
    }
  });
});
