import type { Edition, EditionSubItem } from '#shared/catalogue/edition.schema.ts';
import { levelMaxTotals } from '#shared/catalogue/level.rules.ts';
import type { SheetId } from './sheets.ts';

/** A cell as written: lists are already joined (lines with a line break, codes with a comma). */
export type OutCell = string | number | boolean | null;
export type OutRow = Record<string, OutCell>;

const lines = (items: readonly string[] | undefined) => (items && items.length > 0 ? items.join('\n') : null);
const codes = (items: readonly (string | number)[] | undefined) =>
  items && items.length > 0 ? items.join(', ') : null;
const opt = <T>(value: T | undefined | null): T | null => (value === undefined ? null : value);

/** The rows of every sheet for one edition: the inverse of `sheetsToEdition`, losing nothing. */
export function editionToRows(edition: Edition): Record<SheetId, OutRow[]> {
  const prov = (x: { confidence: string; source: readonly string[]; note?: string | undefined }) => ({
    confidence: x.confidence,
    source: codes(x.source),
    note: opt(x.note),
  });
  const decimals = edition.scoring?.decimals ?? 2;
  const maxTotals = levelMaxTotals(edition.levels.levels, decimals);
  const subItemRows = (question: string, alternative: number | null, items?: readonly EditionSubItem[]) =>
    (items ?? []).map((s) => ({
      question,
      alternative,
      code: s.code,
      text_th: s.text_th,
      reverse_scored: s.reverse_scored,
    }));
  const { levels } = edition;
  const pass = levels.pass_threshold;
  const scoring = edition.scoring;
  return {
    general: [
      { key: 'fiscal_year', value: edition.fiscal_year },
      { key: 'title_th', value: edition.title_th },
      { key: 'title_en', value: edition.title_en },
      { key: 'completeness', value: edition.completeness },
      ...(edition.missing.length > 0 ? edition.missing : [null]).map((value) => ({ key: 'missing', value })),
      ...(edition.notes.length > 0 ? edition.notes : [null]).map((value) => ({ key: 'notes', value })),
    ],
    instruments: edition.instruments.map((x) => ({
      code: x.code,
      name_th: x.name_th,
      name_en: x.name_en,
      name_th_variants: lines(x.name_th_variants),
      weight_percent: x.weight_percent,
      weight_confidence: opt(x.weight_confidence),
      weight_source: codes(x.weight_source),
      weight_note: opt(x.weight_note),
      ...prov(x),
    })),
    indicators: edition.indicators.map((x) => ({
      number: x.number,
      instrument: x.instrument,
      name_th: x.name_th,
      name_en: x.name_en,
      name_th_variants: lines(x.name_th_variants),
      ...prov(x),
    })),
    subIndicators: edition.sub_indicators.map((x) => ({
      code: x.code,
      indicator: x.indicator,
      name_th: x.name_th,
      name_en: x.name_en,
      name_th_alternatives: lines(x.name_th_alternatives),
      ...prov(x),
    })),
    questions: edition.questions.map((q) => ({
      code: q.code,
      display_code: q.display_code,
      instrument: q.instrument,
      indicator: q.indicator,
      sub_indicator: opt(q.sub_indicator),
      text_th: q.text_th,
      answer_type: q.answer_type,
      group_th: opt(q.group_th),
      missing: opt(q.missing),
      text_th_as_found: opt(q.text_th_as_found),
      text_en: opt(q.text_en),
      text_en_source: codes(q.text_en_source),
      reverse_scored: opt(q.reverse_scored),
      form_note_th: opt(q.form_note_th),
      components_th: lines(q.components_th),
      components_source: codes(q.components_source),
      components_confidence: opt(q.components_confidence),
      evidence_examples_th: lines(q.evidence_examples_th),
      evidence_source: codes(q.evidence_source),
      evidence_confidence: opt(q.evidence_confidence),
      indicator_confidence: opt(q.indicator_confidence),
      ...prov(q),
    })),
    subItems: edition.questions.flatMap((q) => [
      ...subItemRows(q.code, null, q.sub_items),
      ...(q.text_th_alternatives ?? []).flatMap((alt, j) => subItemRows(q.code, j + 1, alt.sub_items)),
    ]),
    alternatives: edition.questions.flatMap((q) =>
      (q.text_th_alternatives ?? []).map((alt, j) => ({
        question: q.code,
        no: j + 1,
        text_th: alt.text_th,
        ...prov(alt),
      })),
    ),
    levels: levels.levels.map((l, i) => ({
      code: l.code,
      name_th: l.name_th,
      name_en: l.name_en,
      min_total: l.min_total,
      max_total: maxTotals[i]!,
      min_each_instrument: opt(l.min_each_instrument),
      confidence: l.confidence,
      note: opt(l.note),
    })),
    scoring: [
      { key: 'levels.scheme', value: levels.scheme },
      { key: 'levels.confidence', value: levels.confidence },
      { key: 'levels.source', value: codes(levels.source) },
      { key: 'levels.note', value: opt(levels.note) },
      { key: 'levels.pass_threshold.min_total', value: pass.min_total },
      { key: 'levels.pass_threshold.confidence', value: pass.confidence },
      { key: 'levels.pass_threshold.source', value: codes(pass.source) },
      { key: 'levels.pass_threshold.note', value: opt(pass.note) },
      { key: 'scoring.instrument_score', value: opt(scoring?.instrument_score) },
      { key: 'scoring.total', value: opt(scoring?.total) },
      { key: 'scoring.decimals', value: opt(scoring?.decimals) },
      { key: 'scoring.tolerance', value: opt(scoring?.tolerance) },
      { key: 'scoring.confidence', value: opt(scoring?.confidence) },
      { key: 'scoring.source', value: codes(scoring?.source) },
      { key: 'scoring.note', value: opt(scoring?.note) },
    ],
    groupings: edition.groupings.flatMap((g) =>
      g.groups.map((group, j) => ({
        grouping: g.code,
        grouping_name_th: j === 0 ? g.name_th : null,
        grouping_name_en: j === 0 ? g.name_en : null,
        no: group.no,
        name_th: group.name_th,
        name_en: group.name_en,
        questions: codes(group.questions),
        corrections: lines(group.corrections?.map((c) => `${c.question}: ${c.as_found}`)),
        note: opt(group.note),
        grouping_confidence: j === 0 ? g.confidence : null,
        grouping_source: j === 0 ? codes(g.source) : null,
        grouping_note: j === 0 ? opt(g.note) : null,
      })),
    ),
    groupingRefs: edition.grouping_refs.map((r) => ({
      fiscal_year: r.fiscal_year,
      code: r.code,
      confidence: r.confidence,
      note: opt(r.note),
    })),
    mappings: edition.question_mappings.flatMap((m) =>
      m.pairs.map((p, j) => ({
        from_fiscal_year: m.from_fiscal_year,
        code: p.code,
        from_code: p.from_code ?? '-',
        ...prov(p),
        mapping_note: j === 0 ? opt(m.note) : null,
      })),
    ),
    requiredParts: (
      [
        ['measures', edition.measures_document_required_parts_th],
        ['follow_up', edition.follow_up_report_required_parts_th],
      ] as const
    ).flatMap(([document, parts]) =>
      parts
        ? [{ document, questions: codes(parts.questions), parts: lines(parts.parts), ...prov(parts) }]
        : [],
    ),
    answerScales: edition.answer_scales.map((s) => ({
      answer_type: s.answer_type,
      options_th: lines(s.options_th),
      scores: codes(s.scores),
      ...prov(s),
    })),
    calendar: edition.calendar.map((c) => ({
      code: c.code,
      name_en: c.name_en,
      start: c.start,
      end: c.end,
      ...prov(c),
    })),
    facts: edition.facts.map((f) => ({ code: f.code, label_en: f.label_en, value: f.value, ...prov(f) })),
    examples: edition.example_results.map((x) => ({
      agency_th: x.agency_th,
      total: x.total,
      level_code: x.level_code,
      ...prov(x),
    })),
    sources: edition.sources.map((s) => ({
      id: s.id,
      title: s.title,
      url: s.url,
      locator: opt(s.locator),
      reliability: s.reliability,
      reliability_note: opt(s.reliability_note),
      used_for: opt(s.used_for),
    })),
  };
}
