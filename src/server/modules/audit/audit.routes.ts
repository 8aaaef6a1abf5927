import { createRoute, z } from '@hono/zod-openapi';
import { auditEventSchema, auditQuerySchema } from '#shared/audit/contract.ts';
import { errorResponses, jsonResponse, newRouter, requireActor } from '../../http/router.ts';
import { listAudit } from './audit.service.ts';

export const auditRoutes = newRouter().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['audit'],
    summary: 'The audit trail, newest first, filtered',
    description: 'Requires: admin. Shows events of the organisations the caller administers.',
    request: { query: auditQuerySchema },
    responses: { 200: jsonResponse(z.array(auditEventSchema), 'Events'), ...errorResponses },
  }),
  async (c) => c.json(await listAudit(c.get('readDb'), requireActor(c), c.req.valid('query')), 200),
);
