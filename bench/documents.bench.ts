import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { renderDocx } from '../src/server/modules/documents/docx/render-docx.ts';
import { bundledSarabun } from '../src/server/modules/documents/fonts/document-fonts.ts';
import { renderHtml } from '../src/server/modules/documents/html/render-html.ts';
import {
  type PlanDocumentView,
  planDocument,
} from '../src/server/modules/documents/layouts/plan-document.ts';
import { planWorkbook } from '../src/server/modules/documents/layouts/plan-workbook.ts';
import {
  type RoundReportLine,
  type RoundReportView,
  roundReport,
} from '../src/server/modules/documents/layouts/round-report.ts';
import { roundWorkbook } from '../src/server/modules/documents/layouts/round-workbook.ts';
import type { DocumentModel, RenderOptions } from '../src/server/modules/documents/model.ts';
import { PdfRenderer } from '../src/server/modules/documents/pdf/pdf-renderer.ts';
import {
  clearThaiCompoundCache,
  setThaiCompoundProtection,
} from '../src/server/modules/documents/typography/thai-compounds.ts';
import { renderXlsx } from '../src/server/modules/documents/xlsx/render-xlsx.ts';
import { pdfBrowserRecycles, pdfChromiumMemory } from '../src/server/ops/metrics.ts';
import type { PlanContent } from '../src/shared/plans/contract.ts';
import { formatTimeframe } from '../src/shared/plans/months.ts';
import { pdfPageCount } from '../tests/support/pdf-text.ts';
import { type Bench, type BenchContext, median } from './support/bench.ts';

/**
 * The documents a province makes, built in memory (layouts are pure functions, no database): a plan
 * of 7 issues × 3 measures of 3–5 steps (~30 A4-landscape pages at the font's own line height) and a round report of 120 measures × 10 units
 * (1,200 slots rolled up into its lines). DOCX, XLSX and PDF (warm Chromium) generation time and size,
 * LibreOffice's headless DOCX → PDF conversion of the same DOCX when `soffice` is on PATH, and 20
 * concurrent PDF renders through one PdfRenderer with the memory they take.
 */

const execFileAsync = promisify(execFile);
const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;
const mb = (bytes: number) => round1(bytes / 1024 / 1024);

