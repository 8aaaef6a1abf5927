import { z } from 'zod';
import { editionSummarySchema } from './contract.ts';
import type { Edition, EditionQuestion, EditionSource, InstrumentCode } from './edition.schema.ts';
import { instrumentCodeSchema, questionCodeSchema } from './edition.schema.ts';

/**
 * Questions and wording supplied by agencies with their results (the question list of NACC's result
 * report, copied into the import file), laid over an edition that does not have them.
 *
 * The catalogue stays the authority: supplied wording fills only a question whose `text_th` is null,
 * and a supplied question is added only when the edition has no question with that code. Everything
 * supplied carries the source `AGENCY-SUPPLIED`, so every consumer can tell it from catalogue data.
 */

/** Source id of what agencies supplied (added to the edition's `sources` by the overlay). */
export const AGENCY_SUPPLIED = 'AGENCY-SUPPLIED';

export const AGENCY_SUPPLIED_SOURCE: EditionSource = {
  id: AGENCY_SUPPLIED,
  title: 'ข้อความจากรายงานผลการประเมินของหน่วยงาน',
  url: null,
  reliability: 'medium',
  reliability_note:
    "copied by an agency from its own NACC result report when importing its result; not checked against NACC's manual",
  used_for:
    'wording of questions the catalogue has no wording for, and questions of editions whose list is unknown',
};

/** One question or wording an agency supplied for an edition. */
export type SuppliedQuestion = {
  /** Canonical code: i5, e11, o2. */
  code: string;
  instrument: InstrumentCode;
  indicator: number;
  sub_indicator?: string | null | undefined;
  /** The wording as the agency's report prints it; null when the file gave the code without it. */
  text_th: string | null;
  /** Who supplied it first (for the note on the question). */
  organization_th?: string | undefined;
  /** When, ISO date or date-time. */
  supplied_at?: string | undefined;
};

const INSTRUMENT_OF_LETTER: Record<string, InstrumentCode> = { i: 'IIT', e: 'EIT', o: 'OIT' };

/** The instrument a question code belongs to by its letter (i → IIT, e → EIT, o → OIT). */
export function instrumentOfCode(code: string): InstrumentCode | null {
  return INSTRUMENT_OF_LETTER[code[0] ?? ''] ?? null;
}

/** How NACC prints a code: OIT items upper-case (O14), IIT/EIT as they are (i7, e11). */
export function displayCodeOf(code: string): string {
  return code.startsWith('o') ? code.toUpperCase() : code;
}

/** A question added from what an agency supplied (not a catalogue question). */
export function isSuppliedQuestion(question: Pick<EditionQuestion, 'source'>): boolean {
  return question.source.length === 1 && question.source[0] === AGENCY_SUPPLIED;
}

/** A question whose wording (or the whole question) came from an agency. */
export function hasSuppliedWording(question: Pick<EditionQuestion, 'source'>): boolean {
  return question.source.includes(AGENCY_SUPPLIED);
}

/**
 * Instruments whose question list the catalogue does not know: every question of the instrument (if
 * any) was supplied by an agency. Results may give such an instrument's questions by code pattern.
 */
export function openInstruments(edition: Edition): Set<InstrumentCode> {
  const open = new Set<InstrumentCode>(edition.instruments.map((i) => i.code));
  for (const q of edition.questions) if (!isSuppliedQuestion(q)) open.delete(q.instrument);
  return open;
}

const questionNumber = (code: string) => Number(code.slice(1));

