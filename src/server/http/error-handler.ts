import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError } from './app-error.ts';
import type { AppEnv } from './context.ts';

/** Every failure leaves the server in the one API error shape; unexpected ones say nothing inside. */
export const errorHandler: ErrorHandler<AppEnv> = (error, c) => {
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
  if (c.get('config')?.logLevel !== 'silent') console.error(error);
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
