import { z } from 'zod';

/** What a document is about, and which formats it comes in. */
export const DOCUMENT_KINDS = [
  'analysis',
  'plan',
  'round',
  'memo',
  'circular',
  'circular-letter',
  'publication-form',
] as const;
export type DocumentKindName = (typeof DOCUMENT_KINDS)[number];
export const SUBJECT_TYPES = ['analysis', 'plan', 'round'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];
export const DOCUMENT_FORMATS = ['docx', 'pdf', 'xlsx'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** The formats each kind is made in: memos and letters are not spreadsheets. */
export const FORMATS_OF: Record<DocumentKindName, readonly DocumentFormat[]> = {
  analysis: ['docx', 'pdf', 'xlsx'],
  plan: ['docx', 'pdf', 'xlsx'],
  round: ['docx', 'pdf', 'xlsx'],
  memo: ['docx', 'pdf'],
  circular: ['docx', 'pdf'],
  'circular-letter': ['docx', 'pdf'],
  'publication-form': ['docx', 'pdf'],
};

export const DOCUMENT_KIND_LABELS: Record<DocumentKindName, { th: string; en: string }> = {
  analysis: { th: 'รายงานการวิเคราะห์ผลการประเมิน ITA', en: 'ITA result analysis report' },
  plan: { th: 'มาตรการส่งเสริมคุณธรรมและความโปร่งใส', en: 'Integrity and transparency measures plan' },
  round: { th: 'รายงานผลการดำเนินงานตามมาตรการ', en: 'Measures progress report' },
  memo: { th: 'บันทึกข้อความ', en: 'Internal memo' },
  circular: { th: 'หนังสือแจ้งเวียน (บันทึกข้อความถึงหน่วยงานภายใน)', en: 'Circular (internal memo)' },
  'circular-letter': {
    th: 'หนังสือแจ้งเวียน (หนังสือภายนอกถึงส่วนราชการอื่น)',
    en: 'Circular (external letter)',
  },
  'publication-form': {
    th: 'แบบฟอร์มการขออนุญาตเผยแพร่ข้อมูลผ่านเว็บไซต์ของหน่วยงาน',
    en: 'Web-publication request form',
  },
};

/**
 * The OIT evidence set (issue 11) as the command line and the UI name it, mapped onto document kinds
 * and the subject each is about: the single source for both. `circular` is one internal memo to the
 * agency's own units and one external letter (หนังสือเวียน with a distribution list) to other
 * agencies, each made only when the circular has addressees of that form.
 */
export const EVIDENCE_SET: Record<
  'memo' | 'circular' | 'publication-form' | 'round-memo',
  { kinds: readonly DocumentKindName[]; subjects: readonly ('plan' | 'round')[] }
> = {
  memo: { kinds: ['memo'], subjects: ['plan'] },
  circular: { kinds: ['circular', 'circular-letter'], subjects: ['plan', 'round'] },
  'publication-form': { kinds: ['publication-form'], subjects: ['plan', 'round'] },
  'round-memo': { kinds: ['memo'], subjects: ['round'] },
};

/** The kinds whose layout prints the signer (the others ignore it), and those that print ที่ …. */
export const USES_SIGNER: readonly DocumentKindName[] = [
  'plan',
  'memo',
  'circular',
  'circular-letter',
  'publication-form',
];
export const USES_NUMBER: readonly DocumentKindName[] = ['memo', 'circular', 'circular-letter'];

const line = z.string().trim().max(500);
const paragraph = z.string().max(20_000);

/**
 * What fits the signature block (half the text width, about 8 cm = 227 pt, at the 16 pt body size: some
 * 30 Thai letters a line in Sarabun, measured): a name of two lines at most (60 characters; the longest
 * real names, with a rank and ณ อยุธยา, have 59), and four position lines (ตำแหน่ง, รักษาราชการแทน …,
 * ปฏิบัติราชการแทน …) of about three lines each (100 characters; รักษาราชการแทนผู้อำนวยการสำนักงาน
 * พัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดพระนครศรีอยุธยา has 87).
 */
export const SIGNER_LIMITS = { name: 60, positions: 4, position: 100 } as const;

export const signerSchema = z.object({
  name: z.string().trim().max(SIGNER_LIMITS.name).default(''),
  /** One position a line: ตำแหน่ง, then รักษาราชการแทน … when acting. */
  positions: z.array(z.string().trim().max(SIGNER_LIMITS.position)).max(SIGNER_LIMITS.positions).default([]),
});
export type Signer = z.infer<typeof signerSchema>;

/** Choices remembered per organisation and kind of document. */
export const documentOptionsSchema = z.object({
  digits: z.enum(['thai', 'arabic']).default('thai'),
  /** 'bundled' (Sarabun) or the family name of a font in the fonts folder, e.g. 'TH Sarabun New'. */
  font: z.string().trim().min(1).max(100).default('bundled'),
  useEmblem: z.boolean().default(true),
  /** The analysis report's indicator table and chart: by indicator number, or by score (highest first). */
  indicatorOrder: z.enum(['number', 'score']).default('number'),
  signer: signerSchema.default({ name: '', positions: [] }),
  /** ที่ … of the document, e.g. 'ตก 0017.2/123'. */
  documentNumber: line.default(''),
  /** The document's date (ISO); empty: the day it is generated. From 2500 BE to the end of next year. */
  documentDate: z
    .union([z.iso.date(), z.literal('')])
    .default('')
    .refine((d) => d === '' || documentDateInRange(d), {
      message: 'The document date must be between 1 January 2500 BE (1957) and the end of next year',
      params: { th: 'วันที่ของเอกสารต้องอยู่ระหว่าง ๑ มกราคม ๒๕๐๐ ถึงสิ้นปีหน้า' },
    }),
});

/** A document's date is sane from 1 January 2500 BE (1957 CE) to 31 December of next year. */
export function documentDateInRange(isoDate: string, now = new Date()): boolean {
  return isoDate >= '1957-01-01' && isoDate <= `${now.getFullYear() + 1}-12-31`;
}
export type DocumentOptions = z.infer<typeof documentOptionsSchema>;

/** A memo (บันทึกข้อความ) proposing a plan or a report to the head; drafted from the data, then edited. */
export const memoContentSchema = z.object({
  department: line,
  subject: line,
  to: line,
  background: paragraph,
  facts: paragraph,
  considerations: paragraph,
  proposal: paragraph,
  closing: line.default('จึงเรียนมาเพื่อโปรดพิจารณา'),
  /**
   * What the head decides, one choice a line, printed as "( ) เห็นชอบ", "( ) อนุญาตให้เผยแพร่ …" above
   * the head's signature (the organisation's `head`); none: no decision block.
   */
  decisions: z.array(line).max(6).default([]),
});
export type MemoContent = z.infer<typeof memoContentSchema>;

/**
 * A circular (หนังสือแจ้งเวียน) sending the plan or report to the responsible units, chosen per
 * addressee: `recipients` (the agency's own units) get one internal memo (บันทึกข้อความ), and
 * `letterRecipients` (other agencies, e.g. a province's regional units, which belong to ministries) get
 * one external letter (หนังสือภายนอก, numbered ว… as a หนังสือเวียน) with the list of addressees.
 */
export const circularContentSchema = z.object({
  department: line,
  subject: line,
  /** เรียน of the internal memo. */
  to: line,
  attachments: z.array(line).max(20).default([]),
  body: paragraph,
  closing: line.default('จึงเรียนมาเพื่อโปรดทราบและดำเนินการในส่วนที่เกี่ยวข้อง'),
  /** Addressees of the internal memo, one a line. */
  recipients: z.array(line).max(500).default([]),
  /** เรียน of the external letter. */
  letterTo: line.default(''),
  /** อ้างถึง of the external letter (a letter the addressees have; empty: no line). */
  reference: line.default(''),
  /** Addressees of the external letter, one a line. */
  letterRecipients: z.array(line).max(500).default([]),
});
export type CircularContent = z.infer<typeof circularContentSchema>;

export const draftSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('memo'), content: memoContentSchema }),
  z.object({ kind: z.literal('circular'), content: circularContentSchema }),
]);
export type Draft = z.infer<typeof draftSchema>;

