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
  if (existing.length === 0) {
    // Nothing stored (a first import: ~900k scores for a national file): every score is added, in
    // order, with no key string or map per score; what is merged is what came (not copied).
    const changes = addedChangesOf(incoming);
    if (changes) return { changes, unchanged: 0, merged: incoming };
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

/**
 * "Added" changes by scope, code and score, made once and frozen: a national file repeats the same
 * change ("o1 added 100") thousands of times, and its preview holds ~900k of them. A change is a
 * value: read (shown, written as JSON), never changed. Bounded: emptied past `MAX_SHARED_CHANGES`.
 */
const addedChanges = new Map<string, Map<string, Map<number | null, ScoreChange>>>();
let sharedChanges = 0;
const MAX_SHARED_CHANGES = 200_000;

/**
 * The scopes and codes of the last list, in order, known to hold no code twice, with each one's
 * changes by score. A file gives every organisation the same columns: the next list matches it
 * position by position and needs neither the check for repeats nor a lookup by scope and code.
 */
let known: { scope: string; code: string; byScore: Map<number | null, ScoreChange> }[] = [];

/** Every score of `incoming` as an added change; null when a scope and code repeat. */
function addedChangesOf(incoming: readonly ScoreEntry[]): ScoreChange[] | null {
  if (sharedChanges >= MAX_SHARED_CHANGES) {
    addedChanges.clear();
    sharedChanges = 0;
    known = [];
  }
  let same = incoming.length === known.length;
  for (let i = 0; same && i < incoming.length; i++) {
    const s = incoming[i]!;
    const slot = known[i]!;
    same = slot.scope === s.scope && slot.code === s.code;
  }
  if (!same) {
    if (hasRepeatedCode(incoming)) return null;
    known = incoming.map((s) => ({ scope: s.scope, code: s.code, byScore: changesByScore(s.scope, s.code) }));
  }
  const changes: ScoreChange[] = new Array(incoming.length);
  for (let i = 0; i < incoming.length; i++) {
    const s = incoming[i]!;
    changes[i] = addedChange(known[i]!.byScore, s.scope, s.code, s.score);
  }
  return changes;
}

function changesByScore(scope: string, code: string): Map<number | null, ScoreChange> {
  let byCode = addedChanges.get(scope);
  if (!byCode) {
    byCode = new Map();
    addedChanges.set(scope, byCode);
  }
  let byScore = byCode.get(code);
  if (!byScore) {
    byScore = new Map();
    byCode.set(code, byScore);
  }
  return byScore;
}

function addedChange(
  byScore: Map<number | null, ScoreChange>,
  scope: string,
  code: string,
  after: number | null,
): ScoreChange {
  if (Object.is(after, -0)) return { scope, code, kind: 'added', after };
  let change = byScore.get(after);
  if (!change) {
    change = Object.freeze({ scope, code, kind: 'added' as const, after });
    byScore.set(after, change);
    sharedChanges++;
  }
  return change;
}
