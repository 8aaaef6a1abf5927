import { describe, expect, it } from 'vitest';
import { analysisSettingsSchema } from '#shared/assessments/analysis.ts';
import type { Analysis } from '#shared/assessments/contract.ts';
import type { ScoreEntry } from '#shared/assessments/scores.ts';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import { resolveGroupings } from '#shared/catalogue/grouping-refs.ts';
import { readCatalogue } from '#shared/catalogue/read-catalogue.testutil.ts';
import { documentOptionsSchema } from '#shared/documents/contract.ts';
import { analyse } from '../../assessments/analysis/analyse.ts';
import { narrativeTemplates } from '../../catalogue/narrative-templates.ts';
import type { Block, DocumentModel, Inline, Row, Workbook } from '../model.ts';
import { relevantOptions } from '../subjects.ts';
import { analysisFacts } from './analysis-facts.ts';
import { type AnalysisReportView, analysisReport, oitSummary } from './analysis-report.ts';
import { analysisSummaryBlocks, totalSentence } from './analysis-summary.ts';
import { analysisWorkbook } from './analysis-workbook.ts';

/**
 * The analysis report and workbook built from view-models (no database): the three facts of a score
 * (entered, imported as "-", never entered), the OIT items as far as they are known, each instrument's
 * highest and lowest indicator, one paragraph per indicator, NACC's suggestions with their questions,
 * the indicator order option and the reason a level cannot be computed.
 */
const editions: Edition[] = readCatalogue();
const edition = (year: number) => editions.find((e) => e.fiscal_year === year)!;

const entry = (
  scope: ScoreEntry['scope'],
  code: string,
  score: number | null,
  extra: Partial<ScoreEntry> = {},
): ScoreEntry => ({ scope, code, score, passed: null, reason: null, recommendation: null, ...extra });
const indicators = (values: (number | null | undefined)[]) =>
  values.flatMap((v, i) => (v === undefined ? [] : [entry('indicator', String(i + 1), v)]));

function viewOf(
  year: number,
  scores: ScoreEntry[],
  options: {
    settings?: Record<string, unknown>;
    narratives?: Analysis['narratives'];
    limitations?: string;
    statedLevel?: string;
  } = {},
  indicatorOrder?: 'number' | 'score',
): AnalysisReportView {
  const e = edition(year);
  const settings = analysisSettingsSchema.parse(options.settings ?? {});
  const outcome = analyse({
    fiscalYear: year,
    edition: e,
    groupings: resolveGroupings(e, editions),
    scores,
    statedLevel: options.statedLevel ?? null,
    previous: null,
    settings,
    templates: narrativeTemplates(),
  });
  const analysis: Analysis = {
    id: crypto.randomUUID(),
    resultId: crypto.randomUUID(),
    organizationId: crypto.randomUUID(),
    organizationNameTh: 'สำนักงานทดสอบ',
    title: 'วิเคราะห์',
    settings,
    outcome,
    narratives: options.narratives ?? [],
    limitations: options.limitations ?? '',
    version: 1,
    computedAt: '2025-01-01T00:00:00.000Z',
  };
  return {
    header: { organizationNameTh: 'สำนักงานทดสอบ', fiscalYear: year, date: '2025-01-15' },
    analysis,
    facts: analysisFacts(e, scores),
    indicatorOrder,
  };
}

const inlineText = (i: Inline) => (typeof i === 'string' ? i : i.map((r) => r.text).join(''));
const rowText = (r: Row) =>
  r.kind === 'group'
    ? inlineText(r.text)
    : r.cells.map((c) => c.lines.map(inlineText).join(' / ')).join(' | ');
