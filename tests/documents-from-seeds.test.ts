import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfPrinter } from '../src/server/modules/documents/pdf/pdf-printer.ts';
import { PdfRenderer } from '../src/server/modules/documents/pdf/pdf-renderer.ts';
import { documentRenderersFor } from '../src/server/modules/documents/render-formats.ts';
import { toThaiDigits } from '../src/shared/format/thai.ts';
import type { PlanContent } from '../src/shared/plans/contract.ts';
import { formatTimeframe } from '../src/shared/plans/months.ts';
import type { SeedPlanFixture } from './fixtures/plans/plan-builder.ts';
import { seed000 } from './fixtures/plans/seed-000.ts';
import { seed001 } from './fixtures/plans/seed-001.ts';
import { docxPart, docxText, docxXml } from './support/docx-text.ts';
import { pdfPagesToPng, pdfText } from './support/pdf-text.ts';
import { createTestContext, json, type TestContext, type TestOrg } from './support/test-app.ts';

/**
 * The documents of seeds 000, 001 and 003, produced from data entered through the API, read back
 * (DOCX XML, PDF text) and compared with the seeds' structure: every measure, step, unit and timeframe,
 * the column headers of each layout, the memo's parts, the follow-up table with statuses and results.
 * PNGs of PDF pages go to test-output/documents/ for a person to look at.
 */
const OUT = path.resolve('test-output/documents');
let t: TestContext;
let pdf: PdfRenderer;
type Client = Awaited<ReturnType<TestContext['signedIn']>>;

beforeAll(async () => {
  pdf = new PdfRenderer();
  t = await createTestContext({
    documentRenderers: documentRenderersFor({ fontsDir: '/nonexistent' }, pdfPrinter(pdf)),
  });
  const { loadBundledEditions } = await import('../src/server/modules/catalogue/catalogue.service.ts');
  await loadBundledEditions(t.db);
  fs.mkdirSync(OUT, { recursive: true });
});
afterAll(async () => {
  await pdf.close();
  await t.close();
});

async function download(client: Client, url: string): Promise<Uint8Array> {
  const r = await client.get(url);
  expect(r.status).toBe(200);
  return new Uint8Array(await r.arrayBuffer());
}

async function generate(client: Client, body: object) {
  const r = await client.post('/api/documents', body);
  expect(r.status, await r.clone().text()).toBe(200);
  return json(r);
}

const fileUrl = (doc: { files: { format: string; url: string }[] }, format: string) =>
  doc.files.find((f) => f.format === format)!.url;

async function enterSeedPlan(fixture: SeedPlanFixture) {
  const agency = await t.org(null, { nameTh: fixture.organization.nameTh });
  const unitIdByKey: Record<string, string> = {};
  const unitNames: Record<string, string> = {};
  for (const unit of fixture.units) {
    unitIdByKey[unit.key] = (await t.org(agency, { nameTh: unit.nameTh })).id;
    unitNames[unitIdByKey[unit.key]!] = unit.nameTh;
  }
  const secretariat = await t.signedIn([{ role: 'secretariat', on: agency }]);
  const created = await json(
    await secretariat.post('/api/plans', { organizationId: agency.id, fiscalYear: fixture.fiscalYear }),
  );
  let n = 0;
  const content = fixture.build(unitIdByKey, () => `seed-${++n}`);
  const saved = await secretariat.request('PUT', `/api/plans/${created.id}`, {
    rowVersion: created.rowVersion,
    content,
  });
  expect(saved.status).toBe(200);
  return { agency, secretariat, planId: created.id as string, content, unitNames };
}

/** Every measure's steps, units and months as the document must show them (Thai digits). */
function expectedParts(content: PlanContent, unitNames: Record<string, string>) {
  const steps = content.issues.flatMap((i) =>
    i.measures.flatMap((m) => m.steps.map((s) => toThaiDigits(s.text))),
  );
  const units = content.issues.flatMap((i) =>
    i.measures.flatMap((m) => [
      ...m.responsible.unitIds.map((id) => unitNames[id]!),
      ...m.responsible.external,
      ...m.steps.flatMap((s) => [
        ...(s.responsible?.unitIds.map((id) => unitNames[id]!) ?? []),
        ...(s.responsible?.external ?? []),
      ]),
    ]),
  );
  const months = content.issues.flatMap((i) =>
    i.measures.flatMap((m) =>
      [m.timeframe, ...m.steps.map((s) => s.timeframe)].flatMap((tf) =>
        tf ? [formatTimeframe(tf, { digits: 'thai' })] : [],
      ),
    ),
  );
  return { steps, units: [...new Set(units)].map(toThaiDigits), months: [...new Set(months)] };
}

