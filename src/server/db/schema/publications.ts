import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { documents } from './documents.ts';
import { organizations } from './organizations.ts';
import { users } from './users.ts';

/** The readable name of an organisation in public addresses: /p/<slug>/… (unique across organisations). */
export const publicSites = pgTable('public_sites', {
  organizationId: uuid('organization_id')
    .primaryKey()
    .references(() => organizations.id),
  slug: text('slug').notNull().unique(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One published version of a plan, an analysis or a round report at /p/<slug>/<year>/<path>/v<n>.
 * The page content (`model`) and the files (`documentId`) are fixed when published, so a published
 * version never changes; withdrawing keeps the row and shows a notice instead of the content.
 */
export const publications = pgTable(
  'publications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    fiscalYear: integer('fiscal_year').notNull(),
    kind: text('kind').notNull(),
    /** The address inside the year: 'plan', 'analysis', 'round/6m', 'round/12m', 'round/monthly-2568-01'. */
    pathKey: text('path_key').notNull(),
    versionNo: integer('version_no').notNull(),
    subjectId: uuid('subject_id').notNull(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    title: text('title').notNull(),
    model: jsonb('model').notNull(),
    /** What changed since the previous version, in words (Thai). */
    changeSummary: text('change_summary').notNull(),
    publishedBy: uuid('published_by').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: uuid('withdrawn_by').references(() => users.id),
    withdrawReason: text('withdraw_reason'),
  },
  (t) => [
    uniqueIndex('publications_address_unique').on(t.organizationId, t.fiscalYear, t.pathKey, t.versionNo),
    index('publications_org_idx').on(t.organizationId, t.fiscalYear),
  ],
);
