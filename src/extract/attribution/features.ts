/**
 * Per-token feature values shared by training and inference of the attribution models.
 * Everything is reduced to 32-bit hashes once per document so that scoring a feature is a
 * table lookup. Any change here changes the meaning of the trained weights: retrain
 * (`npm run train:attribution`) after editing.
 */
import type { Range } from '../../core/span.ts';
import type { NlpLayer } from '../../nlp/tokens.ts';
import type { Quotation } from '../../nlp/quotes.ts';
import { FNV_START, fnvStep, hashString } from '../../learn/hash.ts';
import { matchCue } from './cue-lexicon.ts';
import { SPEECH_ACTS } from '../../core/contract.ts';

export interface TokenFeatures {
  n: number;
  word: Uint32Array;
  pos: Uint32Array;
  shape: Uint32Array;
  suffix: Uint32Array;
  /** Cue lemma where the lexicon has a cue starting here, else the word. */
  lemma: Uint32Array;
  /** 1 + index of the speech act when a lexicon cue starts here, else 0. */
  cueAct: Uint8Array;
  /** Length in tokens of that lexicon cue. */
  cueLen: Uint8Array;
  /** 0 outside quotation marks, 1 inside, 2 a mark itself. */
  quote: Uint8Array;
  /** Token is an opening / closing quotation mark. */
  qOpen: Uint8Array;
  qClose: Uint8Array;
  sent: Int32Array;
  para: Int32Array;
  /** Token index of its sentence's first and one-past-last token. */
  sentFirst: Int32Array;
  sentLast: Int32Array;
  /** Whether the sentence holds a quotation mark. */
  sentQuote: Uint8Array;
  /** Token is punctuation (hash-independent flag). */
  punct: Uint8Array;
  lower: string[];
  /** Quotation index (outermost) containing the token or the mark, -1 if none. */
  quoteId: Int32Array;
  /** Prefix counts: commas / quotation marks among tokens [0, i). */
  commasBefore: Int32Array;
  marksBefore: Int32Array;
}

export const NONE = hashString('<none>');

export function shapeOf(w: string): string {
  let out = '';
  let last = '';
  for (let k = 0; k < w.length && out.length < 6; k++) {
    const ch = w[k];
    const lo = ch.toLowerCase(), up = ch.toUpperCase();
    const c = lo !== up ? (ch === up ? 'X' : 'x') : ch >= '0' && ch <= '9' ? 'd' : ch;
    if (c !== last || (c !== 'X' && c !== 'x' && c !== 'd')) out += c;
    last = c;
  }
  return out;
}

const X = 88, x = 120, D = 100;

/**
 * hashString(shapeOf(w)) without building the string: ASCII is classified by code, other
 * characters through shapeOf's own case test (a test checks both agree).
 */
export function shapeHash(w: string): number {
  let h = FNV_START, len = 0, last = -1;
  for (let k = 0; k < w.length && len < 6; k++) {
    const ch = w.charCodeAt(k);
    let c: number;
    if (ch < 128) c = ch >= 65 && ch <= 90 ? X : ch >= 97 && ch <= 122 ? x : ch >= 48 && ch <= 57 ? D : ch;
    else {
      const s = w[k], lo = s.toLowerCase(), up = s.toUpperCase();
      c = lo !== up ? (s === up ? X : x) : ch;
    }
    if (c !== last || (c !== X && c !== x && c !== D)) { h = fnvStep(h, c); len++; }
    last = c;
  }
  return h >>> 0;
}

/** hashString('~' + lower.slice(-3)) without building the string. */
export function suffixHash(lower: string): number {
  let h = fnvStep(FNV_START, 126); // '~'
  for (let k = Math.max(0, lower.length - 3); k < lower.length; k++) h = fnvStep(h, lower.charCodeAt(k));
  return h >>> 0;
}

const posHashes = new Map<string, number>();
function posHash(pos: string): number {
  let v = posHashes.get(pos);
  if (v === undefined) posHashes.set(pos, (v = hashString(pos)));
  return v;
}

