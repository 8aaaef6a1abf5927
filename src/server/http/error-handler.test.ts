import { DrizzleQueryError } from 'drizzle-orm/errors';
import { Hono } from 'hono';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { configureLogger } from '../log.ts';
import { AppError } from './app-error.ts';
import type { AppEnv } from './context.ts';
import { errorHandler, isDatabaseUnavailable } from './error-handler.ts';

const sqlState = (code: string, message: string) => {
  const error = new pg.DatabaseError(message, 0, 'error');
  error.code = code;
  return error;
};
const socketError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });
const wrapped = (cause: Error) => new DrizzleQueryError('select 1 where token = $1', ['secret-token'], cause);

describe('isDatabaseUnavailable', () => {
  it.each([
    [
      'admin_shutdown (a fast restart)',
      sqlState('57P01', 'terminating connection due to administrator command'),
    ],
    ['cannot_connect_now (starting up)', sqlState('57P03', 'the database system is starting up')],
    ['connection_failure', sqlState('08006', 'connection failure')],
    ['sqlclient_unable_to_establish_sqlconnection', sqlState('08001', 'unable to connect')],
    ['connection_does_not_exist', sqlState('08003', 'connection does not exist')],
    ['a refused connection', socketError('ECONNREFUSED')],
    ['a reset connection', socketError('ECONNRESET')],
    ['a connection ended under a query', new Error('Connection terminated unexpectedly')],
    [
      'a client whose connection failed',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    ['any of these inside Drizzle', wrapped(sqlState('57P01', 'terminating connection'))],
    ['a refused connection inside Drizzle', wrapped(socketError('ECONNREFUSED'))],
    ['a refused connection to every address', new AggregateError([socketError('ECONNREFUSED')], '')],
  ])('is true for %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', wrapped(sqlState('23505', 'duplicate key value violates unique constraint'))],
    ['a syntax error', sqlState('42601', 'syntax error at or near "selec"')],
    [
      'a query canceled by statement_timeout',
      sqlState('57014', 'canceling statement due to statement timeout'),
    ],
    ['a plain error', new Error('something else')],
    // Another server refusing a fetch (an OIT link, SMTP) is not the database being down.
    ['a refused fetch', new TypeError('fetch failed', { cause: socketError('ECONNREFUSED') })],
    ['an application error', new AppError(400, 'bad_request', 'ไม่ถูกต้อง', 'Bad')],
    ['not an error', 'ECONNREFUSED'],
  ])('is false for %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

/** Sends the server logger's lines (parsed) to arrays until restore(). */
function captureLog() {
  const stdout: Record<string, unknown>[] = [];
  const stderr: Record<string, unknown>[] = [];
  const into = (lines: Record<string, unknown>[]) => ({
    write: (line: string) => {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    },
  });
  configureLogger('info', { stdout: into(stdout), stderr: into(stderr) });
  return { stdout, stderr, restore: () => configureLogger('info') };
}

describe('errorHandler and an unreachable database', () => {
  const app = new Hono<AppEnv>();
  app.onError(errorHandler);
  app.get('/down', () => {
    throw wrapped(socketError('ECONNREFUSED'));
  });
  app.get('/failed', () => {
    throw wrapped(sqlState('23505', 'duplicate key'));
  });

  it('answers 503 database_unavailable with Retry-After and both languages', async () => {
    const { stderr, restore } = captureLog();
    let response: Response;
    try {
      response = await app.request('/down');
    } finally {
      restore();
    }
    // One line with the driver's message, never the query's parameters.
    expect(stderr.map((l) => l.msg)).toEqual([
      'Database unavailable: GET /down answered 503 (connect ECONNREFUSED 127.0.0.1:5432)',
    ]);
    expect(JSON.stringify(stderr)).not.toContain('secret-token');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    const body = (await response.json()) as { error: Record<string, string> };
    expect(body.error.code).toBe('database_unavailable');
    expect(body.error.message_th).toContain('ฐานข้อมูล');
    expect(body.error.message_en).toContain('database');
  });

  it('leaves a query that failed a 500 without Retry-After', async () => {
    const { stderr, restore } = captureLog();
    try {
      const response = await app.request('/failed');
      expect(response.status).toBe(500);
      expect(response.headers.get('retry-after')).toBeNull();
    } finally {
      restore();
    }
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatchObject({ level: 50, msg: 'Internal error: GET /failed answered 500' });
  });

  it('logs an internal error as one JSON line carrying the request id and the stack as a field', async () => {
    const withId = new Hono<AppEnv>();
    withId.onError(errorHandler);
    withId.use('*', async (c, next) => {
      c.set('requestId', 'req-42');
      await next();
    });
    withId.get('/boom/:id', () => {
      throw new Error('boom');
    });
    const { stderr, restore } = captureLog();
    try {
      expect((await withId.request('/boom/7')).status).toBe(500);
    } finally {
      restore();
    }
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatchObject({ requestId: 'req-42', route: '/boom/:id', err: { message: 'boom' } });
    expect(String((stderr[0]?.err as { stack?: string } | undefined)?.stack)).toContain('Error: boom');
  });
});

describe('errorHandler: a body of the wrong type', () => {
  it('answers 415 saying, in Thai and English, that the body must be JSON', async () => {
    const { OpenAPIHono, createRoute, z } = await import('@hono/zod-openapi');
    const app = new OpenAPIHono<AppEnv>();
    app.onError(errorHandler);
    app.openapi(
      createRoute({
        method: 'post',
        path: '/x',
        request: {
          body: { content: { 'application/json': { schema: z.object({ a: z.int() }) } }, required: true },
        },
        responses: { 200: { description: 'ok' } },
      }),
      (c) => c.json({ ok: true }, 200),
    );
    const response = await app.request('/x', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    expect(response.status).toBe(415);
    const body = (await response.json()) as { error: Record<string, string> };
    expect(body.error.code).toBe('unsupported_media_type');
    expect(body.error.message_th).toContain('JSON');
    expect(body.error.message_en).toBe('The request body must be JSON (Content-Type: application/json)');
  });
});
