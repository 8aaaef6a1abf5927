import { createRoute, z } from '@hono/zod-openapi';
import {
  editionDetailSchema,
  editionSummarySchema,
  frameworkImportRequestSchema,
  frameworkPreviewSchema,
  importEditionRequestSchema,
  importEditionResponseSchema,
} from '#shared/catalogue/contract.ts';
import {
  acceptSuppliedRequestSchema,
  acceptSuppliedResponseSchema,
  suppliedListSchema,
} from '#shared/catalogue/supplied-questions.ts';
import { errorResponses, jsonBody, jsonResponse, newRouter, requireActor } from '../../http/router.ts';
import { getEdition, importEdition, listEditions } from './catalogue.service.ts';
import { exportEditionWorkbook, frameworkTemplate, importFramework } from './framework/framework.service.ts';
import { acceptSupplied, getEditionWithSupplied, listSupplied } from './supplied-questions.service.ts';

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
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/editions/{fiscalYear}/xlsx',
      tags,
      summary: 'The current revision of an edition as a framework workbook (XLSX), one sheet per part',
      description: 'Requires: any role.',
      request: { params: z.object({ fiscalYear: z.coerce.number().int().min(2500).max(2700) }) },
      responses: {
        200: { description: 'The workbook', content: { 'application/octet-stream': { schema: z.any() } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const file = await exportEditionWorkbook(c.get('db'), requireActor(c), c.req.valid('param').fiscalYear);
      return c.body(Buffer.from(file.bytes), 200, {
        'content-type': file.mimeType,
        'content-disposition': `attachment; filename="${file.fileName}"`,
      });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/framework/template',
      tags,
      summary: 'The blank framework workbook (XLSX) with headers and instructions in Thai and English',
      description: 'Requires: any role.',
      responses: {
        200: { description: 'The workbook', content: { 'application/octet-stream': { schema: z.any() } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const file = await frameworkTemplate(requireActor(c));
      return c.body(Buffer.from(file.bytes), 200, {
        'content-type': file.mimeType,
        'content-disposition': `attachment; filename="${file.fileName}"`,
      });
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/framework/import',
      tags,
      summary:
        'Import a framework workbook (XLSX): preview (commit=false) or write a new edition or revision, all or nothing (commit=true)',
      description:
        'Requires: deployment-wide admin. A preview answers 200 with counts, changes, every error (sheet, row, column, field) and warning; a commit with any error answers 400 and writes nothing.',
      request: jsonBody(frameworkImportRequestSchema),
      responses: {
        200: jsonResponse(frameworkPreviewSchema, 'Preview or committed import'),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await importFramework(c.get('db'), requireActor(c), c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/editions/{fiscalYear}/with-supplied',
      tags,
      summary: 'One edition with the questions and wording agencies supplied with their results laid over it',
      description:
        'Requires: any role. Supplied questions and wording carry the source AGENCY-SUPPLIED; the catalogue’s own wording is never replaced.',
      request: { params: z.object({ fiscalYear: z.coerce.number().int().min(2500).max(2700) }) },
      responses: { 200: jsonResponse(editionDetailSchema, 'The edition'), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await getEditionWithSupplied(c.get('db'), requireActor(c), c.req.valid('param').fiscalYear),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/editions/{fiscalYear}/supplied',
      tags,
      summary:
        'Questions and wording agencies supplied for an edition: who, when, accepted or not, conflicts',
      description: 'Requires: deployment-wide admin.',
      request: { params: z.object({ fiscalYear: z.coerce.number().int().min(2500).max(2700) }) },
      responses: { 200: jsonResponse(suppliedListSchema, 'Supplied questions'), ...errorResponses },
    }),
    async (c) =>
      c.json(await listSupplied(c.get('db'), requireActor(c), c.req.valid('param').fiscalYear), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/editions/{fiscalYear}/supplied/accept',
      tags,
      summary:
        'Accept supplied questions and wording into the catalogue as a new revision of the edition (all, or the codes given)',
      description:
        'Requires: deployment-wide admin. Only what the catalogue lacks is accepted (a question it does not list, wording where it has none); audited.',
      request: {
        params: z.object({ fiscalYear: z.coerce.number().int().min(2500).max(2700) }),
        ...jsonBody(acceptSuppliedRequestSchema),
      },
      responses: { 201: jsonResponse(acceptSuppliedResponseSchema, 'Accepted'), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await acceptSupplied(
          c.get('db'),
          requireActor(c),
          c.req.valid('param').fiscalYear,
          c.req.valid('json').codes,
        ),
        201,
      ),
  );
