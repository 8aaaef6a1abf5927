export type FirstSignInPolicy = 'create' | 'match_email';
export const firstSignInPolicies = ['create', 'match_email'] as const;

/** What is known of a sign-in's person before anything is written. */
export type MatchFacts = {
  policy: FirstSignInPolicy;
  /** The account already linked to (provider, sub). */
  linkedUserId: string | null;
  /** ThaID: the account whose stored citizen-ID hash equals this person's. */
  citizenIdUserId: string | null;
  /** The active account with this verified e-mail (case-insensitive), if any. */
  emailUserId: string | null;
  /** Whether the provider gave a verified e-mail at all. */
  hasVerifiedEmail: boolean;
};

export type MatchDecision =
  | { kind: 'linked'; userId: string }
  | { kind: 'link'; userId: string; by: 'citizen_id' | 'email' }
  | { kind: 'create' }
  | { kind: 'refuse'; reason: 'no_account' | 'no_verified_email' };

/**
 * Which account a sign-in opens: the one linked to (provider, sub); else, for ThaID, the one with the
 * same citizen ID; else the one with the same verified e-mail; else a new account (policy `create`) or
 * a refusal (policy `match_email`).
 */
export function decideMatch(facts: MatchFacts): MatchDecision {
  if (facts.linkedUserId) return { kind: 'linked', userId: facts.linkedUserId };
  if (facts.citizenIdUserId) return { kind: 'link', userId: facts.citizenIdUserId, by: 'citizen_id' };
  if (facts.emailUserId) return { kind: 'link', userId: facts.emailUserId, by: 'email' };
  if (facts.policy === 'create') return { kind: 'create' };
  return { kind: 'refuse', reason: facts.hasVerifiedEmail ? 'no_account' : 'no_verified_email' };
}
