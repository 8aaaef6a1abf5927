import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editionForYear } from '../src/server/modules/assessments/assessments.service.ts';
import { editionCodes } from '../src/server/modules/assessments/edition-codes.ts';
import { pdfPrinter } from '../src/server/modules/documents/pdf/pdf-printer.ts';
import { PdfRenderer } from '../src/server/modules/documents/pdf/pdf-renderer.ts';
import { documentRenderersFor } from '../src/server/modules/documents/render-formats.ts';
import type { ScoreEntry } from '../src/shared/assessments/scores.ts';
import type { SeedPlanFixture } from './fixtures/plans/plan-builder.ts';
import { seed000 } from './fixtures/plans/seed-000.ts';
import { seed001 } from './fixtures/plans/seed-001.ts';
import { storeAnalysis, storeResult } from './support/assessment-fixtures.ts';
import { inkProblems, pageInk } from './support/page-ink.ts';
import { createTestContext, json, type TestContext } from './support/test-app.ts';

/**
 * Every kind of document, long enough to run over several pages, printed to PDF and looked at page by
 * page: no ink in the top margin (besides the page number) nor in the bottom margin. Thai vowels and
 * tone marks above a page's first line used to be painted at the foot of the page before it. The
 * PNGs stay in test-output/page-ink/ for a person to look at.
 */
const OUT = path.resolve('test-output/page-ink');
let t: TestContext;
let pdf: PdfRenderer;
type Client = Awaited<ReturnType<TestContext['signedIn']>>;

beforeAll(async () => {
  fs.rmSync(OUT, { recursive: true, force: true });
  pdf = new PdfRenderer();
  t = await createTestContext({
    documentRenderers: documentRenderersFor({ fontsDir: '/nonexistent' }, pdfPrinter(pdf)),
  });
  const { loadBundledEditions } = await import('../src/server/modules/catalogue/catalogue.service.ts');
  await loadBundledEditions(t.db);
});
afterAll(async () => {
  await pdf.close();
  await t.close();
});

async function generatePdf(client: Client, body: object): Promise<Uint8Array> {
  const r = await client.post('/api/documents', body);
  expect(r.status, await r.clone().text()).toBe(200);
  const made = await json(r);
  const url = made.document.files.find((f: { format: string }) => f.format === 'pdf')?.url;
  expect(url, JSON.stringify(made.missing)).toBeTruthy();
  const file = await client.get(url);
  expect(file.status).toBe(200);
  return new Uint8Array(await file.arrayBuffer());
}

/** The PDF has at least `minPages` pages and none of them has ink in its blank margins. */
async function expectCleanMargins(bytes: Uint8Array, prefix: string, minPages: number) {
  const pages = await pageInk(bytes, OUT, { prefix });
  expect(pages.length, `${prefix}: pages`).toBeGreaterThanOrEqual(minPages);
  expect(inkProblems(pages), `${prefix}: ink in a margin`).toEqual([]);
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
  return { agency, secretariat, planId: created.id as string };
}

