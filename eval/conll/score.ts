/**
 * Exact-span scoring with conlleval semantics: a chunk is a maximal run opened by B-X
 * (or by an I-X that does not continue an X chunk) and continued by I-X; a predicted
 * chunk counts only when its start, end and type all equal a gold chunk's.
 */
import { prf } from '../types.ts';

export interface Chunk { start: number; end: number; type: string }

export function chunks(tags: string[]): Chunk[] {
  const out: Chunk[] = [];
  let cur: Chunk | null = null;
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i];
    const type = t === 'O' ? null : t.slice(2);
    const continues = cur !== null && t.startsWith('I-') && type === cur.type;
    if (cur && !continues) { out.push(cur); cur = null; }
    if (type && !continues) cur = { start: i, end: i + 1, type };
    else if (continues) cur!.end = i + 1;
  }
  if (cur) out.push(cur);
  return out;
}

export class ChunkScorer {
  readonly tp = new Map<string, number>();
  readonly pred = new Map<string, number>();
  readonly gold = new Map<string, number>();

  private inc(m: Map<string, number>, k: string) { m.set(k, (m.get(k) ?? 0) + 1); }

  /** Adds one sentence given gold and predicted chunks over the same tokens. */
  add(gold: Chunk[], pred: Chunk[]): void {
    const g = new Set(gold.map((c) => `${c.start}:${c.end}:${c.type}`));
    for (const c of gold) this.inc(this.gold, c.type);
    for (const c of pred) {
      this.inc(this.pred, c.type);
      if (g.has(`${c.start}:${c.end}:${c.type}`)) this.inc(this.tp, c.type);
    }
  }

  types(): string[] {
    return [...new Set([...this.gold.keys(), ...this.pred.keys()])].sort();
  }

  score(type?: string): { p: number; r: number; f: number; tp: number; pred: number; gold: number } {
    const sum = (m: Map<string, number>) => (type ? m.get(type) ?? 0 : [...m.values()].reduce((a, b) => a + b, 0));
    const tp = sum(this.tp), pred = sum(this.pred), gold = sum(this.gold);
    return { ...prf(tp, pred, gold), tp, pred, gold };
  }
}
