import { createRoute, z } from '@hono/zod-openapi';
import {
  editionDetailSchema,
  editionSummarySchema,
  importEditionRequestSchema,
  importEditionResponseSchema,
} from '#shared/catalogue/contract.ts';
import { errorResponses, jsonBody, jsonResponse, newRouter, requireActor } from '../../http/router.ts';
import { getEdition, importEdition, listEditions } from './catalogue.service.ts';

const tags = ['catalogue'];

export const catalogueRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/editions',
      tags,
      summary: 'The current revision of every ITA edition',
      description: 'Requires: any role.',
      responses: { 200: jsonResponse(z.array(editionSummarySchema), 'Editions'), ...errorResponses },
    }),
    async (c) => c.json(await listEditions(c.get('db'), requireActor(c)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/editions/{fiscalYear}',
      tags,
      summary: 'One edition: instruments, indicators, sub-indicators, questions, groupings, levels',
      description: 'Requires: any role.',
      request: { params: z.object({ fiscalYear: z.coerce.number().int().min(2500).max(2700) }) },
      responses: { 200: jsonResponse(editionDetailSchema, 'The edition'), ...errorResponses },
    }),
    async (c) => c.json(await getEdition(c.get('db'), requireActor(c), c.req.valid('param').fiscalYear), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/editions',
      tags,
      summary: 'Import a new or corrected edition from YAML; a bad file is refused whole',
      description: 'Requires: deployment-wide admin.',
      request: jsonBody(importEditionRequestSchema),
      responses: { 201: jsonResponse(importEditionResponseSchema, 'Imported'), ...errorResponses },
    }),
    async (c) => c.json(await importEdition(c.get('db'), requireActor(c), c.req.valid('json').yaml), 201),
  );