export const draftResponseSchema = z.object({
  subjectType: z.enum(SUBJECT_TYPES),
  subjectId: z.uuid(),
  draft: draftSchema,
  /** 0 when nothing is saved yet (the text is drafted from the data). */
  rowVersion: z.int(),
});

export const saveDraftSchema = z.object({ rowVersion: z.int().min(0), draft: draftSchema });

export const generateDocumentSchema = z.object({
  kind: z.enum(DOCUMENT_KINDS),
  subjectType: z.enum(SUBJECT_TYPES),
  subjectId: z.uuid(),
  /** Options for this run; they are remembered for the organisation and kind. */
  options: documentOptionsSchema.optional(),
});

export const documentFileSchema = z.object({
  format: z.enum(DOCUMENT_FORMATS),
  bytes: z.int(),
  sha256: z.string(),
  /** Stable download address of this version's file. */
  url: z.string(),
});

export const documentVersionSchema = z.object({
  id: z.uuid(),
  kind: z.enum(DOCUMENT_KINDS),
  subjectType: z.enum(SUBJECT_TYPES),
  subjectId: z.uuid(),
  organizationId: z.uuid(),
  fiscalYear: z.int(),
  versionNo: z.int(),
  title: z.string(),
  inputsLabel: z.string(),
  inputsHash: z.string(),
  options: documentOptionsSchema,
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  files: z.array(documentFileSchema),
});
export type DocumentVersion = z.infer<typeof documentVersionSchema>;

