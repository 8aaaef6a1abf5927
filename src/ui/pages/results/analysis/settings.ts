import { type AnalysisSettings, analysisSettingsSchema } from '#shared/assessments/analysis.ts';
import { toArabicDigits } from '#shared/format/thai.ts';
import type { ErrorDetail } from '#shared/http/api-error.ts';
import { formatIssuePath, zodIssuesToDetails } from '#shared/http/validation-messages.ts';

export type NumberValue = number | string;

/** The settings form as typed: numbers may be empty, codes are one text per group. */
export type SettingsDraft = {
  mode: 'thresholds' | 'rank';
  urgentBelow: NumberValue;
  developBelow: NumberValue;
  strengthAtOrAbove: NumberValue;
  urgentBottomN: NumberValue;
  strengthTopN: NumberValue;
  judge: 'questions' | 'indicators';
  /** 'indicators', 'custom' or `catalogue:<code>`. */
  grouping: string;
  groups: { name_th: string; name_en: string; codes: string }[];
};

const text = (value: number | null) => (value === null ? '' : value);

export function draftOf(settings: AnalysisSettings): SettingsDraft {
  const g = settings.grouping;
  return {
    mode: settings.urgentBottomN !== null ? 'rank' : 'thresholds',
    urgentBelow: settings.urgentBelow,
    developBelow: text(settings.developBelow),
    strengthAtOrAbove: text(settings.strengthAtOrAbove),
    urgentBottomN: text(settings.urgentBottomN),
    strengthTopN: text(settings.strengthTopN),
    judge: settings.judge,
    grouping: g.kind === 'catalogue' ? `catalogue:${g.code}` : g.kind,
    groups:
      g.kind === 'custom'
        ? g.groups.map((x) => ({ name_th: x.name_th, name_en: x.name_en ?? '', codes: x.codes.join(', ') }))
        : [{ name_th: '', name_en: '', codes: '' }],
  };
}

const num = (value: NumberValue): number | null => {
  if (typeof value === 'number') return value;
  const trimmed = toArabicDigits(value).trim();
  return trimmed === '' ? null : Number(trimmed);
};

/** Codes typed in any separator and in Thai digits: "i1, i2 e๕" → ['i1', 'i2', 'e5']. */
export function splitCodes(value: string): string[] {
  return toArabicDigits(value)
    .split(/[\s,;]+/)
    .map((c) => c.trim().toLowerCase())
    .filter(Boolean);
}

function toInput(draft: SettingsDraft) {
  const rank = draft.mode === 'rank';
  const grouping =
    draft.grouping === 'custom'
      ? {
          kind: 'custom' as const,
          groups: draft.groups.map((g) => ({
            name_th: g.name_th,
            ...(g.name_en.trim() ? { name_en: g.name_en } : {}),
            codes: splitCodes(g.codes),
          })),
        }
      : draft.grouping.startsWith('catalogue:')
        ? { kind: 'catalogue' as const, code: draft.grouping.slice('catalogue:'.length) }
        : { kind: 'indicators' as const };
  return {
    urgentBelow: num(draft.urgentBelow) ?? undefined,
    developBelow: rank ? null : num(draft.developBelow),
    strengthAtOrAbove: rank ? null : num(draft.strengthAtOrAbove),
    urgentBottomN: rank ? num(draft.urgentBottomN) : null,
    strengthTopN: rank ? num(draft.strengthTopN) : null,
    judge: draft.judge,
    grouping,
  };
}

/** Refinements of the shared schema spell their message in English only: their Thai here. */
const REFINED: Record<string, { th: string; en: string }> = {
  developBelow: {
    th: 'ต้องมากกว่าเกณฑ์จุดอ่อนเร่งด่วน',
    en: 'must be above the urgent threshold',
  },
  strengthAtOrAbove: {
    th: 'ต้องไม่ต่ำกว่าเกณฑ์จุดอ่อน',
    en: 'must not be below the weak-point thresholds',
  },
};

const NO_CODES = { th: 'ระบุรหัสอย่างน้อย 1 รหัส', en: 'give at least one code' };
const REQUIRED = { th: 'จำเป็นต้องระบุ', en: 'Required' };

export type SettingsCheck = { ok: true; settings: AnalysisSettings } | { ok: false; errors: ErrorDetail[] };

/** Checks the draft with the same schema the server uses; the rank mode needs its N. */
export function checkDraft(draft: SettingsDraft): SettingsCheck {
  const input = toInput(draft);
  const errors: ErrorDetail[] = [];
  if (draft.mode === 'thresholds' && input.urgentBelow === undefined) {
    errors.push({ path: 'urgentBelow', message_th: 'จำเป็นต้องระบุ', message_en: 'Required' });
  }
  if (draft.mode === 'rank' && input.urgentBottomN === null) {
    errors.push({ path: 'urgentBottomN', message_th: 'จำเป็นต้องระบุ', message_en: 'Required' });
  }
  const parsed = analysisSettingsSchema.safeParse(input);
  if (parsed.success && errors.length === 0) return { ok: true, settings: parsed.data };
  if (!parsed.success) {
    const details = zodIssuesToDetails(parsed.error.issues);
    parsed.error.issues.forEach((issue, index) => {
      const path = formatIssuePath(issue.path);
      const refined =
        issue.code === 'custom'
          ? REFINED[path]
          : issue.code === 'too_small' && /\.codes$/.test(path)
            ? NO_CODES
            : issue.code === 'too_small' && /\.name_th$/.test(path)
              ? REQUIRED
              : undefined;
      const detail = details[index]!;
      errors.push(refined ? { path, message_th: refined.th, message_en: refined.en } : detail);
    });
  }
  return { ok: false, errors };
}
