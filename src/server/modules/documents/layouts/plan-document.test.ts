import { describe, expect, it } from 'vitest';
import type { Analysis } from '#shared/assessments/contract.ts';
import type { PlanContent, PlanIssue, PlanMeasure } from '#shared/plans/contract.ts';
import type { SeedPlanFixture } from '#tests/fixtures/plans/plan-builder.ts';
import { seed000 } from '#tests/fixtures/plans/seed-000.ts';
import { seed001 } from '#tests/fixtures/plans/seed-001.ts';
import { runsOf } from '../digits.ts';
import type { Block, Cell, DocumentModel, Inline, Row } from '../model.ts';
import { type PlanDocumentView, planDocument } from './plan-document.ts';
import { pointGroups } from './plan-parts.ts';
import { planWorkbook } from './plan-workbook.ts';

/** A seed plan as the plans module hands it to the layout (unit ids stand in for the database's). */
function seedView(
  fixture: SeedPlanFixture,
  change: (c: PlanContent) => PlanContent = (c) => c,
): PlanDocumentView {
  const unitIdByKey: Record<string, string> = {};
  const unitNames: Record<string, string> = {};
  fixture.units.forEach((u, i) => {
    unitIdByKey[u.key] = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    unitNames[unitIdByKey[u.key]!] = u.nameTh;
  });
  let n = 0;
  return {
    header: {
      organizationNameTh: fixture.organization.nameTh,
      fiscalYear: fixture.fiscalYear,
      date: '2024-11-01',
    },
    content: change(fixture.build(unitIdByKey, () => `id-${++n}`)),
    versionNo: 1,
    unitNames,
    approval: null,
    analysis: null,
    signer: { name: '', positions: [] },
  };
}

const textOf = (inline: Inline) =>
  runsOf(inline)
    .map((r) => r.text)
    .join('');

const tableOf = (model: DocumentModel) => {
  const tables = model.blocks.filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table');
  return tables[tables.length - 1]!;
};
const cellRows = (rows: Row[]) =>
  rows.filter((r): r is Extract<Row, { kind: 'cells' }> => r.kind === 'cells');
const lines = (c: Cell) => c.lines.map(textOf);

/** Every piece of text the document prints, one entry per paragraph, list item, cell line or signature line. */
function allTexts(model: DocumentModel): string[] {
  return model.blocks.flatMap((b): string[] => {
    switch (b.kind) {
      case 'heading':
      case 'paragraph':
        return [textOf(b.text)];
      case 'list':
        return b.items.map(textOf);
      case 'table':
        return [
          ...b.columns.map((c) => c.header),
          ...b.rows.flatMap((r) => (r.kind === 'group' ? [textOf(r.text)] : r.cells.flatMap(lines))),
        ];
      case 'signature':
        return [b.caption ?? '', b.name, ...b.positions];
      default:
        return [];
    }
  });
}

function measure(id: string, title: string, extra: Partial<PlanMeasure> = {}): PlanMeasure {
  return {
    id,
    kind: 'measure',
    title,
    pointIds: [],
    steps: [],
    responsible: { unitIds: [], external: [] },
    timeframe: null,
    monitoring: '',
    codes: [],
    budget: null,
    target: '',
    outputIndicator: '',
    libraryId: null,
    ...extra,
  };
}

function issue(title: string, extra: Partial<PlanIssue> = {}): PlanIssue {
  return {
    id: `issue-${title}`,
    title,
    stance: 'develop',
    description: '',
    points: [],
    findingKeys: [],
    codes: [],
    measures: [],
    ...extra,
  };
}

