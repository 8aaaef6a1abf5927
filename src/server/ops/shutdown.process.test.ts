import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../tests/faults/support/app-under-test.ts';
import { type ServerProcess, startServerProcess } from '../../../tests/support/server-process.ts';

/**
 * The real server process (src/server/main.ts): its log lines are JSON with the request id it answered,
 * and SIGTERM lets a slow request in flight (a document rendered to DOCX, PDF and XLSX with Chromium)
 * finish with 200 while new connections are refused, then the process exits 0.
 */
describe('the server process: JSON logs and graceful shutdown', () => {
  let app: ServerProcess;

  beforeAll(async () => {
    app = await startServerProcess({ env: { LOG_LEVEL: 'info', DEMO_DATA: 'true' }, timeoutMs: 120_000 });
  }, 150_000);
  afterAll(() => app?.stop());

  it('logs each request as a JSON line carrying the id answered in X-Request-Id, and the route pattern', async () => {
    const response = await fetch(`${app.url}/api/organizations/${crypto.randomUUID()}`, {
      headers: { 'x-request-id': 'probe-from-test-1' },
    });
    expect(response.headers.get('x-request-id')).toBe('probe-from-test-1');
    const made = await fetch(`${app.url}/healthz`);
    expect(made.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = app
      .output()
      .stdout.split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.requestId === 'probe-from-test-1')).toMatchObject({
      level: 30,
      method: 'GET',
      route: '/api/organizations/:id',
      status: response.status,
    });
    // Probes are logged at debug only.
    expect(lines.some((l) => l.route === '/healthz')).toBe(false);
  });

  it('finishes a slow request in flight on SIGTERM, refuses new connections, and exits 0', async () => {
    const secretariat = await ApiClient.signIn(app.url, 'secretariat@demo.prongsai.local');
    const page = await secretariat.expect<{ items: { id: string }[] }>(200, 'GET', '/api/assessments');
    let analysisId: string | undefined;
    for (const result of page.items) {
      const analyses = await secretariat.expect<{ id: string }[]>(
        200,
        'GET',
        `/api/assessments/${result.id}/analyses`,
      );
      analysisId ??= analyses[0]?.id;
    }
    expect(analysisId).toBeDefined();
    const started = performance.now();
    // A fresh document (options never used before): DOCX, XLSX and a PDF printed by Chromium.
    const slow = secretariat.call('POST', '/api/documents', {
      kind: 'analysis',
      subjectType: 'analysis',
      subjectId: analysisId,
      options: { digits: 'arabic' },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    process.kill(app.pid, 'SIGTERM');
    // New connections are refused once the process has handled the signal: asked every 100 ms (a loaded
    // machine may take a moment to deliver it), while the slow request is still being answered.
    let inFlight = true;
    void slow.finally(() => {
      inFlight = false;
    });
    const tryConnect = () =>
      fetch(`${app.url}/healthz`).then(
        (r) => `answered ${r.status}`,
        (error: Error) => String((error.cause as { code?: string } | undefined)?.code ?? error.message),
      );
    let refused = await tryConnect();
    for (let i = 0; refused !== 'ECONNREFUSED' && inFlight && i < 50; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      refused = await tryConnect();
    }
    const refusedWhileInFlight = inFlight;
    const answer = await slow;
    const ms = performance.now() - started;
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    expect(ms, 'the request was still in flight when SIGTERM came').toBeGreaterThan(500);
    expect(refused).toBe('ECONNREFUSED');
    expect(refusedWhileInFlight, 'new connections were refused while the slow request was in flight').toBe(
      true,
    );
    expect(await app.exited()).toBe(0);
    const stdout = app.output().stdout;
    expect(stdout).toContain('SIGTERM: no new connections; finishing the requests in flight');
    expect(stdout).toMatch(/"msg":"Stopped"/);
  }, 120_000);
});
