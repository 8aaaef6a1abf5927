import { createRoute, z } from '@hono/zod-openapi';
import {
  createRoundSchema,
  reopenRoundSchema,
  reportSchema,
  reviewSchema,
  rollupSchema,
  roundSchema,
  roundVersionSchema,
  slotSchema,
} from '#shared/progress/contract.ts';
import { errorResponses, jsonBody, jsonResponse, newRouter, requireActor } from '../../http/router.ts';
import { getSlot, mySlots, reviewReport, saveReport } from './reports.service.ts';
import { rollup } from './rollup.service.ts';
import { closeRound, createRound, getRound, listRounds, openRound, reopenRound } from './rounds.service.ts';

const tags = ['follow-up'];
const idParam = z.object({ id: z.uuid() });
const oneRound = jsonResponse(roundSchema, 'The round');
const oneSlot = jsonResponse(slotSchema, 'The report');
const inboxItem = slotSchema.extend({
  roundLabel: z.string(),
  roundLabelEn: z.string().nullable(),
  dueDate: z.string(),
  planTitle: z.string(),
});

export const roundRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'Rounds of a plan',
      description: 'Requires: any role on the plan’s organisation.',
      request: { query: z.object({ planId: z.uuid() }) },
      responses: { 200: jsonResponse(z.array(roundSchema), 'Rounds'), ...errorResponses },
    }),
    async (c) => c.json(await listRounds(c.get('readDb'), requireActor(c), c.req.valid('query').planId), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      summary: 'Create a round (6-month, 12-month, monthly or custom) on an approved plan',
      description: 'Requires: secretariat or admin on the plan’s organisation.',
      request: jsonBody(createRoundSchema),
      responses: { 201: oneRound, ...errorResponses },
    }),
    async (c) => c.json(await createRound(c.get('db'), requireActor(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags,
      summary: 'One round',
      description: 'Requires: any role on the plan’s organisation.',
      request: { params: idParam },
      responses: { 200: oneRound, ...errorResponses },
    }),
    async (c) => c.json(await getRound(c.get('db'), requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/open',
      tags,
      summary: 'Open a round: one report slot per measure (and per step with its own units) per unit',
      description: 'Requires: secretariat or admin on the plan’s organisation.',
      request: { params: idParam, ...jsonBody(roundVersionSchema) },
      responses: { 200: oneRound, ...errorResponses },
    }),
    async (c) =>
      c.json(
        await openRound(
          c.get('db'),
          requireActor(c),
          c.req.valid('param').id,
          c.req.valid('json').rowVersion,
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/close',
      tags,
      summary: 'Close a round (read-only afterwards)',
      description: 'Requires: secretariat or admin on the plan’s organisation.',
      request: { params: idParam, ...jsonBody(roundVersionSchema) },
      responses: { 200: oneRound, ...errorResponses },
    }),
    async (c) =>
      c.json(
        await closeRound(
          c.get('db'),
          requireActor(c),
          c.req.valid('param').id,
          c.req.valid('json').rowVersion,
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/reopen',
      tags,
      summary: 'Reopen a closed round, with the reason',
      description: 'Requires: secretariat or admin on the plan’s organisation.',
      request: { params: idParam, ...jsonBody(reopenRoundSchema) },
      responses: { 200: oneRound, ...errorResponses },
    }),
    async (c) => {
      const { rowVersion, reason } = c.req.valid('json');
      return c.json(
        await reopenRound(c.get('db'), requireActor(c), c.req.valid('param').id, rowVersion, reason),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/rollup',
      tags,
      summary: 'Roll-up: measures × units, counts, lateness, problems and suggestions',
      description: 'Requires: any role on the plan’s organisation.',
      request: { params: idParam },
      responses: { 200: jsonResponse(rollupSchema, 'Roll-up'), ...errorResponses },
    }),
    async (c) => c.json(await rollup(c.get('db'), requireActor(c), c.req.valid('param').id), 200),
  );

export const reportRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/mine',
      tags,
      summary: 'What the caller’s units must report in open rounds',
      description: 'Requires: signed in; lists reports of units the caller holds a role on.',
      responses: { 200: jsonResponse(z.array(inboxItem), 'Reports to do'), ...errorResponses },
    }),
    async (c) => c.json(await mySlots(c.get('db'), requireActor(c)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags,
      summary: 'One report with its measure, steps and last round’s answer',
      description: 'Requires: a role on the unit, or any role on the plan’s organisation.',
      request: { params: idParam },
      responses: { 200: oneSlot, ...errorResponses },
    }),
    async (c) => c.json(await getSlot(c.get('db'), requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/{id}',
      tags,
      summary: 'Save a report as a draft',
      description: 'Requires: a role held on the report’s unit; the round open; the report not in review.',
      request: { params: idParam, ...jsonBody(reportSchema) },
      responses: { 200: oneSlot, ...errorResponses },
    }),
    async (c) =>
      c.json(
        await saveReport(c.get('db'), requireActor(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/submit',
      tags,
      summary: 'Save and submit a report for review',
      description: 'Requires: a role held on the report’s unit; the round open.',
      request: { params: idParam, ...jsonBody(reportSchema) },
      responses: { 200: oneSlot, ...errorResponses },
    }),
    async (c) =>
      c.json(
        await saveReport(c.get('db'), requireActor(c), c.req.valid('param').id, c.req.valid('json'), true),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/review',
      tags,
      summary: 'Accept a submitted report, or return it with a comment',
      description: 'Requires: secretariat or admin on the plan’s organisation.',
      request: { params: idParam, ...jsonBody(reviewSchema) },
      responses: { 200: oneSlot, ...errorResponses },
    }),
    async (c) =>
      c.json(
        await reviewReport(c.get('db'), requireActor(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );
