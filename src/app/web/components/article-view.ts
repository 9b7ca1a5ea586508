/**
 * The article view: the text with every statement highlighted in its source's colour,
 * the statement list beside it, and the selected statement's details. Selecting in the
 * text selects in the list and the other way round; denials and the claims they deny
 * link to each other. The text is untrusted: it is cut into runs at span offsets and each
 * run becomes a text node (inside a span when a statement covers it), never HTML.
 */
import { h, type VNode } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Analysis, Entity, Statement } from '../../../core/contract.ts';
import type { ArticleInfo, KeyedRef } from '../lib/api.ts';
import { assignColors, NO_SOURCE } from '../lib/colors.ts';
import { ACT_LABEL, formatDate, plural, safeHref, truncate, TYPE_LABEL } from '../lib/format.ts';
import { layout, ownerOf, type Run } from '../lib/highlight.ts';
import { ActBadge } from './common.ts';

export type Links = Record<string, { id: number; speaker: KeyedRef | null }>;
export type Origin = 'text' | 'list' | 'details' | 'url';

export interface ArticleViewProps {
  analysis: Analysis;
  /** Corpus articles: each statement's corpus source (for speaker links). */
  links?: Links;
  article?: ArticleInfo;
  selected: string | null;
  onSelect(id: string | null, origin: Origin): void;
}

interface Model {
  byId: Map<string, Statement>;
  entities: Map<string, Entity>;
  colorOf(s: Statement | undefined): string;
  speakerName(s: Statement): string;
  denies: Map<string, string[]>;
  deniedBy: Map<string, string[]>;
  within: Map<string, string[]>;
  contains: Map<string, string[]>;
  times: Map<string, Analysis['times'][number]>;
  number: Map<string, number>;
}

