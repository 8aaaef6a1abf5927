import { addressHref, splitAddresses } from '../addresses.ts';
import type { Block, DocumentModel, Inline, Row, Run } from '../model.ts';
import { type DocumentHeader, heading, longDate, organizationHeading, prose } from './common.ts';
import { fiscalYearPhrase, statesFiscalYear, withoutFiscalYear } from './fiscal-year.ts';

/** One measure of the follow-up table (seed 003 §3), in plan order. */
export type RoundReportLine = {
  issueTitle: string;
  measure: string;
  method: string[];
  responsible: string[];
  period: string;
  result: string;
  status: string;
};

/** An official paper a unit cites as evidence: บันทึก ที่ สฎ 52008/464 ลงวันที่ 2 ตุลาคม 2563 เรื่อง … */
export type PaperReference = { kind: string; number: string; date: string | null; title: string };

/**
 * One piece of evidence: a web page the unit gave (`url`, printed as its address), a file it uploaded
 * (`url` null: listed by name, since its download needs a sign-in), or an official paper it cites.
 */
export type EvidenceItem = { label: string; url: string | null } | { paper: PaperReference };

/** What the round report shows, built by the progress module from a round and its reports. */
export type RoundReportView = {
  header: DocumentHeader;
  planTitle: string;
  /**
   * The round's own words, e.g. "รอบ 6 เดือน (ต.ค. 67 – มี.ค. 68)", Arabic digits (the renderer writes the
   * chosen ones). The fiscal year is stated by the title, once (see `roundTitle`).
   */
  roundLabel: string;
  periodStart: string;
  periodEnd: string;
  lines: RoundReportLine[];
  counts: { done: number; inProgress: number; notStarted: number; cancelled: number; measures: number };
  problems: { unitNameTh: string; measureTitle: string; text: string }[];
  suggestions: { unitNameTh: string; measureTitle: string; text: string }[];
  evidence: { measureTitle: string; unitNameTh: string; items: EvidenceItem[] }[];
  /** Words the secretariat adds before the table (optional). */
  introduction: string;
};

const pct = (n: number, of: number) => (of === 0 ? '0.00' : ((n * 100) / of).toFixed(2));

/**
 * รายงานผลการดำเนินงานตาม<plan title> ประจำปีงบประมาณ พ.ศ. <year> <round label>: the fiscal year once,
 * from the plan's title when it states it, else added before the round's label (seed 003's title).
 */
export function roundTitle(view: Pick<RoundReportView, 'planTitle' | 'roundLabel' | 'header'>): string {
  const year = view.header.fiscalYear;
  const plan = view.planTitle.trim();
  const withYear = statesFiscalYear(plan, year) ? plan : `${plan} ${fiscalYearPhrase(year)}`;
  const label = withoutFiscalYear(view.roundLabel, year);
  return `รายงานผลการดำเนินงานตาม${withYear}${label === '' ? '' : ` ${label}`}`;
}

/** Text with its web addresses as links that show the address (digits in an address never converted). */
export function withAddresses(text: string): Inline {
  const parts = splitAddresses(text);
  if (parts.every((p) => !p.address)) return text;
  return parts.map((p): Run => {
    if (!p.address) return { text: p.text };
    const href = addressHref(p.text);
    return href ? { text: p.text, link: href } : { text: p.text, literal: true };
  });
}

/** บันทึก ที่ สฎ 52008/464 ลงวันที่ 2 ตุลาคม 2563 เรื่อง …: number and date in the chosen digits. */
export function paperText(p: PaperReference): string {
  return [
    `${p.kind.trim()} ที่ ${p.number.trim()}`,
    p.date ? `ลงวันที่ ${longDate(p.date)}` : '',
    p.title.trim() ? `เรื่อง ${p.title.trim()}` : '',
  ]
    .filter((x) => x !== '')
    .join(' ');
}

/** One line of the evidence cell. A web page shows its address, which a reader on paper needs. */
export function evidenceLine(item: EvidenceItem): Run[] {
  if ('paper' in item) return [{ text: paperText(item.paper) }];
  if (item.url === null) return [{ text: item.label, literal: true }];
  const label = item.label.trim();
  const address: Run = { text: item.url, link: item.url };
  return label === '' || label === item.url ? [address] : [{ text: `${label} ` }, address];
}

/**
 * A number stays on the line of the word it counts or dates ("รอบ 6 เดือน", "ต.ค. 63"): the spaces
 * beside it become no-break spaces, so a title never ends a line with "รอบ ๖" and starts the next
 * with "เดือน".
 */
