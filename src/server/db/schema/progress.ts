import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';
import { plans } from './plans.ts';
import { users } from './users.ts';

/** A follow-up round on an approved plan version: 6-month, 12-month, monthly or custom. */
export const rounds = pgTable(
  'rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    kind: text('kind').notNull(),
    labelTh: text('label_th').notNull(),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    dueDate: date('due_date').notNull(),
    status: text('status').notNull().default('draft'),
    reopenReason: text('reopen_reason'),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    rowVersion: integer('row_version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('rounds_plan_idx').on(t.planId)],
);

/**
 * One unit's report on one measure (or on one step that names its own units) in one round. The report
 * fields live on the slot; every state change is in the audit trail.
 */
export const reportSlots = pgTable(
  'report_slots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => rounds.id),
    measureId: text('measure_id').notNull(),
    /** '' for the measure itself; a step id when the step names its own units. */
    stepId: text('step_id').notNull().default(''),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organizations.id),
    state: text('state').notNull().default('pending'),
    progress: text('progress').notNull().default('not_started'),
    percent: integer('percent').notNull().default(0),
    result: text('result').notNull().default(''),
    cancelReason: text('cancel_reason'),
    problems: text('problems').notNull().default(''),
    suggestions: text('suggestions').notNull().default(''),
    activityStart: date('activity_start'),
    activityEnd: date('activity_end'),
    links: jsonb('links').notNull().default([]),
    paperRefs: jsonb('paper_refs').notNull().default([]),
    reviewComment: text('review_comment'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    rowVersion: integer('row_version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('report_slots_unique').on(t.roundId, t.measureId, t.unitId, t.stepId),
    index('report_slots_unit_idx').on(t.unitId),
  ],
);

/** A file attached to a report, kept in the file store under `storageKey`, named by its SHA-256. */
export const evidenceFiles = pgTable(
  'evidence_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slotId: uuid('slot_id')
      .notNull()
      .references(() => reportSlots.id),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    originalName: text('original_name').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('evidence_files_slot_idx').on(t.slotId)],
);

/**
 * Messages to send (reminders), written in the same transaction as what causes them and sent by a
 * worker that claims rows; `dedupeKey` makes a reminder unique, so a crash never doubles one.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channel: text('channel').notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** Who sends it where a channel has several senders: for 'line', the agency's line_channels row. */
    senderId: uuid('sender_id'),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('outbox_dedupe_unique').on(t.dedupeKey), index('outbox_status_idx').on(t.status)],
);
