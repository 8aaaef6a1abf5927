import type { AnalysisOutcome, AnalysisSettings, Finding } from '#shared/assessments/analysis.ts';
import type { ScoreEntry } from '#shared/assessments/scores.ts';
import type { Edition, EditionGrouping, EditionQuestion } from '#shared/catalogue/edition.schema.ts';
import { evaluateLevel } from '#shared/catalogue/level.ts';
import type { NarrativeTemplates } from '#shared/catalogue/narrative-templates.ts';
import { classify, type Judged, type Verdict } from './classify.ts';
import { draftNarrative, numbersHash } from './narratives.ts';
import { ScoreIndex } from './score-index.ts';
import { type PreviousResult, questionYoy, type Yoy, yoyOf } from './year-over-year.ts';

export type AnalysisInput = {
  fiscalYear: number;
  edition: Edition;
  /** The edition's groupings with those it reuses resolved. */
  groupings: readonly EditionGrouping[];
  scores: readonly ScoreEntry[];
  statedLevel: string | null;
  previous: { fiscalYear: number; edition: Edition; scores: readonly ScoreEntry[] } | null;
  settings: AnalysisSettings;
  templates: NarrativeTemplates;
};

type Group = AnalysisOutcome['groups'][number];
const sameLevel = (a: string, b: string) =>
  a.replace(/\s+/g, '').toLowerCase() === b.replace(/\s+/g, '').toLowerCase();

