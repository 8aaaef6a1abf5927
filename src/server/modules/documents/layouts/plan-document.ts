import type { Analysis } from '#shared/assessments/contract.ts';
import type { Signer } from '#shared/documents/contract.ts';
import {
  MEASURE_KIND_LABELS,
  type PlanContent,
  type PlanMeasure,
  type Responsible,
} from '#shared/plans/contract.ts';
import { formatTimeframe } from '#shared/plans/months.ts';
import type { Block, Cell, DocumentModel, Row } from '../model.ts';
import { analysisSummaryBlocks } from './analysis-summary.ts';
import { type DocumentHeader, heading, longDate, prose } from './common.ts';

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
  signer: Signer;
};

const EMPTY = 'แผนฉบับนี้ยังไม่มีมาตรการ';

export function planDocument(view: PlanDocumentView): DocumentModel {
  const { content, header } = view;
  const blocks: Block[] = [
    heading(1, content.title, 'center'),
    heading(2, header.organizationNameTh, 'center'),
    ...prose(content.introduction),
  ];
  if (content.analysisSummary.trim() !== '' || view.analysis) {
    blocks.push(heading(2, 'ผลการวิเคราะห์การประเมิน ITA ที่เป็นฐานของมาตรการ'));
    blocks.push(...prose(content.analysisSummary));
    if (view.analysis) blocks.push(...analysisSummaryBlocks(view.analysis));
  }
  if (content.layout === 'issue_point_measure') blocks.push(...issueNarratives(content));
  blocks.push(heading(2, 'มาตรการส่งเสริมคุณธรรมและความโปร่งใส'));
  blocks.push(content.layout === 'columns' ? columnsTable(view) : issuePointTable(view));
  blocks.push(heading(2, 'การกำกับติดตามและรายงานผลการดำเนินงาน'));
  const monitoring = prose(content.monitoringSection);
  blocks.push(...(monitoring.length > 0 ? monitoring : [{ kind: 'paragraph', text: '-' } as const]));
  if (view.approval) {
    blocks.push({
      kind: 'paragraph',
      text: `ได้รับความเห็นชอบตามบันทึกข้อความ ที่ ${view.approval.memoNumber} ลงวันที่ ${longDate(view.approval.memoDate)}`,
      spaceBefore: 12,
    });
  }
  if (view.signer.name.trim() !== '') {
    blocks.push({ kind: 'signature', name: view.signer.name, positions: view.signer.positions });
  }
  return {
    kind: 'plan',
    title: content.title,
    orientation: 'landscape',
    form: 'report',
    blocks,
  };
}

/** Seed 000 explains each issue and its points in prose before the table. */
function issueNarratives(content: PlanContent): Block[] {
  return content.issues.flatMap((issue, i): Block[] => [
    heading(3, `${i + 1}. ${issue.title}`),
    ...prose(issue.description),
    ...(issue.points.length > 0
      ? [{ kind: 'list', ordered: true, items: issue.points.map((p) => p.text) } as const]
      : []),
  ]);
}

function responsibleLines(r: Responsible, names: Record<string, string>): string[] {
  return [...r.unitIds.map((id) => names[id] ?? id), ...r.external];
}

/** The measure's units and those its steps name for themselves, each once, in order. */
function allResponsible(m: PlanMeasure, names: Record<string, string>): string[] {
  const lines = [
    ...responsibleLines(m.responsible, names),
    ...m.steps.flatMap((s) => (s.responsible ? responsibleLines(s.responsible, names) : [])),
  ];
  return [...new Set(lines)];
}

function timeframeLines(m: PlanMeasure): string[] {
  const own = m.timeframe ? [formatTimeframe(m.timeframe, { digits: 'arabic' })] : [];
  const steps = m.steps.flatMap((s) =>
    s.timeframe ? [formatTimeframe(s.timeframe, { digits: 'arabic' })] : [],
  );
  return [...new Set([...own, ...steps])];
}

function measureTitle(m: PlanMeasure): string {
  return m.kind === 'measure' ? m.title : `${MEASURE_KIND_LABELS[m.kind].th}: ${m.title}`;
}

const cell = (lines: string[], extra: Partial<Cell> = {}): Cell => ({ lines, ...extra });

/** Seed 001: issue rows, then one row per measure: measure, steps, responsible, timeframe, monitoring. */
function columnsTable(view: PlanDocumentView): Block {
  const rows: Row[] = view.content.issues.flatMap((issue, i): Row[] => [
    { kind: 'group', text: `(${i + 1}) ${issue.title}` },
    ...issue.measures.map(
      (m): Row => ({
        kind: 'cells',
        cells: [
          cell([measureTitle(m)]),
          cell(
            m.steps.map((s) => s.text),
            { numbered: true },
          ),
          cell(allResponsible(m, view.unitNames)),
          cell(timeframeLines(m), { align: 'center' }),
          cell([m.monitoring].filter((t) => t !== '')),
        ],
      }),
    ),
  ]);
  return {
    kind: 'table',
    columns: [
      { header: 'มาตรการ/โครงการ/กิจกรรม', width: 22 },
      { header: 'ขั้นตอน/วิธีการปฏิบัติ', width: 36 },
      { header: 'ผู้รับผิดชอบ', width: 15 },
      { header: 'ระยะเวลาดำเนินการ', width: 12, align: 'center' },
      { header: 'การติดตามประเมินผล', width: 15 },
    ],
    rows: hasMeasures(view.content) ? rows : [],
    emptyText: EMPTY,
  };
}

/**
 * Seed 000: issue rows, then one row per point: the point, the measures answering it (their steps
 * numbered), responsible units and months; measures that answer no point get a row of their own.
 */
function issuePointTable(view: PlanDocumentView): Block {
  const rows: Row[] = view.content.issues.flatMap((issue, i): Row[] => {
    const byPoint = issue.points.map((p, j) => ({
      label: `${j + 1}) ${p.text}`,
      measures: issue.measures.filter((m) => m.pointIds.includes(p.id)),
    }));
    const loose = issue.measures.filter(
      (m) => !m.pointIds.some((id) => issue.points.some((p) => p.id === id)),
    );
    const lines = [...byPoint, ...(loose.length > 0 ? [{ label: '', measures: loose }] : [])].filter(
      (l) => l.measures.length > 0 || l.label !== '',
    );
    return [
      { kind: 'group', text: `${i + 1}. ${issue.title}` },
      ...lines.map(
        (l): Row => ({
          kind: 'cells',
          cells: [
            cell(l.label === '' ? [] : [l.label]),
            cell(
              l.measures.flatMap((m) =>
                m.steps.length > 0 ? m.steps.map((s) => s.text) : [measureTitle(m)],
              ),
              { numbered: true },
            ),
            cell([...new Set(l.measures.flatMap((m) => allResponsible(m, view.unitNames)))]),
            cell([...new Set(l.measures.flatMap(timeframeLines))], { align: 'center' }),
          ],
        }),
      ),
    ];
  });
  return {
    kind: 'table',
    columns: [
      { header: 'ประเด็น', width: 30 },
      { header: 'มาตรการ/แนวทางการดำเนินการ', width: 40 },
      { header: 'ผู้รับผิดชอบ', width: 16 },
      { header: 'ระยะเวลาดำเนินการ', width: 14, align: 'center' },
    ],
    rows: hasMeasures(view.content) ? rows : [],
    emptyText: EMPTY,
  };
}

const hasMeasures = (content: PlanContent) => content.issues.some((i) => i.measures.length > 0);
