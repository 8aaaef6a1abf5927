import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type {
  DocumentKindName,
  DocumentOptions,
  DocumentProfile,
  DocumentSettings,
} from '#shared/documents/contract.ts';
import type { Db } from '../../db/client.ts';
import { documentEmblems } from '../../db/schema/index.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError, fail } from '../../http/app-error.ts';
import { FileNotFoundError, type FileStore } from '../../storage/file-store.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findOrganizationRow } from '../organizations/organizations.service.ts';
import { documentPolicy } from './documents.policy.ts';
import { validateEmblem } from './emblem.ts';
import { listFolderFonts } from './fonts/document-fonts.ts';
import { allOptions, emblemRow, profileFor, rememberOptions, rememberProfile } from './options.service.ts';

export const emblemUrl = (organizationId: string) => `/api/documents/settings/${organizationId}/emblem`;

async function organizationFor(db: Db, actor: Actor, organizationId: string, need: 'read' | 'edit') {
  const org = await findOrganizationRow(db, organizationId);
  if (!org) throw fail.notFound({ th: 'หน่วยงาน', en: 'Organisation' });
  if (!documentPolicy.read(actor, org.path)) throw fail.forbidden();
  if (need === 'edit' && !documentPolicy.edit(actor, org.path)) throw fail.forbidden();
  return org;
}

/** The fonts documents can use: the bundled Sarabun, then the valid ones of the fonts folder. */
export async function availableFonts(fontsDir: string) {
  const folder = await listFolderFonts(fontsDir);
  return {
    fonts: [
      { family: 'Sarabun', source: 'bundled' as const, bold: true },
      ...folder.fonts.map((f) => ({
        family: f.family,
        source: 'folder' as const,
        bold: f.boldFile !== null,
      })),
    ],
    problems: folder.problems,
  };
}

export async function getSettings(
  db: Db,
  actor: Actor,
  organizationId: string,
  fontsDir: string,
): Promise<DocumentSettings> {
  const org = await organizationFor(db, actor, organizationId, 'read');
  const emblem = await emblemRow(db, org.id);
  const { fonts, problems } = await availableFonts(fontsDir);
  return {
    organizationId: org.id,
    profile: await profileFor(db, org.id),
    options: await allOptions(db, org.id),
    emblem: emblem
      ? {
          url: emblemUrl(org.id),
          width: emblem.width,
          height: emblem.height,
          updatedAt: emblem.updatedAt.toISOString(),
        }
      : null,
    fonts,
    fontProblems: problems,
  };
}

export async function saveOptions(
  db: Db,
  actor: Actor,
  organizationId: string,
  kind: DocumentKindName,
  options: DocumentOptions,
  fontsDir: string,
) {
  const org = await organizationFor(db, actor, organizationId, 'edit');
  if (options.font !== 'bundled') {
    const { fonts } = await availableFonts(fontsDir);
    if (!fonts.some((f) => f.source === 'folder' && f.family === options.font)) {
      throw fail.validation([
        {
          path: 'font',
          message_th: `ไม่พบแบบอักษร "${options.font}" ในโฟลเดอร์แบบอักษร (มี: ${fonts.map((f) => f.family).join(', ')})`,
          message_en: `No font "${options.font}" in the fonts folder (available: ${fonts.map((f) => f.family).join(', ')})`,
        },
      ]);
    }
  }
  await db.transaction((tx) => rememberOptions(tx, actor, org.id, kind, options));
}

/** Remembers what the organisation's documents say about it (ส่วนราชการ, address, เรียน, signer, head). */
export async function saveProfile(db: Db, actor: Actor, organizationId: string, profile: DocumentProfile) {
  const org = await organizationFor(db, actor, organizationId, 'edit');
  await db.transaction((tx) => rememberProfile(tx, actor, org.id, profile));
  return profileFor(db, org.id);
}

/** Sets the organisation's emblem: a PNG or JPEG, checked by content; the old one stays in the audit trail. */
export async function setEmblem(
  db: Db,
  store: FileStore,
  actor: Actor,
  organizationId: string,
  bytes: Uint8Array,
) {
  const org = await organizationFor(db, actor, organizationId, 'edit');
  const image = validateEmblem(bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const key = `emblems/${sha256.slice(0, 2)}/${sha256}`;
  if (!(await store.exists(key))) await store.put(key, bytes);
  await db.transaction(async (tx) => {
    const before = await emblemRow(tx, org.id);
    const values = { storageKey: key, mime: image.mime, width: image.width, height: image.height, sha256 };
    await tx
      .insert(documentEmblems)
      .values({ organizationId: org.id, ...values, updatedBy: actor.userId })
      .onConflictDoUpdate({
        target: documentEmblems.organizationId,
        set: { ...values, updatedBy: actor.userId, updatedAt: new Date() },
      });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'document_emblem.set',
      entityType: 'organization',
      entityId: org.id,
      organizationId: org.id,
      before: before ? { sha256: before.sha256 } : null,
      after: { sha256, mime: image.mime, width: image.width, height: image.height },
    });
  });
}

export async function removeEmblem(db: Db, actor: Actor, organizationId: string) {
  const org = await organizationFor(db, actor, organizationId, 'edit');
  await db.transaction(async (tx) => {
    const before = await emblemRow(tx, org.id);
    if (!before) return;
    await tx.delete(documentEmblems).where(eq(documentEmblems.organizationId, org.id));
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'document_emblem.remove',
      entityType: 'organization',
      entityId: org.id,
      organizationId: org.id,
      before: { sha256: before.sha256 },
      after: null,
    });
  });
}

export async function emblemBytes(db: Db, store: FileStore, actor: Actor, organizationId: string) {
  const org = await organizationFor(db, actor, organizationId, 'read');
  const row = await emblemRow(db, org.id);
  if (!row) throw fail.notFound({ th: 'ตราสัญลักษณ์', en: 'Emblem' });
  return { bytes: await emblemFile(store, row.storageKey), mime: row.mime };
}

/** The stored bytes of an emblem; a clear 404 (not a 500) when the file store no longer has them. */
export async function emblemFile(store: FileStore, key: string): Promise<Uint8Array> {
  try {
    return await store.get(key);
  } catch (error) {
    if (!(error instanceof FileNotFoundError)) throw error;
    throw new AppError(
      404,
      'emblem_file_missing',
      'ไม่พบไฟล์ตราสัญลักษณ์ของหน่วยงานในที่เก็บไฟล์ กรุณาอัปโหลดตราสัญลักษณ์อีกครั้ง หรือแจ้งผู้ดูแลระบบ',
      'The organisation’s emblem file is missing from the file store; upload the emblem again, or tell an administrator',
    );
  }
}
