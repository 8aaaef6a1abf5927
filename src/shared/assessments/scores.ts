import { z } from 'zod';

/**
 * Where a score sits in an edition: the total ITA score, an instrument (IIT/EIT/OIT), an indicator
 * ('1'…'10'), a sub-indicator ('9.1'), or a question / OIT item ('i7', 'e11', 'o14').
 */
export const SCORE_SCOPES = ['total', 'instrument', 'indicator', 'sub_indicator', 'question'] as const;
export const scoreScopeSchema = z.enum(SCORE_SCOPES);
export type ScoreScope = z.infer<typeof scoreScopeSchema>;

export const SCORE_SCOPE_LABELS: Record<ScoreScope, { th: string; en: string }> = {
  total: { th: 'คะแนนรวม', en: 'Total' },
  instrument: { th: 'แบบวัด', en: 'Instrument' },
  indicator: { th: 'ตัวชี้วัด', en: 'Indicator' },
  sub_indicator: { th: 'ตัวชี้วัดย่อย', en: 'Sub-indicator' },
  question: { th: 'ข้อคำถาม', en: 'Question' },
};

/** The code of the total score. */
export const TOTAL_CODE = 'ITA';

/** One score of a result. `score: null` means "not assessed" (an explicit blank). */
export const scoreEntrySchema = z.object({
  scope: scoreScopeSchema,
  code: z.string().min(1).max(20),
  score: z.number().min(0).max(100).nullable(),
  /** OIT items: passed (มี) or failed (ไม่มี / ไม่ผ่าน); null when not stated. */
  passed: z.boolean().nullable().default(null),
  /** The assessor's reason, e.g. "ไม่ครบองค์ประกอบตามที่กำหนด". */
  reason: z.string().max(2000).nullable().default(null),
  /** NACC's recommendation for this question or item. */
  recommendation: z.string().max(4000).nullable().default(null),
});
export type ScoreEntry = z.infer<typeof scoreEntrySchema>;

export const scoreKey = (s: { scope: ScoreScope; code: string }) => `${s.scope}:${s.code}`;
