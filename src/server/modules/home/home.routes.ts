import { createRoute, z } from '@hono/zod-openapi';
import { homeSchema, latestResultYearSchema } from '#shared/home/contract.ts';
import { errorResponses, jsonResponse, newRouter, requireActor } from '../../http/router.ts';
import { homeOf, latestResultYear } from './home.service.ts';

const tags = ['home'];

export const homeRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'What waits for the caller (งานของฉัน) and where their agency stands in the yearly cycle',
      description:
        'Requires: signed in; lists only what the caller’s roles act on (an executive’s plans to approve, ' +
        'the secretariat’s plans, rounds and OIT links, a unit’s acknowledgements and reports).',
      responses: {
        200: jsonResponse(homeSchema, 'What waits, the menu counts and the cycle'),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await homeOf(c.get('readDb'), requireActor(c)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/latest-result-year',
      tags,
      summary: 'The latest fiscal year with an assessment result for an organisation (or one below it)',
      description: 'Requires: any role that reads the organisation.',
      request: { query: z.object({ organizationId: z.uuid() }) },
      responses: { 200: jsonResponse(latestResultYearSchema, 'The year, null when none'), ...errorResponses },
    }),
    async (c) =>
      c.json(await latestResultYear(c.get('db'), requireActor(c), c.req.valid('query').organizationId), 200),
  );
