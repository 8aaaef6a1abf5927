import type { CircularContent, MemoContent, Signer } from '#shared/documents/contract.ts';
import type { Block, DocumentModel } from '../model.ts';
import { heading, longDate, prose } from './common.ts';

/** The heading lines every memo-form document shares (ส่วนราชการ, ที่ … วันที่ …, เรื่อง, เรียน). */
type MemoHead = { department: string; number: string; date: string; subject: string; to: string };

function memoHead(h: MemoHead): Block[] {
  return [
    heading(1, 'บันทึกข้อความ', 'center'),
    {
      kind: 'fields',
      lines: [
        [{ label: 'ส่วนราชการ', value: h.department }],
        [
          { label: 'ที่', value: h.number === '' ? '-' : h.number },
          { label: 'วันที่', value: longDate(h.date) },
        ],
        [{ label: 'เรื่อง', value: h.subject }],
        [{ label: 'เรียน', value: h.to }],
      ],
    },
  ];
}

function signature(signer: Signer): Block[] {
  return signer.name.trim() === ''
    ? []
    : [{ kind: 'signature', name: signer.name, positions: signer.positions.filter((p) => p.trim() !== '') }];
}

/** A section of the memo body: its bold heading, then the text (nothing when the text is empty). */
function section(title: string, text: string): Block[] {
  const paragraphs = prose(text);
  return paragraphs.length === 0
    ? []
    : [{ kind: 'paragraph', text: [{ text: title, bold: true }], spaceBefore: 6 }, ...paragraphs];
}

export type MemoView = { content: MemoContent; number: string; date: string; signer: Signer };

/** บันทึกข้อความ: เรื่องเดิม, ข้อเท็จจริง, ข้อพิจารณา, ข้อเสนอ, then the closing line and the signer. */
export function memoDocument(view: MemoView): DocumentModel {
  const c = view.content;
  return {
    kind: 'memo',
    title: c.subject,
    orientation: 'portrait',
    form: 'official',
    blocks: [
      ...memoHead({
        department: c.department,
        number: view.number,
        date: view.date,
        subject: c.subject,
        to: c.to,
      }),
      ...section('เรื่องเดิม', c.background),
      ...section('ข้อเท็จจริง', c.facts),
      ...section('ข้อพิจารณา', c.considerations),
      ...section('ข้อเสนอ', c.proposal),
      { kind: 'paragraph', text: c.closing, indent: true, spaceBefore: 12 },
      ...signature(view.signer),
    ],
  };
}

export type CircularView = { content: CircularContent; number: string; date: string; signer: Signer };

/** หนังสือแจ้งเวียน in memo form, with the attachment line and the list of recipients after the signer. */
export function circularDocument(view: CircularView): DocumentModel {
  const c = view.content;
  const attachments: Block[] =
    c.attachments.length === 0
      ? []
      : [
          {
            kind: 'fields',
            lines: c.attachments.map((a, i) => [
              { label: i === 0 ? 'สิ่งที่ส่งมาด้วย' : ' ', value: c.attachments.length > 1 ? `${i + 1}. ${a}` : a },
            ]),
          },
        ];
  const recipients: Block[] =
    c.recipients.length === 0
      ? []
      : [
          { kind: 'paragraph', text: [{ text: 'รายชื่อหน่วยงานที่แจ้งเวียน', bold: true }], spaceBefore: 18 },
          { kind: 'list', ordered: true, items: c.recipients },
        ];
  return {
    kind: 'circular',
    title: c.subject,
    orientation: 'portrait',
    form: 'official',
    blocks: [
      ...memoHead({
        department: c.department,
        number: view.number,
        date: view.date,
        subject: c.subject,
        to: c.to,
      }),
      ...attachments,
      ...prose(c.body),
      { kind: 'paragraph', text: c.closing, indent: true, spaceBefore: 12 },
      ...signature(view.signer),
      ...recipients,
    ],
  };
}