const squash = (text: string) => text.replace(/\s+/g, '');

describe('seed 001 (Tak, fiscal 2568): measures table by the 7 issues', () => {
  let seed: Awaited<ReturnType<typeof enterSeedPlan>>;
  let docx: Uint8Array;
  beforeAll(async () => {
    seed = await enterSeedPlan(seed001);
  });

  it('makes a DOCX with the seed’s five columns and every measure, step, unit and timeframe', async () => {
    const made = await generate(seed.secretariat, {
      kind: 'plan',
      subjectType: 'plan',
      subjectId: seed.planId,
    });
    expect(made.created).toBe(true);
    expect(made.document.files.map((f: { format: string }) => f.format).sort()).toEqual([
      'docx',
      'pdf',
      'xlsx',
    ]);
    docx = await download(seed.secretariat, fileUrl(made.document, 'docx'));
    fs.writeFileSync(path.join(OUT, 'seed-001-plan.docx'), docx);
    const text = await docxText(docx);
    expect(text).toContain(
      'มาตรการ/โครงการ/กิจกรรม | ขั้นตอน/วิธีการปฏิบัติ | ผู้รับผิดชอบ | ระยะเวลาดำเนินการ | การติดตามประเมินผล',
    );
    for (const [i, issue] of seed.content.issues.entries())
      expect(text).toContain(toThaiDigits(`(${i + 1}) ${issue.title}`));
    for (const m of seed.content.issues.flatMap((i) => i.measures)) {
      expect(text).toContain(toThaiDigits(m.title));
      if (m.monitoring) expect(squash(text)).toContain(squash(toThaiDigits(m.monitoring)));
    }
    const parts = expectedParts(seed.content, seed.unitNames);
    for (const step of parts.steps) expect(squash(text)).toContain(squash(step));
    for (const unit of parts.units) expect(text).toContain(unit);
    for (const months of parts.months) expect(text).toContain(months);
    expect(text).not.toMatch(/ต\.ค\. 6/); // Thai digits were chosen (the default)
    const xml = await docxXml(docx);
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toMatch(/w:cs="Sarabun"/);
  });

  it('makes a PDF whose text holds every step and renders pages to PNG', async () => {
    const docs = await json(await seed.secretariat.get(`/api/documents?subjectId=${seed.planId}`));
    const bytes = await download(seed.secretariat, fileUrl(docs[0], 'pdf'));
    const pages = await pdfText(bytes);
    const all = squash(pages.join(''));
    // A long row breaks across pages (the header repeats between its halves): look for each step's start and end.
    for (const step of expectedParts(seed.content, seed.unitNames).steps) {
      expect(all).toContain(squash(step).slice(0, 30));
      expect(all).toContain(squash(step).slice(-15));
    }
    expect(pages.length).toBeGreaterThan(1);
    expect(squash(pages[1]!)).toContain('ขั้นตอน/วิธีการปฏิบัติ'); // the header row repeats on page 2
    await pdfPagesToPng(bytes, OUT, [1, 2], { prefix: 'seed-001-plan-' });
  });

  it('gives back the same version for the same inputs and a new one after a change', async () => {
    const again = await generate(seed.secretariat, {
      kind: 'plan',
      subjectType: 'plan',
      subjectId: seed.planId,
    });
    expect(again.created).toBe(false);
    expect(again.document.versionNo).toBe(1);
    const arabic = await generate(seed.secretariat, {
      kind: 'plan',
      subjectType: 'plan',
      subjectId: seed.planId,
      options: { digits: 'arabic' },
    });
    expect(arabic.created).toBe(true);
    expect(arabic.document.versionNo).toBe(2);
    const text = await docxText(await download(seed.secretariat, fileUrl(arabic.document, 'docx')));
    expect(text).toMatch(/ต\.ค\. 67 – ก\.ย\. 68/);
    // The first version stays downloadable at its own address.
    expect(await download(seed.secretariat, fileUrl(again.document, 'docx'))).toEqual(docx);
  });

  it('numbers measures (๒.๑), (๒.๒) in the document and the workbook; units never run together; PNGs of every page', async () => {
    const made = await generate(seed.secretariat, {
      kind: 'plan',
      subjectType: 'plan',
      subjectId: seed.planId,
      options: { digits: 'thai' },
    });
    const text = await docxText(await download(seed.secretariat, fileUrl(made.document, 'docx')));
    expect(text).toContain('(๒.๑) การให้บริการ');
    expect(text).toContain('(๒.๒) การพัฒนาระบบการให้บริการออนไลน์ e-service และการประชาสัมพันธ์');
    expect(text).toContain('(๔.๓) การกำกับดูแลการใช้ทรัพย์สินของทางราชการ');
    // Issues without description or points are named by the table only; the title states the year once.
    expect(text.split('\n').filter((l) => l.startsWith('(๒) การให้บริการ'))).toHaveLength(1);
    const title = text.split('\n').find((l) => l.startsWith('มาตรการในการส่งเสริม'))!;
    expect(title.split('๒๕๖๘').length - 1).toBe(1);

    const pdfBytes = await download(seed.secretariat, fileUrl(made.document, 'pdf'));
    fs.writeFileSync(path.join(OUT, 'seed-001-plan.pdf'), pdfBytes);
    const pages = await pdfText(pdfBytes);
    // The unit's name fits its column: never "ส่วนราชการส่วน" on one line and "ภูมิภาค" on the next.
    expect(pages.join('\n')).toContain('ส่วนราชการส่วนภูมิภาค');
    expect(squash(pages.join(''))).toContain(squash('(๓.๒) การเผยแพร่และประชาสัมพันธ์'));
    await pdfPagesToPng(
      pdfBytes,
      OUT,
      pages.map((_, i) => i + 1),
      { prefix: 'seed-001-plan-' },
    );

    const xlsx = await download(seed.secretariat, fileUrl(made.document, 'xlsx'));
    fs.writeFileSync(path.join(OUT, 'seed-001-plan.xlsx'), xlsx);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const values: string[] = [];
    sheet.eachRow((row) => values.push(...(row.values as unknown[]).map((v) => String(v ?? ''))));
    expect(values.some((v) => /^\((2|๒)\.(1|๑)\)$/.test(v))).toBe(true);
    expect(values.some((v) => /^\((2|๒)\.(2|๒)\)$/.test(v))).toBe(true);
  });
});

