import { ISSUE_STANCE_LABELS, MEASURE_KIND_LABELS } from '#shared/plans/contract.ts';
import type { Workbook } from '../model.ts';
import type { PlanDocumentView } from './plan-document.ts';
import {
  issueLabel,
  measureNumber,
  planTitle,
  pointIndexes,
  pointLabel,
  responsibleOf,
  timeframesOf,
} from './plan-parts.ts';

/** Lines of one cell (line feeds: the sheet wraps them), or an empty cell. */
const lines = (values: string[]) => (values.length > 0 ? values.join('\n') : null);
const text = (value: string) => (value.trim() === '' ? null : value.trim());

/**
 * The plan as a spreadsheet: its measures numbered as in the document ("(2.1)"), with the points each
 * answers, steps, units one a line and months; then its issues with their description and points.
 */
export function planWorkbook(view: PlanDocumentView): Workbook {
  const { content, header } = view;
  const title = planTitle(content.title, header.fiscalYear);
  const heading = [title, header.organizationNameTh];
  return {
    title,
    sheets: [
      {
        name: 'มาตรการ',
        heading,
        columns: [
          { header: 'ที่', width: 8, type: 'text' },
          { header: 'ประเด็น', width: 30, type: 'text' },
          { header: 'ประเภท', width: 10, type: 'text' },
          { header: 'มาตรการ/โครงการ/กิจกรรม', width: 36, type: 'text' },
          { header: 'ประเด็นที่ตอบ', width: 40, type: 'text' },
          { header: 'ขั้นตอน/วิธีการปฏิบัติ', width: 50, type: 'text' },
          { header: 'ผู้รับผิดชอบ', width: 30, type: 'text' },
          { header: 'ระยะเวลาดำเนินการ', width: 18, type: 'text' },
          { header: 'การติดตามประเมินผล', width: 30, type: 'text' },
          { header: 'เป้าหมาย', width: 24, type: 'text' },
          { header: 'ตัวชี้วัด', width: 24, type: 'text' },
          { header: 'งบประมาณ (บาท)', width: 14, type: 'decimal' },
        ],
        rows: content.issues.flatMap((issue, i) =>
          issue.measures.map((m, j) => [
            measureNumber(i, j),
            issueLabel(content, i, issue.title),
            MEASURE_KIND_LABELS[m.kind].th,
            m.title,
            lines(pointIndexes(issue, m).map((k) => pointLabel(k, issue.points[k]!.text))),
            lines(m.steps.map((s, k) => `${k + 1}. ${s.text}`)),
            lines(responsibleOf(m, view.unitNames)),
            lines(timeframesOf(m)),
            text(m.monitoring),
            text(m.target),
            text(m.outputIndicator),
            m.budget,
          ]),
        ),
      },
      {
        name: 'ประเด็น',
        heading,
        columns: [
          { header: 'ประเด็น', width: 36, type: 'text' },
          { header: 'สถานะประเด็น', width: 22, type: 'text' },
          { header: 'คำอธิบาย', width: 60, type: 'text' },
          { header: 'ประเด็นย่อย', width: 60, type: 'text' },
          { header: 'มาตรการ', width: 16, type: 'text' },
        ],
        rows: content.issues.map((issue, i) => [
          issueLabel(content, i, issue.title),
          ISSUE_STANCE_LABELS[issue.stance].th,
          text(issue.description),
          lines(issue.points.map((p, k) => pointLabel(k, p.text))),
          issue.measures.length > 0 ? issue.measures.map((_, j) => measureNumber(i, j)).join(', ') : null,
        ]),
      },
    ],
  };
}
