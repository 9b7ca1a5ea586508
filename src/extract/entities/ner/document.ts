/**
 * Document-level features for the second tagging pass. A name is usually typed the same
 * way throughout an article ("Michael Lynagh ... Lynagh kicked"), and headlines in
 * capitals or bare surnames are hard on their own. The first pass tags every sentence;
 * these keys then tell the second pass, for each capitalised word, how the first pass
 * typed the *other* occurrences of the same word (case-insensitively) and whether it
 * occurs inside a longer name elsewhere, plus the first-pass tags around the token.
 *
 * `documentValues` reduces a document to three small integers per token (`majority`,
 * `present`, `contained`); training hashes them into keys (`docKeys`), and the tagger
 * reads its weights for them from small dense tables instead.
 */
import { key1, key2, key3, strHash } from './hash.ts';
import type { WordInfo } from './features.ts';

export const N_DOC = 6;

const TYPES = ['PER', 'ORG', 'LOC', 'MISC'];
/** 0 for O, else 1 + the index of the BIO tag's type in PER, ORG, LOC, MISC. */
export const typeIndex = (tag: string) => (tag === 'O' ? 0 : TYPES.indexOf(tag.slice(2)) + 1);

/** Value ranges of the document values (for dense tables): majority 0..6, present + 1 in 0..31, contained 0..15. */
export const N_MAJORITY = 7, N_PRESENT = 32, N_CONTAINED = 16;

/** Documents are numbered across all scratch objects, so a word's slot from another document is never mistaken for one. */
let lastStamp = 0;

/** Per-document scratch, reused between documents. */
export class DocScratch {
  /** Slots handed out in the current document. */
  nSlots = 0;
  counts = new Int32Array(5 * 64);
  firstChunk = new Int32Array(64);
  firstCode = new Int32Array(64);
  secondCode = new Int32Array(64);
  chunk = new Int32Array(256);

  /** Starts a document of `n` tokens. */
  begin(n: number): number {
    if (this.chunk.length < n) this.chunk = new Int32Array(Math.max(n, this.chunk.length * 2));
    this.nSlots = 0;
    return ++lastStamp;
  }

  /** The per-document slot of a lower-cased word, made on first use. */
  slot(w: WordInfo, stamp: number): number {
    const r = w.lowerRef;
    if (r.stamp === stamp) return r.slot;
    const s = this.nSlots++;
    if (s >= this.firstChunk.length) {
      const grow = (a: Int32Array) => { const b = new Int32Array(a.length * 2); b.set(a); return b; };
      this.counts = grow(this.counts);
      this.firstChunk = grow(this.firstChunk);
      this.firstCode = grow(this.firstCode);
      this.secondCode = grow(this.secondCode);
    }
    this.counts.fill(0, s * 5, s * 5 + 5);
    this.firstChunk[s] = -1;
    this.firstCode[s] = 0;
    this.secondCode[s] = 0;
    r.stamp = stamp;
    r.slot = s;
    return s;
  }
}

/**
 * The document values of every token of a document given as flat arrays: `infos` (all
 * sentences one after another, sentence `s` from `start[s]` to `start[s + 1]`), the
 * first pass's type (`type`, 0 = O) and whether its tag continues a name (`inside`, I-).
 * Writes `majority` (how the other capitalised occurrences of the word were typed: 0..4
 * the most frequent type, 5 no other occurrence, 6 not a capitalised word), `present`
 * (bit per type among the others; −1 not capitalised) and `contained` (0, or 1 + 3 · type +
 * position of the first occurrence inside a longer name elsewhere).
 */
