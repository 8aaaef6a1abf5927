import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

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

export type Route =
  | { name: 'home' }
  | { name: 'sign-in' }
  | { name: 'setup' }
  | { name: 'organizations' }
  | { name: 'users' }
  | { name: 'catalogue' }
  | { name: 'edition'; fiscalYear: number }
  | { name: 'audit' }
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
  }
  const edition = /^\/catalogue\/(\d{4})$/.exec(path);
  if (edition) return { name: 'edition', fiscalYear: Number(edition[1]) };
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
