import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXECUTIVE, REPORTER, SECRETARIAT } from '../e2e/support/accounts.ts';
import { bangkokDate } from '../e2e/support/dates.ts';
import { PLAN_MEASURE } from '../e2e/support/setup-plan.ts';
import { setUpPlanContent } from '../support/plan-content.ts';
import type { ServerProcess } from '../support/server-process.ts';
import { ApiClient, createDeployment, type Deployment, seededRandom } from './support/app-under-test.ts';

/*
 * Issue 14, the fault suite: kill -9 of the real server process while writes are in flight, on the
 * embedded PGlite (DATA_DIR) and on PostgreSQL (DATABASE_URL), once per fault project. For each of
 * three writes — an ITA result import (a CSV of every code for 7 organisations), plan saves (PUT with
 * the version read) and evidence uploads — a few clients send a stream of requests; once at least one
 * was acknowledged, the process gets SIGKILL at a seeded moment; it is started again on the same data
 * (the dead process's data-directory lock must not refuse it) and the test checks that:
 *   - every answer received before the kill was a 2xx (never a 5xx), the rest connection errors;
 *   - every acknowledged write is there exactly as acknowledged: the import's organisations with all
 *     their scores, the plan at the acknowledged version (or the one more the client had in flight)
 *     with that content, each acknowledged upload listed and its bytes downloading with its SHA-256;
 *   - nothing is partial: a year's import is all there or not at all; plan versions are consecutive
 *     in the audit log; no evidence row lacks its bytes, and stored bytes no row names come only from
 *     an upload that was not acknowledged (the orphan sweeper's business);
 *   - the app answers /api/health, the lists and the next write after the restart.
 */

const KILLS_PER_OPERATION = 3;
const CLIENTS = 3;
const SEED = Number(process.env.FAULTS_SEED ?? 14);
const ADMIN = 'admin@demo.prongsai.local';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Of the writes in flight when the process died (answer lost): how many had committed, how many not. */
type InFlightFate = { committed: number; notCommitted: number };

type Outcome = { kind: 'ok' } | { kind: 'refused'; status: number; json: unknown } | { kind: 'cut' };

/** Whether an error is what a request in flight gets when the server process dies. */
function isConnectionError(error: unknown): boolean {
  const text = `${String(error)} ${String((error as { cause?: unknown })?.cause)}`;
  return /fetch failed|ECONNRESET|ECONNREFUSED|socket|other side closed|terminated|EPIPE/i.test(text);
}

/** One kind of write driven by several clients: `send` makes one request and says how it ended. */
type Operation = {
  name: string;
  /** Sends client `client`'s next write; 'ok' once acknowledged (2xx). */
  send(api: ApiClient, client: number): Promise<Outcome>;
  /** After the restart: every check above for this operation; how the writes in flight at the kill ended. */
  verify(clients: ApiClient[], admin: ApiClient): Promise<InFlightFate>;
};

