import { type AnalysisSettings, FINDING_KIND_LABELS } from '#shared/assessments/analysis.ts';
import type { Analysis } from '#shared/assessments/contract.ts';
import { levelReason as sharedLevelReason } from '#shared/assessments/level-reason.ts';
import type { InstrumentCode } from '#shared/catalogue/edition.schema.ts';
import type { Block, Mark, Row } from '../model.ts';
import type { AnalysisFacts, ScoreState } from './analysis-facts.ts';
import { score } from './common.ts';

type IndicatorStatus = Analysis['outcome']['indicators'][number]['status'];
type IndicatorRow = Analysis['outcome']['indicators'][number];
export type IndicatorOrder = 'number' | 'score';

export const STATUS_MARK: Record<IndicatorStatus, Mark> = {
  urgent: 'urgent',
  develop: 'develop',
  ok: 'ok',
  strength: 'strength',
  not_assessed: 'muted',
};

/**
 * The judgement of an indicator in words. `not_assessed` is the outcome's status for any indicator
 * without a score: whether it was imported as `-` or never entered only the result's entries tell
 * (`missingText`), so the label of that status says only what holds for both.
 */
export const STATUS_LABEL: Record<IndicatorStatus, string> = {
  urgent: FINDING_KIND_LABELS.urgent.th,
  develop: FINDING_KIND_LABELS.develop.th,
  ok: 'ผ่านเกณฑ์',
  strength: FINDING_KIND_LABELS.strength.th,
  not_assessed: 'ไม่มีคะแนน',
};

/** What is written where there is no score: imported as `-`, never entered, or (not known which) no score. */
export const MISSING_LABEL: Record<Exclude<ScoreState, 'scored'> | 'unknown', string> = {
  not_assessed: 'ไม่ได้ประเมิน',
  not_entered: 'ไม่มีข้อมูล',
  unknown: 'ไม่มีคะแนน',
};

/** The words for a missing score of an indicator, an instrument or the total. */
export function missingText(state: ScoreState | undefined): string {
  return state === 'not_assessed' || state === 'not_entered' ? MISSING_LABEL[state] : MISSING_LABEL.unknown;
}

/** A score, or the words for why there is none. */
export const scoreOrMissing = (value: number | null, state: ScoreState | undefined) =>
  value === null ? missingText(state) : score(value);

const indicatorState = (facts: AnalysisFacts | undefined, n: number) =>
  facts?.indicators.find((i) => i.number === n)?.state;

