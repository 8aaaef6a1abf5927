import { createHash } from 'node:crypto';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { evidenceFiles, organizations, plans, reportSlots, rounds, users } from '../../db/schema/index.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError, detail, fail } from '../../http/app-error.ts';
import { FileNotFoundError, type FileStore } from '../../storage/file-store.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { CleanOrphansResult, EvidenceFile } from './evidence.contract.ts';
import { EDITABLE_SLOT_STATES, evidencePolicy } from './evidence.policy.ts';
import { extensionForMediaType, sniffEvidenceType } from './sniff-type.ts';

export const DEFAULT_MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;
/** The most files one report holds, so a report's file list stays short (ADR 015). */
export const MAX_EVIDENCE_FILES = 50;

/** Refuses a file beyond MAX_EVIDENCE_FILES on one report (400 too_many_files, Thai and English). */
async function assertRoomForFile(db: Db, slotId: string) {
  const [held] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(evidenceFiles)
    .where(eq(evidenceFiles.slotId, slotId));
  if ((held?.n ?? 0) < MAX_EVIDENCE_FILES) return;
  const th = `รายงานนี้แนบไฟล์ครบ ${MAX_EVIDENCE_FILES} ไฟล์แล้ว ซึ่งเป็นจำนวนสูงสุด ให้ลบไฟล์ที่ไม่ใช้ก่อน หรือรวมหลายไฟล์เป็นไฟล์เดียว (เช่น PDF)`;
  const en = `This report already has ${MAX_EVIDENCE_FILES} files, the most a report holds; delete one no longer needed or combine several into one (e.g. a PDF)`;
  throw new AppError(400, 'too_many_files', th, en, [detail('file', th, en)]);
}
/** Unreferenced stored files younger than this are left alone: an upload may be about to commit. */
export const ORPHAN_GRACE_MS = 24 * 60 * 60 * 1000;
/** Every evidence file's key starts with this. */
export const EVIDENCE_PREFIX = 'evidence/';

const SLOT_NOT_FOUND = { th: 'รายการรายงาน', en: 'Report' };
const FILE_NOT_FOUND = { th: 'ไฟล์หลักฐาน', en: 'Evidence file' };
/** The first number of the two-number advisory locks taken on a storage key (the second is its hash). */
const KEY_LOCK_SPACE = 7_150_001;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type SlotContext = {
  slotId: string;
  slotState: string;
  roundStatus: string;
  unitId: string;
  unitPath: string;
  planOrgPath: string;
};

/**
 * The slot with what deciding on its evidence needs. With `lock`, the slot and round rows are held
 * (FOR SHARE) until the transaction ends, so the report cannot be submitted nor the round closed
 * while evidence is added or removed.
 */
async function slotContext(db: Db, slotId: string, lock = false): Promise<SlotContext> {
  if (!UUID.test(slotId)) throw fail.notFound(SLOT_NOT_FOUND);
  const unit = alias(organizations, 'unit');
  const owner = alias(organizations, 'owner');
  const query = db
    .select({
      slotId: reportSlots.id,
      slotState: reportSlots.state,
      roundStatus: rounds.status,
      unitId: reportSlots.unitId,
      unitPath: unit.path,
      planOrgPath: owner.path,
    })
    .from(reportSlots)
    .innerJoin(rounds, eq(rounds.id, reportSlots.roundId))
    .innerJoin(plans, eq(plans.id, rounds.planId))
    .innerJoin(unit, eq(unit.id, reportSlots.unitId))
    .innerJoin(owner, eq(owner.id, plans.organizationId))
    .where(eq(reportSlots.id, slotId));
  const [row] = lock ? await query.for('share', { of: [reportSlots, rounds] }) : await query;
  if (!row) throw fail.notFound(SLOT_NOT_FOUND);
  return row;
}

