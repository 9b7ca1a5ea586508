/**
 * Which time dates a statement: a DATE or TIME in the cue's sentence, outside the
 * statement's content, preferring one attached to the cue verb ("said Monday", "told
 * reporters on Tuesday", "on Friday said", "On Friday, the minister said").
 */
import type { Range } from '../../core/span.ts';
import type { NlpLayer } from '../../nlp/tokens.ts';
import type { TimeExpr } from './types.ts';

const MAX_DISTANCE = 14;
const VERBISH = new Set(['VERB', 'AUX']);

export function timeForRange(times: TimeExpr[], nlp: NlpLayer, cue: Range, exclude: Range[]): string | null {
  if (!times.length || !nlp.tokens.length) return null;
  const c0 = nlp.tokenAt(cue.start);
  const c1 = Math.max(c0, nlp.tokenAt(Math.max(cue.start, cue.end - 1)));
  const cueTok = nlp.tokens[c0];
  if (!cueTok) return null;
  const sent = nlp.sentences[cueTok.sent];
  let best: { id: string; score: number } | null = null;
  for (const t of times) {
    if (t.type !== 'DATE' && t.type !== 'TIME') continue;
    if (exclude.some((x) => x.start < t.span.end && t.span.start < x.end)) continue;
    if (t.span.start < cue.end && cue.start < t.span.end) continue;
    const a = nlp.tokenAt(t.span.start);
    const b = Math.max(a, nlp.tokenAt(Math.max(t.span.start, t.span.end - 1)));
    if (a < sent.first || b >= sent.last) continue;
    let score: number;
    let between: number[];
    if (a > c1) {
      score = a - c1 - 1;
      between = range(c1 + 1, a);
    } else {
      score = c0 - b - 1;
      between = range(b + 1, c0);
      score += 0.5; // after the cue is the commoner attachment on ties
    }
    // Another verb between the cue and the time: the time likely belongs to that verb.
    const verbs = between.filter((k) => VERBISH.has(nlp.tokens[k].pos)).length;
    score += 6 * verbs;
    // A time opening the sentence ("On Friday, the minister said") governs the main clause.
    if (a <= sent.first + 1 && b < c0 && nlp.tokens[b + 1]?.text === ',') score = Math.min(score, 3 + 6 * Math.max(0, verbs - 1));
    if (t.value && /_REF$/.test(t.value)) score += 4; // "now" dates a statement only weakly
    if (score > MAX_DISTANCE) continue;
    if (!best || score < best.score) best = { id: t.id, score };
  }
  return best ? best.id : null;
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i < b; i++) out.push(i);
  return out;
}
