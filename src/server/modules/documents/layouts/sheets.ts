import { FINDING_KIND_LABELS } from '#shared/assessments/analysis.ts';
import { ISSUE_STANCE_LABELS, MEASURE_KIND_LABELS } from '#shared/plans/contract.ts';
import { formatTimeframe } from '#shared/plans/months.ts';
import type { Workbook } from '../model.ts';
import type { AnalysisReportView } from './analysis-report.ts';
import { STATUS_LABEL } from './analysis-summary.ts';
import type { PlanDocumentView } from './plan-document.ts';
import type { RoundReportView } from './round-report.ts';

/** Spreadsheets of the same views the documents show: one sheet per table, Thai sheet names. */

const headingOf = (title: string, org: string, year: number) => [title, `${org} ประจำปีงบประมาณ พ.ศ. ${year}`];

export function analysisWorkbook(view: AnalysisReportView): Workbook {
  const a = view.analysis;
  const o = a.outcome;
  const heading = headingOf('ผลการวิเคราะห์การประเมิน ITA', view.header.organizationNameTh, o.fiscalYear);
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

export function planWorkbook(view: PlanDocumentView): Workbook {
  const name = (id: string) => view.unitNames[id] ?? id;
  return {
    title: view.content.title,
    sheets: [
      {
        name: 'มาตรการ',
        heading: headingOf(view.content.title, view.header.organizationNameTh, view.header.fiscalYear),
        columns: [
          { header: 'ประเด็น', width: 30, type: 'text' },
          { header: 'สถานะประเด็น', width: 20, type: 'text' },
          { header: 'ประเภท', width: 10, type: 'text' },
          { header: 'มาตรการ/โครงการ/กิจกรรม', width: 36, type: 'text' },
          { header: 'ขั้นตอน/วิธีการปฏิบัติ', width: 50, type: 'text' },
          { header: 'ผู้รับผิดชอบ', width: 24, type: 'text' },
          { header: 'ระยะเวลาดำเนินการ', width: 18, type: 'text' },
          { header: 'การติดตามประเมินผล', width: 30, type: 'text' },
          { header: 'งบประมาณ (บาท)', width: 14, type: 'decimal' },
        ],
        rows: view.content.issues.flatMap((issue) =>
          issue.measures.map((m) => [
            issue.title,
            ISSUE_STANCE_LABELS[issue.stance].th,
            MEASURE_KIND_LABELS[m.kind].th,
            m.title,
            m.steps.map((s, i) => `${i + 1}. ${s.text}`).join('\n'),
            [...m.responsible.unitIds.map(name), ...m.responsible.external].join('\n'),
            m.timeframe ? formatTimeframe(m.timeframe, { digits: 'arabic' }) : '',
            m.monitoring,
            m.budget,
          ]),
        ),
      },
    ],
  };
}

export function roundWorkbook(view: RoundReportView): Workbook {
  return {
    title: `รายงานผลการดำเนินงาน ${view.roundLabel}`,
    sheets: [
      {
        name: `รายงานผล ${view.roundLabel}`.slice(0, 31),
        heading: headingOf(
          `รายงานผลการดำเนินงานตาม${view.planTitle} ${view.roundLabel}`,
          view.header.organizationNameTh,
          view.header.fiscalYear,
        ),
        columns: [
          { header: 'ประเด็น', width: 28, type: 'text' },
          { header: 'มาตรการ/โครงการ/กิจกรรม', width: 32, type: 'text' },
          { header: 'วิธีการดำเนินการ', width: 44, type: 'text' },
          { header: 'ผู้รับผิดชอบ', width: 24, type: 'text' },
          { header: 'ระยะเวลา', width: 16, type: 'text' },
          { header: 'ผลการดำเนินงาน', width: 44, type: 'text' },
          { header: 'สถานะ', width: 18, type: 'text' },
        ],
        rows: view.lines.map((l) => [
          l.issueTitle,
          l.measure,
          l.method.map((s, i) => `${i + 1}. ${s}`).join('\n'),
          l.responsible.join('\n'),
          l.period,
          l.result,
          l.status,
        ]),
      },
    ],
  };
}
