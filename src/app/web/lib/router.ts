/**
 * History routing: real URLs (/articles/12#s3, /speakers/7, /search?q=nato) that can be
 * bookmarked and shared; the server answers every page path with the app. Same-origin
 * link clicks are caught and become pushState navigations.
 */
import { useEffect, useState } from 'preact/hooks';

export interface Loc { path: string; query: URLSearchParams; hash: string }

const EVENT = 'hearsay:navigate';

export function current(): Loc {
  return { path: location.pathname, query: new URLSearchParams(location.search), hash: location.hash.replace(/^#/, '') };
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const url = new URL(to, location.href);
  if (url.origin !== location.origin) {
    location.href = url.href;
    return;
  }
  const same = url.pathname === location.pathname && url.search === location.search;
  if (opts.replace) history.replaceState(null, '', url.href);
  else history.pushState(null, '', url.href);
  window.dispatchEvent(new CustomEvent(EVENT, { detail: { samePage: same } }));
}

/** Sets the hash without a history entry or a scroll jump (selecting a statement). */
export function setHash(hash: string | null): void {
  const url = location.pathname + location.search + (hash ? `#${hash}` : '');
  history.replaceState(null, '', url);
}

export function useLocation(): Loc {
  const [loc, setLoc] = useState(current);
  useEffect(() => {
    const update = () => setLoc(current());
    window.addEventListener('popstate', update);
    window.addEventListener(EVENT, update);
    window.addEventListener('hashchange', update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(EVENT, update);
      window.removeEventListener('hashchange', update);
    };
  }, []);
  return loc;
}

/** Catches clicks on same-origin links (no modifier keys, no target) and routes them in the app. */
export function interceptLinks(root: Document): void {
  root.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element | null)?.closest?.('a');
    if (!a || (a.target && a.target !== '_self') || a.hasAttribute('download')) return;
    const href = a.getAttribute('href');
    if (!href || href.startsWith('#')) return;
    const url = new URL(href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
    e.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
}

/** `/speakers/:key` against a path → the parameters, or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/');
  const s = path.replace(/\/+$/, '').split('/');
  if (path === '/' && pattern === '/') return {};
  if (p.length !== s.length) return null;
  const out: Record<string, string> = {};
  for (let k = 0; k < p.length; k++) {
    if (p[k].startsWith(':')) {
      if (!s[k]) return null;
      try {
        out[p[k].slice(1)] = decodeURIComponent(s[k]);
      } catch {
        return null;
      }
    } else if (p[k] !== s[k]) return null;
  }
  return out;
}
