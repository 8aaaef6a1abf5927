import { type AnalysisSettings, FINDING_KIND_LABELS } from '#shared/assessments/analysis.ts';
import type { Analysis } from '#shared/assessments/contract.ts';
import type { Block, Mark } from '../model.ts';
import { score } from './common.ts';

type IndicatorStatus = Analysis['outcome']['indicators'][number]['status'];

export const STATUS_MARK: Record<IndicatorStatus, Mark> = {
  urgent: 'urgent',
  develop: 'develop',
  ok: 'ok',
  strength: 'strength',
  not_assessed: 'muted',
};

export const STATUS_LABEL: Record<IndicatorStatus, string> = {
  urgent: FINDING_KIND_LABELS.urgent.th,
  develop: FINDING_KIND_LABELS.develop.th,
  ok: 'ผ่านเกณฑ์',
  strength: FINDING_KIND_LABELS.strength.th,
  not_assessed: 'ไม่ได้ประเมิน',
};

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

/** "ได้คะแนน 87.65 คะแนน อยู่ในระดับ A" with the level computed from the edition. */
export function totalSentence(a: Analysis): string {
  const o = a.outcome;
  const level = o.level.computedName_th ?? o.level.computed ?? o.level.stated;
  const year = `ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. ${o.fiscalYear}`;
  if (o.total === null) return `${year} ไม่มีคะแนนรวมในผลที่บันทึกไว้ จึงวิเคราะห์จากคะแนนรายตัวชี้วัดและรายข้อ`;
  const base = `${year} ได้คะแนนรวม ${score(o.total)} คะแนน`;
  return level ? `${base} อยู่ในระดับ ${level}` : base;
}

/** The indicators table with each score judged against the analysis' thresholds. */
export function indicatorTable(a: Analysis): Block {
  return {
    kind: 'table',
    caption: 'คะแนนรายตัวชี้วัด',
    columns: [
      { header: 'ตัวชี้วัด', width: 46 },
      { header: 'แบบวัด', width: 10, align: 'center' },
      { header: 'คะแนน', width: 12, align: 'right' },
      { header: 'ผลการพิจารณา', width: 32 },
    ],
    rows: a.outcome.indicators.map((ind) => ({
      kind: 'cells',
      cells: [
        { lines: [`${ind.number}. ${ind.name_th}`] },
        { lines: [ind.instrument], align: 'center' },
        { lines: [score(ind.score)], align: 'right', mark: STATUS_MARK[ind.status] },
        { lines: [STATUS_LABEL[ind.status]], mark: STATUS_MARK[ind.status] },
      ],
    })),
    emptyText: 'ไม่มีคะแนนรายตัวชี้วัด',
  };
}

/** The part of an analysis a plan rests on: total and level, the rule, the indicators. */
export function analysisSummaryBlocks(a: Analysis): Block[] {
  return [
    { kind: 'paragraph', text: totalSentence(a), indent: true },
    { kind: 'paragraph', text: `เกณฑ์ที่ใช้วิเคราะห์: ${thresholdLines(a.settings).join(' · ')}`, indent: true },
    indicatorTable(a),
  ];
}