/** "ก, ข และ ค" */
export function thaiList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} และ ${items.at(-1)}`;
}

/** The rule the analysis applied, in words: "ต่ำกว่า 85 คะแนน = จุดอ่อน…". */
export function thresholdLines(s: AnalysisSettings): string[] {
  const lines: string[] = [];
  if (s.urgentBottomN !== null) {
    lines.push(`${s.urgentBottomN} ข้อที่คะแนนต่ำสุด = ${FINDING_KIND_LABELS.urgent.th}`);
  } else {
    lines.push(`ต่ำกว่า ${s.urgentBelow.toFixed(2)} คะแนน = ${FINDING_KIND_LABELS.urgent.th}`);
  }
  if (s.developBelow !== null) {
    lines.push(
      `${s.urgentBelow.toFixed(2)} ถึงต่ำกว่า ${s.developBelow.toFixed(2)} คะแนน = ${FINDING_KIND_LABELS.develop.th}`,
    );
  }
  if (s.strengthAtOrAbove !== null) {
    lines.push(`ตั้งแต่ ${s.strengthAtOrAbove.toFixed(2)} คะแนนขึ้นไป = ${FINDING_KIND_LABELS.strength.th}`);
  } else if (s.strengthTopN !== null) {
    lines.push(`${s.strengthTopN} ข้อที่คะแนนสูงสุด = ${FINDING_KIND_LABELS.strength.th}`);
  }
  return lines;
}

/**
 * Why the total or the level could not be computed, from what the outcome and the entries show
 * ("ไม่มีคะแนนแบบ EIT และ OIT"); null when there is nothing missing to name.
 */
export function levelReason(a: Analysis): string | null {
  return sharedLevelReason(a.outcome)?.th ?? null;
}

/**
 * "ได้คะแนนรวม 87.65 คะแนน อยู่ในระดับ ผ่านดี": the total as the result states it (else as the
 * edition's rule derives it from the instruments or indicators, said so), the level as the result
 * states it (the official one; else computed by the edition's rule), and where neither can be had,
 * which data or rule is missing.
 */
export function totalSentence(a: Analysis): string {
  const o = a.outcome;
  const year = `ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. ${o.fiscalYear}`;
  const computed = o.level.computedName_th ?? o.level.computed;
  const reason = levelReason(a);
  const stated = o.level.stated;
  const total = o.figures.total;
  if (total.value === null) {
    const why = reason ? ` (คำนวณไม่ได้: ${reason})` : '';
    const level = stated ? ` ส่วนรายงานผลการประเมินระบุระดับ ${stated}` : '';
    return `${year} ไม่มีคะแนนรวมในผลที่บันทึกไว้${why}${level} จึงวิเคราะห์จากคะแนนรายตัวชี้วัดและรายข้อ`;
  }
  const derivedOnly = total.stated === null;
  const base = derivedOnly
    ? `${year} ได้คะแนนรวม ${score(total.value)} คะแนน (คำนวณจากคะแนนราย${o.figures.instruments.some((i) => i.stated !== null) ? 'แบบวัด' : 'ตัวชี้วัด'}ตามเกณฑ์ของกรอบการประเมินปี ${o.editionFiscalYear})`
    : `${year} ได้คะแนนรวม ${score(total.value)} คะแนน`;
  if (stated) return `${base} อยู่ในระดับ ${stated}`;
  if (computed) return `${base} ${derivedOnly ? 'ซึ่งตามเกณฑ์ระดับผลการประเมินอยู่ในระดับ' : 'อยู่ในระดับ'} ${computed}`;
  return `${base} ระดับคำนวณไม่ได้${reason ? `: ${reason}` : ''}`;
}

/**
 * A stated figure that the edition's rule does not reproduce from the result's own parts, in words,
 * so that a reader checks it: "คะแนนรวมที่ระบุ (86.52) ต่างจากที่คำนวณได้จากคะแนนรายแบบวัด (84.00)".
 */
export function figureNotes(a: Analysis): string[] {
  const o = a.outcome;
  const notes = o.figures.instruments
    .filter((f) => f.differs)
    .map(
      (f) =>
        `คะแนนแบบ ${f.code} ที่ระบุ (${score(f.stated!)}) ต่างจากค่าเฉลี่ยของคะแนนรายตัวชี้วัด (${score(f.derived!)}) เกินกว่าการปัดเศษ`,
    );
  if (o.figures.total.differs) {
    notes.push(
      `คะแนนรวมที่ระบุ (${score(o.figures.total.stated!)}) ต่างจากคะแนนที่คำนวณได้ตามน้ำหนักของแต่ละแบบวัด (${score(o.figures.total.derived!)}) เกินกว่าการปัดเศษ`,
    );
  }
  return notes;
}

/** The highest and the lowest scored indicators of each instrument (ties together); none when unscored. */
export type HighLow = {
  instrument: InstrumentCode;
  highest: IndicatorRow[];
  lowest: IndicatorRow[];
  /** How many indicators of the instrument have a score. */
  scored: number;
};

const cents = (n: number) => Math.round(n * 100);

export function highLowByInstrument(a: Analysis): HighLow[] {
  return a.outcome.instruments.flatMap((inst) => {
    const scored = a.outcome.indicators.filter((i) => i.instrument === inst.code && i.score !== null);
    if (scored.length === 0) return [];
    const values = scored.map((i) => cents(i.score!));
    const max = Math.max(...values);
    const min = Math.min(...values);
    return [
      {
        instrument: inst.code,
        highest: scored.filter((i) => cents(i.score!) === max),
        lowest: scored.filter((i) => cents(i.score!) === min),
        scored: scored.length,
      },
    ];
  });
}

const indicatorName = (i: { number: number; name_th: string }) => `ตัวชี้วัดที่ ${i.number} ${i.name_th}`;
const named = (rows: IndicatorRow[]) => `${thaiList(rows.map(indicatorName))} (${score(rows[0]!.score)})`;

/** Per instrument, in words: "ตัวชี้วัดที่ได้คะแนนสูงสุดของแบบ IIT คือ … (98.50) ต่ำสุดคือ … (72.30)". */
export function highLowSentences(a: Analysis): string[] {
  const scoredInstruments = new Set<string>();
  const lines = highLowByInstrument(a).map((h) => {
    scoredInstruments.add(h.instrument);
    if (h.scored === 1) return `แบบ ${h.instrument} มีคะแนนตัวชี้วัดเดียว คือ ${named(h.highest)}`;
    if (h.highest.length === h.scored && h.lowest.length === h.scored) {
      return `ตัวชี้วัดของแบบ ${h.instrument} ได้คะแนนเท่ากันทุกตัวชี้วัด (${score(h.highest[0]!.score)})`;
    }
    return `ตัวชี้วัดที่ได้คะแนนสูงสุดของแบบ ${h.instrument} คือ ${named(h.highest)} ต่ำสุดคือ ${named(h.lowest)}`;
  });
  const without = a.outcome.instruments.filter(
    (i) => !scoredInstruments.has(i.code) && a.outcome.indicators.some((x) => x.instrument === i.code),
  );
  if (without.length > 0) lines.push(`แบบ ${thaiList(without.map((i) => i.code))} ไม่มีคะแนนรายตัวชี้วัด`);
  return lines;
}

/** The indicators in the order the agency chose: by number, or by score (highest first, unscored last). */
export function orderedIndicators(a: Analysis, order: IndicatorOrder = 'number', facts?: AnalysisFacts) {
  const rows = [...a.outcome.indicators];
  if (order === 'number') return rows.sort((x, y) => x.number - y.number);
  const missingRank = (i: IndicatorRow) => (indicatorState(facts, i.number) === 'not_entered' ? 2 : 1);
  return rows.sort((x, y) => {
    if (x.score !== null && y.score !== null) return y.score - x.score || x.number - y.number;
    if (x.score !== null) return -1;
    if (y.score !== null) return 1;
    return missingRank(x) - missingRank(y) || x.number - y.number;
  });
}

/** "คะแนนสูงสุดของแบบ IIT" / "คะแนนต่ำสุดของแบบ IIT" for the indicator, if it is either. */
export function highLowMarks(highLow: HighLow[], number: number): string[] {
  const h = highLow.flatMap((x) => (x.scored > 1 && x.highest.length < x.scored ? [x] : []));
  return h.flatMap((x) => [
    ...(x.highest.some((i) => i.number === number) ? [`คะแนนสูงสุดของแบบ ${x.instrument}`] : []),
    ...(x.lowest.some((i) => i.number === number) ? [`คะแนนต่ำสุดของแบบ ${x.instrument}`] : []),
  ]);
}

/**
 * The indicators table with each score judged against the analysis' thresholds, the highest and lowest
 * of each instrument named, and a missing score said for what it is (not assessed, or no data).
 */
export function indicatorTable(a: Analysis, facts?: AnalysisFacts, order: IndicatorOrder = 'number'): Block {
  const highLow = highLowByInstrument(a);
  const rows = orderedIndicators(a, order, facts).map((ind): Row => {
    const name = { lines: [`${ind.number}. ${ind.name_th}`] };
    const instrument = { lines: [ind.instrument], align: 'center' as const };
    if (ind.score === null) {
      return {
        kind: 'cells',
        cells: [
          name,
          instrument,
          { lines: [missingText(indicatorState(facts, ind.number))], colSpan: 2, mark: 'muted' },
        ],
      };
    }
    return {
      kind: 'cells',
      cells: [
        name,
        instrument,
        { lines: [score(ind.score)], align: 'right', mark: STATUS_MARK[ind.status] },
        {
          lines: [STATUS_LABEL[ind.status], ...highLowMarks(highLow, ind.number)],
          mark: STATUS_MARK[ind.status],
        },
      ],
    };
  });
  return {
    kind: 'table',
    caption: order === 'score' ? 'คะแนนรายตัวชี้วัด (เรียงตามคะแนนจากมากไปน้อย)' : 'คะแนนรายตัวชี้วัด',
    columns: [
      { header: 'ตัวชี้วัด', width: 46 },
      { header: 'แบบวัด', width: 10, align: 'center' },
      { header: 'คะแนน', width: 12, align: 'right' },
      { header: 'ผลการพิจารณา', width: 32 },
    ],
    rows,
    emptyText: 'ไม่มีคะแนนรายตัวชี้วัด',
  };
}

/** The part of an analysis a plan rests on: total and level, the rule, the indicators. */
export function analysisSummaryBlocks(a: Analysis, facts?: AnalysisFacts): Block[] {
  return [
    { kind: 'paragraph', text: totalSentence(a), indent: true },
    { kind: 'paragraph', text: `เกณฑ์ที่ใช้วิเคราะห์: ${thresholdLines(a.settings).join(' · ')}`, indent: true },
    indicatorTable(a, facts),
  ];
}
