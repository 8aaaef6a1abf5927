import { createHash } from 'node:crypto';
import type { FindingKind } from '#shared/assessments/analysis.ts';
import { fillTemplate, type NarrativeTemplates } from '#shared/catalogue/narrative-templates.ts';

export type NarrativeFacts = {
  kind: FindingKind;
  scope: 'indicator' | 'question' | 'oit_item';
  code: string;
  /** The question's wording or the item's name; null when the edition does not know it. */
  label: string | null;
  /** The wording or name in English (the edition's translation), for the English draft; else `label`. */
  labelEn?: string | null;
  indicatorNumber: number;
  indicatorName: string;
  /** The indicator's English name, for the English draft; else `indicatorName`. */
  indicatorNameEn?: string;
  instrument: string;
  score: number;
  threshold: number | null;
  reason: string | null;
  /** For a question: its indicator passed the thresholds, with this score (said, not hidden). */
  indicatorPassedWith?: number | null;
};

const two = (n: number) => n.toFixed(2);

export function draftNarrative(
  templates: NarrativeTemplates,
  facts: NarrativeFacts,
): { th: string; en: string } {
  let template = templates[facts.kind][facts.scope];
  if (facts.label === null) {
    // No wording known: the code stands alone, never quoted as if it were the wording.
    const drop = (t: string) => t.replace(/\s*"?\{label\}"?/g, '');
    template = { th: drop(template.th), en: drop(template.en) };
  }
  const values = {
    code: facts.code,
    label: facts.label ?? '',
    indicator_number: String(facts.indicatorNumber),
    indicator_name: facts.indicatorName,
    instrument: facts.instrument,
    score: two(facts.score),
    threshold: facts.threshold === null ? '-' : two(facts.threshold),
    reason: facts.reason ?? '-',
  };
  const th = fillTemplate(template.th, values);
  const en = fillTemplate(template.en, {
    ...values,
    label: facts.labelEn || values.label,
    indicator_name: facts.indicatorNameEn || values.indicator_name,
  });
  const passed = facts.indicatorPassedWith;
  if (facts.scope === 'indicator' || passed === undefined || passed === null || facts.kind === 'strength')
    return { th, en };
  return {
    th: `${th} ทั้งนี้ ตัวชี้วัดที่ ${facts.indicatorNumber} ในภาพรวมได้คะแนน ${two(passed)} ผ่านเกณฑ์`,
    en: `${en} Its indicator ${facts.indicatorNumber} as a whole scored ${two(passed)} and passed.`,
  };
}

/** Hashes already made, by their text (a national analysis makes ~300k of a few thousand kinds). */
const hashes = new Map<string, string>();

/** What a narrative was written against: if these numbers change, the words may no longer hold. */
export function numbersHash(facts: Pick<NarrativeFacts, 'kind' | 'score' | 'threshold'>): string {
  const text = `${facts.kind}|${facts.score}|${facts.threshold ?? ''}`;
  let hash = hashes.get(text);
  if (hash === undefined) {
    hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
    if (hashes.size >= 100_000) hashes.clear();
    hashes.set(text, hash);
  }
  return hash;
}
