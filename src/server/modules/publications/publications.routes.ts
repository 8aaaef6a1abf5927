import { createRoute, z } from '@hono/zod-openapi';
import {
  publicationSchema,
  publicSiteSchema,
  publishResultSchema,
  publishSchema,
  setSlugSchema,
  withdrawSchema,
} from '#shared/publications/contract.ts';
import { errorResponses, jsonBody, jsonResponse, newRouter, requireActor } from '../../http/router.ts';
import { publish, withdraw } from './publish.service.ts';
import { getSite, setSlug } from './sites.service.ts';

const tags = ['publications'];
const orgParam = z.object({ organizationId: z.uuid() });

/** Mounted at /api/publications; the public pages themselves are under /p (no sign-in). */
export const publicationRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      summary:
        'Publish a plan (approved), an analysis or a round report (closed round) at a stable public address',
      description:
        'Requires: secretariat or admin on the organisation. Refused (409) for a plan not approved or a round not closed. Publishing what the latest live version already shows returns it (created=false).',
      request: jsonBody(publishSchema),
      responses: { 200: jsonResponse(publishResultSchema, 'The published version'), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await publish(
          c.get('db'),
          c.get('fileStore'),
          c.get('documentRenderers'),
          requireActor(c),
          c.req.valid('json'),
          { verifyBaseUrl: c.get('config').publicUrl ?? null },
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/withdraw',
      tags,
      summary: 'Withdraw a published version: its address stays and shows when and why',
      description: 'Requires: secretariat or admin on the organisation.',
      request: { params: z.object({ id: z.uuid() }), ...jsonBody(withdrawSchema) },
      responses: { 200: jsonResponse(publicationSchema, 'The withdrawn version'), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await withdraw(c.get('db'), requireActor(c), c.req.valid('param').id, c.req.valid('json').reason),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/sites/{organizationId}',
      tags,
      summary: 'The organisation’s public address name and everything it has published',
      description: 'Requires: any role on the organisation.',
      request: { params: orgParam },
      responses: { 200: jsonResponse(publicSiteSchema, 'The site'), ...errorResponses },
    }),
    async (c) =>
      c.json(await getSite(c.get('db'), requireActor(c), c.req.valid('param').organizationId), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/sites/{organizationId}',
      tags,
      summary: 'Choose the public address name (/p/<name>) before anything is published',
      description:
        'Requires: secretariat or admin on the organisation. Refused (409) when another organisation has the name, or once links were given out.',
      request: { params: orgParam, ...jsonBody(setSlugSchema) },
      responses: { 200: jsonResponse(publicSiteSchema, 'The site'), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await setSlug(
          c.get('db'),
          requireActor(c),
          c.req.valid('param').organizationId,
          c.req.valid('json').slug,
        ),
        200,
      ),
  );
