import { createHash } from 'node:crypto';
import type { FindingKind } from '#shared/assessments/analysis.ts';
import { fillTemplate, type NarrativeTemplates } from '#shared/catalogue/narrative-templates.ts';

export type NarrativeFacts = {
  kind: FindingKind;
  scope: 'indicator' | 'question' | 'oit_item';
  code: string;
  label: string;
  indicatorNumber: number;
  indicatorName: string;
  instrument: string;
  score: number;
  threshold: number | null;
  reason: string | null;
};

const two = (n: number) => n.toFixed(2);

export function draftNarrative(
  templates: NarrativeTemplates,
  facts: NarrativeFacts,
): { th: string; en: string } {
  const template = templates[facts.kind][facts.scope];
  const values = {
    code: facts.code,
    label: facts.label,
    indicator_number: String(facts.indicatorNumber),
    indicator_name: facts.indicatorName,
    instrument: facts.instrument,
    score: two(facts.score),
    threshold: facts.threshold === null ? '-' : two(facts.threshold),
    reason: facts.reason ?? '-',
  };
  return { th: fillTemplate(template.th, values), en: fillTemplate(template.en, values) };
}

/** What a narrative was written against: if these numbers change, the words may no longer hold. */
export function numbersHash(facts: Pick<NarrativeFacts, 'kind' | 'score' | 'threshold'>): string {
  return createHash('sha256')
    .update(`${facts.kind}|${facts.score}|${facts.threshold ?? ''}`)
    .digest('hex')
    .slice(0, 16);
}
