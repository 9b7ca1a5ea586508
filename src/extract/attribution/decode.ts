/**
 * Runs the learned models over a prepared document: cues first, then for each cue its
 * content (a span left and/or right of the cue) and its source (outside the content).
 */
import type { Prepared } from './prepare.ts';
import { bestOnSide, tagCues, type AttributionModels, type Cue, type SpanChoice, type SpanContext, type StaticCache } from './models.ts';

export interface RawAttribution {
  cue: Cue;
  content: SpanChoice[];
  source: SpanChoice | null;
  /** Margin of the content decision (best span score minus the none score), for confidence. */
  margin: number;
}

/**
 * How many sentences before and after the cue's own a span may reach (within its paragraph):
 * on PolNeAR train, 99% of contents lie within two sentences before and three after the
 * cue's, and 99.5% of sources within one either side.
 */
const WINDOW = { content: [2, 3], source: [1, 1] } as const;

export function spanContext(p: Prepared, cue: Cue, blocked: Uint8Array | null, cache?: StaticCache, role: 'content' | 'source' = 'content'): SpanContext {
  const [plo, phi] = p.paraTokens[p.f.para[cue.first]];
  const sents = p.nlp.sentences;
  const s = p.f.sent[cue.first];
  const [before, after] = WINDOW[role];
  const lo = Math.max(plo, sents[Math.max(0, s - before)].first);
  const hi = Math.min(phi, sents[Math.min(sents.length - 1, s + after)].last);
  return { f: p.f, edge: p.edge, cue, lo, hi, blocked, cache };
}

export function decodeContent(models: AttributionModels, ctx: SpanContext): { spans: SpanChoice[]; margin: number } {
  const left = bestOnSide('content', models.content, ctx, 0);
  const right = bestOnSide('content', models.content, ctx, 1);
  const spans: SpanChoice[] = [];
  if (left.span) spans.push(left.span);
  if (right.span) spans.push(right.span);
  if (!spans.length) {
    // at least one side must hold content: take the side whose span loses least to "none"
    const l = left.bestSpan ? left.spanScore - left.noneScore : -Infinity;
    const r = right.bestSpan ? right.spanScore - right.noneScore : -Infinity;
    if (l === -Infinity && r === -Infinity) return { spans, margin: -Infinity };
    spans.push((l >= r ? left.bestSpan : right.bestSpan)!);
    return { spans, margin: Math.max(l, r) };
  }
  const margin = Math.max(left.span ? left.spanScore - left.noneScore : -Infinity, right.span ? right.spanScore - right.noneScore : -Infinity);
  return { spans, margin };
}

export function decodeSource(models: AttributionModels, ctx: SpanContext): SpanChoice | null {
  const left = bestOnSide('source', models.source, ctx, 0);
  const right = bestOnSide('source', models.source, ctx, 1);
  // "none" is scored once, with the left-side none features
  const none = left.noneScore;
  let best: SpanChoice | null = null;
  let score = none;
  if (left.bestSpan && left.spanScore > score) { best = left.bestSpan; score = left.spanScore; }
  if (right.bestSpan && right.spanScore > score) { best = right.bestSpan; score = right.spanScore; }
  return best;
}

export function blockMask(n: number, cue: Cue, spans: SpanChoice[]): Uint8Array {
  const m = new Uint8Array(n);
  for (let i = cue.first; i < cue.last; i++) m[i] = 1;
  for (const s of spans) for (let i = s.first; i < s.last; i++) m[i] = 1;
  return m;
}

export function decodeAttributions(models: AttributionModels, p: Prepared): RawAttribution[] {
  const out: RawAttribution[] = [];
  const cache: StaticCache = new Map();
  for (const [first, last] of tagCues(models.cue, p.f)) {
    const cue = { first, last };
    const { spans, margin } = decodeContent(models, spanContext(p, cue, null, cache));
    if (!spans.length) continue;
    const source = decodeSource(models, spanContext(p, cue, blockMask(p.f.n, cue, spans), cache, 'source'));
    out.push({ cue, content: spans, source, margin });
  }
  return out;
}
