import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { splitAddresses } from '../addresses.ts';
import { renderBlocksHtml } from '../html/render-html.ts';
import type { Block, DocumentFont, Run } from '../model.ts';
import { stripWordJoiners } from '../typography/thai-compounds.ts';
import { estimateLines, renderXlsx, rowHeight } from '../xlsx/render-xlsx.ts';
import { statesFiscalYear, withoutFiscalYear } from './fiscal-year.ts';
import { evidenceLine, paperText, type RoundReportView, roundReport, roundTitle } from './round-report.ts';
import { roundWorkbook } from './round-workbook.ts';
import { sheetHeading } from './sheet-heading.ts';

const sarabun = (file: string) =>
  new Uint8Array(fs.readFileSync(`node_modules/@expo-google-fonts/sarabun/${file}`));
const FONT: DocumentFont = {
  family: 'Sarabun',
  regular: sarabun('400Regular/Sarabun_400Regular.ttf'),
  bold: null,
  bodySizePt: 11,
  source: 'bundled',
};

const LONG_URL =
  'https://www.suratcity.go.th/ita/2564/o16/%E0%B8%84%E0%B8%B9%E0%B9%88%E0%B8%A1%E0%B8%B7%E0%B8%AD-service-manual-2564.pdf';

const view = (overrides: Partial<RoundReportView> = {}): RoundReportView => ({
  header: { organizationNameTh: 'เทศบาลนครสุราษฎร์ธานี', fiscalYear: 2564, date: '2021-04-26' },
  planTitle: 'มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน เทศบาลนครสุราษฎร์ธานี ประจำปีงบประมาณ พ.ศ. 2564',
  roundLabel: 'รอบ 6 เดือน (ต.ค. 63 – มี.ค. 64)',
  periodStart: '2020-10-01',
  periodEnd: '2021-03-31',
  lines: [
    {
      issueTitle: 'การเปิดเผยข้อมูล',
      measure: 'กิจกรรมการป้องกันและแก้ไขปัญหาการทุจริต',
      method: ['จัดทำช่องทาง Q&A'],
      responsible: ['สำนักปลัดเทศบาล'],
      period: 'ต.ค. 63 – เม.ย. 64',
      result: 'จัดทำช่องทาง Q&A ผ่านเว็บไซต์ (อ้างถึง www.suratcity.go.th/qa2564) แล้ว 2 ช่องทาง',
      status: 'ดำเนินการแล้วเสร็จ',
    },
  ],
  counts: { done: 1, inProgress: 0, notStarted: 0, cancelled: 0, measures: 1 },
  problems: [],
  suggestions: [],
  evidence: [
    {
      measureTitle: 'กิจกรรมการป้องกันและแก้ไขปัญหาการทุจริต',
      unitNameTh: 'สำนักปลัดเทศบาล',
      items: [
        { label: 'คู่มือการให้บริการ', url: LONG_URL },
        { label: '', url: 'https://www.suratcity.go.th/ita/2564' },
        { label: 'รายงาน 2564.pdf', url: null },
        {
          paper: {
            kind: 'บันทึกกองวิชาการและแผนงาน',
            number: 'สฎ 52008/464',
            date: '2020-10-02',
            title: 'แจ้งผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2563',
          },
        },
        { paper: { kind: 'คำสั่งเทศบาลนครสุราษฎร์ธานี', number: '1837/2563', date: null, title: '' } },
      ],
    },
  ],
  introduction: '',
  ...overrides,
});

const count = (text: string, word: string) => text.split(word).length - 1;

/** The text a reader sees in the rendered HTML (tags, entities and word joiners removed). */
const seen = (blocks: Block[]) =>
  stripWordJoiners(
    renderBlocksHtml(blocks, { digits: 'thai', font: FONT, emblem: null })
      .replace(/<br>/g, '\n')
      .replace(/<[^>]+>/g, '')
      .replace(/&amp;/g, '&'),
  );

