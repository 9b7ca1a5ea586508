/** Search: statements whose words match, best first, the matches marked; deep-linkable (/search?q=...). */
import { h, type VNode } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { StatementsPage } from '../lib/api.ts';
import { qs } from '../lib/api.ts';
import { SPEECH_ACTS } from '../../../core/contract.ts';
import { useApi } from '../lib/hooks.ts';
import { ACT_LABEL, plural } from '../lib/format.ts';
import { navigate, type Loc } from '../lib/router.ts';
import { queryTerms } from '../lib/terms.ts';
import { Ambiguous, ErrorBox, Loading, Pager, StatementCard, useTitle } from '../components/common.ts';

export function SearchForm(props: { q: string; big?: boolean; extra?: Record<string, string> }): VNode<any> {
  const [q, setQ] = useState(props.q);
  useEffect(() => setQ(props.q), [props.q]);
  return h('form', {
    class: props.big ? 'search-form big' : 'search-form',
    role: 'search',
    onSubmit: (e: Event) => {
      e.preventDefault();
      if (q.trim()) navigate(`/search${qs({ q: q.trim(), ...props.extra })}`);
    },
  },
  h('label', { for: props.big ? 'q-big' : 'q', class: 'visually-hidden' }, 'Search statements'),
  h('input', { id: props.big ? 'q-big' : 'q', type: 'search', name: 'q', value: q, placeholder: 'Search what was said: sanctions, "no commitments", Peskov…', onInput: (e: Event) => setQ((e.target as HTMLInputElement).value), autoComplete: 'off' }),
  h('button', { type: 'submit', class: 'button primary' }, 'Search'));
}

const LIMIT = 20;

export function SearchPage(props: { loc: Loc }): VNode<any> {
  const p = props.loc.query;
  const q = p.get('q') ?? '';
  const offset = Number(p.get('offset') ?? 0) || 0;
  const filters = { from: p.get('from') ?? '', to: p.get('to') ?? '', act: p.get('act') ?? '', who: p.get('who') ?? '' };
  useTitle(q ? `“${q}”` : 'Search');
  const path = q.trim() ? `/api/search${qs({ q, limit: LIMIT, offset, ...filters })}` : null;
  const r = useApi<StatementsPage>(path, { keep: true });
  const terms = queryTerms(q);
  const set = (k: string, v: string) => {
    const n = new URLSearchParams(p);
    if (v) n.set(k, v);
    else n.delete(k);
    n.delete('offset');
    navigate(`/search?${n.toString()}`, { replace: true });
  };
  return h('div', { class: 'page' },
    h('h1', { tabIndex: -1, id: 'page-title' }, 'Search'),
    h(SearchForm, { q, extra: Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) }),
    h('div', { class: 'filters', role: 'group', 'aria-label': 'Filters' },
      h('label', null, 'Said from ', h('input', { type: 'date', value: filters.from, onChange: (e: Event) => set('from', (e.target as HTMLInputElement).value) })),
      h('label', null, 'to ', h('input', { type: 'date', value: filters.to, onChange: (e: Event) => set('to', (e.target as HTMLInputElement).value) })),
      h('label', null, 'Act ', h('select', { value: filters.act, onChange: (e: Event) => set('act', (e.target as HTMLSelectElement).value) },
        h('option', { value: '' }, 'any'), SPEECH_ACTS.map((a) => h('option', { key: a, value: a }, ACT_LABEL[a])))),
      filters.who ? h('span', { class: 'filter-tag' }, `source: ${filters.who} `, h('button', { type: 'button', class: 'linkish', onClick: () => set('who', ''), 'aria-label': 'Remove the source filter' }, '×')) : null),
    !q.trim() ? h('p', { class: 'hint' }, 'Type words to find in what was said. All words must match; "a phrase", OR, NOT and prefix* work too.') :
      r.error ? (r.error.code === 'AMBIGUOUS' ? h(Ambiguous, { error: r.error, param: 'who', loc: props.loc }) : h(ErrorBox, { error: r.error, retry: r.reload })) :
      !r.data ? h(Loading, { label: 'Searching…' }) :
      h('div', { class: r.loading ? 'results stale' : 'results', 'aria-busy': r.loading ? 'true' : 'false' },
        h('p', { class: 'result-count', role: 'status' }, r.data.statements.length
          ? `${r.data.hasMore || offset ? `Results ${offset + 1}–${offset + r.data.statements.length}` : plural(r.data.statements.length, 'statement')} for “${q}”, best first`
          : `No statements match “${q}”.`),
        r.data.statements.map((s) => h(StatementCard, { key: s.id, s, terms })),
        h(Pager, { path: '/search', params: p, offset, limit: LIMIT, hasMore: r.data.hasMore, shown: r.data.statements.length })));
}
