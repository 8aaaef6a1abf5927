import { z } from 'zod';

/** An electronic signature as the app shows it (decision 024). */
export const signatureSchema = z.object({
  id: z.uuid(),
  /** `XXXXX-XXXXX` */
  code: z.string(),
  action: z.enum(['plan.approve', 'round.acknowledge']),
  subjectType: z.enum(['plan', 'round']),
  subjectId: z.uuid(),
  signerName: z.string(),
  signerPosition: z.string(),
  signedAt: z.string(),
  verifiedBy: z.enum(['password', 'oidc']),
  /** The identity provider's name (ThaID, the agency's) when verifiedBy is oidc. */
  identityProvider: z.string().nullable(),
  /** SHA-256 (hex) of the canonical form of the signed version. */
  contentSha256: z.string(),
  canonicalForm: z.string(),
  revocation: z.object({ revokedAt: z.string(), revokedByName: z.string(), reason: z.string() }).nullable(),
  /** Whether the caller may revoke it (its signer, or an admin of the organisation). */
  canRevoke: z.boolean(),
  /** The public verification page of this signature (a path on this server). */
  verifyPath: z.string(),
});
export type Signature = z.infer<typeof signatureSchema>;

export const revokeSignatureSchema = z.object({
  /** Why, in Thai (shown on the public verification page). */
  reason: z.string().trim().min(5).max(1000),
});

export const suggestedPositionSchema = z.object({ position: z.string() });

/** Which subject's signatures: a plan version (planId) or a round (roundId), exactly one. */
export const signatureSubjectQuery = z.object({
  planId: z.uuid().optional(),
  roundId: z.uuid().optional(),
});

/** The executive's acknowledgement (รับทราบ) of a closed round's report, signed electronically. */
export const acknowledgeRoundSchema = z.object({
  /** The position printed with the signature; absent: the one offered (see suggested-position). */
  signerPosition: z.string().trim().max(300).optional(),
});