// ---------------------------------------------------------------------------------------------------
// Realistic Thai text from phrases, with a seeded PRNG so that every run lays out the same pages.

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VERBS = [
  'จัดทำ',
  'ทบทวนและปรับปรุง',
  'เผยแพร่',
  'ประชุมชี้แจง',
  'จัดอบรมให้ความรู้เรื่อง',
  'ติดตามและรายงานผล',
  'รวบรวมและวิเคราะห์',
  'ประกาศ',
  'แต่งตั้งคณะทำงานจัดทำ',
  'สื่อสารและประชาสัมพันธ์',
];
const OBJECTS = [
  'แผนการจัดซื้อจัดจ้างประจำปีงบประมาณ',
  'ข้อมูลการใช้จ่ายงบประมาณรายไตรมาส',
  'คู่มือการปฏิบัติงานตามภารกิจหลักของหน่วยงาน',
  'ประกาศเจตนารมณ์การบริหารงานด้วยความซื่อสัตย์สุจริต',
  'ช่องทางการรับเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ',
  'มาตรการป้องกันการรับสินบนทุกรูปแบบ',
  'แนวปฏิบัติการใช้ทรัพย์สินของราชการอย่างถูกต้อง',
  'ผลการดำเนินงานตามแผนปฏิบัติราชการประจำปี',
  'ประมวลจริยธรรมของเจ้าหน้าที่ของรัฐ',
  'การประเมินความเสี่ยงการทุจริตและการขัดกันระหว่างประโยชน์ส่วนตนกับประโยชน์ส่วนรวม',
];
const QUALIFIERS = [
  'ผ่านเว็บไซต์ของหน่วยงานในหัวข้อการเปิดเผยข้อมูลสาธารณะ',
  'ให้บุคลากรทุกระดับรับทราบและถือปฏิบัติอย่างเคร่งครัด',
  'โดยมีผู้บริหารระดับสูงของหน่วยงานเป็นประธาน',
  'อย่างน้อยไตรมาสละ 1 ครั้ง',
  'และรายงานผลต่อหัวหน้าส่วนราชการภายใน 15 วันทำการ',
  'เพื่อให้ผู้มีส่วนได้ส่วนเสียภายนอกสามารถตรวจสอบได้',
  'ตามหลักเกณฑ์การประเมินของสำนักงาน ป.ป.ช.',
  'พร้อมจัดเก็บหลักฐานการดำเนินงานไว้เป็นลายลักษณ์อักษร',
  'ในรูปแบบที่เข้าถึงง่ายและเป็นปัจจุบัน',
  'โดยบูรณาการร่วมกับหน่วยงานภาคีเครือข่ายในพื้นที่',
];
const RESULTS = [
  'ดำเนินการแล้วเสร็จตามแผน มีผู้เข้าร่วม 45 คน คิดเป็นร้อยละ 92.50',
  'อยู่ระหว่างดำเนินการ ได้จัดประชุมคณะทำงานแล้ว 2 ครั้ง',
  'เผยแพร่ข้อมูลบนเว็บไซต์ของหน่วยงานแล้ว 12 รายการ',
  'ยังไม่ได้ดำเนินการเนื่องจากรอการจัดสรรงบประมาณ',
  'จัดอบรมให้ความรู้แก่บุคลากรแล้ว 3 รุ่น รวม 120 คน',
  'รายงานผลต่อผู้บริหารแล้วเมื่อวันที่ 15 มีนาคม 2568',
];
const PROBLEMS = [
  'บุคลากรมีภาระงานประจำมากจึงเข้าร่วมกิจกรรมได้ไม่ครบตามเป้าหมาย',
  'งบประมาณที่ได้รับจัดสรรไม่เพียงพอต่อการดำเนินงานตามแผน',
  'ระบบเครือข่ายของหน่วยงานขัดข้องทำให้การเผยแพร่ข้อมูลล่าช้า',
  'ขาดความเข้าใจในหลักเกณฑ์การประเมินบางข้อคำถาม',
];
const SUGGESTIONS = [
  'ควรจัดทำคู่มือกลางของจังหวัดเพื่อให้ทุกหน่วยงานใช้เป็นแนวทางเดียวกัน',
  'ควรกำหนดผู้รับผิดชอบหลักและผู้ประสานงานของแต่ละมาตรการให้ชัดเจน',
  'ควรจัดอบรมเชิงปฏิบัติการให้แก่ผู้ดูแลเว็บไซต์ของหน่วยงาน',
];

type Rand = () => number;
const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

/** Thai prose of about min…max characters, cut only between phrases. */
function thai(rand: Rand, min: number, max: number): string {
  const target = min + rand() * (max - min);
  const parts: string[] = [];
  let length = 0;
  while (length < target) {
    const phrase = `${pick(rand, VERBS)}${pick(rand, OBJECTS)} ${pick(rand, QUALIFIERS)}`;
    if (length > 0 && length + 1 + phrase.length > max) {
      // One more whole phrase would be too long: end with a shorter one if it fits.
      const tail = pick(rand, QUALIFIERS);
      if (length + 1 + tail.length <= max) parts.push(tail);
      break;
    }
    parts.push(phrase);
    length += phrase.length + 1;
  }
  return parts.join(' ');
}

// ---------------------------------------------------------------------------------------------------
// The view-models.

const ISSUES = 7;
const MEASURES_PER_ISSUE = 3;
const PLAN_UNITS = 30;
const ROUND_MEASURES = 120;
const ROUND_UNITS = 10;
const HEADER = { organizationNameTh: 'จังหวัดตัวอย่าง', fiscalYear: 2568, date: '2024-10-15' };
const SIGNER = { name: 'นายทดสอบ ตัวอย่าง', positions: ['ผู้ว่าราชการจังหวัดตัวอย่าง'] };
const TIMEFRAME = { start: '2567-10', end: '2568-09' };
const ISSUE_TITLES = [
  'การเปิดเผยข้อมูลการจัดซื้อจัดจ้างและการใช้จ่ายงบประมาณ',
  'การป้องกันการรับสินบนและการใช้ทรัพย์สินของราชการ',
  'การปฏิบัติหน้าที่ด้วยความซื่อสัตย์สุจริตและเป็นธรรม',
  'การรับเรื่องร้องเรียนและการจัดการเรื่องร้องเรียน',
  'การส่งเสริมวัฒนธรรมองค์กรด้านคุณธรรมและความโปร่งใส',
  'การปรับปรุงระบบการทำงานและการให้บริการประชาชน',
  'การเสริมสร้างการมีส่วนร่วมของผู้มีส่วนได้ส่วนเสีย',
  'การบริหารทรัพยากรบุคคลอย่างเป็นธรรม',
];

