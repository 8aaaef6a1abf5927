import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import {
  firstAdminRequestSchema,
  meResponseSchema,
  setupStatusSchema,
  signInRequestSchema,
} from '#shared/auth/contract.ts';
import { clientIp, isSecureRequest } from '../../http/client-meta.ts';
import type { AppEnv } from '../../http/context.ts';
import { errorResponses, jsonBody, jsonResponse, newRouter, requireActor } from '../../http/router.ts';
import { createFirstAdmin, describeActor, needsFirstAdmin, signIn } from './auth.service.ts';
import { deleteSession, loadSession, SESSION_COOKIE, SESSION_TTL_HOURS } from './sessions.ts';

const tags = ['auth'];

function meta(c: Context<AppEnv>) {
  return { ip: clientIp(c), userAgent: c.req.header('user-agent') ?? null };
}

async function startSession(c: Context<AppEnv>, token: string) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: isSecureRequest(c),
    path: '/',
    maxAge: SESSION_TTL_HOURS * 3600,
  });
  const loaded = await loadSession(c.get('db'), token);
  if (!loaded) throw new Error('a session just created could not be read back');
  return describeActor(loaded.actor, loaded.session.csrfToken);
}

export const authRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/setup',
      tags,
      summary: 'Whether this deployment still needs its first administrator',
      description: 'Public.',
      responses: { 200: jsonResponse(setupStatusSchema, 'Setup status') },
    }),
    async (c) => c.json({ needsFirstAdmin: await needsFirstAdmin(c.get('db')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/setup',
      tags,
      summary: 'Create the first administrator (first run only) and sign in',
      description: 'Public, and only while no user exists.',
      request: jsonBody(firstAdminRequestSchema),
      responses: { 201: jsonResponse(meResponseSchema, 'Signed in as the new admin'), ...errorResponses },
    }),
    async (c) => {
      const { token } = await createFirstAdmin(c.get('db'), c.req.valid('json'), meta(c));
      return c.json(await startSession(c, token), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/sign-in',
      tags,
      summary: 'Sign in with e-mail and password',
      description:
        'Public. Slowed per account (after 3 failures in a row a wait that doubles from 1 s, at most 60 s; a success clears it) and per client address (failures only); 429 with Retry-After.',
      request: jsonBody(signInRequestSchema),
      responses: {
        200: jsonResponse(meResponseSchema, 'Signed in'),
        429: jsonResponse(z.any(), 'Wait Retry-After seconds, then try again'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { token } = await signIn(c.get('db'), c.req.valid('json'), meta(c));
      return c.json(await startSession(c, token), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/sign-out',
      tags,
      summary: 'Sign out (ends this session)',
      description: 'Requires: signed in.',
      responses: { 204: { description: 'Signed out' }, ...errorResponses },
    }),
    async (c) => {
      requireActor(c);
      const session = c.get('session');
      if (session) await deleteSession(c.get('db'), session.tokenHash);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags,
      summary: 'The signed-in user, their roles and the CSRF token to send with changes',
      description: 'Requires: signed in.',
      responses: { 200: jsonResponse(meResponseSchema, 'The session'), ...errorResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      return c.json(describeActor(actor, c.get('session')!.csrfToken), 200);
    },
  );