function blockText(b: Block): string {
  switch (b.kind) {
    case 'heading':
    case 'paragraph':
      return inlineText(b.text);
    case 'list':
      return b.items.map(inlineText).join('\n');
    case 'table':
      return [b.caption ?? '', ...(b.rows.length ? b.rows.map(rowText) : [b.emptyText])].join('\n');
    case 'barChart':
      return b.bars.map((x) => `${x.label}: ${x.value}`).join('\n');
    default:
      return '';
  }
}
const textOf = (m: DocumentModel) => m.blocks.map(blockText).join('\n');
/** The section of the report that starts with the heading "N. …", up to the next level-2 heading. */
function section(m: DocumentModel, n: number): Block[] {
  const start = m.blocks.findIndex(
    (b) => b.kind === 'heading' && b.level === 2 && inlineText(b.text).startsWith(`${n}. `),
  );
  if (start === -1) return [];
  const end = m.blocks.findIndex((b, i) => i > start && b.kind === 'heading' && b.level === 2);
  return m.blocks.slice(start + 1, end === -1 ? undefined : end);
}
const sectionText = (m: DocumentModel, n: number) => section(m, n).map(blockText).join('\n');
const tables = (blocks: Block[]) =>
  blocks.filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table');
const indicatorTableOf = (m: DocumentModel) =>
  tables(section(m, 2)).find((t) => t.caption?.startsWith('คะแนนรายตัวชี้วัด'))!;
const sheetText = (w: Workbook, name: string) =>
  w.sheets
    .find((s) => s.name === name)!
    .rows.map((r) => r.map((v) => (v === null ? '' : String(v))).join(' | '))
    .join('\n');

describe('not entered, not assessed and assessed are three facts', () => {
  // IIT given, EIT imported as "-", OIT never entered; indicators 1-5 scored, 6 imported as "-", 7-10 absent.
  const scores = [
    entry('instrument', 'IIT', 88.5),
    entry('instrument', 'EIT', null),
    ...indicators([90, 80, 70, 95, 85, null]),
  ];
  const view = viewOf(2566, scores);
  const model = analysisReport(view);

  it('says "ไม่มีข้อมูล" for what was never entered and "ไม่ได้ประเมิน" only for what was imported as "-"', () => {
    const instruments = tables(section(model, 1))[0]!.rows.map(rowText);
    expect(instruments).toEqual([
      expect.stringMatching(/^IIT .* \| 88\.50 \| -$/),
      expect.stringMatching(/^EIT .* \| ไม่ได้ประเมิน \| -$/),
      expect.stringMatching(/^OIT .* \| ไม่มีข้อมูล \| -$/),
    ]);
    const rows = indicatorTableOf(model).rows.map(rowText);
    expect(rows[5]).toBe('6. คุณภาพการดำเนินงาน | EIT | ไม่ได้ประเมิน');
    for (const n of [7, 8, 9, 10]) expect(rows[n - 1]).toMatch(/\| ไม่มีข้อมูล$/);
    expect(rows[0]).toMatch(/^1\. การปฏิบัติหน้าที่ \| IIT \| 90\.00 \| /);
  });

  it('leaves indicators with nothing entered out of the chart (a bar without a value reads "ไม่ได้ประเมิน")', () => {
    const chart = model.blocks.find((b) => b.kind === 'barChart');
    expect(chart?.kind === 'barChart' && chart.bars.map((b) => [b.label.split('.')[0], b.value])).toEqual([
      ['1', 90],
      ['2', 80],
      ['3', 70],
      ['4', 95],
      ['5', 85],
      ['6', null],
    ]);
  });

  it('never says "ไม่ได้ประเมิน" when nothing was imported as "-"', () => {
    const m = analysisReport(viewOf(2566, indicators([90, 80, 70, 95, 85, 88, 86, 92])));
    expect(textOf(m)).not.toContain('ไม่ได้ประเมิน');
    expect(indicatorTableOf(m).rows.map(rowText).slice(8)).toEqual([
      '9. การเปิดเผยข้อมูล | OIT | ไม่มีข้อมูล',
      '10. การป้องกันการทุจริต | OIT | ไม่มีข้อมูล',
    ]);
  });

  it('the plan summary, without the facts, says only that there is no score', () => {
    const text = analysisSummaryBlocks(view.analysis).map(blockText).join('\n');
    expect(text).toContain('6. คุณภาพการดำเนินงาน | EIT | ไม่มีคะแนน');
    expect(text).not.toContain('ไม่ได้ประเมิน');
    const withFacts = analysisSummaryBlocks(view.analysis, view.facts).map(blockText).join('\n');
    expect(withFacts).toContain('6. คุณภาพการดำเนินงาน | EIT | ไม่ได้ประเมิน');
  });
});

