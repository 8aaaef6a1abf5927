import { type AnchorHTMLAttributes, type MouseEvent, useEffect, useMemo, useSyncExternalStore } from 'react';

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
 * A page with unsaved work can ask before the user leaves it: `guard` answers whether leaving is fine.
 * In-app links and navigate() ask it first; Back/Forward are undone (the address is put back) when it
 * says no. Closing or reloading the tab is covered by `beforeunload` in useLeaveGuard.
 */
let guard: (() => boolean) | null = null;
let currentAddress = window.location.pathname + window.location.search;

// Registered before any page subscribes, so that a refused Back stops here before the page changes.
window.addEventListener('popstate', (event) => {
  const next = window.location.pathname + window.location.search;
  if (guard && next !== currentAddress && !guard()) {
    event.stopImmediatePropagation();
    window.history.pushState(null, '', currentAddress);
    return;
  }
  currentAddress = next;
});

export function navigate(to: string, options: { replace?: boolean } = {}) {
  if (to === window.location.pathname + window.location.search) return;
  if (guard && !guard()) return;
  currentAddress = to;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  for (const listener of listeners) listener();
}

/** While `when` holds, leaving the page (in-app, Back, reload, closing the tab) asks `message` first. */
export function useLeaveGuard(when: boolean, message: string) {
  useEffect(() => {
    if (!when) return;
    const ask = () => window.confirm(message);
    const beforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    guard = ask;
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      if (guard === ask) guard = null;
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
  | { name: 'catalogue' }
  | { name: 'edition'; fiscalYear: number }
  | { name: 'audit' }
  | { name: 'results' }
  | { name: 'result-entry'; organizationId: string; fiscalYear: number }
  | { name: 'result-import'; organizationId: string; fiscalYear: number }
  | { name: 'analysis'; id: string }
  | { name: 'plans' }
  | { name: 'plan'; id: string }
  | { name: 'tasks' }
  | { name: 'oit' }
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
    case '/catalogue':
      return { name: 'catalogue' };
    case '/audit':
      return { name: 'audit' };
    case '/results':
      return { name: 'results' };
    case '/plans':
      return { name: 'plans' };
    case '/tasks':
      return { name: 'tasks' };
    case '/oit':
      return { name: 'oit' };
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
