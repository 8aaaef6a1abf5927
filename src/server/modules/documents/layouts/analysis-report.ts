import { FINDING_KIND_LABELS, type Finding, type FindingKind } from '#shared/assessments/analysis.ts';
import type { Analysis } from '#shared/assessments/contract.ts';
import type { Block, DocumentModel, Inline, Row } from '../model.ts';
import type { AnalysisFacts, QuestionFact } from './analysis-facts.ts';
import { previousMeasuresBlocks } from './analysis-previous-measures.ts';
import {
  figureNotes,
  highLowSentences,
  type IndicatorOrder,
  indicatorTable,
  MISSING_LABEL,
  orderedIndicators,
  STATUS_LABEL,
  STATUS_MARK,
  scoreOrMissing,
  thaiList,
  thresholdLines,
  totalSentence,
} from './analysis-summary.ts';
import { type DocumentHeader, heading, prose, score } from './common.ts';

/**
 * What the analysis report shows, built by the assessments module from one analysis: the stored
 * outcome, and the facts of the result it was computed from (what was entered, what was imported as
 * `-`, the questions' wording, NACC's suggestions per question). `indicatorOrder` is the document
 * option that orders the indicator table and chart.
 */
export type AnalysisReportView = {
  header: DocumentHeader;
  analysis: Analysis;
  facts: AnalysisFacts;
  indicatorOrder?: IndicatorOrder | undefined;
};

const KIND_MARK = { urgent: 'urgent', develop: 'develop', strength: 'strength' } as const;

const change = (value: number | null) =>
  value === null ? '-' : `${value > 0 ? '+' : ''}${value.toFixed(2)}`;

