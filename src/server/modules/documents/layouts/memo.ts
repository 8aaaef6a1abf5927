import type { CircularContent, MemoContent, Signer } from '#shared/documents/contract.ts';
import type { Block, DocumentModel, Inline } from '../model.ts';
import { heading, longDate, prose } from './common.ts';

/**
 * บันทึกข้อความ (หนังสือภายใน), ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ พ.ศ. ๒๕๒๖: ส่วนราชการ, ที่,
 * วันที่, เรื่อง, คำขึ้นต้น (เรียน), ข้อความ, then the signature (name in brackets, position).
 */

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
          { label: 'ที่', value: h.number },
          { label: 'วันที่', value: longDate(h.date) },
        ],
        [{ label: 'เรื่อง', value: h.subject }],
        [{ label: 'เรียน', value: h.to }],
      ],
    },
  ];
}

const positionsOf = (signer: Signer) => signer.positions.filter((p) => p.trim() !== '');

/**
 * The signer's block. Without a name it is still there, with room for the name and the position to be
 * written by hand: an official text is never left without its signature.
 */
export function signature(signer: Signer): Block[] {
  const positions = positionsOf(signer);
  return [
    {
      kind: 'signature',
      name: signer.name.trim() === '' ? BLANK_NAME : signer.name,
      positions: positions.length > 0 ? positions : [POSITION_LINE],
    },
  ];
}

/** Room for a name written by hand: spaces that no renderer collapses. */
export const BLANK_NAME = '\u00a0'.repeat(36);
/** A position the signer writes by hand. */
export const POSITION_LINE = `ตำแหน่ง ${'.'.repeat(36)}`;
/** A date the signer writes by hand. */
export const DATE_LINE = `วันที่ ${'.'.repeat(30)}`;
/** A tick box the head marks: brackets with room for a tick, in every font. */
export const TICK = '(\u00a0\u00a0\u00a0)';
/** The box ticked as a typist does: a slash in the brackets. */
export const TICKED = '(\u00a0/\u00a0)';

/**
 * The head's decision below the proposal (the approval memo, the round acknowledgement): each choice
 * with a box to tick, "อื่น ๆ" with a line, then the head's signature (room to sign above the name in
 * brackets, as for the proposer), position and a date to write. The name is left blank to write by
 * hand when the profile has none.
 */
export function decisionBlock(
  decisions: string[],
  head: Signer,
  signed?: SignedBlock,
  /** The choice the signature records (เห็นชอบ for a plan, ทราบ for a round report): ticked. */
  act?: string,
): Block[] {
  const choices = decisions.map((d) => d.trim()).filter((d) => d !== '');
  if (choices.length === 0) return [];
  return [
    ...choices.map(
      (choice, i): Block => ({
        kind: 'paragraph',
        // Signed electronically, what the signature records is ticked (the plan's เห็นชอบ, the round's
        // ทราบ); the other choices (permission to publish) are not recorded, so they stay to tick by hand.
        text: `${signed && act && choice.startsWith(act) ? TICKED : TICK} ${choice}`,
        indent: true,
        ...(i === 0 ? { spaceBefore: 18 } : {}),
      }),
    ),
    { kind: 'paragraph', text: `${TICK} อื่น ๆ ${'.'.repeat(60)}`, indent: true },
    signed
      ? { kind: 'signature', ...signed }
      : {
          kind: 'signature',
          name: head.name.trim() === '' ? BLANK_NAME : head.name,
          positions: [...positionsOf(head), DATE_LINE],
        },
  ];
}

/**
 * A signature made electronically (decision 024), as the signatures module words it: printed in place of
 * the hand signature (the head's decision on a memo, ผู้เห็นชอบ on a plan).
 */
export type SignedBlock = {
  name: string;
  positions: string[];
  electronic: { label: string; lines: Inline[] };
};

/** A section of the memo body: its bold heading, then the text (nothing when the text is empty). */
function section(title: string, text: string): Block[] {
  const paragraphs = prose(text);
  return paragraphs.length === 0
    ? []
    : [{ kind: 'paragraph', text: [{ text: title, bold: true }], spaceBefore: 6 }, ...paragraphs];
}

export type MemoView = {
  /** The text; no `decisions`: no decision block. */
  content: Omit<MemoContent, 'decisions'> & { decisions?: string[] };
  /** ที่ …, already composed from the profile's prefix and the document's number. */
  number: string;
  date: string;
  signer: Signer;
  /** Whose decision the memo asks for (the agency's head); absent: the name is left to write. */
  head?: Signer;
  /** The head's decision signed electronically: printed in place of the hand signature; `act` ticked. */
  headSigned?: { block: SignedBlock; act: string } | undefined;
};

/**
 * บันทึกข้อความ: เรื่องเดิม, ข้อเท็จจริง, ข้อพิจารณา, ข้อเสนอ, the closing line and the signer, then the
 * head's decision (เห็นชอบ / อนุญาตให้เผยแพร่ … / ทราบ) when the memo asks for one.
 */
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
      ...decisionBlock(
        c.decisions ?? [],
        view.head ?? { name: '', positions: [] },
        view.headSigned?.block,
        view.headSigned?.act,
      ),
    ],
  };
}

/** The lines of สิ่งที่ส่งมาด้วย, numbered when there are several. */
export function attachmentLines(attachments: string[]): { label: string; value: string }[][] {
  return attachments.map((a, i) => [
    { label: i === 0 ? 'สิ่งที่ส่งมาด้วย' : ' ', value: attachments.length > 1 ? `${i + 1}. ${a}` : a },
  ]);
}

/** The addressees after the signature (the distribution list of a หนังสือเวียน). */
export function distributionList(title: string, names: string[]): Block[] {
  return names.length === 0
    ? []
    : [
        { kind: 'paragraph', text: [{ text: title, bold: true }], spaceBefore: 18 },
        { kind: 'list', ordered: true, items: names },
      ];
}

export type CircularView = { content: CircularContent; number: string; date: string; signer: Signer };

/**
 * The circular to the agency's own units, as a บันทึกข้อความ: สิ่งที่ส่งมาด้วย after the heading, the body,
 * the signer, then the units it goes to when there are several. Made only when it has addressees
 * (`recipients`).
 */
export function circularDocument(view: CircularView): DocumentModel {
  const c = view.content;
  const attachments: Block[] =
    c.attachments.length === 0 ? [] : [{ kind: 'fields', lines: attachmentLines(c.attachments) }];
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
      // One addressee is named in เรียน; several are listed after the signature.
      ...(c.recipients.length > 1 ? distributionList('รายชื่อหน่วยงานที่แจ้งเวียน', c.recipients) : []),
    ],
  };
}
