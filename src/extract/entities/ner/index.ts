/**
 * Named-entity recognition: a two-stage averaged-perceptron tagger trained by
 * scripts/train-ner.ts on CoNLL-2003 (see README.md here), shipped as models/ner.bin.
 *
 *  - `loadNer()` loads the shipped model once (synchronous, cached).
 *  - `NerTagger.tag(words)` gives CoNLL BIO tags for one sentence of words.
 *  - `recogniseEntities(nlp)` tags a whole analysed document and returns name spans
 *    with CoNLL labels mapped to contract entity types.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EntityType } from '../../../core/contract.ts';
import type { HearsayDocument } from '../../../core/document.ts';
import { HearsayError } from '../../../core/errors.ts';
import type { Span } from '../../../core/span.ts';
import { readLexicon } from '../../../lexicons/load.ts';
import type { NlpLayer } from '../../../nlp/tokens.ts';
import { NAME_PARTICLES, normWord } from './features.ts';
import { modelKey, tableMaker } from '../../../learn/shared.ts';
import { decodeModel, decodeStages } from './model.ts';
import { NerTagger, WeightTable } from './tagger.ts';
import { groupWords } from './words.ts';

export { NerTagger } from './tagger.ts';
export type { TagOptions, TagResult } from './tagger.ts';

export type NerLabel = 'PER' | 'ORG' | 'LOC' | 'MISC';

export interface NerSpan extends Span {
  /** CoNLL type the tagger assigned. */
  label: NerLabel;
  /** Contract type: PERSON, ORG, GPE / LOC (places), NORP / OTHER (MISC). */
  type: EntityType;
  /** Lowest probability the tagger gave any tag of the span, 0..1. */
  confidence: number;
  /** Ids of the rules behind the span (for --explain): any `ner.repair.*`, then the `ner.type.*` that chose `type`. */
  rules: string[];
}

export const MODEL_URL = new URL('../../../../models/ner.bin', import.meta.url);

let cached: NerTagger | null = null;

/** Loads `models/ner.bin` (once per process). */
export function loadNer(): NerTagger {
  if (cached) return cached;
  const file = fileURLToPath(MODEL_URL);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new HearsayError('NOT_FOUND', 'NER model not found; train it with `npx tsx scripts/train-ner.ts`', { file });
  }
  try {
    cached = new NerTagger(decodeModel(bytes), { table: sharedTables(bytes), joiners: new Set(readLexicon('ner-joiners.txt').map((r) => r[0])) });
  } catch (e) {
    throw new HearsayError('PARSE', `cannot read NER model: ${(e as Error).message}`, { file });
  }
  return cached;
}

/** The weight tables of the model file `bytes`, found among or made into the threads' shared tables (src/learn/shared.ts). */
const sharedTables = (bytes: Uint8Array) => tableMaker(modelKey('ner', bytes));

/**
 * Makes the shipped model's weight table (for `makeSharedTables`: src/learn/shared.ts), one
 * copy for the threads of a process, without the rest of the tagger.
 */
export function loadNerTables(): void {
  const bytes = readFileSync(fileURLToPath(MODEL_URL));
  const { header, stages } = decodeStages(bytes);
  new WeightTable(stages, header.labels.length - 1, sharedTables(bytes));
}

let gpe: Set<string> | null = null;
let norp: Set<string> | null = null;

/** Lower-cased, straightened, without a leading "the" and white-space runs. */
export function normaliseName(name: string): string {
  return normWord(name).toLowerCase().replace(/\s+/g, ' ').replace(/^the /, '').trim();
}

function gpeNames(): Set<string> {
  if (!gpe) {
    gpe = new Set([...readLexicon('ner-gpe.txt'), ...readLexicon('ner-derived-places.txt')].map((r) => normaliseName(r[0])));
  }
  return gpe;
}

function norpNames(): Set<string> {
  if (!norp) {
    norp = new Set([...readLexicon('ner-norp.txt'), ...readLexicon('ner-derived-demonyms.txt')].map((r) => normaliseName(r[0])));
  }
  return norp;
}

function isNorp(name: string): boolean {
  const set = norpNames();
  const n = normaliseName(name);
  if (set.has(n)) return true;
  // "Bosnian Serbs", "American Catholics": every word a NORP word
  const words = n.split(/[\s-]+/).filter(Boolean);
  return words.length > 1 && words.every((w) => set.has(w) || set.has(w.replace(/s$/, '')));
}

let orgs: Set<string> | null = null;

function orgNames(): Set<string> {
  if (!orgs) orgs = new Set(readLexicon('ner-orgs.txt').map((r) => normaliseName(r[0])));
  return orgs;
}

/**
 * Contract type of a name the tagger labelled, and the id of the rule that chose it.
 * CoNLL annotates seats of power ("the Kremlin", "White House") as places; news use
 * them for the institution, so names in ner-orgs.txt become ORG whatever the label.
 */
