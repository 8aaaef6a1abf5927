import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storePlan } from '../../../../tests/support/assessment-fixtures.ts';
import {
  createTestContext,
  json,
  type TestContext,
  type TestOrg,
} from '../../../../tests/support/test-app.ts';
import {
  auditEvents,
  documents,
  plans,
  publications,
  publicSites,
  reportSlots,
  rounds,
} from '../../db/schema/index.ts';
import { loadBundledEditions } from '../catalogue/catalogue.service.ts';

/**
 * An action taken on a page loaded before someone else changed the record is refused with 409, a
 * message that names who changed it and when, and nothing written: plan submit, approve, return,
 * circulate; round close; report review; publish. Also what the confirmations of these actions read:
 * who approves, which units are told and whether they have a reporter; the address chosen on publish.
 */
let t: TestContext;
let province: TestOrg;
let unitA: TestOrg;
let unitB: TestOrg;
type Client = Awaited<ReturnType<TestContext['signedIn']>>;
let secretariat: Client;
let otherSecretariat: Client;
let executive: Client;
let otherExecutive: Client;
let reporterA: Client;

const nameOf = (client: Client) => `ผู้ใช้ ${client.email}`;

beforeAll(async () => {
  t = await createTestContext();
  await loadBundledEditions(t.db);
  province = await t.org(null, { nameTh: 'จังหวัดทดสอบการชน', code: 'STALE-PROV' });
  unitA = await t.org(province, { nameTh: 'สำนักงาน ก' });
  unitB = await t.org(province, { nameTh: 'สำนักงาน ข' });
  secretariat = await t.signedIn([{ role: 'secretariat', on: province }]);
  otherSecretariat = await t.signedIn([{ role: 'secretariat', on: province }]);
  executive = await t.signedIn([{ role: 'executive', on: province }]);
  otherExecutive = await t.signedIn([{ role: 'executive', on: province }]);
  reporterA = await t.signedIn([{ role: 'unit_reporter', on: unitA }]);
});
afterAll(() => t.close());

let year = 2550;
type PlanBody = { id: string; rowVersion: number; status: string; content: unknown };

/** A plan of its own fiscal year in the given state, read through the API as a page would. */
async function planIn(status: string, unit: TestOrg = unitA): Promise<PlanBody> {
  const stored = await storePlan(t.db, province.id, unit.id, status, ++year);
  return json(await secretariat.get(`/api/plans/${stored.id}`));
}

async function planRow(id: string) {
  const [row] = await t.db.select().from(plans).where(eq(plans.id, id));
  return row!;
}

async function auditCount() {
  const [row] = await t.db.select({ n: count() }).from(auditEvents);
  return row!.n;
}

/** The 409 of a stale action: who changed the record, and the date of the change in Thai and English. */
async function expectStale(r: Response, by: Client, at: Date) {
  expect(r.status, await r.clone().text()).toBe(409);
  const { error } = await json(r);
  expect(error.code).toBe('stale_version');
  expect(error.message_th).toContain(nameOf(by));
  expect(error.message_en).toContain(nameOf(by));
  const thYear = String(at.getFullYear() + 543);
  expect(error.message_th).toContain(thYear);
  expect(error.message_en).toContain(thYear);
  expect(error.message_th).toContain('ยังไม่ได้ดำเนินการ');
  expect(error.message_en).toContain('nothing was done');
}

