import { createRoute, z } from '@hono/zod-openapi';
import { analysisSchema, saveNarrativeSchema, updateAnalysisSchema } from '#shared/assessments/contract.ts';
import { errorResponses, jsonBody, jsonResponse, newRouter, requireActor } from '../../http/router.ts';
import { getAnalysis, saveNarrative, updateAnalysis } from './analyses.service.ts';

const tags = ['analyses'];
const idParam = z.object({ id: z.uuid() });
const one = jsonResponse(analysisSchema, 'The analysis');

export const analysisRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags,
      summary: 'One analysis: settings, findings by group, narratives (with stale flags), limitations',
      description: 'Requires: any role on the organisation.',
      request: { params: idParam },
      responses: { 200: one, ...errorResponses },
    }),
    async (c) => c.json(await getAnalysis(c.get('db'), requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      tags,
      summary: 'Change the settings, title or limitations; the findings are recomputed from current scores',
      description: 'Requires: secretariat or admin on the organisation. Send the version you read.',
      request: { params: idParam, ...jsonBody(updateAnalysisSchema) },
      responses: { 200: one, ...errorResponses },
    }),
    async (c) =>
      c.json(
        await updateAnalysis(c.get('db'), requireActor(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/{id}/narratives/{findingKey}',
      tags,
      summary: 'Save the narrative of one finding',
      description: 'Requires: secretariat or admin on the organisation.',
      request: {
        params: z.object({ id: z.uuid(), findingKey: z.string().min(1).max(100) }),
        ...jsonBody(saveNarrativeSchema),
      },
      responses: { 200: one, ...errorResponses },
    }),
    async (c) => {
      const { id, findingKey } = c.req.valid('param');
      return c.json(
        await saveNarrative(c.get('db'), requireActor(c), id, findingKey, c.req.valid('json').text),
        200,
      );
    },
  );
