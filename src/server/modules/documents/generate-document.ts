import { createHash } from 'node:crypto';
import { and, eq, inArray, max, sql } from 'drizzle-orm';
import {
  type DocumentFormat,
  type DocumentKindName,
  type DocumentOptions,
  FORMATS_OF,
  type SubjectType,
} from '#shared/documents/contract.ts';
import type { Db } from '../../db/client.ts';
import { documentFiles, documents } from '../../db/schema/index.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError, fail } from '../../http/app-error.ts';
import type { FileStore } from '../../storage/file-store.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findOrganizationRow } from '../organizations/organizations.service.ts';
import { linkSignedFiles } from '../signatures/signatures.service.ts';
import { documentPolicy } from './documents.policy.ts';
import { emblemRow, optionsFor, profileFor, rememberOptions } from './options.service.ts';
import { type DocumentRenderers, renderFormat } from './render-formats.ts';
import { emblemFile } from './settings.service.ts';
import {
  assertKindFitsSubject,
  composeDocument,
  documentDate,
  loadBasis,
  relevantOptions,
  withDate,
} from './subjects.ts';
import { documentVersion } from './versions.service.ts';

export const DOCUMENT_PREFIX = 'documents/';
const LOCK_SPACE = 7_305_011;

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');
const storageKeyOf = (hash: string, format: DocumentFormat) =>
  `${DOCUMENT_PREFIX}${hash.slice(0, 2)}/${hash}.${format}`;

export type GenerateRequest = {
  kind: DocumentKindName;
  subjectType: SubjectType;
  subjectId: string;
  options?: DocumentOptions | undefined;
  /** False: use `options` for this document only, without remembering them (the command line). */
  remember?: boolean | undefined;
  /**
   * Where the public pages are (PUBLIC_URL), for the address a publication form states; default
   * http://localhost:3000.
   */
  publicBaseUrl?: string | undefined;
  /**
   * PUBLIC_URL as configured, for the verification address an electronic signature prints (decision
   * 024); absent: the code only (never a localhost address).
   */
  verifyBaseUrl?: string | null | undefined;
};

/**
 * Renders a document about a subject in every format of its kind and stores it as a version.
 * The same inputs (view-model, options, font and emblem bytes) give back the version already made,
 * completing formats that failed before (a PDF when Chromium could not start); anything else makes the
 * next version. A format that cannot be made is reported in `missing`, the others are still stored.
 */
export async function generateDocument(
  db: Db,
  store: FileStore,
  renderers: DocumentRenderers,
  actor: Actor,
  request: GenerateRequest,
) {
  const { kind, subjectType, subjectId } = request;
  assertKindFitsSubject(kind, subjectType);
  const loaded = await loadBasis(db, actor, subjectType, subjectId, '');
  const org = await findOrganizationRow(db, loaded.organizationId);
  if (!org || !documentPolicy.edit(actor, org.path)) throw fail.forbidden();
  const options = relevantOptions(kind, request.options ?? (await optionsFor(db, org.id, kind)));
  const basis = withDate(loaded, documentDate(options));
  const profile = await profileFor(db, org.id);
  const { model, workbook, textLabel, signatureIds } = await composeDocument(
    db,
    kind,
    basis,
    options,
    subjectId,
    {
      profile: { ...profile, signer: options.signer },
      publicBaseUrl: request.publicBaseUrl ?? 'http://localhost:3000',
      verifyBaseUrl: request.verifyBaseUrl,
    },
  );
  const inputsLabel = textLabel ? `${basis.inputsLabel} · ${textLabel}` : basis.inputsLabel;
  const font = await renderers.font(options.font);
  const emblemInfo = options.useEmblem ? await emblemRow(db, org.id) : null;
  const emblem = emblemInfo
    ? {
        bytes: await emblemFile(store, emblemInfo.storageKey),
        mime: emblemInfo.mime as 'image/png' | 'image/jpeg',
        width: emblemInfo.width,
        height: emblemInfo.height,
      }
    : null;
  const inputsHash = sha256(
    JSON.stringify({
      kind,
      model,
      workbook,
      options,
      font: [font.family, sha256(font.regular), font.bold ? sha256(font.bold) : null],
      emblem: emblemInfo?.sha256 ?? null,
    }),
  );
  const [existing] = await db
    .select()
    .from(documents)
    .where(
      and(eq(documents.kind, kind), eq(documents.subjectId, subjectId), eq(documents.inputsHash, inputsHash)),
    );
  const have = existing
    ? new Set(
        (await db.select().from(documentFiles).where(eq(documentFiles.documentId, existing.id))).map(
          (f) => f.format,
        ),
      )
    : new Set<string>();
  const wanted = FORMATS_OF[kind].filter((f) => !have.has(f));

  const rendered: { format: DocumentFormat; bytes: Uint8Array; hash: string; key: string }[] = [];
  const missing: { format: DocumentFormat; message_th: string; message_en: string }[] = [];
  for (const format of wanted) {
    try {
      const bytes = await renderFormat(renderers, format, {
        model,
        workbook,
        options: { digits: options.digits, font, emblem },
      });
      const hash = sha256(bytes);
      rendered.push({ format, bytes, hash, key: storageKeyOf(hash, format) });
    } catch (error) {
      if (format !== 'pdf' || !(error instanceof AppError)) throw error;
      missing.push({ format, message_th: error.messageTh, message_en: error.messageEn });
    }
  }
  for (const f of rendered) if (!(await store.exists(f.key))) await store.put(f.key, f.bytes);

  const documentId = await db.transaction(async (tx) => {
    await tx.execute(
      sql`select pg_advisory_xact_lock(${sql.raw(String(LOCK_SPACE))}, hashtext(${`${kind}:${subjectId}`}))`,
    );
    let id = existing?.id;
    if (!id) {
      const [last] = await tx
        .select({ n: max(documents.versionNo) })
        .from(documents)
        .where(and(eq(documents.kind, kind), eq(documents.subjectId, subjectId)));
      const [row] = await tx
        .insert(documents)
        .values({
          organizationId: org.id,
          fiscalYear: basis.fiscalYear,
          kind,
          subjectType,
          subjectId,
          versionNo: (last?.n ?? 0) + 1,
          inputsHash,
          inputsLabel,
          options,
          title: model.title,
          createdBy: actor.userId,
        })
        .returning({ id: documents.id, versionNo: documents.versionNo });
      id = row!.id;
      await recordAudit(tx, {
        actorUserId: actor.userId,
        action: 'document.generate',
        entityType: 'document',
        entityId: id,
        organizationId: org.id,
        after: { kind, subjectType, subjectId, versionNo: row!.versionNo, inputsLabel },
      });
    }
    if (rendered.length > 0) {
      await tx
        .insert(documentFiles)
        .values(
          rendered.map((f) => ({
            documentId: id,
            format: f.format,
            storageKey: f.key,
            sha256: f.hash,
            bytes: f.bytes.length,
          })),
        )
        .onConflictDoNothing();
    }
    // The files printing an electronic signature (DOCX, PDF; not the workbook) are tied to it, so a file
    // can be verified.
    if (signatureIds.length > 0) {
      const carried = await tx
        .select({ format: documentFiles.format, sha256: documentFiles.sha256 })
        .from(documentFiles)
        .where(and(eq(documentFiles.documentId, id), inArray(documentFiles.format, ['docx', 'pdf'])));
      await linkSignedFiles(tx, signatureIds, id, carried);
    }
    if (request.options && request.remember !== false)
      await rememberOptions(tx, actor, org.id, kind, request.options);
    return id;
  });
  return { document: await documentVersion(db, documentId), created: !existing, missing, model };
}
