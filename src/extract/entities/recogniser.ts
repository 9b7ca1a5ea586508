/**
 * The default name recogniser: the trained tagger (./ner), with the word lists layered on
 * top where they are more precise — a known organisation or country named exactly as in
 * the lists keeps the lists' type ("the Kremlin" is an organisation, "Washington" in
 * "Washington said" the United States).
 */
import type { NlpLayer } from '../../nlp/tokens.ts';
import { recogniseEntities } from './ner/index.ts';
import { lexiconNames, type NameRecogniser, type NameSpan } from './names.ts';

export const nerNames: NameRecogniser = (nlp: NlpLayer) => {
  const out: NameSpan[] = [];
  for (const s of recogniseEntities(nlp)) {
    const first = nlp.tokenAt(s.start);
    let last = first;
    while (last < nlp.tokens.length && nlp.tokens[last].start < s.end) last++;
    if (last <= first) continue;
    out.push({ start: s.start, end: s.end, text: s.text, first, last, type: s.type, confidence: s.confidence, rule: s.rules.join('+') || 'ner' });
  }
  const lexical = lexiconNames(nlp);
  for (const r of lexical) {
    const clash = out.findIndex((s) => s.start < r.end && r.start < s.end);
    if (clash < 0) out.push(r);
    else if (out[clash].start === r.start && out[clash].end === r.end) out[clash] = { ...out[clash], type: r.type, rule: `${out[clash].rule}+${r.rule}` };
  }
  return out.sort((a, b) => a.start - b.start);
};