/** The analysis of one result: pure, so the same scores and settings always give the same findings. */
export function analyse(input: AnalysisInput): AnalysisOutcome {
  const { edition, settings } = input;
  const index = new ScoreIndex(edition, input.scores);
  const previous: PreviousResult | null = input.previous
    ? {
        fiscalYear: input.previous.fiscalYear,
        index: new ScoreIndex(input.previous.edition, input.previous.scores),
      }
    : null;
  const warnings: AnalysisOutcome['warnings'] = [];
  const indicatorOf = (n: number) => edition.indicators.find((i) => i.number === n)!;

  const instruments = edition.instruments.map((i) => {
    const score = index.instrumentScore(i.code);
    const yoy = previous
      ? yoyOf(score, previous.index.instrumentScore(i.code), previous.fiscalYear, 'same_code', i.code)
      : null;
    return { code: i.code, name_th: i.name_th, score, yoy };
  });
  const indicatorScores = new Map(edition.indicators.map((i) => [i.number, index.indicatorScore(i.number)]));
  const total = index.total();

  const byInstrument = Object.fromEntries(
    instruments.filter((i) => i.score !== null).map((i) => [i.code, i.score!]),
  );
  const computed = total === null ? null : evaluateLevel(edition, { total, byInstrument });
  const computedLevel = edition.levels.levels.find((l) => l.code === computed) ?? null;
  const stated = input.statedLevel;
  const mismatch =
    stated !== null &&
    computedLevel !== null &&
    !sameLevel(stated, computedLevel.code) &&
    !sameLevel(stated, computedLevel.name_th) &&
    !sameLevel(stated, computedLevel.name_en);
  if (mismatch) {
    warnings.push({
      message_th: `ระดับที่ระบุในเอกสาร (${stated}) ไม่ตรงกับระดับที่คำนวณจากคะแนน (${computedLevel!.name_th})`,
      message_en: `The stated level (${stated}) differs from the level computed from the scores (${computedLevel!.name_en})`,
    });
  }

  // What is judged: questions when the result has them (and the agency wants them), else indicators.
  const judgeQuestions = settings.judge === 'questions' && index.hasQuestionScores();
  const units: (Judged & { question?: EditionQuestion; indicator: number })[] = judgeQuestions
    ? edition.questions.flatMap((q) => {
        const score = index.questionScore(q.code);
        return score === null
          ? []
          : [{ key: `question:${q.code}`, score, question: q, indicator: q.indicator }];
      })
    : edition.indicators.flatMap((i) => {
        const score = indicatorScores.get(i.number);
        return score === null || score === undefined
          ? []
          : [{ key: `indicator:${i.number}`, score, indicator: i.number }];
      });
  const verdicts = classify(units, settings);
  const indicatorVerdicts = judgeQuestions
    ? classify(
        edition.indicators.flatMap((i) => {
          const score = indicatorScores.get(i.number);
          return score === null || score === undefined ? [] : [{ key: `indicator:${i.number}`, score }];
        }),
        settings,
      )
    : verdicts;

  const findings = new Map<string, Finding>();
  for (const unit of units) {
    const verdict = verdicts.get(unit.key);
    if (verdict) findings.set(unit.key, buildFinding(unit, verdict));
  }

  function buildFinding(unit: (typeof units)[number], verdict: Verdict): Finding {
    const indicator = indicatorOf(unit.indicator);
    const q = unit.question;
    const entry = q ? index.entry('question', q.code) : index.entry('indicator', String(unit.indicator));
    const isOitItem = q?.instrument === 'OIT';
    const label = q ? (q.text_th ?? q.display_code) : indicator.name_th;
    const facts = {
      kind: verdict.kind,
      scope: q ? (isOitItem ? ('oit_item' as const) : ('question' as const)) : ('indicator' as const),
      code: q?.display_code ?? String(unit.indicator),
      label,
      indicatorNumber: indicator.number,
      indicatorName: indicator.name_th,
      instrument: indicator.instrument,
      score: unit.score,
      threshold: verdict.threshold,
      reason: entry?.reason ?? null,
    };
    const draft = draftNarrative(input.templates, facts);
    const recommendations = [entry?.recommendation].filter((r): r is string => !!r);
    if (!q) {
      for (const question of edition.questions.filter((x) => x.indicator === unit.indicator)) {
        const r = index.entry('question', question.code)?.recommendation;
        if (r) recommendations.push(r);
      }
    }
    let yoy: Yoy | null = null;
    if (previous) {
      yoy = q
        ? questionYoy(q, unit.score, edition, previous)
        : yoyOf(
            unit.score,
            previous.index.indicatorScore(unit.indicator),
            previous.fiscalYear,
            'indicator_number',
            String(unit.indicator),
          );
    }
    return {
      key: unit.key,
      kind: verdict.kind,
      scope: q ? 'question' : 'indicator',
      code: q?.code ?? String(unit.indicator),
      displayCode: q?.display_code ?? String(unit.indicator),
      label_th: q ? q.text_th : indicator.name_th,
      instrument: indicator.instrument,
      indicator: indicator.number,
      score: unit.score,
      threshold: verdict.threshold,
      rule: verdict.rule,
      passed: entry?.passed ?? null,
      reason: entry?.reason ?? null,
      recommendations,
      yoy,
      numbersHash: numbersHash({ kind: verdict.kind, score: unit.score, threshold: verdict.threshold }),
      draftNarrative_th: draft.th,
      draftNarrative_en: draft.en,
    };
  }

  const groups = groupFindings(input, [...findings.values()]);

  const indicators = edition.indicators.map((i) => {
    const score = indicatorScores.get(i.number) ?? null;
    const verdict = indicatorVerdicts.get(`indicator:${i.number}`);
    const status = score === null ? ('not_assessed' as const) : (verdict?.kind ?? ('ok' as const));
    const yoy = previous
      ? yoyOf(
          score,
          previous.index.indicatorScore(i.number),
          previous.fiscalYear,
          'indicator_number',
          String(i.number),
        )
      : null;
    return {
      number: i.number,
      name_th: i.name_th,
      name_en: i.name_en,
      instrument: i.instrument,
      score,
      status,
      yoy,
    };
  });

  const lowestIndicatorByInstrument = edition.instruments.flatMap((inst) => {
    const scored = indicators.filter((i) => i.instrument === inst.code && i.score !== null);
    if (scored.length === 0) return [];
    const lowest = scored.reduce((a, b) => (b.score! < a.score! ? b : a));
    return [{ instrument: inst.code, number: lowest.number, name_th: lowest.name_th, score: lowest.score! }];
  });

  const failedOitItems = edition.questions
    .filter((q) => q.instrument === 'OIT')
    .flatMap((q) => {
      const e = index.entry('question', q.code);
      const failed = e && (e.passed === false || e.score === 0);
      return failed
        ? [
            {
              code: q.code,
              displayCode: q.display_code,
              label_th: q.text_th,
              reason: e.reason,
              recommendation: e.recommendation,
            },
          ]
        : [];
    });

  const yoy = previous
    ? {
        previousFiscalYear: previous.fiscalYear,
        rows: [
          ...instruments.map((i) => ({
            scope: 'instrument' as const,
            code: i.code,
            label_th: i.name_th,
            current: i.score,
            yoy: i.yoy!,
          })),
          ...indicators.map((i) => ({
            scope: 'indicator' as const,
            code: String(i.number),
            label_th: i.name_th,
            current: i.score,
            yoy: i.yoy!,
          })),
          ...edition.questions.flatMap((q) => {
            const current = index.questionScore(q.code);
            return current === null
              ? []
              : [
                  {
                    scope: 'question' as const,
                    code: q.code,
                    label_th: q.text_th,
                    current,
                    yoy: questionYoy(q, current, edition, previous),
                  },
                ];
          }),
        ],
      }
    : null;

  for (const derived of index.derived) {
    warnings.push({
      message_th: `คะแนน ${derived} คำนวณจากคะแนนย่อยเนื่องจากไม่ได้ระบุไว้`,
      message_en: `The ${derived} score was computed from its parts because it was not given`,
    });
  }

  return {
    fiscalYear: input.fiscalYear,
    editionFiscalYear: edition.fiscal_year,
    total,
    level: {
      computed,
      computedName_th: computedLevel?.name_th ?? null,
      computedName_en: computedLevel?.name_en ?? null,
      stated,
      mismatch,
    },
    instruments,
    indicators,
    lowestIndicatorByInstrument,
    groups,
    failedOitItems,
    yoy,
    judged: judgeQuestions ? 'questions' : 'indicators',
    warnings,
  };
}

