/** The timeline: statements by the date they were made, oldest first, by source and date range. */
import { h, type VNode } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { SpeakersPage, StatementRow, StatementsPage } from '../lib/api.ts';
import { qs } from '../lib/api.ts';
import { useApi, usePages } from '../lib/hooks.ts';
import { formatDate, plural } from '../lib/format.ts';
import { navigate, type Loc } from '../lib/router.ts';
import { Ambiguous, ErrorBox, Loading, StatementCard, useTitle } from '../components/common.ts';

/** Source and date filters kept in the URL (who, from, to). */
export function SourceFilter(props: { loc: Loc; path: string }): VNode<any> {
  const p = props.loc.query;
  const [who, setWho] = useState(p.get('who') ?? '');
  const [from, setFrom] = useState(p.get('from') ?? '');
  const [to, setTo] = useState(p.get('to') ?? '');
  useEffect(() => { setWho(p.get('who') ?? ''); setFrom(p.get('from') ?? ''); setTo(p.get('to') ?? ''); }, [props.loc.query.toString()]);
  const hint = useApi<SpeakersPage>(who.trim().length >= 2 && !/^\d+$|^anon:/.test(who) ? `/api/speakers${qs({ q: who.trim(), limit: 8 })}` : null, { keep: true });
  const listId = `who-${props.path.slice(1)}`;
  return h('form', {
    class: 'filters',
    onSubmit: (e: Event) => { e.preventDefault(); navigate(`${props.path}${qs({ who: who.trim(), from, to })}`); },
  },
  h('label', null, 'Source ', h('input', { type: 'text', value: who, list: listId, placeholder: 'any', autoComplete: 'off', onInput: (e: Event) => setWho((e.target as HTMLInputElement).value) })),
  h('datalist', { id: listId }, (hint.data?.speakers ?? []).map((s) => h('option', { key: s.key, value: s.name }))),
  h('label', null, 'From ', h('input', { type: 'date', value: from, onInput: (e: Event) => setFrom((e.target as HTMLInputElement).value) })),
  h('label', null, 'To ', h('input', { type: 'date', value: to, onInput: (e: Event) => setTo((e.target as HTMLInputElement).value) })),
  h('button', { type: 'submit', class: 'button' }, 'Apply'),
  p.get('who') || p.get('from') || p.get('to') ? h('a', { class: 'button subtle', href: props.path }, 'Clear') : null);
}

export function TimelinePage(props: { loc: Loc }): VNode<any> {
  const p = props.loc.query;
  const f = { who: p.get('who') ?? '', from: p.get('from') ?? '', to: p.get('to') ?? '' };
  useTitle('Timeline');
  const list = usePages<StatementRow>(`/api/timeline${qs(f)}`, (pg: StatementsPage) => ({ items: pg.statements, hasMore: pg.hasMore }), 40);
  const days: { day: string; items: StatementRow[] }[] = [];
  for (const s of list.items) {
    const last = days[days.length - 1];
    if (last && last.day === s.date) last.items.push(s);
    else days.push({ day: s.date ?? '', items: [s] });
  }
  return h('div', { class: 'page' },
    h('h1', { tabIndex: -1, id: 'page-title' }, 'Timeline'),
    h('p', { class: 'hint' }, 'Statements by the day they were made (their own date where the article gives one, else the publication day), oldest first.'),
    h(SourceFilter, { loc: props.loc, path: '/timeline' }),
    list.error ? (list.error.code === 'AMBIGUOUS' ? h(Ambiguous, { error: list.error, param: 'who', loc: props.loc }) : h(ErrorBox, { error: list.error, retry: list.reload })) : null,
    days.length ? h('ol', { class: 'timeline' }, days.map((d) => h('li', { key: d.day },
      h('h2', { class: 'day' }, h('time', { dateTime: d.day }, formatDate(d.day)), h('span', { class: 'meta' }, ` ${plural(d.items.length, 'statement')}`)),
      d.items.map((s) => h(StatementCard, { key: s.id, s }))))) : null,
    list.loading ? h(Loading, null) : null,
    !list.loading && !list.error && !list.items.length ? h('p', { class: 'empty' }, 'No dated statements match.') : null,
    list.hasMore && !list.loading ? h('button', { type: 'button', class: 'button', onClick: list.more }, 'Later statements') : null);
}
