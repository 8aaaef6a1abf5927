import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planContentSchema } from '#shared/plans/contract.ts';
import {
  createTestContext,
  json,
  type TestContext,
  type TestOrg,
} from '../../../../tests/support/test-app.ts';
import { auditEvents, organizations, plans } from '../../db/schema/index.ts';
import { loadBundledEditions } from '../catalogue/catalogue.service.ts';
import { roundReportRows } from './rules/round-report.ts';

/**
 * Seed 003 (a city municipality, fiscal 2564): measures for every division, a 6-month round, units
 * report through the API, the secretariat reviews, and the follow-up table comes out of the data.
 */
let t: TestContext;
let city: TestOrg;
let divisions: TestOrg[];
type Client = Awaited<ReturnType<TestContext['signedIn']>>;
let secretariat: Client;
let reporters: Client[];
let planId: string;
let round: { id: string; rowVersion: number };

const MEASURES = [
  {
    title: '๑.กิจกรรมการอำนวยความสะดวกในการให้บริการประชาชนอย่างเท่าเทียมและทั่วถึง',
    steps: ['จัดทำคู่มือมาตรฐานการให้บริการประชาชน', 'มีช่องทางการให้บริการผ่านระบบ E-service , Q&A'],
  },
  {
    title: '๒.กิจกรรมประชาสัมพันธ์การดำเนินงานของหน่วยงานตามอำนาจหน้าที่หรือภารกิจ',
    steps: ['เผยแพร่ข้อมูลพื้นฐานผ่านเว็บไซต์'],
  },
  { title: '๓.กิจกรรมการกำกับติดตามการดำเนินงานของหน่วยงาน', steps: ['จัดทำรายงานกำกับติดตามรอบ ๖ เดือน'] },
];

beforeAll(async () => {
  t = await createTestContext();
  await loadBundledEditions(t.db);
  city = await t.org(null, { nameTh: 'เทศบาลนครตัวอย่าง' });
  divisions = [await t.org(city, { nameTh: 'สำนักปลัดเทศบาล' }), await t.org(city, { nameTh: 'กองคลัง' })];
  // One division has an English name, the other none: the English UI shows the one and falls back.
  await t.db
    .update(organizations)
    .set({ nameEn: 'Office of the Municipal Clerk' })
    .where(eq(organizations.id, divisions[0]!.id));
  secretariat = await t.signedIn([{ role: 'secretariat', on: city }]);
  reporters = [
    await t.signedIn([{ role: 'unit_reporter', on: divisions[0]! }]),
    await t.signedIn([{ role: 'unit_reporter', on: divisions[1]! }]),
  ];
  const content = planContentSchema.parse({
    title: 'มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๔',
    monitoringSection: 'ติดตาม สอบถาม',
    issues: [
      {
        id: 'issue-1',
        title: 'มาตรการ/แนวทาง',
        measures: MEASURES.map((m, i) => ({
          id: `m${i + 1}`,
          title: m.title,
          steps: m.steps.map((text, k) => ({ id: `m${i + 1}s${k + 1}`, text })),
          responsible: { unitIds: divisions.map((d) => d.id) },
          timeframe: { start: '2563-10', end: '2564-04' },
          monitoring: 'ติดตาม สอบถาม',
        })),
      },
    ],
  });
  const [plan] = await t.db
    .insert(plans)
    .values({ organizationId: city.id, fiscalYear: 2564, status: 'circulated', content })
    .returning();
  planId = plan!.id;
});
afterAll(() => t.close());

const report = (slot: { rowVersion: number }, fields: Record<string, unknown>) => ({
  rowVersion: slot.rowVersion,
  result: '',
  progress: 'not_started',
  percent: 0,
  ...fields,
});

