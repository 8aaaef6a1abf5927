import {
  type DocumentKindName,
  type DocumentOptions,
  type DocumentProfile,
  type SubjectType,
  USES_NUMBER,
  USES_SIGNER,
} from '#shared/documents/contract.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { fail } from '../../http/app-error.ts';
import { analysisDocumentView } from '../assessments/analysis-document.ts';
import { planDocumentView } from '../plans/plan-document.ts';
import { roundDocumentView } from '../progress/round-document.ts';
import { roundHashOf, signatureBlockFor } from '../signatures/signatures.service.ts';
import { type DraftOf, storedDraft } from './drafts.service.ts';
import {
  addresseesOf,
  assertRoundClosed,
  livePublication,
  notPublished,
  roundUnitIds,
} from './evidence-facts.ts';
import { type AnalysisReportView, analysisReport } from './layouts/analysis-report.ts';
import { analysisWorkbook } from './layouts/analysis-workbook.ts';
import { longDate } from './layouts/common.ts';
import {
  draftPlanCircular,
  draftPlanMemo,
  draftRoundCircular,
  draftRoundMemo,
  responsibleOfPlan,
  roundPart,
} from './layouts/drafts.ts';
import { externalLetter } from './layouts/external-letter.ts';
import { circularDocument, memoDocument } from './layouts/memo.ts';
import { type PlanDocumentView, planDocument } from './layouts/plan-document.ts';
import { planWorkbook } from './layouts/plan-workbook.ts';
import { publicationForm } from './layouts/publication-form.ts';
import { type RoundReportView, roundReport } from './layouts/round-report.ts';
import { roundWorkbook } from './layouts/round-workbook.ts';
import type { DocumentModel, Workbook } from './model.ts';
import { documentNumberOf } from './profile.ts';

/** The data a document is made from, loaded (with the reader's permission checked) by the owning module. */
export type Basis = {
  organizationId: string;
  fiscalYear: number;
  inputsLabel: string;
} & (
  | { subjectType: 'analysis'; view: AnalysisReportView }
  | { subjectType: 'plan'; view: Omit<PlanDocumentView, 'signer'> }
  | { subjectType: 'round'; view: RoundReportView }
);

const todayInBangkok = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(new Date());

export const documentDate = (options: DocumentOptions) => options.documentDate || todayInBangkok();

/**
 * The options a kind of document uses: the others are dropped before hashing, so changing a field the
 * document does not print (a signer on an analysis) never makes a new version.
 */
export function relevantOptions(kind: DocumentKindName, options: DocumentOptions): DocumentOptions {
  return {
    ...options,
    documentNumber: USES_NUMBER.includes(kind) ? options.documentNumber : '',
    signer: USES_SIGNER.includes(kind) ? options.signer : { name: '', positions: [] },
    indicatorOrder: kind === 'analysis' ? options.indicatorOrder : 'number',
  };
}

/** Which subjects each kind of document can be about. */
const SUBJECTS: Record<DocumentKindName, readonly SubjectType[]> = {
  analysis: ['analysis'],
  plan: ['plan'],
  round: ['round'],
  memo: ['plan', 'round'],
  circular: ['plan', 'round'],
  'circular-letter': ['plan', 'round'],
  'publication-form': ['plan', 'round'],
};

export function assertKindFitsSubject(kind: DocumentKindName, subjectType: SubjectType) {
  if (!SUBJECTS[kind].includes(subjectType)) {
    throw fail.badRequest(
      `เอกสารประเภท ${kind} ไม่สามารถจัดทำจาก ${subjectType} ได้ (ทำได้จาก ${SUBJECTS[kind].join(', ')})`,
      `A ${kind} document cannot be made from a ${subjectType} (only from ${SUBJECTS[kind].join(', ')})`,
    );
  }
}

export async function loadBasis(
  db: Db,
  actor: Actor,
  subjectType: SubjectType,
  subjectId: string,
  date: string,
): Promise<Basis> {
  if (subjectType === 'analysis')
    return { subjectType, ...(await analysisDocumentView(db, actor, subjectId, date)) };
  if (subjectType === 'plan') return { subjectType, ...(await planDocumentView(db, actor, subjectId, date)) };
  return { subjectType, ...(await roundDocumentView(db, actor, subjectId, date)) };
}

/** The same basis dated as the document will be (the date is known only once the options are). */
export function withDate(basis: Basis, date: string): Basis {
  return { ...basis, view: { ...basis.view, header: { ...basis.view.header, date } } } as Basis;
}

