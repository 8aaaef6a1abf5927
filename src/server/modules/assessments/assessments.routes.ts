import { createRoute, z } from '@hono/zod-openapi';
import {
  analysisSchema,
  createAnalysisSchema,
  importPreviewSchema,
  importRequestSchema,
  provinceViewSchema,
  resultDetailSchema,
  resultPageSchema,
  saveResultSchema,
} from '#shared/assessments/contract.ts';
import { listPageQuery } from '../../http/list-cursor.ts';
import { errorResponses, jsonBody, jsonResponse, newRouter, requireActor } from '../../http/router.ts';
import { createAnalysis, listAnalyses } from './analyses.service.ts';
import { getResult, listResults, saveResult } from './assessments.service.ts';
import { importAssessments } from './import-assessments.ts';
import { importTemplate } from './import-template.ts';
import { provinceView } from './province-view.ts';

const tags = ['assessments'];
const fiscalYear = z.coerce.number().int().min(2500).max(2700);
const idParam = z.object({ id: z.uuid() });

export const assessmentRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'Results of the organisations the caller reads, newest year first, a page at a time',
      description:
        'Requires: any role; lists only results in the caller’s organisations. Newest year first, then in organisation-tree order, ties by id; `limit` rows (default 100, at most 500) after `cursor`; `nextCursor` reads the next page and is null on the last.',
      request: {
        query: z.object({
          organizationId: z.uuid().optional(),
          fiscalYear: fiscalYear.optional(),
          ...listPageQuery,
        }),
      },
      responses: { 200: jsonResponse(resultPageSchema, 'A page of results'), ...errorResponses },
    }),
    async (c) => c.json(await listResults(c.get('readDb'), requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/',
      tags,
      summary: 'Enter or replace an organisation’s result of a fiscal year (the entry form)',
      description: 'Requires: secretariat or admin on the organisation. Replaces every score of that result.',
      request: jsonBody(saveResultSchema),
      responses: { 200: jsonResponse(resultDetailSchema, 'The saved result'), ...errorResponses },
    }),
    async (c) => c.json(await saveResult(c.get('db'), requireActor(c), c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/import',
      tags,
      summary:
        'Import results from CSV or XLSX: preview (commit=false) or write all-or-nothing (commit=true)',
      description:
        'Requires: secretariat or admin on every organisation in the file. A preview answers 200 with every error and warning; a commit with any error answers 400 and writes nothing.',
      request: jsonBody(importRequestSchema),
      responses: { 200: jsonResponse(importPreviewSchema, 'Preview or committed import'), ...errorResponses },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const bytes = new Uint8Array(Buffer.from(body.contentBase64, 'base64'));
      return c.json(await importAssessments(c.get('db'), requireActor(c), { ...body, bytes }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/template',
      tags,
      summary:
        'A blank import file made from an edition (long: one row per code; wide: one row per organisation)',
      description: 'Requires: any role (and any role on the organisation when one is named).',
      request: {
        query: z.object({
          editionYear: fiscalYear,
          layout: z.enum(['long', 'wide']).default('long'),
          format: z.enum(['csv', 'xlsx']).default('xlsx'),
          organizationId: z.uuid().optional(),
        }),
      },
      responses: {
        200: { description: 'The file', content: { 'application/octet-stream': { schema: z.any() } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const file = await importTemplate(c.get('db'), requireActor(c), c.req.valid('query'));
      return c.body(Buffer.from(file.bytes), 200, {
        'content-type': file.mimeType,
        'content-disposition': `attachment; filename="${file.fileName}"`,
      });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/province/{organizationId}/{fiscalYear}',
      tags,
      summary: 'Units × indicators of a province (or any parent) for one year, with the weakest indicators',
      description: 'Requires: any role on the organisation.',
      request: {
        params: z.object({ organizationId: z.uuid(), fiscalYear }),
        query: z.object({ urgentBelow: z.coerce.number().min(0).max(100).default(85) }),
      },
      responses: { 200: jsonResponse(provinceViewSchema, 'The province view'), ...errorResponses },
    }),
    async (c) => {
      const { organizationId, fiscalYear: year } = c.req.valid('param');
      return c.json(
        await provinceView(
          c.get('db'),
          requireActor(c),
          organizationId,
          year,
          c.req.valid('query').urgentBelow,
        ),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags,
      summary: 'One result with all its scores',
      description: 'Requires: any role on the organisation.',
      request: { params: idParam },
      responses: { 200: jsonResponse(resultDetailSchema, 'The result'), ...errorResponses },
    }),
    async (c) => c.json(await getResult(c.get('db'), requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/analyses',
      tags,
      summary: 'Analyses of a result',
      description: 'Requires: any role on the organisation.',
      request: { params: idParam },
      responses: { 200: jsonResponse(z.array(analysisSchema), 'Analyses'), ...errorResponses },
    }),
    async (c) => c.json(await listAnalyses(c.get('db'), requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/analyses',
      tags,
      summary: 'Analyse a result with thresholds and a grouping',
      description: 'Requires: secretariat or admin on the organisation.',
      request: { params: idParam, ...jsonBody(createAnalysisSchema) },
      responses: { 201: jsonResponse(analysisSchema, 'The analysis'), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await createAnalysis(c.get('db'), requireActor(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  );