describe('follow-up round', () => {
  it('refuses a due date outside the plan’s fiscal year or the next (FY 2564: 1 Oct 2563 – 30 Sep 2565 BE), writing nothing', async () => {
    for (const dueDate of ['9999-12-31', '2022-10-01', '2020-09-30']) {
      const refused = await secretariat.post('/api/rounds', { planId, kind: '6m', dueDate });
      expect(refused.status, dueDate).toBe(400);
      const detail = (await json(refused)).error.details[0];
      expect(detail.path).toBe('dueDate');
      expect(detail.message_th).toContain('วันครบกำหนดส่ง');
      expect(detail.message_en).toContain('The due date');
    }
    const early = await secretariat.post('/api/rounds', {
      planId,
      kind: '6m',
      dueDate: '2021-04-05',
      periodStart: '2019-09-30',
    });
    expect(early.status).toBe(400);
    expect((await json(early)).error.details.map((d: { path: string }) => d.path)).toEqual(['periodStart']);
    expect(await json(await secretariat.get(`/api/rounds?planId=${planId}`))).toEqual([]);
  });

  it('opens a 6-month round with one slot per measure and unit', async () => {
    const created = await json(
      await secretariat.post('/api/rounds', { planId, kind: '6m', dueDate: '2021-04-05' }),
    );
    expect(created).toMatchObject({ periodStart: '2020-10-01', periodEnd: '2021-03-31', status: 'draft' });
    round = await json(
      await secretariat.post(`/api/rounds/${created.id}/open`, { rowVersion: created.rowVersion }),
    );
    expect(round).toMatchObject({ status: 'open', slotCount: 6 });
    const mine = await json(await reporters[0]!.get('/api/reports/mine'));
    expect(mine.map((s: { measureTitle: string }) => s.measureTitle)).toEqual(MEASURES.map((m) => m.title));
    expect(mine[0].steps).toEqual(MEASURES[0]!.steps);
    expect(mine[0]).toMatchObject({
      unitNameTh: 'สำนักปลัดเทศบาล',
      unitNameEn: 'Office of the Municipal Clerk',
    });
  });

  it('numbers each report’s measure as the plan does (issue and measure), so same titles differ', async () => {
    const mine = await json(await reporters[0]!.get('/api/reports/mine'));
    expect(mine.map((s: { position: unknown }) => s.position)).toEqual([
      { issueIndex: 0, measureIndex: 0 },
      { issueIndex: 0, measureIndex: 1 },
      { issueIndex: 0, measureIndex: 2 },
    ]);
    const one = await json(await secretariat.get(`/api/reports/${mine[2].id}`));
    expect(one.position).toEqual({ issueIndex: 0, measureIndex: 2 });
  });

  it('refuses inconsistent or foreign reports and writes nothing', async () => {
    const [slot] = await json(await reporters[0]!.get('/api/reports/mine'));
    const bad = await reporters[0]!.post(
      `/api/reports/${slot.id}/submit`,
      report(slot, { progress: 'done', percent: 40 }),
    );
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.details[0].path).toBe('percent');
    const link = await reporters[0]!.request(
      'PUT',
      `/api/reports/${slot.id}`,
      report(slot, { links: [{ url: 'javascript:alert(1)' }] }),
    );
    expect(link.status).toBe(400);
    expect((await reporters[1]!.request('PUT', `/api/reports/${slot.id}`, report(slot, {}))).status).toBe(
      403,
    );
    expect((await secretariat.request('PUT', `/api/reports/${slot.id}`, report(slot, {}))).status).toBe(403);
    expect((await json(await reporters[0]!.get(`/api/reports/${slot.id}`))).rowVersion).toBe(slot.rowVersion);
  });

  it('refuses activity dates far from the plan’s year and a paper dated in the future, writing nothing', async () => {
    const [slot] = await json(await reporters[0]!.get('/api/reports/mine'));
    const far = await reporters[0]!.request(
      'PUT',
      `/api/reports/${slot.id}`,
      report(slot, { activityStart: '2019-09-30', activityEnd: '2022-09-30' }),
    );
    expect(far.status).toBe(400);
    const details = (await json(far)).error.details;
    expect(details.map((d: { path: string }) => d.path)).toEqual(['activityStart']);
    expect(details[0].message_en).toBe(
      'The activity’s start 30 September 2562 BE must be between 1 October 2562 BE and 30 September 2565 BE',
    );
    const future = await reporters[0]!.request(
      'PUT',
      `/api/reports/${slot.id}`,
      report(slot, { paperRefs: [{ kind: 'คำสั่ง', number: '1/2564', date: '9999-12-31' }] }),
    );
    expect(future.status).toBe(400);
    expect((await json(future)).error.details[0].path).toBe('paperRefs[0].date');
    expect((await json(await reporters[0]!.get(`/api/reports/${slot.id}`))).rowVersion).toBe(slot.rowVersion);
    // At the bounds: accepted.
    const edge = await reporters[0]!.request(
      'PUT',
      `/api/reports/${slot.id}`,
      report(slot, { activityStart: '2019-10-01', activityEnd: '2022-09-30' }),
    );
    expect(edge.status, await edge.clone().text()).toBe(200);
    expect(await json(edge)).toMatchObject({ activityStart: '2019-10-01', activityEnd: '2022-09-30' });
  });

  it('never lets two savers overwrite each other', async () => {
    const [slot] = await json(await reporters[0]!.get('/api/reports/mine'));
    const first = await reporters[0]!.request(
      'PUT',
      `/api/reports/${slot.id}`,
      report(slot, { result: 'ร่างแรก', progress: 'in_progress', percent: 30 }),
    );
    expect(first.status).toBe(200);
    const second = await reporters[0]!.request(
      'PUT',
      `/api/reports/${slot.id}`,
      report(slot, { result: 'ร่างที่สอง', progress: 'in_progress', percent: 50 }),
    );
    expect(second.status).toBe(409);
  });

  it('records autosaved drafts in the append-only trail when what it records changes, not at every pause in typing', async () => {
    const slots = await json(await reporters[1]!.get('/api/reports/mine'));
    let slot = slots[slots.length - 1];
    const saves: [string, number][] = [
      ['ร่าง', 10],
      ['ร่าง ต่อ', 10],
      ['ร่าง ต่ออีก', 10],
      ['ร่าง ต่ออีก แล้วเสร็จครึ่งหนึ่ง', 50],
    ];
    for (const [result, percent] of saves) {
      const r = await reporters[1]!.request(
        'PUT',
        `/api/reports/${slot.id}`,
        report(slot, { result, progress: 'in_progress', percent }),
      );
      expect(r.status, await r.clone().text()).toBe(200);
      slot = await json(r);
    }
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, slot.id), eq(auditEvents.action, 'report.save')))
      .orderBy(auditEvents.id);
    expect(events.map((e) => (e.after as { percent: number }).percent)).toEqual([10, 50]);
  });

  it('goes submit → return with a comment → resubmit → accept, and rolls up', async () => {
    const results = [
      'จัดทำคู่มือมาตรฐานการให้บริการแล้วเสร็จ และเปิดระบบ E-service',
      'เผยแพร่ข้อมูลบนเว็บไซต์แล้ว',
      'อยู่ระหว่างจัดทำรายงาน',
    ];
    for (const [u, reporter] of reporters.entries()) {
      for (const slot of await json(await reporter.get('/api/reports/mine'))) {
        const i = MEASURES.findIndex((m) => m.title === slot.measureTitle);
        const done = i < 2;
        const r = await reporter.post(
          `/api/reports/${slot.id}/submit`,
          report(slot, {
            result: results[i],
            progress: done ? 'done' : 'in_progress',
            percent: done ? 100 : 50,
            problems: u === 0 && i === 2 ? 'บุคลากรไม่เพียงพอ' : '',
            suggestions: u === 1 && i === 2 ? 'ควรจัดอบรมเจ้าหน้าที่' : '',
          }),
        );
        expect(r.status, await r.clone().text()).toBe(200);
      }
    }
    const [first] = await json(await reporters[0]!.get('/api/reports/mine'));
    const returned = await json(
      await secretariat.post(`/api/reports/${first.id}/review`, {
        decision: 'return',
        rowVersion: first.rowVersion,
        comment: 'กรุณาแนบหลักฐาน',
      }),
    );
    expect(returned).toMatchObject({ state: 'returned', reviewComment: 'กรุณาแนบหลักฐาน' });
    const seen = await json(await reporters[0]!.get(`/api/reports/${first.id}`));
    expect(seen.reviewComment).toBe('กรุณาแนบหลักฐาน');
    const again = await json(
      await reporters[0]!.post(
        `/api/reports/${first.id}/submit`,
        report(seen, {
          result: seen.result,
          progress: 'done',
          percent: 100,
          links: [{ url: 'https://example.go.th/manual.pdf' }],
        }),
      ),
    );
    expect(again.state).toBe('submitted');
    for (const reporter of reporters) {
      for (const slot of await json(await reporter.get('/api/reports/mine'))) {
        const ok = await secretariat.post(`/api/reports/${slot.id}/review`, {
          decision: 'accept',
          rowVersion: slot.rowVersion,
        });
        expect(ok.status).toBe(200);
      }
    }
    const up = await json(await secretariat.get(`/api/rounds/${round.id}/rollup`));
    expect(up.counts).toMatchObject({ measures: 3, done: 2, inProgress: 1, notStarted: 0 });
    expect(up.units.every((u: { submitted: number; slots: number }) => u.submitted === u.slots)).toBe(true);
    expect(up.problems).toEqual([
      expect.objectContaining({
        unitNameTh: 'สำนักปลัดเทศบาล',
        unitNameEn: 'Office of the Municipal Clerk',
        text: 'บุคลากรไม่เพียงพอ',
      }),
    ]);
    expect(up.suggestions).toEqual([
      expect.objectContaining({ unitNameTh: 'กองคลัง', unitNameEn: null, text: 'ควรจัดอบรมเจ้าหน้าที่' }),
    ]);
    // Each measure's cells in the order the measure names its units; a problem names its measure.
    for (const m of up.measures) {
      expect(m.cells.map((c: { unitId: string }) => c.unitId)).toEqual(divisions.map((d) => d.id));
    }
    expect(up.problems[0].measureTitle).toBe(MEASURES[2]!.title);
    expect(up.units.map((u: { unitNameEn: string | null }) => u.unitNameEn).sort()).toEqual([
      'Office of the Municipal Clerk',
      null,
    ]);

    // The published follow-up table (seed 003 §3), produced from what the units entered.
    const slots = up.measures.flatMap((m: { measureId: string; cells: { slotId: string }[] }) =>
      m.cells.map((c) => c.slotId),
    );
    const details = await Promise.all(
      slots.map(async (id: string) => json(await secretariat.get(`/api/reports/${id}`))),
    );
    const { contentOf } = await import('../plans/plans.service.ts');
    const [planRow] = await t.db.select().from(plans);
    const rows = roundReportRows(
      contentOf(planRow!),
      details.map((d) => ({
        measureId: d.measureId,
        unitId: d.unitId,
        unitNameTh: d.unitNameTh,
        progress: d.progress,
        percent: d.percent,
        result: d.result,
        counted: true,
      })),
      new Map(divisions.map((d, i) => [d.id, ['สำนักปลัดเทศบาล', 'กองคลัง'][i]!])),
    );
    expect(rows[0]).toEqual({
      issueTitle: expect.any(String),
      measure: `(1.1) ${MEASURES[0]!.title}`,
      method: MEASURES[0]!.steps,
      responsible: ['สำนักปลัดเทศบาล', 'กองคลัง'],
      period: 'ต.ค. ๖๓ – เม.ย. ๖๔',
      result: `สำนักปลัดเทศบาล: ${results[0]}\nกองคลัง: ${results[0]}`,
      status: 'ดำเนินการแล้วเสร็จ',
    });
    expect(rows[2]!.status).toBe('อยู่ระหว่างดำเนินการ');
  });

  it('refuses reports to a closed round until it is reopened with a reason', async () => {
    const closed = await json(
      await secretariat.post(`/api/rounds/${round.id}/close`, { rowVersion: round.rowVersion }),
    );
    const [slot] = await json(await reporters[0]!.get(`/api/reports/mine`));
    expect(slot).toBeUndefined();
    const any = (await json(await secretariat.get(`/api/rounds/${round.id}/rollup`))).measures[0].cells.find(
      (c: { unitId: string }) => c.unitId === divisions[0]!.id,
    );
    const late = await reporters[0]!.request(
      'PUT',
      `/api/reports/${any.slotId}`,
      report({ rowVersion: 1 }, {}),
    );
    expect(late.status).toBe(409);
    const reopened = await json(
      await secretariat.post(`/api/rounds/${round.id}/reopen`, {
        rowVersion: closed.rowVersion,
        reason: 'หน่วยงานขอแก้ไขข้อมูล',
      }),
    );
    expect(reopened).toMatchObject({ status: 'open', reopenReason: 'หน่วยงานขอแก้ไขข้อมูล' });
  });
});
