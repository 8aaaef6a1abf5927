import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editionForYear } from '../src/server/modules/assessments/assessments.service.ts';
import { editionCodes } from '../src/server/modules/assessments/edition-codes.ts';
import { pdfPrinter } from '../src/server/modules/documents/pdf/pdf-printer.ts';
import { PdfRenderer } from '../src/server/modules/documents/pdf/pdf-renderer.ts';
import { documentRenderersFor } from '../src/server/modules/documents/render-formats.ts';
import {
  bundledCompoundsFile,
  parseCompounds,
} from '../src/server/modules/documents/typography/thai-compounds.ts';
import type { ScoreEntry } from '../src/shared/assessments/scores.ts';
import type { SeedPlanFixture } from './fixtures/plans/plan-builder.ts';
import { seed000 } from './fixtures/plans/seed-000.ts';
import { seed001 } from './fixtures/plans/seed-001.ts';
import { storeAnalysis, storeResult } from './support/assessment-fixtures.ts';
import { convertToPdf, SOFFICE } from './support/libreoffice.ts';
import { type CompoundLineEnd, compoundLineEnds } from './support/line-ends.ts';
import { pdfPagesToPng } from './support/pdf-text.ts';
import { createTestContext, json, type TestContext } from './support/test-app.ts';

/**
 * No line of any document ends inside a protected compound (catalogue/typography/thai-compounds.txt):
 * every kind is made through the API from seed-like data, printed to PDF by Chromium, and its line ends
 * read back (tests/support/line-ends.ts). Where LibreOffice is installed, the DOCX of each kind is
 * converted by it and checked the same way. PNGs of every page stay in test-output/line-ends/.
 */
const OUT = path.resolve('test-output/line-ends');
const { compounds } = parseCompounds(fs.readFileSync(bundledCompoundsFile, 'utf8'));
let t: TestContext;
let pdf: PdfRenderer;
type Client = Awaited<ReturnType<TestContext['signedIn']>>;
type Made = { name: string; pdf: Uint8Array; docx: Uint8Array | null };
const made: Made[] = [];

beforeAll(async () => {
  pdf = new PdfRenderer();
  t = await createTestContext({
    documentRenderers: documentRenderersFor({ fontsDir: '/nonexistent' }, pdfPrinter(pdf)),
  });
  const { loadBundledEditions } = await import('../src/server/modules/catalogue/catalogue.service.ts');
  await loadBundledEditions(t.db);
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
});
afterAll(async () => {
  await pdf.close();
  await t.close();
});

async function download(client: Client, files: { format: string; url: string }[], format: string) {
  const url = files.find((f) => f.format === format)?.url;
  if (!url) return null;
  const file = await client.get(url);
  expect(file.status).toBe(200);
  return new Uint8Array(await file.arrayBuffer());
}

/** Generates the document, keeps its PDF (and DOCX) for the checks and the PNGs of its pages. */
async function generate(client: Client, name: string, body: object): Promise<Made> {
  const r = await client.post('/api/documents', body);
  expect(r.status, await r.clone().text()).toBe(200);
  const { document } = await json(r);
  const bytes = await download(client, document.files, 'pdf');
  expect(bytes, `${name}: a PDF`).not.toBeNull();
  const doc = { name, pdf: bytes!, docx: await download(client, document.files, 'docx') };
  made.push(doc);
  fs.writeFileSync(path.join(OUT, `${name}.pdf`), doc.pdf);
  if (doc.docx) fs.writeFileSync(path.join(OUT, `${name}.docx`), doc.docx);
  await pdfPagesToPng(doc.pdf, OUT, undefined, { prefix: `${name}-` });
  return doc;
}

const describeSplits = (splits: CompoundLineEnd[]) =>
  splits.map((s) => `p.${s.page} …${s.before}|${s.after}… (${s.compound})`).join('\n');

/** Asserts that no line end of the PDF falls inside a compound, and that there were line ends to look at. */
async function expectNoSplitCompounds(name: string, bytes: Uint8Array) {
  const report = await compoundLineEnds(bytes, compounds);
  console.info(
    `${name}: ${report.pages} pages, ${report.lineEnds} line ends, ${report.splits.length} inside a compound`,
  );
  expect(report.lineEnds, `${name}: line ends looked at`).toBeGreaterThan(10);
  expect(report.splits.length, `${name}: line ends inside a compound\n${describeSplits(report.splits)}`).toBe(
    0,
  );
}

