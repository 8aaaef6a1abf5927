import { z } from 'zod';

export const providerKindSchema = z.enum(['thaid', 'oidc']);
/** create: a first sign-in makes an account with no role; match_email: only an account made beforehand, by verified e-mail. */
export const firstSignInSchema = z.enum(['create', 'match_email']);

const scopesSchema = z
  .string()
  .trim()
  .max(500)
  .regex(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, 'scopes separated by single spaces');

export const identityProviderSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: providerKindSchema,
  issuer: z.string(),
  clientId: z.string(),
  /** Whether a client secret is stored; the secret itself is never returned. */
  hasClientSecret: z.boolean(),
  scopes: z.string(),
  firstSignIn: firstSignInSchema,
  enabled: z.boolean(),
  organizations: z.array(z.object({ id: z.uuid(), nameTh: z.string() })),
  /** Accounts that have signed in through it. */
  accounts: z.number().int(),
  version: z.number().int(),
});

export const identityProviderListSchema = z.object({
  items: z.array(identityProviderSchema),
  /** The address to register at the provider as the redirect URI. */
  redirectUri: z.string(),
});

export const createIdentityProviderSchema = z.object({
  name: z.string().trim().min(1).max(100),
  kind: providerKindSchema,
  issuer: z.url({ protocol: /^https?$/ }).max(500),
  clientId: z.string().trim().min(1).max(300),
  clientSecret: z.string().min(1).max(2000).optional(),
  /** Default per kind: ThaID `openid pid name`, others `openid email profile`; openid is always added. */
  scopes: scopesSchema.optional(),
  firstSignIn: firstSignInSchema,
  organizationIds: z.array(z.uuid()).min(1).max(200),
  enabled: z.boolean().default(true),
});

export const updateIdentityProviderSchema = z.object({
  version: z.number().int().positive(),
  name: z.string().trim().min(1).max(100).optional(),
  issuer: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .optional(),
  clientId: z.string().trim().min(1).max(300).optional(),
  /** Given: replaces the stored secret; absent: the stored one is kept. */
  clientSecret: z.string().min(1).max(2000).optional(),
  scopes: scopesSchema.optional(),
  firstSignIn: firstSignInSchema.optional(),
  organizationIds: z.array(z.uuid()).min(1).max(200).optional(),
  enabled: z.boolean().optional(),
});

/** What the sign-in page shows: a button per enabled provider. */
export const signInProviderSchema = z.object({ id: z.uuid(), name: z.string(), kind: providerKindSchema });
export const signInProviderListSchema = z.object({ items: z.array(signInProviderSchema) });

/** An admin records a person's citizen ID so that their first ThaID sign-in finds their account; only its hash is kept. */
export const setCitizenIdSchema = z.object({ citizenId: z.string().trim().max(20) });

export type IdentityProvider = z.infer<typeof identityProviderSchema>;
export type CreateIdentityProvider = z.infer<typeof createIdentityProviderSchema>;
export type UpdateIdentityProvider = z.infer<typeof updateIdentityProviderSchema>;
export type SignInProvider = z.infer<typeof signInProviderSchema>;

/** The codes the sign-in page may be sent back with (`/sign-in?oidc_error=`), each with its message. */
export const oidcErrorCodes = [
  'unknown_state',
  'provider_denied',
  'provider_error',
  'wrong_nonce',
  'wrong_audience',
  'wrong_issuer',
  'token_expired',
  'invalid_token',
  'provider_unknown',
  'provider_disabled',
  'provider_unreachable',
  'no_account',
  'no_verified_email',
  'no_citizen_id',
  'account_inactive',
] as const;
export type OidcErrorCode = (typeof oidcErrorCodes)[number];
