/**
 * PolNeAR scoring. Each span role (source, cue, content) is scored on its own.
 * - exact: a predicted span list matches a gold one when every piece has the same offsets
 *   after trimming white space, edge punctuation and quotation marks on both sides;
 *   multiset matching, so each gold span is matched at most once.
 * - overlap: token level; precision = predicted tokens that fall in a gold span of the
 *   role over all predicted tokens, recall = gold tokens covered by a prediction over all
 *   gold tokens.
 * Predictions overlapping text the annotators discarded are ignored.
 */
import { overlaps, trimChars, type Range } from '../../src/core/span.ts';
import { prf } from '../types.ts';

export type Role = 'source' | 'cue' | 'content';
export const ROLES: Role[] = ['source', 'cue', 'content'];
export type Attribution = Record<Role, Range[] | null>;

export const EDGE_CHARS = `.,;:!?"'“”‘’«»‹›()[]{}—–-…`;

export interface Counts { tp: number; pred: number; gold: number }
export interface RoleCounts { exact: Counts; overlap: Counts }
export type Tally = Record<Role, RoleCounts>;

export function emptyTally(): Tally {
  const c = (): RoleCounts => ({ exact: { tp: 0, pred: 0, gold: 0 }, overlap: { tp: 0, pred: 0, gold: 0 } });
  return { source: c(), cue: c(), content: c() };
}

function key(text: string, ranges: Range[]): string | null {
  const parts = ranges
    .map((r) => trimChars(text, r, EDGE_CHARS))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start)
    .map((r) => `${r.start}-${r.end}`);
  return parts.length ? parts.join(';') : null;
}

const TOKEN = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;

export function tokenRanges(text: string): Range[] {
  const out: Range[] = [];
  for (const m of text.matchAll(TOKEN)) out.push({ start: m.index!, end: m.index! + m[0].length });
  return out;
}

function tokenMask(tokens: Range[], spans: Range[]): Uint8Array {
  const mask = new Uint8Array(tokens.length);
  for (const s of spans) {
    // tokens are sorted: binary search the first token ending after s.start
    let lo = 0, hi = tokens.length;
    while (lo < hi) { const m = (lo + hi) >> 1; if (tokens[m].end <= s.start) lo = m + 1; else hi = m; }
    for (let i = lo; i < tokens.length && tokens[i].start < s.end; i++) mask[i] = 1;
  }
  return mask;
}

export function scoreArticle(tally: Tally, text: string, gold: Attribution[], pred: Attribution[], discard: Range[] = []): void {
  const tokens = tokenRanges(text);
  for (const role of ROLES) {
    const g = gold.map((a) => a[role]).filter((r): r is Range[] => !!r && r.length > 0);
    const p = pred
      .map((a) => a[role])
      .filter((r): r is Range[] => !!r && r.length > 0)
      .filter((r) => !r.some((x) => discard.some((d) => overlaps(x, d))));
    const t = tally[role];
    const gk = new Map<string, number>();
    let gn = 0;
    for (const r of g) {
      const k = key(text, r);
      if (!k) continue;
      gn++;
      gk.set(k, (gk.get(k) ?? 0) + 1);
    }
    let pn = 0, tp = 0;
    for (const r of p) {
      const k = key(text, r);
      if (!k) continue;
      pn++;
      const left = gk.get(k) ?? 0;
      if (left > 0) { tp++; gk.set(k, left - 1); }
    }
    t.exact.tp += tp; t.exact.pred += pn; t.exact.gold += gn;
    const gm = tokenMask(tokens, g.flat().map((r) => trimChars(text, r, EDGE_CHARS)));
    const pm = tokenMask(tokens, p.flat().map((r) => trimChars(text, r, EDGE_CHARS)));
    for (let i = 0; i < tokens.length; i++) {
      if (pm[i]) t.overlap.pred++;
      if (gm[i]) t.overlap.gold++;
      if (pm[i] && gm[i]) t.overlap.tp++;
    }
  }
}

export function summarise(tally: Tally): Record<string, number> {
  const out: Record<string, number> = {};
  for (const role of ROLES) {
    for (const mode of ['exact', 'overlap'] as const) {
      const c = tally[role][mode];
      const { p, r, f } = prf(c.tp, c.pred, c.gold);
      out[`${mode}.${role}.p`] = p;
      out[`${mode}.${role}.r`] = r;
      out[`${mode}.${role}.f1`] = f;
    }
  }
  return out;
}
