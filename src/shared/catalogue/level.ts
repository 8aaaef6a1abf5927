import type { Edition, InstrumentCode } from './edition.schema.ts';

export type LevelScores = {
  total: number;
  byInstrument?: Partial<Record<InstrumentCode, number>>;
};

/**
 * The code of the first level (best first) whose conditions hold, or null when no level applies
 * or a level needs an instrument score that was not given (the answer would be a guess).
 */
export function evaluateLevel(
  edition: Pick<Edition, 'levels' | 'instruments'>,
  { total, byInstrument = {} }: LevelScores,
): string | null {
  if (!Number.isFinite(total)) return null;
  for (const level of edition.levels.levels) {
    if (total < level.min_total) continue;
    const minEach = level.min_each_instrument;
    if (minEach === undefined) return level.code;
    const scores = edition.instruments.map((x) => byInstrument[x.code]);
    if (scores.some((s) => s === undefined || !Number.isFinite(s))) return null;
    if (scores.every((s) => (s as number) >= minEach)) return level.code;
  }
  return null;
}