export function tokenFeatures(nlp: NlpLayer, quotes: Quotation[]): TokenFeatures {
  const toks = nlp.tokens;
  const n = toks.length;
  const f: TokenFeatures = {
    n,
    word: new Uint32Array(n), pos: new Uint32Array(n), shape: new Uint32Array(n), suffix: new Uint32Array(n),
    lemma: new Uint32Array(n), cueAct: new Uint8Array(n), cueLen: new Uint8Array(n),
    quote: new Uint8Array(n), qOpen: new Uint8Array(n), qClose: new Uint8Array(n),
    sent: new Int32Array(n), para: new Int32Array(n), sentFirst: new Int32Array(n), sentLast: new Int32Array(n),
    sentQuote: new Uint8Array(n), punct: new Uint8Array(n), lower: [], quoteId: new Int32Array(n).fill(-1),
    commasBefore: new Int32Array(n + 1), marksBefore: new Int32Array(n + 1),
  };
  // filled by push: an array made by `map` has another elements kind when empty, and the code
  // reading the words (the cue lexicon's matcher) was deoptimised for it
  const lower = f.lower;
  for (const t of toks) lower.push(t.lower);
  for (let i = 0; i < n; i++) {
    const t = toks[i];
    f.word[i] = hashString(t.lower);
    f.pos[i] = posHash(t.pos);
    f.shape[i] = shapeHash(t.text);
    f.suffix[i] = suffixHash(t.lower);
    f.sent[i] = t.sent;
    f.para[i] = t.para;
    f.punct[i] = t.pos === 'PUNCT' || t.pos === 'SYM' ? 1 : 0;
    const cue = matchCue(lower, i);
    if (cue) {
      f.cueAct[i] = 1 + SPEECH_ACTS.indexOf(cue.act) + (cue.noun ? 16 : 0);
      f.cueLen[i] = cue.length;
      f.lemma[i] = hashString('@' + cue.lemma);
    } else {
      f.lemma[i] = f.word[i];
    }
  }
  for (const s of nlp.sentences) {
    for (let i = s.first; i < s.last; i++) { f.sentFirst[i] = s.first; f.sentLast[i] = s.last; }
  }
  // Outermost quotations only.
  let qi = 0;
  for (const q of quotes) {
    if (q.depth > 0) { qi++; continue; }
    const a = nlp.tokenAt(q.start);
    for (let i = a; i < n && toks[i].start < q.end; i++) {
      const t = toks[i];
      const isMark = t.end <= q.inner.start || t.start >= q.inner.end;
      f.quote[i] = isMark ? 2 : 1;
      f.quoteId[i] = qi;
      if (isMark && t.start < q.inner.start) f.qOpen[i] = 1;
      if (isMark && t.start >= q.inner.end) f.qClose[i] = 1;
    }
    qi++;
  }
  for (let i = 0; i < n; i++) {
    f.commasBefore[i + 1] = f.commasBefore[i] + (lower[i] === ',' ? 1 : 0);
    f.marksBefore[i + 1] = f.marksBefore[i] + (f.quote[i] === 2 ? 1 : 0);
  }
  for (const s of nlp.sentences) {
    let any = 0;
    for (let i = s.first; i < s.last; i++) if (f.quote[i]) { any = 1; break; }
    if (any) for (let i = s.first; i < s.last; i++) f.sentQuote[i] = 1;
  }
  return f;
}

/** Token range [first, last) covered by a character range, or null if none. */
export function tokenRange(nlp: NlpLayer, r: Range): [number, number] | null {
  const a = nlp.tokenAt(r.start);
  let b = a;
  while (b < nlp.tokens.length && nlp.tokens[b].start < r.end) b++;
  return b > a ? [a, b] : null;
}

export function bucket(d: number): number {
  if (d < 0) return -bucket(-d) - 1;
  if (d <= 3) return d;
  if (d <= 5) return 4;
  if (d <= 9) return 5;
  if (d <= 19) return 6;
  if (d <= 39) return 7;
  return 8;
}
