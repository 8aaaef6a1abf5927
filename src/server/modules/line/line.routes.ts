import { createRoute, z } from '@hono/zod-openapi';
import {
  connectLineSchema,
  createGroupCodeSchema,
  createLinkCodeSchema,
  lineSettingsSchema,
  linkCodeSchema,
  myLineSchema,
  setNotifySchema,
} from '#shared/line/contract.ts';
import { errorResponses, jsonBody, jsonResponse, newRouter, requireActor } from '../../http/router.ts';
import {
  connectLine,
  createGroupCode,
  createLinkCode,
  disconnectLine,
  getLineSettings,
  listLineSettings,
  myLine,
  setNotifyChoice,
  unlink,
} from './line.service.ts';
import { handleWebhook } from './webhook.ts';

const tags = ['line'];
const orgParam = z.object({ organizationId: z.uuid() });
const settings = jsonResponse(lineSettingsSchema, 'The organisation’s LINE account (secrets never included)');
const mine = jsonResponse(myLineSchema, 'The caller’s LINE links and notification choice');

export const lineRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/settings',
      tags,
      summary: 'The LINE accounts of the organisations the caller manages',
      description: 'Requires: secretariat or admin. The channel secret and token are never returned.',
      responses: { 200: jsonResponse(z.array(lineSettingsSchema), 'LINE settings'), ...errorResponses },
    }),
    async (c) => c.json(await listLineSettings(c.get('db'), c.get('config'), requireActor(c)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/settings/{organizationId}',
      tags,
      summary: 'One organisation’s LINE account',
      description: 'Requires: secretariat or admin on the organisation.',
      request: { params: orgParam },
      responses: { 200: settings, ...errorResponses },
    }),
    async (c) =>
      c.json(
        await getLineSettings(
          c.get('db'),
          c.get('config'),
          requireActor(c),
          c.req.valid('param').organizationId,
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/settings/{organizationId}',
      tags,
      summary: 'Connect the organisation’s LINE Official Account (or enter new secrets)',
      description:
        'Requires: secretariat or admin on the organisation. The token is checked with LINE (GET /v2/bot/info) first; a refused token is a 400 naming the setting, and nothing is saved.',
      request: { params: orgParam, ...jsonBody(connectLineSchema) },
      responses: {
        200: settings,
        502: jsonResponse(z.any(), 'LINE could not be reached'),
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json(
        await connectLine(
          c.get('db'),
          c.get('secretBox'),
          c.get('config'),
          requireActor(c),
          c.req.valid('param').organizationId,
          c.req.valid('json'),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/settings/{organizationId}',
      tags,
      summary: 'Disconnect: the sealed secret and token are erased',
      description: 'Requires: secretariat or admin on the organisation.',
      request: { params: orgParam },
      responses: { 200: settings, ...errorResponses },
    }),
    async (c) =>
      c.json(
        await disconnectLine(
          c.get('db'),
          c.get('config'),
          requireActor(c),
          c.req.valid('param').organizationId,
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags,
      summary: 'The caller’s agency LINE accounts, links, group links and notification choice',
      description: 'Requires: signed in.',
      responses: { 200: mine, ...errorResponses },
    }),
    async (c) => c.json(await myLine(c.get('db'), requireActor(c)), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/me/notify',
      tags,
      summary: 'How the caller wants reminders: e-mail, LINE or both',
      description: 'Requires: signed in. LINE alone falls back to e-mail while no link is usable.',
      request: jsonBody(setNotifySchema),
      responses: { 200: mine, ...errorResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      await setNotifyChoice(c.get('db'), actor, c.req.valid('json').notify);
      return c.json(await myLine(c.get('db'), actor), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/me/codes',
      tags,
      summary: 'A one-time code (6 digits, 10 minutes) to send in chat to the agency’s LINE account',
      description: 'Requires: a role under the account’s organisation. Earlier unused codes are withdrawn.',
      request: jsonBody(createLinkCodeSchema),
      responses: { 201: jsonResponse(linkCodeSchema, 'The code, shown once'), ...errorResponses },
    }),
    async (c) =>
      c.json(await createLinkCode(c.get('db'), requireActor(c), c.req.valid('json').channelId), 201),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/group-codes',
      tags,
      summary: 'A one-time code to post in the unit’s LINE group (after inviting the agency account)',
      description: 'Requires: unit reporter, secretariat or admin on the unit.',
      request: jsonBody(createGroupCodeSchema),
      responses: { 201: jsonResponse(linkCodeSchema, 'The code, shown once'), ...errorResponses },
    }),
    async (c) => c.json(await createGroupCode(c.get('db'), requireActor(c), c.req.valid('json').unitId), 201),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/links/{id}',
      tags,
      summary: 'Unlink: one’s own LINE account, or a unit’s group',
      description:
        'Requires: the link’s person; for a group, a unit reporter, secretariat or admin on the unit.',
      request: { params: z.object({ id: z.uuid() }) },
      responses: { 200: mine, ...errorResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      await unlink(c.get('db'), actor, c.req.valid('param').id);
      return c.json(await myLine(c.get('db'), actor), 200);
    },
  )
  // LINE's webhook: no session and no CSRF token (exempted in api-guards.ts); the signature over the raw
  // body is the authentication. Unknown account 404, missing or wrong signature 401, otherwise 200.
  .post('/webhook/:channelId', async (c) => {
    const raw = await c.req.text();
    const outcome = await handleWebhook(
      c.get('db'),
      c.get('secretBox'),
      c.get('config'),
      c.req.param('channelId'),
      raw,
      c.req.header('x-line-signature'),
    );
    return c.json({ ok: true, ...outcome }, 200);
  });