function assertMayEdit(actor: Actor, ctx: SlotContext) {
  if (!evidencePolicy.edit(actor, ctx.unitPath)) {
    throw fail.forbidden(
      'แนบหรือลบหลักฐานได้เฉพาะรายงานของหน่วยงานของท่าน',
      'You may add or remove evidence only on your own unit’s reports',
    );
  }
  if (ctx.roundStatus !== 'open') {
    throw fail.conflict('round_closed', 'รอบการรายงานนี้ปิดแล้วหรือยังไม่เปิด', 'This round is not open for reports');
  }
  if (!EDITABLE_SLOT_STATES.includes(ctx.slotState)) {
    throw fail.conflict(
      'report_locked',
      'รายงานนี้ส่งแล้ว แนบหรือลบหลักฐานไม่ได้',
      'This report is submitted or accepted; its evidence cannot change',
    );
  }
}

function assertMayRead(actor: Actor, ctx: SlotContext) {
  if (!evidencePolicy.read(actor, ctx.unitPath, ctx.planOrgPath)) throw fail.forbidden();
}

/** Storage keys are content addresses: the same bytes are stored once, however many reports use them. */
export const storageKeyOf = (sha256: string) => `${EVIDENCE_PREFIX}${sha256.slice(0, 2)}/${sha256}`;

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Serialises everything that decides whether a key's bytes stay: an upload's insert, a deletion's
 * and a clean-up's removal of the file. Held until the transaction ends.
 */
