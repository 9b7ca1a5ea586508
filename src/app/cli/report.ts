/** The readable report `hearsay analyze` prints by default: who said what, with type, cue and date. */
import type { Analysis, Entity } from '../../core/contract.ts';

export interface ReportStyle { color: boolean; width: number }

const ansi = (on: boolean) => ({
  bold: (s: string) => (on ? `\x1b[1m${s}\x1b[22m` : s),
  dim: (s: string) => (on ? `\x1b[2m${s}\x1b[22m` : s),
  cyan: (s: string) => (on ? `\x1b[36m${s}\x1b[39m` : s),
  yellow: (s: string) => (on ? `\x1b[33m${s}\x1b[39m` : s),
  red: (s: string) => (on ? `\x1b[31m${s}\x1b[39m` : s),
});

function wrap(text: string, width: number, indent: string): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width - indent.length) { lines.push(line); line = w; }
    else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}

function describe(e: Entity | undefined): string {
  if (!e) return 'unresolved';
  const bits = [e.type.toLowerCase()];
  if (e.anonymous) bits.push('anonymous');
  if (e.titles.length) bits.push(e.titles[0]);
  return `${e.name} (${bits.join(', ')})`;
}

export function formatReport(a: Analysis, style: ReportStyle): string {
  const c = ansi(style.color);
  const width = Math.max(60, Math.min(style.width, 110));
  const byId = new Map(a.entities.map((e) => [e.id, e]));
  const timeById = new Map(a.times.map((t) => [t.id, t]));
  const out: string[] = [];
  const title = a.document.title ?? a.document.id;
  out.push(c.bold(title));
  out.push(c.dim(`published ${a.document.published ?? 'unknown'} · ${a.statements.length} statements · ${a.entities.length} entities · ${a.times.length} time expressions · ${a.relations.length} relations`));
  out.push('');
  a.statements.forEach((s, k) => {
    const who = s.source.mention ? `${s.source.mention.text} → ${describe(byId.get(s.source.entity ?? ''))}` : s.source.entity ? describe(byId.get(s.source.entity)) : 'no source';
    const t = s.time ? timeById.get(s.time) : undefined;
    const when = t ? `${t.value ?? '?'} (“${t.span.text}”)` : '';
    out.push(`${c.bold(String(k + 1).padStart(3))}  ${c.cyan(s.type.padEnd(8))} ${c.yellow(s.act.padEnd(9))} ${who}${when ? c.dim('  · ' + when) : ''}`);
    const quote = s.type === 'direct' ? `“${s.quote}”` : s.quote;
    out.push(wrap(quote, width, '     '));
    const extra = [s.cue ? `cue “${s.cue.text}”` : 'no cue', `confidence ${s.confidence.toFixed(2)}`];
    if (s.explain?.length) extra.push(`rules ${s.explain.join(', ')}`);
    out.push(c.dim(wrap(extra.join(' · '), width, '     ')));
  });
  if (a.relations.length) {
    out.push('');
    out.push(c.bold('Relations'));
    for (const r of a.relations) {
      const from = a.statements.find((s) => s.id === r.from), to = a.statements.find((s) => s.id === r.to);
      const name = (id: string | null | undefined) => (id ? byId.get(id)?.name ?? '?' : 'unattributed');
      out.push(`  ${r.from} ${c.red(r.type)} ${r.to}   ${name(from?.source.entity)} ${r.type} ${name(to?.source.entity)}`);
    }
  }
  return out.join('\n') + '\n';
}
