import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiError, ErrorDetail } from '#shared/http/api-error.ts';

/** The one error class of the server: services throw it, the HTTP layer renders it as ApiError JSON. */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly messageTh: string,
    readonly messageEn: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(messageEn);
  }

  toJSON(): ApiError {
    return {
      error: {
        code: this.code,
        message_th: this.messageTh,
        message_en: this.messageEn,
        details: this.details,
      },
    };
  }
}

export const detail = (path: string, message_th: string, message_en: string): ErrorDetail => ({
  path,
  message_th,
  message_en,
});

export const fail = {
  validation: (details: ErrorDetail[]) =>
    new AppError(400, 'validation_failed', 'ข้อมูลไม่ถูกต้อง', 'The request is not valid', details),
  badRequest: (th: string, en: string, details: ErrorDetail[] = []) =>
    new AppError(400, 'bad_request', th, en, details),
  unauthenticated: () => new AppError(401, 'unauthenticated', 'กรุณาเข้าสู่ระบบ', 'Please sign in', []),
  forbidden: (
    th = 'ท่านไม่มีสิทธิ์ดำเนินการนี้',
    en = 'You are not allowed to do this',
    details: ErrorDetail[] = [],
  ) => new AppError(403, 'forbidden', th, en, details),
  notFound: (what: { th: string; en: string }) =>
    new AppError(404, 'not_found', `ไม่พบ${what.th}`, `${what.en} not found`, []),
  conflict: (code: string, th: string, en: string, details: ErrorDetail[] = []) =>
    new AppError(409, code, th, en, details),
  staleVersion: () =>
    new AppError(
      409,
      'stale_version',
      'ข้อมูลนี้ถูกแก้ไขโดยผู้อื่นไปแล้ว กรุณาโหลดข้อมูลใหม่แล้วแก้ไขอีกครั้ง',
      'Someone else changed this record meanwhile; reload it and apply your change again',
      [detail('version', 'ฉบับของข้อมูลไม่ใช่ฉบับล่าสุด', 'not the latest version')],
    ),
  tooManyRequests: (retryAfterSeconds: number) =>
    new AppError(
      429,
      'too_many_attempts',
      `พยายามเข้าสู่ระบบหลายครั้งเกินไป กรุณารอ ${Math.ceil(retryAfterSeconds / 60)} นาทีแล้วลองใหม่`,
      `Too many sign-in attempts; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`,
      [],
      { 'Retry-After': String(retryAfterSeconds) },
    ),
};
