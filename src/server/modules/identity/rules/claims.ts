import { z } from 'zod';

export const providerKinds = ['thaid', 'oidc'] as const;
export type ProviderKind = (typeof providerKinds)[number];

/** The identity an ID token (and user info) speaks of, read the way the provider's kind says. */
export type MappedIdentity = {
  subject: string;
  /** Only when the provider says the address is verified (`email_verified: true`); lower case. */
  verifiedEmail: string | null;
  /** ThaID only: the 13-digit citizen ID (`pid`), to be hashed at once and never kept or shown. */
  citizenId: string | null;
  /** For a new account's name: `name`, else given + family name, else null. */
  displayName: string | null;
};

/** ThaID's claim that carries the citizen ID. */
export const THAID_CITIZEN_ID_CLAIM = 'pid';

/** The scopes asked for when the administrator gives none. */
export const DEFAULT_SCOPES: Record<ProviderKind, string> = {
  thaid: 'openid pid name',
  oidc: 'openid email profile',
};

const emailSchema = z.email();

/** A Thai citizen ID: 13 digits whose last is the check digit (mod 11). */
export function isThaiCitizenId(value: string): boolean {
  if (!/^\d{13}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(value[i]) * (13 - i);
  return (11 - (sum % 11)) % 10 === Number(value[12]);
}

export function mapClaims(kind: ProviderKind, claims: Record<string, unknown>): MappedIdentity {
  const subject = typeof claims.sub === 'string' ? claims.sub : '';
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  const verifiedEmail = claims.email_verified === true && emailSchema.safeParse(email).success ? email : null;
  const rawPid = claims[THAID_CITIZEN_ID_CLAIM];
  const pid = typeof rawPid === 'string' ? rawPid.replace(/[\s-]/g, '') : '';
  const citizenId = kind === 'thaid' && isThaiCitizenId(pid) ? pid : null;
  const given = typeof claims.given_name === 'string' ? claims.given_name.trim() : '';
  const family = typeof claims.family_name === 'string' ? claims.family_name.trim() : '';
  const name = typeof claims.name === 'string' ? claims.name.trim() : '';
  const displayName = name || [given, family].filter(Boolean).join(' ') || null;
  return { subject, verifiedEmail, citizenId, displayName };
}

/** Claims still missing from the ID token that user info may give (then it is asked). */
export function wantsUserInfo(kind: ProviderKind, identity: MappedIdentity): boolean {
  return kind === 'thaid' ? identity.citizenId === null : identity.verifiedEmail === null;
}
