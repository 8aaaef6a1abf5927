import {
  boolean,
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
import { analyses } from './assessments.ts';
import { organizations } from './organizations.ts';
import { users } from './users.ts';

/**
 * One version of an organisation's measures plan for a fiscal year. The plan's issues, measures and
 * steps live in `content` (validated by the shared zod schema) and are saved whole against `rowVersion`,
 * so two editors never silently overwrite each other. An approved version is never edited: changes
 * start a new version.
 */
export const plans = pgTable(
  'plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    fiscalYear: integer('fiscal_year').notNull(),
    versionNo: integer('version_no').notNull().default(1),
    previousVersionId: uuid('previous_version_id'),
    analysisId: uuid('analysis_id').references(() => analyses.id),
    status: text('status').notNull().default('draft'),
    content: jsonb('content').notNull(),
    rowVersion: integer('row_version').notNull().default(1),
    submittedBy: uuid('submitted_by').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    completenessOverride: jsonb('completeness_override'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    returnComment: text('return_comment'),
    memoNumber: text('memo_number'),
    memoDate: text('memo_date'),
    circulatedBy: uuid('circulated_by').references(() => users.id),
    circulatedAt: timestamp('circulated_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('plans_org_year_version_unique').on(t.organizationId, t.fiscalYear, t.versionNo),
    index('plans_org_idx').on(t.organizationId),
    // The plans list's order (newest year, highest version, id): a page reads its rows from the index
    // instead of sorting every plan with its content (bench/README.md, "National size"). NULLS FIRST as
    // the list's `desc` orders, or the planner cannot read the order from the index.
    index('plans_list_order_by_idx').on(
      t.fiscalYear.desc().nullsFirst(),
      t.versionNo.desc().nullsFirst(),
      t.id,
    ),
  ],
);

/** A responsible unit's receipt (รับทราบ) of a circulated plan. */
export const planAcknowledgements = pgTable(
  'plan_acknowledgements',
  {
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organizations.id),
    acknowledgedBy: uuid('acknowledged_by')
      .notNull()
      .references(() => users.id),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.unitId] })],
);

/** Standard measures the plan editor suggests for weak questions: bundled from the catalogue or added by admins. */
export const libraryMeasures = pgTable('library_measures', {
  id: text('id').primaryKey(),
  origin: text('origin').notNull(),
  content: jsonb('content').notNull(),
  active: boolean('active').notNull().default(true),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