async function enterSeedPlan(fixture: SeedPlanFixture, layout?: 'issue_point_measure') {
  const agency = await t.org(null, { nameTh: fixture.organization.nameTh });
  const unitIdByKey: Record<string, string> = {};
  for (const unit of fixture.units) unitIdByKey[unit.key] = (await t.org(agency, { nameTh: unit.nameTh })).id;
  const secretariat = await t.signedIn([{ role: 'secretariat', on: agency }]);
  const created = await json(
    await secretariat.post('/api/plans', { organizationId: agency.id, fiscalYear: fixture.fiscalYear }),
  );
  let n = 0;
  const content = fixture.build(unitIdByKey, () => `seed-${++n}`);
  const saved = await secretariat.request('PUT', `/api/plans/${created.id}`, {
    rowVersion: created.rowVersion,
    content: layout ? { ...content, layout } : content,
  });
  expect(saved.status).toBe(200);
  return { secretariat, planId: created.id as string };
}

describe('Chromium PDF: no line ends inside a protected compound', () => {
  it('analysis report with every indicator, question and OIT item of 2566', async () => {
    const org = await t.org(null, { nameTh: 'สำนักงานจังหวัดทดสอบการตัดคำ' });
    const secretariat = await t.signedIn([{ role: 'secretariat', on: org }]);
    const admin = await t.user([{ role: 'admin', on: null }]);
    const edition = await editionForYear(t.db, 2566);
    const scores: ScoreEntry[] = [];
    let k = 0;
    for (const [scope, set] of editionCodes(edition.edition)) {
      for (const code of set) {
        k++;
        const oit = scope === 'question' && code.startsWith('o');
        const score = oit ? (k % 3 === 0 ? 0 : 100) : 55 + ((k * 37) % 45);
        scores.push({
          scope,
          code,
          score,
          passed: oit ? score === 100 : null,
          reason: score === 0 ? 'ไม่ปรากฏข้อมูลที่เผยแพร่บนเว็บไซต์ของหน่วยงานในปีที่ประเมิน' : null,
          recommendation:
            scope === 'question' && score < 85
              ? 'หน่วยงานควรเผยแพร่รายละเอียดการปฏิบัติงานให้ผู้บังคับบัญชาและผู้มีส่วนได้ส่วนเสียทราบอย่างเร่งด่วน'
              : null,
        });
      }
    }
    const result = await storeResult(t.db, org.id, 2566, scores);
    const analysis = await storeAnalysis(t.db, await t.actorFor(admin.id), result.id, { urgentBelow: 85 });
    const doc = await generate(secretariat, 'analysis', {
      kind: 'analysis',
      subjectType: 'analysis',
      subjectId: analysis.id,
    });
    await expectNoSplitCompounds(doc.name, doc.pdf);
  }, 180_000);

  it('plan of seed 001 (measures table, Thai digits)', async () => {
    const seed = await enterSeedPlan(seed001);
    const doc = await generate(seed.secretariat, 'seed-001-plan', {
      kind: 'plan',
      subjectType: 'plan',
      subjectId: seed.planId,
    });
    await expectNoSplitCompounds(doc.name, doc.pdf);
  }, 180_000);

  it('plan of seed 000 (issue → point → measure)', async () => {
    const seed = await enterSeedPlan(seed000, 'issue_point_measure');
    const doc = await generate(seed.secretariat, 'seed-000-plan', {
      kind: 'plan',
      subjectType: 'plan',
      subjectId: seed.planId,
      options: { digits: 'arabic' },
    });
    await expectNoSplitCompounds(doc.name, doc.pdf);
  }, 180_000);

  it('plan of seed 000 in the measures-table layout', async () => {
    const seed = await enterSeedPlan({
      ...seed000,
      organization: { ...seed000.organization, nameTh: `${seed000.organization.nameTh} (ตาราง)` },
    });
    const doc = await generate(seed.secretariat, 'seed-000-plan-columns', {
      kind: 'plan',
      subjectType: 'plan',
      subjectId: seed.planId,
    });
    await expectNoSplitCompounds(doc.name, doc.pdf);
  }, 180_000);

  describe('seed 003: round report, memo and circular of a municipality', () => {
    let secretariat: Client;
    let roundId: string;
    let planId: string;
    const STEPS = [
      'จัดทำคู่มือมาตรฐานการปฏิบัติงานและเผยแพร่รายละเอียดผ่านเว็บไซต์ของหน่วยงาน',
      'ผู้บังคับบัญชาประชุมชี้แจงแนวทางการขับเคลื่อนมาตรการให้เจ้าหน้าที่ทุกส่วนราชการถือปฏิบัติ',
      'ประชาสัมพันธ์ผลการดำเนินงานของหน่วยงานตามอำนาจหน้าที่ และติดตามประเมินผลทุกไตรมาส',
      'จัดทำรายงานกำกับติดตามรอบ 6 เดือนเสนอผู้บริหารท้องถิ่นเพื่อพิจารณาสั่งการอย่างเร่งด่วน',
    ];

    beforeAll(async () => {
      const city = await t.org(null, { nameTh: 'เทศบาลนครทดสอบการตัดคำ', kind: 'municipality' });
      const divisions = [
        await t.org(city, { nameTh: 'สำนักปลัดเทศบาล' }),
        await t.org(city, { nameTh: 'กองคลัง' }),
        await t.org(city, { nameTh: 'กองยุทธศาสตร์และงบประมาณ' }),
      ];
      secretariat = await t.signedIn([{ role: 'secretariat', on: city }]);
      const executive = await t.signedIn([{ role: 'executive', on: city }]);
      const admin = await t.signedIn([{ role: 'admin', on: city }]);
      const reporters = await Promise.all(
        divisions.map((d) => t.signedIn([{ role: 'unit_reporter', on: d }])),
      );
      const created = await json(
        await secretariat.post('/api/plans', { organizationId: city.id, fiscalYear: 2564 }),
      );
      planId = created.id;
      const measures = Array.from({ length: 8 }, (_, i) => ({
        id: `m${i + 1}`,
        kind: 'activity',
        title: `กิจกรรมที่ ${i + 1} การอำนวยความสะดวกในการให้บริการประชาชนอย่างเท่าเทียม และเผยแพร่ข้อมูลการจัดซื้อจัดจ้างของหน่วยงาน`,
        steps: STEPS.map((text, k) => ({ id: `m${i + 1}s${k + 1}`, text })),
        responsible: { unitIds: divisions.map((d) => d.id), external: [] },
        timeframe: { start: '2563-10', end: '2564-09' },
        monitoring: 'ติดตามประเมินผลและรายงานผลการปฏิบัติงานต่อผู้บังคับบัญชา',
      }));
      const content = {
        ...created.content,
        title: 'แผนมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. 2564',
        monitoringSection: 'งานวิจัยและประเมินผลติดตามและรายงานผลทุก 6 เดือน',
        issues: [{ id: 'i1', title: 'การเปิดเผยข้อมูลและการให้บริการ', stance: 'urgent', measures }],
      };
      const saved = await json(
        await secretariat.request('PUT', `/api/plans/${created.id}`, {
          rowVersion: created.rowVersion,
          content,
        }),
      );
      const submitted = await admin.post(`/api/plans/${created.id}/submit`, {
        rowVersion: saved.rowVersion,
        overrideReason: 'ข้อมูลทดสอบการตัดคำท้ายบรรทัด',
      });
      let plan = await json(submitted);
      expect(submitted.status, JSON.stringify(plan)).toBe(200);
      plan = await json(
        await executive.post(`/api/plans/${created.id}/decision`, {
          decision: 'approve',
          rowVersion: plan.rowVersion,
          memoNumber: 'สฎ 52008/187',
          memoDate: '2021-04-23',
        }),
      );
      await json(
        await secretariat.post(`/api/plans/${created.id}/circulate`, { rowVersion: plan.rowVersion }),
      );
      const round = await json(
        await secretariat.post('/api/rounds', { planId: created.id, kind: '6m', dueDate: '2021-04-26' }),
      );
      await json(await secretariat.post(`/api/rounds/${round.id}/open`, { rowVersion: round.rowVersion }));
      roundId = round.id;
      for (const [u, reporter] of reporters.entries()) {
        for (const [i, slot] of (await json(await reporter.get('/api/reports/mine'))).entries()) {
          const done = (i + u) % 3 !== 0;
          const r = await reporter.post(`/api/reports/${slot.id}/submit`, {
            rowVersion: slot.rowVersion,
            result:
              'ดำเนินการจัดทำคู่มือการปฏิบัติงานแล้วเสร็จ เผยแพร่รายละเอียดบนเว็บไซต์ของหน่วยงาน และรายงานผู้บังคับบัญชาแล้ว',
            progress: done ? 'done' : 'in_progress',
            percent: done ? 100 : 50,
            problems: done ? '' : 'บุคลากรไม่เพียงพอ งบประมาณล่าช้า ต้องปรับแผนการดำเนินงานอย่างเร่งด่วน',
            suggestions: done ? '' : 'ควรจัดอบรมเจ้าหน้าที่และเพิ่มช่องทางการประชาสัมพันธ์ภายในหน่วยงาน',
            links: [{ url: 'https://www.example.go.th/ita/2564', label: 'หน้าเว็บไซต์' }],
          });
          expect(r.status, await r.clone().text()).toBe(200);
        }
      }
      const open = await json(await secretariat.get(`/api/rounds/${roundId}`));
      const closed = await secretariat.post(`/api/rounds/${roundId}/close`, { rowVersion: open.rowVersion });
      expect(closed.status, await closed.clone().text()).toBe(200);
    }, 180_000);

    it('round report', async () => {
      const doc = await generate(secretariat, 'seed-003-round', {
        kind: 'round',
        subjectType: 'round',
        subjectId: roundId,
      });
      await expectNoSplitCompounds(doc.name, doc.pdf);
    }, 180_000);

    const long = (text: string) => Array.from({ length: 4 }, () => text).join(' ');

    it('memo', async () => {
      const draft = await json(await secretariat.get(`/api/documents/drafts/memo/round/${roundId}`));
      const content = {
        ...draft.draft.content,
        background: long(
          'สำนักงาน ป.ป.ช. กำหนดให้หน่วยงานภาครัฐจัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน และให้ผู้บังคับบัญชาขับเคลื่อนการปฏิบัติงานตามมาตรการ',
        ),
        considerations: long(
          'เห็นควรให้หน่วยงานที่ยังดำเนินการไม่แล้วเสร็จเร่งรัดการปฏิบัติงานอย่างเร่งด่วน เผยแพร่รายละเอียดผลการดำเนินงาน และรายงานการติดตามประเมินผลในรอบถัดไป',
        ),
      };
      const saved = await secretariat.request('PUT', `/api/documents/drafts/memo/round/${roundId}`, {
        rowVersion: draft.rowVersion,
        draft: { kind: 'memo', content },
      });
      expect(saved.status, await saved.clone().text()).toBe(200);
      const doc = await generate(secretariat, 'seed-003-memo', {
        kind: 'memo',
        subjectType: 'round',
        subjectId: roundId,
        options: {
          documentNumber: 'สฎ 52008/189',
          documentDate: '2021-04-26',
          signer: { name: 'นายรัชช ภูมิคำเทนิต', positions: ['นักวิเคราะห์นโยบายและแผนปฏิบัติการ'] },
        },
      });
      await expectNoSplitCompounds(doc.name, doc.pdf);
    }, 180_000);

    it('circular', async () => {
      const draft = await json(await secretariat.get(`/api/documents/drafts/circular/plan/${planId}`));
      const content = {
        ...draft.draft.content,
        to: draft.draft.content.to || 'หัวหน้าส่วนราชการทุกส่วนราชการ',
        body: long(
          'ขอแจ้งเวียนแผนมาตรการส่งเสริมคุณธรรมและความโปร่งใสให้ทุกส่วนราชการทราบ และให้ผู้บังคับบัญชาทุกระดับกำกับการปฏิบัติงาน เผยแพร่รายละเอียดของมาตรการ และรายงานผลอย่างเร่งด่วน',
        ),
        recipients: Array.from({ length: 12 }, (_, i) => `ผู้อำนวยการกองที่ ${i + 1} ทุกส่วนราชการในสังกัด`),
      };
      const saved = await secretariat.request('PUT', `/api/documents/drafts/circular/plan/${planId}`, {
        rowVersion: draft.rowVersion,
        draft: { kind: 'circular', content },
      });
      expect(saved.status, await saved.clone().text()).toBe(200);
      const doc = await generate(secretariat, 'seed-003-circular', {
        kind: 'circular',
        subjectType: 'plan',
        subjectId: planId,
        options: { signer: { name: 'นายทดสอบ การตัดคำ', positions: ['นายกเทศมนตรีนครทดสอบการตัดคำ'] } },
      });
      await expectNoSplitCompounds(doc.name, doc.pdf);
    }, 180_000);
  });
});

