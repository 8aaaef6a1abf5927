import type { CircularContent, Signer } from '#shared/documents/contract.ts';
import type { Block, DocumentModel } from '../model.ts';
import { longDate, prose } from './common.ts';
import { attachmentLines, distributionList, signature } from './memo.ts';

/**
 * หนังสือภายนอก, ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ พ.ศ. ๒๕๒๖ and its amendments (๒๕๖๔: the
 * e-mail address of the owning unit): the emblem (ตราครุฑ) centred at the top; ที่ at the left and the
 * sending agency with its address at the right; the date from the middle; เรื่อง, เรียน, อ้างถึง,
 * สิ่งที่ส่งมาด้วย; the text; ขอแสดงความนับถือ; the signature with the name in brackets and the position;
 * then, at the left, ส่วนราชการเจ้าของเรื่อง, โทร. and ไปรษณีย์อิเล็กทรอนิกส์.
 *
 * Sent to many agencies with the same text, it is one หนังสือเวียน (ว before its number) addressed to them
 * as a group, with the list of addressees after it (practice for a province writing to its regional
 * units), rather than one letter per agency.
 */

export type ExternalLetterView = {
  content: CircularContent;
  /** ที่ …, already composed (ว … for a circular). */
  number: string;
  date: string;
  signer: Signer;
  /** The sending agency's name (the first line at the top right). */
  agencyName: string;
  /** Its address, one line each, under its name. */
  address: string[];
  /** ส่วนราชการเจ้าของเรื่อง: the unit that wrote the letter. */
  department: string;
  phone: string;
  email: string;
};

/** A line whose only text starts at the middle of the page (a tab stop in DOCX, a half-width column in HTML). */
const fromMiddle = (text: string): Block => ({
  kind: 'fields',
  lines: [
    [
      { label: ' ', value: '' },
      { label: '', value: text },
    ],
  ],
});

/** เรียน of a letter to the given agencies: the one agency's head, or the group with its list. */
export function letterAddressee(names: string[]): string {
  if (names.length === 1) return `หัวหน้า${names[0]}`;
  return 'หัวหน้าส่วนราชการ (ตามบัญชีรายชื่อแนบท้าย)';
}

export function externalLetter(view: ExternalLetterView): DocumentModel {
  const c = view.content;
  const top = [view.agencyName, ...view.address].map((l) => l.trim()).filter((l) => l !== '');
  const head: Block = {
    kind: 'fields',
    lines: [
      [
        { label: 'ที่', value: view.number },
        { label: '', value: top[0] ?? '' },
      ],
      ...top.slice(1).map((line) => [
        { label: ' ', value: '' },
        { label: '', value: line },
      ]),
    ],
  };
  const to = c.letterTo.trim() === '' ? letterAddressee(c.letterRecipients) : c.letterTo;
  const subjectLines = [
    [{ label: 'เรื่อง', value: c.subject }],
    [{ label: 'เรียน', value: to }],
    ...(c.reference.trim() === '' ? [] : [[{ label: 'อ้างถึง', value: c.reference }]]),
    ...attachmentLines(c.attachments),
  ];
  const owner = [
    view.department.trim(),
    view.phone.trim() === '' ? '' : `โทร. ${view.phone.trim()}`,
    view.email.trim() === '' ? '' : `ไปรษณีย์อิเล็กทรอนิกส์ ${view.email.trim()}`,
  ].filter((l) => l !== '');
  return {
    kind: 'circular-letter',
    title: c.subject,
    orientation: 'portrait',
    // The emblem centred above everything, as on ตราครุฑ paper; no title line.
    form: 'report',
    blocks: [
      head,
      fromMiddle(longDate(view.date)),
      { kind: 'fields', lines: subjectLines },
      ...prose(c.body),
      { kind: 'paragraph', text: c.closing, indent: true, spaceBefore: 6 },
      fromMiddle('ขอแสดงความนับถือ'),
      ...signature(view.signer),
      ...owner.map(
        (text, i): Block => ({ kind: 'paragraph', text, ...(i === 0 ? { spaceBefore: 24 } : {}) }),
      ),
      ...(c.letterRecipients.length > 1
        ? [{ kind: 'pageBreak' } as const, ...distributionList('บัญชีรายชื่อแนบท้าย', c.letterRecipients)]
        : []),
    ],
  };
}
