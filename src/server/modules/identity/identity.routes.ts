import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import {
  createIdentityProviderSchema,
  identityProviderListSchema,
  identityProviderSchema,
  setCitizenIdSchema,
  signInProviderListSchema,
  updateIdentityProviderSchema,
} from '#shared/identity/contract.ts';
import { clientIp, isSecureRequest } from '../../http/client-meta.ts';
import type { AppEnv } from '../../http/context.ts';
import { errorResponses, jsonBody, jsonResponse, newRouter, requireActor } from '../../http/router.ts';
import { SESSION_COOKIE, SESSION_TTL_HOURS } from '../auth/sessions.ts';
import {
  createProvider,
  listProviders,
  setCitizenId,
  signInProviders,
  updateProvider,
} from './providers.service.ts';
import { completeOidcSignIn, redirectUriFor, startOidcSignIn } from './sign-in.service.ts';
import { OidcSignInError, oidcFailure, signInErrorPage } from './sign-in-errors.ts';

const tags = ['identity'];
const idParam = z.object({ id: z.uuid() });

const redirectUri = (c: Context<AppEnv>) => redirectUriFor(c.get('config').publicUrl, c.req.url);

function failurePage(c: Context<AppEnv>, error: unknown) {
  if (!(error instanceof OidcSignInError)) throw error;
  c.header('cache-control', 'no-store');
  return c.html(signInErrorPage(error), error.status);
}

/**
 * Sign-in through an identity provider (mounted at /api/auth/oidc): the buttons' list, the start (302 to the
 * provider) and the callback (302 to the page the person came from, or a page saying what went wrong).
 */
export const oidcSignInRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/providers',
      tags,
      summary: 'The identity providers one may sign in with (a button each on the sign-in page)',
      description: 'Public.',
      responses: { 200: jsonResponse(signInProviderListSchema, 'Enabled providers, by name') },
    }),
    async (c) => c.json({ items: await signInProviders(c.get('db')) }, 200),
  )
  .get('/callback', async (c) => {
    try {
      const { token, returnTo } = await completeOidcSignIn(
        c.get('db'),
        c.get('secretBox'),
        c.get('identity'),
        {
          callbackUrl: new URL(c.req.url),
          redirectUri: redirectUri(c),
          ip: clientIp(c),
          userAgent: c.req.header('user-agent') ?? null,
        },
      );
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Strict',
        secure: isSecureRequest(c),
        path: '/',
        maxAge: SESSION_TTL_HOURS * 3600,
      });
      return c.redirect(returnTo, 302);
    } catch (error) {
      return failurePage(c, error);
    }
  })
  .get('/:providerId/start', async (c) => {
    const providerId = c.req.param('providerId');
    try {
      if (!z.uuid().safeParse(providerId).success) throw oidcFailure.unknownProvider();
      const url = await startOidcSignIn(c.get('db'), c.get('secretBox'), c.get('identity'), {
        providerId,
        returnTo: c.req.query('returnTo'),
        redirectUri: redirectUri(c),
      });
      return c.redirect(url.href, 302);
    } catch (error) {
      return failurePage(c, error);
    }
  });

/** Administration of identity providers (mounted at /api/identity): deployment-wide admins only. */
export const identityAdminRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/providers',
      tags,
      summary: 'Identity providers, with their organisations (never their secrets)',
      description: 'Requires: deployment-wide admin. Also gives the redirect URI to register at a provider.',
      responses: { 200: jsonResponse(identityProviderListSchema, 'Providers by name'), ...errorResponses },
    }),
    async (c) =>
      c.json({ items: await listProviders(c.get('db'), requireActor(c)), redirectUri: redirectUri(c) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/providers',
      tags,
      summary:
        'Add an identity provider (its configuration is discovered first; nothing is saved if that fails)',
      description: 'Requires: deployment-wide admin. The client secret is stored sealed and never returned.',
      request: jsonBody(createIdentityProviderSchema),
      responses: { 201: jsonResponse(identityProviderSchema, 'The provider'), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await createProvider(
          c.get('db'),
          c.get('secretBox'),
          c.get('identity'),
          requireActor(c),
          c.req.valid('json'),
        ),
        201,
      ),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/providers/{id}',
      tags,
      summary: 'Change, enable or disable an identity provider',
      description:
        'Requires: deployment-wide admin. A new issuer is discovered first; an absent client secret keeps the stored one.',
      request: { params: idParam, ...jsonBody(updateIdentityProviderSchema) },
      responses: { 200: jsonResponse(identityProviderSchema, 'The provider'), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await updateProvider(
          c.get('db'),
          c.get('secretBox'),
          c.get('identity'),
          requireActor(c),
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/citizen-ids/{id}',
      tags,
      summary:
        "Record a person's citizen ID (only its salted hash is kept) so that their ThaID sign-in finds their account",
      description:
        'Requires: deployment-wide admin, or admin on an organisation the user holds a role on. An empty ID removes it.',
      request: { params: idParam, ...jsonBody(setCitizenIdSchema) },
      responses: { 204: { description: 'Recorded' }, ...errorResponses },
    }),
    async (c) => {
      await setCitizenId(
        c.get('db'),
        c.get('secretBox'),
        requireActor(c),
        c.req.valid('param').id,
        c.req.valid('json').citizenId,
      );
      return c.body(null, 204);
    },
  );
