/**
 * Document-level features for the second tagging pass. A name is usually typed the same
 * way throughout an article ("Michael Lynagh ... Lynagh kicked"), and headlines in
 * capitals or bare surnames are hard on their own. The first pass tags every sentence;
 * these keys then tell the second pass, for each capitalised word, how the first pass
 * typed the *other* occurrences of the same word (case-insensitively) and whether it
 * occurs inside a longer name elsewhere, plus the first-pass tags around the token.
 */
import { key1, key2, key3, strHash } from './hash.ts';
import type { WordInfo } from './features.ts';

export const N_DOC = 6;

const TYPES = ['PER', 'ORG', 'LOC', 'MISC'];
const typeIndex = (tag: string) => (tag === 'O' ? 0 : TYPES.indexOf(tag.slice(2)) + 1);
const CAP = /^\p{Lu}/u;

interface Occurrence { counts: Int32Array; inChunks: { chunk: number; type: number; pos: number }[] }

export interface DocumentFacts {
  /** Per sentence, per token: the key of its word when capitalised, else null. */
  words: (string | null)[][];
  occ: Map<string, Occurrence>;
  /** Per sentence, per token: first-pass type index (0 = O) and chunk id (-1 = none). */
  type: Int32Array[];
  chunk: Int32Array[];
  tagHash: Int32Array[];
}

/** Aggregates the first-pass tags of a whole document. */
export function documentFacts(doc: WordInfo[][], tags: string[][]): DocumentFacts {
  const occ = new Map<string, Occurrence>();
  const words: (string | null)[][] = [];
  const type: Int32Array[] = [];
  const chunk: Int32Array[] = [];
  const tagHash: Int32Array[] = [];
  let chunkId = 0;
  for (let s = 0; s < doc.length; s++) {
    const infos = doc[s], t = tags[s], n = infos.length;
    const ty = new Int32Array(n), ch = new Int32Array(n).fill(-1), th = new Int32Array(n);
    const ws: (string | null)[] = new Array(n);
    // chunks of the first pass (BIO)
    let i = 0;
    while (i < n) {
      if (t[i] === 'O') { i++; continue; }
      const tp = typeIndex(t[i]);
      let j = i + 1;
      while (j < n && t[j] === 'I-' + TYPES[tp - 1]) j++;
      for (let k = i; k < j; k++) { ty[k] = tp; ch[k] = chunkId; }
      if (j - i >= 2) {
        for (let k = i; k < j; k++) {
          if (!CAP.test(infos[k].norm)) continue;
          const o = get(occ, infos[k].lower);
          o.inChunks.push({ chunk: chunkId, type: tp, pos: k === i ? 0 : k === j - 1 ? 2 : 1 });
        }
      }
      chunkId++;
      i = j;
    }
    for (let k = 0; k < n; k++) {
      th[k] = hashTag(t[k]);
      const cap = CAP.test(infos[k].norm) && infos[k].hasLetter;
      ws[k] = cap ? infos[k].lower : null;
      if (cap) get(occ, infos[k].lower).counts[ty[k]]++;
    }
    words.push(ws); type.push(ty); chunk.push(ch); tagHash.push(th);
  }
  return { words, occ, type, chunk, tagHash };
}

function get(m: Map<string, Occurrence>, w: string): Occurrence {
  let o = m.get(w);
  if (!o) { o = { counts: new Int32Array(5), inChunks: [] }; m.set(w, o); }
  return o;
}

const H_BOS = strHash('<S>'), H_EOS = strHash('</S>');
const tagHashes = new Map<string, number>();
function hashTag(t: string): number {
  let h = tagHashes.get(t);
  if (h === undefined) { h = strHash(t); tagHashes.set(t, h); }
  return h;
}

/** Writes the `N_DOC` document keys of token `i` of sentence `s`. */
export function docKeys(f: DocumentFacts, s: number, i: number, capsFlag: number, out: Int32Array, o: number): void {
  const w = f.words[s][i];
  const th = f.tagHash[s];
  let majority = 6, present = 0, contained = 0;
  if (w !== null) {
    const oc = f.occ.get(w)!;
    const own = f.type[s][i];
    let best = -1, bestN = 0, others = 0;
    for (let k = 0; k < 5; k++) {
      const c = oc.counts[k] - (k === own ? 1 : 0);
      others += c;
      if (k > 0 && c > 0) present |= 1 << k;
      if (c > bestN) { bestN = c; best = k; }
    }
    majority = others === 0 ? 5 : best;
    const ownChunk = f.chunk[s][i];
    for (const c of oc.inChunks) {
      if (c.chunk !== ownChunk) { contained = 1 + c.type * 3 + c.pos; break; }
    }
  } else {
    present = -1;
  }
  out[o] = key2(200, majority, capsFlag);
  out[o + 1] = key1(201, present);
  out[o + 2] = key2(202, contained, capsFlag);
  out[o + 3] = key1(203, th[i]);
  out[o + 4] = key2(204, i > 0 ? th[i - 1] : H_BOS, th[i]);
  out[o + 5] = key3(205, th[i], i + 1 < th.length ? th[i + 1] : H_EOS, 0);
}
