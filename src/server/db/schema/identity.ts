import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';
import { users } from './users.ts';

/**
 * An OpenID Connect provider people may sign in with (ThaID, an agency's Entra/Google/Keycloak), added by a
 * deployment administrator (decision 025). The client secret is sealed (SecretBox, purpose
 * `identity-provider:<id>:client-secret`) and never returned.
 */
export const identityProviders = pgTable('identity_providers', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Shown on the sign-in button and recorded with the session (e.g. ThaID, บัญชีกระทรวง). */
  name: text('name').notNull(),
  /** 'thaid' | 'oidc': decides how claims are read (ThaID's citizen ID). */
  kind: text('kind').notNull(),
  issuer: text('issuer').notNull(),
  clientId: text('client_id').notNull(),
  clientSecretSealed: text('client_secret_sealed'),
  /** Space-separated, always with openid. */
  scopes: text('scopes').notNull(),
  /** 'create' (an account with no role) | 'match_email' (only accounts already created, by verified e-mail). */
  firstSignIn: text('first_sign_in').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The organisations a provider serves: its users belong there (their admins see its new accounts). */
export const identityProviderOrganizations = pgTable(
  'identity_provider_organizations',
  {
    providerId: uuid('provider_id')
      .notNull()
      .references(() => identityProviders.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
  },
  (t) => [
    primaryKey({ columns: [t.providerId, t.organizationId] }),
    index('identity_provider_organizations_org_idx').on(t.organizationId),
  ],
);

/** An account's identity at a provider: (provider, sub) signs that account in. */
export const userIdentities = pgTable(
  'user_identities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => identityProviders.id, { onDelete: 'cascade' }),
    subject: text('subject').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('user_identities_provider_subject_unique').on(t.providerId, t.subject),
    index('user_identities_user_idx').on(t.userId),
  ],
);

/**
 * The citizen ID of an account (ThaID's `pid`) only as HMAC-SHA256 under the deployment's salt: enough to
 * match a ThaID sign-in to an account, never the ID itself (PDPA).
 */
export const userCitizenIds = pgTable(
  'user_citizen_ids',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id),
    citizenIdHmac: text('citizen_id_hmac').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('user_citizen_ids_hmac_unique').on(t.citizenIdHmac)],
);

/**
 * Sign-ins sent to a provider and not yet back: looked up by the SHA-256 of `state`, taken once (deleted
 * when used), ~10 minutes. In the database so that the callback may reach another process.
 */
export const oidcPendingSignIns = pgTable(
  'oidc_pending_sign_ins',
  {
    stateHash: text('state_hash').primaryKey(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => identityProviders.id, { onDelete: 'cascade' }),
    /** The PKCE verifier, sealed (purpose `oidc-pending:<state hash>`). */
    codeVerifierSealed: text('code_verifier_sealed').notNull(),
    nonce: text('nonce').notNull(),
    returnTo: text('return_to').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('oidc_pending_sign_ins_expires_idx').on(t.expiresAt)],
);

/** One row ('deployment'): the salt citizen IDs are hashed under, sealed (purpose `identity:citizen-id-salt`). */
export const identitySettings = pgTable('identity_settings', {
  id: text('id').primaryKey().default(sql`'deployment'`),
  citizenIdSaltSealed: text('citizen_id_salt_sealed').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
