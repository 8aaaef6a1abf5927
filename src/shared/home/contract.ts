import { z } from 'zod';

/**
 * "งานของฉัน" (My work): what waits for the signed-in person, and where their agency stands in the
 * yearly cycle. The server says what waits and where it is acted on; the UI words each kind.
 */

/** What waits, by who acts on it. */
export const HOME_ITEM_KINDS = [
  // executive
  'plan_to_approve',
  // secretariat (and admin)
  'plan_returned',
  'plan_to_submit',
  'plan_to_circulate',
  'units_not_acknowledged',
  'reports_to_review',
  'round_reports_missing',
  'round_documents',
  'oit_links_failing',
  // unit reporter
  'plan_to_acknowledge',
  'report_due',
] as const;
export type HomeItemKind = (typeof HOME_ITEM_KINDS)[number];

/**
 * due: to do, the deadline more than a week away (or none set for an action that is this person's);
 * due_soon: within 7 days; late: past its deadline; returned: sent back to be corrected;
 * waiting: no deadline, waiting for this person.
 */
export const HOME_ITEM_STATES = ['late', 'due_soon', 'due', 'returned', 'waiting'] as const;
export type HomeItemState = (typeof HOME_ITEM_STATES)[number];

/** Where each kind is counted in the menu. */
export const HOME_MENU_ENTRIES = ['plans', 'tasks', 'oit'] as const;
export type HomeMenuEntry = (typeof HOME_MENU_ENTRIES)[number];

const isoDate = z.iso.date();

export const homeNameSchema = z.object({ id: z.uuid(), nameTh: z.string(), nameEn: z.string().nullable() });
export type HomeName = z.infer<typeof homeNameSchema>;

export const homeItemSchema = z.object({
  /** Stable within the answer (kind and the record), for lists. */
  key: z.string(),
  kind: z.enum(HOME_ITEM_KINDS),
  state: z.enum(HOME_ITEM_STATES),
  /** What it is about as entered (a plan's title, a round's label, a measure's title): data, in Thai. */
  subject: z.string(),
  /** The measure's number in its plan, "(2.1)", for reports; null otherwise. */
  number: z.string().nullable(),
  organization: homeNameSchema,
  fiscalYear: z.int(),
  /** The deadline, when the data has one (a round's due date). */
  deadline: isoDate.nullable(),
  /** How many records it stands for (reports to review, reports missing, failing OIT items); 1 otherwise. */
  count: z.int().nonnegative(),
  /** The units it concerns (not acknowledged, reports missing, the reporting unit). */
  units: z.array(homeNameSchema),
  /** For round_documents: what is still to do. */
  documents: z.object({ generated: z.boolean(), published: z.boolean() }).nullable(),
  /** The one address in the app where it is acted on. */
  href: z.string(),
});
export type HomeItem = z.infer<typeof homeItemSchema>;

export const CYCLE_STAGES = [
  'result',
  'analysis',
  'plan_approved',
  'circulated',
  'round_6m',
  'round_12m',
  'published',
] as const;
export type CycleStageName = (typeof CYCLE_STAGES)[number];

export const cycleStageSchema = z.object({
  stage: z.enum(CYCLE_STAGES),
  /** not_recorded: passed over — a later stage is done but the data does not show this one. */
  state: z.enum(['done', 'current', 'not_yet', 'not_recorded']),
  /** When it happened, from the data (ISO date, Bangkok). */
  doneOn: isoDate.nullable(),
  /** The fiscal calendar's date for the stage, when it has one (start of the year, 31 Mar, 30 Sep). */
  calendarDate: isoDate.nullable(),
});
export type CycleStage = z.infer<typeof cycleStageSchema>;

export const homeCycleSchema = z.object({
  organization: homeNameSchema,
  /** The fiscal year (BE) the cycle is for: the current one. */
  fiscalYear: z.int(),
  /** The assessment result that starts it is the previous year's. */
  resultYear: z.int(),
  stages: z.array(cycleStageSchema),
  /** Where the agency's plan for the year is, when there is one. */
  planHref: z.string().nullable(),
});
export type HomeCycle = z.infer<typeof homeCycleSchema>;

export const homeSchema = z.object({
  /** Today in Bangkok (ISO), the day states were judged on. */
  today: isoDate,
  items: z.array(homeItemSchema),
  /** Every item counted, even when the list was cut at HOME_ITEM_LIMIT. */
  total: z.int().nonnegative(),
  /** Items per menu entry. */
  menu: z.object({ plans: z.int(), tasks: z.int(), oit: z.int() }),
  cycles: z.array(homeCycleSchema),
});
export type Home = z.infer<typeof homeSchema>;

/** The most items one answer lists (a deployment-wide admin could otherwise get thousands). */
export const HOME_ITEM_LIMIT = 100;

export const latestResultYearSchema = z.object({ fiscalYear: z.int().nullable() });
