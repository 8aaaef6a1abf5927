import type { Sheet, SheetValue, Workbook } from '../model.ts';
import { longDate } from './common.ts';
import { type EvidenceItem, paperText, type RoundReportView, roundTitle } from './round-report.ts';
import { sheetHeading } from './sheet-heading.ts';

/**
 * The round report as a spreadsheet, every section of it, one sheet each and in the report's order:
 * the summary (counts and percentages), the measures with their results and status, problems,
 * suggestions and evidence. A section with nothing in it says so above its (empty) table, as the
 * report says it in place of the table.
 */
export function roundWorkbook(view: RoundReportView): Workbook {
  const title = roundTitle(view);
  const heading = [
    ...sheetHeading(title, view.header.organizationNameTh, view.header.fiscalYear),
    `ระยะเวลา ${longDate(view.periodStart)} ถึง ${longDate(view.periodEnd)}`,
  ];
  const withNote = (note: string | null) => (note === null ? heading : [...heading, note]);
  return {
    title,
    sheets: [
      summarySheet(view, withNote(view.counts.measures === 0 ? 'แผนฉบับนี้ไม่มีมาตรการให้รายงาน' : null)),
      {
        name: 'ผลการดำเนินงานรายมาตรการ',
        heading: withNote(view.lines.length === 0 ? 'แผนฉบับนี้ไม่มีมาตรการให้รายงาน' : null),
        columns: [
          { header: 'ประเด็น', width: 24, type: 'text' },
          { header: 'มาตรการ/โครงการ/กิจกรรม', width: 30, type: 'text' },
          { header: 'วิธีการดำเนินการ', width: 44, type: 'text' },
          { header: 'ผู้รับผิดชอบ', width: 22, type: 'text' },
          { header: 'ระยะเวลา', width: 16, type: 'text' },
          { header: 'ผลการดำเนินงาน', width: 56, type: 'text' },
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
      voicesSheet('ปัญหา อุปสรรค', view.problems, withNote, 'ไม่มีหน่วยงานรายงานปัญหา อุปสรรค'),
      voicesSheet('ข้อเสนอแนะ', view.suggestions, withNote, 'ไม่มีหน่วยงานให้ข้อเสนอแนะ'),
      {
        name: 'หลักฐานการดำเนินงาน',
        heading: withNote(view.evidence.length === 0 ? 'ไม่มีหลักฐานแนบในรอบนี้' : null),
        columns: [
          { header: 'มาตรการ', width: 30, type: 'text' },
          { header: 'หน่วยงาน', width: 22, type: 'text' },
          { header: 'ประเภท', width: 12, type: 'text' },
          { header: 'หลักฐาน', width: 44, type: 'text' },
          // Kept as written: an address or a file name with Thai digits would not be found.
          { header: 'ที่อยู่เว็บไซต์ (URL) หรือชื่อไฟล์', width: 44, type: 'literal' },
        ],
        rows: view.evidence.flatMap((e) =>
          e.items.map((item): SheetValue[] => [e.measureTitle, e.unitNameTh, ...evidenceCells(item)]),
        ),
      },
    ],
  };
}

function summarySheet(view: RoundReportView, heading: string[]): Sheet {
  const c = view.counts;
  // A fraction, shown as a percentage by the column's format (66.67% of 3 measures is 2).
  const share = (n: number) => (c.measures === 0 ? 0 : n / c.measures);
  const row = (label: string, n: number): SheetValue[] => [label, n, share(n)];
  return {
    name: 'สรุปผลการดำเนินงาน',
    heading,
    columns: [
      { header: 'สถานะ', width: 30, type: 'text' },
      { header: 'จำนวนมาตรการ', width: 16, type: 'integer' },
      { header: 'ร้อยละ', width: 12, type: 'percent' },
    ],
    rows:
      c.measures === 0
        ? []
        : [
            row('ดำเนินการแล้วเสร็จ', c.done),
            row('อยู่ระหว่างดำเนินการ', c.inProgress),
            row('ยังไม่ได้ดำเนินการ', c.notStarted),
            row('ยกเลิก', c.cancelled),
            ['รวม', c.measures, 1],
          ],
  };
}

function voicesSheet(
  name: string,
  items: RoundReportView['problems'],
  withNote: (note: string | null) => string[],
  none: string,
): Sheet {
  return {
    name,
    heading: withNote(items.length === 0 ? none : null),
    columns: [
      { header: 'หน่วยงาน', width: 24, type: 'text' },
      { header: 'มาตรการ', width: 36, type: 'text' },
      { header: name, width: 60, type: 'text' },
    ],
    rows: items.map((p) => [p.unitNameTh, p.measureTitle, p.text]),
  };
}

/** Kind, words and address (or file name) of one piece of evidence: a web page, a file or a paper. */
function evidenceCells(item: EvidenceItem): SheetValue[] {
  if ('paper' in item) return ['หนังสืออ้างอิง', paperText(item.paper), ''];
  if (item.url === null) return ['ไฟล์แนบ', '', item.label];
  return ['เว็บไซต์', item.label.trim() === item.url ? '' : item.label.trim(), item.url];
}
