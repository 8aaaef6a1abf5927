import { FINDING_KIND_LABELS } from '#shared/assessments/analysis.ts';
import type { SheetValue, Workbook } from '../model.ts';
import type { QuestionFact } from './analysis-facts.ts';
import { type AnalysisReportView, failedItem, findingSubject } from './analysis-report.ts';
import {
  highLowByInstrument,
  highLowMarks,
  levelReason,
  missingText,
  orderedIndicators,
  STATUS_LABEL,
} from './analysis-summary.ts';
import { sheetHeading } from './sheet-heading.ts';

const oitResult = (q: QuestionFact) =>
  q.state === 'scored' ? (failedItem(q) ? 'ไม่ผ่าน' : 'ผ่าน') : missingText(q.state);

/**
 * The analysis report's tables as a spreadsheet: one sheet per table, Thai sheet names. A missing score
 * is an empty cell with the reason beside it (not assessed, or no data); a question is its code with
 * its wording where the catalogue knows it.
 */
export function analysisWorkbook(view: AnalysisReportView): Workbook {
  const a = view.analysis;
  const o = a.outcome;
  const facts = view.facts;
  const heading = sheetHeading('ผลการวิเคราะห์การประเมิน ITA', view.header.organizationNameTh, o.fiscalYear);
  const highLow = highLowByInstrument(a);
  const reason = levelReason(a);
  const level = o.level.computedName_th ?? o.level.computed;
  const totalJudgement =
    o.total === null
      ? `${missingText(facts.total)}${reason ? ` (คำนวณไม่ได้: ${reason})` : ''}`
      : (level ?? `ระดับคำนวณไม่ได้${reason ? `: ${reason}` : ''}`);
  const state = {
    instrument: (code: string) => facts.instruments.find((i) => i.code === code)?.state,
    indicator: (n: number) => facts.indicators.find((i) => i.number === n)?.state,
  };
  const indicatorName = (n: number) =>
    `${n}. ${facts.indicators.find((i) => i.number === n)?.name_th ?? ''}`.trim();
  const oitItems = facts.questions.filter((q) => q.instrument === 'OIT');
  const subName = (q: QuestionFact) => {
    const sub = q.subIndicator ? facts.subIndicators.find((s) => s.code === q.subIndicator) : undefined;
    return sub ? `${sub.code} ${sub.name_th}` : indicatorName(q.indicator);
  };
  const recommendationRows: SheetValue[][] = [
    ...facts.otherRecommendations.map((r) => [
      r.scope === 'indicator'
        ? indicatorName(Number(r.code))
        : r.scope === 'sub_indicator'
          ? `ตัวชี้วัดย่อยที่ ${r.code}`
          : 'ภาพรวม',
      r.scope === 'total' ? 'ITA' : r.code,
      r.scope === 'instrument'
        ? (facts.instruments.find((i) => i.code === r.code)?.name_th ?? '')
        : r.scope === 'sub_indicator'
          ? (facts.subIndicators.find((s) => s.code === r.code)?.name_th ?? '')
          : r.scope === 'total'
            ? 'คะแนนรวม'
            : 'ทั้งตัวชี้วัด',
      r.text,
    ]),
    ...facts.questions
      .filter((q) => q.recommendation)
      .map((q) => [indicatorName(q.indicator), q.displayCode, q.wording ?? '', q.recommendation]),
  ];
  return {
    title: `ผลการวิเคราะห์การประเมิน ITA ${o.fiscalYear}`,
    sheets: [
      {
        name: 'ผลการประเมิน',
        heading,
        columns: [
          { header: 'ระดับ', width: 10, type: 'text' },
          { header: 'รหัส', width: 8, type: 'text' },
          { header: 'ชื่อ', width: 50, type: 'text' },
          { header: 'คะแนน', width: 10, type: 'decimal' },
          { header: 'ผลการพิจารณา', width: 30, type: 'text' },
          { header: 'สูงสุด/ต่ำสุดในแบบวัด', width: 24, type: 'text' },
          { header: 'ปีก่อน', width: 10, type: 'decimal' },
          { header: 'เปลี่ยนแปลง', width: 12, type: 'decimal' },
        ],
        rows: [
          ['รวม', 'ITA', 'คะแนนรวม', o.total, totalJudgement, '', null, null],
          ...o.instruments.map((i) => [
            'แบบวัด',
            i.code,
            i.name_th,
            i.score,
            i.score === null ? missingText(state.instrument(i.code)) : '',
            '',
            i.yoy?.previous ?? null,
            i.yoy?.change ?? null,
          ]),
          ...orderedIndicators(a, view.indicatorOrder ?? 'number', facts).map((i) => [
            'ตัวชี้วัด',
            String(i.number),
            i.name_th,
            i.score,
            i.score === null ? missingText(state.indicator(i.number)) : STATUS_LABEL[i.status],
            highLowMarks(highLow, i.number).join(', '),
            i.yoy?.previous ?? null,
            i.yoy?.change ?? null,
          ]),
        ],
      },
      {
        name: 'ประเด็นที่พบ',
        heading,
        columns: [
          { header: 'กลุ่ม', width: 30, type: 'text' },
          { header: 'ข้อ', width: 8, type: 'text' },
          { header: 'ข้อคำถาม/ตัวชี้วัด', width: 50, type: 'text' },
          { header: 'คะแนน', width: 10, type: 'decimal' },
          { header: 'ประเด็น', width: 28, type: 'text' },
          { header: 'ข้อเสนอแนะ', width: 50, type: 'text' },
        ],
        rows: o.groups.flatMap((g) =>
          g.findings.map((f) => [
            g.name_th,
            f.displayCode,
            findingSubject(facts, f),
            f.score,
            FINDING_KIND_LABELS[f.kind].th,
            f.recommendations.join('\n'),
          ]),
        ),
      },
      ...(oitItems.some((q) => q.state !== 'not_entered')
        ? [
            {
              name: 'รายการแบบ OIT',
              heading,
              columns: [
                { header: 'ตัวชี้วัด/ตัวชี้วัดย่อย', width: 30, type: 'text' as const },
                { header: 'ข้อ', width: 8, type: 'text' as const },
                { header: 'รายการ', width: 50, type: 'text' as const },
                { header: 'ผล', width: 14, type: 'text' as const },
                { header: 'เหตุผลของผู้ประเมิน', width: 40, type: 'text' as const },
                { header: 'ข้อเสนอแนะ', width: 50, type: 'text' as const },
              ],
              rows: oitItems.map((q) => [
                subName(q),
                q.displayCode,
                q.wording ?? '',
                oitResult(q),
                q.reason ?? '',
                q.recommendation ?? '',
              ]),
            },
          ]
        : []),
      ...(recommendationRows.length > 0
        ? [
            {
              name: 'ข้อเสนอแนะ ป.ป.ช.',
              heading,
              columns: [
                { header: 'ตัวชี้วัด', width: 30, type: 'text' as const },
                { header: 'ข้อ', width: 8, type: 'text' as const },
                { header: 'ข้อคำถาม/รายการ', width: 50, type: 'text' as const },
                { header: 'ข้อเสนอแนะ', width: 60, type: 'text' as const },
              ],
              rows: recommendationRows,
            },
          ]
        : []),
    ],
  };
}
