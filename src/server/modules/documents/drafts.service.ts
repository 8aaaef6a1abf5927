import { and, eq } from 'drizzle-orm';
import type { CircularContent, Draft, MemoContent } from '#shared/documents/contract.ts';
import { draftSchema } from '#shared/documents/contract.ts';
import type { Db } from '../../db/client.ts';
import { documentDrafts } from '../../db/schema/index.ts';
import type { Actor } from '../../http/actor.ts';
import { fail } from '../../http/app-error.ts';
import { recordAudit } from '../audit/audit.service.ts';

export type DraftOf<K extends 'memo' | 'circular'> = K extends 'memo' ? MemoContent : CircularContent;

export async function storedDraft(db: Db, subjectId: string, kind: 'memo' | 'circular') {
  const [row] = await db
    .select()
    .from(documentDrafts)
    .where(and(eq(documentDrafts.subjectId, subjectId), eq(documentDrafts.kind, kind)));
  if (!row) return null;
  const draft = draftSchema.parse({ kind, content: row.content }) as Draft;
  return { content: draft.content, rowVersion: row.rowVersion };
}

/**
 * Saves the edited text against the version it was read at (0 = never saved): a second editor's
 * stale save is refused, never silently applied.
 */
export async function writeDraft(
  db: Db,
  actor: Actor,
  organizationId: string,
  subjectId: string,
  draft: Draft,
  rowVersion: number,
): Promise<number> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ rowVersion: documentDrafts.rowVersion, content: documentDrafts.content })
      .from(documentDrafts)
      .where(and(eq(documentDrafts.subjectId, subjectId), eq(documentDrafts.kind, draft.kind)))
      .for('update');
    if ((current?.rowVersion ?? 0) !== rowVersion) {
      throw fail.conflict(
        'stale_draft',
        'มีผู้อื่นแก้ไขข้อความนี้ไปแล้ว กรุณาโหลดใหม่แล้วแก้ไขอีกครั้ง',
        'Someone else changed this text since you opened it: reload and edit again',
      );
    }
    const next = rowVersion + 1;
    if (current) {
      await tx
        .update(documentDrafts)
        .set({ content: draft.content, rowVersion: next, updatedBy: actor.userId, updatedAt: new Date() })
        .where(and(eq(documentDrafts.subjectId, subjectId), eq(documentDrafts.kind, draft.kind)));
    } else {
      await tx.insert(documentDrafts).values({
        subjectId,
        kind: draft.kind,
        organizationId,
        content: draft.content,
        rowVersion: next,
        updatedBy: actor.userId,
      });
    }
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: `document_draft.${draft.kind}.save`,
      entityType: 'document_draft',
      entityId: subjectId,
      organizationId,
      before: current?.content ?? null,
      after: draft.content,
    });
    return next;
  });
}