describe('OIT items: only what is known', () => {
  const oit = edition(2566).questions.filter((q) => q.instrument === 'OIT');

  it('three items entered and passed: passed 3 of the 3 with data, and how many have none', () => {
    const scores = oit.slice(0, 3).map((q) => entry('question', q.code, null, { passed: true }));
    const model = analysisReport(viewOf(2566, scores));
    const text = sectionText(model, 5);
    expect(text).toContain(`แบบ OIT ผ่าน 3 รายการจาก 3 รายการที่มีข้อมูล (ไม่มีข้อมูล ${oit.length - 3} รายการ)`);
    expect(textOf(model)).not.toContain('ผ่านทุกรายการ');
  });

  it('every item of the edition entered and passed: passed every item', () => {
    const scores = oit.map((q) => entry('question', q.code, 100));
    expect(sectionText(analysisReport(viewOf(2566, scores)), 5)).toContain(
      `ผ่านทุกรายการของแบบ OIT (${oit.length} รายการ)`,
    );
  });

  it('counts failed and not-assessed items, and lists the failed ones under their sub-indicator', () => {
    const byCode = (c: string) => oit.find((q) => q.code === c)!;
    const [o1, o2, o11, o12] = ['o1', 'o2', 'o11', 'o12'].map(byCode);
    const scores = [
      entry('question', o1!.code, null, { passed: false, reason: 'ไม่ครบองค์ประกอบ' }),
      entry('question', o2!.code, 100),
      entry('question', o11!.code, 0),
      entry('question', o12!.code, null),
    ];
    const model = analysisReport(viewOf(2566, scores));
    const text = sectionText(model, 5);
    expect(text).toContain(
      `แบบ OIT ผ่าน 1 รายการจาก 3 รายการที่ได้ประเมิน ไม่ผ่าน 2 รายการ ไม่ได้ประเมิน 1 รายการ (O12) (ไม่มีข้อมูล ${oit.length - 4} รายการ)`,
    );
    const failed = tables(section(model, 5))[0]!;
    const sub = (code: string) => edition(2566).sub_indicators.find((s) => s.code === code)!;
    expect(failed.rows.map(rowText)).toEqual([
      `ตัวชี้วัดย่อยที่ ${o1!.sub_indicator} ${sub(o1!.sub_indicator!).name_th}`,
      `O1 | ${o1!.text_th} | ไม่ครบองค์ประกอบ`,
      `ตัวชี้วัดย่อยที่ ${o11!.sub_indicator} ${sub(o11!.sub_indicator!).name_th}`,
      `O11 | ${o11!.text_th} | ไม่ได้ระบุ`,
    ]);
    expect(o1!.sub_indicator).not.toBe(o11!.sub_indicator);
  });

  it('every item entered, some failed: passed out of all of them', () => {
    const scores = oit.map((q, i) => entry('question', q.code, i < 2 ? 0 : 100));
    expect(sectionText(analysisReport(viewOf(2566, scores)), 5)).toContain(
      `แบบ OIT ผ่าน ${oit.length - 2} รายการจากทั้งหมด ${oit.length} รายการ ไม่ผ่าน 2 รายการ\n`,
    );
  });

  it('no OIT item entered says so, with how many the edition has', () => {
    const facts = analysisFacts(edition(2566), indicators([90]));
    expect(oitSummary(facts)).toBe(
      `ผลการประเมินที่บันทึกไว้ไม่มีข้อมูลรายการของแบบ OIT (กรอบการประเมินมี ${oit.length} รายการ)`,
    );
  });
});

