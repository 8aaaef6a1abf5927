import { describe, expect, it } from 'vitest';
import { cutToBytes, documentFileName, fileDisposition, roundKeyOf } from './file-name.ts';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
/** The longest names of real regional units (a province's name added to the longest office name). */
const LONGEST = [
  'สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดพระนครศรีอยุธยา',
  'สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัดพระนครศรีอยุธยา',
  'ศูนย์ส่งเสริมและพัฒนาอาชีพการเกษตรจังหวัดพระนครศรีอยุธยา (พืชสวน) กรมส่งเสริมการเกษตร กระทรวงเกษตรและสหกรณ์',
];
const KINDS: [string, string, string | null][] = [
  ['analysis', 'analysis', null],
  ['plan', 'plan', null],
  ['round', 'round', '12m'],
  ['round', 'round', 'monthly-2570-03'],
  ['memo', 'plan', null],
  ['memo', 'round', '12m'],
  ['round-memo', 'round', '6m'],
  ['circular', 'plan', null],
  ['circular', 'round', 'custom-2570-06'],
  ['circular-letter', 'plan', null],
  ['circular-letter', 'round', '12m'],
  ['a-kind-added-later', 'round', '12m'],
  ['publication-form', 'plan', null],
];
const words = new Intl.Segmenter('th', { granularity: 'word' });
const boundaries = (text: string) =>
  new Set([...words.segment(text)].map((s) => s.index).concat(text.length));

describe('document file names', () => {
  it('say what the document is, the year, the organisation and the version', () => {
    const { name, ascii } = documentFileName({
      kind: 'plan',
      fiscalYear: 2570,
      orgName: 'จังหวัดตัวอย่าง',
      orgCode: 'DEMO-PROV',
      versionNo: 3,
      format: 'pdf',
    });
    expect(name).toBe('แผนมาตรการ-2570-จังหวัดตัวอย่าง-v3.pdf');
    expect(ascii).toBe('plan-2570-DEMO-PROV-v3.pdf');
    expect(
      documentFileName({
        kind: 'memo',
        subjectType: 'round',
        roundKey: '6m',
        fiscalYear: 2570,
        orgName: 'สสจ.',
        orgCode: 'DEMO-PROV-03',
        versionNo: 1,
        format: 'docx',
      }),
    ).toEqual({
      name: 'บันทึกรายงานผล-รอบ6เดือน-2570-สสจ.-v1.docx',
      ascii: 'round-memo-6m-2570-DEMO-PROV-03-v1.docx',
    });
  });

  it('stay under 200 bytes for the longest real organisation names, cut at a Thai word boundary', () => {
    for (const orgName of LONGEST) {
      for (const [kind, subjectType, roundKey] of KINDS) {
        for (const format of ['pdf', 'docx', 'xlsx']) {
          const { name, ascii } = documentFileName({
            kind,
            subjectType,
            roundKey,
            fiscalYear: 2570,
            orgName,
            orgCode: 'TH-PNA-SOCIAL-DEVELOPMENT-AND-HUMAN-SECURITY',
            versionNo: 12,
            format,
          });
          expect(bytes(name), name).toBeLessThan(200);
          expect(bytes(ascii)).toBeLessThan(200);
          expect(ascii).toMatch(/^[A-Za-z0-9._-]+$/);
          expect(name).toMatch(new RegExp(`-v12\\.${format}$`));
          // The organisation part is the start of its name, ending where a Thai word ends.
          const org = name.slice(name.lastIndexOf('-2570-') + 6).replace(/-v12\.\w+$/, '');
          const cleaned = orgName.replace(/\s+/g, '-');
          expect(cleaned.startsWith(org), `${org} | ${cleaned}`).toBe(true);
          expect(org.length).toBeGreaterThan(10);
          expect(boundaries(cleaned).has(org.length), org).toBe(true);
        }
      }
    }
    // Before: the title and "(ฉบับที่ n)" — 284 to 365 bytes for these names.
    expect(
      bytes(`มาตรการส่งเสริมคุณธรรมและความโปร่งใส ของ${LONGEST[0]} ประจำปีงบประมาณ พ.ศ. 2570 (ฉบับที่ 3).docx`),
    ).toBeGreaterThan(200);
  });

  it('never keep characters file systems refuse', () => {
    const { name } = documentFileName({
      kind: 'analysis',
      fiscalYear: 2569,
      orgName: 'กอง/ช่าง: "ทดสอบ" <1>',
      orgCode: 'x/y',
      versionNo: 1,
      format: 'xlsx',
    });
    expect(name).not.toMatch(/[\\/:*?"<>|]/);
    expect(name).toBe('รายงานวิเคราะห์ผล-ITA-2569-กอง-ช่าง-ทดสอบ-1-v1.xlsx');
  });

  it('cut a name with no word boundary in reach between graphemes, never inside one', () => {
    const cut = cutToBytes('ก้'.repeat(40), 20);
    expect(bytes(cut)).toBeLessThanOrEqual(20);
    expect(cut).toBe('ก้'.repeat(3));
  });

  it('give rounds the key of their public address', () => {
    expect(roundKeyOf({ kind: '6m', periodEnd: '2027-03-31' })).toBe('6m');
    expect(roundKeyOf({ kind: 'monthly', periodEnd: '2027-03-31' })).toBe('monthly-2570-03');
  });

  it('send the Thai name as RFC 5987 filename* and an ASCII filename', () => {
    const header = fileDisposition({ name: 'แผนมาตรการ-2570-ก (ข).pdf', ascii: 'plan-2570-X.pdf' }, 'inline');
    expect(header).toMatch(/^inline; filename="plan-2570-X\.pdf"; filename\*=UTF-8''/);
    expect(header).not.toContain('(');
    expect(decodeURIComponent(header.split("UTF-8''")[1]!)).toBe('แผนมาตรการ-2570-ก (ข).pdf');
  });
});
