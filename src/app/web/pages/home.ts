/** The front page: what the corpus holds, a search box, recent articles, the most quoted sources and recent denials. */
import { h, type VNode } from 'preact';
import type { ArticlesPage, DisputesPage, SpeakersPage, Status } from '../lib/api.ts';
import { useApi } from '../lib/hooks.ts';
import { formatDate, plural } from '../lib/format.ts';
import { colorOf } from '../lib/colors.ts';
import { articleTitle, EmptyCorpus, ErrorBox, Loading, SpeakerChip, useTitle } from '../components/common.ts';
import { DisputeCard } from './disputes.ts';
import { SearchForm } from './search.ts';

export function Home(props: { status: Status | null }): VNode<any> {
  useTitle(null);
  const c = props.status?.corpus ?? null;
  return h('div', { class: 'home' },
    h('section', { class: 'hero' },
      h('h1', { tabIndex: -1, id: 'page-title' }, 'Who said what, to whom, when — and who denies it'),
      h('p', { class: 'lede' }, 'Every attributed statement in the news: quotes, reported speech, claims, denials and promises, each tied to its source and dated.'),
      c ? h('p', { class: 'stats' },
        h('span', null, plural(c.articles, 'article')), h('span', null, plural(c.statements, 'statement')),
        h('span', null, plural(c.speakers, 'named source')), h('span', null, plural(c.anonymousSources, 'anonymous source')),
        h('span', null, plural(c.disputes, 'denial')),
        c.firstDay ? h('span', null, `${formatDate(c.firstDay)} – ${formatDate(c.lastDay)}`) : null) : null,
      c ? h(SearchForm, { q: '', big: true }) : null),
    props.status === null ? h(Loading, null) : c ? h(CorpusHome, null) : [
      h(EmptyCorpus, { db: props.status.db }),
      h('p', { class: 'cta' }, h('a', { class: 'button primary', href: '/paste' }, 'Paste an article →')),
    ]);
}

function CorpusHome(): VNode<any> {
  const arts = useApi<ArticlesPage>('/api/articles?limit=6');
  const sps = useApi<SpeakersPage>('/api/speakers?limit=10');
  const dis = useApi<DisputesPage>('/api/disputes?limit=3');
  return h('div', { class: 'home-grid' },
    h('section', { class: 'panel' },
      h('h2', null, 'Latest articles'),
      arts.error ? h(ErrorBox, { error: arts.error, retry: arts.reload }) : !arts.data ? h(Loading, null) :
        h('ul', { class: 'plain-list' }, arts.data.articles.map((a) => h('li', { key: a.id },
          h('a', { href: `/articles/${a.id}` }, articleTitle(a)),
          h('span', { class: 'meta' }, [a.publisher, a.published ? formatDate(a.published) : null, plural(a.statements, 'statement')].filter(Boolean).join(' · '))))),
      h('p', null, h('a', { href: '/articles' }, 'All articles →'))),
    h('section', { class: 'panel' },
      h('h2', null, 'Most quoted'),
      sps.error ? h(ErrorBox, { error: sps.error, retry: sps.reload }) : !sps.data ? h(Loading, null) :
        h('ol', { class: 'rank-list' }, sps.data.speakers.map((s) => h('li', { key: s.key },
          h(SpeakerChip, { speaker: s, color: colorOf(s.name) }),
          h('span', { class: 'meta' }, plural(s.statements, 'statement'))))),
      h('p', null, h('a', { href: '/speakers' }, 'All sources →'))),
    h('section', { class: 'panel wide' },
      h('h2', null, 'Latest denials'),
      dis.error ? h(ErrorBox, { error: dis.error, retry: dis.reload }) : !dis.data ? h(Loading, null) :
        dis.data.disputes.length ? dis.data.disputes.map((d, k) => h(DisputeCard, { key: k, d })) : h('p', { class: 'empty' }, 'No denials found yet.'),
      h('p', null, h('a', { href: '/disputes' }, 'All denials →'))));
}