/** The memo or circular text drafted from the data and the profile, for when none has been saved. */
export async function draftFromData<K extends 'memo' | 'circular'>(
  db: Db,
  kind: K,
  basis: Basis,
  profile: DocumentProfile,
  subjectId: string,
): Promise<DraftOf<K>> {
  if (basis.subjectType === 'plan') {
    const v = basis.view;
    if (kind === 'memo') return draftPlanMemo(v, profile) as DraftOf<K>;
    return draftPlanCircular(v, profile, await addresseesOf(db, responsibleOfPlan(v))) as DraftOf<K>;
  }
  if (basis.subjectType === 'round') {
    const v = basis.view;
    if (kind === 'memo') return draftRoundMemo(v, profile) as DraftOf<K>;
    const unitIds = await roundUnitIds(db, subjectId);
    return draftRoundCircular(v, profile, await addresseesOf(db, { unitIds, external: [] })) as DraftOf<K>;
  }
  throw fail.badRequest('บันทึกข้อความทำได้จากแผนหรือรอบการรายงาน', 'Memos are made from a plan or a round');
}

/** The saved text of a memo or circular, else the draft from the data; which one, in words. */
async function textOf<K extends 'memo' | 'circular'>(
  db: Db,
  kind: K,
  basis: Basis,
  profile: DocumentProfile,
  subjectId: string,
): Promise<{ content: DraftOf<K>; label: string }> {
  const saved = await storedDraft(db, subjectId, kind);
  return saved
    ? { content: saved.content as DraftOf<K>, label: `ข้อความที่แก้ไขแล้ว ครั้งที่ ${saved.rowVersion}` }
    : { content: await draftFromData(db, kind, basis, profile, subjectId), label: 'ข้อความร่างจากข้อมูล' };
}

/** A circular with no addressee of the form asked for is refused, naming the field to fill. */
function assertAddressees(kind: 'circular' | 'circular-letter', content: DraftOf<'circular'>) {
  const [names, to, field, form] =
    kind === 'circular'
      ? [content.recipients, content.to, 'recipients', 'บันทึกข้อความถึงหน่วยงานภายใน']
      : [content.letterRecipients, content.letterTo, 'letterRecipients', 'หนังสือภายนอกถึงส่วนราชการอื่น'];
  const formEn = kind === 'circular' ? 'internal memo' : 'external letter';
  if (names.length === 0) {
    throw fail.badRequest(
      `หนังสือแจ้งเวียน (${form}) ยังไม่มีผู้รับ: ใส่ชื่อหน่วยงานผู้รับในข้อความหนังสือแจ้งเวียน (ช่อง ${field})`,
      `The circular (${formEn}) has no addressee: add the receiving units to the circular's text (field ${field})`,
      [{ path: field, message_th: 'ยังไม่มีผู้รับ', message_en: 'no addressee' }],
    );
  }
  if (kind === 'circular' && to.trim() === '') {
    throw fail.badRequest(
      'หนังสือแจ้งเวียน (บันทึกข้อความ) ยังไม่มีคำขึ้นต้น: ใส่ เรียน … (ช่อง to)',
      'The circular (internal memo) has no addressee line: fill in เรียน … (field to)',
      [{ path: 'to', message_th: 'ยังไม่มี เรียน …', message_en: 'no เรียน … line' }],
    );
  }
}

const bangkokDay = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(at);

/**
 * Where the documents come from beyond the subject: the organisation's profile and the public site's base;
 * `verifyBaseUrl`: PUBLIC_URL as configured (none: an electronic signature prints its code only).
 */
export type ComposeContext = {
  profile: DocumentProfile;
  publicBaseUrl: string;
  verifyBaseUrl?: string | null | undefined;
};

/** The publication form of a plan or round: refused before anything of it is published. */
async function publicationFormOf(
  db: Db,
  basis: Basis,
  subjectId: string,
  date: string,
  ctx: ComposeContext,
): Promise<DocumentModel> {
  if (basis.subjectType === 'analysis') throw notPublished('plan');
  const live = await livePublication(db, subjectId);
  if (!live) throw notPublished(basis.subjectType);
  const org = basis.view.header.organizationNameTh;
  let description: string;
  if (basis.subjectType === 'plan') {
    const v = basis.view;
    const approved = v.approval
      ? ` ซึ่งได้รับความเห็นชอบตามบันทึกข้อความ ที่ ${v.approval.memoNumber} ลงวันที่ ${longDate(v.approval.memoDate)}`
      : '';
    description = `${v.content.title} ของ${org}${approved} เพื่อเผยแพร่ให้สาธารณชนทราบ`;
  } else {
    const v = basis.view;
    const round = roundPart(v.planTitle, v.roundLabel, v.header.fiscalYear);
    description = `รายงานผลการดำเนินงานตาม${v.planTitle} ${round} ระยะเวลา ${longDate(v.periodStart)} ถึง ${longDate(v.periodEnd)} ของ${org} เพื่อเผยแพร่ให้สาธารณชนทราบ`;
  }
  const base = ctx.publicBaseUrl.replace(/\/+$/, '');
  return publicationForm({
    unit: ctx.profile.department.trim() === '' ? org : ctx.profile.department,
    date,
    subject: live.title,
    description,
    url: `${base}${live.path}`,
    note: `ฉบับที่ ${live.versionNo} ที่เผยแพร่`,
    requester: ctx.profile.signer,
    approver: ctx.profile.head,
    publisher: { name: live.publishedByName ?? '', date: bangkokDay(live.publishedAt) },
  });
}

