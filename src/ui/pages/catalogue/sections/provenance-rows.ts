import type { Confidence, Edition, EditionQuestion } from '#shared/catalogue/edition.schema.ts';

/** What a row of the provenance view describes (each kind is a section with a translated heading). */
export type ProvenanceKind =
  | 'instrument'
  | 'weight'
  | 'indicator'
  | 'subIndicator'
  | 'question'
  | 'scoring'
  | 'levels'
  | 'grouping'
  | 'requiredParts'
  | 'answerScale'
  | 'calendar'
  | 'fact'
  | 'exampleResult';

export const PROVENANCE_KINDS: ProvenanceKind[] = [
  'instrument',
  'weight',
  'indicator',
  'subIndicator',
  'question',
  'scoring',
  'levels',
  'grouping',
  'requiredParts',
  'answerScale',
  'calendar',
  'fact',
  'exampleResult',
];

/** A fact attached to an item: other wording seen, the heading as found, why wording is missing… */
export type ProvenanceDetail = {
  kind:
    | 'missing'
    | 'asFound'
    | 'alternative'
    | 'variant'
    | 'indicatorMapping'
    | 'components'
    | 'evidence'
    | 'correction';
  /** Thai wording, or the compiler's English text ('missing'); absent for a confidence-only detail. */
  text?: string;
  lang: 'th' | 'en';
  confidence?: Confidence;
  source?: string[];
};

export type ProvenanceRow = {
  kind: ProvenanceKind;
  /** Unique within the edition. */
  key: string;
  /** As printed: 'IIT', '9', '9.1', 'O14', a level or grouping code. */
  code: string;
  /** The Thai name or wording, or a value (weight, score); null when the wording is not known. */
  wording: string | null;
  /** Where the wording is a value in English (a fact's label), so that it is marked as such. */
  wordingLang: 'th' | 'en';
  confidence: Confidence;
  source: string[];
  /** The compiler's note, in English. */
  note?: string;
  details: ProvenanceDetail[];
  /** A grouping reused from another edition: that edition's fiscal year. */
  reusedFrom?: number;
};

function questionRow(q: EditionQuestion): ProvenanceRow {
  const details: ProvenanceDetail[] = [];
  if (q.missing) details.push({ kind: 'missing', text: q.missing, lang: 'en' });
  if (q.text_th_as_found) details.push({ kind: 'asFound', text: q.text_th_as_found, lang: 'th' });
  for (const alt of q.text_th_alternatives ?? []) {
    details.push({
      kind: 'alternative',
      text: alt.text_th,
      lang: 'th',
      confidence: alt.confidence,
      source: alt.source,
    });
  }
  if (q.indicator_confidence) {
    details.push({
      kind: 'indicatorMapping',
      text: q.sub_indicator ? `${q.indicator} (${q.sub_indicator})` : String(q.indicator),
      lang: 'th',
      confidence: q.indicator_confidence,
    });
  }
  if (q.components_th) {
    details.push({
      kind: 'components',
      text: q.components_th.join(' · '),
      lang: 'th',
      ...(q.components_confidence ? { confidence: q.components_confidence } : {}),
      ...(q.components_source ? { source: q.components_source } : {}),
    });
  }
  if (q.evidence_examples_th) {
    details.push({
      kind: 'evidence',
      text: q.evidence_examples_th.join(' · '),
      lang: 'th',
      ...(q.evidence_confidence ? { confidence: q.evidence_confidence } : {}),
      ...(q.evidence_source ? { source: q.evidence_source } : {}),
    });
  }
  return {
    kind: 'question',
    key: `question:${q.code}`,
    code: q.display_code,
    wording: q.text_th,
    wordingLang: 'th',
    confidence: q.confidence,
    source: q.source,
    ...(q.note ? { note: q.note } : {}),
    details,
  };
}

const variants = (names: string[] | undefined): ProvenanceDetail[] =>
  (names ?? []).map((text) => ({ kind: 'variant', text, lang: 'th' }));

/**
 * Every item of an edition that carries provenance (confidence, sources, a note), in the edition's
 * order, for the admins' "ที่มาของข้อมูล" view. Pure: the view translates kinds and details.
 */