describe('highest and lowest indicator of each instrument', () => {
  // IIT 1-5, EIT 6-8, OIT 9-10; a tie at the top of EIT; OIT has one scored indicator.
  const view = viewOf(2566, indicators([98.5, 80, 72.3, 90, 85, 91, 91, 88, 77]));
  const model = analysisReport(view);

  it('in words, ties named together, an instrument with one scored indicator said as such', () => {
    const text = sectionText(model, 2);
    expect(text).toContain(
      'ตัวชี้วัดที่ได้คะแนนสูงสุดของแบบ IIT คือ ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ (98.50) ต่ำสุดคือ ตัวชี้วัดที่ 3 การใช้อำนาจ (72.30)',
    );
    expect(text).toContain(
      'ตัวชี้วัดที่ได้คะแนนสูงสุดของแบบ EIT คือ ตัวชี้วัดที่ 6 คุณภาพการดำเนินงาน และ ตัวชี้วัดที่ 7 ประสิทธิภาพการสื่อสาร (91.00) ต่ำสุดคือ ตัวชี้วัดที่ 8 การปรับปรุงการทำงาน (88.00)',
    );
    expect(text).toContain('แบบ OIT มีคะแนนตัวชี้วัดเดียว คือ ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล (77.00)');
  });

  it('marked in the indicator table, in the workbook too', () => {
    const rows = indicatorTableOf(model).rows.map(rowText);
    expect(rows[0]).toContain('คะแนนสูงสุดของแบบ IIT');
    expect(rows[2]).toContain('คะแนนต่ำสุดของแบบ IIT');
    expect(rows[5]).toContain('คะแนนสูงสุดของแบบ EIT');
    expect(rows[6]).toContain('คะแนนสูงสุดของแบบ EIT');
    expect(rows[1]).not.toMatch(/สูงสุด|ต่ำสุด/);
    expect(rows[8]).not.toMatch(/สูงสุด|ต่ำสุด/);
    const sheet = sheetText(analysisWorkbook(view), 'ผลการประเมิน');
    expect(sheet).toContain('ตัวชี้วัด | 3 | การใช้อำนาจ | 72.3 | จุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน | คะแนนต่ำสุดของแบบ IIT');
  });
});

describe('one paragraph per indicator', () => {
  it('names its weak questions once each, by code alone where the edition has no wording (ITA 2567)', () => {
    const scores = [
      entry('question', 'i4', 70),
      entry('question', 'i5', 78.2),
      entry('question', 'i6', 80),
      entry('question', 'i1', 95),
      entry('indicator', '1', 88),
    ];
    const model = analysisReport(viewOf(2567, scores));
    const text = sectionText(model, 3);
    const paragraphs = section(model, 3)
      .filter((b) => b.kind === 'paragraph')
      .map(blockText);
    expect(paragraphs).toEqual([
      `ประเด็นในหัวข้อนี้พิจารณาจากคะแนนรายตัวชี้วัดและรายข้อ ซึ่งผลการประเมินที่บันทึกไว้มีคะแนนรายข้อ 4 ข้อจากทั้งหมด ${edition(2567).questions.length} ข้อ`,
      'ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ มีข้อที่ต้องแก้ไขโดยเร่งด่วน (ต่ำกว่า 85.00 คะแนน) 3 ข้อ ได้แก่ i4 (70.00), i5 (78.20) และ i6 (80.00) ทั้งนี้ ตัวชี้วัดนี้ได้คะแนน 88.00 ผ่านเกณฑ์ แต่ยังมีข้อข้างต้นที่ควรปรับปรุง',
    ]);
    expect(text).not.toMatch(/ข้อ i4 "i4"/);
    // The table names the indicator where the wording is unknown: never the code twice.
    const rows = tables(section(model, 3))[0]!.rows.map(rowText);
    expect(rows[0]).toBe('i4 | ข้อคำถามของตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ | 70.00 | จุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน');
    for (const r of rows) expect(r).not.toMatch(/^(i\d+) \| \1 \|/);
  });

  it('with the wording where the edition has it (ITA 2566), and the secretariat’s own words after it', () => {
    const q = edition(2566).questions.find((x) => x.code === 'i4')!;
    const view = viewOf(2566, [entry('question', 'i4', 70)], {
      narratives: [
        { findingKey: 'question:i4', text: 'คณะทำงานเห็นว่าควรชี้แจงเรื่องนี้', stale: false, editedAt: '' },
      ],
    });
    const paragraphs = section(analysisReport(view), 3)
      .filter((b) => b.kind === 'paragraph')
      .map(blockText)
      .slice(1);
    expect(paragraphs).toEqual([
      `ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ มีข้อที่ต้องแก้ไขโดยเร่งด่วน (ต่ำกว่า 85.00 คะแนน) 1 ข้อ ได้แก่ i4 ${q.text_th} (70.00) ส่วนคะแนนของตัวชี้วัดนี้ไม่มีข้อมูล`,
      'คณะทำงานเห็นว่าควรชี้แจงเรื่องนี้',
    ]);
  });

  it('judging indicators: one sentence per weak indicator with the band it fell in', () => {
    const model = analysisReport(viewOf(2566, indicators([90, 74.84])));
    expect(
      section(model, 3)
        .filter((b) => b.kind === 'paragraph')
        .map(blockText),
    ).toEqual(['ตัวชี้วัดที่ 2 การใช้งบประมาณ ได้คะแนน 74.84 (ต่ำกว่า 85.00 คะแนน) จึงเป็นจุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน']);
  });

  it('judging indicators: no one-row table repeating the indicator above its sentence', () => {
    const model = analysisReport(viewOf(2566, indicators([90, 74.84, 70])));
    expect(tables(section(model, 3))).toEqual([]);
  });
});

