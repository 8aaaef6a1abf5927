import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';
import { users } from './users.ts';

/**
 * One OIT item of an organisation's fiscal year as the secretariat prepares it: the address it will
 * submit, the unit preparing it, how far it is. A row exists only once the item was edited (or checked
 * through its automatic address); items without a row are shown as not started. `lastCheck` is the
 * link checker's last result (the shared `oitCheckSchema`), `checkedAt` its time.
 */
export const oitItems = pgTable(
  'oit_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    fiscalYear: integer('fiscal_year').notNull(),
    /** The edition's question code: o1, o25. */
    itemCode: text('item_code').notNull(),
    url: text('url'),
    urlNote: text('url_note').notNull().default(''),
    status: text('status').notNull().default('not_started'),
    ownerUnitId: uuid('owner_unit_id').references(() => organizations.id),
    notes: text('notes').notNull().default(''),
    lastCheck: jsonb('last_check'),
    checkedAt: timestamp('checked_at', { withTimezone: true }),
    rowVersion: integer('row_version').notNull().default(1),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('oit_items_unique').on(t.organizationId, t.fiscalYear, t.itemCode),
    index('oit_items_year_idx').on(t.fiscalYear),
  ],
);
