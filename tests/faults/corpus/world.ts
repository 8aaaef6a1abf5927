import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { reportSlots, rounds } from '../../../src/server/db/schema/index.ts';
import { loadBundledEditions } from '../../../src/server/modules/catalogue/catalogue.service.ts';
import type { HostResolver, ResolvedAddress } from '../../../src/server/modules/oit/checker/resolve.ts';
import type { LocalDiskStore } from '../../../src/server/storage/local-disk-store.ts';
import { indicatorScores, storeAnalysis, storePlan, storeResult } from '../../support/assessment-fixtures.ts';
import { createTestContext, type TestContext, type TestOrg } from '../../support/test-app.ts';

/** Public-looking names whose DNS answers are the server's own network (and nothing else resolves). */
export const LOOPBACK_NAMES: Record<string, ResolvedAddress[]> = {
  'loopback.example.go.th': [{ address: '127.0.0.1', family: 4 }],
  'metadata.example.go.th': [{ address: '169.254.169.254', family: 4 }],
  'v6.example.go.th': [{ address: '::1', family: 6 }],
  'private.example.go.th': [{ address: '10.1.2.3', family: 4 }],
  'mixed.example.go.th': [
    { address: '164.115.23.10', family: 4 },
    { address: '127.0.0.1', family: 4 },
  ],
};

const rebindingResolver: HostResolver = async (hostname) => {
  const answers = LOOPBACK_NAMES[hostname.toLowerCase()];
  if (!answers) throw Object.assign(new Error(`${hostname}: not found`), { code: 'ENOTFOUND' });
  return answers;
};

/** Evidence files larger than this are refused (small, so the oversized case stays cheap). */
export const CORPUS_MAX_EVIDENCE_BYTES = 2 * 1024 * 1024;

type SignedIn = Awaited<ReturnType<TestContext['signedIn']>>;

/**
 * What the hostile corpus sends its requests to: an app on a fresh database with the bundled
 * catalogue, a province and a unit, an admin, a unit reporter, a draft plan, a circulated plan with
 * an open round and the unit's report (an evidence slot), and an analysis.
 */
export type World = {
  ctx: TestContext;
  filesRoot: string;
  province: TestOrg;
  unit: TestOrg;
  admin: SignedIn;
  reporter: SignedIn;
  draftPlan: { id: string; rowVersion: number; content: unknown };
  circulatedPlanId: string;
  roundId: string;
  slotId: string;
  analysis: { id: string; version: number };
  /** The loopback server the rebinding names point at (its port, and how many requests reached it). */
  trap: { port: number; hits: number; close(): Promise<void> };
};

/**
 * A web server on the loopback address that counts what reaches it: the links that resolve to the
 * server's own network point at it, and it must never be asked anything.
 */
async function loopbackTrap() {
  const trap = { port: 0, hits: 0, close: async () => {} };
  const server = http.createServer((_request, response) => {
    trap.hits++;
    response.end('internal');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  trap.port = (server.address() as AddressInfo).port;
  trap.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return trap;
}

export async function createWorld(): Promise<World> {
  const trap = await loopbackTrap();
  const ctx = await createTestContext({
    config: { maxEvidenceBytes: CORPUS_MAX_EVIDENCE_BYTES },
    // The link checker's DNS: names that look public and answer with the server's own addresses.
    oit: { check: { resolver: rebindingResolver, timeoutMs: 2000 } },
  });
  await loadBundledEditions(ctx.db);
  const province = await ctx.org(null, { code: 'HC-PROV', nameTh: 'จังหวัดทดสอบ' });
  const unit = await ctx.org(province, { code: 'HC-UNIT', nameTh: 'สำนักงานทดสอบ' });
  const admin = await ctx.signedIn([{ role: 'admin', on: null }]);
  const reporter = await ctx.signedIn([{ role: 'unit_reporter', on: unit }]);
  const draft = await storePlan(ctx.db, province.id, unit.id, 'draft');
  const circulated = await storePlan(ctx.db, province.id, unit.id, 'circulated', 2567);
  const [round] = await ctx.db
    .insert(rounds)
    .values({
      planId: circulated.id,
      kind: 'six_months',
      labelTh: 'รอบ ๖ เดือน',
      periodStart: '2023-10-01',
      periodEnd: '2024-03-31',
      dueDate: '2024-04-15',
      status: 'open',
    })
    .returning();
  const [slot] = await ctx.db
    .insert(reportSlots)
    .values({ roundId: round!.id, measureId: 'm1', unitId: unit.id })
    .returning();
  const result = await storeResult(ctx.db, unit.id, 2566, indicatorScores([80, 90]));
  const analysis = await storeAnalysis(ctx.db, await ctx.actorFor(admin.id), result.id);
  return {
    ctx,
    filesRoot: (ctx.fileStore as LocalDiskStore).root,
    province,
    unit,
    admin,
    reporter,
    draftPlan: { id: draft.id, rowVersion: draft.rowVersion, content: draft.content },
    circulatedPlanId: circulated.id,
    roundId: round!.id,
    slotId: slot!.id,
    analysis: { id: analysis.id, version: analysis.version },
    trap,
  };
}
