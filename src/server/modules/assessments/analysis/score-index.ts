import type { ScoreEntry, ScoreScope } from '#shared/assessments/scores.ts';
import type { Edition, InstrumentCode } from '#shared/catalogue/edition.schema.ts';

/** Scores of one result, looked up by scope and code, with the derivations NACC itself makes. */
export class ScoreIndex {
  /** By scope, then code (no key string made per lookup: an analysis looks up ~100 a result). */
  private readonly map = new Map<string, Map<string, ScoreEntry>>();
  /** Indicators whose score was derived from their questions because it was not given. */
  readonly derivedIndicators = new Set<number>();

  constructor(
    readonly edition: Edition,
    scores: readonly ScoreEntry[],
  ) {
    for (const s of scores) {
      let byCode = this.map.get(s.scope);
      if (!byCode) {
        byCode = new Map();
        this.map.set(s.scope, byCode);
      }
      byCode.set(s.code, s);
    }
  }

  entry(scope: ScoreScope, code: string): ScoreEntry | undefined {
    return this.map.get(scope)?.get(code);
  }

  /** An OIT item's score: its number if given, else 100/0 from passed/failed. */
  questionScore(code: string): number | null {
    const e = this.entry('question', code);
    if (!e) return null;
    if (e.score !== null) return e.score;
    if (e.passed !== null) return e.passed ? 100 : 0;
    return null;
  }

  hasQuestionScores(): boolean {
    return this.edition.questions.some((q) => this.questionScore(q.code) !== null);
  }

  /**
   * An indicator's score as given; when it is missing and every question of an IIT/EIT indicator is
   * scored, their mean (how NACC computes it), recorded in `derivedIndicators`.
   */
  indicatorScore(number: number): number | null {
    const given = this.entry('indicator', String(number))?.score;
    if (given !== undefined && given !== null) return given;
    const indicator = this.edition.indicators.find((i) => i.number === number);
    if (!indicator || indicator.instrument === 'OIT') return null;
    const scores = this.edition.questions
      .filter((q) => q.indicator === number)
      .map((q) => this.questionScore(q.code));
    if (scores.length === 0 || scores.some((s) => s === null)) return null;
    this.derivedIndicators.add(number);
    return round2((scores as number[]).reduce((a, b) => a + b, 0) / scores.length);
  }

  /** An instrument's score as the result states it (derivations: `derive.ts`). */
  instrumentScore(code: InstrumentCode): number | null {
    return this.entry('instrument', code)?.score ?? null;
  }

  /** The total as the result states it (derivations: `derive.ts`). */
  total(): number | null {
    return this.entry('total', 'ITA')?.score ?? null;
  }
}

export const round2 = (n: number) => Math.round(n * 100) / 100;
