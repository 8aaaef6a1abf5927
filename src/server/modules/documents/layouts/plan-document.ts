import type { Analysis } from '#shared/assessments/contract.ts';
import type { Signer } from '#shared/documents/contract.ts';
import type { PlanContent, PlanIssue, PlanMeasure } from '#shared/plans/contract.ts';
import type { Block, Cell, DocumentModel, Inline, Row, TableColumn } from '../model.ts';
import { analysisSummaryBlocks } from './analysis-summary.ts';
import { type DocumentHeader, heading, longDate, organizationHeading, prose } from './common.ts';
import type { SignedBlock } from './memo.ts';
import {
  answersLine,
  issueLabel,
  measureFacts,
  numberedTitle,
  planTitle,
  pointGroups,
  pointLabel,
  responsibleOf,
  timeframesOf,
  unitLines,
} from './plan-parts.ts';

/** What the plan document shows, built by the plans module from a plan version. */
export type PlanDocumentView = {
  header: DocumentHeader;
  content: PlanContent;
  versionNo: number;
  /** Names of the organisation's units, by id. */
  unitNames: Record<string, string>;
  approval: { memoNumber: string; memoDate: string } | null;
  /** The analysis the plan rests on, when it was made from one. */
  analysis: Analysis | null;
  /** Who approves the plan (ผู้เห็นชอบ): signs last. */
  signer: Signer;
  /** The person who prepared and proposes the plan (ผู้จัดทำ), signing above the approver. */
  preparer?: Signer | null | undefined;
  /** The approval signed electronically (decision 024): ผู้เห็นชอบ printed as signed, not to sign by hand. */
  approverSigned?: SignedBlock | undefined;
};

const EMPTY = 'แผนฉบับนี้ยังไม่มีมาตรการ';
const NO_MEASURE = 'ยังไม่ได้กำหนดมาตรการ';

export function planDocument(view: PlanDocumentView): DocumentModel {
  const { content, header } = view;
  const title = planTitle(content.title, header.fiscalYear);
  const blocks: Block[] = [
    heading(1, title, 'center'),
    ...organizationHeading(title, header.organizationNameTh),
    ...preparedByLine(content.preparedBy, header.organizationNameTh),
    ...prose(content.introduction),
    ...analysisBlocks(view),
    ...issueNarratives(content),
    heading(2, 'มาตรการส่งเสริมคุณธรรมและความโปร่งใส'),
    content.layout === 'columns' ? columnsTable(view) : issuePointTable(view),
  ];
  const monitoring = prose(content.monitoringSection);
  if (monitoring.length > 0) {
    blocks.push(heading(2, 'การกำกับติดตามและรายงานผลการดำเนินงาน'), ...monitoring);
  }
  if (view.approval) {
    blocks.push({
      kind: 'paragraph',
      text: `ได้รับความเห็นชอบตามบันทึกข้อความ ที่ ${view.approval.memoNumber} ลงวันที่ ${longDate(view.approval.memoDate)}`,
      spaceBefore: 12,
    });
  }
  blocks.push(...signatureBlocks(view));
  return { kind: 'plan', title, orientation: 'landscape', form: 'report', blocks };
}

/** The analysis the plan rests on, and the agency's own limitations when it wrote them. */
function analysisBlocks(view: PlanDocumentView): Block[] {
  const { content, analysis } = view;
  const blocks: Block[] = [...prose(content.analysisSummary)];
  if (analysis) blocks.push(...analysisSummaryBlocks(analysis));
  const limitations = analysis ? prose(analysis.limitations) : [];
  if (limitations.length > 0) blocks.push(heading(3, 'ข้อจำกัดของการวิเคราะห์'), ...limitations);
  return blocks.length > 0 ? [heading(2, 'ผลการวิเคราะห์การประเมิน ITA ที่เป็นฐานของมาตรการ'), ...blocks] : [];
}

/**
 * Each issue that has a description or points, explained before the table as seed 000 does: its
 * number and title, its description, its points "1) …". Issues with neither are named by the table only.
 */
function issueNarratives(content: PlanContent): Block[] {
  return content.issues.flatMap((issue, i): Block[] => {
    const description = prose(issue.description);
    if (description.length === 0 && issue.points.length === 0) return [];
    return [
      heading(3, issueLabel(content, i, issue.title)),
      ...description,
      // The points as the seeds number them (1), 2), …), one indented paragraph each: no bullet besides
      // the number.
      ...issue.points.map(
        (p, k): Block => ({ kind: 'paragraph', text: pointLabel(k, p.text), indent: true }),
      ),
    ];
  });
}

const cell = (lines: Inline[], extra: Partial<Cell> = {}): Cell => ({ lines, ...extra });

