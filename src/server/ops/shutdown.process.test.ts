import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../tests/e2e/support/accounts.ts';
import { ApiClient } from '../../../tests/faults/support/app-under-test.ts';
import { type ServerProcess, startServerProcess } from '../../../tests/support/server-process.ts';

/** A demo sign-in whose body is sent in two parts: the second only when `finish()` is called. */
function heldSignIn(baseUrl: string) {
  const body = JSON.stringify({ email: 'secretariat@demo.prongsai.local', password: DEMO_PASSWORD });
  const request = http.request(new URL('/api/auth/sign-in', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  });
  const answer = new Promise<{ status: number }>((resolve, reject) => {
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
    });
    request.on('error', reject);
  });
  const connected = new Promise<void>((resolve) =>
    request.on('socket', (socket) => socket.on('connect', resolve)),
  );
  request.write(body.slice(0, 10));
  return { connected, answer, finish: () => request.end(body.slice(10)) };
}

/**
 * The real server process (src/server/main.ts): its log lines are JSON with the request id it answered,
 * and SIGTERM lets a slow request in flight (a document rendered to DOCX, PDF and XLSX with Chromium)
 * finish with 200 while new connections are refused (a request held open by the test keeps the process
 * alive meanwhile), then the process exits 0.
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
    // A request held open by the test (its body half sent) keeps the process alive through the checks
    // below, so a refused connection means the listener was closed, not that the process had exited.
    const held = heldSignIn(app.url);
    await held.connected;
    // A fresh document (options never used before): DOCX, XLSX and a PDF printed by Chromium.
    let documentInFlight = true;
    const slow = secretariat
      .call('POST', '/api/documents', {
        kind: 'analysis',
        subjectType: 'analysis',
        subjectId: analysisId,
        options: { digits: 'arabic' },
      })
      .finally(() => {
        documentInFlight = false;
      });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const documentInFlightAtSignal = documentInFlight;
    process.kill(app.pid, 'SIGTERM');
    // New connections are refused once the process has handled the signal (asked every 100 ms, for at
    // most 5 s: a loaded machine may take a moment to deliver it).
    const tryConnect = () =>
      fetch(`${app.url}/healthz`).then(
        (r) => `answered ${r.status}`,
        (error: Error) => String((error.cause as { code?: string } | undefined)?.code ?? error.message),
      );
    let refused = await tryConnect();
    for (let i = 0; refused !== 'ECONNREFUSED' && i < 50; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      refused = await tryConnect();
    }
    expect(refused).toBe('ECONNREFUSED');
    // The requests in flight are still answered: the held one once its body arrives, and the document.
    held.finish();
    expect((await held.answer).status).toBe(200);
    const answer = await slow;
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    expect(documentInFlightAtSignal, 'the document was still being made when SIGTERM came').toBe(true);
    expect(await app.exited()).toBe(0);
    const stdout = app.output().stdout;
    expect(stdout).toContain('SIGTERM: no new connections; finishing the requests in flight');
    expect(stdout).toMatch(/"msg":"Stopped"/);
  }, 120_000);
});
