import type { ErrorDetail } from '#shared/http/api-error.ts';
import { formatIssuePath, zodIssuesToDetails } from '#shared/http/validation-messages.ts';
import {
  type PlanContent,
  type PlanIssue,
  type PlanMeasure,
  planContentSchema,
  type Timeframe,
} from '#shared/plans/contract.ts';
import { monthIndex } from '#shared/plans/months.ts';
import { newId } from '../common.ts';

export type PlanStep = PlanMeasure['steps'][number];
export type PlanPoint = PlanIssue['points'][number];
export type { PlanContent, PlanIssue, PlanMeasure };

export const blankStep = (): PlanStep => ({ id: newId(), text: '', responsible: null, timeframe: null });

export const blankMeasure = (): PlanMeasure => ({
  id: newId(),
  kind: 'measure',
  title: '',
  pointIds: [],
  steps: [],
  responsible: { unitIds: [], external: [] },
  timeframe: null,
  monitoring: '',
  codes: [],
  budget: null,
  target: '',
  outputIndicator: '',
  libraryId: null,
});

export const blankIssue = (): PlanIssue => ({
  id: newId(),
  title: '',
  stance: 'urgent',
  description: '',
  points: [],
  findingKeys: [],
  codes: [],
  measures: [],
});

/** A copy of a measure (a library suggestion) with ids of its own, so it can be added more than once. */
export function withFreshIds(measure: PlanMeasure): PlanMeasure {
  return {
    ...structuredClone(measure),
    id: newId(),
    steps: measure.steps.map((s) => ({ ...structuredClone(s), id: newId() })),
  };
}

/**
 * What the server would refuse on save, checked before sending: the shared content schema (required
 * titles and steps, lengths) and end months before start months. Paths match the server's, without
 * the leading `content.`.
 */
export function validateDraft(content: PlanContent): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const parsed = planContentSchema.safeParse(content);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1) {
        errors.push({
          path: formatIssuePath(issue.path),
          message_th: 'จำเป็นต้องระบุ',
          message_en: 'Required',
        });
      } else {
        errors.push(...zodIssuesToDetails([issue]));
      }
    }
  }
  const checkTimeframe = (t: Timeframe | null, path: string) => {
    if (t && monthIndex(t.end) < monthIndex(t.start)) {
      errors.push({
        path: `${path}.end`,
        message_th: 'เดือนสิ้นสุดอยู่ก่อนเดือนเริ่มต้น',
        message_en: 'The end month is before the start month',
      });
    }
  };
  content.issues.forEach((issue, i) => {
    issue.measures.forEach((m, j) => {
      const mp = `issues[${i}].measures[${j}]`;
      checkTimeframe(m.timeframe, `${mp}.timeframe`);
      m.steps.forEach((s, k) => {
        checkTimeframe(s.timeframe, `${mp}.steps[${k}].timeframe`);
      });
    });
  });
  return errors;
}

/** Server paths name the request body (`content.issues[0]…`); the editor names the content. */
export function contentPath(path: string): string {
  return path.startsWith('content.') ? path.slice('content.'.length) : path;
}

/** The message for a field: errors at its path or inside it (`codes` covers `codes[2]`). */
export function errorLookup(errors: readonly ErrorDetail[], lang: 'th' | 'en') {
  return (path: string): string | undefined => {
    const found = errors.filter(
      (e) => e.path === path || e.path.startsWith(`${path}.`) || e.path.startsWith(`${path}[`),
    );
    if (found.length === 0) return undefined;
    return [...new Set(found.map((e) => (lang === 'th' ? e.message_th : e.message_en)))].join(' · ');
  };
}

export const sameContent = (a: PlanContent, b: PlanContent) => JSON.stringify(a) === JSON.stringify(b);