describe('the round report title states the fiscal year once', () => {
  it('takes the year from the plan title and drops it from a label that repeats it', () => {
    // The label older rounds were given by default, after its digits are made one system.
    const title = roundTitle(view({ roundLabel: 'รอบ 6 เดือน (ต.ค. – มี.ค.) ปีงบประมาณ พ.ศ. 2564' }));
    expect(title).toBe(
      'รายงานผลการดำเนินงานตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน เทศบาลนครสุราษฎร์ธานี ประจำปีงบประมาณ พ.ศ. 2564 รอบ 6 เดือน (ต.ค. – มี.ค.)',
    );
    expect(count(title, 'ปีงบประมาณ')).toBe(1);
  });

  it('adds the year before the round when the plan title has none', () => {
    const title = roundTitle(
      view({ planTitle: 'มาตรการส่งเสริมคุณธรรมและความโปร่งใส', roundLabel: 'รอบ 12 เดือน ปีงบประมาณ 2564' }),
    );
    expect(title).toBe(
      'รายงานผลการดำเนินงานตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. 2564 รอบ 12 เดือน',
    );
  });

  it('is the document heading and its title, with numbers kept on the line of their words', () => {
    const model = roundReport(view({ roundLabel: 'รอบ 6 เดือน (ต.ค. 63 – มี.ค. 64) ประจำปีงบประมาณ พ.ศ.2564' }));
    expect(count(model.title, 'ปีงบประมาณ')).toBe(1);
    const first = model.blocks[0]!;
    expect(first).toMatchObject({ kind: 'heading', level: 1 });
    const heading = (first as { text: string }).text;
    expect(heading.replaceAll('\u00a0', ' ')).toBe(model.title);
    expect(heading).toContain('พ.ศ.\u00a02564\u00a0รอบ\u00a06\u00a0เดือน (ต.ค.\u00a063 – มี.ค.\u00a064)');
  });

  it('finds the year in either digit system and keeps other years', () => {
    expect(statesFiscalYear('แผน ประจำปีงบประมาณ พ.ศ.๒๕๖๔', 2564)).toBe(true);
    expect(statesFiscalYear('แผน ประจำปีงบประมาณ พ.ศ. 2563', 2564)).toBe(false);
    expect(withoutFiscalYear('รอบ 6 เดือน (ปีงบประมาณ 2564) เทียบปีงบประมาณ 2563', 2564)).toBe(
      'รอบ 6 เดือน เทียบปีงบประมาณ 2563',
    );
  });
});

describe('evidence on paper', () => {
  it('prints a web page as its address, a link that Thai digits never touch', () => {
    const [label, address] = evidenceLine({ label: 'คู่มือการให้บริการ', url: LONG_URL });
    expect(label).toEqual({ text: 'คู่มือการให้บริการ ' });
    expect(address).toEqual({ text: LONG_URL, link: LONG_URL });
    expect(evidenceLine({ label: '', url: 'https://a.go.th/x1' })).toEqual([
      { text: 'https://a.go.th/x1', link: 'https://a.go.th/x1' },
    ]);
    const html = seen(roundReport(view()).blocks);
    expect(html).toContain(`คู่มือการให้บริการ ${LONG_URL}`);
    expect(html).toContain('https://www.suratcity.go.th/ita/2564');
    // A file keeps its name as uploaded.
    expect(html).toContain('รายงาน 2564.pdf');
  });

  it('prints a paper reference with its number and Buddhist-era date in the chosen digits', () => {
    const paper = {
      kind: 'บันทึกกองวิชาการและแผนงาน',
      number: 'สฎ 52008/464',
      date: '2020-10-02',
      title: 'แจ้งผลการประเมิน ITA',
    };
    expect(paperText(paper)).toBe(
      'บันทึกกองวิชาการและแผนงาน ที่ สฎ 52008/464 ลงวันที่ 2 ตุลาคม 2563 เรื่อง แจ้งผลการประเมิน ITA',
    );
    expect(paperText({ ...paper, date: null, title: '' })).toBe('บันทึกกองวิชาการและแผนงาน ที่ สฎ 52008/464');
    const line = evidenceLine({ paper });
    expect(line.every((r: Run) => !r.literal && !r.link)).toBe(true);
    const html = seen(roundReport(view()).blocks);
    expect(html).toContain(
      'บันทึกกองวิชาการและแผนงาน ที่ สฎ ๕๒๐๐๘/๔๖๔ ลงวันที่ ๒ ตุลาคม ๒๕๖๓ เรื่อง แจ้งผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๓',
    );
    expect(html).toContain('คำสั่งเทศบาลนครสุราษฎร์ธานี ที่ ๑๘๓๗/๒๕๖๓');
  });

  it('keeps an address inside a unit’s result as written, and links it', () => {
    const html = seen(roundReport(view()).blocks);
    expect(html).toContain('(อ้างถึง www.suratcity.go.th/qa2564) แล้ว ๒ ช่องทาง');
    const raw = renderBlocksHtml(roundReport(view()).blocks, { digits: 'thai', font: FONT, emblem: null });
    expect(raw).toContain('href="https://www.suratcity.go.th/qa2564"');
  });

  it('finds addresses in text without their closing punctuation', () => {
    expect(splitAddresses('ดูที่ https://a.go.th/x, และ www.b.go.th. หรือ ita@c.go.th')).toEqual([
      { text: 'ดูที่ ', address: false },
      { text: 'https://a.go.th/x', address: true },
      { text: ', และ ', address: false },
      { text: 'www.b.go.th', address: true },
      { text: '. หรือ ', address: false },
      { text: 'ita@c.go.th', address: true },
    ]);
    expect(splitAddresses('ไม่มี')).toEqual([{ text: 'ไม่มี', address: false }]);
  });
});