describe('seed 000 (Surat Thani, fiscal 2565): issue → point → measure', () => {
  it('makes a DOCX with issues, their points and the measures of each point', async () => {
    const seed = await enterSeedPlan(seed000);
    const plan = await json(await seed.secretariat.get(`/api/plans/${seed.planId}`));
    const saved = await seed.secretariat.request('PUT', `/api/plans/${seed.planId}`, {
      rowVersion: plan.rowVersion,
      content: { ...seed.content, layout: 'issue_point_measure' },
    });
    expect(saved.status).toBe(200);
    const made = await generate(seed.secretariat, {
      kind: 'plan',
      subjectType: 'plan',
      subjectId: seed.planId,
      options: { digits: 'arabic' },
    });
    const docx = await download(seed.secretariat, fileUrl(made.document, 'docx'));
    fs.writeFileSync(path.join(OUT, 'seed-000-plan.docx'), docx);
    const text = await docxText(docx);
    expect(text).toContain('ประเด็น | มาตรการ/แนวทางการดำเนินการ | ผู้รับผิดชอบ | ระยะเวลาดำเนินการ');
    for (const [i, issue] of seed.content.issues.entries()) {
      expect(text).toContain(`${i + 1}. ${issue.title}`);
      for (const p of issue.points) expect(squash(text)).toContain(squash(p.text));
    }
    const squashed = squash(text);
    for (const s of seed.content.issues.flatMap((i) => i.measures.flatMap((m) => m.steps))) {
      expect(squashed).toContain(squash(s.text));
    }
    expect(text).toContain('ต.ค. 64 – ก.ย. 65');
    expect(text).toContain('สำนักงานจังหวัดสุราษฎร์ธานี');
    expect(text).toContain('สำนักงาน ป.ป.ช. ประจำจังหวัด');
    expect(squash(text)).toContain(squash(seed.content.monitoringSection.slice(0, 80)));
  });

  it('numbers measures, prints a measure of several points once, units one a line; PNGs of every page', async () => {
    const seed = await enterSeedPlan(seed000);
    const made = await generate(seed.secretariat, {
      kind: 'plan',
      subjectType: 'plan',
      subjectId: seed.planId,
      options: { digits: 'thai' },
    });
    const docx = await download(seed.secretariat, fileUrl(made.document, 'docx'));
    const text = await docxText(docx);
    const count = (needle: string) => squash(text).split(squash(needle)).length - 1;
    // 4.1 answers points 1 and 2: its row names both, and its step is printed once.
    const m41 = seed.content.issues[3]!.measures[0]!;
    expect(count(m41.steps[0]!.text)).toBe(1);
    expect(text).toContain(`(๔.๑) ${toThaiDigits(m41.title)}`);
    const row41 = text.split('\n').find((l) => l.includes('(๔.๑)'))!;
    for (const p of seed.content.issues[3]!.points.slice(0, 2))
      expect(squash(row41)).toContain(squash(p.text));
    expect(text).toContain('(๖.๒) กำหนดนโยบายหรือมาตรการดำเนินการเฝ้าระวัง');
    // 6.3: two units, each on its own line of the cell.
    expect(text).toContain('- สำนักงานจังหวัดสุราษฎร์ธานี / - ส่วนราชการส่วนภูมิภาค');
    // Prepared by the province itself, which the title names: no line repeats it under the title.
    expect(text.split('\n').filter((l) => l.trim() === 'จังหวัดสุราษฎร์ธานี')).toHaveLength(0);
    expect(text.split('\n').filter((l) => l.trim() === '-')).toEqual([]);
    const title = text.split('\n').find((l) => l.startsWith('การกำหนดแนวทาง'))!;
    expect(title.split('๒๕๖๕').length - 1).toBe(1);

    const pdfBytes = await download(seed.secretariat, fileUrl(made.document, 'pdf'));
    fs.writeFileSync(path.join(OUT, 'seed-000-plan.pdf'), pdfBytes);
    const pages = await pdfText(pdfBytes);
    const all = squash(pages.join(''));
    expect(all.split(squash(m41.steps[0]!.text).slice(0, 30)).length - 1).toBe(1);
    expect(all).toContain(squash('(๗.๒) มาตรการตามประเด็น ๗.๒'));
    await pdfPagesToPng(
      pdfBytes,
      OUT,
      pages.map((_, i) => i + 1),
      { prefix: 'seed-000-plan-' },
    );
  });
});

