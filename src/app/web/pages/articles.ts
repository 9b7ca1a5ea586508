/** Articles, newest first, within dates. */
import { h, type VNode } from 'preact';
import type { ArticlesPage } from '../lib/api.ts';
import { qs } from '../lib/api.ts';
import { useApi } from '../lib/hooks.ts';
import { formatDate, plural } from '../lib/format.ts';
import { navigate, type Loc } from '../lib/router.ts';
import { articleTitle, ErrorBox, Loading, Pager, useTitle } from '../components/common.ts';

const LIMIT = 25;

export function ArticlesPage(props: { loc: Loc }): VNode<any> {
  const p = props.loc.query;
  const offset = Number(p.get('offset') ?? 0) || 0;
  const f = { from: p.get('from') ?? '', to: p.get('to') ?? '' };
  useTitle('Articles');
  const r = useApi<ArticlesPage>(`/api/articles${qs({ ...f, limit: LIMIT, offset })}`, { keep: true });
  const set = (k: string, v: string) => navigate(`/articles${qs({ ...f, [k]: v })}`, { replace: true });
  return h('div', { class: 'page' },
    h('h1', { tabIndex: -1, id: 'page-title' }, 'Articles'),
    h('div', { class: 'filters', role: 'group', 'aria-label': 'Publication dates' },
      h('label', null, 'Published from ', h('input', { type: 'date', value: f.from, onChange: (e: Event) => set('from', (e.target as HTMLInputElement).value) })),
      h('label', null, 'to ', h('input', { type: 'date', value: f.to, onChange: (e: Event) => set('to', (e.target as HTMLInputElement).value) }))),
    r.error ? h(ErrorBox, { error: r.error, retry: r.reload }) : !r.data ? h(Loading, null) :
      r.data.articles.length === 0 ? h('p', { class: 'empty' }, 'No articles in these dates.') :
      h('div', { class: r.loading ? 'results stale' : 'results' },
        h('ul', { class: 'article-list' }, r.data.articles.map((a) => h('li', { key: a.id },
          h('a', { class: 'title', href: `/articles/${a.id}` }, articleTitle(a)),
          h('span', { class: 'meta' }, [a.publisher, a.author, a.published ? formatDate(a.published) : 'undated', plural(a.statements, 'statement')].filter(Boolean).join(' · '))))),
        h(Pager, { path: '/articles', params: p, offset, limit: LIMIT, hasMore: r.data.hasMore, shown: r.data.articles.length })));
}
