import { FINDING_KIND_LABELS } from '#shared/assessments/analysis.ts';
import type { Workbook } from '../model.ts';
import type { AnalysisReportView } from './analysis-report.ts';
import { STATUS_LABEL } from './analysis-summary.ts';
import { sheetHeading } from './sheet-heading.ts';

/** The analysis report's tables as a spreadsheet: one sheet per table, Thai sheet names. */
export function analysisWorkbook(view: AnalysisReportView): Workbook {
  const a = view.analysis;
  const o = a.outcome;
  const heading = sheetHeading('ผลการวิเคราะห์การประเมิน ITA', view.header.organizationNameTh, o.fiscalYear);
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
          { header: 'ปีก่อน', width: 10, type: 'decimal' },
          { header: 'เปลี่ยนแปลง', width: 12, type: 'decimal' },
        ],
        rows: [
          ['รวม', 'ITA', 'คะแนนรวม', o.total, o.level.computedName_th ?? o.level.computed ?? '', null, null],
          ...o.instruments.map((i) => [
            'แบบวัด',
            i.code,
            i.name_th,
            i.score,
            '',
            i.yoy?.previous ?? null,
            i.yoy?.change ?? null,
          ]),
          ...o.indicators.map((i) => [
            'ตัวชี้วัด',
            String(i.number),
            i.name_th,
            i.score,
            STATUS_LABEL[i.status],
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
            f.label_th ?? f.code,
            f.score,
            FINDING_KIND_LABELS[f.kind].th,
            f.recommendations.join('\n'),
          ]),
        ),
      },
    ],
  };
}
