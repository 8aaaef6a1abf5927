/**
 * Pure rules of the national and ministry views (decision 019): the national target, the bands the
 * totals are counted in, and when a comparison of agencies that used a standard measure with those that
 * did not has enough agencies to be shown as a number. The aggregates themselves are made in SQL
 * (`national.sql.ts`); these rules turn its counts into what the view says.
 */

/**
 * The national ITA target: 80 % of the agencies assessed at the pass threshold or more (85 in the
 * editions 2566–2569, read from the year's edition: `levels.pass_threshold.min_total`).
 */
export const NATIONAL_TARGET_PERCENT = 80;

/** Fewer agencies than this on either side of a comparison: "too few to compare", never a mean. */
export const MIN_AGENCIES_TO_COMPARE = 3;

/** Totals are counted in bands of this many points: 0–4.99, 5–9.99, … 95–100. */
export const TOTAL_BAND_WIDTH = 5;

const round2 = (n: number) => Math.round((n + Number.EPSILON) * 100) / 100;

/** A number from SQL (PostgreSQL sends numeric and bigint as text) or null. */
export function numberOrNull(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/** A mean rounded to 2 decimals as the rest of the app prints scores; null stays null. */
export function mean2(value: unknown): number | null {
  const n = numberOrNull(value);
  return n === null ? null : round2(n);
}

export type TargetStatus = {
  /** The threshold the edition of the year sets (85). */
  threshold: number;
  /** The share of agencies with a total that must be at the threshold or more (80). */
  targetPercent: number;
  /** Agencies with a total, and how many of them are at the threshold or more. */
  withTotal: number;
  atOrAbove: number;
  /** atOrAbove / withTotal in percent, 2 decimals; null when no agency has a total. */
  sharePercent: number | null;
  /** null when there is nothing to judge (no agency with a total). */
  met: boolean | null;
};

/** Whether the agencies of a node meet the national target, with the numbers that say so. */
export function targetStatus(threshold: number, withTotal: number, atOrAbove: number): TargetStatus {
  if (withTotal === 0) {
    return {
      threshold,
      targetPercent: NATIONAL_TARGET_PERCENT,
      withTotal,
      atOrAbove,
      sharePercent: null,
      met: null,
    };
  }
  const exact = (atOrAbove / withTotal) * 100;
  return {
    threshold,
    targetPercent: NATIONAL_TARGET_PERCENT,
    withTotal,
    atOrAbove,
    sharePercent: round2(exact),
    // Judged on the exact share, not on the rounded one (79.996 % is not 80 %).
    met: exact >= NATIONAL_TARGET_PERCENT,
  };
}

export type TotalBand = { from: number; to: number; count: number };

/**
 * Every band from the lowest one that has an agency up to 95–100, with its count (bands with none in
 * between are kept, so a chart shows the gaps). `counts` maps a band's lower bound to its count.
 */
export function totalBands(counts: ReadonlyMap<number, number>): TotalBand[] {
  if (counts.size === 0) return [];
  const top = 100 - TOTAL_BAND_WIDTH;
  const lowest = Math.min(...counts.keys());
  const bands: TotalBand[] = [];
  for (let from = lowest; from <= top; from += TOTAL_BAND_WIDTH) {
    bands.push({ from, to: from === top ? 100 : from + TOTAL_BAND_WIDTH, count: counts.get(from) ?? 0 });
  }
  return bands;
}

export type MeasureEvidenceInput = {
  users: number;
  usersRose: number;
  usersMeanChange: number | null;
  others: number;
  othersRose: number;
  othersMeanChange: number | null;
};

/**
 * What may be said about one standard measure on one indicator: with at least
 * MIN_AGENCIES_TO_COMPARE agencies on both sides, the two mean changes; otherwise only the counts and
 * that they are too few to compare (a mean of one or two agencies says nothing about a measure).
 */
export type MeasureEvidence =
  | {
      comparable: true;
      users: number;
      usersRose: number;
      usersMeanChange: number;
      others: number;
      othersRose: number;
      othersMeanChange: number;
    }
  | { comparable: false; users: number; usersRose: number; others: number; othersRose: number };

export function measureEvidence(input: MeasureEvidenceInput): MeasureEvidence {
  const { users, usersRose, others, othersRose } = input;
  if (
    users >= MIN_AGENCIES_TO_COMPARE &&
    others >= MIN_AGENCIES_TO_COMPARE &&
    input.usersMeanChange !== null &&
    input.othersMeanChange !== null
  ) {
    return {
      comparable: true,
      users,
      usersRose,
      usersMeanChange: round2(input.usersMeanChange),
      others,
      othersRose,
      othersMeanChange: round2(input.othersMeanChange),
    };
  }
  return { comparable: false, users, usersRose, others, othersRose };
}
