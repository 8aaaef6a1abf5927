import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/support/test-db.ts';
import type { Database } from '../../db/client.ts';
import {
  analyses,
  assessmentResults,
  assessmentScores,
  documentFiles,
  organizations,
  plans,
  publications,
  reportSlots,
  rounds,
  users,
} from '../../db/schema/index.ts';
import { readEnv } from '../../env.ts';
import { LocalDiskStore } from '../../storage/local-disk-store.ts';
import { loadBundledEditions } from '../catalogue/catalogue.service.ts';
import { documentRenderersFor } from '../documents/render-formats.ts';
import { DEMO_CYCLE, publishDemo } from './demo-cycle.ts';
import { DEMO_USERS } from './demo-data.ts';
import { seedDemo } from './seed-demo.ts';

/** The demo data: the province's whole cycle through the services, only on an empty database. */
const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-demo-files-'));
let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  await loadBundledEditions(database.db);
});
afterAll(async () => {
  await database.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

const rows = async (table: typeof users | typeof plans | typeof publications) =>
  (await database.db.select({ n: count() }).from(table))[0]!.n;

describe('demo data', () => {
  it('runs the province’s cycle: result with OIT items, analysis, approved and circulated plan, closed round; then publishes both', async () => {
    expect(await seedDemo(database.db, { cycle: true })).toBe(true);
    const db = database.db;
    expect(await rows(publications)).toBe(0);
    // Once the app is up (without Chromium here: DOCX and XLSX); again, nothing changes.
    const renderers = documentRenderersFor({ fontsDir: filesDir }, null);
    expect(await publishDemo(db, new LocalDiskStore(filesDir), renderers)).toBe(2);
    expect(await publishDemo(db, new LocalDiskStore(filesDir), renderers)).toBe(0);
    const [province] = await db.select().from(organizations).where(eq(organizations.code, 'DEMO-PROV'));
    const [result] = await db
      .select()
      .from(assessmentResults)
      .where(eq(assessmentResults.organizationId, province!.id));
    expect(result!.fiscalYear).toBe(DEMO_CYCLE.resultYear);
    const scores = await db.select().from(assessmentScores).where(eq(assessmentScores.resultId, result!.id));
    const items = scores.filter((s) => s.scope === 'question');
    expect(
      items
        .filter((s) => s.passed === false)
        .map((s) => s.code)
        .sort(),
    ).toEqual(['o14', 'o25']);
    expect(items.filter((s) => s.passed === null && s.score === null).map((s) => s.code)).toEqual(['o12']);
    expect(scores.filter((s) => s.scope === 'indicator')).toHaveLength(10);
    expect(await db.select().from(analyses).where(eq(analyses.resultId, result!.id))).toHaveLength(1);

    const [plan] = await db.select().from(plans).where(eq(plans.organizationId, province!.id));
    expect(plan).toMatchObject({
      fiscalYear: DEMO_CYCLE.planYear,
      status: 'circulated',
      memoNumber: 'ตย 0017.2/1234',
    });
    const measures = (plan!.content as { issues: { measures: unknown[] }[] }).issues.flatMap(
      (i) => i.measures,
    );
    expect(measures.length).toBeGreaterThanOrEqual(4);

    const [round] = await db.select().from(rounds).where(eq(rounds.planId, plan!.id));
    expect(round).toMatchObject({ kind: '6m', status: 'closed' });
    const slots = await db.select().from(reportSlots).where(eq(reportSlots.roundId, round!.id));
    const accepted = slots.filter((s) => s.state === 'accepted');
    expect(accepted.length).toBeGreaterThanOrEqual(5);
    expect(accepted.length).toBeLessThan(slots.length);
    expect(accepted.some((s) => (s.links as unknown[]).length > 0)).toBe(true);
    expect(accepted.some((s) => (s.paperRefs as unknown[]).length > 0)).toBe(true);
    // Submitted by someone of the unit itself, never by the secretariat.
    const reporters = await db.select().from(users);
    const byId = new Map(reporters.map((u) => [u.id, u.email]));
    for (const s of accepted) expect(byId.get(s.submittedBy!)).toMatch(/^reporter/);

    const published = await db
      .select()
      .from(publications)
      .where(eq(publications.organizationId, province!.id));
    expect(published.map((p) => p.pathKey).sort()).toEqual(['plan', 'round/6m']);
    const files = await db.select().from(documentFiles);
    expect(new Set(files.map((f) => f.format))).toEqual(new Set(['docx', 'xlsx']));
  }, 120_000);

  it('does nothing on a database that has users', async () => {
    const before = { users: await rows(users), plans: await rows(plans) };
    expect(await seedDemo(database.db, { cycle: true })).toBe(false);
    expect({ users: await rows(users), plans: await rows(plans) }).toEqual(before);
    expect(before.users).toBe(DEMO_USERS.length + 4);
  });

  it('makes the agencies and accounts only with DEMO_DATA=accounts', async () => {
    expect(readEnv({ DEMO_DATA: 'accounts' })).toMatchObject({ demoData: true, demoCycle: false });
    expect(readEnv({})).toMatchObject({ demoData: true, demoCycle: true });
    expect(readEnv({ DEMO_DATA: 'false' })).toMatchObject({ demoData: false, demoCycle: false });
    const other = await createTestDatabase();
    try {
      expect(await seedDemo(other.db)).toBe(true);
      expect((await other.db.select({ n: count() }).from(users))[0]!.n).toBe(DEMO_USERS.length);
      expect((await other.db.select({ n: count() }).from(plans))[0]!.n).toBe(0);
    } finally {
      await other.close();
    }
  });
});
