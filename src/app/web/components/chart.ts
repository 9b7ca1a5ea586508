/** Statements over time: a bar chart drawn as SVG (months, or years for long spans). */
import { h, type VNode } from 'preact';
import { bins, plural } from '../lib/format.ts';

export function ActivityChart(props: { months: { month: string; count: number }[]; undated: number; color: string; name: string }): VNode<any> {
  const data = bins(props.months);
  if (!data.length) return h('p', { class: 'empty' }, props.undated ? `${plural(props.undated, 'statement')}, none of them dated.` : 'No statements.');
  const W = 640, H = 170, left = 34, bottom = 26, top = 10, right = 8;
  const max = Math.max(...data.map((d) => d.count), 1);
  const step = (W - left - right) / data.length;
  const bar = Math.max(2, Math.min(36, step * 0.72));
  const y = (v: number) => top + (H - top - bottom) * (1 - v / max);
  const every = Math.ceil(data.length / 8);
  const total = data.reduce((s, d) => s + d.count, 0);
  const peak = data.reduce((a, b) => (b.count > a.count ? b : a));
  const summary = `${props.name}: ${plural(total, 'dated statement')} from ${data[0].label} to ${data[data.length - 1].label}, most in ${peak.label} (${peak.count}).`;
  return h('figure', { class: 'chart' },
    h('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': summary, preserveAspectRatio: 'xMidYMid meet' },
      [0, 0.5, 1].map((f) => {
        const v = Math.round(max * f);
        return h('g', { key: f, class: 'grid' },
          h('line', { x1: left, x2: W - right, y1: y(v), y2: y(v) }),
          h('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end' }, String(v)));
      }),
      data.map((d, k) => {
        const x = left + k * step + (step - bar) / 2;
        return h('g', { key: d.key },
          h('rect', { class: 'bar', x, y: y(d.count), width: bar, height: Math.max(0, H - bottom - y(d.count)), fill: props.color, rx: 2 },
            h('title', null, `${d.label}: ${plural(d.count, 'statement')}`)),
          k % every === 0
            ? h('text', { class: 'xlabel', x: x + bar / 2, y: H - 8, 'text-anchor': 'middle' }, d.label)
            : null);
      })),
    h('figcaption', null, summary, props.undated ? ` ${plural(props.undated, 'more statement')} without a date.` : ''));
}
