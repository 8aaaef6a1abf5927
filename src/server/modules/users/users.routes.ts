import { createRoute, z } from '@hono/zod-openapi';
import {
  changePasswordSchema,
  createUserSchema,
  grantRoleSchema,
  updateUserSchema,
  userPageSchema,
  userSchema,
} from '#shared/users/contract.ts';
import { listPageQuery } from '../../http/list-cursor.ts';
import { errorResponses, jsonBody, jsonResponse, newRouter, requireActor } from '../../http/router.ts';
import {
  changePassword,
  createUser,
  getUser,
  grantRole,
  listUsers,
  revokeRole,
  updateUser,
} from './users.service.ts';

const idParam = z.object({ id: z.uuid() });
const tags = ['users'];
const one = jsonResponse(userSchema, 'The user with their roles');

export const userRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'Users holding roles in the organisations the caller administers, by name, a page at a time',
      description:
        'Requires: admin on any organisation (a deployment admin sees every user). By name (Thai names by consonant first), ties by id; `limit` users (default 100, at most 500) after `cursor`; `nextCursor` reads the next page and is null on the last.',
      request: { query: z.object(listPageQuery) },
      responses: { 200: jsonResponse(userPageSchema, 'A page of users'), ...errorResponses },
    }),
    async (c) => c.json(await listUsers(c.get('readDb'), requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags,
      summary: 'One user',
      description: 'Requires: the user themself, or admin on an organisation the user holds a role on.',
      request: { params: idParam },
      responses: { 200: one, ...errorResponses },
    }),
    async (c) => c.json(await getUser(c.get('db'), requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      summary: 'Create a user with a first role',
      description: 'Requires: admin on the organisation of the first role.',
      request: jsonBody(createUserSchema),
      responses: { 201: one, ...errorResponses },
    }),
    async (c) => c.json(await createUser(c.get('db'), requireActor(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      tags,
      summary: 'Change a user’s name, language or active state',
      description: 'Requires: the user themself (name, language), or an admin managing them.',
      request: { params: idParam, ...jsonBody(updateUserSchema) },
      responses: { 200: one, ...errorResponses },
    }),
    async (c) =>
      c.json(
        await updateUser(c.get('db'), requireActor(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/password',
      tags,
      summary: 'Change one’s password, or reset another user’s',
      description: 'Requires: the user themself (with the current password), or an admin managing them.',
      request: { params: idParam, ...jsonBody(changePasswordSchema) },
      responses: { 204: { description: 'Changed' }, ...errorResponses },
    }),
    async (c) => {
      await changePassword(c.get('db'), requireActor(c), c.req.valid('param').id, c.req.valid('json'));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/roles',
      tags,
      summary: 'Grant a role on an organisation',
      description: 'Requires: admin on that organisation (deployment-wide admin for a deployment-wide role).',
      request: { params: idParam, ...jsonBody(grantRoleSchema) },
      responses: { 201: one, ...errorResponses },
    }),
    async (c) =>
      c.json(
        await grantRole(c.get('db'), requireActor(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{id}/roles/{assignmentId}',
      tags,
      summary: 'Revoke a role',
      description: 'Requires: admin on the organisation the role is held on.',
      request: { params: z.object({ id: z.uuid(), assignmentId: z.uuid() }) },
      responses: { 200: one, ...errorResponses },
    }),
    async (c) => {
      const { id, assignmentId } = c.req.valid('param');
      return c.json(await revokeRole(c.get('db'), requireActor(c), id, assignmentId), 200);
    },
  );
