/** Small pieces every page uses: loading and error states, the empty corpus, speaker chips, statement cards, paging. */
import { h, type ComponentChildren, type VNode } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { ApiError, ArticleRef, SpeakerRef, StatementRow } from '../lib/api.ts';
import { colorOf, NO_SOURCE } from '../lib/colors.ts';
import { ACT_LABEL, formatDate, TYPE_LABEL } from '../lib/format.ts';
import { markTerms } from '../lib/terms.ts';
import { speakerKey } from '../../http/keys.ts';

export function Loading(props: { label?: string }): VNode<any> {
  return h('div', { class: 'loading', role: 'status', 'aria-live': 'polite' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), props.label ?? 'Loading…');
}

export function ErrorBox(props: { error: ApiError; retry?: () => void; title?: string }): VNode<any> {
  const e = props.error;
  if (e.code === 'NO_CORPUS') return h(EmptyCorpus, { db: (e.extra.db as string | null | undefined) ?? null });
  return h('div', { class: 'error-box', role: 'alert' },
    h('h2', null, props.title ?? (e.status === 404 ? 'Not found' : e.status === 400 ? 'That request did not work' : 'Something went wrong')),
    h('p', null, e.message),
    props.retry && e.status !== 404 && e.status !== 400 ? h('button', { type: 'button', class: 'button', onClick: props.retry }, 'Try again') : null);
}

export function EmptyCorpus(props: { db: string | null }): VNode<any> {
  const db = props.db ?? 'hearsay.db';
  return h('section', { class: 'empty-corpus' },
    h('h2', null, 'No corpus yet'),
    h('p', null, 'This server has no corpus database, so there are no articles, speakers or disputes to show. Analyse articles into one with ', h('code', null, 'hearsay ingest'), ', then reload this page:'),
    h('pre', { class: 'command' }, h('code', null, `npx hearsay ingest articles/ --db ${db}`)),
    h('p', null, 'Folders of .txt and .html files, JSONL corpora and RSS or Atom feeds all work. Meanwhile you can ', h('a', { href: '/paste' }, 'paste an article'), ' and see what hearsay finds in it.'));
}

export function Empty(props: { children: ComponentChildren }): VNode<any> {
  return h('p', { class: 'empty' }, props.children);
}

/** A coloured speaker name, a link to the speaker's page when there is one. */
export function SpeakerChip(props: { speaker: SpeakerRef | null; fallback?: string | null; color?: string; link?: boolean }): VNode<any> {
  const s = props.speaker;
  const name = s?.name ?? props.fallback ?? 'unattributed';
  const color = props.color ?? (s ? colorOf(s.name) : NO_SOURCE);
  const body = [h('span', { class: 'dot', 'aria-hidden': 'true' }), h('span', { class: 'name' }, name), s?.anonymous ? h('span', { class: 'tag' }, 'anonymous') : null];
  const style = { '--c': color };
  if (s && props.link !== false) return h('a', { class: 'chip', style, href: `/speakers/${encodeURIComponent(speakerKey(s))}` }, ...body);
  return h('span', { class: 'chip', style }, ...body);
}

export function ActBadge(props: { act: string }): VNode<any> {
  return h('span', { class: `act act-${props.act}` }, ACT_LABEL[props.act] ?? props.act);
}

/** Text with the query's words marked (as text nodes inside <mark>, never HTML). */
export function Marked(props: { text: string; terms?: string[] }): VNode<any> {
  const pieces = markTerms(props.text, props.terms ?? []);
  return h('span', null, ...pieces.map((p) => (p.hit ? h('mark', null, p.text) : p.text)));
}

export function articleLink(a: ArticleRef, local?: string): string {
  return `/articles/${a.id}${local ? `#${local}` : ''}`;
}

export function articleTitle(a: ArticleRef): string {
  return a.title?.trim() || a.docId;
}

