import { createRoute, z } from '@hono/zod-openapi';
import {
  revokeSignatureSchema,
  type Signature,
  signatureSchema,
  suggestedPositionSchema,
} from '#shared/signatures/contract.ts';
import type { Db } from '../../db/client.ts';
import { type Actor, hasRoleOn } from '../../http/actor.ts';
import { errorResponses, jsonBody, jsonResponse, newRouter, requireActor } from '../../http/router.ts';
import { readablePlan } from '../plans/plans.service.ts';
import { formatCode } from './rules/code.ts';
import {
  type RevocationRow,
  revokeSignature,
  type SignatureRow,
  signaturesOf,
  suggestedPosition,
} from './signatures.service.ts';
import { VERIFY_PATH } from './verify-page.ts';

const tags = ['signatures'];

function toSignature(s: SignatureRow, r: RevocationRow | null, actor: Actor, orgPath: string): Signature {
  return {
    id: s.id,
    code: formatCode(s.code),
    action: s.action === 'round.acknowledge' ? 'round.acknowledge' : 'plan.approve',
    subjectType: s.subjectType === 'round' ? 'round' : 'plan',
    subjectId: s.subjectId,
    signerName: s.signerName,
    signerPosition: s.signerPosition,
    signedAt: s.signedAt.toISOString(),
    verifiedBy: s.verifiedBy === 'oidc' ? 'oidc' : 'password',
    identityProvider: s.identityProvider,
    contentSha256: s.contentSha256,
    canonicalForm: s.canonicalForm,
    revocation: r
      ? { revokedAt: r.revokedAt.toISOString(), revokedByName: r.revokedByName, reason: r.reason }
      : null,
    canRevoke: !r && (s.signerUserId === actor.userId || hasRoleOn(actor, ['admin'], orgPath)),
    verifyPath: `${VERIFY_PATH}/${formatCode(s.code)}`,
  };
}

async function planSignatures(db: Db, actor: Actor, planId: string) {
  const { org } = await readablePlan(db, actor, planId);
  const rows = await signaturesOf(db, 'plan', planId);
  return rows.map((r) => toSignature(r.signature, r.revocation, actor, org.path));
}

export const signatureRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'The electronic signatures of a plan version, newest first (revoked ones included)',
      description: 'Requires: read access to the plan.',
      request: { query: z.object({ planId: z.uuid() }) },
      responses: { 200: jsonResponse(z.array(signatureSchema), 'Signatures'), ...errorResponses },
    }),
    async (c) => c.json(await planSignatures(c.get('db'), requireActor(c), c.req.valid('query').planId), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/suggested-position',
      tags,
      summary:
        'The position to offer the approver: the one stated at their last signature, else the profile head’s',
      description: 'Requires: read access to the plan.',
      request: { query: z.object({ planId: z.uuid() }) },
      responses: { 200: jsonResponse(suggestedPositionSchema, 'Position'), ...errorResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { row } = await readablePlan(c.get('db'), actor, c.req.valid('query').planId);
      return c.json({ position: await suggestedPosition(c.get('db'), actor, row.organizationId) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/revocation',
      tags,
      summary: 'Revoke an electronic signature, with a reason (it stays, shown as revoked)',
      description: 'Requires: the signer, or an admin of the organisation.',
      request: { params: z.object({ id: z.uuid() }), ...jsonBody(revokeSignatureSchema) },
      responses: { 200: jsonResponse(signatureSchema, 'The revoked signature'), ...errorResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { signature } = await revokeSignature(
        c.get('db'),
        actor,
        c.req.valid('param').id,
        c.req.valid('json').reason,
      );
      const list =
        signature.subjectType === 'plan' ? await planSignatures(c.get('db'), actor, signature.subjectId) : [];
      return c.json(list.find((s) => s.id === signature.id)!, 200);
    },
  );