/** The document model and spreadsheet of one kind about one subject, with the chosen options. */
export async function composeDocument(
  db: Db,
  kind: DocumentKindName,
  basis: Basis,
  options: DocumentOptions,
  subjectId: string,
  ctx: ComposeContext,
): Promise<{
  model: DocumentModel;
  workbook: Workbook | null;
  textLabel: string | null;
  /** The electronic signatures the document prints (decision 024): its files are tied to them. */
  signatureIds: string[];
}> {
  const date = documentDate(options);
  const signer = options.signer;
  const { profile } = ctx;
  // A plan version approved with an electronic signature: its memo and the plan print it. A round report
  // acknowledged with one: its memo, while the report is still exactly what was signed.
  const signed =
    basis.subjectType === 'plan' && (kind === 'memo' || kind === 'plan')
      ? await signatureBlockFor(db, 'plan', subjectId, ctx.verifyBaseUrl)
      : basis.subjectType === 'round' && kind === 'memo'
        ? await signatureBlockFor(
            db,
            'round',
            subjectId,
            ctx.verifyBaseUrl,
            roundHashOf(subjectId, basis.organizationId, basis.fiscalYear, basis.view),
          )
        : null;
  const signatureIds = signed ? [signed.signatureId] : [];
  if (kind === 'memo') {
    if (basis.subjectType === 'round') await assertRoundClosed(db, subjectId);
    const text = await textOf(db, 'memo', basis, profile, subjectId);
    const number = documentNumberOf(profile.numberPrefix, options.documentNumber, false);
    const view = { content: text.content, number, date, signer, head: profile.head };
    return {
      textLabel: text.label,
      model: memoDocument(
        signed
          ? {
              ...view,
              headSigned: { block: signed.block, act: basis.subjectType === 'plan' ? 'เห็นชอบ' : 'ทราบ' },
            }
          : view,
      ),
      workbook: null,
      signatureIds,
    };
  }
  if (kind === 'circular' || kind === 'circular-letter') {
    const text = await textOf(db, 'circular', basis, profile, subjectId);
    assertAddressees(kind, text.content);
    const number = documentNumberOf(profile.numberPrefix, options.documentNumber, true);
    const model =
      kind === 'circular'
        ? circularDocument({ content: text.content, number, date, signer })
        : externalLetter({
            content: text.content,
            number,
            date,
            signer,
            agencyName: basis.view.header.organizationNameTh,
            address: profile.address,
            department: profile.department,
            phone: profile.phone,
            email: profile.email,
          });
    return { textLabel: text.label, model, workbook: null, signatureIds: [] };
  }
  if (kind === 'publication-form') {
    return {
      textLabel: null,
      model: await publicationFormOf(db, basis, subjectId, date, ctx),
      workbook: null,
      signatureIds: [],
    };
  }
  const textLabel = null;
  if (basis.subjectType === 'analysis') {
    const view = { ...basis.view, indicatorOrder: options.indicatorOrder };
    return { model: analysisReport(view), workbook: analysisWorkbook(view), textLabel, signatureIds: [] };
  }
  if (basis.subjectType === 'plan') {
    // ผู้จัดทำ/ผู้เสนอ: the profile's signer; ผู้เห็นชอบ: the signer chosen for the plan, else the head.
    const approver = signer.name.trim() !== '' ? signer : profile.head;
    const view = { ...basis.view, signer: approver, preparer: profile.signer };
    const model = planDocument(signed ? { ...view, approverSigned: signed.block } : view);
    return { model, workbook: planWorkbook(view), textLabel, signatureIds };
  }
  return {
    model: roundReport(basis.view),
    workbook: roundWorkbook(basis.view),
    textLabel,
    signatureIds: [],
  };
}
