import { createRoute, z } from '@hono/zod-openapi';
import {
  oitCheckRunSchema,
  oitItemUpdateSchema,
  oitRowSchema,
  oitTrackerSchema,
} from '#shared/oit/contract.ts';
import { errorResponses, jsonBody, jsonResponse, newRouter, requireActor } from '../../http/router.ts';
import { exportTracker, getTracker, runChecks, updateItem } from './oit.service.ts';
import { XLSX_MIME } from './oit-xlsx.ts';

const tags = ['oit'];
const yearParams = z.object({
  organizationId: z.uuid(),
  fiscalYear: z.coerce.number().int().min(2500).max(2700),
});
const itemParams = yearParams.extend({
  code: z.string().regex(/^[oO][1-9][0-9]*$/, 'an OIT item code like o14'),
});
const oneTracker = jsonResponse(
  oitTrackerSchema,
  'The OIT items of the year with their state and last check',
);

const rfc5987 = (name: string) =>
  encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

/** Mounted at /api/oit; needs the `oit` context variable (OitDeps). */
export const oitRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/{organizationId}/{fiscalYear}',
      tags,
      summary: 'The OIT tracker of an organisation and fiscal year (items never edited show as not started)',
      description: 'Requires: any role on the organisation (or an ancestor), or on a unit inside it.',
      request: { params: yearParams },
      responses: { 200: oneTracker, ...errorResponses },
    }),
    async (c) => {
      const { organizationId, fiscalYear } = c.req.valid('param');
      return c.json(
        await getTracker(c.get('db'), requireActor(c), c.get('oit'), organizationId, fiscalYear),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/{organizationId}/{fiscalYear}/items/{code}',
      tags,
      summary: 'Save one OIT item: URL (public http/https only), status, owner unit, notes',
      description:
        'Requires: secretariat or admin on the organisation. rowVersion 0 for an item never saved; a stale version is refused with 409.',
      request: { params: itemParams, ...jsonBody(oitItemUpdateSchema) },
      responses: { 200: jsonResponse(oitRowSchema, 'The saved item'), ...errorResponses },
    }),
    async (c) => {
      const { organizationId, fiscalYear, code } = c.req.valid('param');
      return c.json(
        await updateItem(
          c.get('db'),
          requireActor(c),
          c.get('oit'),
          organizationId,
          fiscalYear,
          code,
          c.req.valid('json'),
        ),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{organizationId}/{fiscalYear}/check',
      tags,
      summary:
        'Check every item’s link now (reachable, login, content type, year mentioned) and store the results',
      description:
        'Requires: secretariat or admin on the organisation. 409 while a check of the same year runs.',
      request: { params: yearParams },
      responses: {
        200: jsonResponse(oitCheckRunSchema, 'Counts and the updated tracker'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { organizationId, fiscalYear } = c.req.valid('param');
      return c.json(
        await runChecks(c.get('db'), requireActor(c), c.get('oit'), organizationId, fiscalYear),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{organizationId}/{fiscalYear}/export',
      tags,
      summary: 'The tracker as an XLSX sheet (ติดตาม OIT)',
      description: 'Requires: any role that reads the tracker.',
      request: {
        params: yearParams,
        query: z.object({ digits: z.enum(['arabic', 'thai']).default('arabic') }),
      },
      responses: {
        200: { description: 'The XLSX file', content: { [XLSX_MIME]: { schema: z.any() } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { organizationId, fiscalYear } = c.req.valid('param');
      const file = await exportTracker(
        c.get('db'),
        requireActor(c),
        c.get('oit'),
        organizationId,
        fiscalYear,
        c.req.valid('query').digits,
      );
      return c.body(Buffer.from(file.bytes), 200, {
        'content-type': XLSX_MIME,
        'content-disposition': `attachment; filename="${file.fileName}"; filename*=UTF-8''${rfc5987(file.fileNameTh)}`,
      });
    },
  );
