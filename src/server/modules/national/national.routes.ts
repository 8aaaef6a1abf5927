import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, newRouter, requireActor } from '../../http/router.ts';
import { nationalQuerySchema, nationalRootsSchema, nationalViewSchema } from './national.schema.ts';
import { nationalRoots, nationalView } from './national.service.ts';

const tags = ['national'];

export const nationalRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/roots',
      tags,
      summary: 'The organisations at the top of what the caller may see in the national view',
      description:
        'Requires: admin, secretariat, executive or viewer on an organisation (or the deployment).',
      responses: { 200: jsonResponse(nationalRootsSchema, 'The nodes to start from'), ...errorResponses },
    }),
    async (c) => c.json(await nationalRoots(c.get('readDb'), requireActor(c)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{organizationId}',
      tags,
      summary: 'National / ministry / province view of one node for one fiscal year',
      description:
        'Requires: admin, secretariat, executive or viewer on the node or above it. Results of the year ' +
        'and their change, the national target, weakest indicators, plans not approved or not published, ' +
        'late rounds, and standard measures beside the change of the indicators they answer.',
      request: { params: z.object({ organizationId: z.uuid() }), query: nationalQuerySchema },
      responses: { 200: jsonResponse(nationalViewSchema, 'The view'), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await nationalView(
          c.get('readDb'),
          requireActor(c),
          c.req.valid('param').organizationId,
          c.req.valid('query').fiscalYear,
        ),
        200,
      ),
  );
