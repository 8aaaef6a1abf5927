import { and, eq } from 'drizzle-orm';
import {
  DOCUMENT_KINDS,
  type DocumentKindName,
  type DocumentOptions,
  documentOptionsSchema,
} from '#shared/documents/contract.ts';
import type { Db } from '../../db/client.ts';
import { documentEmblems, documentOptions } from '../../db/schema/index.ts';
import type { Actor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';

/** The options remembered for an organisation and kind, or the defaults (Thai digits, bundled font). */
export async function optionsFor(
  db: Db,
  organizationId: string,
  kind: DocumentKindName,
): Promise<DocumentOptions> {
  const [row] = await db
    .select({ options: documentOptions.options })
    .from(documentOptions)
    .where(and(eq(documentOptions.organizationId, organizationId), eq(documentOptions.kind, kind)));
  return documentOptionsSchema.parse(row?.options ?? {});
}

export async function allOptions(db: Db, organizationId: string) {
  const rows = await db
    .select()
    .from(documentOptions)
    .where(eq(documentOptions.organizationId, organizationId));
  return Object.fromEntries(
    DOCUMENT_KINDS.map((k) => [
      k,
      documentOptionsSchema.parse(rows.find((r) => r.kind === k)?.options ?? {}),
    ]),
  ) as Record<DocumentKindName, DocumentOptions>;
}

/** Remembers options for the next document of this kind (only when they changed). */
export async function rememberOptions(
  tx: Db,
  actor: Actor,
  organizationId: string,
  kind: DocumentKindName,
  options: DocumentOptions,
): Promise<void> {
  const before = await optionsFor(tx, organizationId, kind);
  if (JSON.stringify(before) === JSON.stringify(options)) return;
  await tx
    .insert(documentOptions)
    .values({ organizationId, kind, options, updatedBy: actor.userId })
    .onConflictDoUpdate({
      target: [documentOptions.organizationId, documentOptions.kind],
      set: { options, updatedBy: actor.userId, updatedAt: new Date() },
    });
  await recordAudit(tx, {
    actorUserId: actor.userId,
    action: 'document_options.update',
    entityType: 'organization',
    entityId: organizationId,
    organizationId,
    before: { kind, ...before },
    after: { kind, ...options },
  });
}

export async function emblemRow(db: Db, organizationId: string) {
  const [row] = await db
    .select()
    .from(documentEmblems)
    .where(eq(documentEmblems.organizationId, organizationId));
  return row ?? null;
}
