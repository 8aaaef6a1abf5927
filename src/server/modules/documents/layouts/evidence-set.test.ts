import { describe, expect, it } from 'vitest';
import { type DocumentProfile, documentProfileSchema } from '#shared/documents/contract.ts';
import type { Block, DocumentModel, Inline } from '../model.ts';
import { defaultProfile, departmentLine, documentNumberOf, headPosition } from '../profile.ts';
import {
  addresseeForm,
  draftPlanCircular,
  draftPlanMemo,
  draftRoundCircular,
  draftRoundMemo,
  roundPart,
} from './drafts.ts';
import { externalLetter } from './external-letter.ts';
import { memoDocument } from './memo.ts';
import type { PlanDocumentView } from './plan-document.ts';
import { publicationForm } from './publication-form.ts';
import type { RoundReportView } from './round-report.ts';

/** The OIT evidence set's layouts and first drafts, part by part against the official forms. */

const text = (i: Inline) => (typeof i === 'string' ? i : i.map((r) => r.text).join(''));

/** The model as the lines a reader meets, in order (fields as "label value", cells line by line). */
function lines(model: DocumentModel): string[] {
  const out: string[] = [];
  const add = (b: Block) => {
    switch (b.kind) {
      case 'heading':
      case 'paragraph':
        out.push(text(b.text));
        break;
      case 'list':
        out.push(...b.items.map(text));
        break;
      case 'fields':
        for (const l of b.lines)
          out.push(
            l
              .map((f) => `${f.label.trim()} ${text(f.value)}`.trim())
              .filter((f) => f !== '')
              .join(' | '),
          );
        break;
      case 'signature':
        if (b.caption) out.push(b.caption);
        out.push(`(${b.name})`, ...b.positions);
        break;
      case 'table':
        out.push(b.columns.map((c) => c.header).join(' | '));
        for (const r of b.rows)
          if (r.kind === 'cells') out.push(r.cells.map((c) => c.lines.map(text).join(' / ')).join(' | '));
        break;
      default:
        break;
    }
  };
  model.blocks.forEach(add);
  return out;
}

/** Index of the first line starting with each word; all found and in this order. */
function expectInOrder(all: string[], words: string[]) {
  const at = words.map((w) => all.findIndex((l) => l.startsWith(w)));
  expect(
    at.every((i) => i >= 0),
    `${JSON.stringify(words.filter((_, k) => at[k] === -1))} in ${JSON.stringify(all)}`,
  ).toBe(true);
  expect([...at].sort((a, b) => a - b)).toEqual(at);
}

/** The product's name never appears; the plan's own name (…คุณธรรมและความโปร่งใส) may. */
function expectNoProductName(value: unknown) {
  const s = JSON.stringify(value);
  expect(s).not.toMatch(/prongsai/i);
  expect(s.replaceAll('คุณธรรมและความโปร่งใส', '')).not.toContain('โปร่งใส');
}

const PROFILE: DocumentProfile = {
  ...defaultProfile({ kind: 'province', nameTh: 'จังหวัดตาก' }),
  department: 'สำนักงานจังหวัดตาก กลุ่มงานยุทธศาสตร์และข้อมูลเพื่อการพัฒนาจังหวัด',
  phone: '0 5551 1234',
  email: 'saraban@tak.go.th',
  address: ['ศาลากลางจังหวัดตาก', 'ถนนพหลโยธิน ตาก 63000'],
  numberPrefix: 'ตก 0017.2',
  signer: { name: 'นายสมชาย ใจดี', positions: ['หัวหน้าสำนักงานจังหวัดตาก'] },
  head: { name: 'นายชัชวาลย์ ฉายะบุตร', positions: ['ผู้ว่าราชการจังหวัดตาก'] },
};

