/**
 * The default name recogniser: the trained tagger (./ner), with the word lists layered on
 * top where they are more precise — a known organisation or country named exactly as in
 * the lists keeps the lists' type ("the Kremlin" is an organisation, "Washington" in
 * "Washington said" the United States).
 */
import type { NlpLayer } from '../../nlp/tokens.ts';
import { recogniseEntities } from './ner/index.ts';
import { entityLexicon } from './lexicon.ts';
import { readLexicon } from '../../lexicons/load.ts';
import { lexiconNames, nameSpan, ORG_SUFFIX, type NameRecogniser, type NameSpan } from './names.ts';

export const nerNames: NameRecogniser = (nlp: NlpLayer) => {
  const out: NameSpan[] = [];
  for (const s of recogniseEntities(nlp)) {
    const first = nlp.tokenAt(s.start);
    let last = first;
    while (last < nlp.tokens.length && nlp.tokens[last].start < s.end) last++;
    if (last <= first) continue;
    out.push(nameSpan(s.start, s.end, s.text, first, last, s.type, s.confidence, s.rules.join('+') || 'ner'));
  }
  mergeAdjacentPersons(nlp, out);
  // a capitalised common noun opening a sentence is not a name ("Prosecutors said", "Diplomats")
  const lex = entityLexicon();
  for (let k = out.length - 1; k >= 0; k--) {
    const sp = out[k];
    if (sp.last - sp.first !== 1) continue;
    const t = nlp.tokens[sp.first];
    const opens = sp.first === 0 || nlp.tokens[sp.first - 1].sent !== t.sent || /^["“‘'(—–-]$/.test(nlp.tokens[sp.first - 1].text);
    if (opens && (personNoun(t.lower) || lex.titles.has(t.lower))) out.splice(k, 1);
  }
  // "Noordveld Pharma", "Ridgeway Logistics": a name ending in a company word is an organisation
  for (const sp of out) {
    if (sp.type !== 'ORG' && sp.type !== 'GPE' && sp.last - sp.first >= 2 && ORG_SUFFIX.has(nlp.tokens[sp.last - 1].lower)) {
      sp.type = 'ORG';
      sp.rule += '+names.org-suffix';
    }
  }
  const lexical = lexiconNames(nlp);
  for (const r of lexical) {
    const clash = out.findIndex((s) => s.start < r.end && r.start < s.end);
    if (clash < 0) out.push(r);
    else if (out[clash].start === r.start && out[clash].end === r.end) {
      const c = out[clash];
      out[clash] = nameSpan(c.start, c.end, c.text, c.first, c.last, r.type, c.confidence, `${c.rule}+${r.rule}`);
    }
  }
  return out.sort((a, b) => a.start - b.start);
};

/**
 * The tagger sometimes cuts one person's name in two: "Frontman Rory | Ó Súilleabháin",
 * "Marguerite | “Mags” | O’Donnell". Names that touch (only a space, or a one-word nickname in
 * quotation marks, between them), at least one of them a person, become one person's name.
 */
function mergeAdjacentPersons(nlp: NlpLayer, spans: NameSpan[]): void {
  spans.sort((a, b) => a.start - b.start);
  const text = nlp.text;
  for (let k = 0; k + 1 < spans.length; k++) {
    const a = spans[k];
    let b = spans[k + 1];
    let gap = text.slice(a.end, b.start);
    let skip = 1;
    // Marguerite “Mags” O’Donnell: the nickname is a name span of its own between them
    if (/^\s*[“"‘']$/.test(gap) && k + 2 < spans.length && /^[”"’']\s+$/.test(text.slice(b.end, spans[k + 2].start)) && b.last - b.first === 1) {
      gap = text.slice(a.end, spans[k + 2].start);
      b = spans[k + 2];
      skip = 2;
    }
    const nick = /^\s*[“"‘'][\p{Lu}][\p{L}.’'-]*[”"’']\s+$/u.test(gap);
    if (!(gap === ' ' || nick)) continue;
    if (a.type !== 'PERSON' && b.type !== 'PERSON') continue;
    if (a.type !== 'PERSON' && a.type !== 'ORG' && a.type !== 'OTHER') continue;
    if (b.type !== 'PERSON' && b.type !== 'OTHER') continue;
    if (nlp.tokens[a.first].sent !== nlp.tokens[b.last - 1].sent) continue;
    spans.splice(k, skip + 1,
      nameSpan(a.start, b.end, text.slice(a.start, b.end), a.first, b.last, 'PERSON', Math.min(a.confidence, b.confidence), `${a.rule}+names.merge-adjacent`));
    k--;
  }
}

let personNouns: Set<string> | null = null;
function personNoun(w: string): boolean {
  personNouns ??= new Set(readLexicon('person-nouns.txt').flatMap((r) => r.map((x) => x.toLowerCase())));
  return personNouns.has(w);
}
