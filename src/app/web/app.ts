/** The shell: header and navigation, the routed page, focus and scroll on navigation. */
import { h, type VNode } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Status } from './lib/api.ts';
import { useApi } from './lib/hooks.ts';
import { match, useLocation, type Loc } from './lib/router.ts';
import { useTitle } from './components/common.ts';
import { Home } from './pages/home.ts';
import { ArticlesPage } from './pages/articles.ts';
import { ArticlePage } from './pages/article.ts';
import { PastePage } from './pages/paste.ts';
import { SpeakersPage } from './pages/speakers.ts';
import { SpeakerPage } from './pages/speaker.ts';
import { SearchPage } from './pages/search.ts';
import { TimelinePage } from './pages/timeline.ts';
import { DisputesPage } from './pages/disputes.ts';

const NAV: [string, string][] = [
  ['/articles', 'Articles'],
  ['/speakers', 'Sources'],
  ['/search', 'Search'],
  ['/timeline', 'Timeline'],
  ['/disputes', 'Denials'],
  ['/paste', 'Paste'],
];

function route(loc: Loc, status: Status | null): VNode<any> {
  const path = loc.path;
  let m: Record<string, string> | null;
  if (path === '/' || path === '') return h(Home, { status });
  if (match('/articles', path)) return h(ArticlesPage, { loc });
  if ((m = match('/articles/:id', path))) return h(ArticlePage, { key: m.id, id: m.id, loc });
  if (match('/paste', path)) return h(PastePage, { loc, maxBytes: status?.analyze.maxBytes ?? 2 * 1024 * 1024 });
  if (match('/speakers', path)) return h(SpeakersPage, { loc });
  if ((m = match('/speakers/:key', path))) return h(SpeakerPage, { key: m.key, speakerKey: m.key });
  if (match('/search', path)) return h(SearchPage, { loc });
  if (match('/timeline', path)) return h(TimelinePage, { loc });
  if (match('/disputes', path)) return h(DisputesPage, { loc });
  return h(NotFound, {});
}

function NotFound(): VNode<any> {
  useTitle('Not found');
  return h('div', { class: 'page' },
    h('h1', { tabIndex: -1, id: 'page-title' }, 'Nothing here'),
    h('p', null, 'This page does not exist. Try ', h('a', { href: '/' }, 'the front page'), ' or ', h('a', { href: '/search' }, 'search'), '.'));
}

export function App(): VNode<any> {
  const loc = useLocation();
  const status = useApi<Status>('/api/status');
  const first = useRef(true);
  const page = loc.path + '?' + loc.query.toString();
  // a new page: to the top, focus on its heading (screen readers hear where they are)
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (!loc.hash) window.scrollTo(0, 0);
    const t = setTimeout(() => {
      if (document.activeElement && document.activeElement !== document.body && document.querySelector('main')?.contains(document.activeElement)) return;
      document.getElementById('page-title')?.focus({ preventScroll: true });
    }, 50);
    return () => clearTimeout(t);
  }, [loc.path]);
  void page;
  const here = (href: string) => loc.path === href || loc.path.startsWith(href + '/');
  return h('div', { class: 'shell' },
    h('a', { class: 'skip', href: '#main' }, 'Skip to content'),
    h('header', { class: 'top' },
      h('div', { class: 'top-inner' },
        h('a', { class: 'brand', href: '/', 'aria-label': 'hearsay: front page' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '“'), 'hearsay'),
        h('nav', { 'aria-label': 'Main' },
          h('ul', null, NAV.map(([href, label]) => h('li', { key: href },
            h('a', { href, 'aria-current': here(href) ? 'page' : undefined, class: here(href) ? 'on' : undefined }, label))))))),
    status.error && status.error.code === 'NETWORK' ? h('div', { class: 'banner', role: 'alert' }, status.error.message) : null,
    h('main', { id: 'main', tabIndex: -1 }, route(loc, status.data)),
    h('footer', { class: 'bottom' },
      h('p', null, 'hearsay', status.data ? ` ${status.data.hearsay}` : '', ' · statements found by a machine: check them against the article before you quote them · ',
        h('a', { href: '/api/openapi.json', target: '_blank', rel: 'noopener' }, 'API'))));
}
