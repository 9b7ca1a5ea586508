/** Gold PolNeAR attributions mapped onto our tokens, for training and error analysis. */
import { trimChars, type Range } from '../../src/core/span.ts';
import type { NlpLayer } from '../../src/nlp/tokens.ts';
import { tokenRange } from '../../src/extract/attribution/features.ts';
import { EDGE_CHARS } from './score.ts';
import type { GoldAttribution } from './reader.ts';

export interface TokenAttribution {
  cue: [number, number] | null;
  source: [number, number][];
  content: [number, number][];
}

function toTokens(text: string, nlp: NlpLayer, ranges: Range[] | null): [number, number][] {
  if (!ranges) return [];
  const out: [number, number][] = [];
  for (const r of ranges) {
    const t = trimChars(text, r, EDGE_CHARS);
    if (t.end <= t.start) continue;
    const tr = tokenRange(nlp, t);
    if (tr) out.push(tr);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

export function goldTokens(text: string, nlp: NlpLayer, attrs: GoldAttribution[]): TokenAttribution[] {
  return attrs.map((a) => {
    const cue = toTokens(text, nlp, a.cue);
    return {
      cue: cue.length ? [cue[0][0], cue[cue.length - 1][1]] : null,
      source: toTokens(text, nlp, a.source),
      content: toTokens(text, nlp, a.content),
    };
  });
}
