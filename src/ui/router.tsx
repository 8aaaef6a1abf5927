import { type AnchorHTMLAttributes, type MouseEvent, useEffect, useMemo, useSyncExternalStore } from 'react';
import { leaveGuards } from './drafts.ts';

/** A very small client-side router: the server answers every non-API path with index.html. */
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

/**
 * Forms with unsaved work ask before the user leaves the page (useLeaveGuard): each registers its
 * question while it is dirty; leaving asks once (the most recent question) if any is registered.
 * In-app links and navigate() ask first; Back/Forward are undone (the address is put back) when the
 * answer is no. Closing or reloading the tab is covered by `beforeunload` in useLeaveGuard.
 */
const guards = leaveGuards();
const guard = (): boolean => guards.mayLeave((message) => window.confirm(message));
let currentAddress = window.location.pathname + window.location.search;

// Registered before any page subscribes, so that a refused Back stops here before the page changes.
window.addEventListener('popstate', (event) => {
  const next = window.location.pathname + window.location.search;
  if (next !== currentAddress && !guard()) {
    event.stopImmediatePropagation();
    window.history.pushState(null, '', currentAddress);
    return;
  }
  currentAddress = next;
});

/** Goes to `to` in the app; `force` skips the leave question (the page's work was just saved). */
export function navigate(to: string, options: { replace?: boolean; force?: boolean } = {}) {
  if (to === window.location.pathname + window.location.search) return;
  if (!options.force && !guard()) return;
  currentAddress = to;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  for (const listener of listeners) listener();
}

/**
 * While `when` holds, leaving the page (in-app, Back, reload, closing the tab) asks `message` first.
 * Several forms of one page may each hold a guard; any of them being dirty makes leaving ask.
 */
export function useLeaveGuard(when: boolean, message: string) {
  useEffect(() => {
    if (!when) return;
    const beforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    const remove = guards.add(message);
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      remove();
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, [when, message]);
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** The query string of the current address, re-rendering the caller when it changes. */
export function useSearchParams(): URLSearchParams {
  const search = useSyncExternalStore(subscribe, () => window.location.search);
  return useMemo(() => new URLSearchParams(search), [search]);
}

export type Route =
  | { name: 'home' }
  | { name: 'sign-in' }
  | { name: 'setup' }
  | { name: 'organizations' }
  | { name: 'users' }
  | { name: 'identity-providers' }
  | { name: 'catalogue' }
  | { name: 'edition'; fiscalYear: number }
  | { name: 'audit' }
  | { name: 'account' }
  | { name: 'line-settings' }
  | { name: 'results' }
  | { name: 'result-entry'; organizationId: string; fiscalYear: number }
  | { name: 'result-import'; organizationId: string; fiscalYear: number }
  | { name: 'analysis'; id: string }
  | { name: 'plans' }
  | { name: 'plan'; id: string }
  | { name: 'tasks' }
  | { name: 'oit' }
  | { name: 'national' }
  | { name: 'round'; id: string }
  | { name: 'report'; id: string }
  | { name: 'not-found' };

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  switch (path) {
    case '/':
      return { name: 'home' };
    case '/sign-in':
      return { name: 'sign-in' };
    case '/setup':
      return { name: 'setup' };
    case '/organizations':
      return { name: 'organizations' };
    case '/users':
      return { name: 'users' };
    case '/identity-providers':
      return { name: 'identity-providers' };
    case '/catalogue':
      return { name: 'catalogue' };
    case '/audit':
      return { name: 'audit' };
    case '/account':
      return { name: 'account' };
    case '/line':
      return { name: 'line-settings' };
    case '/results':
      return { name: 'results' };
    case '/plans':
      return { name: 'plans' };
    case '/tasks':
      return { name: 'tasks' };
    case '/oit':
      return { name: 'oit' };
    case '/national':
      return { name: 'national' };
  }
  const edition = /^\/catalogue\/(\d{4})$/.exec(path);
  if (edition) return { name: 'edition', fiscalYear: Number(edition[1]) };
  const result = /^\/results\/([0-9a-f-]{36})\/(\d{4})\/(entry|import)$/i.exec(path);
  if (result) {
    const [, organizationId = '', year, kind] = result;
    return {
      name: kind === 'entry' ? 'result-entry' : 'result-import',
      organizationId,
      fiscalYear: Number(year),
    };
  }
  const analysis = /^\/results\/analyses\/([0-9a-f-]{36})$/i.exec(path);
  if (analysis) return { name: 'analysis', id: analysis[1] ?? '' };
  const plan = /^\/plans\/([0-9a-f-]{36})$/i.exec(path);
  if (plan) return { name: 'plan', id: plan[1] ?? '' };
  const round = /^\/rounds\/([0-9a-f-]{36})$/i.exec(path);
  if (round) return { name: 'round', id: round[1] ?? '' };
  const report = /^\/reports\/([0-9a-f-]{36})$/i.exec(path);
  if (report) return { name: 'report', id: report[1] ?? '' };
  return { name: 'not-found' };
}

export function useRoute(): Route {
  return matchRoute(usePathname());
}

/** Follows a same-app link without reloading; modified clicks (new tab etc.) stay with the browser. */
export function followLink(event: MouseEvent<HTMLElement>, to: string) {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(to);
}

export function Link({ to, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  return <a href={to} {...rest} onClick={(event) => followLink(event, to)} />;
}