async function lockKey(tx: Db, key: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(${sql.raw(String(KEY_LOCK_SPACE))}, hashtext(${key}))`);
}

/** Removes the key's bytes when no row names them; true when removed. */
async function releaseIfUnreferenced(db: Db, store: FileStore, key: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    await lockKey(tx, key);
    const [used] = await tx
      .select({ id: evidenceFiles.id })
      .from(evidenceFiles)
      .where(eq(evidenceFiles.storageKey, key))
      .limit(1);
    if (used) return false;
    await store.delete(key);
    return true;
  });
}

/**
 * The name as the uploader's computer gave it, made safe to store and show: the path before it
 * dropped, control and invisible formatting characters removed (a right-to-left override disguises
 * "photo\u202Egpj.exe" as "photoexe.jpg"), Unicode normalised.
 */
export function cleanFileName(name: string): string {
  return name
    .split(/[\\/]/)
    .pop()!
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim()
    .slice(0, 255);
}

function tooLarge(size: number, maxBytes: number) {
  const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
  return new AppError(
    413,
    'file_too_large',
    `ไฟล์มีขนาด ${mb(size)} MB เกินขนาดสูงสุด ${mb(maxBytes)} MB`,
    `The file is ${mb(size)} MB, over the ${mb(maxBytes)} MB limit`,
    [detail('file', `ขนาดสูงสุด ${mb(maxBytes)} MB`, `at most ${mb(maxBytes)} MB`)],
  );
}

/** Refuses an upload of this many bytes before reading it (the routes call it before decoding). */
export function assertEvidenceSize(size: number, maxBytes: number) {
  if (size > maxBytes) throw tooLarge(size, maxBytes);
}

function toEvidenceFile(row: typeof evidenceFiles.$inferSelect, uploaderName: string): EvidenceFile {
  return {
    id: row.id,
    slotId: row.slotId,
    originalName: row.originalName,
    mediaType: row.mediaType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    uploadedBy: { id: row.uploadedBy, displayName: uploaderName },
    uploadedAt: row.uploadedAt.toISOString(),
  };
}

/**
 * Attaches a file to a report. The file is checked (size, then type from its content), written to
 * the store first under its SHA-256, and only then recorded, with its audit event, in one
 * transaction. When that transaction fails the stored bytes are removed again unless another row
 * uses them; if even that fails, `cleanOrphans` removes them later. No row ever names bytes that
 * were not stored.
 */
export async function uploadEvidence(
  db: Db,
  store: FileStore,
  actor: Actor,
  slotId: string,
  input: { fileName: string; bytes: Uint8Array },
  options: { maxBytes?: number } = {},
): Promise<EvidenceFile> {
  const originalName = cleanFileName(input.fileName);
  if (originalName === '') {
    throw fail.validation([detail('fileName', 'ต้องระบุชื่อไฟล์', 'a file name is required')]);
  }
  assertEvidenceSize(input.bytes.length, options.maxBytes ?? DEFAULT_MAX_EVIDENCE_BYTES);
  assertMayEdit(actor, await slotContext(db, slotId));
  await assertRoomForFile(db, slotId);
  const type = sniffEvidenceType(input.bytes, originalName);
  if (!type.ok) {
    throw new AppError(400, 'file_type_refused', type.message_th, type.message_en, [
      detail('file', type.message_th, type.message_en),
    ]);
  }
  const sha256 = sha256Of(input.bytes);
  const key = storageKeyOf(sha256);
  if (!(await store.exists(key))) await store.put(key, input.bytes);
  try {
    const row = await db.transaction(async (tx) => {
      await lockKey(tx, key);
      const ctx = await slotContext(tx, slotId, true);
      assertMayEdit(actor, ctx);
      // Again inside the transaction (the slot is share-locked, so uploads sent at the very same
      // moment may each pass: the cap can be exceeded by those few, never grow without end).
      await assertRoomForFile(tx, slotId);
      // A deletion or a clean-up may have removed identical bytes since the write above.
      if (!(await store.exists(key))) await store.put(key, input.bytes);
      const [inserted] = await tx
        .insert(evidenceFiles)
        .values({
          slotId,
          sha256,
          storageKey: key,
          originalName,
          mediaType: type.mediaType,
          sizeBytes: input.bytes.length,
          uploadedBy: actor.userId,
        })
        .returning();
      await recordAudit(tx, {
        actorUserId: actor.userId,
        action: 'evidence.upload',
        entityType: 'evidence_file',
        entityId: inserted!.id,
        organizationId: ctx.unitId,
        after: { slotId, originalName, mediaType: type.mediaType, sizeBytes: input.bytes.length, sha256 },
      });
      return inserted!;
    });
    return toEvidenceFile(row, actor.displayName);
  } catch (error) {
    // Best effort: if this fails too, the bytes are an orphan that cleanOrphans removes.
    await releaseIfUnreferenced(db, store, key).catch(() => false);
    throw error;
  }
}

/** A report's evidence files, oldest first. */
export async function listEvidence(db: Db, actor: Actor, slotId: string): Promise<EvidenceFile[]> {
  assertMayRead(actor, await slotContext(db, slotId));
  const rows = await db
    .select({ file: evidenceFiles, uploaderName: users.displayName })
    .from(evidenceFiles)
    .innerJoin(users, eq(users.id, evidenceFiles.uploadedBy))
    .where(eq(evidenceFiles.slotId, slotId))
    .orderBy(asc(evidenceFiles.uploadedAt), asc(evidenceFiles.id));
  return rows.map((r) => toEvidenceFile(r.file, r.uploaderName));
}

async function fileRow(db: Db, fileId: string) {
  if (!UUID.test(fileId)) throw fail.notFound(FILE_NOT_FOUND);
  const [row] = await db.select().from(evidenceFiles).where(eq(evidenceFiles.id, fileId));
  if (!row) throw fail.notFound(FILE_NOT_FOUND);
  return row;
}

export type EvidenceDownload = {
  originalName: string;
  mediaType: string;
  extension: string;
  sha256: string;
  bytes: Uint8Array;
};

/** A file's bytes for someone who may read its report; checked against the SHA-256 recorded. */
export async function downloadEvidence(
  db: Db,
  store: FileStore,
  actor: Actor,
  fileId: string,
): Promise<EvidenceDownload> {
  const row = await fileRow(db, fileId);
  assertMayRead(actor, await slotContext(db, row.slotId));
  let bytes: Uint8Array;
  try {
    bytes = await store.get(row.storageKey);
  } catch (error) {
    if (!(error instanceof FileNotFoundError)) throw error;
    throw new AppError(
      404,
      'evidence_bytes_missing',
      'ไม่พบเนื้อไฟล์หลักฐานในที่เก็บไฟล์ กรุณาแจ้งผู้ดูแลระบบ',
      'The evidence file’s bytes are missing from the file store; tell an administrator',
    );
  }
  if (sha256Of(bytes) !== row.sha256) {
    throw new AppError(
      500,
      'evidence_damaged',
      'ไฟล์หลักฐานในที่เก็บไฟล์เสียหาย (ค่า SHA-256 ไม่ตรง) กรุณาแจ้งผู้ดูแลระบบ',
      'The stored evidence file is damaged (its SHA-256 differs); tell an administrator',
    );
  }
  return {
    originalName: row.originalName,
    mediaType: row.mediaType,
    extension: extensionForMediaType(row.mediaType),
    sha256: row.sha256,
    bytes,
  };
}

/**
 * Removes a file from a report (the same people who may add one, while they may). The row and its
 * audit event go in one transaction; the stored bytes go afterwards, unless another row uses them.
 */
export async function deleteEvidence(db: Db, store: FileStore, actor: Actor, fileId: string): Promise<void> {
  const row = await fileRow(db, fileId);
  assertMayEdit(actor, await slotContext(db, row.slotId));
  await db.transaction(async (tx) => {
    const ctx = await slotContext(tx, row.slotId, true);
    assertMayEdit(actor, ctx);
    const [removed] = await tx.delete(evidenceFiles).where(eq(evidenceFiles.id, fileId)).returning();
    if (!removed) throw fail.notFound(FILE_NOT_FOUND);
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'evidence.delete',
      entityType: 'evidence_file',
      entityId: fileId,
      organizationId: ctx.unitId,
      before: {
        slotId: removed.slotId,
        originalName: removed.originalName,
        mediaType: removed.mediaType,
        sizeBytes: removed.sizeBytes,
        sha256: removed.sha256,
        uploadedBy: removed.uploadedBy,
      },
    });
  });
  // Best effort: if this fails, the bytes are an orphan that cleanOrphans removes.
  await releaseIfUnreferenced(db, store, row.storageKey).catch(() => false);
}

/**
 * Removes stored evidence bytes that no row names and that were last written before `olderThan`
 * (give uploads in flight a grace period: ORPHAN_GRACE_MS), and what interrupted writes left behind.
 * Also names the keys rows point at but the store lacks, which should never happen. For an
 * operator's command or a periodic job; no permission check here.
 */
export async function cleanOrphans(db: Db, store: FileStore, olderThan: Date): Promise<CleanOrphansResult> {
  const result: CleanOrphansResult = {
    scanned: 0,
    deleted: 0,
    keptReferenced: 0,
    keptRecent: 0,
    incompleteRemoved: 0,
    missing: [],
  };
  const stored = new Set<string>();
  const candidates: string[] = [];
  for await (const file of store.list(EVIDENCE_PREFIX)) {
    result.scanned++;
    stored.add(file.key);
    if (file.modifiedAt < olderThan) candidates.push(file.key);
    else result.keptRecent++;
  }
  for (let i = 0; i < candidates.length; i += 500) {
    const chunk = candidates.slice(i, i + 500);
    const used = await db
      .selectDistinct({ key: evidenceFiles.storageKey })
      .from(evidenceFiles)
      .where(inArray(evidenceFiles.storageKey, chunk));
    const usedKeys = new Set(used.map((u) => u.key));
    for (const key of chunk) {
      // Checked again under the key's lock: an upload may have just committed a row for it.
      if (!usedKeys.has(key) && (await releaseIfUnreferenced(db, store, key))) result.deleted++;
      else result.keptReferenced++;
    }
  }
  result.incompleteRemoved = (await store.removeIncomplete?.(olderThan)) ?? 0;
  const named = await db.selectDistinct({ key: evidenceFiles.storageKey }).from(evidenceFiles);
  for (const { key } of named) {
    if (!stored.has(key) && !(await store.exists(key))) result.missing.push(key);
  }
  return result;
}

/** The files of a set of slots, for whoever shows or rolls up reports (no permission check). */
export async function evidenceCounts(db: Db, slotIds: string[]): Promise<Map<string, number>> {
  if (slotIds.length === 0) return new Map();
  const rows = await db
    .select({ slotId: evidenceFiles.slotId, n: sql<number>`count(*)::int` })
    .from(evidenceFiles)
    .where(inArray(evidenceFiles.slotId, slotIds))
    .groupBy(evidenceFiles.slotId);
  return new Map(rows.map((r) => [r.slotId, r.n]));
}
