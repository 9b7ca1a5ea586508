/** One source: names, titles, counts, statements over time, whom they dispute, and what they said. */
import { h, type VNode } from 'preact';
import type { SpeakerResponse, StatementRow, StatementsPage } from '../lib/api.ts';
import { useApi, usePages } from '../lib/hooks.ts';
import { colorOf } from '../lib/colors.ts';
import { formatDate, plural } from '../lib/format.ts';
import { ErrorBox, Loading, SpeakerChip, StatementCard, useTitle } from '../components/common.ts';
import { ActivityChart } from '../components/chart.ts';
import { DisputeCard } from './disputes.ts';

/** Counterparts listed in the disputes table; the rest are a link to all of the speaker's disputes. */
const COUNTERPARTS_SHOWN = 12;

export function SpeakerPage(props: { speakerKey: string }): VNode<any> {
  const key = encodeURIComponent(props.speakerKey);
  const r = useApi<SpeakerResponse>(`/api/speakers/${key}?limit=1`);
  const list = usePages<StatementRow>(r.data ? `/api/speakers/${key}` : null, (p: StatementsPage) => ({ items: p.statements, hasMore: p.hasMore }), 20);
  useTitle(r.data ? r.data.speaker.name : r.error ? 'Source not found' : 'Source');
  if (r.error) return h('div', { class: 'page' }, h(ErrorBox, { error: r.error, retry: r.reload }));
  if (!r.data) return h('div', { class: 'page' }, h(Loading, null));
  const { speaker: s, activity, disputes } = r.data;
  const color = colorOf(s.name);
  const timeline = `/timeline?who=${key}`;
  // several sources grouped by the description they share ("a French official", "the poll")
  const grouped = s.group !== null && s.sources > 1;
  return h('div', { class: 'page page-speaker', style: { '--c': color } },
    h('header', { class: 'speaker-head' },
      h('h1', { tabIndex: -1, id: 'page-title' }, h('span', { class: 'dot big', 'aria-hidden': 'true' }), s.name),
      h('p', { class: 'tags' },
        h('span', { class: 'tag' }, s.type.toLowerCase()),
        s.anonymous || grouped
          ? h('span', { class: 'tag' }, [s.anonymous ? 'anonymous' : '', grouped ? `${s.sources} separate sources` : ''].filter(Boolean).join(' · '))
          : null,
        s.titleCounts.map((t) => h('span', { key: t.form, class: 'tag title' }, t.form))),
      h('dl', { class: 'figures' },
        h('div', null, h('dt', null, 'Statements'), h('dd', null, s.statements.toLocaleString('en-US'))),
        h('div', null, h('dt', null, 'Articles'), h('dd', null, s.articles.toLocaleString('en-US'))),
        h('div', null, h('dt', null, 'First seen'), h('dd', null, s.firstSeen ? formatDate(s.firstSeen) : '—')),
        h('div', null, h('dt', null, 'Last seen'), h('dd', null, s.lastSeen ? formatDate(s.lastSeen) : '—'))),
      s.aliases.length ? h('p', { class: 'aliases' }, h('span', { class: 'label' }, 'Also named: '),
        s.aliases.map((a, k) => h('span', { key: a.form }, k ? ', ' : '', `“${a.form}”`, h('span', { class: 'meta' }, ` ×${a.count}`)))) : null),
    h('div', { class: 'speaker-grid' },
      h('section', { class: 'panel' },
        h('h2', null, 'Statements over time'),
        h(ActivityChart, { months: activity.months, undated: activity.undated, color, name: s.name }),
        h('p', null, h('a', { href: timeline }, 'On the timeline →'))),
      h('section', { class: 'panel' },
        h('h2', null, 'Disputes'),
        disputes.counterparts.length === 0 ? h('p', { class: 'empty' }, `No denials by or of ${s.name} found.`) :
          h('table', { class: 'table compact' },
            h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'With'), h('th', { scope: 'col', class: 'num' }, 'Denies them'), h('th', { scope: 'col', class: 'num' }, 'Denied by them'))),
            h('tbody', null, disputes.counterparts.slice(0, COUNTERPARTS_SHOWN).map((c, k) => h('tr', { key: c.key ?? k },
              h('td', null, h(SpeakerChip, { speaker: c.speaker, fallback: 'an unattributed source' })),
              h('td', { class: 'num' }, c.disputes || ''),
              h('td', { class: 'num' }, c.disputedBy || ''))))),
        disputes.counterparts.length > COUNTERPARTS_SHOWN
          ? h('p', { class: 'hint' }, `and ${disputes.counterparts.length - COUNTERPARTS_SHOWN} more: `, h('a', { href: `/disputes?who=${key}` }, 'all disputes →'))
          : null),
      disputes.items.length ? h('section', { class: 'panel wide' },
        h('h2', null, `Denials (${disputes.total})`),
        disputes.items.slice(0, 6).map((d, k) => h(DisputeCard, { key: k, d })),
        h('p', null, h('a', { href: `/disputes?who=${key}` }, 'All of them →'))) : null),
    h('section', { class: 'panel wide' },
      h('h2', null, `What ${s.name} said, newest first`),
      list.error ? h(ErrorBox, { error: list.error, retry: list.reload }) : null,
      list.items.map((st) => h(StatementCard, { key: st.id, s: st, speaker: false })),
      list.loading ? h(Loading, null) : null,
      list.hasMore && !list.loading ? h('button', { type: 'button', class: 'button', onClick: list.more }, 'More statements') : null,
      !list.loading && !list.items.length && !list.error ? h('p', { class: 'empty' }, 'No statements.') : null,
      !list.hasMore && list.items.length ? h('p', { class: 'meta' }, `All ${plural(list.items.length, 'statement')}.`) : null));
}
