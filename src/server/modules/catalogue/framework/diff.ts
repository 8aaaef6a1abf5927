import type { FrameworkPart, FrameworkPreview } from '#shared/catalogue/contract.ts';
import type { Edition } from '#shared/catalogue/edition.schema.ts';

type Change = FrameworkPreview['changes'][number];

/** JSON with object keys sorted, so that content read back from jsonb compares equal to fresh content. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

export const sameContent = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

function byKey<T>(
  part: FrameworkPart,
  before: readonly T[],
  after: readonly T[],
  key: (x: T) => string,
): Change {
  const old = new Map(before.map((x) => [key(x), x]));
  const now = new Map(after.map((x) => [key(x), x]));
  return {
    part,
    added: [...now.keys()].filter((k) => !old.has(k)),
    removed: [...old.keys()].filter((k) => !now.has(k)),
    changed: [...now.keys()].filter((k) => old.has(k) && !sameContent(old.get(k), now.get(k))),
  };
}

function fields(part: FrameworkPart, before: object, after: object, names: readonly string[]): Change {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return { part, added: [], removed: [], changed: names.filter((n) => !sameContent(b[n], a[n])) };
}

/** What a new edition changes against the current revision of its year, part by part (empty parts left out). */
export function diffEditions(current: Edition, next: Edition): Change[] {
  const { levels: currentLevels, ...currentScheme } = current.levels;
  const { levels: nextLevels, ...nextScheme } = next.levels;
  const levels = byKey('levels', currentLevels, nextLevels, (l) => l.code);
  const scheme = fields('levels', currentScheme, nextScheme, [
    'scheme',
    'pass_threshold',
    'confidence',
    'source',
    'note',
  ]);
  const changes: Change[] = [
    fields('general', current, next, ['title_th', 'title_en', 'completeness', 'missing', 'notes']),
    byKey('instruments', current.instruments, next.instruments, (x) => x.code),
    byKey('indicators', current.indicators, next.indicators, (x) => String(x.number)),
    byKey('sub_indicators', current.sub_indicators, next.sub_indicators, (x) => x.code),
    byKey('questions', current.questions, next.questions, (x) => x.code),
    { ...levels, changed: [...levels.changed, ...scheme.changed] },
    sameContent(current.scoring, next.scoring)
      ? { part: 'scoring', added: [], removed: [], changed: [] }
      : current.scoring && next.scoring
        ? fields('scoring', current.scoring, next.scoring, [
            'instrument_score',
            'total',
            'decimals',
            'tolerance',
            'confidence',
            'source',
            'note',
          ])
        : {
            part: 'scoring',
            added: next.scoring ? ['scoring'] : [],
            removed: current.scoring ? ['scoring'] : [],
            changed: [],
          },
    (() => {
      const own = byKey('groupings', current.groupings, next.groupings, (g) => g.code);
      const refs = byKey(
        'groupings',
        current.grouping_refs,
        next.grouping_refs,
        (r) => `${r.code} (${r.fiscal_year})`,
      );
      return {
        part: 'groupings' as const,
        added: [...own.added, ...refs.added],
        removed: [...own.removed, ...refs.removed],
        changed: [...own.changed, ...refs.changed],
      };
    })(),
    byKey(
      'question_mappings',
      current.question_mappings.flatMap((m) =>
        m.pairs.map((p) => ({ ...p, year: m.from_fiscal_year, note: m.note })),
      ),
      next.question_mappings.flatMap((m) =>
        m.pairs.map((p) => ({ ...p, year: m.from_fiscal_year, note: m.note })),
      ),
      (p) => `${p.code} ← ${p.year}`,
    ),
    byKey('sources', current.sources, next.sources, (s) => s.id),
    fields('other', current, next, [
      'measures_document_required_parts_th',
      'follow_up_report_required_parts_th',
      'answer_scales',
      'calendar',
      'facts',
      'example_results',
    ]),
  ];
  return changes.filter((c) => c.added.length + c.removed.length + c.changed.length > 0);
}