/** The unit ids (uuid-shaped, as the contract wants) and their names. */
const UNIT_KINDS = ['สำนักงาน', 'กอง', 'กลุ่มงาน', 'ศูนย์', 'ฝ่าย'];
const UNIT_TASKS = [
  'ยุทธศาสตร์และงบประมาณ',
  'การคลังและพัสดุ',
  'บริหารทรัพยากรบุคคล',
  'นิติการ',
  'เทคโนโลยีสารสนเทศ',
  'ปฏิบัติการต่อต้านการทุจริต',
  'อำนวยการ',
];

function units(count: number) {
  const ids = Array.from(
    { length: count },
    (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  );
  const name = (i: number) => `${UNIT_KINDS[i % 5]}${UNIT_TASKS[i % 7]} ${i + 1}`;
  return { ids, names: Object.fromEntries(ids.map((id, i) => [id, name(i)])) };
}

function planView(): PlanDocumentView {
  const rand = prng(42);
  const { ids, names } = units(PLAN_UNITS);
  let n = 0;
  const id = () => `m${++n}`;
  const content: PlanContent = {
    title: 'มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน จังหวัดตัวอย่าง ประจำปีงบประมาณ พ.ศ. 2568',
    introduction: [thai(rand, 400, 600), thai(rand, 300, 500)].join('\n\n'),
    analysisSummary: [thai(rand, 400, 600), thai(rand, 400, 600)].join('\n\n'),
    monitoringSection: thai(rand, 300, 450),
    preparedBy: 'สำนักงานจังหวัดตัวอย่าง',
    layout: 'columns',
    issues: Array.from({ length: ISSUES }, (_, i) => ({
      id: id(),
      title: ISSUE_TITLES[i]!,
      stance: i < 3 ? ('urgent' as const) : ('develop' as const),
      description: '',
      points: [],
      findingKeys: [],
      codes: [],
      measures: Array.from({ length: MEASURES_PER_ISSUE }, (_, j) => ({
        id: id(),
        kind: pick(rand, ['measure', 'project', 'activity'] as const),
        title: `${i + 1}.${j + 1} ${pick(rand, VERBS)}${pick(rand, OBJECTS)}`,
        pointIds: [],
        steps: Array.from({ length: 3 + Math.floor(rand() * 3) }, () => ({
          id: id(),
          text: thai(rand, 150, 300),
          responsible: null,
          timeframe: null,
        })),
        responsible: {
          unitIds: [0, 11, 23].map((k) => ids[(i * MEASURES_PER_ISSUE + j + k) % PLAN_UNITS]!),
          external: [],
        },
        timeframe: TIMEFRAME,
        monitoring: `รายงานผลการดำเนินงานรอบ 6 เดือนและรอบ 12 เดือน ${pick(rand, QUALIFIERS)}`,
        codes: [],
        budget: Math.round(rand() * 200) * 1000,
        target: '',
        outputIndicator: '',
        libraryId: null,
      })),
    })),
  };
  return {
    header: HEADER,
    content,
    versionNo: 3,
    unitNames: names,
    approval: { memoNumber: 'ตก 0017.2/123', memoDate: '2024-10-10' },
    analysis: null,
    signer: SIGNER,
  };
}

function roundView(): RoundReportView {
  const rand = prng(7);
  const { ids, names } = units(ROUND_UNITS);
  const unitNames = ids.map((id) => names[id]!);
  const period = formatTimeframe(TIMEFRAME as { start: '2567-10'; end: '2568-09' }, { digits: 'arabic' });
  const statuses = ['ดำเนินการแล้วเสร็จ', 'อยู่ระหว่างดำเนินการ', 'ยังไม่ได้ดำเนินการ'];
  const lines: RoundReportLine[] = [];
  const problems: RoundReportView['problems'] = [];
  const suggestions: RoundReportView['suggestions'] = [];
  const evidence: RoundReportView['evidence'] = [];
  const counts = { done: 0, inProgress: 0, notStarted: 0, cancelled: 0, measures: ROUND_MEASURES };
  for (let m = 0; m < ROUND_MEASURES; m++) {
    const issue = Math.floor(m / (ROUND_MEASURES / ISSUE_TITLES.length));
    const measure = `${issue + 1}.${(m % (ROUND_MEASURES / ISSUE_TITLES.length)) + 1} ${pick(rand, VERBS)}${pick(rand, OBJECTS)}`;
    // The 10 slots of this measure, one per unit.
    const results = unitNames.map((_, u) =>
      `หน่วย ${u + 1}: ${pick(rand, RESULTS)} ${rand() < 0.5 ? pick(rand, QUALIFIERS) : ''}`.trim(),
    );
    unitNames.forEach((unit, u) => {
      if (rand() < 0.25)
        problems.push({ unitNameTh: unit, measureTitle: measure, text: pick(rand, PROBLEMS) });
      if (rand() < 0.15) {
        suggestions.push({ unitNameTh: unit, measureTitle: measure, text: pick(rand, SUGGESTIONS) });
      }
      if (rand() < 0.5) {
        evidence.push({
          measureTitle: measure,
          unitNameTh: unit,
          items: Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, k) =>
            k % 2 === 0
              ? { label: `หลักฐาน-${m + 1}-${u + 1}-${k + 1}.pdf`, url: null }
              : {
                  label: `ภาพกิจกรรม ${m + 1}.${u + 1}`,
                  url: `https://www.example.go.th/ita/2568/evidence/${m + 1}/${u + 1}/${k + 1}`,
                },
          ),
        });
      }
    });
    const status = pick(rand, statuses);
    if (status === statuses[0]) counts.done++;
    else if (status === statuses[1]) counts.inProgress++;
    else counts.notStarted++;
    lines.push({
      issueTitle: `${issue + 1}. ${ISSUE_TITLES[issue]!}`,
      measure,
      method: Array.from({ length: 2 + Math.floor(rand() * 3) }, () => thai(rand, 80, 160)),
      responsible: unitNames,
      period,
      result: results.join('\n'),
      status,
    });
  }
  return {
    header: HEADER,
    planTitle: 'มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน จังหวัดตัวอย่าง ประจำปีงบประมาณ พ.ศ. 2568',
    roundLabel: 'รอบ 6 เดือน',
    periodStart: '2024-10-01',
    periodEnd: '2025-03-31',
    lines,
    counts,
    problems,
    suggestions,
    evidence,
    introduction: thai(rand, 300, 500),
  };
}