function push(m: Map<string, string[]>, k: string, v: string) {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

function model(a: Analysis): Model {
  const byId = new Map(a.statements.map((s) => [s.id, s]));
  const entities = new Map(a.entities.map((e) => [e.id, e]));
  const names = a.statements.map((s) => (s.source.entity ? entities.get(s.source.entity)?.name : undefined)).filter((n): n is string => !!n);
  const colors = assignColors(names);
  const denies = new Map<string, string[]>(), deniedBy = new Map<string, string[]>(), within = new Map<string, string[]>(), contains = new Map<string, string[]>();
  for (const r of a.relations) {
    if (!byId.has(r.from) || !byId.has(r.to)) continue;
    if (r.type === 'denies' || r.type === 'disputes') { push(denies, r.from, r.to); push(deniedBy, r.to, r.from); }
    if (r.type === 'within') { push(within, r.from, r.to); push(contains, r.to, r.from); }
  }
  return {
    byId,
    entities,
    colorOf: (s) => {
      const e = s?.source.entity ? entities.get(s.source.entity) : undefined;
      return (e && colors.get(e.name)) ?? NO_SOURCE;
    },
    speakerName: (s) => (s.source.entity ? entities.get(s.source.entity)?.name : undefined) ?? s.source.mention?.text ?? 'unattributed',
    denies, deniedBy, within, contains,
    times: new Map(a.times.map((t) => [t.id, t])),
    number: new Map(a.statements.map((s, k) => [s.id, k + 1])),
  };
}

function cssEscape(s: string): string {
  return typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(s) : s.replace(/[^\w-]/g, '\\$&');
}

function quoteOf(s: Statement): string {
  return s.type === 'direct' ? `“${s.quote}”` : s.quote;
}

function dateOf(m: Model, s: Statement, published: string | null): { text: string; note: string | null; published?: boolean } {
  const t = s.time ? m.times.get(s.time) : undefined;
  if (t) return { text: t.value ? formatDate(t.value) : 'unresolved', note: `“${t.span.text}”${t.value ? ` = ${t.value}` : ''}` };
  if (published) return { text: formatDate(published), note: 'the publication date; the text gives no date for this statement', published: true };
  return { text: 'undated', note: null };
}

export function ArticleView(props: ArticleViewProps): VNode<any> {
  const a = props.analysis;
  const text = a.document.text;
  const m = useMemo(() => model(a), [a]);
  const paragraphs = useMemo(() => layout(text, a), [a, text]);
  // each statement's tab stop in the text: its first run where it is the innermost
  const tabStops = useMemo(() => {
    const out = new Map<string, number>();
    for (const p of paragraphs) for (const r of p.runs) if (r.content[0] && !out.has(r.content[0])) out.set(r.content[0], r.start);
    return out;
  }, [paragraphs]);
  const [hover, setHover] = useState<{ id: string; x: number; y: number } | null>(null);
  const textRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const lastOrigin = useRef<Origin>('url');
  const selected = props.selected && m.byId.has(props.selected) ? props.selected : null;

  const select = (id: string | null, origin: Origin) => {
    lastOrigin.current = origin;
    props.onSelect(id, origin);
  };

  // bring the other side of a selection into view
  useEffect(() => {
    if (!selected) return;
    const origin = lastOrigin.current;
    const inText = textRef.current?.querySelector<HTMLElement>(`[data-s="${cssEscape(selected)}"], [data-owner="${cssEscape(selected)}"]`);
    const inList = listRef.current?.querySelector<HTMLElement>(`[data-s="${cssEscape(selected)}"]`);
    const smooth = matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
    if (origin !== 'text' && inText) inText.scrollIntoView({ block: 'center', behavior: smooth });
    if (origin !== 'list' && inList && listRef.current) {
      // scroll the list only, not the page
      const box = listRef.current;
      const top = inList.offsetTop - box.offsetTop;
      if (top < box.scrollTop || top + inList.offsetHeight > box.scrollTop + box.clientHeight) box.scrollTo({ top: Math.max(0, top - 12), behavior: smooth });
    }
  }, [selected]);

  const showTip = (id: string, el: HTMLElement) => {
    const box = textRef.current;
    if (!box) return;
    const r = el.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    const x = Math.max(0, Math.min(r.left - b.left, b.width - 300));
    setHover({ id, x, y: r.bottom - b.top + 6 });
  };

  const runNode = (run: Run): VNode | string => {
    const str = text.slice(run.start, run.end);
    const owner = ownerOf(run);
    if (!owner) return str;
    const s = m.byId.get(owner);
    const involved = (id: string | null) => !!id && (run.content.includes(id) || run.source.includes(id) || run.cue.includes(id));
    const cls = [
      run.content.length ? 'q' : '',
      run.content.length > 1 ? 'nested' : '',
      run.source.length ? 'src' : '',
      run.cue.length ? 'cue' : '',
      involved(selected) ? 'sel' : '',
      hover && involved(hover.id) ? 'hot' : '',
    ].filter(Boolean).join(' ');
    const stop = run.content[0] === owner && tabStops.get(owner) === run.start;
    const attrs: Record<string, unknown> = {
      key: run.start,
      class: cls,
      style: { '--c': m.colorOf(s) },
      'data-s': stop ? owner : undefined,
      'data-owner': owner,
      onClick: (e: MouseEvent) => { e.stopPropagation(); select(owner, 'text'); },
      onMouseEnter: (e: MouseEvent) => showTip(owner, e.currentTarget as HTMLElement),
      onMouseLeave: () => setHover(null),
    };
    if (stop && s) {
      Object.assign(attrs, {
        tabIndex: 0,
        role: 'button',
        'aria-pressed': selected === owner ? 'true' : 'false',
        'aria-label': `Statement ${m.number.get(owner)}: ${m.speakerName(s)} ${ACT_LABEL[s.act] ?? s.act}: ${truncate(s.quote, 120)}`,
        onKeyDown: (e: KeyboardEvent) => {
          if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(owner, 'text'); }
          if (e.key === 'Escape') { setHover(null); select(null, 'text'); }
        },
        onFocus: (e: FocusEvent) => showTip(owner, e.currentTarget as HTMLElement),
        onBlur: () => setHover(null),
      });
    }
    return h('span', attrs, str);
  };

  const tip = hover ? m.byId.get(hover.id) : undefined;
  const doc = a.document;
  const href = safeHref(doc.url);
  const speakers = useMemo(() => legend(a, m, props.links), [a, m, props.links]);

  return h('div', { class: 'article-layout' },
    h('div', { class: 'article-main' },
      h('header', { class: 'article-head' },
        h('h1', { tabIndex: -1, id: 'page-title' }, doc.title?.trim() || (props.article ? props.article.docId : 'Pasted article')),
        h('p', { class: 'byline' },
          [doc.publisher, props.article?.author, doc.published ? formatDate(doc.published) : 'no publication date']
            .filter(Boolean).join(' · '),
          href ? [' · ', h('a', { href, rel: 'noopener noreferrer nofollow', target: '_blank' }, new URL(href).hostname)] : null),
        h('p', { class: 'counts' }, `${plural(a.statements.length, 'statement')} · ${plural(speakers.length, 'source')} · ${plural(a.relations.filter((r) => r.type === 'denies' || r.type === 'disputes').length, 'denial')}`)),
      speakers.length ? h('ul', { class: 'legend', 'aria-label': 'Sources in this article' }, speakers.map((sp) =>
        h('li', { key: sp.name, style: { '--c': sp.color } },
          sp.href ? h('a', { class: 'chip', href: sp.href }, h('span', { class: 'dot', 'aria-hidden': 'true' }), sp.name) : h('span', { class: 'chip' }, h('span', { class: 'dot', 'aria-hidden': 'true' }), sp.name),
          h('span', { class: 'count' }, String(sp.count))))) : null,
      h('p', { class: 'key', 'aria-hidden': 'true' },
        h('span', { class: 'q key-q' }, 'what was said'), ' ', h('span', { class: 'src key-src' }, 'who said it'), ' ', h('span', { class: 'cue key-cue' }, 'how (the cue)')),
      h('div', { class: 'article-text', ref: textRef, onMouseLeave: () => setHover(null) },
        paragraphs.map((p) => h('p', { key: p.start }, p.runs.map(runNode))),
        tip ? h('div', { class: 'tip', role: 'tooltip', style: { left: `${hover!.x}px`, top: `${hover!.y}px`, '--c': m.colorOf(tip) } },
          h('strong', null, m.speakerName(tip)), ' ', h(ActBadge, { act: tip.act }),
          h('div', null, TYPE_LABEL[tip.type] ?? tip.type, tip.cue ? ` · cue “${tip.cue.text}”` : ''),
          h('div', null, (() => { const d = dateOf(m, tip, doc.published); return d.published ? `${d.text} (published)` : d.text; })())) : null)),
    h('aside', { class: 'article-side', 'aria-label': 'Statements' },
      h(Details, { m, a, id: selected, links: props.links, onSelect: select }),
      h(StatementList, { m, a, selected, onSelect: select, listRef })));
}