describe('what the findings rest on', () => {
  it('questions judged from a part of them: how many had a score, and that none was found among them', () => {
    const scores = [...indicators([90, 95]), ...['o1', 'o2', 'o3'].map((c) => entry('question', c, 100))];
    const view = viewOf(2566, scores);
    expect(sectionText(analysisReport(view), 3)).toBe(
      `ประเด็นในหัวข้อนี้พิจารณาจากคะแนนรายตัวชี้วัดและรายข้อ ซึ่งผลการประเมินที่บันทึกไว้มีคะแนนรายข้อ 3 ข้อจากทั้งหมด ${edition(2566).questions.length} ข้อ\nไม่พบข้อที่เข้าเกณฑ์ที่ใช้วิเคราะห์`,
    );
  });

  it('a weak indicator without question scores is a finding even when some questions are scored', () => {
    const scores = [...indicators([90, 74.84]), ...['o1', 'o2', 'o3'].map((c) => entry('question', c, 100))];
    const text = sectionText(analysisReport(viewOf(2566, scores)), 3);
    expect(text).toContain(
      'ตัวชี้วัดที่ 2 การใช้งบประมาณ ได้คะแนน 74.84 (ต่ำกว่า 85.00 คะแนน) จึงเป็นจุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน',
    );
  });
});

describe("NACC's suggestions", () => {
  it('each beside the question code and wording it belongs to, under its indicator', () => {
    const e = edition(2566);
    const i4 = e.questions.find((x) => x.code === 'i4')!;
    const scores = [
      entry('question', 'i4', 70, { recommendation: 'ควรกำชับเจ้าหน้าที่' }),
      entry('question', 'o12', 0, { recommendation: 'ควรเผยแพร่รายการจัดซื้อ' }),
      entry('indicator', '2', 80, { recommendation: 'ควรเปิดเผยแผนการใช้จ่าย' }),
    ];
    const model = analysisReport(viewOf(2566, scores));
    const table = tables(section(model, 4))[0]!;
    const o12 = e.questions.find((x) => x.code === 'o12')!;
    expect(table.rows.map(rowText)).toEqual([
      'ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่',
      `i4 ${i4.text_th} | ควรกำชับเจ้าหน้าที่`,
      'ตัวชี้วัดที่ 2 การใช้งบประมาณ',
      'ทั้งตัวชี้วัด | ควรเปิดเผยแผนการใช้จ่าย',
      'ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล',
      `O12 ${o12.text_th} | ควรเผยแพร่รายการจัดซื้อ`,
    ]);
    const cell = table.rows[1]!.kind === 'cells' ? table.rows[1]!.cells[0]!.lines[0] : '';
    expect(typeof cell !== 'string' && cell?.[0]).toEqual({ text: 'i4', bold: true });
  });

  it('none stored: says so', () => {
    expect(sectionText(analysisReport(viewOf(2566, indicators([90]))), 4)).toBe(
      'ผลการประเมินที่บันทึกไว้ไม่มีข้อเสนอแนะของสำนักงาน ป.ป.ช.',
    );
  });
});

