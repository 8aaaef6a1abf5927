import { isDeepStrictEqual } from 'node:util';
import { and, desc, eq, gte, like, lt, lte, or, type SQL } from 'drizzle-orm';
import type { AuditEvent, AuditQuery } from '#shared/audit/contract.ts';
import type { Db } from '../../db/client.ts';
import { auditEvents, organizations, users } from '../../db/schema/index.ts';
import { type Actor, isDeploymentAdmin, scopeRoots } from '../../http/actor.ts';
import { fail } from '../../http/app-error.ts';

export type AuditEntry = {
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  organizationId?: string | null;
  before?: unknown;
  after?: unknown;
};

/**
 * The one audit mechanism of every module: call it with the transaction that makes the change, so
 * that the change and its record commit or fail together.
 */
export async function recordAudit(tx: Db, entry: AuditEntry): Promise<void> {
  await tx.insert(auditEvents).values({
    actorUserId: entry.actorUserId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    organizationId: entry.organizationId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

/**
 * Records an event unless it repeats the latest one of the entity: same action, same person, within
 * `windowMs`, and the same recorded state after. The trail is append-only, so a form saved in the
 * background every few seconds (a report's autosaved draft) adds a line when what the trail records
 * changes (status, percent), or when the person comes back later, not at every pause in typing.
 */
export async function recordAuditUnlessRepeat(tx: Db, entry: AuditEntry, windowMs: number): Promise<void> {
  const [last] = await tx
    .select({
      action: auditEvents.action,
      actor: auditEvents.actorUserId,
      at: auditEvents.at,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, entry.entityType), eq(auditEvents.entityId, entry.entityId)))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  const repeat =
    last !== undefined &&
    last.action === entry.action &&
    last.actor === entry.actorUserId &&
    Date.now() - last.at.getTime() <= windowMs &&
    isDeepStrictEqual(last.after, entry.after ?? null);
  if (!repeat) await recordAudit(tx, entry);
}

/** Admins see events of the organisations they administer; a deployment admin sees all. */
export async function listAudit(db: Db, actor: Actor, query: AuditQuery): Promise<AuditEvent[]> {
  const roots = scopeRoots(actor, ['admin']);
  if (roots.length === 0) throw fail.forbidden();
  const filters: SQL[] = [];
  if (!isDeploymentAdmin(actor)) {
    const inScope = roots.map((root) => like(organizations.path, `${root}%`));
    filters.push(or(...inScope)!);
  }
  if (query.entityType) filters.push(eq(auditEvents.entityType, query.entityType));
  if (query.entityId) filters.push(eq(auditEvents.entityId, query.entityId));
  if (query.action) filters.push(eq(auditEvents.action, query.action));
  if (query.actorUserId) filters.push(eq(auditEvents.actorUserId, query.actorUserId));
  if (query.from) filters.push(gte(auditEvents.at, new Date(query.from)));
  if (query.to) filters.push(lte(auditEvents.at, new Date(query.to)));
  if (query.beforeId) filters.push(lt(auditEvents.id, query.beforeId));
  const rows = await db
    .select({ event: auditEvents, actorName: users.displayName })
    .from(auditEvents)
    .leftJoin(organizations, eq(organizations.id, auditEvents.organizationId))
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(...filters))
    .orderBy(desc(auditEvents.id))
    .limit(query.limit);
  return rows.map(({ event, actorName }) => ({
    id: event.id,
    at: event.at.toISOString(),
    actorUserId: event.actorUserId,
    actorName,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    organizationId: event.organizationId,
    before: event.before,
    after: event.after,
  }));
}