// ---------------------------------------------------------------------------------------------------
// Measuring.

async function timed<T>(runs: number, fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const times: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = await fn();
    times.push(performance.now() - t);
  }
  return { ms: round1(median(times)), result: result as T };
}

/**
 * The same rendering with and without the Thai compound protector (decision 012), runs interleaved so
 * that all modes see the same machine; one untimed render in each mode first. `cold`: the protector's
 * cache of segmented runs emptied before each render (a document's first render), `warm`: kept (the
 * same text rendered again), `off`: no protector. The protector is on afterwards.
 */
async function withAndWithoutCompounds<T>(runs: number, fn: () => Promise<T>) {
  const modes = ['cold', 'warm', 'off'] as const;
  const times: Record<(typeof modes)[number], number[]> = { cold: [], warm: [], off: [] };
  const set = (mode: (typeof modes)[number]) => {
    setThaiCompoundProtection(mode !== 'off');
    if (mode === 'cold') clearThaiCompoundCache();
  };
  try {
    for (const mode of modes) {
      set(mode);
      await fn();
    }
    for (let i = 0; i < runs; i++) {
      for (const mode of modes) {
        set(mode);
        const t = performance.now();
        await fn();
        times[mode].push(performance.now() - t);
      }
    }
  } finally {
    setThaiCompoundProtection(true);
  }
  return {
    cold: round1(median(times.cold)),
    warm: round1(median(times.warm)),
    off: round1(median(times.off)),
  };
}