describe('no ink in the margins of any page (stray Thai marks, borders running on)', () => {
  it('analysis report with every indicator, question and OIT item of 2566', async () => {
    const org = await t.org(null, { nameTh: 'สำนักงานจังหวัดทดสอบหน้ากระดาษ' });
    const secretariat = await t.signedIn([{ role: 'secretariat', on: org }]);
    const admin = await t.user([{ role: 'admin', on: null }]);
    const edition = await editionForYear(t.db, 2566);
    const codes = editionCodes(edition.edition);
    const scores: ScoreEntry[] = [];
    let k = 0;
    for (const [scope, set] of codes) {
      for (const code of set) {
        k++;
        const score =
          scope === 'question' && code.startsWith('o') ? (k % 3 === 0 ? 0 : 100) : 55 + ((k * 37) % 45);
        scores.push({
          scope,
          code,
          score,
          passed: scope === 'question' && code.startsWith('o') ? score === 100 : null,
          reason: score === 0 ? 'ไม่ครบองค์ประกอบตามที่กำหนด ไม่ปรากฏข้อมูลที่เผยแพร่ในปีที่ประเมิน' : null,
          recommendation:
            scope === 'question' && score < 85
              ? 'หน่วยงานควรเผยแพร่ข้อมูลให้ครบถ้วนและเป็นปัจจุบัน ปรับปรุงขั้นตอนการให้บริการให้ชัดเจน'
              : null,
        });
      }
    }
    const result = await storeResult(t.db, org.id, 2566, scores);
    const analysis = await storeAnalysis(t.db, await t.actorFor(admin.id), result.id, { urgentBelow: 85 });
    const bytes = await generatePdf(secretariat, {
      kind: 'analysis',
      subjectType: 'analysis',
      subjectId: analysis.id,
    });
    await expectCleanMargins(bytes, 'analysis-', 4);
  }, 120_000);

  it('plan of seed 001 (columns layout, Thai digits)', async () => {
    const seed = await enterSeedPlan(seed001);
    const bytes = await generatePdf(seed.secretariat, {
      kind: 'plan',
      subjectType: 'plan',
      subjectId: seed.planId,
    });
    await expectCleanMargins(bytes, 'seed-001-plan-', 5);
  }, 120_000);

  it('plan of seed 000 (issue → point → measure)', async () => {
    const seed = await enterSeedPlan(seed000, 'issue_point_measure');
    const bytes = await generatePdf(seed.secretariat, {
      kind: 'plan',
      subjectType: 'plan',
      subjectId: seed.planId,
      options: { digits: 'arabic' },
    });
    await expectCleanMargins(bytes, 'seed-000-plan-', 3);
  }, 120_000);

  describe('seed 003: round report, memo and circular of a municipality', () => {
    let secretariat: Client;
    let roundId: string;
    let planId: string;
    const STEPS = [
      'จัดทำคู่มือมาตรฐานการให้บริการประชาชนและเผยแพร่ผ่านเว็บไซต์ของหน่วยงาน',
      'มีช่องทางการให้บริการผ่านระบบ E-service , Q&A และช่องทางรับฟังความคิดเห็นของผู้รับบริการ',
      'ประชาสัมพันธ์ผลการดำเนินงานของหน่วยงานตามอำนาจหน้าที่หรือภารกิจที่สำคัญทุกไตรมาส',
      'จัดทำรายงานกำกับติดตามรอบ 6 เดือนเสนอผู้บริหารท้องถิ่นเพื่อทราบและพิจารณาสั่งการ',
    ];

    beforeAll(async () => {
      const city = await t.org(null, { nameTh: 'เทศบาลนครทดสอบหน้ากระดาษ', kind: 'municipality' });
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
      const measures = Array.from({ length: 12 }, (_, i) => ({
        id: `m${i + 1}`,
        kind: 'activity',
        title: `กิจกรรมที่ ${i + 1} การอำนวยความสะดวกในการให้บริการประชาชนอย่างเท่าเทียมและทั่วถึง ปั้นและพัฒนาที่ปรึกษาประจำหน่วยงาน`,
        steps: STEPS.map((text, k) => ({ id: `m${i + 1}s${k + 1}`, text })),
        responsible: { unitIds: divisions.map((d) => d.id), external: [] },
        timeframe: { start: '2563-10', end: '2564-09' },
        monitoring: 'ติดตาม สอบถาม และรายงานผลต่อผู้บริหารท้องถิ่น',
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
        overrideReason: 'ข้อมูลทดสอบหน้ากระดาษ',
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
            result: 'ดำเนินการจัดทำคู่มือแล้วเสร็จ เปิดระบบ E-service และเผยแพร่ข้อมูลบนเว็บไซต์ของหน่วยงานแล้ว',
            progress: done ? 'done' : 'in_progress',
            percent: done ? 100 : 50,
            problems: done ? '' : 'บุคลากรไม่เพียงพอ งบประมาณล่าช้า ต้องปรับแผนการดำเนินงาน',
            suggestions: done ? '' : 'ควรจัดอบรมเจ้าหน้าที่และเพิ่มช่องทางการสื่อสารภายในหน่วยงาน',
            links: [{ url: 'https://www.example.go.th/ita/2564', label: 'หน้าเว็บไซต์' }],
          });
          expect(r.status, await r.clone().text()).toBe(200);
        }
      }
    }, 120_000);

    it('round report', async () => {
      const bytes = await generatePdf(secretariat, {
        kind: 'round',
        subjectType: 'round',
        subjectId: roundId,
      });
      await expectCleanMargins(bytes, 'seed-003-round-', 4);
    }, 120_000);

    const long = (text: string) => Array.from({ length: 5 }, () => text).join(' ');

    it('memo', async () => {
      // The memo reports a closed round.
      const round = await json(await secretariat.get(`/api/rounds/${roundId}`));
      const closed = await secretariat.post(`/api/rounds/${roundId}/close`, { rowVersion: round.rowVersion });
      expect(closed.status, await closed.clone().text()).toBe(200);
      const draft = await json(await secretariat.get(`/api/documents/drafts/memo/round/${roundId}`));
      const content = {
        ...draft.draft.content,
        department: 'กองยุทธศาสตร์และงบประมาณ งานวิจัยและประเมินผล โทร. 601',
        subject: 'รายงานผลการดำเนินงานตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส รอบ 6 เดือน',
        to: 'นายกเทศมนตรี',
        background: long(draft.draft.content.background || 'สำนักงาน ป.ป.ช. กำหนดให้หน่วยงานภาครัฐจัดทำมาตรการ'),
        facts: long(draft.draft.content.facts || 'ผลการดำเนินงานตามมาตรการในรอบ 6 เดือน'),
        considerations: long(
          'เห็นควรให้หน่วยงานที่ยังดำเนินการไม่แล้วเสร็จเร่งรัดการดำเนินงาน ปั้นบุคลากรที่ปฏิบัติงานด้านการเปิดเผยข้อมูล และรายงานผลในรอบถัดไป',
        ),
      };
      const saved = await secretariat.request('PUT', `/api/documents/drafts/memo/round/${roundId}`, {
        rowVersion: draft.rowVersion,
        draft: { kind: 'memo', content },
      });
      expect(saved.status, await saved.clone().text()).toBe(200);
      const bytes = await generatePdf(secretariat, {
        kind: 'memo',
        subjectType: 'round',
        subjectId: roundId,
        options: {
          documentNumber: 'สฎ 52008/189',
          documentDate: '2021-04-26',
          signer: { name: 'นายรัชช ภูมิคำเทนิต', positions: ['นักวิเคราะห์นโยบายและแผนปฏิบัติการ'] },
        },
      });
      await expectCleanMargins(bytes, 'seed-003-memo-', 2);
    }, 120_000);

    it('circular', async () => {
      const draft = await json(await secretariat.get(`/api/documents/drafts/circular/plan/${planId}`));
      const content = {
        ...draft.draft.content,
        department: 'กองยุทธศาสตร์และงบประมาณ งานวิจัยและประเมินผล โทร. 601',
        subject: 'แจ้งเวียนมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. 2564',
        to: 'ผู้อำนวยการกองทุกกอง',
        body: long(
          draft.draft.content.body || 'ขอแจ้งเวียนแผนมาตรการส่งเสริมคุณธรรมและความโปร่งใสให้ทุกส่วนราชการทราบ',
        ),
        recipients: Array.from({ length: 30 }, (_, i) => `ผู้อำนวยการกองที่ ${i + 1} ทุกส่วนราชการในสังกัด`),
      };
      const saved = await secretariat.request('PUT', `/api/documents/drafts/circular/plan/${planId}`, {
        rowVersion: draft.rowVersion,
        draft: { kind: 'circular', content },
      });
      expect(saved.status, await saved.clone().text()).toBe(200);
      const bytes = await generatePdf(secretariat, {
        kind: 'circular',
        subjectType: 'plan',
        subjectId: planId,
        options: { signer: { name: 'นายทดสอบ หน้ากระดาษ', positions: ['นายกเทศมนตรีนครทดสอบ'] } },
      });
      await expectCleanMargins(bytes, 'seed-003-circular-', 2);
    }, 120_000);
  });
});
