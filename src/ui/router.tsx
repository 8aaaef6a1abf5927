import { type AnchorHTMLAttributes, type MouseEvent, useMemo, useSyncExternalStore } from 'react';

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

export function navigate(to: string, options: { replace?: boolean } = {}) {
  if (to === window.location.pathname + window.location.search) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  for (const listener of listeners) listener();
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
