/**
 * Temporal expressions: finds dates, times, durations and sets in an article and gives
 * each a TIMEX3 type and value, resolving relative ones against the publication date or
 * against a date mentioned earlier in the text. See README.md for the design.
 */
import type { HearsayDocument } from '../../core/document.ts';
import type { ExtractContext } from '../../core/context.ts';
import type { NlpLayer } from '../../nlp/tokens.ts';
import { parseIsoDate } from './calendar.ts';
import { RULES, type Ctx, type Parsed } from './rules.ts';
import { clauseTense, type Tense } from './tense.ts';
import type { Here, Resolved, State, TimeExpr } from './types.ts';

export type { TimeExpr } from './types.ts';
export { timeForRange } from './range.ts';

interface Pick {
  start: number;
  end: number;
  rule: string;
  prio: number;
  parsed: Parsed;
}

/** Every rule's accepted matches, before overlaps are settled. */
export function candidates(text: string, nlp: NlpLayer): Pick[] {
  const ctx: Ctx = { text, nlp };
  const out: Pick[] = [];
  RULES.forEach((rule, prio) => {
    for (const m of text.matchAll(rule.re)) {
      if (!m[0]) continue;
      const res = rule.parse(m, ctx);
      if (!res) continue;
      for (const p of Array.isArray(res) ? res : [res]) {
        let start = p.start ?? m.index!;
        let end = p.end ?? m.index! + m[0].length;
        while (start < end && /\s/.test(text[start])) start++;
        while (end > start && /\s/.test(text[end - 1])) end--;
        if (end <= start) continue;
        out.push({ start, end, rule: p.rule ?? rule.id, prio, parsed: p });
      }
    }
  });
  return out;
}

/** Longest match wins; on equal length, the earlier rule. */
function select(all: Pick[]): Pick[] {
  const sorted = [...all].sort((a, b) => (b.end - b.start) - (a.end - a.start) || a.prio - b.prio || a.start - b.start);
  const chosen: Pick[] = [];
  for (const c of sorted) {
    if (chosen.some((k) => k.start < c.end && c.start < k.end)) continue;
    chosen.push(c);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

export function extractTimes(doc: HearsayDocument, nlp: NlpLayer, ctx: ExtractContext): TimeExpr[] {
  const text = doc.text;
  const picks = select(candidates(text, nlp));
  const dctFull = parseIsoDate(ctx.published);
  const st: State = {
    text,
    nlp,
    dct: dctFull ? { y: dctFull.y, m: dctFull.m, d: dctFull.d } : null,
    dctClock: dctFull && dctFull.h !== null ? { h: dctFull.h, min: dctFull.min ?? 0 } : null,
    done: [],
  };
  const ids = picks.map((_, i) => `t${i + 1}`);
  const results: (Resolved | null)[] = new Array(picks.length).fill(null);
  const order = picks.map((_, i) => i);
  order.sort((a, b) => Number(!!picks[a].parsed.late) - Number(!!picks[b].parsed.late) || a - b);
  for (const i of order) {
    const p = picks[i];
    const t0 = nlp.tokenAt(p.start);
    let t1 = nlp.tokenAt(Math.max(p.start, p.end - 1)) + 1;
    if (t1 <= t0) t1 = t0 + 1;
    const sent = nlp.tokens[t0]?.sent ?? (nlp.tokens.length ? nlp.tokens[nlp.tokens.length - 1].sent : 0);
    let tense: Tense | null | undefined;
    const here: Here = {
      start: p.start, end: p.end, t0, t1, sent,
      tense: () => (tense === undefined ? (tense = clauseTense(nlp, t0, t1)) : tense),
    };
    const out = p.parsed.resolve(st, here);
    if (!out) continue;
    const r: Resolved = { ...out, id: ids[i], start: p.start, end: p.end, sent, rule: out.rule ?? p.rule };
    results[i] = r;
    st.done.push(r);
  }
  // Ids are given in document order over the expressions that resolved.
  const kept = results.map((r, i) => (r ? { r, p: picks[i] } : null)).filter((x): x is { r: Resolved; p: Pick } => !!x);
  const rename = new Map<string, string>();
  kept.forEach((k, i) => rename.set(k.r.id, `t${i + 1}`));
  return kept.map(({ r }) => ({
    id: rename.get(r.id)!,
    span: { start: r.start, end: r.end, text: text.slice(r.start, r.end) },
    type: r.type,
    value: r.value,
    anchor: r.anchor === 'ref' ? (r.refId && rename.get(r.refId)) || null : r.anchor,
    rule: r.rule ?? 'time',
  }));
}
