/**
 * What the national view says in words, from its numbers: pure, so the sentences are tested without a
 * browser. A standard measure's row is evidence with counts, never a promise (decision 019).
 */

/** The i18n key and values of one sentence; the page passes them to `t`. */
export type Sentence = {
  key:
    | 'national.measures.compared'
    | 'national.measures.tooFew'
    | 'national.target.met'
    | 'national.target.notMet'
    | 'national.target.none';
  values: Record<string, string | number>;
};

export type EvidenceRow = {
  indicator: number;
  comparable: boolean;
  users: number;
  usersRose: number;
  usersMeanChange: number | null;
  others: number;
  othersRose: number;
  othersMeanChange: number | null;
};

/** A change with its sign, as people read a rise or a fall: +2.5, −1.25, 0. */
export function signed(value: number, format: (n: number) => string): string {
  if (value > 0) return `+${format(value)}`;
  if (value < 0) return `\u2212${format(-value)}`;
  return format(0);
}

/**
 * "Agencies that used it … rose on average by …; those that did not … by …", or, with fewer than
 * `minimum` agencies on a side, the counts and that they are too few to compare.
 */
export function evidenceSentence(row: EvidenceRow, minimum: number, format: (n: number) => string): Sentence {
  if (row.comparable && row.usersMeanChange !== null && row.othersMeanChange !== null) {
    return {
      key: 'national.measures.compared',
      values: {
        users: row.users,
        usersRose: row.usersRose,
        usersChange: signed(row.usersMeanChange, format),
        others: row.others,
        othersRose: row.othersRose,
        othersChange: signed(row.othersMeanChange, format),
        indicator: row.indicator,
      },
    };
  }
  return {
    key: 'national.measures.tooFew',
    values: {
      users: row.users,
      usersRose: row.usersRose,
      others: row.others,
      indicator: row.indicator,
      minimum,
    },
  };
}

/** The target in one sentence: met, not met, or nothing to judge. */
export function targetSentence(
  target: {
    threshold: number;
    targetPercent: number;
    withTotal: number;
    atOrAbove: number;
    sharePercent: number | null;
    met: boolean | null;
  },
  format: (n: number) => string,
): Sentence {
  if (target.met === null || target.sharePercent === null) {
    return { key: 'national.target.none', values: { threshold: target.threshold } };
  }
  return {
    key: target.met ? 'national.target.met' : 'national.target.notMet',
    values: {
      atOrAbove: format(target.atOrAbove),
      withTotal: format(target.withTotal),
      share: format(target.sharePercent),
      threshold: target.threshold,
      target: target.targetPercent,
    },
  };
}

/** Width of a bar in percent of the largest count (0 stays 0). */
export function barPercent(count: number, largest: number): number {
  return largest <= 0 ? 0 : Math.round((count / largest) * 100);
}
