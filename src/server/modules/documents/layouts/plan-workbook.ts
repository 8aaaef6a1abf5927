import { ISSUE_STANCE_LABELS, MEASURE_KIND_LABELS } from '#shared/plans/contract.ts';
import { formatTimeframe } from '#shared/plans/months.ts';
import type { Workbook } from '../model.ts';
import type { PlanDocumentView } from './plan-document.ts';
import { sheetHeading } from './sheet-heading.ts';

/** The plan's measures as a spreadsheet. */
export function planWorkbook(view: PlanDocumentView): Workbook {
  const name = (id: string) => view.unitNames[id] ?? id;
  return {
    title: view.content.title,
    sheets: [
      {
        name: 'มาตรการ',
        heading: sheetHeading(view.content.title, view.header.organizationNameTh, view.header.fiscalYear),
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
