import { createRoute, z } from '@hono/zod-openapi';
import {
  createPlanSchema,
  decidePlanSchema,
  inboxItemSchema,
  planDetailSchema,
  planDiffSchema,
  planPageSchema,
  planSuggestionsSchema,
  rowVersionSchema,
  savePlanSchema,
  submitPlanSchema,
} from '#shared/plans/contract.ts';
import { listPageQuery } from '../../http/list-cursor.ts';
import { errorResponses, jsonBody, jsonResponse, newRouter, requireActor } from '../../http/router.ts';
import { planSuggestions } from './measures-library.service.ts';
import {
  acknowledgePlan,
  circulatePlan,
  decidePlan,
  diffVersions,
  inbox,
  planAudience,
  startNewVersion,
  submitPlan,
} from './plan-workflow.service.ts';
import { createPlan, getPlan, listPlans, savePlan } from './plans.service.ts';

const tags = ['plans'];
const idParam = z.object({ id: z.uuid() });
const one = jsonResponse(planDetailSchema, 'The plan with its completeness check');
const audienceSchema = z.object({
  /** Names of the executives who may approve the plan. */
  approvers: z.array(z.string()),
  /** The responsible units, with how many active unit reporters see their measures. */
  units: z.array(
    z.object({
      unitId: z.uuid(),
      nameTh: z.string(),
      nameEn: z.string().nullable(),
      reporters: z.int(),
    }),
  ),
});

export const planRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'Plans of the organisations the caller reads, newest year first, a page at a time',
      description:
        'Requires: any role; lists only plans in the caller’s organisations. Newest fiscal year first, then the highest version, ties by id; `organizationId` narrows to that organisation and those below it (`only=organization`: to it alone); `limit` rows (default 100, at most 500) after `cursor`; `nextCursor` reads the next page and is null on the last.',
      request: {
        query: z.object({
          organizationId: z.uuid().optional(),
          fiscalYear: z.coerce.number().int().min(2500).max(2700).optional(),
          only: z.enum(['subtree', 'organization']).default('subtree'),
          ...listPageQuery,
        }),
      },
      responses: { 200: jsonResponse(planPageSchema, 'A page of plans'), ...errorResponses },
    }),
    async (c) => c.json(await listPlans(c.get('readDb'), requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      summary: 'Start a plan: blank, from an analysis (findings become issues) or from last year’s plan',
      description: 'Requires: secretariat or admin on the organisation.',
      request: jsonBody(createPlanSchema),
      responses: { 201: one, ...errorResponses },
    }),
    async (c) => c.json(await createPlan(c.get('db'), requireActor(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/inbox',
      tags,
      summary: 'The caller’s units’ measures in circulated plans, with their acknowledgement',
      description: 'Requires: signed in; shows only units the caller holds a role on.',
      responses: { 200: jsonResponse(z.array(inboxItemSchema), 'Inbox'), ...errorResponses },
    }),
    async (c) => c.json(await inbox(c.get('db'), requireActor(c)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/audience',
      tags,
      summary: 'Who the plan’s next steps reach: its approvers, and its units with their reporters',
      description:
        'Requires: read access to the plan. For the confirmations of submit (who will be asked to approve) and circulate (which units will be told, and which have no reporter to tell).',
      request: { params: idParam },
      responses: { 200: jsonResponse(audienceSchema, 'Approvers and units'), ...errorResponses },
    }),
    async (c) => c.json(await planAudience(c.get('db'), requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags,
      summary: 'One plan version with its content, completeness check, approval and circulation state',
      description: 'Requires: read access to the plan (see list).',
      request: { params: idParam },
      responses: { 200: one, ...errorResponses },
    }),
    async (c) => c.json(await getPlan(c.get('db'), requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/{id}',
      tags,
      summary:
        'Save the whole plan content against the version read (409 stale_version if someone saved since)',
      description:
        'Requires: secretariat or admin on the organisation; the plan must be a draft or returned.',
      request: { params: idParam, ...jsonBody(savePlanSchema) },
      responses: { 200: one, ...errorResponses },
    }),
    async (c) =>
      c.json(await savePlan(c.get('db'), requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/submit',
      tags,
      summary:
        'Submit for approval; refused while the completeness check fails, unless an admin gives a reason',
      description: 'Requires: secretariat or admin on the organisation (admin for an override).',
      request: { params: idParam, ...jsonBody(submitPlanSchema) },
      responses: { 200: one, ...errorResponses },
    }),
    async (c) =>
      c.json(
        await submitPlan(c.get('db'), requireActor(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/decision',
      tags,
      summary: 'Approve (with memo number and date) or return (with a comment) a submitted plan',
      description: 'Requires: executive of the organisation.',
      request: { params: idParam, ...jsonBody(decidePlanSchema) },
      responses: { 200: one, ...errorResponses },
    }),
    async (c) =>
      c.json(
        await decidePlan(c.get('db'), requireActor(c), c.req.valid('param').id, c.req.valid('json'), {
          signedInWith: c.get('session')!.signedInWith,
        }),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/circulate',
      tags,
      summary: 'Circulate an approved plan to its responsible units',
      description: 'Requires: secretariat or admin on the organisation.',
      request: { params: idParam, ...jsonBody(rowVersionSchema) },
      responses: { 200: one, ...errorResponses },
    }),
    async (c) =>
      c.json(
        await circulatePlan(c.get('db'), requireActor(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/versions',
      tags,
      summary: 'Start a new draft version from an approved plan (the approved one stays unchanged)',
      description: 'Requires: secretariat or admin on the organisation.',
      request: { params: idParam },
      responses: { 201: one, ...errorResponses },
    }),
    async (c) => c.json(await startNewVersion(c.get('db'), requireActor(c), c.req.valid('param').id), 201),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/acknowledgements/{unitId}',
      tags,
      summary: 'Acknowledge receipt (รับทราบ) of a circulated plan for one’s own unit',
      description: 'Requires: a role held on that unit itself.',
      request: { params: z.object({ id: z.uuid(), unitId: z.uuid() }) },
      responses: { 200: one, ...errorResponses },
    }),
    async (c) => {
      const { id, unitId } = c.req.valid('param');
      return c.json(await acknowledgePlan(c.get('db'), requireActor(c), id, unitId), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/suggestions',
      tags,
      summary: 'Library measures suggested for each issue of the plan, ready to copy in',
      description: 'Requires: read access to the plan.',
      request: { params: idParam },
      responses: { 200: jsonResponse(planSuggestionsSchema, 'Suggestions per issue'), ...errorResponses },
    }),
    async (c) => c.json(await planSuggestions(c.get('db'), requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/diff/{otherId}',
      tags,
      summary: 'What changed from another version of the same plan to this one',
      description: 'Requires: read access to both versions.',
      request: { params: z.object({ id: z.uuid(), otherId: z.uuid() }) },
      responses: { 200: jsonResponse(planDiffSchema, 'Changes'), ...errorResponses },
    }),
    async (c) => {
      const { id, otherId } = c.req.valid('param');
      return c.json(await diffVersions(c.get('db'), requireActor(c), id, otherId), 200);
    },
  );