/** Seed 001: issue rows, then one row per measure: measure, steps, responsible, timeframe, monitoring. */
function columnsTable(view: PlanDocumentView): Block {
  const { content } = view;
  const monitored = content.issues.some((i) => i.measures.some((m) => m.monitoring.trim() !== ''));
  const rows: Row[] = content.issues.flatMap((issue, i): Row[] => [
    { kind: 'group', text: issueLabel(content, i, issue.title) },
    ...issue.measures.map((m, j): Row => {
      const answers = answersLine(issue, i, m);
      const cells = [
        cell([numberedTitle(m, i, j), ...(answers ? [answers] : []), ...measureFacts(m)]),
        cell(
          m.steps.map((s) => s.text),
          { numbered: true },
        ),
        cell(unitLines(responsibleOf(m, view.unitNames))),
        cell(timeframesOf(m), { align: 'center' }),
      ];
      if (monitored) cells.push(cell(m.monitoring.trim() === '' ? [] : [m.monitoring]));
      return { kind: 'cells', cells };
    }),
  ]);
  // Without any measure's monitoring the column is left out (the plan's monitoring section says it).
  const columns: TableColumn[] = monitored
    ? [
        { header: 'มาตรการ/โครงการ/กิจกรรม', width: 20 },
        { header: 'ขั้นตอน/วิธีการปฏิบัติ', width: 32 },
        { header: 'ผู้รับผิดชอบ', width: 17 },
        { header: 'ระยะเวลาดำเนินการ', width: 15, align: 'center' },
        { header: 'การติดตามประเมินผล', width: 16 },
      ]
    : [
        { header: 'มาตรการ/โครงการ/กิจกรรม', width: 24 },
        { header: 'ขั้นตอน/วิธีการปฏิบัติ', width: 42 },
        { header: 'ผู้รับผิดชอบ', width: 19 },
        { header: 'ระยะเวลาดำเนินการ', width: 15, align: 'center' },
      ];
  return { kind: 'table', columns, rows: hasMeasures(content) ? rows : [], emptyText: EMPTY };
}

/** A measure in the measures cell of seed 000's table: its number and title, steps "1) …", what else it states. */
function measureLines(issue: PlanIssue, i: number, j: number): Inline[] {
  const m = issue.measures[j]!;
  return [
    [{ text: numberedTitle(m, i, j), bold: true }],
    ...m.steps.map((s, k) => pointLabel(k, s.text)),
    ...measureFacts(m),
    ...(m.monitoring.trim() === '' ? [] : [`การติดตามประเมินผล: ${m.monitoring.trim()}`]),
  ];
}

/**
 * Seed 000: issue rows, then one row per group of points: the points, the measures answering them (each
 * once, however many points it answers), their responsible units and months.
 */
function issuePointTable(view: PlanDocumentView): Block {
  const { content } = view;
  const rows: Row[] = content.issues.flatMap((issue, i): Row[] => [
    { kind: 'group', text: issueLabel(content, i, issue.title) },
    ...pointGroups(issue).map((g): Row => {
      const measures: PlanMeasure[] = g.measures.map((j) => issue.measures[j]!);
      const units = [...new Set(measures.flatMap((m) => responsibleOf(m, view.unitNames)))];
      return {
        kind: 'cells',
        cells: [
          cell(g.points.map((k) => pointLabel(k, issue.points[k]!.text))),
          cell(measures.length > 0 ? g.measures.flatMap((j) => measureLines(issue, i, j)) : [NO_MEASURE]),
          cell(unitLines(units)),
          cell([...new Set(measures.flatMap(timeframesOf))], { align: 'center' }),
        ],
      };
    }),
  ]);
  return {
    kind: 'table',
    columns: [
      { header: 'ประเด็น', width: 26 },
      { header: 'มาตรการ/แนวทางการดำเนินการ', width: 41 },
      { header: 'ผู้รับผิดชอบ', width: 18 },
      { header: 'ระยะเวลาดำเนินการ', width: 15, align: 'center' },
    ],
    rows: hasMeasures(content) ? rows : [],
    emptyText: EMPTY,
  };
}

const hasMeasures = (content: PlanContent) => content.issues.some((i) => i.measures.length > 0);

const sameName = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

/**
 * The plan's "prepared by" under its title, as a cover names who made the document ("จัดทำโดย
 * คณะทำงาน …"); not repeated when it is the organisation named just above (seed 000).
 */
function preparedByLine(preparedBy: string, organization: string): Block[] {
  const by = preparedBy.trim();
  if (by === '' || sameName(by, organization)) return [];
  return [{ kind: 'paragraph', text: `จัดทำโดย ${by}`, align: 'center' }];
}

/**
 * Who prepared and proposes the plan (ผู้จัดทำ) and who approves it (ผู้เห็นชอบ), each with the name in
 * parentheses and the positions; a block is left out when its person is not named.
 */
function signatureBlocks(view: PlanDocumentView): Block[] {
  const people = [
    { caption: 'ผู้จัดทำ', who: view.preparer ?? null },
    { caption: 'ผู้เห็นชอบ', who: view.signer },
  ];
  const signed = view.approverSigned;
  return people.flatMap(({ caption, who }): Block[] =>
    caption === 'ผู้เห็นชอบ' && signed
      ? [{ kind: 'signature', caption, ...signed }]
      : who && who.name.trim() !== ''
        ? [{ kind: 'signature', caption, name: who.name.trim(), positions: who.positions }]
        : [],
  );
}