export function provenanceRows(edition: Edition): ProvenanceRow[] {
  const rows: ProvenanceRow[] = [];
  for (const i of edition.instruments) {
    rows.push({
      kind: 'instrument',
      key: `instrument:${i.code}`,
      code: i.code,
      wording: i.name_th,
      wordingLang: 'th',
      confidence: i.confidence,
      source: i.source,
      ...(i.note ? { note: i.note } : {}),
      details: variants(i.name_th_variants),
    });
  }
  for (const i of edition.instruments) {
    rows.push({
      kind: 'weight',
      key: `weight:${i.code}`,
      code: i.code,
      wording: i.weight_percent === null ? null : `${i.weight_percent}%`,
      wordingLang: 'th',
      confidence: i.weight_confidence ?? 'low',
      source: i.weight_source ?? [],
      ...(i.weight_note ? { note: i.weight_note } : {}),
      details: [],
    });
  }
  for (const i of edition.indicators) {
    rows.push({
      kind: 'indicator',
      key: `indicator:${i.number}`,
      code: String(i.number),
      wording: i.name_th,
      wordingLang: 'th',
      confidence: i.confidence,
      source: i.source,
      ...(i.note ? { note: i.note } : {}),
      details: variants(i.name_th_variants),
    });
  }
  for (const s of edition.sub_indicators) {
    rows.push({
      kind: 'subIndicator',
      key: `sub:${s.code}`,
      code: s.code,
      wording: s.name_th,
      wordingLang: 'th',
      confidence: s.confidence,
      source: s.source,
      ...(s.note ? { note: s.note } : {}),
      details: (s.name_th_alternatives ?? []).map((text) => ({ kind: 'alternative', text, lang: 'th' })),
    });
  }
  for (const q of edition.questions) rows.push(questionRow(q));
  if (edition.scoring) {
    const s = edition.scoring;
    rows.push({
      kind: 'scoring',
      key: 'scoring',
      code: `${s.instrument_score} · ${s.total}`,
      wording: null,
      wordingLang: 'en',
      confidence: s.confidence,
      source: s.source,
      ...(s.note ? { note: s.note } : {}),
      details: [],
    });
  }
  const { levels } = edition;
  rows.push({
    kind: 'levels',
    key: 'levels',
    code: levels.scheme,
    wording: levels.levels.map((l) => l.name_th).join(' · '),
    wordingLang: 'th',
    confidence: levels.confidence,
    source: levels.source,
    ...(levels.note ? { note: levels.note } : {}),
    details: [],
  });
  for (const l of levels.levels) {
    rows.push({
      kind: 'levels',
      key: `level:${l.code}`,
      code: l.code,
      wording: l.name_th,
      wordingLang: 'th',
      confidence: l.confidence,
      source: [],
      ...(l.note ? { note: l.note } : {}),
      details: [],
    });
  }
  rows.push({
    kind: 'levels',
    key: 'pass-threshold',
    code: `≥ ${levels.pass_threshold.min_total}`,
    wording: null,
    wordingLang: 'th',
    confidence: levels.pass_threshold.confidence,
    source: levels.pass_threshold.source,
    ...(levels.pass_threshold.note ? { note: levels.pass_threshold.note } : {}),
    details: [],
  });
  for (const g of edition.groupings) {
    rows.push({
      kind: 'grouping',
      key: `grouping:${g.code}`,
      code: g.code,
      wording: g.name_th,
      wordingLang: 'th',
      confidence: g.confidence,
      source: g.source,
      ...(g.note ? { note: g.note } : {}),
      details: g.groups.flatMap((group) =>
        (group.corrections ?? []).map((c) => ({
          kind: 'correction' as const,
          text: `${group.no}: ${c.question} ← ${c.as_found}`,
          lang: 'en' as const,
        })),
      ),
    });
  }
  for (const ref of edition.grouping_refs) {
    rows.push({
      kind: 'grouping',
      key: `grouping-ref:${ref.fiscal_year}:${ref.code}`,
      code: `${ref.code} (${ref.fiscal_year})`,
      wording: null,
      wordingLang: 'th',
      confidence: ref.confidence,
      source: [],
      ...(ref.note ? { note: ref.note } : {}),
      details: [],
      reusedFrom: ref.fiscal_year,
    });
  }
  for (const [key, parts] of [
    ['measures', edition.measures_document_required_parts_th],
    ['follow-up', edition.follow_up_report_required_parts_th],
  ] as const) {
    if (!parts) continue;
    rows.push({
      kind: 'requiredParts',
      key: `parts:${key}`,
      code: parts.questions.map((q) => q.toUpperCase()).join(', '),
      wording: parts.parts.join(' · '),
      wordingLang: 'th',
      confidence: parts.confidence,
      source: parts.source,
      ...(parts.note ? { note: parts.note } : {}),
      details: [],
    });
  }
  for (const a of edition.answer_scales) {
    rows.push({
      kind: 'answerScale',
      key: `scale:${a.answer_type}`,
      code: a.answer_type,
      wording: a.options_th.map((o, n) => `${o} = ${a.scores[n] ?? '?'}`).join(' · '),
      wordingLang: 'th',
      confidence: a.confidence,
      source: a.source,
      ...(a.note ? { note: a.note } : {}),
      details: [],
    });
  }
  for (const c of edition.calendar) {
    rows.push({
      kind: 'calendar',
      key: `calendar:${c.code}`,
      code: c.code,
      wording: `${c.name_en}: ${c.start ?? '…'} – ${c.end}`,
      wordingLang: 'en',
      confidence: c.confidence,
      source: c.source,
      ...(c.note ? { note: c.note } : {}),
      details: [],
    });
  }
  for (const f of edition.facts) {
    rows.push({
      kind: 'fact',
      key: `fact:${f.code}`,
      code: f.code,
      wording: `${f.label_en}: ${f.value}`,
      wordingLang: 'en',
      confidence: f.confidence,
      source: f.source,
      ...(f.note ? { note: f.note } : {}),
      details: [],
    });
  }
  for (const [n, r] of edition.example_results.entries()) {
    rows.push({
      kind: 'exampleResult',
      key: `example:${n}`,
      code: r.level_code,
      wording: `${r.agency_th} ${r.total}`,
      wordingLang: 'th',
      confidence: r.confidence,
      source: r.source,
      ...(r.note ? { note: r.note } : {}),
      details: [],
    });
  }
  return rows;
}

/** A row that needs a second look: low confidence, no wording, or a low-confidence detail. */
export function isUncertainRow(row: ProvenanceRow): boolean {
  if (row.confidence === 'low') return true;
  if (row.kind === 'question' && row.wording === null) return true;
  return row.details.some((d) => d.kind === 'indicatorMapping' && d.confidence === 'low');
}