describe('the round workbook', () => {
  const fullView = () =>
    view({
      roundLabel: 'รอบ 6 เดือน (ต.ค. 63 – มี.ค. 64) ปีงบประมาณ พ.ศ. 2564',
      lines: [
        ...view().lines,
        {
          issueTitle: 'การเปิดเผยข้อมูล',
          measure: 'กิจกรรมประชาสัมพันธ์การดำเนินงาน',
          method: ['เผยแพร่ข้อมูลพื้นฐานผ่านเว็บไซต์', 'จัดทำรายงาน 6 เดือน'],
          responsible: ['สำนักปลัดเทศบาล', 'กองคลัง'],
          period: 'ต.ค. 63 – เม.ย. 64',
          result: 'สำนักปลัดเทศบาล: เผยแพร่แล้ว\nกองคลัง: อยู่ระหว่างจัดทำ',
          status: 'อยู่ระหว่างดำเนินการ',
        },
      ],
      counts: { done: 1, inProgress: 1, notStarted: 0, cancelled: 0, measures: 2 },
      problems: [
        { unitNameTh: 'กองคลัง', measureTitle: 'กิจกรรมประชาสัมพันธ์การดำเนินงาน', text: 'บุคลากร 2 คนไม่เพียงพอ' },
      ],
    });

  async function rendered(v: RoundReportView, digits: 'thai' | 'arabic') {
    const bytes = await renderXlsx(roundWorkbook(v), { digits });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    return wb;
  }

  it('holds every section of the report, one sheet each, in the report’s order', async () => {
    const wb = await rendered(fullView(), 'thai');
    expect(wb.worksheets.map((ws) => ws.name)).toEqual([
      'สรุปผลการดำเนินงาน',
      'ผลการดำเนินงานรายมาตรการ',
      'ปัญหา อุปสรรค',
      'ข้อเสนอแนะ',
      'หลักฐานการดำเนินงาน',
    ]);
    const [summary, measures, problems, suggestions, evidence] = wb.worksheets;

    // Every sheet: the title with the fiscal year once, the period, then the table.
    for (const ws of wb.worksheets) {
      const title = String(ws.getCell('A1').value);
      const heading = [1, 2, 3].map((r) => String(ws.getCell(`A${r}`).value ?? '')).join('\n');
      expect(count(heading, 'ปีงบประมาณ'), heading).toBe(1);
      expect(title).toContain('ประจำปีงบประมาณ พ.ศ. ๒๕๖๔ รอบ ๖ เดือน (ต.ค. ๖๓ – มี.ค. ๖๔)');
      expect(heading).toContain('ระยะเวลา ๑ ตุลาคม ๒๕๖๓ ถึง ๓๑ มีนาคม ๒๕๖๔');
    }
    // The plan title names the organisation and the year: no second heading line repeats them.
    expect(summary!.getCell('A2').value).toBe('ระยะเวลา ๑ ตุลาคม ๒๕๖๓ ถึง ๓๑ มีนาคม ๒๕๖๔');

    // Summary: counts as numbers and shares as percentages (66.67% style), the total last.
    const rowOf = (ws: ExcelJS.Worksheet, label: string) =>
      ws.getRows(1, ws.rowCount)!.find((r) => r.getCell(1).value === label)!;
    const done = rowOf(summary!, 'ดำเนินการแล้วเสร็จ');
    expect(done.getCell(2).value).toBe(1);
    expect(done.getCell(3).value).toBe(0.5);
    expect(done.getCell(3).numFmt).toBe('[$-D00041E]0.00%');
    expect(rowOf(summary!, 'รวม').getCell(2).value).toBe(2);

    // Measures: results and status, Thai digits in text.
    const second = rowOf(measures!, 'การเปิดเผยข้อมูล');
    expect(second).toBeDefined();
    const texts = measures!
      .getRows(1, measures!.rowCount)!
      .flatMap((r) => (r.values as unknown[]).filter((v) => typeof v === 'string'));
    expect(texts).toContain('๑. เผยแพร่ข้อมูลพื้นฐานผ่านเว็บไซต์\n๒. จัดทำรายงาน ๖ เดือน');
    expect(texts).toContain('สำนักปลัดเทศบาล: เผยแพร่แล้ว\nกองคลัง: อยู่ระหว่างจัดทำ');
    expect(texts).toContain('อยู่ระหว่างดำเนินการ');
    // The result with an address keeps it as written.
    expect(texts).toContain('จัดทำช่องทาง Q&A ผ่านเว็บไซต์ (อ้างถึง www.suratcity.go.th/qa2564) แล้ว ๒ ช่องทาง');

    // Problems, and suggestions that say there are none.
    expect(rowOf(problems!, 'กองคลัง').getCell(3).value).toBe('บุคลากร ๒ คนไม่เพียงพอ');
    const note = [1, 2, 3, 4].map((r) => suggestions!.getCell(`A${r}`).value);
    expect(note).toContain('ไม่มีหน่วยงานให้ข้อเสนอแนะ');

    // Evidence: the address and the file name as written, the paper in Thai digits with its date.
    const evidenceRows = evidence!
      .getRows(1, evidence!.rowCount)!
      .filter((r) => r.getCell(1).value === 'กิจกรรมการป้องกันและแก้ไขปัญหาการทุจริต')
      .map((r) => [3, 4, 5].map((c) => r.getCell(c).value ?? ''));
    expect(evidenceRows).toEqual([
      ['เว็บไซต์', 'คู่มือการให้บริการ', LONG_URL],
      ['เว็บไซต์', '', 'https://www.suratcity.go.th/ita/2564'],
      ['ไฟล์แนบ', '', 'รายงาน 2564.pdf'],
      [
        'หนังสืออ้างอิง',
        'บันทึกกองวิชาการและแผนงาน ที่ สฎ ๕๒๐๐๘/๔๖๔ ลงวันที่ ๒ ตุลาคม ๒๕๖๓ เรื่อง แจ้งผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๓',
        '',
      ],
      ['หนังสืออ้างอิง', 'คำสั่งเทศบาลนครสุราษฎร์ธานี ที่ ๑๘๓๗/๒๕๖๓', ''],
    ]);
  });

  it('makes every row tall enough for its longest cell', async () => {
    const wb = await rendered(fullView(), 'thai');
    for (const ws of wb.worksheets) {
      const header = ws.views[0]!.state === 'frozen' ? (ws.views[0] as { ySplit: number }).ySplit : 0;
      for (let r = header; r <= ws.rowCount; r++) {
        const row = ws.getRow(r);
        let lines = 1;
        row.eachCell((cell, c) => {
          if (typeof cell.value !== 'string') return;
          // Column widths are written as model width × 1.2 + 1.
          const width = (ws.getColumn(c).width! - 1) / 1.2;
          lines = Math.max(lines, estimateLines(cell.value, width, { bold: r === header }));
        });
        expect(row.height, `${ws.name} row ${r}`).toBeGreaterThanOrEqual(rowHeight(lines));
      }
    }
  });
});

describe('sheet headings', () => {
  it('name the organisation and the fiscal year once, only where the title does not', () => {
    expect(sheetHeading('ผลการวิเคราะห์การประเมิน ITA', 'จังหวัดตาก', 2568)).toEqual([
      'ผลการวิเคราะห์การประเมิน ITA',
      'จังหวัดตาก ประจำปีงบประมาณ พ.ศ. 2568',
    ]);
    expect(sheetHeading('มาตรการของจังหวัดตาก ประจำปีงบประมาณ พ.ศ. 2568', 'จังหวัดตาก', 2568)).toEqual([
      'มาตรการของจังหวัดตาก ประจำปีงบประมาณ พ.ศ. 2568',
    ]);
    expect(sheetHeading('มาตรการ ประจำปีงบประมาณ พ.ศ. 2568', 'จังหวัดตาก', 2568)).toEqual([
      'มาตรการ ประจำปีงบประมาณ พ.ศ. 2568',
      'จังหวัดตาก',
    ]);
  });
});
