import { and, desc, eq, inArray } from 'drizzle-orm';
import {
  type DocumentFormat,
  type DocumentVersion,
  documentOptionsSchema,
  type SubjectType,
} from '#shared/documents/contract.ts';
import type { Db } from '../../db/client.ts';
import { documentFiles, documents, organizations, rounds, users } from '../../db/schema/index.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError, fail } from '../../http/app-error.ts';
import { FileNotFoundError, type FileStore } from '../../storage/file-store.ts';
import { documentPolicy } from './documents.policy.ts';
import { documentFileName, roundKeyOf } from './file-name.ts';

const NOT_FOUND = { th: 'เอกสาร', en: 'Document' };

/** The stable address of one format of one version; it never changes once given out. */
export const downloadUrl = (documentId: string, format: DocumentFormat) =>
  `/api/documents/${documentId}/${format}`;

async function toVersion(
  db: Db,
  row: typeof documents.$inferSelect,
  createdByName: string | null,
  /** The version's files when the caller read them already (a list reads them all at once). */
  known?: (typeof documentFiles.$inferSelect)[],
): Promise<DocumentVersion> {
  const files =
    known ??
    (await db
      .select()
      .from(documentFiles)
      .where(eq(documentFiles.documentId, row.id))
      .orderBy(documentFiles.format));
  return {
    id: row.id,
    kind: row.kind as DocumentVersion['kind'],
    subjectType: row.subjectType as SubjectType,
    subjectId: row.subjectId,
    organizationId: row.organizationId,
    fiscalYear: row.fiscalYear,
    versionNo: row.versionNo,
    title: row.title,
    inputsLabel: row.inputsLabel,
    inputsHash: row.inputsHash,
    options: documentOptionsSchema.parse(row.options),
    createdAt: row.createdAt.toISOString(),
    createdByName,
    files: files.map((f) => ({
      format: f.format as DocumentFormat,
      bytes: f.bytes,
      sha256: f.sha256,
      url: downloadUrl(row.id, f.format as DocumentFormat),
    })),
  };
}

export async function documentVersion(db: Db, id: string): Promise<DocumentVersion> {
  const [row] = await db
    .select({ doc: documents, by: users.displayName })
    .from(documents)
    .leftJoin(users, eq(users.id, documents.createdBy))
    .where(eq(documents.id, id));
  if (!row) throw fail.notFound(NOT_FOUND);
  return toVersion(db, row.doc, row.by);
}

async function readableDocument(db: Db, actor: Actor, id: string) {
  const [row] = await db
    .select({ doc: documents, orgPath: organizations.path, by: users.displayName })
    .from(documents)
    .innerJoin(organizations, eq(organizations.id, documents.organizationId))
    .leftJoin(users, eq(users.id, documents.createdBy))
    .where(eq(documents.id, id));
  if (!row) throw fail.notFound(NOT_FOUND);
  if (!documentPolicy.read(actor, row.orgPath)) throw fail.forbidden();
  return row;
}

/** Every version of every document about a subject, newest first. */
export async function listDocuments(db: Db, actor: Actor, subjectId: string): Promise<DocumentVersion[]> {
  const rows = await db
    .select({ doc: documents, orgPath: organizations.path, by: users.displayName })
    .from(documents)
    .innerJoin(organizations, eq(organizations.id, documents.organizationId))
    .leftJoin(users, eq(users.id, documents.createdBy))
    .where(eq(documents.subjectId, subjectId))
    .orderBy(documents.kind, desc(documents.versionNo), documents.id);
  const readable = rows.filter((r) => documentPolicy.read(actor, r.orgPath));
  // Every version's files in one query (not one per version).
  const files =
    readable.length === 0
      ? []
      : await db
          .select()
          .from(documentFiles)
          .where(
            inArray(
              documentFiles.documentId,
              readable.map((r) => r.doc.id),
            ),
          )
          .orderBy(documentFiles.format);
  return Promise.all(
    readable.map((r) =>
      toVersion(
        db,
        r.doc,
        r.by,
        files.filter((f) => f.documentId === r.doc.id),
      ),
    ),
  );
}

const MEDIA_TYPES: Record<DocumentFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The bytes of one format of one version, with a file name people recognise. */
export async function documentFile(
  db: Db,
  store: FileStore,
  actor: Actor,
  id: string,
  format: DocumentFormat,
) {
  const { doc } = await readableDocument(db, actor, id);
  const [file] = await db
    .select()
    .from(documentFiles)
    .where(and(eq(documentFiles.documentId, id), eq(documentFiles.format, format)));
  if (!file) throw fail.notFound(NOT_FOUND);
  return {
    bytes: await storedBytes(store, file.storageKey),
    mediaType: MEDIA_TYPES[format],
    fileNames: await versionFileName(db, doc, format),
    sha256: file.sha256,
  };
}

/**
 * The bytes of a generated file the database records; a clear 404 (not a 500) when the file store no
 * longer has them, e.g. after a restore of the database without its file store.
 */
async function storedBytes(store: FileStore, key: string): Promise<Uint8Array> {
  try {
    return await store.get(key);
  } catch (error) {
    if (!(error instanceof FileNotFoundError)) throw error;
    throw new AppError(
      404,
      'document_file_missing',
      'ไม่พบไฟล์ของเอกสารนี้ในที่เก็บไฟล์ กรุณาแจ้งผู้ดูแลระบบ (สร้างเอกสารฉบับใหม่ได้)',
      'This document’s file is missing from the file store; tell an administrator (a new version can be generated)',
    );
  }
}

/** `แผนมาตรการ-2570-จังหวัดตัวอย่าง-v3.pdf` and its ASCII fallback (see file-name.ts). */
export async function versionFileName(
  db: Db,
  doc: Pick<
    typeof documents.$inferSelect,
    'kind' | 'subjectType' | 'subjectId' | 'fiscalYear' | 'organizationId' | 'versionNo'
  >,
  format: DocumentFormat,
) {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, doc.organizationId));
  const [round] =
    doc.subjectType === 'round'
      ? await db
          .select({ kind: rounds.kind, periodEnd: rounds.periodEnd })
          .from(rounds)
          .where(eq(rounds.id, doc.subjectId))
      : [];
  return documentFileName({
    kind: doc.kind,
    subjectType: doc.subjectType,
    fiscalYear: doc.fiscalYear,
    roundKey: round ? roundKeyOf(round) : null,
    orgName: org?.shortNameTh || org?.nameTh || '',
    orgCode: org?.code ?? '',
    versionNo: doc.versionNo,
    format,
  });
}