/** Sort key of a question in an edition: instrument (edition order), indicator, number. */
function orderKey(edition: Edition, q: { instrument: string; indicator: number; code: string }): number[] {
  const instrument = edition.instruments.findIndex((i) => i.code === q.instrument);
  return [instrument < 0 ? edition.instruments.length : instrument, q.indicator, questionNumber(q.code)];
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function suppliedNote(s: SuppliedQuestion): string {
  const by = s.organization_th ? `ของ${s.organization_th}` : 'ของหน่วยงาน';
  const when = s.supplied_at ? ` นำเข้าเมื่อ ${s.supplied_at.slice(0, 10)}` : '';
  return `จากรายงานผลการประเมิน${by}${when}`;
}

/** Whether a supplied question fits the edition's structure (indicator on its instrument, sub-indicator under it). */
function fits(edition: Edition, s: SuppliedQuestion): boolean {
  if (!questionCodeSchema.safeParse(s.code).success) return false;
  if (instrumentOfCode(s.code) !== s.instrument) return false;
  const indicator = edition.indicators.find((i) => i.number === s.indicator);
  if (!indicator || indicator.instrument !== s.instrument) return false;
  if (s.sub_indicator) {
    const sub = edition.sub_indicators.find((x) => x.code === s.sub_indicator);
    if (!sub || sub.indicator !== s.indicator) return false;
  }
  return true;
}

/**
 * The edition with what agencies supplied: (a) wording filled where the catalogue has none
 * (`text_th: null`), (b) questions the edition does not list added in the edition's order
 * (instrument, indicator, number), each marked with the source `AGENCY-SUPPLIED`, which is added to
 * `sources`. The catalogue's own wording and questions are never changed. A supplied question that
 * does not fit the edition (unknown indicator, wrong instrument) is left out. Pure: the edition given
 * is not modified, and is returned as is when nothing applies.
 */
export function withSuppliedQuestions(edition: Edition, supplied: readonly SuppliedQuestion[]): Edition {
  if (supplied.length === 0) return edition;
  const byCode = new Map(edition.questions.map((q, i) => [q.code, i]));
  const questions: EditionQuestion[] = [...edition.questions];
  const added: EditionQuestion[] = [];
  const seen = new Set<string>();
  for (const s of supplied) {
    if (seen.has(s.code)) continue;
    seen.add(s.code);
    const at = byCode.get(s.code);
    if (at !== undefined) {
      const q = questions[at]!;
      const text = s.text_th?.trim();
      if (q.text_th !== null || !text) continue;
      const { missing: _missing, ...rest } = q;
      questions[at] = {
        ...rest,
        text_th: text,
        source: q.source.includes(AGENCY_SUPPLIED) ? q.source : [...q.source, AGENCY_SUPPLIED],
        note: q.note ? `${q.note} · ข้อความ${suppliedNote(s)}` : `ข้อความ${suppliedNote(s)}`,
      };
      continue;
    }
    if (!fits(edition, s)) continue;
    const text = s.text_th?.trim() || null;
    added.push({
      code: s.code,
      display_code: displayCodeOf(s.code),
      instrument: s.instrument,
      indicator: s.indicator,
      ...(s.sub_indicator ? { sub_indicator: s.sub_indicator } : {}),
      text_th: text,
      ...(text === null ? { missing: 'หน่วยงานนำเข้ารหัสข้อนี้พร้อมตัวชี้วัด แต่ไม่มีข้อความของข้อคำถาม' } : {}),
      answer_type: null,
      confidence: 'medium',
      source: [AGENCY_SUPPLIED],
      note: `ข้อคำถาม${suppliedNote(s)}`,
    });
  }
  const changed = added.length > 0 || questions.some((q, i) => q !== edition.questions[i]);
  if (!changed) return edition;
  for (const q of added.sort((a, b) => compareKeys(orderKey(edition, a), orderKey(edition, b)))) {
    const key = orderKey(edition, q);
    const index = questions.findIndex((x) => compareKeys(orderKey(edition, x), key) > 0);
    questions.splice(index < 0 ? questions.length : index, 0, q);
  }
  const sources = edition.sources.some((s) => s.id === AGENCY_SUPPLIED)
    ? edition.sources
    : [...edition.sources, AGENCY_SUPPLIED_SOURCE];
  return { ...edition, sources, questions };
}

// ---------------------------------------------------------------------------------------------
// API shapes

export const suppliedConflictSchema = z.object({
  text_th: z.string().nullable(),
  indicator: z.int().nullable(),
  organizationId: z.uuid(),
  organizationCode: z.string(),
  organizationNameTh: z.string(),
  at: z.string(),
});

export const suppliedQuestionRowSchema = z.object({
  code: questionCodeSchema,
  display_code: z.string(),
  instrument: instrumentCodeSchema,
  indicator: z.int(),
  sub_indicator: z.string().nullable(),
  text_th: z.string().nullable(),
  organizationId: z.uuid(),
  organizationCode: z.string(),
  organizationNameTh: z.string(),
  resultId: z.uuid().nullable(),
  suppliedAt: z.string(),
  /** The catalogue (current revision) has this question with this wording: nothing left to accept. */
  accepted: z.boolean(),
  /** Not in the catalogue's question list (added by code pattern). */
  newQuestion: z.boolean(),
  /** The catalogue's own wording when it differs from the supplied one (the catalogue's stays in use). */
  catalogueText_th: z.string().nullable(),
  /** Later imports that gave another wording or indicator (the first stays in use). */
  conflicts: z.array(suppliedConflictSchema),
});

export const suppliedListSchema = z.object({
  fiscalYear: z.int(),
  questions: z.array(suppliedQuestionRowSchema),
});

export const acceptSuppliedRequestSchema = z.object({
  /** Codes to accept; every acceptable one when omitted. */
  codes: z.array(questionCodeSchema).min(1).max(500).optional(),
});

export const acceptSuppliedResponseSchema = z.object({
  summary: editionSummarySchema,
  accepted: z.array(questionCodeSchema),
});

export type SuppliedQuestionRow = z.infer<typeof suppliedQuestionRowSchema>;
export type SuppliedList = z.infer<typeof suppliedListSchema>;
