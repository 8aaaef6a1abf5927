import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.ts';

/**
 * Every version of an ITA edition ever loaded. A revision is never edited: a corrected file adds a
 * revision, and the newest revision of a fiscal year is the current one. Results later point at the
 * revision they were scored against.
 */
export const catalogueRevisions = pgTable(
  'catalogue_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fiscalYear: integer('fiscal_year').notNull(),
    revision: integer('revision').notNull(),
    titleTh: text('title_th').notNull(),
    titleEn: text('title_en').notNull(),
    content: jsonb('content').notNull(),
    contentHash: text('content_hash').notNull(),
    origin: text('origin').notNull(),
    importedBy: uuid('imported_by').references(() => users.id),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('catalogue_revisions_year_rev_unique').on(t.fiscalYear, t.revision),
    index('catalogue_revisions_hash_idx').on(t.fiscalYear, t.contentHash),
  ],
);

/**
 * What each bundled edition file (`catalogue/ita-*.yaml`) gave when it was last parsed at a start: the
 * hash of its bytes (with the parser's code and the files before it) and the content hash of the
 * edition it produced. A start whose files are all known here skips parsing them (loadBundledEditions).
 * Only a cache: emptying it makes the next start parse the files again.
 */
export const catalogueBundledSources = pgTable('catalogue_bundled_sources', {
  sourceHash: text('source_hash').primaryKey(),
  fiscalYear: integer('fiscal_year').notNull(),
  contentHash: text('content_hash').notNull(),
});