export function analysisReport(view: AnalysisReportView): DocumentModel {
  const a = view.analysis;
  const o = a.outcome;
  const facts = view.facts;
  const order = view.indicatorOrder ?? 'number';
  const instrumentState = (code: string) => facts.instruments.find((i) => i.code === code)?.state;
  const indicatorState = (n: number) => facts.indicators.find((i) => i.number === n)?.state;
  const title = `รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. ${o.fiscalYear}`;
  // An indicator with nothing entered has no bar: the chart says "ไม่ได้ประเมิน" for a bar without a value.
  const charted = orderedIndicators(a, order, facts).filter(
    (i) => indicatorState(i.number) !== 'not_entered',
  );
  const chartBlocks: Block[] =
    charted.length === 0
      ? []
      : [
          {
            kind: 'barChart',
            title: 'คะแนนรายตัวชี้วัด',
            max: 100,
            bars: charted.map((i) => ({
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
        ];
  const blocks: Block[] = [
    heading(1, title, 'center'),
    heading(2, view.header.organizationNameTh, 'center'),
    heading(2, '1. ผลการประเมินโดยรวม'),
    { kind: 'paragraph', text: totalSentence(a), indent: true },
    ...figureNotes(a).map(
      (text): Block => ({
        kind: 'paragraph',
        text: `หมายเหตุ: ${text} ควรตรวจสอบกับรายงานผลการประเมิน`,
        indent: true,
      }),
    ),
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
      rows: o.instruments.map((i) => {
        const derivedOnly =
          o.figures.instruments.find((f) => f.code === i.code)?.stated === null && i.score !== null;
        return {
          kind: 'cells',
          cells: [
            { lines: [`${i.code} ${i.name_th}`] },
            {
              lines: [scoreOrMissing(i.score, instrumentState(i.code)) + (derivedOnly ? ' *' : '')],
              align: 'right',
            },
            { lines: [change(i.yoy?.change ?? null)], align: 'right' },
          ],
        };
      }),
      emptyText: 'ไม่มีคะแนนรายแบบวัด',
    },
    ...(o.figures.instruments.some((f) => f.stated === null && f.derived !== null)
      ? [
          {
            kind: 'paragraph',
            text: '* คำนวณจากค่าเฉลี่ยของคะแนนรายตัวชี้วัดของแบบวัดนั้น',
            indent: true,
          } as const,
        ]
      : []),
    heading(2, '2. ผลการประเมินรายตัวชี้วัด'),
    { kind: 'paragraph', text: 'เกณฑ์ที่ใช้วิเคราะห์', indent: true },
    { kind: 'list', ordered: false, items: thresholdLines(a.settings) },
    ...chartBlocks,
    indicatorTable(a, facts, order),
    ...highLowSentences(a).map((text): Block => ({ kind: 'paragraph', text, indent: true })),
    heading(2, '3. ประเด็นที่พบจากการวิเคราะห์'),
    ...findingsBlocks(a, facts),
    heading(2, '4. ข้อเสนอแนะของสำนักงาน ป.ป.ช.'),
    ...recommendations(facts),
    heading(2, '5. ผลการประเมินรายการของแบบ OIT'),
    ...oitBlocks(a, facts),
    heading(2, '6. เปรียบเทียบกับปีก่อน'),
    yoyTable(a, facts),
    ...previousMeasuresBlocks(a, facts),
    ...limitationsSection(a, facts),
  ];
  return { kind: 'analysis', title, orientation: 'portrait', form: 'report', blocks };
}

const indicatorOf = (facts: AnalysisFacts, n: number) => facts.indicators.find((i) => i.number === n);
const indicatorTitle = (facts: AnalysisFacts, n: number) =>
  `ตัวชี้วัดที่ ${n} ${indicatorOf(facts, n)?.name_th ?? ''}`.trim();
const questionOf = (facts: AnalysisFacts, code: string) => facts.questions.find((q) => q.code === code);
const unitOf = (instrument: string) => (instrument === 'OIT' ? 'รายการ' : 'ข้อ');

/**
 * What a finding is about, in a cell beside its code: the question's wording, or where the catalogue
 * does not know it the indicator it belongs to (never the code again).
 */
export function findingSubject(facts: AnalysisFacts, f: Finding): string {
  if (f.scope === 'indicator') return f.label_th ?? indicatorTitle(facts, f.indicator);
  if (f.label_th?.trim()) return f.label_th.trim();
  return `${f.instrument === 'OIT' ? 'รายการ' : 'ข้อคำถาม'}ของ${indicatorTitle(facts, f.indicator)}`;
}

/** The band a kind of finding stands for, as the analysis set it: "ต่ำกว่า 85.00 คะแนน". */
function bandOf(a: Analysis, kind: FindingKind, rule: Finding['rule']): string {
  const s = a.settings;
  if (rule === 'bottom_n') return `${s.urgentBottomN} ลำดับที่คะแนนต่ำสุด`;
  if (rule === 'top_n') return `${s.strengthTopN} ลำดับที่คะแนนสูงสุด`;
  if (kind === 'urgent') return `ต่ำกว่า ${s.urgentBelow.toFixed(2)} คะแนน`;
  if (kind === 'develop') return `${s.urgentBelow.toFixed(2)} ถึงต่ำกว่า ${s.developBelow?.toFixed(2)} คะแนน`;
  return `ตั้งแต่ ${s.strengthAtOrAbove?.toFixed(2)} คะแนนขึ้นไป`;
}

const KIND_PHRASE: Record<FindingKind, string> = {
  urgent: 'ต้องแก้ไขโดยเร่งด่วน',
  develop: 'ต้องพัฒนาให้ดีขึ้น',
  strength: 'เป็นจุดแข็งที่ต้องรักษาไว้',
};

/** A finding's score, or "ไม่ผ่าน" for a failed OIT item (its 0 is a มี/ไม่มี answer, not a score). */
const findingValue = (f: Finding) =>
  f.scope === 'question' && f.instrument === 'OIT' && (f.passed === false || f.score === 0)
    ? 'ไม่ผ่าน'
    : score(f.score);

/** "i4 เจ้าหน้าที่… (70.00)", or "i4 (70.00)" where the wording is not known; an OIT item failed says so. */
function questionMention(f: Finding): string {
  const wording = f.label_th?.trim();
  return `${f.displayCode}${wording ? ` ${wording}` : ''} (${findingValue(f)})`;
}

/**
 * One paragraph for one indicator: its weak (and strong) questions named once each, then how the
 * indicator itself came out when that is not already what the questions say.
 */
function indicatorParagraph(a: Analysis, facts: AnalysisFacts, n: number, findings: Finding[]): string {
  const title = indicatorTitle(facts, n);
  const own = findings.find((f) => f.scope === 'indicator');
  const questions = findings.filter((f) => f.scope === 'question');
  const parts: string[] = [];
  if (own) {
    parts.push(
      `${title} ได้คะแนน ${score(own.score)} (${bandOf(a, own.kind, own.rule)}) ${own.kind === 'strength' ? KIND_PHRASE.strength : `จึงเป็น${FINDING_KIND_LABELS[own.kind].th}`}`,
    );
  }
  if (questions.length > 0) {
    const unit = unitOf(questions[0]!.instrument);
    const clauses = (['urgent', 'develop', 'strength'] as const).flatMap((kind) => {
      const of = questions.filter((q) => q.kind === kind);
      if (of.length === 0) return [];
      const band = bandOf(a, kind, of[0]!.rule);
      const what = kind === 'strength' ? `${unit}ที่เป็นจุดแข็ง` : `${unit}ที่${KIND_PHRASE[kind]}`;
      return [`${what} (${band}) ${of.length} ${unit} ได้แก่ ${thaiList(of.map(questionMention))}`];
    });
    let sentence = `${title} มี${clauses.join(' และมี')}`;
    const indicator = a.outcome.indicators.find((i) => i.number === n);
    const weak = questions.some((q) => q.kind !== 'strength');
    if (indicator && !own) {
      if (indicator.score === null) {
        const state = indicatorOf(facts, n)?.state;
        if (state === 'not_assessed') sentence += ` ส่วนคะแนนของตัวชี้วัดนี้${MISSING_LABEL.not_assessed}`;
        else if (state === 'not_entered') sentence += ' ส่วนคะแนนของตัวชี้วัดนี้ไม่มีข้อมูล';
      } else if (weak && (indicator.status === 'ok' || indicator.status === 'strength')) {
        sentence += ` ทั้งนี้ ตัวชี้วัดนี้ได้คะแนน ${score(indicator.score)} ผ่านเกณฑ์ แต่ยังมี${unit}ข้างต้นที่ควรปรับปรุง`;
      } else if (indicator.status === 'urgent' || indicator.status === 'develop') {
        sentence += ` ทั้งนี้ ตัวชี้วัดนี้ได้คะแนน ${score(indicator.score)} ซึ่งเป็น${STATUS_LABEL[indicator.status]}`;
      } else {
        sentence += ` ทั้งนี้ ตัวชี้วัดนี้ได้คะแนน ${score(indicator.score)}`;
      }
    }
    parts.push(sentence);
  }
  return parts.join(' ');
}

/**
 * When questions were judged but the result holds only some of them, which ones the findings rest on:
 * "พิจารณาจากคะแนนรายข้อ ซึ่งมีคะแนน 3 ข้อจากทั้งหมด 88 ข้อ" (the indicators are in section 2).
 */
function coverage(a: Analysis, facts: AnalysisFacts): string | null {
  if (a.outcome.judged !== 'questions') return null;
  const scored = facts.questions.filter((q) => q.state === 'scored').length;
  if (scored === facts.questions.length) return null;
  return `ประเด็นในหัวข้อนี้พิจารณาจากคะแนนรายตัวชี้วัดและรายข้อ ซึ่งผลการประเมินที่บันทึกไว้มีคะแนนรายข้อ ${scored} ข้อจากทั้งหมด ${facts.questions.length} ข้อ`;
}

function findingsBlocks(a: Analysis, facts: AnalysisFacts): Block[] {
  const groups = a.outcome.groups.filter((g) => g.findings.length > 0);
  const covered = coverage(a, facts);
  const intro: Block[] = covered
    ? [{ kind: 'paragraph', text: covered, indent: true, align: 'justify' }]
    : [];
  if (groups.length === 0) {
    const none =
      a.outcome.judged === 'questions' ? 'ไม่พบข้อที่เข้าเกณฑ์ที่ใช้วิเคราะห์' : 'ไม่พบประเด็นตามเกณฑ์ที่ใช้วิเคราะห์';
    return [...intro, { kind: 'paragraph', text: none, indent: true }];
  }
  const written = new Map(
    a.narratives.filter((n) => n.text.trim() !== '').map((n) => [n.findingKey, n.text.trim()]),
  );
  return intro.concat(
    groups.flatMap((g, i): Block[] => {
      const rows: Row[] = g.findings.map((f) => ({
        kind: 'cells',
        cells: [
          { lines: [f.displayCode], align: 'center' },
          { lines: [findingSubject(facts, f)] },
          { lines: [findingValue(f)], align: 'right', mark: KIND_MARK[f.kind] },
          { lines: [FINDING_KIND_LABELS[f.kind].th], mark: KIND_MARK[f.kind] },
        ],
      }));
      const numbers = [...new Set(g.findings.map((f) => f.indicator))].sort((x, y) => x - y);
      const paragraphs = numbers.map(
        (n): Block => ({
          kind: 'paragraph',
          text: indicatorParagraph(
            a,
            facts,
            n,
            g.findings.filter((f) => f.indicator === n),
          ),
          indent: true,
          align: 'justify',
        }),
      );
      // A finding is listed once, under the first group it belongs to; the others are named here.
      const alsoIn = new Map<string, string[]>();
      for (const f of g.findings) {
        for (const key of f.alsoIn ?? []) {
          const name = a.outcome.groups.find((x) => x.key === key)?.name_th;
          if (!name) continue;
          const what = f.scope === 'indicator' ? `ตัวชี้วัดที่ ${f.indicator}` : `ข้อ ${f.displayCode}`;
          alsoIn.set(name, [...(alsoIn.get(name) ?? []), what]);
        }
      }
      const alsoBlocks = [...alsoIn].map(
        ([name, what]): Block => ({
          kind: 'paragraph',
          text: `${thaiList(what)} เกี่ยวข้องกับ${name}ด้วย`,
          indent: true,
        }),
      );
      // What the secretariat wrote about a finding is its own analysis: printed after the facts.
      const ownWords = g.findings.flatMap((f): Block[] => {
        const text = written.get(f.key);
        return text ? prose(text) : [];
      });
      // Findings that are indicators alone (no question scores) are said in the paragraph: a table of
      // the one indicator would repeat what section 2 and the paragraph already say.
      const questionsJudged = g.findings.some((f) => f.scope !== 'indicator');
      return [
        heading(3, `3.${i + 1} ${g.name_th}`),
        ...(questionsJudged ? [findingsTable(rows)] : []),
        ...paragraphs,
        ...alsoBlocks,
        ...ownWords,
      ];
    }),
  );
}

function findingsTable(rows: Row[]): Block {
  return {
    kind: 'table',
    columns: [
      { header: 'ข้อ', width: 10, align: 'center' },
      { header: 'ข้อคำถาม/ตัวชี้วัด', width: 52 },
      { header: 'คะแนน', width: 12, align: 'right' },
      { header: 'ประเด็น', width: 26 },
    ],
    rows,
    emptyText: 'ไม่พบประเด็น',
  };
}

/** A question in a cell: its code in bold, then its wording where the catalogue knows it. */
const questionCell = (q: QuestionFact): Inline =>
  q.wording
    ? [{ text: q.displayCode, bold: true }, { text: ` ${q.wording}` }]
    : [{ text: q.displayCode, bold: true }];

/**
 * NACC's suggestions as stored with the scores, each beside the question or item it belongs to,
 * under its indicator (suggestions on an indicator, sub-indicator, instrument or the total beside those).
 */
function recommendations(facts: AnalysisFacts): Block[] {
  const rows: Row[] = [];
  const other = facts.otherRecommendations;
  const general = other.filter((r) => r.scope === 'total' || r.scope === 'instrument');
  if (general.length > 0) {
    rows.push({ kind: 'group', text: 'ภาพรวม' });
    for (const r of general) {
      const label =
        r.scope === 'total'
          ? 'คะแนนรวม ITA'
          : `แบบ ${r.code} ${facts.instruments.find((i) => i.code === r.code)?.name_th ?? ''}`.trim();
      rows.push({ kind: 'cells', cells: [{ lines: [label] }, { lines: [r.text] }] });
    }
  }
  for (const ind of facts.indicators) {
    const own = other.filter((r) => r.scope === 'indicator' && r.code === String(ind.number));
    const subs = other.filter(
      (r) =>
        r.scope === 'sub_indicator' &&
        facts.subIndicators.find((s) => s.code === r.code)?.indicator === ind.number,
    );
    const questions = facts.questions.filter((q) => q.indicator === ind.number && q.recommendation);
    if (own.length + subs.length + questions.length === 0) continue;
    rows.push({ kind: 'group', text: indicatorTitle(facts, ind.number) });
    for (const r of own) rows.push({ kind: 'cells', cells: [{ lines: ['ทั้งตัวชี้วัด'] }, { lines: [r.text] }] });
    for (const r of subs) {
      const sub = facts.subIndicators.find((s) => s.code === r.code);
      rows.push({
        kind: 'cells',
        cells: [{ lines: [`ตัวชี้วัดย่อยที่ ${r.code} ${sub?.name_th ?? ''}`.trim()] }, { lines: [r.text] }],
      });
    }
    for (const q of questions) {
      rows.push({ kind: 'cells', cells: [{ lines: [questionCell(q)] }, { lines: [q.recommendation!] }] });
    }
  }
  if (rows.length === 0) {
    return [{ kind: 'paragraph', text: 'ผลการประเมินที่บันทึกไว้ไม่มีข้อเสนอแนะของสำนักงาน ป.ป.ช.', indent: true }];
  }
  return [
    {
      kind: 'table',
      columns: [
        { header: 'ข้อคำถาม/รายการ', width: 45 },
        { header: 'ข้อเสนอแนะ', width: 55 },
      ],
      rows,
      emptyText: 'ไม่มีข้อเสนอแนะ',
    },
  ];
}

export const failedItem = (q: QuestionFact) => q.state === 'scored' && (q.passed === false || q.score === 0);

/**
 * What is known of the OIT items: "ผ่านทุกรายการ (43 รายการ)" only when every item of the edition
 * was assessed and passed; otherwise how many passed out of how many have data, and how many have none.
 */
export function oitSummary(facts: AnalysisFacts): string | null {
  const items = facts.questions.filter((q) => q.instrument === 'OIT');
  if (items.length === 0) return null;
  const scored = items.filter((q) => q.state === 'scored');
  const failed = scored.filter(failedItem);
  const passed = scored.length - failed.length;
  const notAssessed = items.filter((q) => q.state === 'not_assessed');
  const notEntered = items.filter((q) => q.state === 'not_entered');
  if (scored.length === 0 && notAssessed.length === 0) {
    return `ผลการประเมินที่บันทึกไว้ไม่มีข้อมูลรายการของแบบ OIT (กรอบการประเมินมี ${items.length} รายการ)`;
  }
  if (passed === items.length) return `ผ่านทุกรายการของแบบ OIT (${items.length} รายการ)`;
  const of =
    scored.length === items.length
      ? `ทั้งหมด ${items.length} รายการ`
      : ` ${scored.length} รายการที่${notAssessed.length > 0 ? 'ได้ประเมิน' : 'มีข้อมูล'}`;
  const parts = [scored.length > 0 ? `ผ่าน ${passed} รายการจาก${of}` : 'ไม่มีรายการที่ได้ประเมิน'];
  if (failed.length > 0) parts.push(`ไม่ผ่าน ${failed.length} รายการ`);
  if (notAssessed.length > 0) {
    parts.push(
      `ไม่ได้ประเมิน ${notAssessed.length} รายการ (${thaiList(notAssessed.map((q) => q.displayCode))})`,
    );
  }
  const text = `แบบ OIT ${parts.join(' ')}`;
  return notEntered.length > 0 ? `${text} (ไม่มีข้อมูล ${notEntered.length} รายการ)` : text;
}

/** The OIT summary and the failed items under their sub-indicator (or their indicator, where the edition has none). */
function oitBlocks(a: Analysis, facts: AnalysisFacts): Block[] {
  const summary = oitSummary(facts);
  const blocks: Block[] = summary ? [{ kind: 'paragraph', text: summary, indent: true }] : [];
  const failed = a.outcome.failedOitItems;
  if (failed.length === 0) return blocks;
  const rows: Row[] = [];
  let group = '';
  for (const item of failed) {
    const q = questionOf(facts, item.code);
    const sub = q?.subIndicator ? facts.subIndicators.find((s) => s.code === q.subIndicator) : undefined;
    const name = sub
      ? `ตัวชี้วัดย่อยที่ ${sub.code} ${sub.name_th}`
      : q
        ? indicatorTitle(facts, q.indicator)
        : 'รายการที่ไม่อยู่ในกรอบการประเมิน';
    if (name !== group) {
      rows.push({ kind: 'group', text: name });
      group = name;
    }
    rows.push({
      kind: 'cells',
      cells: [
        { lines: [item.displayCode], align: 'center' },
        { lines: [item.label_th?.trim() || 'ไม่มีชื่อรายการในกรอบการประเมิน'] },
        { lines: [item.reason?.trim() || 'ไม่ได้ระบุ'] },
      ],
    });
  }
  blocks.push({
    kind: 'table',
    caption: 'รายการของแบบ OIT ที่ไม่ผ่าน',
    columns: [
      { header: 'ข้อ', width: 10, align: 'center' },
      { header: 'รายการ', width: 45 },
      { header: 'เหตุผลของผู้ประเมิน', width: 45 },
    ],
    rows,
    emptyText: 'ไม่มีรายการที่ไม่ผ่าน',
  });
  return blocks;
}

function yoyTable(a: Analysis, facts: AnalysisFacts): Block {
  const yoy = a.outcome.yoy;
  const labelOf = (r: NonNullable<typeof yoy>['rows'][number]) => {
    if (r.scope === 'question') {
      const q = questionOf(facts, r.code);
      const code = q?.displayCode ?? r.code;
      return r.label_th
        ? `${code} ${r.label_th}`
        : q
          ? `${code} (${indicatorTitle(facts, q.indicator)})`
          : code;
    }
    return r.label_th ? `${r.code} ${r.label_th}` : r.code;
  };
  const stateOf = (r: NonNullable<typeof yoy>['rows'][number]) =>
    r.scope === 'instrument'
      ? facts.instruments.find((i) => i.code === r.code)?.state
      : r.scope === 'indicator'
        ? indicatorOf(facts, Number(r.code))?.state
        : questionOf(facts, r.code)?.state;
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
        { lines: [labelOf(r)] },
        { lines: [r.yoy.previous === null ? 'ไม่มีข้อเทียบ' : score(r.yoy.previous)], align: 'right' },
        { lines: [scoreOrMissing(r.current, stateOf(r))], align: 'right' },
        { lines: [change(r.yoy.change)], align: 'right' },
      ],
    })),
    emptyText: 'ไม่มีผลการประเมินของปีก่อนให้เปรียบเทียบ',
  };
}

/** The agency's limitations, the analysis' warnings and what the data does not cover; none: no section. */
function limitationsSection(a: Analysis, facts: AnalysisFacts): Block[] {
  const blocks = prose(a.limitations);
  const notes = a.outcome.warnings.map((w) => w.message_th);
  if (a.settings.judge === 'questions' && a.outcome.judged === 'indicators') {
    notes.push('ผลการประเมินที่บันทึกไว้ไม่มีคะแนนรายข้อ จึงพิจารณาจากคะแนนรายตัวชี้วัด');
  }
  if (facts.scoresChangedAfterAnalysis) {
    notes.push('คะแนนของผลการประเมินมีการแก้ไขหลังการวิเคราะห์ครั้งนี้ ผลการวิเคราะห์อาจไม่ตรงกับคะแนนปัจจุบัน');
  }
  if (notes.length > 0) blocks.push({ kind: 'list', ordered: false, items: notes });
  return blocks.length > 0 ? [heading(2, '7. ข้อจำกัดของการวิเคราะห์'), ...blocks] : [];
}
