import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';
import { users } from './users.ts';

/**
 * An organisation's remembered choices for one kind of document (digits, font, signers, number and
 * date); `options` is validated by the shared zod schema on every write.
 */
export const documentOptions = pgTable(
  'document_options',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    kind: text('kind').notNull(),
    options: jsonb('options').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.kind] })],
);

/**
 * What an organisation's official documents say about it (ส่วนราชการ, address, number prefix, เรียน,
 * signer, head), remembered across documents; `profile` is validated by the shared zod schema.
 */
export const documentProfiles = pgTable('document_profiles', {
  organizationId: uuid('organization_id')
    .primaryKey()
    .references(() => organizations.id),
  profile: jsonb('profile').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The emblem or logo printed on an organisation's documents; the bytes are in the file store. */
export const documentEmblems = pgTable('document_emblems', {
  organizationId: uuid('organization_id')
    .primaryKey()
    .references(() => organizations.id),
  storageKey: text('storage_key').notNull(),
  mime: text('mime').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  sha256: text('sha256').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The editable text of a memo or circular about a plan or a round, drafted from the data and kept
 * once edited, so regenerating never loses the secretariat's wording.
 */
export const documentDrafts = pgTable(
  'document_drafts',
  {
    subjectId: uuid('subject_id').notNull(),
    kind: text('kind').notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    content: jsonb('content').notNull(),
    rowVersion: integer('row_version').notNull().default(1),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.subjectId, t.kind] })],
);

/**
 * One generated version of a document about a subject (an analysis, a plan version or a round).
 * `inputsHash` is the SHA-256 of the view-model and options it was rendered from: generating again
 * from the same inputs returns this version; anything else makes the next version.
 */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    fiscalYear: integer('fiscal_year').notNull(),
    kind: text('kind').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    versionNo: integer('version_no').notNull(),
    inputsHash: text('inputs_hash').notNull(),
    /** What the inputs were, in words: "แผน ฉบับที่ 2 (แก้ไขครั้งที่ 7)". */
    inputsLabel: text('inputs_label').notNull(),
    options: jsonb('options').notNull(),
    title: text('title').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('documents_subject_version_unique').on(t.kind, t.subjectId, t.versionNo),
    index('documents_subject_hash_idx').on(t.kind, t.subjectId, t.inputsHash),
    index('documents_org_idx').on(t.organizationId, t.fiscalYear),
  ],
);

/** The files of a document version: one per format (docx, pdf, xlsx), content-addressed in the store. */
export const documentFiles = pgTable(
  'document_files',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    format: text('format').notNull(),
    storageKey: text('storage_key').notNull(),
    sha256: text('sha256').notNull(),
    bytes: integer('bytes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.format] }),
    index('document_files_key_idx').on(t.storageKey),
  ],
);
