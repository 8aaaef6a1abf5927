import { sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { assessmentResults } from './assessments.ts';
import { organizations } from './organizations.ts';
import { users } from './users.ts';

/**
 * A question, or the wording of a question, supplied by an agency with its result for an edition
 * (deployment-wide, one row per edition year and question code): NACC's result report lists each
 * question with its text, the catalogue does not know every edition's list or wording. The first
 * supply of a code wins; later different wording or indicators are kept in `conflicts`
 * (`[{ text_th, indicator, organizationId, at }]`) for the admins, who may accept the wording into
 * the catalogue as a new revision. Laid over the edition by `withSuppliedQuestions`.
 */
export const suppliedQuestions = pgTable(
  'supplied_questions',
  {
    fiscalYear: integer('fiscal_year').notNull(),
    code: text('code').notNull(),
    instrument: text('instrument').notNull(),
    indicator: integer('indicator').notNull(),
    subIndicator: text('sub_indicator'),
    /** The wording as the agency's report prints it; null when only the code and indicator were given. */
    textTh: text('text_th'),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    resultId: uuid('result_id').references(() => assessmentResults.id, { onDelete: 'set null' }),
    suppliedBy: uuid('supplied_by').references(() => users.id),
    suppliedAt: timestamp('supplied_at', { withTimezone: true }).notNull().defaultNow(),
    conflicts: jsonb('conflicts').notNull().default(sql`'[]'::jsonb`),
  },
  (t) => [primaryKey({ columns: [t.fiscalYear, t.code] })],
);
