/**
 * Article text → runs of plain text, each knowing which statements cover it (their
 * content), name their source, or hold their cue. The view turns each run into one text
 * node (inside a span when something covers it): the text is never parsed as HTML.
 */
import type { Analysis } from '../../../core/contract.ts';

export interface Run {
  start: number;
  end: number;
  /** Statements whose content covers this run, innermost (shortest) first. */
  content: string[];
  /** Statements whose source mention this run is part of. */
  source: string[];
  /** Statements whose cue this run is part of. */
  cue: string[];
}

export interface Paragraph { start: number; end: number; runs: Run[] }

interface Mark { start: number; end: number; kind: 'content' | 'source' | 'cue'; statement: string }

/** Paragraphs: blank-line separated when the text has blank lines, else one per line; white space trimmed. */
export function paragraphsOf(text: string): { start: number; end: number }[] {
  const sep = /\n[ \t\r\f\v\u00a0]*\n/.test(text) ? /\n[ \t\r\f\v\u00a0]*\n\s*/g : /\n\s*/g;
  const out: { start: number; end: number }[] = [];
  let start = 0;
  const push = (s: number, e: number) => {
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) out.push({ start: s, end: e });
  };
  for (const m of text.matchAll(sep)) {
    push(start, m.index!);
    start = m.index! + m[0].length;
  }
  push(start, text.length);
  return out;
}

export function marksOf(a: Analysis): Mark[] {
  const marks: Mark[] = [];
  for (const s of a.statements) {
    for (const c of s.content) marks.push({ start: c.start, end: c.end, kind: 'content', statement: s.id });
    if (s.source.mention) marks.push({ start: s.source.mention.start, end: s.source.mention.end, kind: 'source', statement: s.id });
    if (s.cue) marks.push({ start: s.cue.start, end: s.cue.end, kind: 'cue', statement: s.id });
  }
  return marks;
}

/** How much text a statement's content spans: nested statements are shorter than the ones holding them. */
export function extents(a: Analysis): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of a.statements) out.set(s.id, s.content.length ? s.content[s.content.length - 1].end - s.content[0].start : 0);
  return out;
}

/**
 * Splits [0, length) at every mark boundary and paragraph edge (a sweep: marks sorted,
 * an active set per kind), and returns the runs inside each paragraph.
 */
export function layout(text: string, a: Analysis): Paragraph[] {
  const len = text.length;
  const marks = marksOf(a).map((m) => ({ ...m, start: Math.max(0, Math.min(len, m.start)), end: Math.max(0, Math.min(len, m.end)) })).filter((m) => m.end > m.start);
  const size = extents(a);
  const paras = paragraphsOf(text);
  const points = new Set<number>([0, len]);
  for (const m of marks) { points.add(m.start); points.add(m.end); }
  for (const p of paras) { points.add(p.start); points.add(p.end); }
  const cuts = [...points].sort((x, y) => x - y);
  const opens = new Map<number, Mark[]>();
  const closes = new Map<number, Mark[]>();
  for (const m of marks) {
    (opens.get(m.start) ?? opens.set(m.start, []).get(m.start)!).push(m);
    (closes.get(m.end) ?? closes.set(m.end, []).get(m.end)!).push(m);
  }
  const active = new Set<Mark>();
  const runs: Run[] = [];
  for (let k = 0; k < cuts.length - 1; k++) {
    const at = cuts[k];
    for (const m of closes.get(at) ?? []) active.delete(m);
    for (const m of opens.get(at) ?? []) active.add(m);
    const run: Run = { start: at, end: cuts[k + 1], content: [], source: [], cue: [] };
    for (const m of active) if (!run[m.kind].includes(m.statement)) run[m.kind].push(m.statement);
    run.content.sort((x, y) => (size.get(x) ?? 0) - (size.get(y) ?? 0) || x.localeCompare(y, 'en', { numeric: true }));
    runs.push(run);
  }
  let r = 0;
  return paras.map((p) => {
    while (r < runs.length && runs[r].end <= p.start) r++;
    const inside: Run[] = [];
    for (let j = r; j < runs.length && runs[j].start < p.end; j++) inside.push(runs[j]);
    return { start: p.start, end: p.end, runs: inside };
  });
}

/** The statement a run stands for when clicked: the innermost content, else the statement it names or cues. */
export function ownerOf(run: Run): string | null {
  return run.content[0] ?? run.source[0] ?? run.cue[0] ?? null;
}