describe('stale plan actions', () => {
  it('refuses a submit after someone saved the plan, naming them, and submits nothing', async () => {
    const loaded = await planIn('draft');
    const saved = await otherSecretariat.put(`/api/plans/${loaded.id}`, {
      rowVersion: loaded.rowVersion,
      content: loaded.content,
    });
    expect(saved.status, await saved.clone().text()).toBe(200);
    const before = await planRow(loaded.id);
    const audits = await auditCount();
    await expectStale(
      await secretariat.post(`/api/plans/${loaded.id}/submit`, { rowVersion: loaded.rowVersion }),
      otherSecretariat,
      before.updatedAt,
    );
    expect(await planRow(loaded.id)).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it('refuses an approve after another executive returned the plan, naming them; nothing approved', async () => {
    const loaded = await planIn('submitted');
    const returned = await otherExecutive.post(`/api/plans/${loaded.id}/decision`, {
      decision: 'return',
      rowVersion: loaded.rowVersion,
      comment: 'ขอให้ปรับตัวชี้วัด',
    });
    expect(returned.status, await returned.clone().text()).toBe(200);
    const before = await planRow(loaded.id);
    const audits = await auditCount();
    await expectStale(
      await executive.post(`/api/plans/${loaded.id}/decision`, {
        decision: 'approve',
        rowVersion: loaded.rowVersion,
        memoNumber: 'ชม 0017/123',
        memoDate: '2026-01-15',
      }),
      otherExecutive,
      before.updatedAt,
    );
    const after = await planRow(loaded.id);
    expect(after).toEqual(before);
    expect(after).toMatchObject({ status: 'returned', memoNumber: null });
    expect(await auditCount()).toBe(audits);
  });

  it('refuses a return after the plan was returned and submitted again, naming who submitted', async () => {
    const loaded = await planIn('submitted');
    const returned = await json(
      await otherExecutive.post(`/api/plans/${loaded.id}/decision`, {
        decision: 'return',
        rowVersion: loaded.rowVersion,
        comment: 'ขอให้ปรับตัวชี้วัด',
      }),
    );
    const resubmitted = await otherSecretariat.post(`/api/plans/${loaded.id}/submit`, {
      rowVersion: returned.rowVersion,
    });
    expect(resubmitted.status, await resubmitted.clone().text()).toBe(200);
    const before = await planRow(loaded.id);
    await expectStale(
      await executive.post(`/api/plans/${loaded.id}/decision`, {
        decision: 'return',
        rowVersion: loaded.rowVersion,
        comment: 'ส่งกลับซ้ำ',
      }),
      otherSecretariat,
      before.updatedAt,
    );
    expect(await planRow(loaded.id)).toEqual(before);
  });

  it('refuses a circulate after someone circulated it, naming them, and keeps their circulation', async () => {
    const loaded = await planIn('approved');
    const done = await otherSecretariat.post(`/api/plans/${loaded.id}/circulate`, {
      rowVersion: loaded.rowVersion,
    });
    expect(done.status, await done.clone().text()).toBe(200);
    const before = await planRow(loaded.id);
    await expectStale(
      await secretariat.post(`/api/plans/${loaded.id}/circulate`, { rowVersion: loaded.rowVersion }),
      otherSecretariat,
      before.updatedAt,
    );
    expect(await planRow(loaded.id)).toEqual(before);
  });

  it('tells who approves and which units are told, with their reporters', async () => {
    const plan = await planIn('approved', unitB);
    const audience = await json(await secretariat.get(`/api/plans/${plan.id}/audience`));
    expect([...audience.approvers].sort()).toEqual([nameOf(executive), nameOf(otherExecutive)].sort());
    expect(audience.units).toEqual([{ unitId: unitB.id, nameTh: 'สำนักงาน ข', nameEn: null, reporters: 0 }]);
    const withReporter = await planIn('approved', unitA);
    const a = await json(await secretariat.get(`/api/plans/${withReporter.id}/audience`));
    expect(a.units).toEqual([{ unitId: unitA.id, nameTh: 'สำนักงาน ก', nameEn: null, reporters: 1 }]);
    expect((await reporterA.get(`/api/plans/${plan.id}/audience`)).status).toBe(200);
    const stranger = await t.signedIn([{ role: 'secretariat', on: await t.org(null) }]);
    expect((await stranger.get(`/api/plans/${plan.id}/audience`)).status).toBe(403);
  });
});

describe('stale round and report actions', () => {
  let planId: string;
  let round: { id: string; rowVersion: number };

  beforeAll(async () => {
    planId = (await planIn('circulated')).id;
    const response = await secretariat.post('/api/rounds', {
      planId,
      kind: '6m',
      dueDate: `${year - 543}-04-05`,
    });
    expect(response.status, await response.clone().text()).toBe(201);
    const created = await json(response);
    round = await json(
      await secretariat.post(`/api/rounds/${created.id}/open`, { rowVersion: created.rowVersion }),
    );
    expect(round).toMatchObject({ status: 'open' });
  });

  it('refuses an accept (and a return) of a report someone returned meanwhile, naming them', async () => {
    const [slot] = await json(await reporterA.get('/api/reports/mine'));
    const sent = await json(
      await reporterA.post(`/api/reports/${slot.id}/submit`, {
        rowVersion: slot.rowVersion,
        result: 'ดำเนินการแล้ว',
        progress: 'done',
        percent: 100,
      }),
    );
    const returned = await otherSecretariat.post(`/api/reports/${slot.id}/review`, {
      decision: 'return',
      rowVersion: sent.rowVersion,
      comment: 'กรุณาแนบหลักฐาน',
    });
    expect(returned.status, await returned.clone().text()).toBe(200);
    const [before] = await t.db.select().from(reportSlots).where(eq(reportSlots.id, slot.id));
    await expectStale(
      await secretariat.post(`/api/reports/${slot.id}/review`, {
        decision: 'accept',
        rowVersion: sent.rowVersion,
      }),
      otherSecretariat,
      before!.updatedAt,
    );
    await expectStale(
      await secretariat.post(`/api/reports/${slot.id}/review`, {
        decision: 'return',
        rowVersion: sent.rowVersion,
        comment: 'อีกครั้ง',
      }),
      otherSecretariat,
      before!.updatedAt,
    );
    const [after] = await t.db.select().from(reportSlots).where(eq(reportSlots.id, slot.id));
    expect(after).toEqual(before);
    expect(after).toMatchObject({ state: 'returned', reviewComment: 'กรุณาแนบหลักฐาน' });
  });

  it('refuses a close after someone closed the round, naming them, and keeps theirs', async () => {
    const closed = await otherSecretariat.post(`/api/rounds/${round.id}/close`, {
      rowVersion: round.rowVersion,
    });
    expect(closed.status, await closed.clone().text()).toBe(200);
    const [before] = await t.db.select().from(rounds).where(eq(rounds.id, round.id));
    const audits = await auditCount();
    await expectStale(
      await secretariat.post(`/api/rounds/${round.id}/close`, { rowVersion: round.rowVersion }),
      otherSecretariat,
      before!.closedAt!,
    );
    expect((await t.db.select().from(rounds).where(eq(rounds.id, round.id)))[0]).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });
});

describe('publishing from the confirmation', () => {
  const documentCount = async () => (await t.db.select({ n: count() }).from(documents))[0]!.n;

  it('refuses a slug another organisation has before making any document', async () => {
    const other = await t.org(null, { code: 'TAKEN-ORG' });
    await t.db.insert(publicSites).values({ organizationId: other.id, slug: 'taken-name' });
    const plan = await planIn('approved');
    const docs = await documentCount();
    const r = await secretariat.post('/api/publications', {
      kind: 'plan',
      subjectId: plan.id,
      slug: 'taken-name',
      expectedVersionNo: 0,
    });
    expect(r.status).toBe(409);
    expect((await json(r)).error.code).toBe('slug_taken');
    expect(await documentCount()).toBe(docs);
    expect(await t.db.select().from(publications)).toEqual([]);
    expect(await t.db.select().from(publicSites).where(eq(publicSites.organizationId, province.id))).toEqual(
      [],
    );
  });

  it('fixes the address chosen in the confirmation with the first publication', async () => {
    const plan = await planIn('approved');
    const r = await secretariat.post('/api/publications', {
      kind: 'plan',
      subjectId: plan.id,
      slug: 'stale-chosen',
      expectedVersionNo: 0,
    });
    expect(r.status, await r.clone().text()).toBe(200);
    expect((await json(r)).publication.url).toBe(`/p/stale-chosen/${year}/plan/v1`);
    // Fixed from now on: another name is refused, and nothing is written.
    const again = await planIn('approved');
    const docs = await documentCount();
    const refused = await secretariat.post('/api/publications', {
      kind: 'plan',
      subjectId: again.id,
      slug: 'another-name',
      expectedVersionNo: 0,
    });
    expect(refused.status).toBe(409);
    expect((await json(refused)).error.code).toBe('slug_in_use');
    expect(await documentCount()).toBe(docs);
    expect(await t.db.select().from(publications)).toHaveLength(1);
  });

  it('refuses a publish after someone published at the address meanwhile, naming them', async () => {
    const plan = await planIn('approved');
    const first = await otherSecretariat.post('/api/publications', {
      kind: 'plan',
      subjectId: plan.id,
      expectedVersionNo: 0,
    });
    expect(first.status, await first.clone().text()).toBe(200);
    const [published] = await t.db.select().from(publications).where(eq(publications.subjectId, plan.id));
    const docs = await documentCount();
    const all = (await t.db.select().from(publications)).length;
    await expectStale(
      await secretariat.post('/api/publications', { kind: 'plan', subjectId: plan.id, expectedVersionNo: 0 }),
      otherSecretariat,
      published!.publishedAt,
    );
    expect(await documentCount()).toBe(docs);
    expect(await t.db.select().from(publications)).toHaveLength(all);
    // The page that showed v1 publishes (nothing changed, so v1 comes back).
    const ok = await secretariat.post('/api/publications', {
      kind: 'plan',
      subjectId: plan.id,
      expectedVersionNo: 1,
    });
    expect(ok.status).toBe(200);
  });
});
