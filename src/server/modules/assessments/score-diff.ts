import { type ScoreEntry, scoreKey } from '#shared/assessments/scores.ts';

export type ScoreChange = {
  scope: string;
  code: string;
  kind: 'added' | 'changed' | 'removed';
  before?: number | null;
  after?: number | null;
};

const same = (a: ScoreEntry, b: ScoreEntry) =>
  a.score === b.score &&
  a.passed === b.passed &&
  a.reason === b.reason &&
  a.recommendation === b.recommendation;

/**
 * What saving `incoming` over `existing` changes. `merge` (imports) keeps codes the file does not
 * mention; `replace` (the entry form, which shows every code) removes them.
 */
export function diffScores(
  existing: readonly ScoreEntry[],
  incoming: readonly ScoreEntry[],
  mode: 'merge' | 'replace',
) {
  if (existing.length === 0 && !hasRepeatedCode(incoming)) {
    // Nothing stored (a first import: ~900k scores for a national file): every score is added, in
    // order, with no key string or map per score; what is merged is what came (not copied).
    const changes: ScoreChange[] = incoming.map((next) => ({
      scope: next.scope,
      code: next.code,
      kind: 'added',
      after: next.score,
    }));
    return { changes, unchanged: 0, merged: incoming };
  }
  const before = new Map(existing.map((s) => [scoreKey(s), s]));
  const after = new Map(mode === 'merge' ? before : []);
  for (const s of incoming) after.set(scoreKey(s), s);
  const changes: ScoreChange[] = [];
  let unchanged = 0;
  for (const [key, next] of after) {
    const prev = before.get(key);
    if (!prev) changes.push({ scope: next.scope, code: next.code, kind: 'added', after: next.score });
    else if (!same(prev, next))
      changes.push({
        scope: next.scope,
        code: next.code,
        kind: 'changed',
        before: prev.score,
        after: next.score,
      });
    else unchanged++;
  }
  for (const [key, prev] of before) {
    if (!after.has(key))
      changes.push({ scope: prev.scope, code: prev.code, kind: 'removed', before: prev.score });
  }
  return { changes, unchanged, merged: [...after.values()] as readonly ScoreEntry[] };
}

/** A scope and code given twice (the later value would replace the earlier one). */
function hasRepeatedCode(scores: readonly ScoreEntry[]): boolean {
  const seen = new Map<string, Set<string>>();
  for (const s of scores) {
    let codes = seen.get(s.scope);
    if (!codes) {
      codes = new Set();
      seen.set(s.scope, codes);
    }
    if (codes.has(s.code)) return true;
    codes.add(s.code);
  }
  return false;
}