// ---------------------------------------------------------------------------------------------------
// The same documents' DOCX, converted to PDF by LibreOffice where it is installed.

if (!SOFFICE)
  console.info('LibreOffice not installed: the line ends of its PDFs from our DOCX are not checked');

describe('LibreOffice PDF from our DOCX: no line ends inside a protected compound', () => {
  it.skipIf(!SOFFICE)(
    'every document kind made above',
    async () => {
      const withDocx = made.filter((m) => m.docx !== null);
      expect(withDocx.length).toBeGreaterThanOrEqual(5);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'line-ends-lo-'));
      try {
        const failures: string[] = [];
        for (const m of withDocx) {
          const docx = path.join(dir, `${m.name}.docx`);
          fs.writeFileSync(docx, m.docx!);
          const result = await convertToPdf(docx, dir);
          if (!result.pdf) throw new Error(`LibreOffice: ${result.stderr}`);
          const bytes = result.pdf;
          fs.writeFileSync(path.join(OUT, `libreoffice-${m.name}.pdf`), bytes);
          await pdfPagesToPng(bytes, OUT, undefined, { prefix: `libreoffice-${m.name}-` });
          const report = await compoundLineEnds(bytes, compounds);
          console.info(
            `LibreOffice ${m.name}: ${report.pages} pages, ${report.lineEnds} line ends, ${report.splits.length} inside a compound`,
          );
          if (report.splits.length > 0) failures.push(`${m.name}:\n${describeSplits(report.splits)}`);
        }
        expect(failures.join('\n')).toBe('');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    900_000,
  );
});
