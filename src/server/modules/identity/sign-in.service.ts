import { createHash } from 'node:crypto';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import * as oidc from 'openid-client';
import type { Db } from '../../db/client.ts';
import {
  identityProviderOrganizations,
  identityProviders,
  oidcPendingSignIns,
  userCitizenIds,
  userIdentities,
  users,
} from '../../db/schema/index.ts';
import type { SecretBox } from '../../secrets/secret-box.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { createSession } from '../auth/sessions.ts';
import { citizenIdHmac, userIdByCitizenId } from './citizen-id.ts';
import { clientConfiguration, DiscoveryError, type IdentityDeps } from './oidc-client.ts';
import { type MappedIdentity, mapClaims, type ProviderKind, wantsUserInfo } from './rules/claims.ts';
import { decideMatch } from './rules/match.ts';
import { safeReturnPath } from './rules/return-path.ts';
import { OidcSignInError, oidcFailure } from './sign-in-errors.ts';

/** A sign-in sent to a provider must come back within this many minutes. */
export const PENDING_SIGN_IN_MINUTES = 10;
export const CALLBACK_PATH = '/api/auth/oidc/callback';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const verifierPurpose = (stateHash: string) => `oidc-pending:${stateHash}`;

type ProviderRow = typeof identityProviders.$inferSelect;
const kindOf = (row: ProviderRow): ProviderKind => (row.kind === 'thaid' ? 'thaid' : 'oidc');

/** The redirect URI registered at every provider: PUBLIC_URL's origin (else this request's) + the callback path. */
export function redirectUriFor(publicUrl: string | undefined, requestUrl: string): string {
  return new URL(CALLBACK_PATH, publicUrl ?? new URL(requestUrl).origin).href;
}

async function providerFor(db: Db, id: string) {
  const [row] = await db.select().from(identityProviders).where(eq(identityProviders.id, id));
  if (!row) throw oidcFailure.unknownProvider();
  if (!row.enabled) throw oidcFailure.disabled(row.name);
  return row;
}

async function configurationFor(row: ProviderRow, box: SecretBox, deps: IdentityDeps) {
  try {
    return await clientConfiguration(row, box, deps);
  } catch (error) {
    if (error instanceof DiscoveryError) throw oidcFailure.unreachable(row.name, error.address);
    throw error;
  }
}

/**
 * Starts a sign-in: a fresh state, nonce and PKCE verifier are kept server-side (the state only as its
 * hash, the verifier sealed) for ten minutes, and the browser is sent to the provider.
 */
