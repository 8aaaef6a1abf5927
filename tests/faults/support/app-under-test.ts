import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { fromPostgres } from '../../../src/server/db/client.ts';
import { seedDemo } from '../../../src/server/modules/demo/seed-demo.ts';
import { DEMO_PASSWORD } from '../../e2e/support/accounts.ts';
import { type ServerProcess, startServerProcess } from '../../support/server-process.ts';
import { TEMPLATE_DB, testDbKind, withPgClient } from '../../support/test-db.ts';

/**
 * One deployment of the real server for the fault suite: a data directory the test owns and, on the
 * `faults-postgres` project, a fresh database made from the migrated template on the shared server,
 * with the demo accounts (DEMO_DATA=accounts on PGlite; seeded here for PostgreSQL).
 * The server can be started, killed and started again on the same data.
 */
export type Deployment = {
  kind: 'pglite' | 'postgres';
  dataDir: string;
  databaseUrl: string | undefined;
  /**
   * Starts a server process on this deployment's data (demo accounts, errors logged only); `env` is
   * added (several processes on one PostgreSQL database share the data directory, hence FILES_DIR).
   */
  start(env?: Record<string, string | undefined>): Promise<ServerProcess>;
  /** Removes the data directory and drops the database (the server must be stopped or dead). */
  remove(): Promise<void>;
};

export async function createDeployment(): Promise<Deployment> {
  const kind = testDbKind();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-faults-'));
  let databaseUrl: string | undefined;
  let dropDatabase = async () => {};
  if (kind === 'postgres') {
    const adminUrl = inject('postgresUrl');
    const name = `faults_${randomUUID().replaceAll('-', '')}`;
    await withPgClient(adminUrl, (admin) => admin.query(`create database ${name} template ${TEMPLATE_DB}`));
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    // With DATABASE_URL the server counts as production and seeds no demo data: the accounts go in here.
    const database = fromPostgres(databaseUrl, 1);
    try {
      await seedDemo(database.db);
    } finally {
      await database.close();
    }
    dropDatabase = async () => {
      await withPgClient(adminUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`));
    };
  }
  return {
    kind,
    dataDir,
    databaseUrl,
    start: (env = {}) =>
      startServerProcess({
        dataDir,
        env: { DEMO_DATA: 'accounts', LOG_LEVEL: 'error', DATABASE_URL: databaseUrl, ...env },
        timeoutMs: 90_000,
      }),
    async remove() {
      await dropDatabase();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type ApiAnswer = { status: number; json: unknown };

/**
 * A signed-in API client over real HTTP (cookie and CSRF token), for a server that may be killed:
 * `call` resolves with the status, or rejects with the fetch's connection error.
 */
export class ApiClient {
  private constructor(
    readonly baseUrl: string,
    private readonly cookie: string,
    private readonly csrfToken: string,
  ) {}

  /** Signs in as a demo account (all share DEMO_PASSWORD). */
  static async signIn(baseUrl: string, email: string): Promise<ApiClient> {
    const response = await fetch(`${baseUrl}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    const body = (await response.json()) as { csrfToken?: string };
    if (response.status !== 200 || !body.csrfToken) {
      throw new Error(`sign-in as ${email} answered ${response.status}: ${JSON.stringify(body)}`);
    }
    const cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    return new ApiClient(baseUrl, cookie, body.csrfToken);
  }

  /** The same session (cookie and CSRF token) sent to another address: another app process of the deployment. */
  at(baseUrl: string): ApiClient {
    return new ApiClient(baseUrl, this.cookie, this.csrfToken);
  }

  async call(method: string, url: string, body?: unknown): Promise<ApiAnswer> {
    const response = await fetch(`${this.baseUrl}${url}`, {
      method,
      headers: {
        cookie: this.cookie,
        ...(method === 'GET' ? {} : { 'x-csrf-token': this.csrfToken }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: response.status, json };
  }

  /** A call that must answer `status`; its JSON. */
  async expect<T>(status: number, method: string, url: string, body?: unknown): Promise<T> {
    const answer = await this.call(method, url, body);
    if (answer.status !== status) {
      throw new Error(
        `${method} ${url} answered ${answer.status}, not ${status}: ${JSON.stringify(answer.json)}`,
      );
    }
    return answer.json as T;
  }

  /** The raw bytes of a GET (for downloads), with the status. */
  async bytes(url: string): Promise<{ status: number; bytes: Buffer }> {
    const response = await fetch(`${this.baseUrl}${url}`, { headers: { cookie: this.cookie } });
    return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
  }
}

/** The bench's seeded generator (mulberry32): the same seed gives the same kill moments. */
export { seededRandom } from '../../../bench/support/national-dataset.ts';
