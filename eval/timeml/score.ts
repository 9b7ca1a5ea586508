/**
 * TempEval-3 style timex scoring. Extents: strict (exact offsets) and relaxed (any overlap,
 * pairs chosen one-to-one, largest overlap first). Attributes (type, value) are scored on
 * relaxed matches: an attribute F1 has precision = matches with the right attribute over
 * predicted timexes, recall = the same over gold timexes.
 */
import { prf } from '../types.ts';

export interface ScoredTimex {
  start: number;
  end: number;
  type: string;
  value: string | null;
}

export interface Counts {
  gold: number;
  pred: number;
  strict: number;
  relaxed: number;
  type: number;
  value: number;
}

export const zeroCounts = (): Counts => ({ gold: 0, pred: 0, strict: 0, relaxed: 0, type: 0, value: 0 });

export interface Pair<G, P> { gold: G; pred: P }

/** One-to-one overlap pairs between gold and predicted, largest overlap first. */
export function matchTimexes<G extends ScoredTimex, P extends ScoredTimex>(gold: G[], pred: P[]): Pair<G, P>[] {
  const cands: { g: number; p: number; ov: number; exact: boolean }[] = [];
  for (let g = 0; g < gold.length; g++) {
    for (let p = 0; p < pred.length; p++) {
      const ov = Math.min(gold[g].end, pred[p].end) - Math.max(gold[g].start, pred[p].start);
      if (ov > 0) cands.push({ g, p, ov, exact: gold[g].start === pred[p].start && gold[g].end === pred[p].end });
    }
  }
  cands.sort((a, b) => Number(b.exact) - Number(a.exact) || b.ov - a.ov || a.g - b.g || a.p - b.p);
  const usedG = new Set<number>(), usedP = new Set<number>();
  const out: Pair<G, P>[] = [];
  for (const c of cands) {
    if (usedG.has(c.g) || usedP.has(c.p)) continue;
    usedG.add(c.g); usedP.add(c.p);
    out.push({ gold: gold[c.g], pred: pred[c.p] });
  }
  return out;
}

export function scoreDoc(gold: ScoredTimex[], pred: ScoredTimex[], into: Counts = zeroCounts()): Counts {
  into.gold += gold.length;
  into.pred += pred.length;
  for (const { gold: g, pred: p } of matchTimexes(gold, pred)) {
    into.relaxed++;
    if (g.start === p.start && g.end === p.end) into.strict++;
    if (g.type === p.type) into.type++;
    if (p.value !== null && g.value === p.value) into.value++;
  }
  return into;
}

export interface Metrics {
  'strict.p': number; 'strict.r': number; 'strict.f1': number;
  'relaxed.p': number; 'relaxed.r': number; 'relaxed.f1': number;
  'type.acc': number; 'type.f1': number;
  'value.p': number; 'value.r': number; 'value.f1': number;
  'value.acc': number;
}

export function metrics(c: Counts): Metrics {
  const s = prf(c.strict, c.pred, c.gold);
  const r = prf(c.relaxed, c.pred, c.gold);
  const t = prf(c.type, c.pred, c.gold);
  const v = prf(c.value, c.pred, c.gold);
  return {
    'strict.p': s.p, 'strict.r': s.r, 'strict.f1': s.f,
    'relaxed.p': r.p, 'relaxed.r': r.r, 'relaxed.f1': r.f,
    'type.acc': c.relaxed ? (100 * c.type) / c.relaxed : 0, 'type.f1': t.f,
    'value.p': v.p, 'value.r': v.r, 'value.f1': v.f,
    'value.acc': c.relaxed ? (100 * c.value) / c.relaxed : 0,
  };
}

/**
 * The kind of a value disagreement, for the summary: forms of the same reading that this
 * module writes differently on purpose (see README "Guideline readings"), and the rest.
 */
export function valueKind(gold: { type: string; value: string }, pred: { type: string; value: string | null }): string {
  const g = gold.value, p = pred.value ?? '';
  if (!p) return 'no value';
  if (/^(?:\d{4})(?:-XX)+$/.test(g) && g.startsWith(p)) return 'year written 1949-XX';
  if (/^\d{3}X$/.test(g) && g === p + 'X') return 'decade written 198X';
  const POD = /T(?:MO|AF|EV|NI|DT)$/;
  if (POD.test(p) !== POD.test(g) && p.replace(POD, '') === g.replace(POD, '')) return 'part of day (Friday night) kept or dropped';
  if (/^\d{4}-W\d$/.test(g) && p === g.replace(/W(\d)$/, 'W0$1')) return 'week written W7';
  if (/^\d{4}-W\d\d(?:-WE)?$/.test(p) && !/W\d\d/.test(g)) return 'week read as something else';
  if (/X/.test(g) && !/X/.test(p)) return 'gold underspecified (WXX, QX, XX)';
  if (/^P/.test(g) !== /^P/.test(p)) return 'duration vs point';
  if (/^[A-Z]+_REF$/.test(g) || /^[A-Z]+_REF$/.test(p)) return 'REF vs value';
  return 'other';
}
