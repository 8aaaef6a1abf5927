import type { DocumentKindName, DocumentOptions, SubjectType } from '#shared/documents/contract.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { fail } from '../../http/app-error.ts';
import { analysisDocumentView } from '../assessments/analysis-document.ts';
import { planDocumentView } from '../plans/plan-document.ts';
import { roundDocumentView } from '../progress/round-document.ts';
import { type DraftOf, storedDraft } from './drafts.service.ts';
import { type AnalysisReportView, analysisReport } from './layouts/analysis-report.ts';
import { analysisWorkbook } from './layouts/analysis-workbook.ts';
import { draftPlanCircular, draftPlanMemo, draftRoundCircular, draftRoundMemo } from './layouts/drafts.ts';
import { circularDocument, memoDocument } from './layouts/memo.ts';
import { type PlanDocumentView, planDocument } from './layouts/plan-document.ts';
import { planWorkbook } from './layouts/plan-workbook.ts';
import { type RoundReportView, roundReport } from './layouts/round-report.ts';
import { roundWorkbook } from './layouts/round-workbook.ts';
import type { DocumentModel, Workbook } from './model.ts';

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
  const official = kind === 'memo' || kind === 'circular';
  return {
    ...options,
    documentNumber: official ? options.documentNumber : '',
    signer: official || kind === 'plan' ? options.signer : { name: '', positions: [] },
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

/** The memo or circular text drafted from the data, for when none has been saved. */
export function draftFromData<K extends 'memo' | 'circular'>(kind: K, basis: Basis): DraftOf<K> {
  if (basis.subjectType === 'plan') {
    const v = { ...basis.view, signer: { name: '', positions: [] } };
    return (kind === 'memo' ? draftPlanMemo(v) : draftPlanCircular(v)) as DraftOf<K>;
  }
  if (basis.subjectType === 'round') {
    return (kind === 'memo' ? draftRoundMemo(basis.view) : draftRoundCircular(basis.view)) as DraftOf<K>;
  }
  throw fail.badRequest('บันทึกข้อความทำได้จากแผนหรือรอบการรายงาน', 'Memos are made from a plan or a round');
}

/** The document model and spreadsheet of one kind about one subject, with the chosen options. */
export async function composeDocument(
  db: Db,
  kind: DocumentKindName,
  basis: Basis,
  options: DocumentOptions,
  subjectId: string,
): Promise<{ model: DocumentModel; workbook: Workbook | null; textLabel: string | null }> {
  const date = documentDate(options);
  const signer = options.signer;
  if (kind === 'memo' || kind === 'circular') {
    const saved = await storedDraft(db, subjectId, kind);
    const content = saved?.content ?? draftFromData(kind, basis);
    const view = { number: options.documentNumber, date, signer };
    return {
      textLabel: saved ? `ข้อความที่แก้ไขแล้ว ครั้งที่ ${saved.rowVersion}` : 'ข้อความร่างจากข้อมูล',
      model:
        kind === 'memo'
          ? memoDocument({ ...view, content: content as DraftOf<'memo'> })
          : circularDocument({ ...view, content: content as DraftOf<'circular'> }),
      workbook: null,
    };
  }
  const textLabel = null;
  if (basis.subjectType === 'analysis') {
    const view = { ...basis.view, indicatorOrder: options.indicatorOrder };
    return { model: analysisReport(view), workbook: analysisWorkbook(view), textLabel };
  }
  if (basis.subjectType === 'plan') {
    const view = { ...basis.view, signer };
    return { model: planDocument(view), workbook: planWorkbook(view), textLabel };
  }
  return { model: roundReport(basis.view), workbook: roundWorkbook(basis.view), textLabel };
}