/** Findings under the groups the agency chose; a finding may stand in several groups (the 7 issues overlap). */
function groupFindings(input: AnalysisInput, findings: Finding[]): Group[] {
  const { edition, settings } = input;
  const byKind = (a: Finding, b: Finding) =>
    ['urgent', 'develop', 'strength'].indexOf(a.kind) - ['urgent', 'develop', 'strength'].indexOf(b.kind) ||
    a.score - b.score;
  let groups: { key: string; name_th: string; name_en: string; includes: (f: Finding) => boolean }[];
  const choice = settings.grouping;
  if (choice.kind === 'indicators') {
    groups = edition.indicators.map((i) => ({
      key: `indicator:${i.number}`,
      name_th: `ตัวชี้วัดที่ ${i.number} ${i.name_th}`,
      name_en: `Indicator ${i.number} ${i.name_en}`,
      includes: (f) => f.indicator === i.number,
    }));
  } else {
    const source =
      choice.kind === 'catalogue'
        ? (input.groupings
            .find((g) => g.code === choice.code)
            ?.groups.map((g) => ({
              key: `${choice.code}:${g.no}`,
              name_th: `ประเด็นที่ ${g.no} ${g.name_th}`,
              name_en: `Issue ${g.no} ${g.name_en}`,
              codes: g.questions,
            })) ?? [])
        : choice.groups.map((g, i) => ({
            key: `custom:${i + 1}`,
            name_th: g.name_th,
            name_en: g.name_en ?? g.name_th,
            codes: g.codes.map((c) => c.trim().toLowerCase()),
          }));
    groups = source.map((g) => {
      const codes = new Set(g.codes);
      const indicatorsOfGroup = new Set(
        edition.questions.filter((q) => codes.has(q.code)).map((q) => q.indicator),
      );
      return {
        key: g.key,
        name_th: g.name_th,
        name_en: g.name_en,
        includes: (f: Finding) =>
          f.scope === 'question'
            ? codes.has(f.code)
            : codes.has(f.code) || indicatorsOfGroup.has(f.indicator),
      };
    });
  }
  const result = groups.map((g) => ({
    key: g.key,
    name_th: g.name_th,
    name_en: g.name_en,
    findings: findings.filter(g.includes).sort(byKind),
  }));
  const ungrouped = findings.filter((f) => !groups.some((g) => g.includes(f)));
  if (ungrouped.length > 0) {
    result.push({
      key: 'other',
      name_th: 'อื่น ๆ (ไม่อยู่ในกลุ่มใด)',
      name_en: 'Other (in no group)',
      findings: ungrouped.sort(byKind),
    });
  }
  return result;
}