/** One statement from the corpus: who, what, when, and where it was reported. */
export function StatementCard(props: { s: StatementRow; terms?: string[]; speaker?: boolean; article?: boolean; label?: string }): VNode<any> {
  const s = props.s;
  const sp = s.source.speaker;
  const quote = s.type === 'direct' ? `“${s.quote}”` : s.quote;
  return h('article', { class: 'stmt-card', style: { '--c': sp ? colorOf(sp.name) : NO_SOURCE } },
    h('header', null,
      props.label ? h('span', { class: 'card-label' }, props.label) : null,
      props.speaker !== false ? h(SpeakerChip, { speaker: sp, fallback: s.source.mention }) : null,
      h(ActBadge, { act: s.act }),
      h('span', { class: 'meta' }, TYPE_LABEL[s.type] ?? s.type),
      s.date ? h('time', { class: 'meta', dateTime: s.date, title: s.dateSource === 'published' ? 'the article’s publication date' : s.time?.text ? `“${s.time.text}”` : undefined }, formatDate(s.date), s.dateSource === 'published' ? ' (published)' : '') : h('span', { class: 'meta' }, 'undated')),
    h('blockquote', null, h(Marked, { text: quote, terms: props.terms })),
    h('footer', null,
      props.article !== false ? h('a', { href: articleLink(s.article, s.localId) }, articleTitle(s.article)) : h('a', { href: articleLink(s.article, s.localId) }, 'in context'),
      s.cue ? h('span', { class: 'meta' }, ` · cue “${s.cue}”`) : null,
      s.source.mention && sp && s.source.mention !== sp.name ? h('span', { class: 'meta' }, ` · named as “${s.source.mention}”`) : null));
}

/** Previous / next links for offset paging kept in the URL. */
export function Pager(props: { path: string; params: URLSearchParams; offset: number; limit: number; hasMore: boolean; shown: number }): VNode<any> | null {
  const { offset, limit } = props;
  if (offset === 0 && !props.hasMore) return null;
  const at = (o: number) => {
    const p = new URLSearchParams(props.params);
    if (o > 0) p.set('offset', String(o));
    else p.delete('offset');
    const s = p.toString();
    return `${props.path}${s ? `?${s}` : ''}`;
  };
  return h('nav', { class: 'pager', 'aria-label': 'Pages' },
    offset > 0 ? h('a', { class: 'button', href: at(Math.max(0, offset - limit)), rel: 'prev' }, '← Previous') : h('span', null),
    h('span', { class: 'meta' }, `${offset + 1}–${offset + props.shown}`),
    props.hasMore ? h('a', { class: 'button', href: at(offset + limit), rel: 'next' }, 'Next →') : h('span', null));
}

/** Sets the document title while a page is shown. */
export function useTitle(title: string | null): void {
  useEffect(() => {
    document.title = title ? `${title} · hearsay` : 'hearsay';
  }, [title]);
}

/** Puts keyboard focus on the element when `when` becomes true (after a navigation, a result). */
export function useFocus<T extends HTMLElement>(when: unknown): { current: T | null } {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (when) ref.current?.focus({ preventScroll: false });
  }, [when]);
  return ref;
}

/** An ambiguous name: the sources it could mean, each a link that narrows the filter to it. */
export function Ambiguous(props: { error: ApiError; param: string; loc: { path: string; query: URLSearchParams } }): VNode<any> {
  const candidates = (props.error.extra.candidates as (SpeakerRef & { key: string; statements?: number; titles?: string[] })[] | undefined) ?? [];
  const to = (key: string) => {
    const p = new URLSearchParams(props.loc.query);
    p.set(props.param, key);
    p.delete('offset');
    return `${props.loc.path}?${p.toString()}`;
  };
  return h('div', { class: 'error-box', role: 'alert' },
    h('h2', null, `“${props.loc.query.get(props.param)}” could be several sources`),
    h('p', null, 'Choose one:'),
    h('ul', { class: 'plain-list' }, candidates.map((c) => h('li', { key: c.key },
      h('a', { href: to(c.key) }, c.name),
      h('span', { class: 'meta' }, [c.titles?.join(', '), c.statements !== undefined ? `${c.statements} statements` : null].filter(Boolean).join(' · '))))));
}