function analysisWith(limitations: string): Analysis {
  return {
    id: '00000000-0000-4000-8000-0000000000a1',
    resultId: '00000000-0000-4000-8000-0000000000a2',
    organizationId: '00000000-0000-4000-8000-0000000000a3',
    organizationNameTh: 'จังหวัดตาก',
    title: 'การวิเคราะห์',
    settings: {
      urgentBelow: 85,
      developBelow: null,
      strengthAtOrAbove: null,
      urgentBottomN: null,
      strengthTopN: null,
      judge: 'indicators',
      grouping: { kind: 'indicators' },
    },
    outcome: {
      fiscalYear: 2567,
      editionFiscalYear: 2567,
      total: 90,
      figures: {
        rule: null,
        instruments: [],
        total: { stated: 90, derived: null, value: 90, difference: null, differs: false, missing: null },
      },
      level: {
        computed: 'A',
        computedName_th: null,
        computedName_en: null,
        reason: null,
        stated: null,
        official_th: null,
        mismatch: false,
      },
      instruments: [],
      indicators: [],
      indicatorExtremes: [],
      groups: [],
      failedOitItems: [],
      yoy: null,
      judged: 'indicators',
      warnings: [{ message_th: 'คำเตือนของระบบ', message_en: 'A system warning' }],
    },
    narratives: [],
    limitations,
    version: 1,
    computedAt: '2024-10-01T00:00:00.000Z',
  } as Analysis;
}

describe('measures are numbered as agencies number them: (issue.measure)', () => {
  it('numbers every measure of the columns layout (seed 001: (2.1), (2.2))', () => {
    const view = seedView(seed001);
    const rows = cellRows(tableOf(planDocument(view)).rows);
    const firstLines = rows.map((r) => lines(r.cells[0]!)[0]);
    expect(firstLines).toContain('(1.1) ส่งเสริมการปฏิบัติงานที่โปร่งใสและการให้บริการที่มีประสิทธิภาพ');
    expect(firstLines).toContain('(2.1) การให้บริการ');
    expect(firstLines).toContain('(2.2) การพัฒนาระบบการให้บริการออนไลน์ e-service และการประชาสัมพันธ์');
    expect(firstLines).toContain('(4.3) การกำกับดูแลการใช้ทรัพย์สินของทางราชการ');
    expect(firstLines.every((l) => /^\(\d+\.\d+\) /.test(l ?? ''))).toBe(true);
  });

  it('numbers every measure of the issue → point → measure layout (seed 000)', () => {
    const texts = allTexts(planDocument(seedView(seed000)));
    expect(texts).toContain('(1.1) มาตรการตามประเด็น 1.1');
    expect(texts).toContain('(4.2) มาตรการตามประเด็น 4.3');
    expect(texts).toContain(
      '(6.2) กำหนดนโยบายหรือมาตรการดำเนินการเฝ้าระวัง ตรวจสอบ และลงโทษผู้กระทำทุจริตอย่างจริงจัง เพื่อป้องกันการทุจริตในหน่วยงาน',
    );
  });

  it('says a project or activity as such once, not "โครงการ: โครงการ…"', () => {
    const view = seedView(seed001, (c) => ({
      ...c,
      issues: [
        issue('ก', {
          measures: [
            measure('m1', 'โครงการอบรมคุณธรรม', { kind: 'project' }),
            measure('m2', 'ประชุมชี้แจง', { kind: 'activity' }),
          ],
        }),
      ],
    }));
    const firstLines = cellRows(tableOf(planDocument(view)).rows).map((r) => lines(r.cells[0]!)[0]);
    expect(firstLines).toEqual(['(1.1) โครงการอบรมคุณธรรม', '(1.2) กิจกรรม: ประชุมชี้แจง']);
  });

  it('numbers the workbook’s measures alike', () => {
    const sheet = planWorkbook(seedView(seed001)).sheets[0]!;
    expect(sheet.columns[0]!.header).toBe('ที่');
    expect(sheet.rows.map((r) => r[0])).toEqual([
      '(1.1)',
      '(2.1)',
      '(2.2)',
      '(3.1)',
      '(3.2)',
      '(4.1)',
      '(4.2)',
      '(4.3)',
      '(5.1)',
      '(6.1)',
      '(7.1)',
    ]);
  });
});