const PLAN_TITLE = 'มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน จังหวัดตาก ประจำปีงบประมาณ พ.ศ. 2568';
const PLAN: Omit<PlanDocumentView, 'signer'> = {
  header: { organizationNameTh: 'จังหวัดตาก', fiscalYear: 2568, date: '2024-11-01' },
  content: {
    title: PLAN_TITLE,
    issues: [],
  } as unknown as PlanDocumentView['content'],
  versionNo: 1,
  unitNames: {},
  approval: { memoNumber: 'ตก 0017.2/99', memoDate: '2024-10-20' },
  analysis: null,
};

const ROUND: RoundReportView = {
  header: { organizationNameTh: 'จังหวัดตาก', fiscalYear: 2568, date: '2025-04-30' },
  planTitle: PLAN_TITLE,
  roundLabel: 'รอบ 6 เดือน (ต.ค. – มี.ค.) ปีงบประมาณ พ.ศ. 2568',
  periodStart: '2024-10-01',
  periodEnd: '2025-03-31',
  lines: [],
  counts: { done: 3, inProgress: 2, notStarted: 1, cancelled: 0, measures: 6 },
  problems: [{ unitNameTh: 'กองคลัง', measureTitle: 'ก', text: 'บุคลากรไม่พอ' }],
  suggestions: [],
  evidence: [],
  introduction: '',
} as unknown as RoundReportView;

describe('document profile', () => {
  it('defaults a province to its provincial office and governor, a municipality to its mayor', () => {
    const province = defaultProfile({ kind: 'province', nameTh: 'จังหวัดตาก' });
    expect(province.department).toBe('สำนักงานจังหวัดตาก');
    expect(province.to).toBe('ผู้ว่าราชการจังหวัดตาก');
    expect(province.head.positions).toEqual(['ผู้ว่าราชการจังหวัดตาก']);
    expect(headPosition({ kind: 'province', nameTh: 'ตาก' })).toBe('ผู้ว่าราชการจังหวัดตาก');
    const city = defaultProfile({ kind: 'municipality', nameTh: 'เทศบาลนครสุราษฎร์ธานี' });
    expect(city.to).toBe('นายกเทศมนตรีนครสุราษฎร์ธานี');
    expect(headPosition({ kind: 'municipality', nameTh: 'องค์การบริหารส่วนตำบลหนองบัว' })).toBe(
      'นายกองค์การบริหารส่วนตำบลหนองบัว',
    );
    expect(departmentLine(PROFILE)).toBe(
      'สำนักงานจังหวัดตาก กลุ่มงานยุทธศาสตร์และข้อมูลเพื่อการพัฒนาจังหวัด โทร.\u00a00\u00a05551\u00a01234',
    );
  });

  it('keeps a default profile valid for an organisation whose name is too long for a position line', () => {
    const nameTh = `สำนักงาน${'พัฒนาสังคมและความมั่นคงของมนุษย์'.repeat(4)}`;
    const profile = defaultProfile({ kind: 'regional_unit', nameTh });
    expect(profile.head.positions).toEqual(['หัวหน้าส่วนราชการ']);
    expect(documentProfileSchema.safeParse(profile).success).toBe(true);
  });

  it('composes ที่ … from the prefix: ว on a circular, the number left for the registry when not given', () => {
    expect(documentNumberOf('ตก 0017.2', '123', false)).toBe('ตก 0017.2/123');
    expect(documentNumberOf('ตก 0017.2', '123', true)).toBe('ตก 0017.2/ว 123');
    expect(documentNumberOf('ตก 0017.2', '', true)).toBe('ตก 0017.2/ว');
    expect(documentNumberOf('ตก 0017.2/', '', false)).toBe('ตก 0017.2/');
    expect(documentNumberOf('ตก 0017.2', 'สฎ 52008/189', false)).toBe('สฎ 52008/189');
    expect(documentNumberOf('', '45', true)).toBe('45');
    expect(documentNumberOf('', '', false)).toBe('');
  });
});

