import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * The organisation tree. `path` is the chain of ids from the root, '/<id>/<id>/', so a subtree is one
 * prefix match and a move rewrites the prefix of its descendants in one statement.
 */
export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id'),
    path: text('path').notNull(),
    code: text('code').notNull(),
    kind: text('kind').notNull(),
    nameTh: text('name_th').notNull(),
    nameEn: text('name_en'),
    shortNameTh: text('short_name_th'),
    shortNameEn: text('short_name_en'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('organizations_code_unique').on(sql`lower(${t.code})`),
    index('organizations_parent_idx').on(t.parentId),
    index('organizations_path_idx').on(t.path),
  ],
);