describe('responsible units one a line, never run together', () => {
  const PROVINCE = 'สำนักงานจังหวัดสุราษฎร์ธานี';
  const REGIONAL = 'ส่วนราชการส่วนภูมิภาค';

  it('writes each unit on a line of its own, marked when there are several (seed 000, 6.3)', () => {
    const rows = cellRows(tableOf(planDocument(seedView(seed000))).rows);
    const row63 = rows.find((r) => lines(r.cells[1]!)[0]?.startsWith('(6.3)'))!;
    expect(lines(row63.cells[2]!)).toEqual([`- ${PROVINCE}`, `- ${REGIONAL}`]);
    const row21 = rows.find((r) => lines(r.cells[1]!)[0]?.startsWith('(2.1)'))!;
    expect(lines(row21.cells[2]!)).toEqual([REGIONAL]);
  });

  it('names the units of steps too, each once (seed 000, 6.1: the NACC office and the provincial office)', () => {
    const rows = cellRows(tableOf(planDocument(seedView(seed000))).rows);
    const row61 = rows.find((r) => lines(r.cells[1]!)[0]?.startsWith('(6.1)'))!;
    expect(lines(row61.cells[2]!)).toEqual(['- สำนักงาน ป.ป.ช. ประจำจังหวัด', `- ${PROVINCE}`, `- ${REGIONAL}`]);
  });

  it('puts one unit a line (line feeds) in the workbook, the units of steps included', () => {
    const sheet = planWorkbook(seedView(seed000)).sheets[0]!;
    const col = sheet.columns.findIndex((c) => c.header === 'ผู้รับผิดชอบ');
    const row61 = sheet.rows.find((r) => r[0] === '(6.1)')!;
    expect(String(row61[col]).split('\n')).toEqual(['สำนักงาน ป.ป.ช. ประจำจังหวัด', PROVINCE, REGIONAL]);
    const row11 = sheet.rows.find((r) => r[0] === '(1.1)')!;
    expect(String(row11[col]).split('\n')).toEqual([PROVINCE, REGIONAL]);
  });
});

describe('each issue’s description and points in every layout', () => {
  const DESCRIPTION = 'จากผลการประเมินพบว่าผู้มีส่วนได้ส่วนเสียภายในเห็นว่าการใช้งบประมาณยังมีข้อต้องพัฒนา';
  const withPoints = (c: PlanContent): PlanContent => ({
    ...c,
    issues: c.issues.map((i, n) =>
      n === 1
        ? {
            ...i,
            description: DESCRIPTION,
            points: [
              { id: 'p1', text: 'ควรให้บริการอย่างเท่าเทียม' },
              { id: 'p2', text: 'ควรเพิ่มช่องทางออนไลน์' },
            ],
            measures: i.measures.map((m, j) => ({ ...m, pointIds: j === 0 ? ['p1', 'p2'] : ['p2'] })),
          }
        : i,
    ),
  });

  it('prints them in the default columns layout, with the points each measure answers', () => {
    const model = planDocument(seedView(seed001, withPoints));
    const texts = allTexts(model);
    expect(texts).toContain('(2) การให้บริการและระบบ E-Service');
    expect(texts).toContain(DESCRIPTION);
    expect(texts).toContain('1) ควรให้บริการอย่างเท่าเทียม');
    expect(texts).toContain('2) ควรเพิ่มช่องทางออนไลน์');
    const narrative = model.blocks.findIndex(
      (b) => b.kind === 'heading' && textOf(b.text) === '(2) การให้บริการและระบบ E-Service',
    );
    expect(narrative).toBeLessThan(model.blocks.indexOf(tableOf(model)));
    const rows = cellRows(tableOf(model).rows);
    const m21 = rows.find((r) => lines(r.cells[0]!)[0]?.startsWith('(2.1)'))!;
    expect(lines(m21.cells[0]!)).toContain('ตอบประเด็น 2.1, 2.2');
    const m22 = rows.find((r) => lines(r.cells[0]!)[0]?.startsWith('(2.2)'))!;
    expect(lines(m22.cells[0]!)).toContain('ตอบประเด็น 2.2');
  });

  it('names issues without description or points in the table only (seed 001 as written)', () => {
    const model = planDocument(seedView(seed001));
    expect(model.blocks.filter((b) => b.kind === 'heading' && b.level === 3)).toEqual([]);
  });

  it('lists them in the workbook: the points each measure answers, and a sheet of issues', () => {
    const book = planWorkbook(seedView(seed001, withPoints));
    const measures = book.sheets[0]!;
    const answers = measures.columns.findIndex((c) => c.header === 'ประเด็นที่ตอบ');
    expect(measures.rows.find((r) => r[0] === '(2.1)')![answers]).toBe(
      '1) ควรให้บริการอย่างเท่าเทียม\n2) ควรเพิ่มช่องทางออนไลน์',
    );
    const issues = book.sheets.find((s) => s.name === 'ประเด็น')!;
    expect(issues.rows[1]).toEqual([
      '(2) การให้บริการและระบบ E-Service',
      'ประเด็นที่ต้องพัฒนาให้ดีขึ้น',
      DESCRIPTION,
      '1) ควรให้บริการอย่างเท่าเทียม\n2) ควรเพิ่มช่องทางออนไลน์',
      '(2.1), (2.2)',
    ]);
  });
});

