import { type AutoUrlResolver, noAutoUrls } from './auto-url.ts';
import { DEFAULT_CONCURRENCY } from './checker/check-all.ts';
import { DEFAULT_CHECK_OPTIONS } from './checker/check-url.ts';
import type { HostResolver } from './checker/resolve.ts';

/**
 * What the OIT module takes from the app's wiring (`createApp({ oit })`, main.ts): never from the
 * environment directly.
 */
export type OitDeps = {
  /**
   * Accept and check loopback, private, link-local and unique-local addresses. False in production
   * (an OIT link is a public web page, and the checker must never probe the server's own network);
   * tests set it to reach their loopback servers. An intranet deployment could wire it to a setting.
   */
  allowPrivateTargets: boolean;
  /** Public addresses of the documents Prongsai produces (default: none known yet). */
  autoUrl: AutoUrlResolver;
  check: {
    /** URLs fetched at once (default 8). */
    concurrency: number;
    /** Total time for one URL, redirects and body included (default 10 s). */
    timeoutMs: number;
    /** Redirects followed at most (default 5). */
    maxRedirects: number;
    /** Body bytes read at most (default 2 MB). */
    maxBodyBytes: number;
    /** DNS (default: the system resolver). */
    resolver?: HostResolver;
  };
};

export const DEFAULT_OIT_DEPS: OitDeps = {
  allowPrivateTargets: false,
  autoUrl: noAutoUrls,
  check: {
    concurrency: DEFAULT_CONCURRENCY,
    timeoutMs: DEFAULT_CHECK_OPTIONS.timeoutMs,
    maxRedirects: DEFAULT_CHECK_OPTIONS.maxRedirects,
    maxBodyBytes: DEFAULT_CHECK_OPTIONS.maxBodyBytes,
  },
};

/** What `createApp({ oit })` and the worker take: any part of OitDeps, the rest defaults. */
export type OitDepsInput = Partial<Omit<OitDeps, 'check'>> & { check?: Partial<OitDeps['check']> };

/** The defaults with what the caller gave. */
export function oitDeps(given: OitDepsInput = {}): OitDeps {
  return {
    ...DEFAULT_OIT_DEPS,
    ...given,
    check: { ...DEFAULT_OIT_DEPS.check, ...given.check },
  };
}