export function documentValues(
  infos: readonly WordInfo[], start: Int32Array, nSent: number, type: Int32Array, inside: Uint8Array,
  majority: Int32Array, present: Int32Array, contained: Int32Array, scratch: DocScratch,
): void {
  const nTok = start[nSent];
  const stamp = scratch.begin(nTok);
  const chunk = scratch.chunk;
  let chunkId = 0;
  for (let s = 0; s < nSent; s++) {
    const end = start[s + 1];
    // chunks of the first pass (BIO)
    let i = start[s];
    while (i < end) {
      const tp = type[i];
      if (tp === 0) { chunk[i] = -1; i++; continue; }
      let j = i + 1;
      while (j < end && type[j] === tp && inside[j]) j++;
      for (let k = i; k < j; k++) chunk[k] = chunkId;
      if (j - i >= 2) {
        for (let k = i; k < j; k++) {
          if (!infos[k].capU) continue;
          const sl = scratch.slot(infos[k], stamp);
          const code = 1 + tp * 3 + (k === i ? 0 : k === j - 1 ? 2 : 1);
          // the first occurrence inside a name, and the first one in another name than that
          if (scratch.firstChunk[sl] < 0) { scratch.firstChunk[sl] = chunkId; scratch.firstCode[sl] = code; }
          else if (scratch.secondCode[sl] === 0 && scratch.firstChunk[sl] !== chunkId) scratch.secondCode[sl] = code;
        }
      }
      chunkId++;
      i = j;
    }
    for (let k = start[s]; k < end; k++) {
      if (!(infos[k].capU && infos[k].hasLetter)) continue;
      const sl = scratch.slot(infos[k], stamp); // first: it may grow the arrays
      scratch.counts[sl * 5 + type[k]]++;
    }
  }
  const counts = scratch.counts;
  for (let i = 0; i < nTok; i++) {
    const w = infos[i];
    if (!(w.capU && w.hasLetter)) {
      majority[i] = 6; present[i] = -1; contained[i] = 0;
      continue;
    }
    const sl = w.lowerRef.slot, own = type[i];
    let best = -1, bestN = 0, others = 0, pr = 0;
    for (let k = 0; k < 5; k++) {
      const c = counts[sl * 5 + k] - (k === own ? 1 : 0);
      others += c;
      if (k > 0 && c > 0) pr |= 1 << k;
      if (c > bestN) { bestN = c; best = k; }
    }
    majority[i] = others === 0 ? 5 : best;
    present[i] = pr;
    const fc = scratch.firstChunk[sl];
    contained[i] = fc < 0 ? 0 : fc !== chunk[i] ? scratch.firstCode[sl] : scratch.secondCode[sl];
  }
}

/** Document values of a document as training sees it (sentences of words, BIO tag strings). */
export interface DocumentFacts {
  /** Sentence `s` covers tokens `start[s]` .. `start[s + 1]` of the flat arrays. */
  start: Int32Array;
  majority: Int32Array;
  present: Int32Array;
  contained: Int32Array;
  tagHash: Int32Array;
}

/** Aggregates the first-pass tags of a whole document. */
export function documentFacts(doc: WordInfo[][], tags: string[][]): DocumentFacts {
  const start = new Int32Array(doc.length + 1);
  for (let s = 0; s < doc.length; s++) start[s + 1] = start[s] + doc[s].length;
  const n = start[doc.length];
  const infos = doc.flat();
  const flatTags = tags.flat();
  const type = Int32Array.from(flatTags, typeIndex);
  const inside = Uint8Array.from(flatTags, (t) => (t.startsWith('I-') ? 1 : 0));
  const f: DocumentFacts = {
    start, majority: new Int32Array(n), present: new Int32Array(n), contained: new Int32Array(n),
    tagHash: Int32Array.from(flatTags, tagHash),
  };
  documentValues(infos, start, doc.length, type, inside, f.majority, f.present, f.contained, new DocScratch());
  return f;
}

export const H_BOS = strHash('<S>'), H_EOS = strHash('</S>');
const tagHashes = new Map<string, number>();
/** Hash of a BIO tag string (the document keys use the first pass's tags). */
export function tagHash(t: string): number {
  let h = tagHashes.get(t);
  if (h === undefined) { h = strHash(t); tagHashes.set(t, h); }
  return h;
}

/** The keys of the document values (shared by training and by the tagger's dense tables). */
export const docKey = {
  majority: (majority: number, capsFlag: number) => key2(200, majority, capsFlag),
  present: (present: number) => key1(201, present),
  contained: (contained: number, capsFlag: number) => key2(202, contained, capsFlag),
  tag: (th: number) => key1(203, th),
  prevTag: (prevTh: number, th: number) => key2(204, prevTh, th),
  nextTag: (th: number, nextTh: number) => key3(205, th, nextTh, 0),
};

/** Writes the `N_DOC` document keys of token `i` of sentence `s`. */
export function docKeys(f: DocumentFacts, s: number, i: number, capsFlag: number, out: Int32Array, o: number): void {
  const a = f.start[s], n = f.start[s + 1] - a, x = a + i;
  const th = f.tagHash;
  out[o] = docKey.majority(f.majority[x], capsFlag);
  out[o + 1] = docKey.present(f.present[x]);
  out[o + 2] = docKey.contained(f.contained[x], capsFlag);
  out[o + 3] = docKey.tag(th[x]);
  out[o + 4] = docKey.prevTag(i > 0 ? th[x - 1] : H_BOS, th[x]);
  out[o + 5] = docKey.nextTag(th[x], i + 1 < n ? th[x + 1] : H_EOS);
}
