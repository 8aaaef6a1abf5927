/** A figure's goal: at most or at least this value. */
export type Goal = { atMost: number } | { atLeast: number };

/**
 * One figure: printed by bench/run.ts as `name value unit` on its own line of stdout, followed by
 * `goal ≤ limit met|MISSED` when it has a goal.
 */
export type Report = (name: string, value: number, unit: string, goal?: Goal) => void;

/** `goal ≤ 1.5 met` / `goal ≥ 0.5 MISSED`. */
export function describeGoal(value: number, goal: Goal): string {
  const [sign, limit, met] =
    'atMost' in goal ? ['≤', goal.atMost, value <= goal.atMost] : ['≥', goal.atLeast, value >= goal.atLeast];
  return `goal ${sign} ${limit} ${met ? 'met' : 'MISSED'}`;
}

export type BenchContext = {
  /** Repetitions per case (`--runs=N`, default 3): report the median. */
  runs: number;
  report: Report;
  /** Progress for the reader, on stderr so that stdout holds figures only. */
  log: (message: string) => void;
};

/** A `bench/*.bench.ts` file's default export. */
export type Bench = { name: string; run(context: BenchContext): Promise<void> };

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