export async function startOidcSignIn(
  db: Db,
  box: SecretBox,
  deps: IdentityDeps,
  input: { providerId: string; returnTo: string | undefined; redirectUri: string },
): Promise<URL> {
  const provider = await providerFor(db, input.providerId);
  const config = await configurationFor(provider, box, deps);
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const verifier = oidc.randomPKCECodeVerifier();
  const stateHash = sha256(state);
  const now = new Date();
  await db.delete(oidcPendingSignIns).where(lt(oidcPendingSignIns.expiresAt, now));
  await db.insert(oidcPendingSignIns).values({
    stateHash,
    providerId: provider.id,
    codeVerifierSealed: box.seal(verifier, verifierPurpose(stateHash)),
    nonce,
    returnTo: safeReturnPath(input.returnTo),
    expiresAt: new Date(now.getTime() + PENDING_SIGN_IN_MINUTES * 60_000),
  });
  return oidc.buildAuthorizationUrl(config, {
    redirect_uri: input.redirectUri,
    scope: provider.scopes,
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
}

/** The library's refusal of a response, as the failure the person is shown. */
function failureOf(error: unknown, provider: ProviderRow): OidcSignInError {
  if (error instanceof OidcSignInError) return error;
  if (error instanceof oidc.AuthorizationResponseError) {
    return error.error === 'access_denied'
      ? oidcFailure.denied(provider.name)
      : oidcFailure.providerError(provider.name, error.error);
  }
  const code = (error as { code?: unknown }).code;
  // openid-client wraps the check's own error (its cause names the claim that failed).
  type Cause = { claim?: unknown; cause?: Cause };
  const cause = (error as { cause?: Cause }).cause;
  const named = cause?.claim ?? cause?.cause?.claim;
  const claim = typeof named === 'string' ? named : undefined;
  if (code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' || code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED') {
    if (claim === 'nonce') return oidcFailure.token('wrong_nonce', provider.name);
    if (claim === 'aud' || claim === 'azp') return oidcFailure.token('wrong_audience', provider.name);
    if (claim === 'iss') return oidcFailure.token('wrong_issuer', provider.name);
    if (claim === 'exp') return oidcFailure.token('token_expired', provider.name);
    return oidcFailure.token('invalid_token', provider.name);
  }
  if (error instanceof oidc.ResponseBodyError) {
    return oidcFailure.providerError(provider.name, error.error);
  }
  if (
    code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' ||
    code === 'OAUTH_RESPONSE_IS_NOT_JSON' ||
    error instanceof DiscoveryError ||
    (error instanceof TypeError && /fetch failed/i.test(error.message)) ||
    (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
  ) {
    return oidcFailure.unreachable(provider.name, provider.issuer);
  }
  return oidcFailure.token('invalid_token', provider.name);
}

/** ID token claims, completed from user info when the claim this kind needs is not in the ID token. */
async function identityFrom(
  config: oidc.Configuration,
  tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>,
  kind: ProviderKind,
): Promise<MappedIdentity> {
  const claims = tokens.claims();
  if (!claims) return oidcFailure.token('invalid_token', '') as never;
  let identity = mapClaims(kind, claims as Record<string, unknown>);
  if (wantsUserInfo(kind, identity) && config.serverMetadata().userinfo_endpoint) {
    const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
    const fromInfo = mapClaims(kind, { ...info, sub: claims.sub } as Record<string, unknown>);
    identity = {
      subject: identity.subject,
      verifiedEmail: identity.verifiedEmail ?? fromInfo.verifiedEmail,
      citizenId: identity.citizenId ?? fromInfo.citizenId,
      displayName: identity.displayName ?? fromInfo.displayName,
    };
  }
  return identity;
}

/** The e-mail a new account gets when the provider gives none (ThaID): a reserved address, unique per person. */
const placeholderEmail = (providerId: string, subject: string) =>
  `${providerId.slice(0, 8)}.${sha256(subject).slice(0, 20)}@identity.invalid`;

/**
 * Finishes a sign-in at the callback: the pending sign-in is taken by its state (once), the code is
 * exchanged with the PKCE verifier and the ID token checked by the library (signature, issuer, audience,
 * expiry, nonce), then the account is found or made and a session opened. Any failure throws an
 * OidcSignInError before anything is written (the pending row is spent either way).
 */
export async function completeOidcSignIn(
  db: Db,
  box: SecretBox,
  deps: IdentityDeps,
  input: { callbackUrl: URL; redirectUri: string; ip: string; userAgent: string | null },
): Promise<{ token: string; returnTo: string }> {
  const state = input.callbackUrl.searchParams.get('state');
  if (!state) throw oidcFailure.unknownState();
  const stateHash = sha256(state);
  const [pending] = await db
    .delete(oidcPendingSignIns)
    .where(and(eq(oidcPendingSignIns.stateHash, stateHash), gt(oidcPendingSignIns.expiresAt, new Date())))
    .returning();
  if (!pending) throw oidcFailure.unknownState();
  const provider = await providerFor(db, pending.providerId);
  const kind = kindOf(provider);
  const config = await configurationFor(provider, box, deps);
  // The provider answers at the registered redirect URI; the request may have reached us through a proxy.
  const currentUrl = new URL(input.redirectUri);
  currentUrl.search = input.callbackUrl.search;
  let identity: MappedIdentity;
  try {
    const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: box.open(pending.codeVerifierSealed, verifierPurpose(stateHash)),
      expectedState: state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    identity = await identityFrom(config, tokens, kind);
  } catch (error) {
    throw failureOf(error, provider);
  }
  if (!identity.subject) throw oidcFailure.token('invalid_token', provider.name);
  if (kind === 'thaid' && identity.citizenId === null) throw oidcFailure.noCitizenId(provider.name);

  return db.transaction(async (tx) => {
    const [linked] = await tx
      .select({ userId: userIdentities.userId })
      .from(userIdentities)
      .where(and(eq(userIdentities.providerId, provider.id), eq(userIdentities.subject, identity.subject)));
    const citizenIdUserId =
      linked || identity.citizenId === null ? null : await userIdByCitizenId(tx, box, identity.citizenId);
    const [byEmail] =
      linked || citizenIdUserId || identity.verifiedEmail === null
        ? []
        : await tx
            .select({ id: users.id })
            .from(users)
            .where(sql`lower(${users.email}) = ${identity.verifiedEmail}`);
    const decision = decideMatch({
      policy: provider.firstSignIn === 'match_email' ? 'match_email' : 'create',
      linkedUserId: linked?.userId ?? null,
      citizenIdUserId,
      emailUserId: byEmail?.id ?? null,
      hasVerifiedEmail: identity.verifiedEmail !== null,
    });
    if (decision.kind === 'refuse') {
      throw decision.reason === 'no_account' && identity.verifiedEmail
        ? oidcFailure.noAccount(identity.verifiedEmail)
        : oidcFailure.noVerifiedEmail(provider.name);
    }
    let userId: string;
    if (decision.kind === 'create') {
      const [organization] = await tx
        .select({ id: identityProviderOrganizations.organizationId })
        .from(identityProviderOrganizations)
        .where(eq(identityProviderOrganizations.providerId, provider.id))
        .limit(1);
      const [created] = await tx
        .insert(users)
        .values({
          email: identity.verifiedEmail ?? placeholderEmail(provider.id, identity.subject),
          displayName: identity.displayName ?? identity.verifiedEmail ?? provider.name,
          passwordHash: null,
        })
        .returning({ id: users.id });
      userId = created!.id;
      await recordAudit(tx, {
        actorUserId: userId,
        action: 'user.create_by_identity_provider',
        entityType: 'user',
        entityId: userId,
        organizationId: organization?.id ?? null,
        after: { provider: provider.name, providerId: provider.id, roles: [] },
      });
    } else {
      userId = decision.userId;
      const [user] = await tx.select({ active: users.active }).from(users).where(eq(users.id, userId));
      if (!user?.active) throw oidcFailure.inactive();
    }
    if (decision.kind !== 'linked') {
      await tx.insert(userIdentities).values({
        providerId: provider.id,
        subject: identity.subject,
        userId,
        lastSignInAt: new Date(),
      });
      await recordAudit(tx, {
        actorUserId: userId,
        action: 'user.identity_link',
        entityType: 'user',
        entityId: userId,
        after: {
          provider: provider.name,
          providerId: provider.id,
          matchedBy: decision.kind === 'link' ? decision.by : 'new_account',
        },
      });
    } else {
      await tx
        .update(userIdentities)
        .set({ lastSignInAt: new Date() })
        .where(and(eq(userIdentities.providerId, provider.id), eq(userIdentities.subject, identity.subject)));
    }
    // A ThaID sign-in records the citizen ID's hash for the account (never the ID), if none is recorded yet.
    if (identity.citizenId !== null && citizenIdUserId === null) {
      const hmac = await citizenIdHmac(tx, box, identity.citizenId);
      await tx.insert(userCitizenIds).values({ userId, citizenIdHmac: hmac }).onConflictDoNothing();
    }
    const session = await createSession(tx, userId, {
      ip: input.ip,
      userAgent: input.userAgent,
      signedInWith: { method: 'oidc', provider: provider.name },
    });
    await recordAudit(tx, {
      actorUserId: userId,
      action: 'user.sign_in_identity_provider',
      entityType: 'user',
      entityId: userId,
      after: { provider: provider.name, providerId: provider.id },
    });
    return { token: session.token, returnTo: pending.returnTo };
  });
}
