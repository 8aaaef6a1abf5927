import { createRoute, z } from '@hono/zod-openapi';
import {
  acknowledgeRoundSchema,
  revokeSignatureSchema,
  type Signature,
  signatureSchema,
  signatureSubjectQuery,
  suggestedPositionSchema,
} from '#shared/signatures/contract.ts';
import type { Db } from '../../db/client.ts';
import { type Actor, hasRoleOn } from '../../http/actor.ts';
import { fail } from '../../http/app-error.ts';
import { errorResponses, jsonBody, jsonResponse, newRouter, requireActor } from '../../http/router.ts';
import { readablePlan } from '../plans/plans.service.ts';
import { progressPolicy } from '../progress/progress.policy.ts';
import { roundWithPlan } from '../progress/rounds.service.ts';
import { formatCode } from './rules/code.ts';
import {
  acknowledgeRound,
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

/** The subject, with the reader's permission checked: its organisation (path, id). */
async function readableSubject(db: Db, actor: Actor, subjectType: 'plan' | 'round', id: string) {
  if (subjectType === 'plan') {
    const { org } = await readablePlan(db, actor, id);
    return org;
  }
  const { org } = await roundWithPlan(db, id);
  if (!progressPolicy.read(actor, org.path)) throw fail.forbidden();
  return org;
}

async function subjectSignatures(db: Db, actor: Actor, subjectType: 'plan' | 'round', id: string) {
  const org = await readableSubject(db, actor, subjectType, id);
  const rows = await signaturesOf(db, subjectType, id);
  return rows.map((r) => toSignature(r.signature, r.revocation, actor, org.path));
}

function subjectOf(q: {
  planId?: string | undefined;
  roundId?: string | undefined;
}): ['plan' | 'round', string] {
  if (q.planId && !q.roundId) return ['plan', q.planId];
  if (q.roundId && !q.planId) return ['round', q.roundId];
  throw fail.badRequest(
    'ระบุแผน (planId) หรือรอบการรายงาน (roundId) อย่างใดอย่างหนึ่ง',
    'Give either a plan (planId) or a round (roundId)',
    [{ path: 'planId', message_th: 'ระบุอย่างใดอย่างหนึ่ง', message_en: 'exactly one of planId, roundId' }],
  );
}

export const signatureRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary:
        'The electronic signatures of a plan version (planId) or a round report (roundId), newest first (revoked ones included)',
      description: 'Requires: read access to the plan or the round.',
      request: { query: signatureSubjectQuery },
      responses: { 200: jsonResponse(z.array(signatureSchema), 'Signatures'), ...errorResponses },
    }),
    async (c) =>
      c.json(await subjectSignatures(c.get('db'), requireActor(c), ...subjectOf(c.req.valid('query'))), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/suggested-position',
      tags,
      summary:
        'The position to offer the signer: the one stated at their last signature, else the profile head’s',
      description: 'Requires: read access to the plan or the round.',
      request: { query: signatureSubjectQuery },
      responses: { 200: jsonResponse(suggestedPositionSchema, 'Position'), ...errorResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      const org = await readableSubject(c.get('db'), actor, ...subjectOf(c.req.valid('query')));
      return c.json({ position: await suggestedPosition(c.get('db'), actor, org.id) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/rounds/{roundId}/acknowledgement',
      tags,
      summary: 'Acknowledge (รับทราบ) a closed round’s follow-up report, signed electronically',
      description:
        'Requires: executive of the organisation; the round closed. Records a signature of the report as it stands (SHA-256 of round-report/1); the same content twice is refused (409).',
      request: { params: z.object({ roundId: z.uuid() }), ...jsonBody(acknowledgeRoundSchema) },
      responses: { 201: jsonResponse(signatureSchema, 'The signature'), ...errorResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { roundId } = c.req.valid('param');
      const row = await acknowledgeRound(c.get('db'), actor, roundId, {
        signedInWith: c.get('session')!.signedInWith,
        position: c.req.valid('json').signerPosition,
      });
      const list = await subjectSignatures(c.get('db'), actor, 'round', roundId);
      return c.json(list.find((s) => s.id === row.id)!, 201);
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
      const subjectType = signature.subjectType === 'round' ? 'round' : 'plan';
      const list = await subjectSignatures(c.get('db'), actor, subjectType, signature.subjectId);
      return c.json(list.find((s) => s.id === signature.id)!, 200);
    },
  );