describe('seed 003 (a city municipality, fiscal 2564): the 6-month report and its memo', () => {
  let city: TestOrg;
  let secretariat: Client;
  let roundId: string;
  const MEASURES = [
    {
      title: 'กิจกรรมการอำนวยความสะดวกในการให้บริการประชาชนอย่างเท่าเทียมและทั่วถึง',
      steps: ['จัดทำคู่มือมาตรฐานการให้บริการประชาชน', 'มีช่องทางการให้บริการผ่านระบบ E-service , Q&A'],
    },
    {
      title: 'กิจกรรมประชาสัมพันธ์การดำเนินงานของหน่วยงานตามอำนาจหน้าที่หรือภารกิจ',
      steps: ['เผยแพร่ข้อมูลพื้นฐานผ่านเว็บไซต์'],
    },
    { title: 'กิจกรรมการกำกับติดตามการดำเนินงานของหน่วยงาน', steps: ['จัดทำรายงานกำกับติดตามรอบ 6 เดือน'] },
  ];
  const RESULTS = ['จัดทำคู่มือแล้วเสร็จ และเปิดระบบ E-service', 'เผยแพร่ข้อมูลบนเว็บไซต์แล้ว', 'อยู่ระหว่างจัดทำรายงาน'];
  /** A long address with digits: printed whole, as written, wrapping inside its column. */
  const MANUAL_URL =
    'https://www.suratcity.go.th/ita/2564/o16/%E0%B8%84%E0%B8%B9%E0%B9%88%E0%B8%A1%E0%B8%B7%E0%B8%AD-service-manual-2564.pdf';
  /** The paper seed 003 cites: บันทึกกองวิชาการและแผนงาน ที่ สฎ ๕๒๐๐๘/๔๖๔ ลว. ๒ ต.ค. ๒๕๖๓. */
  const PAPER = {
    kind: 'บันทึกกองวิชาการและแผนงาน',
    number: 'สฎ 52008/464',
    date: '2020-10-02',
    title: 'แจ้งผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2563',
  };

  beforeAll(async () => {
    city = await t.org(null, { nameTh: 'เทศบาลนครสุราษฎร์ธานี', kind: 'municipality' });
    const divisions = [
      await t.org(city, { nameTh: 'สำนักปลัดเทศบาล' }),
      await t.org(city, { nameTh: 'กองคลัง' }),
    ];
    secretariat = await t.signedIn([{ role: 'secretariat', on: city }]);
    const executive = await t.signedIn([{ role: 'executive', on: city }]);
    const reporters = await Promise.all(divisions.map((d) => t.signedIn([{ role: 'unit_reporter', on: d }])));
    const created = await json(
      await secretariat.post('/api/plans', { organizationId: city.id, fiscalYear: 2564 }),
    );
    const content = {
      ...created.content,
      title: 'แผนมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. 2564',
      monitoringSection: 'งานวิจัยและประเมินผลติดตามและรายงานผลทุก 6 เดือน',
      issues: [
        {
          id: 'i1',
          title: 'การเปิดเผยข้อมูลและการให้บริการ',
          stance: 'urgent',
          measures: MEASURES.map((m, i) => ({
            id: `m${i + 1}`,
            kind: 'activity',
            title: m.title,
            steps: m.steps.map((text, k) => ({ id: `m${i + 1}s${k + 1}`, text })),
            responsible: { unitIds: divisions.map((d) => d.id), external: [] },
            timeframe: { start: '2563-10', end: '2564-09' },
            monitoring: 'ติดตาม สอบถาม',
          })),
        },
      ],
    };
    const saved = await json(
      await secretariat.request('PUT', `/api/plans/${created.id}`, {
        rowVersion: created.rowVersion,
        content,
      }),
    );
    const submitted = await secretariat.post(`/api/plans/${created.id}/submit`, {
      rowVersion: saved.rowVersion,
      overrideReason: undefined,
    });
    let plan = await json(submitted);
    if (submitted.status !== 200) {
      // The completeness check may ask for more than this excerpt has: an admin submits with a reason.
      const admin = await t.signedIn([{ role: 'admin', on: city }]);
      plan = await json(
        await admin.post(`/api/plans/${created.id}/submit`, {
          rowVersion: saved.rowVersion,
          overrideReason: 'ข้อมูลจากรายงานจริงบางส่วน ใช้ทดสอบเอกสาร',
        }),
      );
    }
    plan = await json(
      await executive.post(`/api/plans/${created.id}/decision`, {
        decision: 'approve',
        rowVersion: plan.rowVersion,
        memoNumber: 'สฎ 52008/187',
        memoDate: '2021-04-23',
      }),
    );
    await json(await secretariat.post(`/api/plans/${created.id}/circulate`, { rowVersion: plan.rowVersion }));
    const round = await json(
      await secretariat.post('/api/rounds', { planId: created.id, kind: '6m', dueDate: '2021-04-26' }),
    );
    await json(await secretariat.post(`/api/rounds/${round.id}/open`, { rowVersion: round.rowVersion }));
    roundId = round.id;
    for (const [u, reporter] of reporters.entries()) {
      for (const slot of await json(await reporter.get('/api/reports/mine'))) {
        const i = MEASURES.findIndex((m) => m.title === slot.measureTitle);
        const done = i < 2;
        const r = await reporter.post(`/api/reports/${slot.id}/submit`, {
          rowVersion: slot.rowVersion,
          result: RESULTS[i],
          progress: done ? 'done' : 'in_progress',
          percent: done ? 100 : 50,
          problems: u === 0 && i === 2 ? 'บุคลากรไม่เพียงพอ' : '',
          suggestions: u === 1 && i === 2 ? 'ควรจัดอบรมเจ้าหน้าที่' : '',
          links:
            i === 1
              ? [{ url: 'https://www.suratcity.go.th/ita/2564', label: 'หน้าเว็บไซต์' }]
              : i === 0 && u === 0
                ? [{ url: MANUAL_URL, label: 'คู่มือมาตรฐานการให้บริการ' }]
                : [],
          paperRefs: i === 2 && u === 0 ? [PAPER] : [],
        });
        expect(r.status, await r.clone().text()).toBe(200);
      }
    }
  });

  it('makes the follow-up table of seed 003 §3 with results, statuses and the summary', async () => {
    const made = await generate(secretariat, {
      kind: 'round',
      subjectType: 'round',
      subjectId: roundId,
      options: { digits: 'arabic' },
    });
    const docx = await download(secretariat, fileUrl(made.document, 'docx'));
    fs.writeFileSync(path.join(OUT, 'seed-003-round.docx'), docx);
    const text = await docxText(docx);
    expect(text).toContain(
      'มาตรการ/โครงการ/กิจกรรม | วิธีการดำเนินการ | ผู้รับผิดชอบ | ระยะเวลา | ผลการดำเนินงาน | สถานะ',
    );
    for (const [i, m] of MEASURES.entries()) {
      expect(text).toContain(m.title);
      for (const s of m.steps) expect(text).toContain(s);
      expect(text).toContain(`สำนักปลัดเทศบาล: ${RESULTS[i]}`);
    }
    expect(text).toMatch(/ดำเนินการแล้วเสร็จ \| 2 \| 66\.67/);
    expect(text).toMatch(/อยู่ระหว่างดำเนินการ \| 1 \| 33\.33/);
    expect(text).toContain('สำนักปลัดเทศบาล (กิจกรรมการกำกับติดตามการดำเนินงานของหน่วยงาน): บุคลากรไม่เพียงพอ');
    expect(text).toContain('กองคลัง (กิจกรรมการกำกับติดตามการดำเนินงานของหน่วยงาน): ควรจัดอบรมเจ้าหน้าที่');
    expect(await docxPart(docx, 'word/_rels/document.xml.rels')).toContain(
      'https://www.suratcity.go.th/ita/2564',
    );
  });

  it('makes the memo with its parts, editable before rendering', async () => {
    const draft = await json(await secretariat.get(`/api/documents/drafts/memo/round/${roundId}`));
    expect(draft.rowVersion).toBe(0);
    expect(draft.draft.content.facts).toContain('ดำเนินการแล้วเสร็จ 2 มาตรการ');
    const edited = {
      ...draft.draft.content,
      department: 'กองยุทธศาสตร์และงบประมาณ งานวิจัยและประเมินผล โทร. 601',
      to: 'นายกเทศมนตรี',
    };
    const saved = await secretariat.request('PUT', `/api/documents/drafts/memo/round/${roundId}`, {
      rowVersion: 0,
      draft: { kind: 'memo', content: edited },
    });
    expect(saved.status, await saved.clone().text()).toBe(200);
    const stale = await secretariat.request('PUT', `/api/documents/drafts/memo/round/${roundId}`, {
      rowVersion: 0,
      draft: { kind: 'memo', content: edited },
    });
    expect(stale.status).toBe(409);
    // The round memo acknowledges a finished round: it is made once the round is closed.
    const round = await json(await secretariat.get(`/api/rounds/${roundId}`));
    const closed = await secretariat.post(`/api/rounds/${roundId}/close`, { rowVersion: round.rowVersion });
    expect(closed.status, await closed.clone().text()).toBe(200);
    const made = await generate(secretariat, {
      kind: 'memo',
      subjectType: 'round',
      subjectId: roundId,
      options: {
        digits: 'thai',
        documentNumber: 'สฎ 52008/189',
        documentDate: '2021-04-26',
        signer: { name: 'นายรัชช ภูมิคำเทนิต', positions: ['นักวิเคราะห์นโยบายและแผนปฏิบัติการ'] },
      },
    });
    expect(made.document.files.map((f: { format: string }) => f.format).sort()).toEqual(['docx', 'pdf']);
    const docx = await download(secretariat, fileUrl(made.document, 'docx'));
    fs.writeFileSync(path.join(OUT, 'seed-003-memo.docx'), docx);
    const lines = (await docxText(docx))
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const order = [
      'บันทึกข้อความ',
      'ส่วนราชการ',
      'ที่',
      'เรื่อง',
      'เรียน',
      'เรื่องเดิม',
      'ข้อเท็จจริง',
      'ข้อพิจารณา',
      'ข้อเสนอ',
      'จึงเรียนมาเพื่อโปรดพิจารณา',
      '(นายรัชช ภูมิคำเทนิต)',
    ];
    const at = order.map((word) => lines.findIndex((l) => l.startsWith(word)));
    expect(
      at.every((i) => i >= 0),
      JSON.stringify(lines.slice(0, 12)),
    ).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const text = lines.join('\n');
    expect(text).toContain('สฎ ๕๒๐๐๘/๑๘๙');
    expect(text).toContain('๒๖ เมษายน ๒๕๖๔');
    expect(text).toContain('โทร. ๖๐๑');
    const pdfBytes = await download(secretariat, fileUrl(made.document, 'pdf'));
    expect(squash((await pdfText(pdfBytes)).join(''))).toContain(squash('๒๖ เมษายน ๒๕๖๔'));
    await pdfPagesToPng(pdfBytes, OUT, [1], { prefix: 'seed-003-memo-' });
  });

  it('states the fiscal year once, in one digit system; prints evidence addresses and paper references (PDF, PNG)', async () => {
    const made = await generate(secretariat, {
      kind: 'round',
      subjectType: 'round',
      subjectId: roundId,
      options: { digits: 'thai' },
    });
    // Word joiners and no-break spaces (typography) read as nothing and as spaces.
    const plain = (text: string) => text.replaceAll('\u2060', '').replaceAll('\u00a0', ' ');
    const text = plain(await docxText(await download(secretariat, fileUrl(made.document, 'docx'))));
    const title = text.split('\n').find((l) => l.startsWith('รายงานผลการดำเนินงานตาม'))!;
    expect(title.split('ปีงบประมาณ').length - 1, title).toBe(1);
    // The round's label in Thai digits like the rest of the title (never ๖ beside 2564).
    expect(title).toContain('ประจำปีงบประมาณ พ.ศ. ๒๕๖๔ รอบ ๖ เดือน (ต.ค. ๖๓ – มี.ค. ๖๔)');
    expect(title).not.toMatch(/[0-9]/);
    // Paper references: number and Buddhist-era date in the chosen digits.
    expect(text).toContain(
      'บันทึกกองวิชาการและแผนงาน ที่ สฎ ๕๒๐๐๘/๔๖๔ ลงวันที่ ๒ ตุลาคม ๒๕๖๓ เรื่อง แจ้งผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๓',
    );
    // Links: the address itself is printed, as written.
    expect(text).toContain(`คู่มือมาตรฐานการให้บริการ ${MANUAL_URL}`);
    expect(text).toContain('หน้าเว็บไซต์ https://www.suratcity.go.th/ita/2564');

    const pdfBytes = await download(secretariat, fileUrl(made.document, 'pdf'));
    fs.writeFileSync(path.join(OUT, 'seed-003-round.pdf'), pdfBytes);
    const pages = await pdfText(pdfBytes);
    const all = squash(plain(pages.join('')));
    expect(all).toContain(squash(MANUAL_URL));
    expect(all).toContain(squash('ที่ สฎ ๕๒๐๐๘/๔๖๔ ลงวันที่ ๒ ตุลาคม ๒๕๖๓'));
    expect(all.split('ปีงบประมาณพ.ศ.๒๕๖๔รอบ๖เดือน').length - 1).toBe(1);
    await pdfPagesToPng(
      pdfBytes,
      OUT,
      pages.map((_, i) => i + 1),
      { prefix: 'seed-003-round-' },
    );
  });

  it('makes the round workbook with every section of the report, rows tall enough, Thai digits in text', async () => {
    const made = await generate(secretariat, {
      kind: 'round',
      subjectType: 'round',
      subjectId: roundId,
      options: { digits: 'thai' },
    });
    const xlsx = await download(secretariat, fileUrl(made.document, 'xlsx'));
    fs.writeFileSync(path.join(OUT, 'seed-003-round.xlsx'), xlsx);
    const ExcelJS = (await import('exceljs')).default;
    const { estimateLines, rowHeight } = await import('../src/server/modules/documents/xlsx/render-xlsx.ts');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx) as unknown as ArrayBuffer);
    expect(book.worksheets.map((ws) => ws.name)).toEqual([
      'สรุปผลการดำเนินงาน',
      'ผลการดำเนินงานรายมาตรการ',
      'ปัญหา อุปสรรค',
      'ข้อเสนอแนะ',
      'หลักฐานการดำเนินงาน',
    ]);
    const texts = (name: string) => {
      const out: string[] = [];
      book
        .getWorksheet(name)!
        .eachRow((row) =>
          out.push(...(row.values as unknown[]).filter((v): v is string => typeof v === 'string')),
        );
      return out;
    };
    const title = texts('สรุปผลการดำเนินงาน')[0]!;
    expect(title.split('ปีงบประมาณ').length - 1, title).toBe(1);
    expect(title).toContain('รอบ ๖ เดือน (ต.ค. ๖๓ – มี.ค. ๖๔)');
    const summary = book.getWorksheet('สรุปผลการดำเนินงาน')!;
    const done = summary.getRows(1, summary.rowCount)!.find((r) => r.getCell(1).value === 'ดำเนินการแล้วเสร็จ')!;
    expect(done.getCell(2).value).toBe(2);
    expect(done.getCell(3).value).toBeCloseTo(2 / 3, 6);
    for (const [i, m] of MEASURES.entries()) {
      // Numbered as in the plan: the seed's measures are the first issue's.
      expect(texts('ผลการดำเนินงานรายมาตรการ')).toContain(`(${toThaiDigits(`1.${i + 1}`)}) ${m.title}`);
      expect(texts('ผลการดำเนินงานรายมาตรการ').join('\n')).toContain(`สำนักปลัดเทศบาล: ${RESULTS[i]}`);
    }
    expect(texts('ผลการดำเนินงานรายมาตรการ')).toContain('๑. จัดทำรายงานกำกับติดตามรอบ ๖ เดือน');
    expect(texts('ปัญหา อุปสรรค')).toContain('บุคลากรไม่เพียงพอ');
    expect(texts('ข้อเสนอแนะ')).toContain('ควรจัดอบรมเจ้าหน้าที่');
    expect(texts('หลักฐานการดำเนินงาน')).toContain(MANUAL_URL);
    expect(texts('หลักฐานการดำเนินงาน')).toContain(
      'บันทึกกองวิชาการและแผนงาน ที่ สฎ ๕๒๐๐๘/๔๖๔ ลงวันที่ ๒ ตุลาคม ๒๕๖๓ เรื่อง แจ้งผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๓',
    );
    // Every row of every table is as tall as its most wrapped cell.
    for (const ws of book.worksheets) {
      const header = (ws.views[0] as { ySplit: number }).ySplit;
      for (let r = header; r <= ws.rowCount; r++) {
        let lines = 1;
        ws.getRow(r).eachCell((cell, c) => {
          if (typeof cell.value !== 'string') return;
          const width = (ws.getColumn(c).width! - 1) / 1.2;
          lines = Math.max(lines, estimateLines(cell.value, width, { bold: r === header }));
        });
        expect(ws.getRow(r).height, `${ws.name} row ${r}`).toBeGreaterThanOrEqual(rowHeight(lines));
      }
    }
  });
});