/** `<name>` with and without the protector and the overhead beside its goal (≤ 10 %). */
function reportCompoundOverhead(
  ctx: BenchContext,
  name: string,
  times: { cold: number; warm: number; off: number },
) {
  const pct = (ms: number) => round1(((ms - times.off) / times.off) * 100);
  ctx.report(`${name}_without_compounds_ms`, times.off, 'ms');
  ctx.report(`${name}_with_compounds_first_ms`, times.cold, 'ms');
  ctx.report(`${name}_with_compounds_again_ms`, times.warm, 'ms');
  ctx.report(`${name}_compounds_overhead_first_pct`, pct(times.cold), '%');
  ctx.report(`${name}_compounds_overhead_again_pct`, pct(times.warm), '%');
  const verdict = (p: number) => (p <= 10 ? 'within' : 'OVER');
  ctx.log(
    `${name}: the Thai compound protector adds ${pct(times.cold)} % to a first render (${times.off} → ` +
      `${times.cold} ms, ${verdict(pct(times.cold))} the goal of ≤ 10 %) and ${pct(times.warm)} % to a ` +
      `render of text seen before (${times.warm} ms, ${verdict(pct(times.warm))})`,
  );
}

/** `soffice` on PATH, or null. */
function findSoffice(): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, 'soffice');
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {}
  }
  return null;
}

/** One headless conversion; throws unless the PDF appears. */
async function sofficeConvert(soffice: string, profile: string, docx: string, outDir: string) {
  const t = performance.now();
  await execFileAsync(
    soffice,
    [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      '--norestore',
      '--convert-to',
      'pdf',
      '--outdir',
      outDir,
      docx,
    ],
    { timeout: 600_000 },
  );
  const ms = performance.now() - t;
  const pdf = path.join(outDir, `${path.basename(docx, '.docx')}.pdf`);
  if (!fs.existsSync(pdf) || fs.statSync(pdf).size === 0) throw new Error(`soffice made no PDF of ${docx}`);
  return { ms, pdf: new Uint8Array(fs.readFileSync(pdf)) };
}

/** Resident set of this process's descendants (the browser's processes), from /proc, in bytes. */
function descendantsRss(): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = fs.readFileSync(`/proc/${entry}/status`, 'utf8');
      const ppid = Number(status.match(/^PPid:\s+(\d+)/m)?.[1]);
      const kb = Number(status.match(/^VmRSS:\s+(\d+)/m)?.[1] ?? 0);
      const pid = Number(entry);
      rss.set(pid, kb * 1024);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {} // gone meanwhile
  }
  let total = 0;
  const stack = [...(children.get(process.pid) ?? [])];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Samples this process's RSS (and, on Linux, its children's) every 50 ms until stopped. */
function sampleMemory() {
  const linux = process.platform === 'linux';
  let peak = process.memoryUsage().rss;
  let browserPeak = linux ? descendantsRss() : 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
    if (linux) browserPeak = Math.max(browserPeak, descendantsRss());
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return { peak, browserPeak: linux ? browserPeak : null };
    },
  };
}

