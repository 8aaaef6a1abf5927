import type { Workbook } from '../model.ts';
import type { RoundReportView } from './round-report.ts';
import { sheetHeading } from './sheet-heading.ts';

/** The round report's tables as a spreadsheet. */
export function roundWorkbook(view: RoundReportView): Workbook {
  return {
    title: `รายงานผลการดำเนินงาน ${view.roundLabel}`,
    sheets: [
      {
        name: `รายงานผล ${view.roundLabel}`.slice(0, 31),
        heading: sheetHeading(
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