export const generateResultSchema = z.object({
  document: documentVersionSchema,
  /** False when the same inputs had already been generated: that version is returned. */
  created: z.boolean(),
  /** Formats that could not be made this time, with why (e.g. Chromium could not start: no PDF). */
  missing: z.array(
    z.object({ format: z.enum(DOCUMENT_FORMATS), message_th: z.string(), message_en: z.string() }),
  ),
});

/**
 * What an organisation's official documents say about it, remembered across documents: the owning
 * unit (ส่วนราชการ) and its telephone, the address (external letters), the number prefix (ที่ …), whom
 * memos go to (เรียน), who signs, and the head who decides on memos and approves publication.
 */
export const documentProfileSchema = z.object({
  /** e.g. 'สำนักงานจังหวัดตาก กลุ่มงานยุทธศาสตร์และข้อมูลเพื่อการพัฒนาจังหวัด'. */
  department: line.default(''),
  phone: line.default(''),
  email: line.default(''),
  /** The agency's address, one line each (top right of an external letter). */
  address: z.array(line).max(4).default([]),
  /** e.g. 'ตก 0017.2': ที่ ตก 0017.2/123, or ที่ ตก 0017.2/ว 123 on a circular. */
  numberPrefix: line.default(''),
  /** เรียน of memos to the head, e.g. 'ผู้ว่าราชการจังหวัดตาก'. */
  to: line.default(''),
  signer: signerSchema.default({ name: '', positions: [] }),
  /** The head of the agency: decides on memos, approves what is published. */
  head: signerSchema.default({ name: '', positions: [] }),
});
export type DocumentProfile = z.infer<typeof documentProfileSchema>;

export const documentSettingsSchema = z.object({
  organizationId: z.uuid(),
  profile: documentProfileSchema,
  options: z.record(z.enum(DOCUMENT_KINDS), documentOptionsSchema),
  emblem: z.object({ url: z.string(), width: z.int(), height: z.int(), updatedAt: z.string() }).nullable(),
  fonts: z.array(z.object({ family: z.string(), source: z.enum(['bundled', 'folder']), bold: z.boolean() })),
  fontProblems: z.array(z.object({ file: z.string(), message_th: z.string(), message_en: z.string() })),
});
export type DocumentSettings = z.infer<typeof documentSettingsSchema>;