describe('a measure that answers several points is printed once', () => {
  const STEPS = Array.from({ length: 7 }, (_, k) => `ขั้นตอนที่ ${k + 1} ของมาตรการเดียว`);
  const plan = (c: PlanContent): PlanContent => ({
    ...c,
    layout: 'issue_point_measure',
    issues: [
      issue('การใช้งบประมาณ', {
        points: [
          { id: 'a', text: 'ประเด็นเอ' },
          { id: 'b', text: 'ประเด็นบี' },
          { id: 'c', text: 'ประเด็นซี' },
          { id: 'd', text: 'ประเด็นดี' },
        ],
        measures: [
          measure('big', 'มาตรการเจ็ดขั้นตอน', {
            pointIds: ['a', 'b', 'c'],
            steps: STEPS.map((text, k) => ({ id: `s${k}`, text, responsible: null, timeframe: null })),
          }),
          measure('other', 'มาตรการที่สอง', { pointIds: ['c'] }),
          measure('loose', 'มาตรการไม่ระบุประเด็น'),
        ],
      }),
    ],
  });

  it('prints its steps once, beside all the points it answers (seed 000 merges their cells)', () => {
    const model = planDocument(seedView(seed000, plan));
    const texts = allTexts(model);
    for (const step of STEPS) expect(texts.filter((t) => t.includes(step))).toHaveLength(1);
    const rows = cellRows(tableOf(model).rows);
    expect(rows.map((r) => lines(r.cells[0]!))).toEqual([
      ['1) ประเด็นเอ', '2) ประเด็นบี', '3) ประเด็นซี'],
      ['4) ประเด็นดี'],
      [],
    ]);
    expect(lines(rows[0]!.cells[1]!)[0]).toBe('(1.1) มาตรการเจ็ดขั้นตอน');
    expect(lines(rows[0]!.cells[1]!)).toContain('(1.2) มาตรการที่สอง');
    expect(lines(rows[1]!.cells[1]!)).toEqual(['ยังไม่ได้กำหนดมาตรการ']);
    expect(lines(rows[2]!.cells[1]!)).toEqual(['(1.3) มาตรการไม่ระบุประเด็น']);
  });

  it('prints seed 000’s merged rows once: 4.1 beside points 1–2, 7.2 beside points 2–3', () => {
    const rows = cellRows(tableOf(planDocument(seedView(seed000))).rows);
    const at = (title: string) => rows.filter((r) => lines(r.cells[1]!).some((l) => l.endsWith(title)));
    expect(at('มาตรการตามประเด็น 4.1')).toHaveLength(1);
    expect(lines(at('มาตรการตามประเด็น 4.1')[0]!.cells[0]!).map((l) => l.slice(0, 2))).toEqual(['1)', '2)']);
    expect(at('มาตรการตามประเด็น 7.2')).toHaveLength(1);
    expect(lines(at('มาตรการตามประเด็น 7.2')[0]!.cells[0]!).map((l) => l.slice(0, 2))).toEqual(['2)', '3)']);
  });

  it('groups points that share measures, in the order of their first point', () => {
    const p = (id: string) => ({ id, text: id });
    const groups = pointGroups(
      issue('x', {
        points: [p('a'), p('b'), p('c'), p('d')],
        measures: [
          measure('m1', 'm1', { pointIds: ['d'] }),
          measure('m2', 'm2', { pointIds: ['b'] }),
          measure('m3', 'm3', { pointIds: ['a', 'd'] }),
        ],
      }),
    );
    expect(groups).toEqual([
      { points: [0, 3], measures: [0, 2] },
      { points: [1], measures: [1] },
      { points: [2], measures: [] },
    ]);
  });
});