async function documentsBench(ctx: BenchContext) {
  const options: RenderOptions = { digits: 'thai', font: bundledSarabun(), emblem: null };
  const plan = planView();
  const round = roundView();
  const stepLengths = plan.content.issues.flatMap((i) =>
    i.measures.flatMap((m) => m.steps.map((s) => s.text.length)),
  );
  ctx.log(
    `plan: ${plan.content.issues.length} issues × ${MEASURES_PER_ISSUE} measures, ${stepLengths.length} steps of ` +
      `${Math.min(...stepLengths)}–${Math.max(...stepLengths)} characters; round: ${round.lines.length} lines of ` +
      `${ROUND_UNITS} units, ${round.problems.length} problems, ${round.suggestions.length} suggestions, ` +
      `${round.evidence.length} evidence rows`,
  );
  const models: { name: 'plan' | 'round'; model: DocumentModel }[] = [
    { name: 'plan', model: planDocument(plan) },
    { name: 'round', model: roundReport(round) },
  ];

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-documents-'));
  const docxFiles: Record<string, string> = {};
  try {
    // DOCX and XLSX: the first render of each (the process's first use of the code, JIT) apart.
    for (const { name, model } of models) {
      const first = await timed(1, () => renderDocx(model, options));
      ctx.report(`docx_${name}_first_ms`, first.ms, 'ms');
      const docx = await timed(ctx.runs, () => renderDocx(model, options));
      ctx.report(`docx_${name}_ms`, docx.ms, 'ms');
      ctx.report(`docx_${name}_kb`, Math.round(docx.result.byteLength / 1024), 'KB');
      docxFiles[name] = path.join(tmp, `${name}.docx`);
      fs.writeFileSync(docxFiles[name], docx.result);
      const workbook = name === 'plan' ? planWorkbook(plan) : roundWorkbook(round);
      await renderXlsx(workbook, { digits: options.digits });
      const xlsx = await timed(ctx.runs, () => renderXlsx(workbook, { digits: options.digits }));
      ctx.report(`xlsx_${name}_ms`, xlsx.ms, 'ms');
      ctx.report(`xlsx_${name}_kb`, Math.round(xlsx.result.byteLength / 1024), 'KB');
    }

    // The Thai compound protector's cost on the 30-page plan's DOCX.
    const planModel = models[0]!.model;
    reportCompoundOverhead(
      ctx,
      'docx_plan',
      await withAndWithoutCompounds(ctx.runs, () => renderDocx(planModel, options)),
    );

    // PDF with a warm browser: launched and warmed by one render, then timed.
    const renderer = new PdfRenderer();
    const pdfMs: Record<string, number> = {};
    try {
      const launch = performance.now();
      await renderer.render('<!doctype html><p>warm</p>');
      ctx.log(`browser launched and warmed in ${Math.round(performance.now() - launch)} ms`);
      // The Thai compound protector's cost on the 30-page plan's PDF (HTML and Chromium's layout).
      reportCompoundOverhead(
        ctx,
        'pdf_plan',
        await withAndWithoutCompounds(ctx.runs, () => renderer.renderDocument(planModel, options)),
      );

      for (const { name, model } of models) {
        const html = await timed(ctx.runs, async () => renderHtml(model, options, { forPrint: true }));
        ctx.report(`html_${name}_ms`, html.ms, 'ms');
        ctx.report(`html_${name}_kb`, Math.round(Buffer.byteLength(html.result) / 1024), 'KB');
        await renderer.renderDocument(model, options); // this document's first render: not timed
        const pdf = await timed(ctx.runs, () => renderer.renderDocument(model, options));
        pdfMs[name] = pdf.ms;
        const pages = await pdfPageCount(pdf.result);
        ctx.report(`pdf_${name}_ms`, pdf.ms, 'ms');
        ctx.report(`pdf_${name}_kb`, Math.round(pdf.result.byteLength / 1024), 'KB');
        ctx.report(`pdf_${name}_pages`, pages, 'pages');
        ctx.report(`pdf_${name}_ms_per_page`, round1(pdf.ms / pages), 'ms');
        // The renderer's own measure after this document (Chromium's processes, Pss; PDF_MEMORY_MB bounds it).
        const chromium = (await pdfChromiumMemory.get()).values[0]?.value;
        if (chromium) ctx.report(`pdf_${name}_chromium_pss_mb`, mb(chromium), 'MB');
        if (name === 'plan' && (pages < 25 || pages > 35)) {
          throw new Error(`the plan should make 25–35 pages, it made ${pages}: adjust the sizes`);
        }
      }

      // LibreOffice on the same DOCX files.
      const soffice = findSoffice();
      if (!soffice) {
        ctx.log('LibreOffice (soffice) not on PATH: the DOCX → LibreOffice PDF comparison is skipped');
      } else {
        const versionProfile = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-lo-profile-'));
        const version = await execFileAsync(
          soffice,
          [`-env:UserInstallation=file://${versionProfile}`, '--version'],
          { timeout: 60_000 },
        ).catch(() => null);
        fs.rmSync(versionProfile, { recursive: true, force: true });
        ctx.log(`LibreOffice: ${version?.stdout.trim() ?? 'version unknown'}`);
        for (const { name } of models) {
          const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-lo-profile-'));
          try {
            const outDir = path.join(tmp, `lo-${name}`);
            const first = await sofficeConvert(soffice, profile, docxFiles[name]!, outDir);
            const seconds: number[] = [];
            let last = first.pdf;
            for (let i = 0; i < ctx.runs; i++) {
              const again = await sofficeConvert(soffice, profile, docxFiles[name]!, outDir);
              seconds.push(again.ms);
              last = again.pdf;
            }
            const second = round1(median(seconds));
            ctx.report(`libreoffice_${name}_first_ms`, round1(first.ms), 'ms');
            ctx.report(`libreoffice_${name}_ms`, second, 'ms');
            ctx.report(`libreoffice_${name}_pages`, await pdfPageCount(last), 'pages');
            ctx.report(`pdf_vs_libreoffice_${name}_ratio`, round2(pdfMs[name]! / second), 'x');
            ctx.report(`pdf_vs_libreoffice_first_${name}_ratio`, round2(pdfMs[name]! / first.ms), 'x');
          } finally {
            fs.rmSync(profile, { recursive: true, force: true });
          }
        }
      }

      // 20 concurrent renders of the plan through the one renderer (concurrency 2, queue 50).
      const totals: number[] = [];
      let rssBefore = 0;
      let browserBefore: number | null = null;
      let peak = 0;
      let browserPeak: number | null = null;
      for (let run = 0; run < ctx.runs; run++) {
        (globalThis as { gc?: () => void }).gc?.();
        const before = process.memoryUsage().rss;
        const browserNow = process.platform === 'linux' ? descendantsRss() : null;
        if (run === 0) {
          rssBefore = before;
          browserBefore = browserNow;
        }
        const sampler = sampleMemory();
        const t = performance.now();
        const settled = await Promise.allSettled(
          Array.from({ length: 20 }, () => renderer.renderDocument(planModel, options)),
        );
        totals.push(performance.now() - t);
        const memory = sampler.stop();
        const failed = settled.filter((s) => s.status === 'rejected');
        if (failed.length > 0) {
          throw new Error(
            `${failed.length} of 20 concurrent renders failed: ${String((failed[0] as PromiseRejectedResult).reason)}`,
          );
        }
        const sizes = settled.map((s) => (s as PromiseFulfilledResult<Uint8Array>).value.byteLength);
        ctx.log(
          `concurrent run ${run + 1}: ${Math.round(totals.at(-1)!)} ms, rss ${mb(before)} → peak ${mb(memory.peak)} MB` +
            (memory.browserPeak === null
              ? ''
              : `, browser ${mb(browserNow!)} → peak ${mb(memory.browserPeak)} MB`) +
            `, PDFs ${Math.min(...sizes)}–${Math.max(...sizes)} bytes`,
        );
        peak = Math.max(peak, memory.peak);
        if (memory.browserPeak !== null) browserPeak = Math.max(browserPeak ?? 0, memory.browserPeak);
      }
      const total = median(totals);
      const recycles = (await pdfBrowserRecycles.get()).values.reduce((sum, v) => sum + v.value, 0);
      ctx.log(`browsers replaced by the renderer (memory bound, render count, crash): ${recycles}`);
      ctx.report('pdf_plan_concurrent20_total_ms', round1(total), 'ms');
      ctx.report('pdf_plan_concurrent20_per_pdf_ms', round1(total / 20), 'ms');
      ctx.report('pdf_plan_concurrent20_rss_before_mb', mb(rssBefore), 'MB');
      ctx.report('pdf_plan_concurrent20_peak_rss_mb', mb(peak), 'MB');
      if (browserBefore !== null && browserPeak !== null) {
        ctx.report('pdf_plan_concurrent20_browser_rss_before_mb', mb(browserBefore), 'MB');
        ctx.report('pdf_plan_concurrent20_browser_peak_rss_mb', mb(browserPeak), 'MB');
      } else {
        ctx.log('browser memory not measured (needs /proc)');
      }
    } finally {
      await renderer.close();
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const bench: Bench = { name: 'documents', run: documentsBench };

export default bench;