describe('indicator order', () => {
  const scores = indicators([80, 95, 70, undefined, 90]);
  it('by number by default, by score (highest first, missing last) when chosen', () => {
    const numbers = (order?: 'number' | 'score') =>
      indicatorTableOf(analysisReport(viewOf(2566, scores, {}, order))).rows.map(
        (r) => rowText(r).split('.')[0],
      );
    expect(numbers()).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(numbers('score')).toEqual(['2', '5', '1', '3', '4', '6', '7', '8', '9', '10']);
    const chart = analysisReport(viewOf(2566, scores, {}, 'score')).blocks.find((b) => b.kind === 'barChart');
    expect(chart?.kind === 'barChart' && chart.bars.map((b) => b.value)).toEqual([95, 90, 80, 70]);
  });

  it('is an option of the analysis only: other kinds drop it (no new version for a field they do not print)', () => {
    const options = documentOptionsSchema.parse({ indicatorOrder: 'score' });
    expect(documentOptionsSchema.parse({}).indicatorOrder).toBe('number');
    expect(relevantOptions('analysis', options).indicatorOrder).toBe('score');
    expect(relevantOptions('plan', options).indicatorOrder).toBe('number');
    expect(documentOptionsSchema.safeParse({ indicatorOrder: 'name' }).success).toBe(false);
  });
});

describe('the level with the reason it cannot be computed', () => {
  it('names the missing instrument scores', () => {
    const view = viewOf(2566, [entry('instrument', 'IIT', 90), entry('instrument', 'OIT', 80)]);
    expect(totalSentence(view.analysis)).toBe(
      'ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2566 ไม่มีคะแนนรวมในผลที่บันทึกไว้ (คำนวณไม่ได้: ไม่มีคะแนนแบบ EIT (EIT: ไม่มีคะแนนตัวชี้วัดที่ 6, 7 และ 8)) จึงวิเคราะห์จากคะแนนรายตัวชี้วัดและรายข้อ',
    );
  });

  it('names the missing weights of the edition when every instrument is scored', () => {
    const view = viewOf(
      2569,
      ['IIT', 'EIT', 'OIT'].map((c) => entry('instrument', c, 90)),
    );
    expect(totalSentence(view.analysis)).toContain(
      '(คำนวณไม่ได้: กรอบการประเมินปี 2569 ไม่ได้กำหนดน้ำหนักของแบบ IIT, EIT และ OIT)',
    );
  });

  it('derives the total from the instruments by the edition rule, and says so', () => {
    const view = viewOf(
      2567,
      ['IIT', 'EIT', 'OIT'].map((c) => entry('instrument', c, 90)),
    );
    expect(totalSentence(view.analysis)).toBe(
      'ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2567 ได้คะแนนรวม 90.00 คะแนน (คำนวณจากคะแนนรายแบบวัดตามเกณฑ์ของกรอบการประเมินปี 2567) ซึ่งตามเกณฑ์ระดับผลการประเมินอยู่ในระดับ ผ่านดี',
    );
  });

  it('keeps the stated level as the official one and notes a stated total the indicators do not give', () => {
    const scores = [...indicators([90, 80, 85, 95, 100, 88, 92, 90, 80, 70]), entry('total', 'ITA', 86.52)];
    const view = viewOf(2567, scores, { statedLevel: 'ผ่านดี' });
    expect(totalSentence(view.analysis)).toBe(
      'ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2567 ได้คะแนนรวม 86.52 คะแนน อยู่ในระดับ ผ่านดี',
    );
    const text = sectionText(analysisReport(view), 1);
    expect(text).toContain(
      'หมายเหตุ: คะแนนรวมที่ระบุ (86.52) ต่างจากคะแนนที่คำนวณได้ตามน้ำหนักของแต่ละแบบวัด (84.00) เกินกว่าการปัดเศษ',
    );
    expect(text).toContain('IIT แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน | 90.00 *');
    expect(text).toContain('* คำนวณจากค่าเฉลี่ยของคะแนนรายตัวชี้วัดของแบบวัดนั้น');
  });

  it('a total without a computable level says why', () => {
    const view = viewOf(2568, [entry('total', 'ITA', 96), entry('instrument', 'IIT', 97)]);
    expect(view.analysis.outcome.level.computed).toBeNull();
    expect(totalSentence(view.analysis)).toBe(
      'ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2568 ได้คะแนนรวม 96.00 คะแนน ระดับคำนวณไม่ได้: เกณฑ์ระดับผลของปี 2568 ใช้คะแนนของทุกแบบวัด แต่ไม่มีคะแนนแบบ EIT และ OIT',
    );
    expect(sheetText(analysisWorkbook(view), 'ผลการประเมิน')).toContain(
      'รวม | ITA | คะแนนรวม | 96 | ระดับคำนวณไม่ได้: เกณฑ์ระดับผลของปี 2568 ใช้คะแนนของทุกแบบวัด แต่ไม่มีคะแนนแบบ EIT และ OIT',
    );
  });
});

