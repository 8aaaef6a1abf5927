import { FINDING_KIND_LABELS, type Finding } from '#shared/assessments/analysis.ts';
import type { Analysis } from '#shared/assessments/contract.ts';
import type { Block, DocumentModel, Row } from '../model.ts';
import {
  indicatorTable,
  STATUS_LABEL,
  STATUS_MARK,
  thresholdLines,
  totalSentence,
} from './analysis-summary.ts';
import { type DocumentHeader, heading, prose, score } from './common.ts';

/** What the analysis report shows, built by the assessments module from one analysis. */
export type AnalysisReportView = { header: DocumentHeader; analysis: Analysis };

const KIND_MARK = { urgent: 'urgent', develop: 'develop', strength: 'strength' } as const;

const change = (value: number | null) =>
  value === null ? '-' : `${value > 0 ? '+' : ''}${value.toFixed(2)}`;

export function analysisReport(view: AnalysisReportView): DocumentModel {
  const a = view.analysis;
  const o = a.outcome;
  const title = `รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. ${o.fiscalYear}`;
  const blocks: Block[] = [
    heading(1, title, 'center'),
    heading(2, view.header.organizationNameTh, 'center'),
    heading(2, '1. ผลการประเมินโดยรวม'),
    { kind: 'paragraph', text: totalSentence(a), indent: true },
    ...(o.level.mismatch && o.level.stated
      ? [
          {
            kind: 'paragraph',
            text: `หมายเหตุ: ระดับที่ระบุในรายงานของสำนักงาน ป.ป.ช. คือ ${o.level.stated} ซึ่งไม่ตรงกับระดับที่คำนวณจากคะแนนตามเกณฑ์ของปีนั้น`,
            indent: true,
          } as const,
        ]
      : []),
    {
      kind: 'table',
      caption: 'คะแนนรายแบบวัด',
      columns: [
        { header: 'แบบวัด', width: 60 },
        { header: 'คะแนน', width: 20, align: 'right' },
        { header: 'เปลี่ยนแปลงจากปีก่อน', width: 20, align: 'right' },
      ],
      rows: o.instruments.map((i) => ({
        kind: 'cells',
        cells: [
          { lines: [`${i.code} ${i.name_th}`] },
          { lines: [score(i.score)], align: 'right' },
          { lines: [change(i.yoy?.change ?? null)], align: 'right' },
        ],
      })),
      emptyText: 'ไม่มีคะแนนรายแบบวัด',
    },
    heading(2, '2. ผลการประเมินรายตัวชี้วัด'),
    { kind: 'paragraph', text: 'เกณฑ์ที่ใช้วิเคราะห์', indent: true },
    { kind: 'list', ordered: false, items: thresholdLines(a.settings) },
    {
      kind: 'barChart',
      title: 'คะแนนรายตัวชี้วัด',
      max: 100,
      bars: o.indicators.map((i) => ({
        label: `${i.number}. ${i.name_th}`,
        value: i.score,
        mark: STATUS_MARK[i.status],
      })),
      lines: [{ value: a.settings.urgentBelow, label: `เกณฑ์ ${a.settings.urgentBelow.toFixed(2)}` }],
    },
    {
      kind: 'legend',
      items: (['urgent', 'develop', 'ok', 'strength'] as const).map((s) => ({
        mark: STATUS_MARK[s],
        label: STATUS_LABEL[s],
      })),
    },
    indicatorTable(a),
    heading(2, '3. ประเด็นที่พบจากการวิเคราะห์'),
    ...findingsBlocks(a),
    heading(2, '4. ข้อเสนอแนะของสำนักงาน ป.ป.ช.'),
    ...recommendations(a),
    heading(2, '5. รายการแบบ OIT ที่ไม่ผ่าน'),
    failedOit(a),
    heading(2, '6. เปรียบเทียบกับปีก่อน'),
    yoyTable(a),
    heading(2, '7. ข้อจำกัดของการวิเคราะห์'),
    ...limitations(a),
  ];
  return { kind: 'analysis', title, orientation: 'portrait', form: 'report', blocks };
}

function narrativeOf(a: Analysis, f: Finding): string {
  return a.narratives.find((n) => n.findingKey === f.key)?.text ?? f.draftNarrative_th;
}

