import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storePlan } from '../../../../tests/support/assessment-fixtures.ts';
import {
  createTestContext,
  json,
  type TestContext,
  type TestOrg,
} from '../../../../tests/support/test-app.ts';
import { publications, rounds } from '../../db/schema/index.ts';
import { publicationAutoUrls } from './oit-auto-url.ts';

/**
 * Publishing through the API: only approved plans and closed rounds, versions at stable addresses,
 * no new version when nothing changed, withdrawal keeps the address, public names unique and fixed
 * once links are out, and the OIT tracker's automatic address.
 */
let t: TestContext;
let province: TestOrg;
type Client = Awaited<ReturnType<TestContext['signedIn']>>;
let secretariat: Client;

beforeAll(async () => {
  t = await createTestContext();
  const { loadBundledEditions } = await import('../catalogue/catalogue.service.ts');
  await loadBundledEditions(t.db);
  province = await t.org(null, { nameTh: 'จังหวัดเผยแพร่', code: 'PUB-PROV' });
  secretariat = await t.signedIn([{ role: 'secretariat', on: province }]);
});
afterAll(() => t.close());

let year = 2560;
/** Each plan gets its own fiscal year: one organisation has one plan version 1 a year. */
async function planIn(org: TestOrg, status: string) {
  const unit = await t.org(org);
  return storePlan(t.db, org.id, unit.id, status, ++year);
}

describe('publishing', () => {
  it('refuses a plan that is not approved and a round that is not closed, writing nothing', async () => {
    for (const status of ['draft', 'submitted', 'returned']) {
      const plan = await planIn(province, status);
      const r = await secretariat.post('/api/publications', { kind: 'plan', subjectId: plan.id });
      expect(r.status).toBe(409);
      expect((await json(r)).error.code).toBe('plan_not_approved');
    }
    const plan = await planIn(province, 'circulated');
    for (const status of ['draft', 'open']) {
      const [round] = await t.db
        .insert(rounds)
        .values({
          planId: plan.id,
          kind: '6m',
          labelTh: 'รอบ 6 เดือน',
          periodStart: '2025-10-01',
          periodEnd: '2026-03-31',
          dueDate: '2026-04-05',
          status,
        })
        .returning();
      const r = await secretariat.post('/api/publications', { kind: 'round', subjectId: round!.id });
      expect(r.status).toBe(409);
      expect((await json(r)).error.message_th).toContain('ปิดรอบ');
    }
    expect(await t.db.select().from(publications)).toEqual([]);
  });

  it('publishes v1 at a stable address, returns it again when nothing changed, and v2 after a change', async () => {
    const plan = await planIn(province, 'approved');
    const first = await json(
      await secretariat.post('/api/publications', { kind: 'plan', subjectId: plan.id }),
    );
    expect(first.created).toBe(true);
    expect(first.publication.url).toMatch(/^\/p\/pub-prov\/\d{4}\/plan\/v1$/);
    expect(first.publication.changeSummary).toBe('เผยแพร่ครั้งแรก');
    const again = await json(
      await secretariat.post('/api/publications', { kind: 'plan', subjectId: plan.id }),
    );
    expect(again.created).toBe(false);
    expect(again.publication.id).toBe(first.publication.id);
    // A change of document options makes new documents, so a new version.
    await secretariat.put(`/api/documents/settings/${province.id}/options/plan`, { digits: 'arabic' });
    const second = await json(
      await secretariat.post('/api/publications', { kind: 'plan', subjectId: plan.id }),
    );
    expect(second.publication.versionNo).toBe(2);
    expect(second.publication.latestUrl).toBe(first.publication.latestUrl);

    const withdrawn = await json(
      await secretariat.post(`/api/publications/${second.publication.id}/withdraw`, {
        reason: 'เผยแพร่ผิดฉบับ',
      }),
    );
    expect(withdrawn.withdrawnAt).not.toBeNull();
    const twice = await secretariat.post(`/api/publications/${second.publication.id}/withdraw`, {
      reason: 'อีกครั้ง',
    });
    expect(twice.status).toBe(409);
    const site = await json(await secretariat.get(`/api/publications/sites/${province.id}`));
    expect(site.publications.map((p: { versionNo: number }) => p.versionNo)).toEqual([2, 1]);
  });

  it('keeps public names unique and fixed once links were given out', async () => {
    const other = await t.org(null, { nameTh: 'จังหวัดอื่น' });
    const otherSecretariat = await t.signedIn([{ role: 'secretariat', on: other }]);
    const taken = await otherSecretariat.put(`/api/publications/sites/${other.id}`, { slug: 'pub-prov' });
    expect(taken.status).toBe(409);
    expect((await json(taken)).error.code).toBe('slug_taken');
    const bad = await otherSecretariat.put(`/api/publications/sites/${other.id}`, { slug: 'Bad Name!' });
    expect(bad.status).toBe(400);
    const ok = await otherSecretariat.put(`/api/publications/sites/${other.id}`, { slug: 'other-province' });
    expect((await json(ok)).slug).toBe('other-province');
    const fixed = await secretariat.put(`/api/publications/sites/${province.id}`, { slug: 'new-name' });
    expect(fixed.status).toBe(409);
    expect((await json(fixed)).error.code).toBe('slug_in_use');
  });

  it('gives the OIT tracker the unversioned address of the live plan and round report', async () => {
    const resolver = publicationAutoUrls('https://ita.example.go.th/');
    const [live] = await t.db.select().from(publications);
    const item = (produces: 'measures_plan' | 'follow_up_report') => ({
      organizationId: province.id,
      fiscalYear: live!.fiscalYear,
      itemCode: 'o25',
      produces,
    });
    expect(await resolver.publicUrlFor(item('measures_plan'), { db: t.db })).toBe(
      `https://ita.example.go.th/p/pub-prov/${live!.fiscalYear}/plan`,
    );
    expect(await resolver.publicUrlFor(item('follow_up_report'), { db: t.db })).toBeNull();
  });
});
