import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { z } from 'zod';
import { apiErrorSchema } from '#shared/http/api-error.ts';
import { zodIssuesToDetails } from '#shared/http/validation-messages.ts';
import type { Actor } from './actor.ts';
import { fail } from './app-error.ts';
import type { AppEnv } from './context.ts';

/** Every module's routes hang on one of these: validation failures become the one API error shape. */
export function newRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw fail.validation(zodIssuesToDetails(result.error.issues));
    },
  });
}

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

const errorResponse = (description: string) => jsonResponse(apiErrorSchema, description);

/** The error answers every authenticated route may give, described once. */
export const errorResponses = {
  400: errorResponse('Invalid input; details name each field / ข้อมูลไม่ถูกต้อง'),
  401: errorResponse('Not signed in / ยังไม่ได้เข้าสู่ระบบ'),
  403: errorResponse('Outside the caller’s roles or organisations / ไม่มีสิทธิ์'),
  404: errorResponse('Unknown record / ไม่พบข้อมูล'),
  409: errorResponse('Conflict: duplicate or stale version / ข้อมูลขัดแย้ง'),
} as const;

export function requireActor(c: Context<AppEnv>): Actor {
  const actor = c.get('actor');
  if (!actor) throw fail.unauthenticated();
  return actor;
}