function findingsBlocks(a: Analysis): Block[] {
  const groups = a.outcome.groups.filter((g) => g.findings.length > 0);
  if (groups.length === 0) return [{ kind: 'paragraph', text: 'ไม่พบประเด็นตามเกณฑ์ที่ใช้วิเคราะห์', indent: true }];
  return groups.flatMap((g, i): Block[] => {
    const rows: Row[] = g.findings.map((f) => ({
      kind: 'cells',
      cells: [
        { lines: [f.displayCode], align: 'center' },
        { lines: [f.label_th ?? f.code] },
        { lines: [score(f.score)], align: 'right', mark: KIND_MARK[f.kind] },
        { lines: [FINDING_KIND_LABELS[f.kind].th], mark: KIND_MARK[f.kind] },
      ],
    }));
    const narratives = g.findings
      .map((f) => ({ f, text: narrativeOf(a, f).trim() }))
      .filter((n) => n.text !== '')
      .map((n): Block => ({ kind: 'paragraph', text: n.text, indent: true }));
    return [
      heading(3, `3.${i + 1} ${g.name_th}`),
      {
        kind: 'table',
        columns: [
          { header: 'ข้อ', width: 10, align: 'center' },
          { header: 'ข้อคำถาม/ตัวชี้วัด', width: 52 },
          { header: 'คะแนน', width: 12, align: 'right' },
          { header: 'ประเด็น', width: 26 },
        ],
        rows,
        emptyText: '-',
      },
      ...narratives,
    ];
  });
}

function recommendations(a: Analysis): Block[] {
  const items = [...new Set(a.outcome.groups.flatMap((g) => g.findings.flatMap((f) => f.recommendations)))];
  return items.length > 0
    ? [{ kind: 'list', ordered: true, items }]
    : [{ kind: 'paragraph', text: 'ไม่มีข้อเสนอแนะสำหรับประเด็นที่พบ', indent: true }];
}

function failedOit(a: Analysis): Block {
  return {
    kind: 'table',
    columns: [
      { header: 'ข้อ', width: 10, align: 'center' },
      { header: 'รายการ', width: 35 },
      { header: 'เหตุผลของผู้ประเมิน', width: 30 },
      { header: 'ข้อเสนอแนะ', width: 25 },
    ],
    rows: a.outcome.failedOitItems.map((i) => ({
      kind: 'cells',
      cells: [
        { lines: [i.displayCode], align: 'center' },
        { lines: [i.label_th ?? i.code] },
        { lines: [i.reason ?? '-'] },
        { lines: [i.recommendation ?? '-'] },
      ],
    })),
    emptyText: 'ผ่านทุกรายการของแบบ OIT',
  };
}

function yoyTable(a: Analysis): Block {
  const yoy = a.outcome.yoy;
  return {
    kind: 'table',
    columns: [
      { header: 'รายการ', width: 46 },
      { header: `ปี ${yoy ? yoy.previousFiscalYear : ''}`, width: 18, align: 'right' },
      { header: `ปี ${a.outcome.fiscalYear}`, width: 18, align: 'right' },
      { header: 'เปลี่ยนแปลง', width: 18, align: 'right' },
    ],
    rows: (yoy?.rows ?? []).map((r) => ({
      kind: 'cells',
      cells: [
        { lines: [r.label_th ? `${r.code} ${r.label_th}` : r.code] },
        { lines: [r.yoy.previous === null ? 'ไม่มีข้อเทียบ' : score(r.yoy.previous)], align: 'right' },
        { lines: [score(r.current)], align: 'right' },
        { lines: [change(r.yoy.change)], align: 'right' },
      ],
    })),
    emptyText: 'ไม่มีผลการประเมินของปีก่อนให้เปรียบเทียบ',
  };
}

function limitations(a: Analysis): Block[] {
  const blocks = prose(a.limitations);
  const warnings = a.outcome.warnings.map((w) => w.message_th);
  if (warnings.length > 0) blocks.push({ kind: 'list', ordered: false, items: warnings });
  return blocks.length > 0 ? blocks : [{ kind: 'paragraph', text: '-', indent: true }];
}
