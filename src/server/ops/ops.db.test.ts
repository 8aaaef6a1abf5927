import { sql } from 'drizzle-orm';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../../tests/support/test-app.ts';
import { createTestDatabase, testDbKind } from '../../../tests/support/test-db.ts';
import { configureLogger } from '../log.ts';
import { registerPoolMetrics } from './metrics.ts';

type Ctx = Awaited<ReturnType<typeof createTestContext>>;
const TOKEN = 'metrics-token-for-tests-0123';

describe('/healthz and /readyz', () => {
  let ctx: Ctx;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('/healthz answers 200 without sign-in, not cached', async () => {
    const response = await ctx.client().get('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('/readyz answers 200 when the database answers and its migrations are current', async () => {
    const response = await ctx.client().get('/readyz');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      status: 'ok',
      checks: [
        { name: 'database', ok: true },
        { name: 'migrations', ok: true },
      ],
    });
  });

  it('/readyz answers 503 naming the migrations when the last one is not applied', async () => {
    await ctx.db.execute(
      sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`,
    );
    const response = await ctx.client().get('/readyz');
    expect(response.status).toBe(503);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as {
      status: string;
      checks: { name: string; ok: boolean; message?: string }[];
    };
    expect(body.status).toBe('unavailable');
    expect(body.checks[0]).toEqual({ name: 'database', ok: true });
    expect(body.checks[1]).toMatchObject({ name: 'migrations', ok: false });
    expect(body.checks[1]?.message).toMatch(/is behind the code's last/);
  });
});

describe('/metrics and request ids', () => {
  let ctx: Ctx;
  beforeAll(async () => {
    ctx = await createTestContext({ config: { metricsToken: TOKEN, logLevel: 'info' } });
  });
  afterAll(() => ctx.close());

  it('refuses without the token (and with a wrong one), in both languages', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-the-token' }] as Record<string, string>[]) {
      const response = await ctx.client().request('GET', '/metrics', undefined, headers);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      const body = (await response.json()) as {
        error: { code: string; message_th: string; message_en: string };
      };
      expect(body.error.code).toBe('metrics_unauthorized');
      expect(body.error.message_th).toContain('METRICS_TOKEN');
      expect(body.error.message_en).toContain('METRICS_TOKEN');
    }
  });

  it('shows the request histogram by route pattern (not the raw path) after a request', async () => {
    const lines: Record<string, unknown>[] = [];
    configureLogger('info', {
      stdout: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
      stderr: { write: () => {} },
    });
    let missing: Response;
    try {
      missing = await ctx.client().get(`/api/organizations/${crypto.randomUUID()}`);
    } finally {
      configureLogger('info');
    }
    expect(missing.status).toBe(401);
    const response = await ctx
      .client()
      .request('GET', '/metrics', undefined, { authorization: `Bearer ${TOKEN}` });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/organizations\/:id",status_class="4xx"\} 1/,
    );
    expect(text).not.toMatch(/route="\/api\/organizations\/[0-9a-f]{8}-/);
    // The request's log line: JSON, with the route pattern and the id answered in X-Request-Id.
    const line = lines.find((l) => l.route === '/api/organizations/:id');
    expect(line).toMatchObject({
      method: 'GET',
      status: 401,
      requestId: missing.headers.get('x-request-id'),
    });
  });

  it("answers X-Request-Id: the caller's when plain, a new UUID otherwise", async () => {
    const given = await ctx.client().request('GET', '/healthz', undefined, { 'x-request-id': 'lb-7f3a.1' });
    expect(given.headers.get('x-request-id')).toBe('lb-7f3a.1');
    const refused = await ctx.client().request('GET', '/healthz', undefined, { 'x-request-id': 'a b"c' });
    expect(refused.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const made = await ctx.client().get('/api/health');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe(`the database pool gauge (${testDbKind()})`, () => {
  it('shows the PostgreSQL pool use at scrape time (PGlite has no pool)', async () => {
    const database = await createTestDatabase();
    try {
      if (testDbKind() === 'pglite') {
        expect(database.poolStats).toBeUndefined();
        return;
      }
      const registry = new Registry();
      registerPoolMetrics(() => database.poolStats?.(), registry);
      await database.db.execute(sql`select 1`);
      const text = await registry.metrics();
      expect(text).toContain('# TYPE db_pool_connections gauge');
      expect(text).toMatch(/db_pool_connections\{state="total"\} [1-9]/);
      expect(text).toMatch(/db_pool_connections\{state="idle"\} [1-9]/);
      expect(text).toMatch(/db_pool_connections\{state="waiting"\} 0/);
    } finally {
      await database.close();
    }
  });
});