export function entityType(label: NerLabel, name: string): { type: EntityType; rule: string } {
  const n = normaliseName(name);
  if (label !== 'PER' && label !== 'ORG' && orgNames().has(n)) return { type: 'ORG', rule: 'ner.type.org-lexicon' };
  // a country or city named as an actor ("Washington said", "New York Mayor") is a GPE
  if (label === 'ORG' && gpeNames().has(n)) return { type: 'GPE', rule: 'ner.type.gpe-lexicon' };
  switch (label) {
    case 'PER':
      return { type: 'PERSON', rule: 'ner.type.per' };
    case 'ORG':
      return { type: 'ORG', rule: 'ner.type.org' };
    case 'LOC':
      return gpeNames().has(n) ? { type: 'GPE', rule: 'ner.type.gpe-lexicon' } : { type: 'LOC', rule: 'ner.type.loc' };
    case 'MISC':
      return isNorp(name) ? { type: 'NORP', rule: 'ner.type.norp-lexicon' } : { type: 'OTHER', rule: 'ner.type.misc' };
  }
}

/**
 * Runs the tagger over every sentence of an analysed document (wink tokens regrouped
 * into CoNLL-style words: "Jean-Luc", "Erdoğan" whole, "’s" apart). Pass the document
 * (or its text) so span texts are sliced from it (the nlp layer's own `text` is used when
 * it has one); without any, token texts are joined
 * with single spaces where tokens are apart, which equals the slice only when the gaps
 * are single spaces.
 */
export function recogniseEntities(
  nlp: NlpLayer,
  doc: HearsayDocument | string | null = null,
  tagger: NerTagger = loadNer(),
): NerSpan[] {
  const text = typeof doc === 'string' ? doc : doc ? doc.text : ((nlp as { text?: string }).text ?? null);
  const sentWords = nlp.sentences.map((s) => groupWords(text, nlp.tokens.slice(s.first, s.last)));
  // probabilities only where a name can be (all that the spans' confidences read)
  // arrays filled by push: `map` results have another elements kind when empty, and the
  // tagger's optimised code was thrown away for them
  const sentences: string[][] = [];
  for (const ws of sentWords) {
    const words: string[] = [];
    for (const w of ws) words.push(w.text);
    sentences.push(words);
  }
  const results = tagger.tagDocument(sentences, { probs: 'names' });
  const out: NerSpan[] = [];
  sentWords.forEach((words, si) => {
    const { tags, probs } = results[si];
    for (const c of repairChunks(words.map((w) => w.text), tags)) {
      const { start: i, end: j, label } = c;
      let conf = 1;
      for (let k = i; k < j; k++) conf = Math.min(conf, probs[k]);
      const start = words[i].start, end = words[j - 1].end;
      let spanText: string;
      if (text !== null) spanText = text.slice(start, end);
      else {
        spanText = words[i].text;
        for (let k = i + 1; k < j; k++) spanText += ' '.repeat(words[k].start - words[k - 1].end) + words[k].text;
      }
      const { type, rule } = entityType(label, spanText);
      out.push({ start, end, text: spanText, label, type, confidence: Math.round(conf * 1000) / 1000, rules: [...c.rules, rule] });
    }
  });
  return out;
}

export interface NerChunk { start: number; end: number; label: NerLabel; rules: string[] }

const PARTICLES = NAME_PARTICLES;
const CAPITAL = /^\p{Lu}/u;
let titles: Set<string> | null = null;

function isTitle(word: string): boolean {
  if (!titles) {
    titles = new Set(readLexicon('ner-titles.txt').map((r) => r[0].toLowerCase().replace(/\.$/, '')).filter((t) => !t.includes(' ')));
  }
  return titles.has(normWord(word).toLowerCase().replace(/\.$/, ''));
}

/**
 * Names from BIO tags, with two repairs for news style that CoNLL training rarely shows:
 *  - `ner.repair.title`: a person name that starts with a title keeps the name only
 *    ("Prince Mohammed" -> "Mohammed"), as CoNLL annotates names;
 *  - `ner.repair.particle`: a person name followed by lower-case name particles and a
 *    capitalised word runs on through them ("Mohammed" "bin" "Salman" -> one name).
 */
export function repairChunks(words: string[], tags: string[]): NerChunk[] {
  const chunks: NerChunk[] = [];
  let i = 0;
  while (i < tags.length) {
    if (tags[i] === 'O') { i++; continue; }
    const label = tags[i].slice(2) as NerLabel;
    let j = i + 1;
    while (j < tags.length && tags[j] === 'I-' + label) j++;
    chunks.push({ start: i, end: j, label, rules: [] });
    i = j;
  }
  for (let c = 0; c < chunks.length; c++) {
    const ch = chunks[c];
    if (ch.label !== 'PER') continue;
    // particles: PER + (1-2 particles) + Capitalised word (possibly the next PER chunk)
    for (;;) {
      let k = ch.end;
      while (k < words.length && k - ch.end < 2 && PARTICLES.has(words[k])) k++;
      if (k === ch.end || k >= words.length || !CAPITAL.test(words[k])) break;
      const next = chunks[c + 1];
      if (next && next.start < k) break;
      if (next && next.start === k) {
        if (next.label !== 'PER') break;
        ch.end = next.end;
        chunks.splice(c + 1, 1);
      } else if (tags[k] === 'O') ch.end = k + 1;
      else break;
      if (!ch.rules.includes('ner.repair.particle')) ch.rules.push('ner.repair.particle');
    }
    if (ch.end - ch.start >= 2 && isTitle(words[ch.start])) {
      ch.start++;
      ch.rules.push('ner.repair.title');
    }
  }
  return chunks;
}