describe('approval memo (บันทึกข้อความ) for a plan', () => {
  const content = draftPlanMemo(PLAN, PROFILE);
  const model = memoDocument({
    content,
    number: documentNumberOf(PROFILE.numberPrefix, '', false),
    date: '2024-10-20',
    signer: PROFILE.signer,
    head: PROFILE.head,
  });
  const all = lines(model);

  it('asks the head to approve the plan and to permit publishing it, from the profile', () => {
    expect(content.subject).toContain('ขอความเห็นชอบ');
    expect(content.subject).toContain('เผยแพร่บนเว็บไซต์');
    expect(content.to).toBe('ผู้ว่าราชการจังหวัดตาก');
    expect(content.department).toBe(departmentLine(PROFILE));
    expect(content.proposal).toContain('อนุญาตให้เผยแพร่');
    expect(content.decisions).toEqual(['เห็นชอบ', 'อนุญาตให้เผยแพร่บนเว็บไซต์ของหน่วยงาน']);
  });

  it('has the memo parts in order, then the head’s decision with room to sign, name, position and date', () => {
    expectInOrder(all, [
      'บันทึกข้อความ',
      'ส่วนราชการ สำนักงานจังหวัดตาก',
      'ที่ ตก 0017.2/',
      'เรื่อง ขอความเห็นชอบ',
      'เรียน ผู้ว่าราชการจังหวัดตาก',
      'เรื่องเดิม',
      'ข้อเท็จจริง',
      'ข้อพิจารณา',
      'ข้อเสนอ',
      'จึงเรียนมาเพื่อโปรดพิจารณา',
      '(นายสมชาย ใจดี)',
      'หัวหน้าสำนักงานจังหวัดตาก',
      '(\u00a0\u00a0\u00a0) เห็นชอบ',
      '(\u00a0\u00a0\u00a0) อนุญาตให้เผยแพร่บนเว็บไซต์ของหน่วยงาน',
      '(นายชัชวาลย์ ฉายะบุตร)',
      'ผู้ว่าราชการจังหวัดตาก',
      'วันที่ ...',
    ]);
    expectNoProductName(model);
  });

  it('leaves the head’s name to write by hand when the profile has none, and no block without decisions', () => {
    const blank = memoDocument({ content, number: '', date: '2024-10-20', signer: PROFILE.signer });
    const sig = blank.blocks.filter((b) => b.kind === 'signature').at(-1);
    expect(sig?.kind === 'signature' && sig.name.trim()).toBe('');
    const none = memoDocument({
      content: { ...content, decisions: [] },
      number: '',
      date: '2024-10-20',
      signer: PROFILE.signer,
    });
    expect(lines(none).some((l) => l.includes('เห็นชอบ') && l.startsWith('('))).toBe(false);
  });
});

