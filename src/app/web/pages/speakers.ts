/** Sources: most quoted first; find by name; named or anonymous. */
import { h, type VNode } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { SpeakersPage } from '../lib/api.ts';
import { qs } from '../lib/api.ts';
import { useApi } from '../lib/hooks.ts';
import { formatDate } from '../lib/format.ts';
import { navigate, type Loc } from '../lib/router.ts';
import { ErrorBox, Loading, Pager, SpeakerChip, useTitle } from '../components/common.ts';

const LIMIT = 25;

export function SpeakersPage(props: { loc: Loc }): VNode<any> {
  const p = props.loc.query;
  const q = p.get('q') ?? '';
  const kind = p.get('anonymous') ?? '';
  const offset = Number(p.get('offset') ?? 0) || 0;
  const [name, setName] = useState(q);
  useEffect(() => setName(q), [q]);
  useTitle('Sources');
  const r = useApi<SpeakersPage>(`/api/speakers${qs({ q, anonymous: kind, limit: LIMIT, offset })}`, { keep: true });
  const go = (next: Record<string, string>) => navigate(`/speakers${qs({ q, anonymous: kind, ...next })}`, { replace: true });
  return h('div', { class: 'page' },
    h('h1', { tabIndex: -1, id: 'page-title' }, 'Sources'),
    h('form', { class: 'filters', role: 'search', onSubmit: (e: Event) => { e.preventDefault(); go({ q: name.trim() }); } },
      h('label', null, 'Name ', h('input', { type: 'search', value: name, placeholder: 'Peskov, French official…', onInput: (e: Event) => setName((e.target as HTMLInputElement).value) })),
      h('label', null, 'Show ', h('select', { value: kind, onChange: (e: Event) => go({ anonymous: (e.target as HTMLSelectElement).value }) },
        h('option', { value: '' }, 'all sources'), h('option', { value: 'false' }, 'not anonymous'), h('option', { value: 'true' }, 'anonymous sources'))),
      h('button', { type: 'submit', class: 'button' }, 'Find')),
    r.error ? h(ErrorBox, { error: r.error, retry: r.reload }) : !r.data ? h(Loading, null) :
      r.data.speakers.length === 0 ? h('p', { class: 'empty' }, q ? `No source matches “${q}”.` : 'No sources yet.') :
      h('div', { class: r.loading ? 'results stale' : 'results' },
        h('div', { class: 'table-wrap' }, h('table', { class: 'table' },
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Source'), h('th', { scope: 'col' }, 'Titles'), h('th', { scope: 'col', class: 'num' }, 'Statements'),
            h('th', { scope: 'col', class: 'num' }, 'Articles'), h('th', { scope: 'col' }, 'Seen'))),
          h('tbody', null, r.data.speakers.map((s) => h('tr', { key: s.key },
            h('td', null, h(SpeakerChip, { speaker: s }), s.group !== null && s.sources > 1 ? h('span', { class: 'meta' }, ` ${s.sources} sources`) : null),
            h('td', { class: 'meta' }, s.titles.join(', ')),
            h('td', { class: 'num' }, s.statements.toLocaleString('en-US')),
            h('td', { class: 'num' }, s.articles.toLocaleString('en-US')),
            h('td', { class: 'meta' }, s.firstSeen ? (s.firstSeen === s.lastSeen ? formatDate(s.firstSeen) : `${formatDate(s.firstSeen)} – ${formatDate(s.lastSeen)}`) : '')))))),
        h(Pager, { path: '/speakers', params: p, offset, limit: LIMIT, hasMore: r.data.hasMore, shown: r.data.speakers.length })));
}