describe('no section printed as a bare "-"', () => {
  it('leaves out an empty monitoring section, and the monitoring column when no measure has any', () => {
    const model = planDocument(seedView(seed001, (c) => ({ ...c, monitoringSection: '  ' })));
    const texts = allTexts(model);
    expect(texts.filter((t) => t.trim() === '-')).toEqual([]);
    expect(texts).not.toContain('การกำกับติดตามและรายงานผลการดำเนินงาน');
    const unmonitored = planDocument(
      seedView(seed001, (c) => ({
        ...c,
        issues: c.issues.map((i) => ({ ...i, measures: i.measures.map((m) => ({ ...m, monitoring: '' })) })),
      })),
    );
    expect(tableOf(unmonitored).columns.map((c) => c.header)).not.toContain('การติดตามประเมินผล');
    expect(tableOf(planDocument(seedView(seed001))).columns.map((c) => c.header)).toContain(
      'การติดตามประเมินผล',
    );
  });

  it('states a target, output indicator and budget only when the plan gives them', () => {
    const view = seedView(seed001, (c) => ({
      ...c,
      issues: [
        issue('ก', {
          measures: [
            measure('m1', 'มีทุกอย่าง', {
              target: 'บุคลากรร้อยละ 80',
              outputIndicator: 'จำนวนผู้เข้าอบรม',
              budget: 50000,
            }),
            measure('m2', 'ไม่มีอะไร'),
          ],
        }),
      ],
    }));
    const rows = cellRows(tableOf(planDocument(view)).rows);
    expect(lines(rows[0]!.cells[0]!)).toEqual([
      '(1.1) มีทุกอย่าง',
      'เป้าหมาย: บุคลากรร้อยละ 80',
      'ตัวชี้วัด: จำนวนผู้เข้าอบรม',
      'งบประมาณ: 50,000 บาท',
    ]);
    expect(lines(rows[1]!.cells[0]!)).toEqual(['(1.2) ไม่มีอะไร']);
  });
});

describe('the agency’s limitations', () => {
  it('prints the limitations the agency wrote on its analysis, and not the system’s warnings', () => {
    const view = { ...seedView(seed001), analysis: analysisWith('ข้อมูลรายข้อคำถามไม่ครบ\n\nบุคลากรจำกัด') };
    const texts = allTexts(planDocument(view));
    const at = texts.indexOf('ข้อจำกัดของการวิเคราะห์');
    expect(at).toBeGreaterThan(0);
    expect(texts.slice(at + 1, at + 3)).toEqual(['ข้อมูลรายข้อคำถามไม่ครบ', 'บุคลากรจำกัด']);
    expect(texts).not.toContain('คำเตือนของระบบ');
  });

  it('has no limitations section when the agency wrote none', () => {
    const texts = allTexts(planDocument({ ...seedView(seed001), analysis: analysisWith('  ') }));
    expect(texts).not.toContain('ข้อจำกัดของการวิเคราะห์');
    expect(texts.filter((t) => t.trim() === '-')).toEqual([]);
  });
});

describe('prepared-by and signer blocks', () => {
  const signatures = (model: DocumentModel) =>
    model.blocks.filter((b): b is Extract<Block, { kind: 'signature' }> => b.kind === 'signature');

  it('prints the plan’s "prepared by" under the title, once', () => {
    const model = planDocument(
      seedView(seed001, (c) => ({ ...c, preparedBy: 'คณะทำงานขับเคลื่อนการประเมิน ITA จังหวัดตาก' })),
    );
    expect(model.blocks.slice(0, 3)).toEqual([
      { kind: 'heading', level: 1, text: model.title, align: 'center' },
      { kind: 'heading', level: 2, text: 'จังหวัดตาก', align: 'center' },
      { kind: 'paragraph', text: 'จัดทำโดย คณะทำงานขับเคลื่อนการประเมิน ITA จังหวัดตาก', align: 'center' },
    ]);
    expect(allTexts(model).filter((t) => t.includes('คณะทำงานขับเคลื่อน'))).toHaveLength(1);
  });

  it('does not repeat a "prepared by" that is the organisation the title names (seed 000)', () => {
    const model = planDocument(seedView(seed000));
    expect(textOf((model.blocks[0] as { text: Inline }).text)).toContain('จังหวัดสุราษฎร์ธานี');
    const texts = allTexts(model);
    expect(texts.filter((t) => t === 'จังหวัดสุราษฎร์ธานี')).toHaveLength(0);
    expect(texts.some((t) => t.startsWith('จัดทำโดย'))).toBe(false);
  });

  it('prints the preparer then the approver, names in parentheses and positions', () => {
    const view: PlanDocumentView = {
      ...seedView(seed000),
      preparer: { name: 'นางสาวสมใจ ใจดี', positions: ['นักวิเคราะห์นโยบายและแผนชำนาญการ'] },
      signer: { name: 'นายสมชาย ตั้งใจ', positions: ['ผู้ว่าราชการจังหวัดสุราษฎร์ธานี'] },
    };
    const model = planDocument(view);
    expect(signatures(model)).toEqual([
      {
        kind: 'signature',
        caption: 'ผู้จัดทำ',
        name: 'นางสาวสมใจ ใจดี',
        positions: ['นักวิเคราะห์นโยบายและแผนชำนาญการ'],
      },
      {
        kind: 'signature',
        caption: 'ผู้เห็นชอบ',
        name: 'นายสมชาย ตั้งใจ',
        positions: ['ผู้ว่าราชการจังหวัดสุราษฎร์ธานี'],
      },
    ]);
    expect(model.blocks.slice(-2).map((b) => b.kind)).toEqual(['signature', 'signature']);
  });

  it('prints neither block when no one is named (seed 001)', () => {
    const model = planDocument({ ...seedView(seed001), preparer: { name: ' ', positions: ['ตำแหน่ง'] } });
    expect(signatures(model)).toEqual([]);
  });
});

