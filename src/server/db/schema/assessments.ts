import {
  boolean,
  doublePrecision,
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
import { catalogueRevisions } from './catalogue.ts';
import { organizations } from './organizations.ts';
import { users } from './users.ts';

/** An organisation's ITA result of one fiscal year, scored against one catalogue revision. */
export const assessmentResults = pgTable(
  'assessment_results',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    fiscalYear: integer('fiscal_year').notNull(),
    catalogueRevisionId: uuid('catalogue_revision_id')
      .notNull()
      .references(() => catalogueRevisions.id),
    /** The level the source document states, kept beside the computed one. */
    statedLevel: text('stated_level'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('assessment_results_org_year_unique').on(t.organizationId, t.fiscalYear),
    // The results list (newest year first): a page sorts one year's results, not every year's.
    index('assessment_results_year_idx').on(t.fiscalYear),
  ],
);

/** One score of a result; score NULL = explicitly not assessed. */
export const assessmentScores = pgTable(
  'assessment_scores',
  {
    resultId: uuid('result_id')
      .notNull()
      .references(() => assessmentResults.id, { onDelete: 'cascade' }),
    scope: text('scope').notNull(),
    code: text('code').notNull(),
    score: doublePrecision('score'),
    passed: boolean('passed'),
    reason: text('reason'),
    recommendation: text('recommendation'),
  },
  (t) => [primaryKey({ columns: [t.resultId, t.scope, t.code] })],
);

/** An analysis of a result with the agency's settings; the findings are recomputed, never typed. */
export const analyses = pgTable(
  'analyses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    resultId: uuid('result_id')
      .notNull()
      .references(() => assessmentResults.id),
    title: text('title').notNull(),
    settings: jsonb('settings').notNull(),
    outcome: jsonb('outcome').notNull(),
    limitations: text('limitations').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('analyses_result_idx').on(t.resultId)],
);

/**
 * The secretariat's words for one finding. `numbersHash` is the hash of the numbers the text was
 * written against; when a recomputation changes them the narrative is shown as stale.
 */
export const analysisNarratives = pgTable(
  'analysis_narratives',
  {
    analysisId: uuid('analysis_id')
      .notNull()
      .references(() => analyses.id, { onDelete: 'cascade' }),
    findingKey: text('finding_key').notNull(),
    text: text('text').notNull(),
    numbersHash: text('numbers_hash').notNull(),
    editedBy: uuid('edited_by').references(() => users.id),
    editedAt: timestamp('edited_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.analysisId, t.findingKey] })],
);
