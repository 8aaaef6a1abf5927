import { DrizzleQueryError } from 'drizzle-orm/errors';
import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { log } from '../log.ts';
import { routePattern } from '../ops/route-pattern.ts';
import { AppError } from './app-error.ts';
import type { AppEnv } from './context.ts';

/** Seconds a client is told to wait while the database is unreachable (a restart takes a few). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** SQLSTATEs of a server that is going away or not there: admin/crash shutdown, starting up, connection exceptions. */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);
/** Socket errors of a connection that could not be opened or was cut. */
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);
/** What node-postgres says, without a code, when a connection ends under it or cannot be had. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^Client has encountered a connection error and is not queryable/,
  /^timeout exceeded when trying to connect/,
];

/**
 * Whether an error means the database cannot be reached right now (a restart, a failover, a cut
 * connection), as opposed to a query that failed. Drizzle wraps driver errors (DrizzleQueryError's
 * `cause`) and Node may report a refused connection to several addresses as an AggregateError
 * (`errors`): those are looked into, and no other wrapper is (a `fetch failed` whose cause is
 * ECONNREFUSED is another server's fault, not the database's).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 4) return false;
  if (error instanceof DrizzleQueryError) return isDatabaseUnavailable(error.cause, depth + 1);
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code))) {
    return true;
  }
  if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(error.message))) return true;
  if (error instanceof AggregateError && error.errors.some((e) => isDatabaseUnavailable(e, depth + 1))) {
    return true;
  }
  return false;
}

export const databaseUnavailable = () =>
  new AppError(
    503,
    'database_unavailable',
    `ฐานข้อมูลไม่พร้อมให้บริการชั่วคราว กรุณาลองใหม่ในอีก ${DATABASE_RETRY_AFTER_SECONDS} วินาที`,
    `The database is unavailable for a moment; please try again in ${DATABASE_RETRY_AFTER_SECONDS} seconds`,
    [],
    { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
  );

/** Every failure leaves the server in the one API error shape; unexpected ones say nothing inside. */
export const errorHandler: ErrorHandler<AppEnv> = (error, c) => {
  if (!(error instanceof AppError) && isDatabaseUnavailable(error)) {
    if (c.get('config')?.logLevel !== 'silent') {
      // The driver's message only: a DrizzleQueryError's own message carries the query's parameters.
      const cause = error instanceof DrizzleQueryError && error.cause ? error.cause : error;
      log().warn(
        { requestId: c.get('requestId'), method: c.req.method, route: routePattern(c) },
        `Database unavailable: ${c.req.method} ${c.req.path} answered 503 (${cause.message})`,
      );
    }
    error = databaseUnavailable();
  }
  if (error instanceof AppError) {
    for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
    return c.json(error.toJSON(), error.status);
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    if (status === 413) {
      return c.json(
        new AppError(
          413,
          'payload_too_large',
          'ข้อมูลที่ส่งมีขนาดใหญ่เกินกำหนด',
          'The request body is too large',
        ).toJSON(),
        413,
      );
    }
    if (status === 415) {
      // A JSON route sent a form, a multipart body, XML, or no content type at all.
      return c.json(
        new AppError(
          415,
          'unsupported_media_type',
          'ต้องส่งข้อมูลเป็น JSON (Content-Type: application/json)',
          'The request body must be JSON (Content-Type: application/json)',
        ).toJSON(),
        415,
      );
    }
    if (status === 400) {
      return c.json(
        new AppError(
          400,
          'malformed_request',
          'รูปแบบข้อมูลที่ส่งมาไม่ถูกต้อง (เช่น JSON เสีย)',
          `Malformed request: ${error.message}`,
        ).toJSON(),
        400,
      );
    }
    return c.json(new AppError(status as 400, 'http_error', 'คำขอไม่สำเร็จ', error.message).toJSON(), status);
  }
  if (c.get('config')?.logLevel !== 'silent') {
    // One JSON line; the stack is a field of it (err.stack), carried with the request's id.
    log().error(
      { err: error, requestId: c.get('requestId'), method: c.req.method, route: routePattern(c) },
      `Internal error: ${c.req.method} ${c.req.path} answered 500`,
    );
  }
  return c.json(
    new AppError(
      500,
      'internal_error',
      'เกิดข้อผิดพลาดภายในระบบ กรุณาลองใหม่อีกครั้ง',
      'Internal error; please try again',
    ).toJSON(),
    500,
  );
};
