import type { AnalysisOutcome, AnalysisSettings, Finding } from '#shared/assessments/analysis.ts';
import type { PreviousMeasures } from '#shared/assessments/previous-measures.ts';
import type { ScoreEntry } from '#shared/assessments/scores.ts';
import type { Edition, EditionGrouping, EditionQuestion } from '#shared/catalogue/edition.schema.ts';
import type { NarrativeTemplates } from '#shared/catalogue/narrative-templates.ts';
import { classify, type Judged, type Verdict } from './classify.ts';
import { deriveFigures } from './derive.ts';
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
  /** Last year's measures that answered this result (closing the loop), read by the service. */
  previousMeasures?: PreviousMeasures | null;
};

type Group = AnalysisOutcome['groups'][number];
type IndicatorStatus = AnalysisOutcome['indicators'][number]['status'];
const sameLevel = (a: string, b: string) =>
  a.replace(/\s+/g, '').toLowerCase() === b.replace(/\s+/g, '').toLowerCase();

/** The analysis of one result: pure, so the same scores and settings always give the same findings. */
export function analyse(input: AnalysisInput): AnalysisOutcome {
  const { edition, settings } = input;
  const index = new ScoreIndex(edition, input.scores);
  const figures = deriveFigures(edition, index);
  const previous: PreviousResult | null = input.previous
    ? {
        fiscalYear: input.previous.fiscalYear,
        index: new ScoreIndex(input.previous.edition, input.previous.scores),
      }
    : null;
  const previousFigures = previous ? deriveFigures(previous.index.edition, previous.index) : null;
  const warnings: AnalysisOutcome['warnings'] = [];
  const indicatorOf = (n: number) => edition.indicators.find((i) => i.number === n)!;

  const instruments = edition.instruments.map((i) => {
    const score = figures.instruments.find((f) => f.code === i.code)!.value;
    const before = previousFigures?.instruments.find((f) => f.code === i.code)?.value ?? null;
    const yoy = previous ? yoyOf(score, before, previous.fiscalYear, 'same_code', i.code) : null;
    return { code: i.code, name_th: i.name_th, score, yoy };
  });
  const indicatorScores = new Map(edition.indicators.map((i) => [i.number, index.indicatorScore(i.number)]));
  const total = figures.total.value;

  const computed = figures.level.computed;
  const computedLevel = edition.levels.levels.find((l) => l.code === computed) ?? null;
  const stated = input.statedLevel;
  const statedLevel = stated
    ? edition.levels.levels.find(
        (l) => sameLevel(stated, l.code) || sameLevel(stated, l.name_th) || sameLevel(stated, l.name_en),
      )
    : undefined;
  const mismatch = stated !== null && computedLevel !== null && statedLevel !== computedLevel;
  if (mismatch) {
    warnings.push({
      message_th: `ระดับที่ระบุในเอกสาร (${stated}) ไม่ตรงกับระดับที่คำนวณจากคะแนน (${computedLevel!.name_th}) ระดับที่ระบุเป็นผลอย่างเป็นทางการ`,
      message_en: `The stated level (${stated}) differs from the level computed from the scores (${computedLevel!.name_en}); the stated level is the official one`,
    });
  }
  const differing = [
    ...figures.instruments.map((f) => ({ f, th: `แบบ ${f.code} `, en: f.code })),
    { f: figures.total, th: 'รวม', en: 'total' },
  ].filter((x) => x.f.differs);
  for (const { f, th, en } of differing) {
    const tolerance = figures.rule?.tolerance ?? 0;
    warnings.push({
      message_th: `คะแนน${th}ที่ระบุ (${f.stated!.toFixed(2)}) ต่างจากที่คำนวณได้ตามเกณฑ์ของกรอบการประเมิน (${f.derived!.toFixed(2)}) เกินกว่าการปัดเศษ (±${tolerance}) ควรตรวจสอบคะแนนที่นำเข้า`,
      message_en: `The stated ${en} score (${f.stated!.toFixed(2)}) differs from the one derived by the edition's rule (${f.derived!.toFixed(2)}) by more than rounding (±${tolerance}); check the imported scores`,
    });
  }

  // Every level that has data is judged: the indicators always, the questions and OIT items unless
  // the agency asked for indicators only. Each level against the same thresholds, on its own.
  const indicatorUnits = edition.indicators.flatMap((i) => {
    const score = indicatorScores.get(i.number);
    return score === null || score === undefined
      ? []
      : [{ key: `indicator:${i.number}`, score, indicator: i.number }];
  });
  const indicatorVerdicts = classify(indicatorUnits, settings);
  const judgeQuestions = settings.judge === 'questions' && index.hasQuestionScores();
  const questionUnits = judgeQuestions
    ? edition.questions.flatMap((q) => {
        const score = index.questionScore(q.code);
        return score === null
          ? []
          : [{ key: `question:${q.code}`, score, question: q, indicator: q.indicator }];
      })
    : [];
  const questionVerdicts = classify(questionUnits, settings);
  const statusOf = (n: number): IndicatorStatus => {
    const score = indicatorScores.get(n);
    if (score === null || score === undefined) return 'not_assessed';
    return indicatorVerdicts.get(`indicator:${n}`)?.kind ?? 'ok';
  };

  const findings: Finding[] = [];
  for (const unit of indicatorUnits) {
    const verdict = indicatorVerdicts.get(unit.key);
    if (verdict) findings.push(buildFinding(unit, verdict));
  }
  for (const unit of questionUnits) {
    const verdict = questionVerdicts.get(unit.key);
    if (verdict) findings.push(buildFinding(unit, verdict));
  }

  function buildFinding(
    unit: Judged & { question?: EditionQuestion; indicator: number },
    verdict: Verdict,
  ): Finding {
    const indicator = indicatorOf(unit.indicator);
    const q = unit.question;
    const entry = q ? index.entry('question', q.code) : index.entry('indicator', String(unit.indicator));
    const isOitItem = q?.instrument === 'OIT';
    const indicatorStatus = statusOf(unit.indicator);
    const indicatorScore = indicatorScores.get(unit.indicator) ?? null;
    const indicatorPassed = indicatorStatus === 'ok' || indicatorStatus === 'strength';
    const draft = draftNarrative(input.templates, {
      kind: verdict.kind,
      scope: q ? (isOitItem ? 'oit_item' : 'question') : 'indicator',
      code: q?.display_code ?? String(unit.indicator),
      label: q ? q.text_th?.trim() || null : indicator.name_th,
      // The English wording only beside the Thai one it translates.
      labelEn: q ? (q.text_th?.trim() && q.text_en) || null : indicator.name_en,
      indicatorNumber: indicator.number,
      indicatorName: indicator.name_th,
      indicatorNameEn: indicator.name_en,
      instrument: indicator.instrument,
      score: unit.score,
      threshold: verdict.threshold,
      reason: entry?.reason ?? null,
      indicatorPassedWith: q && indicatorPassed ? indicatorScore : null,
    });
    const recommendations = [entry?.recommendation].filter((r): r is string => !!r);
    if (!q) {
      // The recommendations of questions that are not findings themselves belong to their indicator.
      for (const question of edition.questions.filter((x) => x.indicator === unit.indicator)) {
        if (questionVerdicts.has(`question:${question.code}`)) continue;
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
      label_th: q ? q.text_th?.trim() || null : indicator.name_th,
      instrument: indicator.instrument,
      indicator: indicator.number,
      score: unit.score,
      threshold: verdict.threshold,
      rule: verdict.rule,
      passed: entry?.passed ?? null,
      reason: entry?.reason ?? null,
      recommendations,
      yoy,
      parentKey:
        q && indicatorVerdicts.has(`indicator:${unit.indicator}`) ? `indicator:${unit.indicator}` : null,
      indicatorStatus,
      indicatorScore,
      alsoIn: [],
      numbersHash: numbersHash({ kind: verdict.kind, score: unit.score, threshold: verdict.threshold }),
      draftNarrative_th: draft.th,
      draftNarrative_en: draft.en,
    };
  }

  const groups = groupFindings(input, findings);

  const indicators = edition.indicators.map((i) => {
    const score = indicatorScores.get(i.number) ?? null;
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
      status: statusOf(i.number),
      yoy,
      derived: index.derivedIndicators.has(i.number),
    };
  });

  const indicatorExtremes = edition.instruments.flatMap((inst) => {
    const scored = indicators.filter((i) => i.instrument === inst.code && i.score !== null);
    if (scored.length === 0) return [];
    const ref = (i: (typeof scored)[number]) => ({
      number: i.number,
      name_th: i.name_th,
      name_en: i.name_en,
      score: i.score!,
    });
    const min = Math.min(...scored.map((i) => i.score!));
    const max = Math.max(...scored.map((i) => i.score!));
    return [
      {
        instrument: inst.code,
        lowest: scored.filter((i) => i.score === min).map(ref),
        highest: scored.filter((i) => i.score === max).map(ref),
      },
    ];
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

  for (const n of [...index.derivedIndicators].sort((a, b) => a - b)) {
    warnings.push({
      message_th: `คะแนนตัวชี้วัดที่ ${n} คำนวณจากค่าเฉลี่ยของข้อคำถาม เนื่องจากไม่ได้ระบุไว้`,
      message_en: `The score of indicator ${n} is the mean of its questions, because it was not given`,
    });
  }

  return {
    fiscalYear: input.fiscalYear,
    editionFiscalYear: edition.fiscal_year,
    total,
    figures: {
      rule: figures.rule,
      instruments: figures.instruments,
      total: figures.total,
    },
    level: {
      computed,
      computedName_th: computedLevel?.name_th ?? null,
      computedName_en: computedLevel?.name_en ?? null,
      reason: figures.level.reason,
      stated,
      official_th: statedLevel?.name_th ?? stated ?? computedLevel?.name_th ?? null,
      mismatch,
    },
    instruments,
    indicators,
    indicatorExtremes,
    groups,
    failedOitItems,
    yoy,
    judged: questionUnits.length > 0 ? 'questions' : 'indicators',
    previousMeasures: input.previousMeasures ?? null,
    warnings,
  };
}

/**
 * Findings under the groups the agency chose. The 7 issues overlap (indicator 9 belongs to six of
 * them): a finding is listed once, in the first group it belongs to, with the others in `alsoIn`.
 * Within a group the order is by kind then score, each question right after its indicator's finding.
 */
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
  const home = new Map<string, string>();
  const placed = findings.map((f) => {
    const keys = groups.filter((g) => g.includes(f)).map((g) => g.key);
    if (keys[0]) home.set(f.key, keys[0]);
    return { ...f, alsoIn: keys.slice(1) };
  });
  const result = groups.map((g) => ({
    key: g.key,
    name_th: g.name_th,
    name_en: g.name_en,
    findings: nestOrder(placed.filter((f) => home.get(f.key) === g.key)),
  }));
  const ungrouped = placed.filter((f) => !home.has(f.key));
  if (ungrouped.length > 0) {
    result.push({
      key: 'other',
      name_th: 'อื่น ๆ (ไม่อยู่ในกลุ่มใด)',
      name_en: 'Other (in no group)',
      findings: nestOrder(ungrouped),
    });
  }
  return result;

  function nestOrder(list: Finding[]): Finding[] {
    const inList = new Set(list.map((f) => f.key));
    const roots = list.filter((f) => !f.parentKey || !inList.has(f.parentKey)).sort(byKind);
    return roots.flatMap((r) => [r, ...list.filter((f) => f.parentKey === r.key).sort(byKind)]);
  }
}