describe('kill -9 while writing: acknowledged writes survive, nothing is half-written', () => {
  let deployment: Deployment;
  let app: ServerProcess;
  const random = seededRandom(SEED);
  let orgs: { id: string; code: string }[] = [];

  const signIn = (email: string) => ApiClient.signIn(app.url, email);

  beforeAll(async () => {
    deployment = await createDeployment();
    app = await deployment.start();
    const secretariat = await signIn(SECRETARIAT);
    orgs = await secretariat.expect<{ id: string; code: string }[]>(200, 'GET', '/api/organizations');
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
    await deployment?.remove();
  }, 60_000);

  /**
   * Runs the operation's clients until the process is killed (seeded, after at least one write was
   * acknowledged), restarts the server on the same data and verifies. Repeated `KILLS_PER_OPERATION` times.
   */
  async function killWhileWriting(operation: Operation, email: string) {
    for (let kill = 1; kill <= KILLS_PER_OPERATION; kill++) {
      const clients = await Promise.all(Array.from({ length: CLIENTS }, () => signIn(email)));
      let acknowledged = 0;
      const refusals: string[] = [];
      const loops = clients.map(async (api, client) => {
        for (;;) {
          let outcome: Outcome;
          try {
            outcome = await operation.send(api, client);
          } catch (error) {
            // A failed check or a fault of the test itself: told below, not left unhandled.
            refusals.push(
              `${operation.name} client ${client}: ${error instanceof Error ? error.stack : error}`,
            );
            return;
          }
          if (outcome.kind === 'ok') acknowledged++;
          else if (outcome.kind === 'refused') {
            refusals.push(
              `${operation.name} client ${client}: ${outcome.status} ${JSON.stringify(outcome.json)}`,
            );
          }
          // 'cut': the answer was lost with the process (the request counts as in flight).
          if (outcome.kind !== 'ok') return;
        }
      });
      const deadline = Date.now() + 60_000;
      while (acknowledged === 0 && refusals.length === 0 && Date.now() < deadline) await sleep(5);
      expect(refusals, 'writes refused before the kill').toEqual([]);
      expect(acknowledged, `no ${operation.name} was acknowledged within a minute`).toBeGreaterThan(0);
      await sleep(Math.floor(random() * 700));
      process.kill(app.pid, 'SIGKILL');
      await Promise.all(loops);
      expect(refusals, 'a request in flight got an answer other than a 2xx or a cut connection').toEqual([]);
      await app.stop();
      if (deployment.kind === 'pglite') {
        // The dead process's data-directory lock is still there: the restart must see it is stale.
        expect(fs.existsSync(path.join(deployment.dataDir, 'prongsai.lock'))).toBe(true);
      }

      app = await deployment.start();
      expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
      const after = await Promise.all(Array.from({ length: CLIENTS }, () => signIn(email)));
      const fate = await operation.verify(after, await signIn(ADMIN));
      console.info(
        `${deployment.kind}: ${operation.name}, kill ${kill}: ${acknowledged} acknowledged before it; of those in flight ${fate.committed} had committed, ${fate.notCommitted} not; restarted in ${Math.round(app.startupMs)} ms`,
      );
      for (const list of ['/api/plans', '/api/assessments', '/api/home']) {
        expect((await after[0]!.call('GET', list)).status, list).toBe(200);
      }
      // The restarted app takes the next write.
      expect(await operation.send(after[0]!, 0)).toEqual({ kind: 'ok' });
    }
  }

  /** Sends a request; a 2xx is 'ok', another status 'refused', a connection cut by the kill 'cut'. */
  async function attempt(api: ApiClient, method: string, url: string, body: unknown) {
    try {
      const answer = await api.call(method, url, body);
      return answer.status >= 200 && answer.status < 300
        ? { outcome: { kind: 'ok' } as Outcome, json: answer.json }
        : {
            outcome: { kind: 'refused', status: answer.status, json: answer.json } as Outcome,
            json: answer.json,
          };
    } catch (error) {
      if (!isConnectionError(error)) throw error;
      return { outcome: { kind: 'cut' } as Outcome, json: null };
    }
  }

  it('an ITA result import is all there or not at all; an acknowledged one with every score', async () => {
    const secretariat = await signIn(SECRETARIAT);
    const province = orgs.find((o) => o.code === 'DEMO-PROV')!;
    const template = await secretariat.bytes(
      `/api/assessments/template?editionYear=2566&layout=wide&format=csv&organizationId=${province.id}`,
    );
    expect(template.status).toBe(200);
    const header = template.bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)[0]!
      .split(',');
    const codes = header.slice(2);
    const orgCodes = orgs.filter((o) => o.code.startsWith('DEMO-PROV')).map((o) => o.code);

    /** Every score of a year's file, by organisation: distinct per year so a mix of two would show. */
    const scoresOf = (year: number, org: number) =>
      codes.map((_, column) => ((year * 7 + org * 13 + column * 3) % 9001) / 100);
    const csvOf = (year: number) =>
      [header.join(','), ...orgCodes.map((code, org) => [code, year, ...scoresOf(year, org)].join(','))].join(
        '\n',
      );

    // How many scores a clean import of such a file stores per organisation (the preview says).
    const preview = await secretariat.expect<{ organizations: { code: string; scoreCount: number }[] }>(
      200,
      'POST',
      '/api/assessments/import',
      {
        fileName: 'preview.csv',
        contentBase64: Buffer.from(csvOf(2569), 'utf8').toString('base64'),
        fiscalYear: 2569,
        editionYear: 2566,
        commit: false,
      },
    );
    const scoreCount = new Map(preview.organizations.map((o) => [o.code, o.scoreCount]));
    expect(scoreCount.size).toBe(orgCodes.length);

    const sent = new Map<number, 'acknowledged' | 'in flight' | 'lost'>();
    let nextYear = 2570;
    const operation: Operation = {
      name: 'import',
      async send(api) {
        const year = nextYear++;
        sent.set(year, 'in flight');
        const { outcome } = await attempt(api, 'POST', '/api/assessments/import', {
          fileName: `ita-${year}.csv`,
          contentBase64: Buffer.from(csvOf(year), 'utf8').toString('base64'),
          fiscalYear: year,
          editionYear: 2566,
          commit: true,
        });
        if (outcome.kind === 'ok') sent.set(year, 'acknowledged');
        return outcome;
      },
      async verify([api]) {
        const fate = { committed: 0, notCommitted: 0 };
        for (const [year, state] of sent) {
          const page = await api!.expect<{ items: { id: string; organizationCode?: string }[] }>(
            200,
            'GET',
            `/api/assessments?fiscalYear=${year}&limit=500`,
          );
          if (state !== 'acknowledged' && page.items.length === 0) {
            if (state === 'in flight') fate.notCommitted++;
            sent.set(year, 'lost');
            continue;
          }
          expect(state, `${year}: an import whose absence was seen earlier`).not.toBe('lost');
          if (state === 'in flight') fate.committed++;
          expect(page.items.length, `${year} (${state}): organisations imported`).toBe(orgCodes.length);
          for (const item of page.items) {
            const detail = await api!.expect<{ organizationId: string; scores: { score: number | null }[] }>(
              200,
              'GET',
              `/api/assessments/${item.id}`,
            );
            const org = orgCodes.indexOf(orgs.find((o) => o.id === detail.organizationId)!.code);
            const stored = detail.scores.map((s) => s.score).filter((s) => s !== null);
            const given = scoresOf(year, org);
            expect(stored.length, `${year}: the scores of ${orgCodes[org]}`).toBe(
              scoreCount.get(orgCodes[org]!),
            );
            expect(
              stored.filter((s) => !given.includes(s)),
              `${year}: scores of ${orgCodes[org]} not in its file`,
            ).toEqual([]);
          }
          sent.set(year, 'acknowledged');
        }
        return fate;
      },
    };
    await killWhileWriting(operation, SECRETARIAT);
    expect([...sent.values()].filter((s) => s === 'acknowledged').length).toBeGreaterThan(
      KILLS_PER_OPERATION,
    );
  }, 300_000);

  it('a plan save is kept as acknowledged (or the one in flight), versions consecutive', async () => {
    const secretariat = await signIn(SECRETARIAT);
    const province = orgs.find((o) => o.code === 'DEMO-PROV')!;
    type PlanState = {
      id: string;
      /** The version the client will send (the last one it read or was acknowledged). */
      rowVersion: number;
      acknowledged: { rowVersion: number; content: unknown } | null;
      inFlight: { rowVersion: number; summary: string } | null;
      base: Record<string, unknown>;
      saves: number;
    };
    const plans: PlanState[] = [];
    for (let client = 0; client < CLIENTS; client++) {
      const plan = await secretariat.expect<{
        id: string;
        rowVersion: number;
        content: Record<string, unknown>;
      }>(201, 'POST', '/api/plans', {
        organizationId: province.id,
        fiscalYear: 2600 + client,
        issuesFrom: 'none',
      });
      plans.push({
        id: plan.id,
        rowVersion: plan.rowVersion,
        acknowledged: null,
        inFlight: null,
        base: plan.content,
        saves: 0,
      });
    }
    // A plan of some weight (three sections near their 20,000-character limit), so a save spends its
    // time writing rather than in the request's overhead, and a kill lands inside the writes.
    const summaryOf = (client: number, save: number) =>
      `ผลการประเมินชี้ว่าต้องเปิดเผยข้อมูลให้ครบถ้วน (ผู้บันทึก ${client} ครั้งที่ ${save}) `.repeat(250).trim();
    const longSection = 'คณะทำงาน ITA ติดตามความก้าวหน้าของมาตรการทุกรอบ 6 เดือนและรายงานผู้บริหาร '
      .repeat(250)
      .trim();

    const operation: Operation = {
      name: 'plan save',
      async send(api, client) {
        const plan = plans[client]!;
        const summary = summaryOf(client, ++plan.saves);
        plan.inFlight = { rowVersion: plan.rowVersion + 1, summary };
        const { outcome, json } = await attempt(api, 'PUT', `/api/plans/${plan.id}`, {
          rowVersion: plan.rowVersion,
          content: {
            ...plan.base,
            introduction: longSection,
            monitoringSection: longSection,
            analysisSummary: summary,
          },
        });
        if (outcome.kind === 'ok') {
          const saved = json as { rowVersion: number; content: { analysisSummary: string } };
          expect(saved.rowVersion).toBe(plan.rowVersion + 1);
          expect(saved.content.analysisSummary).toBe(summary);
          plan.acknowledged = { rowVersion: saved.rowVersion, content: saved.content };
          plan.rowVersion = saved.rowVersion;
          plan.inFlight = null;
        }
        return outcome;
      },
      async verify(clients, admin) {
        const fate = { committed: 0, notCommitted: 0 };
        for (const [client, plan] of plans.entries()) {
          const api = clients[client]!;
          const stored = await api.expect<{ rowVersion: number; content: { analysisSummary: string } }>(
            200,
            'GET',
            `/api/plans/${plan.id}`,
          );
          if (plan.inFlight && stored.rowVersion === plan.inFlight.rowVersion) {
            // The save in flight committed before the kill; its answer was lost.
            expect(stored.content.analysisSummary).toBe(plan.inFlight.summary);
            fate.committed++;
          } else {
            if (plan.inFlight) fate.notCommitted++;
            expect(stored.rowVersion, `plan ${client}: the acknowledged version`).toBe(
              plan.acknowledged!.rowVersion,
            );
            expect(stored.content, `plan ${client}: the acknowledged content`).toEqual(
              plan.acknowledged!.content,
            );
          }
          const events = await admin.expect<
            { after: { rowVersion: number; content: { analysisSummary: string } } }[]
          >(200, 'GET', `/api/audit?entityType=plan&entityId=${plan.id}&action=plan.save&limit=500`);
          const versions = events.map((e) => e.after.rowVersion).sort((a, b) => a - b);
          expect(versions, `plan ${client}: saved versions, each once`).toEqual(
            Array.from({ length: stored.rowVersion - 1 }, (_, i) => i + 2),
          );
          const last = events.find((e) => e.after.rowVersion === stored.rowVersion)!;
          expect(last.after.content.analysisSummary).toBe(stored.content.analysisSummary);
          plan.rowVersion = stored.rowVersion;
          plan.acknowledged = { rowVersion: stored.rowVersion, content: stored.content };
          plan.inFlight = null;
        }
        return fate;
      },
    };
    await killWhileWriting(operation, SECRETARIAT);
  }, 300_000);

  it('an acknowledged upload is listed and downloads with its SHA-256; no row without its bytes', async () => {
    const SLOTS = 8;
    const secretariat = await signIn(SECRETARIAT);
    const province = orgs.find((o) => o.code === 'DEMO-PROV')!;
    const unit = orgs.find((o) => o.code === 'DEMO-PROV-03')!;
    // This fiscal year (BE): the approving memo's date, today, must fall within it or the year before.
    const [year, month] = bangkokDate(0).split('-').map(Number) as [number, number];
    const fiscalYear = year + 543 + (month >= 10 ? 1 : 0);
    // Set-up, not under test: an approved, circulated plan with an open round for DEMO-PROV-03.
    const plan = await secretariat.expect<{ id: string; rowVersion: number; content: { title: string } }>(
      201,
      'POST',
      '/api/plans',
      { organizationId: province.id, fiscalYear, issuesFrom: 'none' },
    );
    const saved = await secretariat.expect<{ rowVersion: number }>(200, 'PUT', `/api/plans/${plan.id}`, {
      rowVersion: plan.rowVersion,
      content: setUpPlanContent(
        plan.content.title,
        fiscalYear,
        // Several measures, so several report slots: a report holds at most MAX_EVIDENCE_FILES files.
        Array.from({ length: SLOTS }, (_, i) => ({
          id: `measure-${i + 1}`,
          title: `${PLAN_MEASURE} (${i + 1})`,
          unitIds: [unit.id],
          steps: [{ id: `s${i + 1}`, text: 'จัดทำคู่มือการให้บริการ' }],
        })),
      ),
    });
    const submitted = await secretariat.expect<{ rowVersion: number }>(
      200,
      'POST',
      `/api/plans/${plan.id}/submit`,
      {
        rowVersion: saved.rowVersion,
      },
    );
    const executive = await signIn(EXECUTIVE);
    const approved = await executive.expect<{ rowVersion: number }>(
      200,
      'POST',
      `/api/plans/${plan.id}/decision`,
      {
        decision: 'approve',
        rowVersion: submitted.rowVersion,
        memoNumber: 'ชบ 0017/123',
        memoDate: bangkokDate(0),
      },
    );
    await secretariat.expect(200, 'POST', `/api/plans/${plan.id}/circulate`, {
      rowVersion: approved.rowVersion,
    });
    const round = await secretariat.expect<{ id: string; rowVersion: number }>(201, 'POST', '/api/rounds', {
      planId: plan.id,
      kind: '6m',
      dueDate: bangkokDate(30),
    });
    await secretariat.expect(200, 'POST', `/api/rounds/${round.id}/open`, { rowVersion: round.rowVersion });
    const reporter = await signIn(REPORTER);
    const slots = await reporter.expect<{ id: string; planId?: string }[]>(200, 'GET', '/api/reports/mine');
    expect(slots.length).toBe(SLOTS);
    const slotIds = slots.map((slot) => slot.id);

    const sent = new Map<string, 'acknowledged' | 'in flight' | 'lost'>();
    const acknowledgedIds = new Map<string, string>();
    let uploads = 0;
    /** A PDF-looking file of 64–320 KB, different every time (seeded). */
    const fileOf = (n: number) => {
      const bytes = Buffer.alloc(64 * 1024 + 4 * Math.floor(random() * 64 * 1024));
      for (let i = 0; i < bytes.length; i += 4) bytes.writeUInt32LE((random() * 2 ** 32) >>> 0, i);
      Buffer.from(`%PDF-1.4\n% upload ${n}\n`).copy(bytes, 0);
      Buffer.from('\n%%EOF\n').copy(bytes, bytes.length - 7);
      return bytes;
    };
    const filesDir = path.join(deployment.dataDir, 'files', 'evidence');
    const storedKeys = (): string[] =>
      fs.existsSync(filesDir)
        ? fs
            .readdirSync(filesDir, { recursive: true, withFileTypes: true })
            .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
            .map((entry) => entry.name)
        : [];

    const operation: Operation = {
      name: 'upload',
      async send(api) {
        const n = ++uploads;
        const bytes = fileOf(n);
        const hash = sha256(bytes);
        sent.set(hash, 'in flight');
        const { outcome, json } = await attempt(api, 'POST', `/api/evidence/slots/${slotIds[n % SLOTS]}`, {
          fileName: `หลักฐาน-${n}.pdf`,
          contentBase64: bytes.toString('base64'),
        });
        if (outcome.kind === 'ok') {
          const file = json as { id: string; sha256: string };
          expect(file.sha256).toBe(hash);
          sent.set(hash, 'acknowledged');
          acknowledgedIds.set(file.id, hash);
        }
        return outcome;
      },
      async verify([api]) {
        const listed = (
          await Promise.all(
            slotIds.map((slotId) =>
              api!.expect<{ id: string; sha256: string }[]>(200, 'GET', `/api/evidence/slots/${slotId}`),
            ),
          )
        ).flat();
        const listedIds = new Map(listed.map((f) => [f.id, f.sha256]));
        for (const [id, hash] of acknowledgedIds) {
          expect(listedIds.get(id), `acknowledged upload ${id} is listed with its SHA-256`).toBe(hash);
        }
        const fate = { committed: 0, notCommitted: 0 };
        for (const file of listed) {
          expect(sent.has(file.sha256), `listed ${file.id} is one of the uploads sent`).toBe(true);
          expect(sent.get(file.sha256), `listed ${file.id} was seen missing before`).not.toBe('lost');
          if (sent.get(file.sha256) === 'in flight') fate.committed++;
          const download = await api!.bytes(`/api/evidence/${file.id}/download`);
          expect(download.status, `download of ${file.id}`).toBe(200);
          expect(sha256(download.bytes), `bytes of ${file.id}`).toBe(file.sha256);
          acknowledgedIds.set(file.id, file.sha256);
          sent.set(file.sha256, 'acknowledged');
        }
        // Bytes no row names: only those of an upload whose answer was lost (left to the sweeper).
        for (const [hash, state] of sent) {
          if (state === 'in flight') {
            fate.notCommitted++;
            sent.set(hash, 'lost');
          }
        }
        const named = new Set(listed.map((f) => f.sha256));
        for (const key of storedKeys()) {
          if (!named.has(key)) expect(sent.get(key), `stored bytes ${key} no row names`).toBe('lost');
        }
        return fate;
      },
    };
    await killWhileWriting(operation, REPORTER);
    expect(acknowledgedIds.size).toBeGreaterThan(KILLS_PER_OPERATION);
  }, 300_000);
});
