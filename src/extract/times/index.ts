/**
 * Temporal expressions: finds dates, times, durations and sets in an article and gives
 * each a TIMEX3 type and value, resolving relative ones against the publication date or
 * against a date mentioned earlier in the text. See README.md for the design.
 */
import type { HearsayDocument } from '../../core/document.ts';
import type { ExtractContext } from '../../core/context.ts';
import type { NlpLayer } from '../../nlp/tokens.ts';
import { HearsayError } from '../../core/errors.ts';
import { parseIsoDate } from './calendar.ts';
import { RULES, TRIGGERS, type Ctx, type Parsed } from './rules.ts';
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

/** For each trigger word or number class, the rules (by index) whose matches contain it. */
const BY_WORD = new Map<string, number[]>();
RULES.forEach((rule, i) => {
  const keys = TRIGGERS[rule.id];
  if (!keys) throw new Error(`time rule ${rule.id} has no trigger words`);
  for (const k of new Set(keys)) {
    const list = BY_WORD.get(k) ?? [];
    list.push(i);
    BY_WORD.set(k, list);
  }
});

function numberClasses(w: string, into: Set<number>): void {
  const add = (k: string) => { const r = BY_WORD.get(k); if (r) for (const i of r) into.add(i); };
  add('#');
  if (/\d{4}/.test(w)) add('#4');
  if (/\d['’]?s$/.test(w)) add('#s');
  if (/\d:\d/.test(w)) add('#:');
  if (/\d[/-]\d/.test(w)) add('#/');
}

/** Characters a window reaches either side of a trigger word. */
const REACH = 72;

/** Rules triggered by a lower-cased token (memoised for tokens that need splitting). */
const tokenRules = new Map<string, readonly number[]>();
const NONE: readonly number[] = [];
function rulesFor(lower: string): readonly number[] {
  // the common case: a plain word, looked up directly
  let plain = true;
  for (let k = 0; k < lower.length; k++) {
    const c = lower.charCodeAt(k);
    if (c < 97 || c > 122) { plain = false; break; }
  }
  if (plain) return BY_WORD.get(lower) ?? NONE;
  let r = tokenRules.get(lower);
  if (r) return r;
  const found = new Set<number>();
  numberClasses(lower, found);
  if (!/\d/.test(lower)) found.clear();
  for (const raw of lower.split(/[-/]+/)) {
    if (!raw) continue;
    const w = raw.replace(/['’]s$/, '').replace(/['’.,]/g, '');
    const rules = BY_WORD.get(w);
    if (rules) for (const i of rules) found.add(i);
  }
  r = found.size ? [...found] : NONE;
  if (tokenRules.size > 50_000) tokenRules.clear();
  tokenRules.set(lower, r);
  return r;
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13 || c === 160 || c === 12 || c === 11;

/**
 * Windows of text (merged, per rule) around the words that can start or end a match of
 * that rule; each window begins and ends at white space so word boundaries hold.
 */
function windows(text: string, nlp: NlpLayer): { start: number; end: number }[][] {
  const out: { start: number; end: number }[][] = RULES.map(() => []);
  const n = text.length;
  for (const t of nlp.tokens) {
    const rules = rulesFor(t.lower);
    if (rules === NONE) continue;
    let a = t.start > REACH ? t.start - REACH : 0;
    let b = t.end + REACH < n ? t.end + REACH : n;
    while (a > 0 && !isSpace(text.charCodeAt(a - 1))) a--;
    while (b < n && !isSpace(text.charCodeAt(b))) b++;
    for (const r of rules) {
      const ws = out[r];
      const prev = ws[ws.length - 1];
      if (prev && a <= prev.end) { if (b > prev.end) prev.end = b; }
      else ws.push({ start: a, end: b });
    }
  }
  return out;
}

/** Every rule's accepted matches, before overlaps are settled. */
export function candidates(text: string, nlp: NlpLayer): Pick[] {
  const ctx: Ctx = { text, nlp };
  const out: Pick[] = [];
  const wins = windows(text, nlp);
  RULES.forEach((rule, prio) => {
    for (const w of wins[prio]) {
      const sub = text.slice(w.start, w.end);
      const re = rule.re;
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(sub))) {
        if (!m[0]) { re.lastIndex++; continue; }
        const next = re.lastIndex;
        m.index += w.start;
        const res = rule.parse(m, ctx);
        if (!res) continue;
        for (const p of Array.isArray(res) ? res : [res]) {
          let start = p.start ?? m.index;
          let end = p.end ?? m.index + m[0].length;
          while (start < end && /\s/.test(text[start])) start++;
          while (end > start && /\s/.test(text[end - 1])) end--;
          if (end <= start) continue;
          out.push({ start, end, rule: p.rule ?? rule.id, prio, parsed: p });
        }
        re.lastIndex = next;
      }
    }
  });
  return out;
}

/** Longest match wins; on equal length, the earlier rule. */
function select(all: Pick[], length: number): Pick[] {
  const sorted = [...all].sort((a, b) => (b.end - b.start) - (a.end - a.start) || a.prio - b.prio || a.start - b.start);
  const used = new Uint8Array(length + 1);
  const chosen: Pick[] = [];
  for (const c of sorted) {
    let free = true;
    for (let k = c.start; k < c.end; k++) if (used[k]) { free = false; break; }
    if (!free) continue;
    used.fill(1, c.start, c.end);
    chosen.push(c);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

export function extractTimes(doc: HearsayDocument, nlp: NlpLayer, ctx: ExtractContext): TimeExpr[] {
  const text = doc.text;
  const picks = select(candidates(text, nlp), text.length);
  const dctFull = parseIsoDate(ctx.published);
  if (ctx.published !== null && ctx.published !== undefined && !dctFull) {
    throw new HearsayError('BAD_ARGUMENT', `publication date "${ctx.published}" is not an ISO 8601 date (YYYY-MM-DD)`, { item: doc.id });
  }
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
  // (literals filled by push: arrays made by `map`/`filter` have another elements kind when empty,
  // and the code reading them was deoptimised for it)
  const kept: Resolved[] = [];
  for (const r of results) if (r) kept.push(r);
  const rename = new Map<string, string>();
  kept.forEach((r, i) => rename.set(r.id, `t${i + 1}`));
  const out: TimeExpr[] = [];
  for (const r of kept) {
    out.push({
      id: rename.get(r.id)!,
      span: { start: r.start, end: r.end, text: text.slice(r.start, r.end) },
      type: r.type,
      value: r.value,
      anchor: r.anchor === 'ref' ? (r.refId && rename.get(r.refId)) || null : r.anchor,
      rule: r.rule ?? 'time',
    });
  }
  return out;
}
