import { and, desc, eq } from 'drizzle-orm';
import { formatDateTime } from '#shared/format/thai.ts';
import type { Db } from '../db/client.ts';
import { auditEvents, users } from '../db/schema/index.ts';
import { AppError, detail } from './app-error.ts';

/** The last change of a record: who made it (null when the record does not say) and when. */
export type LastChange = { by: string | null; at: Date };

/**
 * The refusal of an action taken on a page loaded before someone else changed the record: 409
 * `stale_version` (the code the UI already reloads on), saying who changed it and when, in Thai and
 * English. `what` names the record ("แผน" / "plan").
 */
export function staleActionError(what: { th: string; en: string }, change: LastChange | null): AppError {
  const whoTh = change?.by ? `โดย ${change.by} ` : '';
  const whoEn = change?.by ? ` by ${change.by}` : '';
  const whenTh = change ? `เมื่อ ${formatDateTime(change.at, { lang: 'th' })} น. ` : '';
  const whenEn = change ? ` on ${formatDateTime(change.at, { lang: 'en' })}` : '';
  return new AppError(
    409,
    'stale_version',
    `${what.th}นี้ถูกเปลี่ยน${whoTh}${whenTh}หลังจากที่ท่านเปิดหน้านี้ จึงยังไม่ได้ดำเนินการใด ๆ กรุณาโหลดข้อมูลใหม่แล้วตรวจสอบอีกครั้ง`,
    `This ${what.en} was changed${whoEn}${whenEn} after you opened the page, so nothing was done; reload it and check again`,
    [detail('version', 'ฉบับของข้อมูลไม่ใช่ฉบับล่าสุด', 'not the latest version')],
  );
}

/** The latest audited change of an entity, with the name of whoever made it. */
export async function lastChangeOf(db: Db, entityType: string, entityId: string): Promise<LastChange | null> {
  const [row] = await db
    .select({ at: auditEvents.at, by: users.displayName })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(eq(auditEvents.entityType, entityType), eq(auditEvents.entityId, entityId)))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return row ? { by: row.by ?? null, at: row.at } : null;
}

/** {@link staleActionError} with the entity's last audited change. */
export async function staleAction(
  db: Db,
  what: { th: string; en: string },
  entityType: string,
  entityId: string,
): Promise<AppError> {
  return staleActionError(what, await lastChangeOf(db, entityType, entityId));
}