describe('the analysis workbook follows the same facts', () => {
  it('no "ไม่ได้ประเมิน" for what was not entered; wording beside codes; OIT items and suggestions sheets', () => {
    const scores = [
      ...indicators([90, 80, null]),
      entry('question', 'o1', null, { passed: false, reason: 'ไม่ครบ', recommendation: 'ควรเผยแพร่' }),
      entry('question', 'o2', null),
    ];
    const view = viewOf(2566, scores);
    const book = analysisWorkbook(view);
    expect(book.sheets.map((s) => s.name)).toEqual([
      'ผลการประเมิน',
      'ประเด็นที่พบ',
      'รายการแบบ OIT',
      'ข้อเสนอแนะ ป.ป.ช.',
    ]);
    const results = sheetText(book, 'ผลการประเมิน');
    expect(results).toContain('ตัวชี้วัด | 3 | การใช้อำนาจ |  | ไม่ได้ประเมิน');
    expect(results).toContain('ตัวชี้วัด | 4 | การใช้ทรัพย์สินของราชการ |  | ไม่มีข้อมูล');
    expect(results).toContain('แบบวัด | OIT | ');
    expect(results).not.toMatch(/แบบวัด \| \w+ \| [^|]+ \| {2}\| ไม่ได้ประเมิน/);
    const o1 = edition(2566).questions.find((q) => q.code === 'o1')!;
    const oit = sheetText(book, 'รายการแบบ OIT');
    expect(oit).toContain(`O1 | ${o1.text_th} | ไม่ผ่าน | ไม่ครบ | ควรเผยแพร่`);
    expect(oit).toMatch(/O2 \| [^|]+ \| ไม่ได้ประเมิน/);
    expect(oit).toMatch(/O3 \| [^|]+ \| ไม่มีข้อมูล/);
    expect(sheetText(book, 'ข้อเสนอแนะ ป.ป.ช.')).toBe(`9. การเปิดเผยข้อมูล | O1 | ${o1.text_th} | ควรเผยแพร่`);
  });

  it('findings sheet: the indicator beside a code whose wording is unknown, never the code twice', () => {
    const book = analysisWorkbook(viewOf(2567, [entry('question', 'i4', 70)]));
    expect(sheetText(book, 'ประเด็นที่พบ')).toContain('i4 | ข้อคำถามของตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ | 70');
  });
});

describe('limitations', () => {
  it('says when scores changed after the analysis, and has no section when there is nothing to say', () => {
    const view = viewOf(2566, [entry('question', 'i1', 90)]);
    expect(section(analysisReport(view), 7)).toEqual([]);
    expect(textOf(analysisReport(view))).not.toContain('ข้อจำกัด');
    const changed = { ...view, facts: { ...view.facts, scoresChangedAfterAnalysis: true } };
    expect(sectionText(analysisReport(changed), 7)).toContain('คะแนนของผลการประเมินมีการแก้ไขหลังการวิเคราะห์ครั้งนี้');
  });

  it('says when the result has no question scores and indicators were judged instead', () => {
    expect(sectionText(analysisReport(viewOf(2566, indicators([90]))), 7)).toBe(
      'ผลการประเมินที่บันทึกไว้ไม่มีคะแนนรายข้อ จึงพิจารณาจากคะแนนรายตัวชี้วัด',
    );
  });
});
