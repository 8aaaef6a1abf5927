import * as oidc from 'openid-client';
import type { SecretBox } from '../../secrets/secret-box.ts';

/** How the identity module reaches providers; `allowHttpIssuers` only in tests (a local provider on http://). */
export type IdentityDeps = { allowHttpIssuers: boolean };

export const identityDeps = (input: Partial<IdentityDeps> = {}): IdentityDeps => ({
  allowHttpIssuers: input.allowHttpIssuers ?? false,
});

/** A provider's discovery document is kept this long per issuer, then read again. */
export const DISCOVERY_TTL_MS = 10 * 60_000;
/** Seconds to wait for a provider (discovery, token, user info). */
const TIMEOUT_SECONDS = 10;

const discovered = new Map<string, { metadata: oidc.ServerMetadata; at: number }>();

export class DiscoveryError extends Error {
  constructor(
    readonly address: string,
    readonly reason: string,
  ) {
    super(`OpenID discovery failed at ${address}: ${reason}`);
  }
}

/** Where discovery looks: the issuer's `/.well-known/openid-configuration`. */
export function discoveryAddress(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

/**
 * The issuer's metadata: from the cache while fresh, else discovered (the library checks that the document's
 * `issuer` is the one asked for). An https issuer is required unless the deps allow http (tests).
 */
export async function discoverIssuer(issuer: string, deps: IdentityDeps, now = Date.now()) {
  const key = `${deps.allowHttpIssuers ? 'http-ok' : 'https'} ${issuer}`;
  const cached = discovered.get(key);
  if (cached && now - cached.at < DISCOVERY_TTL_MS) return cached.metadata;
  const address = discoveryAddress(issuer);
  if (!deps.allowHttpIssuers && !issuer.startsWith('https://')) {
    throw new DiscoveryError(address, 'the issuer must be an https:// address');
  }
  try {
    const config = await oidc.discovery(new URL(issuer), 'discovery', undefined, undefined, {
      timeout: TIMEOUT_SECONDS,
      ...(deps.allowHttpIssuers ? { execute: [oidc.allowInsecureRequests] } : {}),
    });
    const metadata = config.serverMetadata();
    discovered.set(key, { metadata, at: now });
    return metadata;
  } catch (error) {
    throw new DiscoveryError(address, describeFailure(error));
  }
}

/** Forgets the cached metadata (an administrator changed the issuer). */
export function forgetIssuer(issuer: string) {
  for (const key of [...discovered.keys()]) if (key.endsWith(` ${issuer}`)) discovered.delete(key);
}

export function describeFailure(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const code = (error as { code?: unknown }).code;
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    return `${typeof code === 'string' ? `${code} ` : ''}${error.message}${detail}`.slice(0, 300);
  }
  return String(error).slice(0, 300);
}

export type ProviderClient = {
  issuer: string;
  clientId: string;
  clientSecretSealed: string | null;
  id: string;
};

export const clientSecretPurpose = (providerId: string) => `identity-provider:${providerId}:client-secret`;

/** The library's client for a provider: its discovered metadata, client ID and (opened) secret. */
export async function clientConfiguration(provider: ProviderClient, box: SecretBox, deps: IdentityDeps) {
  const metadata = await discoverIssuer(provider.issuer, deps);
  const secret =
    provider.clientSecretSealed === null
      ? undefined
      : box.open(provider.clientSecretSealed, clientSecretPurpose(provider.id));
  const config = new oidc.Configuration(
    metadata,
    provider.clientId,
    secret,
    secret === undefined ? oidc.None() : undefined,
  );
  config.timeout = TIMEOUT_SECONDS;
  if (deps.allowHttpIssuers) oidc.allowInsecureRequests(config);
  return config;
}
