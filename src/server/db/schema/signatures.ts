import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { documents } from './documents.ts';
import { organizations } from './organizations.ts';
import { users } from './users.ts';

/**
 * An electronic signature (decision 024): an executive's approval of a plan version (or acknowledgement
 * of a round report) made in a signed-in session, standing for a handwritten signature. Append-only: a
 * trigger refuses UPDATE and DELETE; a revocation is a row of `signature_revocations`.
 * `code` is the verification code (10 Crockford base32 characters, stored without the hyphen).
 * `contentSha256` is the SHA-256 of the canonical form (`canonicalForm` names it) of what was signed.
 */
export const signatures = pgTable(
  'signatures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique('signatures_code_unique'),
    /** 'plan.approve' or 'round.acknowledge'. */
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    canonicalForm: text('canonical_form').notNull(),
    contentSha256: text('content_sha256').notNull(),
    signerUserId: uuid('signer_user_id')
      .notNull()
      .references(() => users.id),
    signerName: text('signer_name').notNull(),
    /** The position as the signer stated it when signing (the users table has none). */
    signerPosition: text('signer_position').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull().defaultNow(),
    /** How the session's person proved who they are: 'password' or 'oidc' (with the provider's name). */
    verifiedBy: text('verified_by').notNull(),
    identityProvider: text('identity_provider'),
  },
  (t) => [
    index('signatures_subject_idx').on(t.subjectType, t.subjectId),
    index('signatures_signer_idx').on(t.signerUserId, t.signedAt),
  ],
);

/** The revocation of a signature: who, when, why (required). One per signature; append-only as well. */
export const signatureRevocations = pgTable('signature_revocations', {
  signatureId: uuid('signature_id')
    .primaryKey()
    .references(() => signatures.id),
  revokedBy: uuid('revoked_by')
    .notNull()
    .references(() => users.id),
  revokedByName: text('revoked_by_name').notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }).notNull().defaultNow(),
  reason: text('reason').notNull(),
});

/**
 * The files generated for a signed version that carry its signature block, by their SHA-256: a file
 * given to the verification page is hashed and looked up here.
 */
export const signatureFiles = pgTable(
  'signature_files',
  {
    signatureId: uuid('signature_id')
      .notNull()
      .references(() => signatures.id),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    format: text('format').notNull(),
    sha256: text('sha256').notNull(),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.signatureId, t.documentId, t.format] }),
    index('signature_files_sha256_idx').on(t.sha256),
  ],
);