interface LegendItem { name: string; color: string; count: number; href: string | null }

function legend(a: Analysis, m: Model, links?: Links): LegendItem[] {
  const out = new Map<string, LegendItem>();
  for (const s of a.statements) {
    const e = s.source.entity ? m.entities.get(s.source.entity) : undefined;
    if (!e) continue;
    const item = out.get(e.id) ?? { name: e.name, color: m.colorOf(s), count: 0, href: null };
    item.count++;
    const sp = links?.[s.id]?.speaker;
    if (sp && !item.href) item.href = `/speakers/${encodeURIComponent(sp.key)}`;
    out.set(e.id, item);
  }
  return [...out.values()].sort((x, y) => y.count - x.count || x.name.localeCompare(y.name));
}

function StatementList(props: { m: Model; a: Analysis; selected: string | null; onSelect(id: string, o: Origin): void; listRef: { current: HTMLOListElement | null } }): VNode<any> {
  const { m, a, selected } = props;
  const ids = a.statements.map((s) => s.id);
  const focusId = selected ?? ids[0];
  const move = (e: KeyboardEvent) => {
    const at = ids.indexOf((document.activeElement as HTMLElement | null)?.dataset?.s ?? focusId ?? '');
    let next = -1;
    if (e.key === 'ArrowDown') next = Math.min(ids.length - 1, at + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, at - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = ids.length - 1;
    else if ((e.key === 'Enter' || e.key === ' ') && at >= 0) { e.preventDefault(); props.onSelect(ids[at], 'list'); return; }
    else return;
    e.preventDefault();
    if (next < 0) return;
    props.onSelect(ids[next], 'list');
    props.listRef.current?.querySelector<HTMLElement>(`[data-s="${cssEscape(ids[next])}"]`)?.focus();
  };
  if (!ids.length) return h('p', { class: 'empty' }, 'hearsay found no attributed statements in this text.');
  return h('div', { class: 'list-wrap' },
    h('h2', { class: 'side-title', id: 'stmt-list-title' }, `Statements (${ids.length})`),
    h('ol', { class: 'stmt-list', role: 'listbox', 'aria-labelledby': 'stmt-list-title', ref: props.listRef, onKeyDown: move },
      a.statements.map((s) => {
        const on = s.id === selected;
        const rel = [
          ...(m.denies.get(s.id) ?? []).map((t) => `denies ${m.number.get(t)}`),
          ...(m.deniedBy.get(s.id) ?? []).map((t) => `denied by ${m.number.get(t)}`),
        ];
        return h('li', {
          key: s.id,
          role: 'option',
          id: `opt-${s.id}`,
          'data-s': s.id,
          'aria-selected': on ? 'true' : 'false',
          tabIndex: s.id === focusId ? 0 : -1,
          class: on ? 'on' : '',
          style: { '--c': m.colorOf(s) },
          onClick: () => props.onSelect(s.id, 'list'),
        },
        h('div', { class: 'li-head' },
          h('span', { class: 'num' }, String(m.number.get(s.id))),
          h('span', { class: 'dot', 'aria-hidden': 'true' }),
          h('strong', null, m.speakerName(s)),
          h(ActBadge, { act: s.act })),
        h('div', { class: 'li-quote' }, truncate(quoteOf(s), 160)),
        h('div', { class: 'li-meta' },
          [TYPE_LABEL[s.type] ?? s.type, s.time ? dateOf(m, s, null).text : null].filter(Boolean).join(' · '),
          rel.length ? h('span', { class: 'rel' }, ` · ${rel.join(', ')}`) : null));
      })));
}

function Details(props: { m: Model; a: Analysis; id: string | null; links?: Links; onSelect(id: string | null, o: Origin): void }): VNode<any> {
  const { m, a } = props;
  const s = props.id ? m.byId.get(props.id) : undefined;
  if (!s) {
    return h('section', { class: 'details details-empty', 'aria-label': 'Selected statement' },
      h('p', null, a.statements.length ? 'Select a highlighted passage in the text, or a statement in the list, to see who said it, how and when.' : ''));
  }
  const e = s.source.entity ? m.entities.get(s.source.entity) : undefined;
  const sp = props.links?.[s.id]?.speaker ?? null;
  const d = dateOf(m, s, a.document.published);
  const ref = (id: string) => {
    const t = m.byId.get(id)!;
    return h('li', { key: id },
      h('button', { type: 'button', class: 'linkish', style: { '--c': m.colorOf(t) }, onClick: () => props.onSelect(id, 'details') },
        h('span', { class: 'num' }, String(m.number.get(id))), h('span', { class: 'dot', 'aria-hidden': 'true' }),
        h('strong', null, m.speakerName(t)), ' ', truncate(quoteOf(t), 110)));
  };
  const group = (title: string, ids: string[] | undefined) => (ids?.length ? h('div', { class: 'rel-group' }, h('h3', null, title), h('ul', null, ids.map(ref))) : null);
  return h('section', { class: 'details', 'aria-label': 'Selected statement', 'aria-live': 'polite', style: { '--c': m.colorOf(s) } },
    h('header', null,
      h('span', { class: 'num' }, String(m.number.get(s.id))),
      h('span', { class: 'dot', 'aria-hidden': 'true' }),
      h('strong', { class: 'who' }, m.speakerName(s)),
      h(ActBadge, { act: s.act }),
      h('button', { type: 'button', class: 'close', 'aria-label': 'Clear the selection', onClick: () => props.onSelect(null, 'details') }, '×')),
    h('blockquote', null, quoteOf(s)),
    h('dl', null,
      h('dt', null, 'Source'),
      h('dd', null,
        e ? [e.name, e.titles.length ? ` — ${e.titles.slice(0, 2).join(', ')}` : '', e.anonymous ? ' (anonymous)' : ''] : 'not resolved to anyone',
        s.source.mention && s.source.mention.text !== e?.name ? h('span', { class: 'meta' }, ` · named here as “${s.source.mention.text}”`) : null,
        sp ? h('div', null, h('a', { href: `/speakers/${encodeURIComponent(sp.key)}` }, `All statements by ${sp.name} →`)) : null),
      h('dt', null, 'Cue'), h('dd', null, s.cue ? `“${s.cue.text}”` : 'none'),
      h('dt', null, 'Act'), h('dd', null, `${ACT_LABEL[s.act] ?? s.act}`),
      h('dt', null, 'Type'), h('dd', null, TYPE_LABEL[s.type] ?? s.type),
      h('dt', null, 'Date'), h('dd', null, d.text, d.note ? h('span', { class: 'meta' }, ` · ${d.note}`) : null),
      h('dt', null, 'Confidence'), h('dd', null, `${Math.round(s.confidence * 100)}%`),
      s.explain?.length ? [h('dt', null, 'Rules'), h('dd', null, h('code', null, s.explain.join(' ')))] : null),
    group('Denies', m.denies.get(s.id)),
    group('Denied by', m.deniedBy.get(s.id)),
    group('Reported within', m.within.get(s.id)),
    group('Reports', m.contains.get(s.id)));
}
