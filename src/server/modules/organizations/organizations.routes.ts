import { createRoute, z } from '@hono/zod-openapi';
import {
  createOrganizationSchema,
  moveOrganizationSchema,
  organizationSchema,
  updateOrganizationSchema,
  versionOnlySchema,
} from '#shared/organizations/contract.ts';
import { errorResponses, jsonBody, jsonResponse, newRouter, requireActor } from '../../http/router.ts';
import {
  createOrganization,
  getOrganization,
  listOrganizations,
  moveOrganization,
  setOrganizationActive,
  updateOrganization,
} from './organizations.service.ts';

const idParam = z.object({ id: z.uuid() });
const tags = ['organizations'];
const one = jsonResponse(organizationSchema, 'The organisation');

export const organizationRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'Organisations the caller holds any role on (with their subtrees), in tree order',
      description: 'Requires: any role. Lists only what the caller’s roles cover.',
      responses: { 200: jsonResponse(z.array(organizationSchema), 'Organisations'), ...errorResponses },
    }),
    async (c) => c.json(await listOrganizations(c.get('db'), requireActor(c)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags,
      summary: 'One organisation',
      description: 'Requires: any role on the organisation.',
      request: { params: idParam },
      responses: { 200: one, ...errorResponses },
    }),
    async (c) => c.json(await getOrganization(c.get('db'), requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      summary: 'Create an organisation',
      description: 'Requires: admin on the parent; a top-level organisation needs a deployment-wide admin.',
      request: jsonBody(createOrganizationSchema),
      responses: { 201: one, ...errorResponses },
    }),
    async (c) => c.json(await createOrganization(c.get('db'), requireActor(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      tags,
      summary: 'Rename or recode an organisation',
      description: 'Requires: admin on the organisation. Send the version you read.',
      request: { params: idParam, ...jsonBody(updateOrganizationSchema) },
      responses: { 200: one, ...errorResponses },
    }),
    async (c) =>
      c.json(
        await updateOrganization(c.get('db'), requireActor(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/move',
      tags,
      summary: 'Move an organisation (with its subtree) under another parent',
      description: 'Requires: admin on the organisation and on the new parent.',
      request: { params: idParam, ...jsonBody(moveOrganizationSchema) },
      responses: { 200: one, ...errorResponses },
    }),
    async (c) =>
      c.json(
        await moveOrganization(c.get('db'), requireActor(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/deactivate',
      tags,
      summary: 'Deactivate an organisation and its subtree (never deleted)',
      description: 'Requires: admin on the organisation.',
      request: { params: idParam, ...jsonBody(versionOnlySchema) },
      responses: { 200: one, ...errorResponses },
    }),
    async (c) => {
      const { version } = c.req.valid('json');
      const id = c.req.valid('param').id;
      return c.json(
        await setOrganizationActive(c.get('db'), requireActor(c), id, { version, active: false }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/reactivate',
      tags,
      summary: 'Reactivate an organisation',
      description: 'Requires: admin on the organisation; its parent must be active.',
      request: { params: idParam, ...jsonBody(versionOnlySchema) },
      responses: { 200: one, ...errorResponses },
    }),
    async (c) => {
      const { version } = c.req.valid('json');
      const id = c.req.valid('param').id;
      return c.json(
        await setOrganizationActive(c.get('db'), requireActor(c), id, { version, active: true }),
        200,
      );
    },
  );
