import { createRoute, z } from '@hono/zod-openapi';
import { libraryMeasureSchema } from '#shared/plans/library.ts';
import { fail } from '../../http/app-error.ts';
import { errorResponses, jsonBody, jsonResponse, newRouter, requireActor } from '../../http/router.ts';
import { addLibraryMeasure, libraryMeasuresAll } from './measures-library.service.ts';

const tags = ['measures-library'];

export const measuresLibraryRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'Standard measures, by the ITA questions and indicators they answer',
      description: 'Requires: any role.',
      responses: { 200: jsonResponse(z.array(libraryMeasureSchema), 'The library'), ...errorResponses },
    }),
    async (c) => {
      if (requireActor(c).grants.length === 0) throw fail.forbidden();
      return c.json(await libraryMeasuresAll(c.get('db')), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      summary: 'Add a standard measure to the library',
      description: 'Requires: deployment-wide admin.',
      request: jsonBody(libraryMeasureSchema),
      responses: { 201: jsonResponse(libraryMeasureSchema, 'Added'), ...errorResponses },
    }),
    async (c) => c.json(await addLibraryMeasure(c.get('db'), requireActor(c), c.req.valid('json')), 201),
  );
