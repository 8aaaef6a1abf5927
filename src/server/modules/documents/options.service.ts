import { and, eq } from 'drizzle-orm';
import {
  DOCUMENT_KINDS,
  type DocumentKindName,
  type DocumentOptions,
  type DocumentProfile,
  documentOptionsSchema,
  documentProfileSchema,
  type Signer,
  USES_SIGNER,
} from '#shared/documents/contract.ts';
import type { OrganizationKind } from '#shared/organizations/contract.ts';
import type { Db } from '../../db/client.ts';
import { documentEmblems, documentOptions, documentProfiles } from '../../db/schema/index.ts';
import type { Actor } from '../../http/actor.ts';
import { fail } from '../../http/app-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findOrganizationRow } from '../organizations/organizations.service.ts';
import { defaultProfile } from './profile.ts';

async function profileRow(db: Db, organizationId: string) {
  const [row] = await db
    .select({ profile: documentProfiles.profile })
    .from(documentProfiles)
    .where(eq(documentProfiles.organizationId, organizationId));
  return row ? documentProfileSchema.parse(row.profile) : null;
}

/**
 * The organisation's document profile: as saved, else the defaults for its kind (province, municipality
 * …) with the signer last typed for any kind (before profiles existed, signers were kept per kind).
 */
export async function profileFor(db: Db, organizationId: string): Promise<DocumentProfile> {
  const saved = await profileRow(db, organizationId);
  if (saved) return saved;
  const org = await findOrganizationRow(db, organizationId);
  if (!org) throw fail.notFound({ th: 'หน่วยงาน', en: 'Organisation' });
  const profile = defaultProfile({ kind: org.kind as OrganizationKind, nameTh: org.nameTh });
  const rows = await db
    .select({ kind: documentOptions.kind, options: documentOptions.options })
    .from(documentOptions)
    .where(eq(documentOptions.organizationId, organizationId));
  const typed = USES_SIGNER.map((k) => rows.find((r) => r.kind === k))
    .map((r) => (r ? documentOptionsSchema.parse(r.options).signer : null))
    .find((s) => s !== null && s.name !== '');
  return typed ? { ...profile, signer: typed } : profile;
}

/** Saves the profile (only when it changed), with the change in the audit trail. */
export async function rememberProfile(
  tx: Db,
  actor: Actor,
  organizationId: string,
  profile: DocumentProfile,
): Promise<void> {
  const before = await profileFor(tx, organizationId);
  const saved = await profileRow(tx, organizationId);
  if (saved && JSON.stringify(before) === JSON.stringify(profile)) return;
  await tx
    .insert(documentProfiles)
    .values({ organizationId, profile, updatedBy: actor.userId })
    .onConflictDoUpdate({
      target: documentProfiles.organizationId,
      set: { profile, updatedBy: actor.userId, updatedAt: new Date() },
    });
  await recordAudit(tx, {
    actorUserId: actor.userId,
    action: 'document_profile.update',
    entityType: 'organization',
    entityId: organizationId,
    organizationId,
    before,
    after: profile,
  });
}

/** The signer is the profile's: typed for one kind (the plan), it is the signer of the next (the memo). */
const withSigner = (options: DocumentOptions, signer: Signer): DocumentOptions => ({ ...options, signer });

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
  const options = documentOptionsSchema.parse(row?.options ?? {});
  return withSigner(options, (await profileFor(db, organizationId)).signer);
}

export async function allOptions(db: Db, organizationId: string) {
  const rows = await db
    .select()
    .from(documentOptions)
    .where(eq(documentOptions.organizationId, organizationId));
  const { signer } = await profileFor(db, organizationId);
  return Object.fromEntries(
    DOCUMENT_KINDS.map((k) => [
      k,
      withSigner(documentOptionsSchema.parse(rows.find((r) => r.kind === k)?.options ?? {}), signer),
    ]),
  ) as Record<DocumentKindName, DocumentOptions>;
}

/**
 * Remembers options for the next document of this kind (only when they changed). The signer of a kind
 * that prints one goes into the organisation's profile, so every document reuses it.
 */
export async function rememberOptions(
  tx: Db,
  actor: Actor,
  organizationId: string,
  kind: DocumentKindName,
  options: DocumentOptions,
): Promise<void> {
  const profile = await profileFor(tx, organizationId);
  if (USES_SIGNER.includes(kind) && JSON.stringify(profile.signer) !== JSON.stringify(options.signer)) {
    await rememberProfile(tx, actor, organizationId, { ...profile, signer: options.signer });
  }
  const before = await optionsFor(tx, organizationId, kind);
  if (JSON.stringify(before) === JSON.stringify(withSigner(options, before.signer))) return;
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
