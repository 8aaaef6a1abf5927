import type { Analysis } from '#shared/assessments/contract.ts';
import type { PreviousMeasures } from '#shared/assessments/previous-measures.ts';
import { PROGRESS_LABELS } from '#shared/progress/contract.ts';
import type { Block, Inline, Row } from '../model.ts';
import type { AnalysisFacts } from './analysis-facts.ts';
import { scoreOrMissing } from './analysis-summary.ts';
import { score } from './common.ts';

type PreviousRow = PreviousMeasures['rows'][number];
type PreviousMeasure = PreviousRow['measures'][number];

export const PREVIOUS_MEASURES_CAPTION = 'มาตรการปีที่แล้ว → ผล → คะแนนเปลี่ยน';

const signed = (value: number | null) =>
  value === null ? '-' : `${value > 0 ? '+' : ''}${value.toFixed(2)}`;

/** "ดำเนินการแล้วเสร็จ", "อยู่ระหว่างดำเนินการ ร้อยละ 60", or that no round reported on it. */
function statusText(m: PreviousMeasure): string {
  if (m.progress === null) return 'ไม่มีรายงานผล';
  const label = PROGRESS_LABELS[m.progress].th;
  return m.progress === 'in_progress' && m.percent !== null ? `${label} ร้อยละ ${m.percent}` : label;
}

/** What a row is about: the indicator with its name, or the question's code with its wording (else its indicator). */
function subject(row: PreviousRow, facts: AnalysisFacts): Inline {
  const indicatorName = (n: number | null | undefined) => {
    const i = n === null || n === undefined ? undefined : facts.indicators.find((x) => x.number === n);
    return i ? `ตัวชี้วัดที่ ${i.number} ${i.name_th}` : null;
  };
  if (row.scope === 'indicator')
    return indicatorName(Number(row.code)) ?? `ตัวชี้วัดที่ ${row.code} ${row.label_th ?? ''}`.trim();
  const q = facts.questions.find((x) => x.code === row.code);
  const code = row.displayCode ?? q?.displayCode ?? row.code;
  const wording = row.label_th?.trim() || q?.wording?.trim();
  if (wording) return [{ text: code, bold: true }, { text: ` ${wording}` }];
  const of = indicatorName(row.indicator ?? q?.indicator);
  return [{ text: code, bold: true }, ...(of ? [{ text: ` (ข้อคำถามของ${of})` }] : [])];
}

/** The state of this year's score where there is none: not assessed ("-" imported) or no data. */
function currentText(row: PreviousRow, facts: AnalysisFacts): string {
  const state =
    row.scope === 'indicator'
      ? facts.indicators.find((i) => String(i.number) === row.code)?.state
      : facts.questions.find((q) => q.code === row.code)?.state;
  return scoreOrMissing(row.current, state);
}

/**
 * Closing the loop in the analysis report: last year's measures beside the indicators and questions
 * they answered, what the last follow-up round reported, and the score before and now — one table
 * under the year-over-year comparison, said only when there is something to show.
 */
export function previousMeasuresBlocks(a: Analysis, facts: AnalysisFacts): Block[] {
  const pm = a.outcome.previousMeasures;
  if (!pm || pm.rows.length === 0) return [];
  const round = pm.lastRound?.label_th;
  // The round's name in the column header ("รอบ 12 เดือน"); its months are said in the paragraph above.
  const roundName = round?.replace(/\s*\([^)]*\)\s*$/, '').trim();
  const since = pm.previousFiscalYear ? `จากปี ${pm.previousFiscalYear}` : 'จากปีก่อน';
  const intro =
    `มาตรการตามแผนมาตรการประจำปีงบประมาณ พ.ศ. ${pm.planFiscalYear} ที่ตอบตัวชี้วัดและข้อคำถามแต่ละข้อ ` +
    (round ? `ผลการดำเนินงานตามที่รายงาน ณ ${round} ` : 'ซึ่งยังไม่มีการรายงานผลการดำเนินงาน ') +
    `และคะแนนที่เปลี่ยนแปลง${since} มีดังนี้`;
  const rows: Row[] = pm.rows.map((row) => ({
    kind: 'cells',
    cells: [
      { lines: [subject(row, facts)] },
      { lines: row.measures.map((m) => `${m.number} ${m.title}`) },
      {
        lines: row.measures.map((m) =>
          row.measures.length > 1 ? `${m.number} ${statusText(m)}` : statusText(m),
        ),
      },
      { lines: [row.previous === null ? 'ไม่มีข้อเทียบ' : score(row.previous)], align: 'right' },
      { lines: [currentText(row, facts)], align: 'right' },
      { lines: [signed(row.change)], align: 'right' },
    ],
  }));
  return [
    { kind: 'paragraph', text: intro, indent: true, align: 'justify' },
    {
      kind: 'table',
      caption: PREVIOUS_MEASURES_CAPTION,
      columns: [
        // Headers break at their spaces only: each column is wide enough for its longest word.
        { header: 'ตัวชี้วัด/ข้อคำถาม', width: 22 },
        { header: 'มาตรการ', width: 20 },
        { header: roundName ? `ผลการดำเนินงาน ณ ${roundName}` : 'ผลการดำเนินงาน', width: 21 },
        { header: 'คะแนน ปีก่อน', width: 11, align: 'right' },
        { header: 'คะแนน ปีนี้', width: 11, align: 'right' },
        { header: 'เปลี่ยนแปลง', width: 15, align: 'right' },
      ],
      rows,
      emptyText: 'ไม่มีมาตรการของปีที่แล้วที่ตอบผลการประเมินนี้',
    },
  ];
}