describe('circular', () => {
  const addressees = [
    { name: 'กลุ่มงานบริหารทั่วไป', form: 'memo' as const },
    { name: 'สำนักงานพาณิชย์จังหวัดตาก', form: 'letter' as const },
    { name: 'สำนักงานคลังจังหวัดตาก', form: 'letter' as const },
  ];
  const content = draftPlanCircular(PLAN, PROFILE, addressees);

  it('chooses per addressee: the agency’s own units get a memo, other agencies a letter', () => {
    expect(addresseeForm('division')).toBe('memo');
    expect(addresseeForm('office')).toBe('memo');
    expect(addresseeForm('regional_unit')).toBe('letter');
    expect(addresseeForm('department')).toBe('letter');
    expect(addresseeForm(null)).toBe('letter');
    expect(content.recipients).toEqual(['กลุ่มงานบริหารทั่วไป']);
    expect(content.to).toBe('หัวหน้ากลุ่มงานบริหารทั่วไป');
    expect(content.letterRecipients).toEqual(['สำนักงานพาณิชย์จังหวัดตาก', 'สำนักงานคลังจังหวัดตาก']);
    expect(content.letterTo).toBe('หัวหน้าส่วนราชการ (ตามบัญชีรายชื่อแนบท้าย)');
  });

  it('never names the product (the units report to the secretariat’s unit)', () => {
    expectNoProductName(content);
    expect(content.body).toContain('ต่อสำนักงานจังหวัดตาก');
    expectNoProductName(draftRoundCircular(ROUND, PROFILE, addressees));
  });

  it('external letter: the parts of หนังสือภายนอก in order, address at the right of ที่, list of addressees', () => {
    const letter = externalLetter({
      content: { ...content, reference: 'หนังสือสำนักงาน ป.ป.ช. ที่ ปช 0004/ว 10 ลงวันที่ 1 ตุลาคม 2567' },
      number: documentNumberOf(PROFILE.numberPrefix, '', true),
      date: '2024-11-05',
      signer: PROFILE.signer,
      agencyName: 'ศาลากลางจังหวัดตาก',
      address: ['ถนนพหลโยธิน ตาก 63000'],
      department: PROFILE.department,
      phone: PROFILE.phone,
      email: PROFILE.email,
    });
    expect(letter.form).toBe('report');
    expect(letter.blocks.some((b) => b.kind === 'heading')).toBe(false);
    const all = lines(letter);
    expect(all[0]).toBe('ที่ ตก 0017.2/ว | ศาลากลางจังหวัดตาก');
    expect(all[1]).toBe('ถนนพหลโยธิน ตาก 63000');
    expectInOrder(all, [
      'ที่ ตก 0017.2/ว',
      '5 พฤศจิกายน 2567',
      'เรื่อง แจ้งเวียน',
      'เรียน หัวหน้าส่วนราชการ (ตามบัญชีรายชื่อแนบท้าย)',
      'อ้างถึง หนังสือสำนักงาน ป.ป.ช.',
      `สิ่งที่ส่งมาด้วย ${PLAN_TITLE}`,
      'ด้วยจังหวัดตาก',
      'จึงเรียนมาเพื่อโปรดทราบ',
      'ขอแสดงความนับถือ',
      '(นายสมชาย ใจดี)',
      'หัวหน้าสำนักงานจังหวัดตาก',
      'สำนักงานจังหวัดตาก กลุ่มงาน',
      'โทร. 0 5551 1234',
      'ไปรษณีย์อิเล็กทรอนิกส์ saraban@tak.go.th',
      'บัญชีรายชื่อแนบท้าย',
      'สำนักงานพาณิชย์จังหวัดตาก',
      'สำนักงานคลังจังหวัดตาก',
    ]);
    expectNoProductName(letter);
  });

  it('external letter to one agency: addressed to its head, no อ้างถึง line and no list', () => {
    const one = draftPlanCircular(PLAN, PROFILE, [addressees[1]!]);
    const letter = externalLetter({
      content: one,
      number: 'ตก 0017.2/ว 5',
      date: '2024-11-05',
      signer: PROFILE.signer,
      agencyName: 'ศาลากลางจังหวัดตาก',
      address: [],
      department: PROFILE.department,
      phone: '',
      email: '',
    });
    const all = lines(letter);
    expect(all).toContain('เรียน หัวหน้าสำนักงานพาณิชย์จังหวัดตาก');
    expect(all.some((l) => l.startsWith('อ้างถึง'))).toBe(false);
    expect(all.some((l) => l.startsWith('บัญชีรายชื่อ'))).toBe(false);
    expect(all.some((l) => l.startsWith('โทร.'))).toBe(false);
  });
});