export const numbersKeptWithWords = (text: string) =>
  text.replace(/(?<=\S) (?=\d)/g, '\u00a0').replace(/(?<=\d) (?=[^\s\d(–-])/g, '\u00a0');

export function roundReport(view: RoundReportView): DocumentModel {
  const title = roundTitle(view);
  const period = `ระยะเวลา ${longDate(view.periodStart)} ถึง ${longDate(view.periodEnd)}`;
  const blocks: Block[] = [
    heading(1, numbersKeptWithWords(title), 'center'),
    ...organizationHeading(title, view.header.organizationNameTh),
    { kind: 'paragraph', text: period, align: 'center' },
    ...prose(view.introduction),
    heading(2, '1. สรุปผลการดำเนินงาน'),
    summaryTable(view),
    heading(2, '2. ผลการดำเนินงานรายมาตรการ'),
    measuresTable(view),
    heading(2, '3. ปัญหา อุปสรรค'),
    ...voices(view.problems, 'ไม่มีหน่วยงานรายงานปัญหา อุปสรรค'),
    heading(2, '4. ข้อเสนอแนะ'),
    ...voices(view.suggestions, 'ไม่มีหน่วยงานให้ข้อเสนอแนะ'),
    heading(2, '5. หลักฐานการดำเนินงาน'),
    evidenceTable(view),
  ];
  return { kind: 'round', title, orientation: 'landscape', form: 'report', blocks };
}

function summaryTable(view: RoundReportView): Block {
  const c = view.counts;
  const row = (label: string, n: number): Row => ({
    kind: 'cells',
    cells: [
      { lines: [label] },
      { lines: [String(n)], align: 'right' },
      { lines: [pct(n, c.measures)], align: 'right' },
    ],
  });
  return {
    kind: 'table',
    columns: [
      { header: 'สถานะ', width: 50 },
      { header: 'จำนวนมาตรการ', width: 25, align: 'right' },
      { header: 'ร้อยละ', width: 25, align: 'right' },
    ],
    rows:
      c.measures === 0
        ? []
        : [
            row('ดำเนินการแล้วเสร็จ', c.done),
            row('อยู่ระหว่างดำเนินการ', c.inProgress),
            row('ยังไม่ได้ดำเนินการ', c.notStarted),
            row('ยกเลิก', c.cancelled),
            {
              kind: 'cells',
              cells: [
                { lines: ['รวม'], bold: true },
                { lines: [String(c.measures)], align: 'right', bold: true },
                { lines: ['100.00'], align: 'right', bold: true },
              ],
            },
          ],
    emptyText: 'แผนฉบับนี้ไม่มีมาตรการให้รายงาน',
  };
}

function measuresTable(view: RoundReportView): Block {
  const rows: Row[] = [];
  let issue: string | null = null;
  for (const l of view.lines) {
    if (l.issueTitle !== issue) {
      issue = l.issueTitle;
      rows.push({ kind: 'group', text: l.issueTitle });
    }
    rows.push({
      kind: 'cells',
      cells: [
        { lines: [l.measure] },
        { lines: l.method, numbered: true },
        { lines: l.responsible },
        { lines: [l.period], align: 'center' },
        {
          lines: l.result
            .split('\n')
            .filter((t) => t.trim() !== '')
            .map(withAddresses),
        },
        { lines: [l.status], align: 'center', mark: markOf(l.status) },
      ],
    });
  }
  return {
    kind: 'table',
    columns: [
      { header: 'มาตรการ/โครงการ/กิจกรรม', width: 18 },
      { header: 'วิธีการดำเนินการ', width: 22 },
      // Wide enough for a division's name on one line (สำนักปลัดเทศบาล, กองยุทธศาสตร์และงบประมาณ).
      { header: 'ผู้รับผิดชอบ', width: 16 },
      { header: 'ระยะเวลา', width: 10, align: 'center' },
      { header: 'ผลการดำเนินงาน', width: 24 },
      { header: 'สถานะ', width: 10, align: 'center' },
    ],
    rows,
    emptyText: 'แผนฉบับนี้ไม่มีมาตรการให้รายงาน',
  };
}

function markOf(status: string) {
  if (status.includes('แล้วเสร็จ')) return 'strength' as const;
  if (status.includes('ระหว่าง')) return 'develop' as const;
  return undefined;
}

function voices(items: RoundReportView['problems'], none: string): Block[] {
  if (items.length === 0) return [{ kind: 'paragraph', text: none, indent: true }];
  return [
    {
      kind: 'list',
      ordered: true,
      items: items.map((p) => [
        { text: `${p.unitNameTh} (${p.measureTitle}): `, bold: true },
        { text: p.text },
      ]),
    },
  ];
}

function evidenceTable(view: RoundReportView): Block {
  return {
    kind: 'table',
    columns: [
      { header: 'มาตรการ', width: 30 },
      { header: 'หน่วยงาน', width: 20 },
      { header: 'หลักฐาน', width: 50 },
    ],
    rows: view.evidence.map((e) => ({
      kind: 'cells',
      cells: [
        { lines: [e.measureTitle] },
        { lines: [e.unitNameTh] },
        {
          lines: e.items.map(evidenceLine),
        },
      ],
    })),
    emptyText: 'ไม่มีหลักฐานแนบในรอบนี้',
  };
}