describe('the title states the fiscal year once', () => {
  const yearCount = (text: string, year: string) => text.split(year).length - 1;

  it('keeps a title that states it (in Thai digits, seed 001) and names the organisation below', () => {
    const model = planDocument(seedView(seed001));
    expect(model.title).toBe('มาตรการในการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๘');
    const top = model.blocks.slice(0, 2).map((b) => (b.kind === 'heading' ? textOf(b.text) : ''));
    expect(yearCount(top.join(' '), '๒๕๖๘') + yearCount(top.join(' '), '2568')).toBe(1);
    expect(top[1]).toBe('จังหวัดตาก');
  });

  it('names the organisation once: not again under a title that already names it', () => {
    const model = planDocument(
      seedView(seed001, (c) => ({ ...c, title: 'มาตรการส่งเสริมคุณธรรมและความโปร่งใส จังหวัดตาก ปี 2568' })),
    );
    const headings = model.blocks.filter((b) => b.kind === 'heading').map((b) => textOf(b.text));
    expect(headings.filter((h) => h.includes('จังหวัดตาก'))).toHaveLength(1);
  });

  it('adds the fiscal year to a title that does not state it', () => {
    const model = planDocument(
      seedView(seed001, (c) => ({ ...c, title: 'มาตรการส่งเสริมคุณธรรมและความโปร่งใส' })),
    );
    expect(model.title).toBe('มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. 2568');
    expect(model.blocks[0]).toMatchObject({ kind: 'heading', level: 1, text: model.title });
  });

  it('does not take another year for this one (a title naming only the result’s year)', () => {
    const model = planDocument(
      seedView(seed001, (c) => ({ ...c, title: 'มาตรการจากผลการประเมิน ITA ปี 2567' })),
    );
    expect(model.title).toBe('มาตรการจากผลการประเมิน ITA ปี 2567 ประจำปีงบประมาณ พ.ศ. 2568');
  });

  it('heads the workbook with the title and the organisation, the year once', () => {
    const sheet = planWorkbook(seedView(seed000)).sheets[0]!;
    expect(sheet.heading).toEqual([seedView(seed000).content.title, 'จังหวัดสุราษฎร์ธานี']);
    expect(yearCount(sheet.heading.join(' '), '2565')).toBe(1);
  });
});

describe('seed plans keep every measure, step and month', () => {
  it.each([
    ['seed 000', seed000],
    ['seed 001', seed001],
  ] as const)('%s', (_, fixture) => {
    const view = seedView(fixture);
    const texts = allTexts(planDocument(view)).join('\n');
    for (const m of view.content.issues.flatMap((i) => i.measures)) {
      expect(texts).toContain(m.title);
      for (const s of m.steps) expect(texts).toContain(s.text);
    }
    expect(texts).toContain(fixture === seed000 ? 'ต.ค. 64 – ก.ย. 65' : 'ต.ค. 67 – ก.ย. 68');
  });
});
