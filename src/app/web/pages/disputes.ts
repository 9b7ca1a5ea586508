/** Who denies whom: each denial beside the statement it rejects, both linked into the article. */
import { h, type VNode } from 'preact';
import type { Dispute, DisputesPage } from '../lib/api.ts';
import { qs } from '../lib/api.ts';
import { useApi } from '../lib/hooks.ts';
import { colorOf, NO_SOURCE } from '../lib/colors.ts';
import { formatDate, plural } from '../lib/format.ts';
import type { Loc } from '../lib/router.ts';
import { ActBadge, Ambiguous, articleLink, articleTitle, ErrorBox, Loading, Pager, SpeakerChip, useTitle } from '../components/common.ts';
import { SourceFilter } from './timeline.ts';

function Side(props: { s: Dispute['from']; role: string }): VNode<any> {
  const s = props.s;
  const sp = s.source.speaker;
  return h('div', { class: `side ${props.role}`, style: { '--c': sp ? colorOf(sp.name) : NO_SOURCE } },
    h('div', { class: 'side-head' }, h(SpeakerChip, { speaker: sp, fallback: s.source.mention }), h(ActBadge, { act: s.act })),
    h('blockquote', null, s.type === 'direct' ? `“${s.quote}”` : s.quote),
    h('a', { class: 'in-context', href: articleLink(s.article, s.localId) }, 'in context →'));
}

export function DisputeCard(props: { d: Dispute }): VNode<any> {
  const d = props.d;
  return h('article', { class: 'dispute' },
    h('div', { class: 'pair' },
      h(Side, { s: d.from, role: 'from' }),
      h('div', { class: 'verb' }, h('span', null, d.type === 'denies' ? 'denies' : 'disputes'), h('span', { class: 'arrow', 'aria-hidden': 'true' }, '→')),
      h(Side, { s: d.to, role: 'to' })),
    h('footer', { class: 'meta' },
      h('a', { href: articleLink(d.article) }, articleTitle(d.article)),
      d.from.date ? ` · ${formatDate(d.from.date)}` : ''));
}

const LIMIT = 20;

export function DisputesPage(props: { loc: Loc }): VNode<any> {
  const p = props.loc.query;
  const offset = Number(p.get('offset') ?? 0) || 0;
  const f = { who: p.get('who') ?? '', from: p.get('from') ?? '', to: p.get('to') ?? '' };
  useTitle('Denials');
  const r = useApi<DisputesPage>(`/api/disputes${qs({ ...f, limit: LIMIT, offset })}`, { keep: true });
  return h('div', { class: 'page' },
    h('h1', { tabIndex: -1, id: 'page-title' }, 'Who denies whom'),
    h('p', { class: 'hint' }, 'Each denial beside the claim it rejects, newest first.'),
    h(SourceFilter, { loc: props.loc, path: '/disputes' }),
    r.error ? (r.error.code === 'AMBIGUOUS' ? h(Ambiguous, { error: r.error, param: 'who', loc: props.loc }) : h(ErrorBox, { error: r.error, retry: r.reload })) :
      !r.data ? h(Loading, null) :
      h('div', { class: r.loading ? 'results stale' : 'results' },
        h('p', { class: 'result-count', role: 'status' }, r.data.disputes.length ? (offset || r.data.hasMore ? `Denials ${offset + 1}–${offset + r.data.disputes.length}` : plural(r.data.disputes.length, 'denial')) : 'No denials found.'),
        r.data.disputes.map((d, k) => h(DisputeCard, { key: `${d.from.id}-${d.to.id}-${k}`, d })),
        h(Pager, { path: '/disputes', params: p, offset, limit: LIMIT, hasMore: r.data.hasMore, shown: r.data.disputes.length })));
}