describe('round acknowledgement memo', () => {
  it('states the fiscal year once in its subject and asks the head to acknowledge and direct what follows', () => {
    const memo = draftRoundMemo(ROUND, PROFILE);
    expect(memo.subject.match(/ปีงบประมาณ/g)).toHaveLength(1);
    expect(memo.subject).toContain('รอบ 6 เดือน');
    expect(roundPart('แผนไม่มีปี', ROUND.roundLabel, 2568)).toBe(ROUND.roundLabel);
    expect(memo.decisions).toContain('ทราบ');
    expect(memo.decisions).toContain('อนุญาตให้เผยแพร่บนเว็บไซต์ของหน่วยงาน');
    expect(memo.proposal).toContain('ทราบผลการดำเนินงาน');
    expect(memo.proposal).toContain('เร่งรัดมาตรการที่ยังไม่แล้วเสร็จ');
    expect(memo.considerations).toContain('ยังไม่แล้วเสร็จ 3 มาตรการ');
    expect(memo.facts).toContain('ปัญหา อุปสรรค 1 เรื่อง');
    expect(memo.to).toBe('ผู้ว่าราชการจังหวัดตาก');
    expectNoProductName(memo);
  });

  it('says nothing is left to finish when every measure is done', () => {
    const done = {
      ...ROUND,
      counts: { done: 6, inProgress: 0, notStarted: 0, cancelled: 0, measures: 6 },
      problems: [],
    };
    const memo = draftRoundMemo(done, PROFILE);
    expect(JSON.stringify(memo)).not.toContain('ยังไม่แล้วเสร็จ');
    expect(memo.facts).toContain('ไม่มีหน่วยงานรายงานปัญหา');
    expect(draftRoundCircular(done, PROFILE, []).body).not.toContain('ยังไม่แล้วเสร็จ');
  });
});

describe('web-publication request form', () => {
  const url = 'https://ita.example.go.th/p/tak/2568/plan';
  const model = publicationForm({
    unit: PROFILE.department,
    date: '2024-11-10',
    subject: PLAN_TITLE,
    description: 'มาตรการ … เพื่อเผยแพร่ให้สาธารณชนทราบ',
    url,
    note: 'ฉบับที่ 1 ที่เผยแพร่',
    requester: PROFILE.signer,
    approver: PROFILE.head,
    publisher: { name: 'นางสาวเผยแพร่ ข้อมูลดี', date: '2024-11-12' },
  });

  it('has the template’s parts: unit, date, subject, description, the address, and three people with dates', () => {
    const all = lines(model);
    expectInOrder(all, [
      'แบบฟอร์มการขออนุญาตเผยแพร่ข้อมูลผ่านเว็บไซต์ของหน่วยงาน',
      'รายการ | ข้อมูล',
      `ชื่อหน่วยงาน | ${PROFILE.department}`,
      'วัน/เดือน/ปี | 10 พฤศจิกายน 2567',
      `หัวข้อ | ${PLAN_TITLE}`,
      'รายละเอียดข้อมูล',
      `ที่อยู่ของข้อมูลบนเว็บไซต์ (URL) | ${url}`,
      'หมายเหตุ | ฉบับที่ 1',
      'ผู้รับผิดชอบการให้ข้อมูล | ผู้อนุมัติรับรอง | ผู้รับผิดชอบการนำข้อมูลขึ้นเผยแพร่',
    ]);
    const people = all.at(-1)!.split(' | ');
    expect(people[0]).toContain('(นายสมชาย ใจดี)');
    expect(people[0]).toContain('วันที่ 10 พฤศจิกายน 2567');
    expect(people[1]).toContain('(นายชัชวาลย์ ฉายะบุตร) / ผู้ว่าราชการจังหวัดตาก / วันที่ ...');
    expect(people[2]).toContain('(นางสาวเผยแพร่ ข้อมูลดี)');
    expect(people[2]).toContain('วันที่ 12 พฤศจิกายน 2567');
    expectNoProductName(model);
  });

  it('keeps the address exactly as written (a literal link: no Thai digits in it)', () => {
    const table = model.blocks.find((b) => b.kind === 'table');
    const row = table?.kind === 'table' ? table.rows[4] : undefined;
    const cell = row?.kind === 'cells' ? row.cells[1]?.lines[0] : undefined;
    expect(cell).toEqual([{ text: url, link: url, literal: true }]);
  });
});
