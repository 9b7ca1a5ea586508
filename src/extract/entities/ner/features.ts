/**
 * Feature extraction for the NER tagger, shared by training (scripts/train-ner.ts) and
 * run time (tagger.ts), so both see exactly the same keys.
 *
 * Two stages, both cheap:
 *  1. `WordFeatures.info(word)` computes everything that depends on the word alone
 *     (normal form, lower case, shape, affixes, flags, clusters, gazetteer hits,
 *     capitalisation class) as 32-bit hashes, cached per word type;
 *  2. `staticKeys` combines the words of a sentence into `N_STATIC` feature keys per
 *     token (window of ±2), and `dynamicKeys` adds the keys that depend on the tags
 *     already chosen to the left.
 * Feature template ids below are stable: changing one means retraining.
 */
import { key1, key2, key3, strHash } from './hash.ts';

/** Resources the features read; all are stored in the model file. */
export interface NerResources {
  /** Exact word form -> cluster id at each level (finest first). */
  clusters: Map<string, number[]>;
  /** Lower-cased word -> capitalisation class 1..4 (mostly lower ... mostly capitalised). */
  capClass: Map<string, number>;
  /** Lower-cased phrase (normal-form tokens joined by one space) -> gazetteer category bits. */
  gaz: Map<string, number>;
  /** First token of a phrase in `gaz` -> the longest phrase length (tokens) starting with it. */
  gazFirst: Map<string, number>;
}

/** Gazetteer categories (bit index). */
export const GAZ_CATEGORIES = [
  'first-name', 'last-name', 'person', 'country', 'city', 'region', 'location',
  'demonym', 'org', 'org-word', 'title', 'calendar', 'norp',
] as const;
export type GazCategory = (typeof GAZ_CATEGORIES)[number];

export interface WordInfo {
  /** Normal form (curly quotes and dashes straightened). */
  norm: string;
  lower: string;
  hWord: number;
  hLower: number;
  hShape: number;
  hShapeT: number;
  hPre: number[];
  hSuf: number[];
  flags: number;
  capClass: number;
  /** Cluster id hashes per level (a fixed "none" hash when the word has no cluster). */
  hCl: number[];
  /** Gazetteer bits of the single word. */
  gaz1: number;
  /** Longest gazetteer phrase (in words) starting with this word, 0 if none. */
  gazMax: number;
  /** Hyphenated words ("Ontario-based", "German-Israeli"): first and last part, and the first part's gazetteer bits (0 otherwise). */
  hHyFirst: number;
  hHyLast: number;
  hyGaz: number;
  hasLetter: boolean;
  allCaps: boolean;
  /** Run-time caches: the word's keys in every slot, and their summed weights per stage. */
  keys: Int32Array | null;
  vecs: (Int32Array | undefined)[];
}

// flag bits
const F_INITCAP = 1, F_ALLCAPS = 2, F_MIXED = 4, F_DIGIT = 8, F_NUMBER = 16, F_HYPHEN = 32,
  F_APOS = 64, F_PERIOD = 128, F_NOLETTER = 256, F_ONECAP = 512, F_NONASCII = 1024, F_CAPPERIOD = 2048;

const isUpper = (c: string) => {
  const x = c.charCodeAt(0);
  return x < 128 ? x >= 65 && x <= 90 : c !== c.toLowerCase();
};
const isLower = (c: string) => {
  const x = c.charCodeAt(0);
  return x < 128 ? x >= 97 && x <= 122 : c !== c.toUpperCase();
};
const isDigit = (c: string) => c >= '0' && c <= '9';

/** Straightens typographic quotes, apostrophes and dashes (wink keeps them; CoNLL has ASCII). */
export function normWord(w: string): string {
  if (/^[\x20-\x7e]*$/.test(w)) return w;
  return w
    .replace(/[\u2018\u2019\u201b\u0060\u00b4\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u00ab\u00bb\u2033]/g, '"')
    .replace(/[\u2013\u2014\u2212]/g, '-')
    .replace(/\u2026/g, '...');
}

/** Character classes: X upper, x lower, d digit, anything else kept. */
export function shapeOf(w: string, collapse: boolean, max = 64): string {
  let out = '';
  let last = '';
  for (let i = 0; i < w.length && out.length < max; i++) {
    const c = w[i];
    const s = isUpper(c) ? 'X' : isLower(c) ? 'x' : isDigit(c) ? 'd' : c;
    if (collapse && s === last) continue;
    out += s;
    last = s;
  }
  return out;
}

function flagsOf(w: string): number {
  let up = 0, low = 0, dig = 0, other = 0, nonAscii = 0;
  for (let i = 0; i < w.length; i++) {
    const c = w[i];
    if (isUpper(c)) up++;
    else if (isLower(c)) low++;
    else if (isDigit(c)) dig++;
    else other++;
    if (c.charCodeAt(0) > 127 && (isUpper(c) || isLower(c))) nonAscii++;
  }
  let f = 0;
  const first = w[0] ?? '';
  if (isUpper(first)) f |= F_INITCAP;
  if (up > 0 && low === 0 && up + low > 1) f |= F_ALLCAPS;
  if (up > 0 && low > 0 && (up > 1 || !isUpper(first))) f |= F_MIXED;
  if (dig) f |= F_DIGIT;
  if (dig && /^[\d.,\-/:]+$/.test(w)) f |= F_NUMBER;
  if (w.includes('-')) f |= F_HYPHEN;
  if (w.includes("'")) f |= F_APOS;
  if (w.includes('.')) f |= F_PERIOD;
  if (up + low === 0) f |= F_NOLETTER;
  if (w.length === 1 && up === 1) f |= F_ONECAP;
  if (nonAscii) f |= F_NONASCII;
  if (/^[A-Z]\.$/.test(w)) f |= F_CAPPERIOD;
  void other;
  return f;
}

const H_NONE = strHash('<none>');

/** Per-word feature values, cached by word form. */
export class WordFeatures {
  private cache = new Map<string, WordInfo>();
  readonly levels: number;
  readonly bos: WordInfo;
  readonly eos: WordInfo;

  constructor(readonly res: NerResources, levels: number, private maxCache = 200_000) {
    this.levels = levels;
    this.bos = this.pad('<S>');
    this.eos = this.pad('</S>');
  }

  private pad(tok: string): WordInfo {
    const h = strHash(tok);
    return {
      norm: tok, lower: tok, hWord: h, hLower: h, hShape: h, hShapeT: h,
      hPre: [h, h, h, h], hSuf: [h, h, h, h], flags: -1, capClass: -1,
      hCl: new Array(this.levels).fill(h), gaz1: 0, gazMax: 0, hHyFirst: 0, hHyLast: 0, hyGaz: 0, hasLetter: false, allCaps: false, keys: null, vecs: [],
    };
  }

  /** Forgets cached words (benchmarks measure the uncached path with it). */
  clearCache(): void {
    this.cache.clear();
  }

  info(raw: string): WordInfo {
    let wi = this.cache.get(raw);
    if (wi) return wi;
    if (this.cache.size >= this.maxCache) this.cache.clear();
    wi = this.compute(raw);
    this.cache.set(raw, wi);
    return wi;
  }

  /** Cluster ids of a word: its exact form, else its other casings. */
  clusterOf(w: string): number[] | undefined {
    const cl = this.res.clusters;
    let c = cl.get(w);
    if (c) return c;
    const lower = w.toLowerCase();
    const cap = lower.charAt(0).toUpperCase() + lower.slice(1);
    return cl.get(cap) ?? cl.get(lower) ?? cl.get(w.toUpperCase());
  }

  private compute(raw: string): WordInfo {
    const norm = normWord(raw);
    const lower = norm.toLowerCase();
    const flags = flagsOf(norm);
    const hPre: number[] = [];
    const hSuf: number[] = [];
    for (let k = 1; k <= 4; k++) {
      hPre.push(lower.length >= k ? strHash(lower.slice(0, k)) : H_NONE);
      hSuf.push(lower.length >= k ? strHash(lower.slice(-k)) : H_NONE);
    }
    const cl = this.clusterOf(norm);
    const hCl: number[] = [];
    for (let l = 0; l < this.levels; l++) hCl.push(cl ? cl[l] + 1 : 0);
    const hasLetter = (flags & F_NOLETTER) === 0;
    const dash = lower.indexOf('-', 1);
    const parts = dash > 0 && dash < lower.length - 1 && hasLetter ? lower.split('-') : null;
    return {
      norm,
      lower,
      hWord: strHash(norm),
      hLower: strHash(lower),
      hShape: strHash(shapeOf(norm, true)),
      hShapeT: strHash(shapeOf(norm, false, 6)),
      hPre,
      hSuf,
      flags,
      capClass: hasLetter ? (this.res.capClass.get(lower) ?? 0) : 5,
      hCl,
      gaz1: this.res.gaz.get(lower) ?? 0,
      gazMax: this.res.gazFirst.get(lower) ?? 0,
      hHyFirst: parts ? strHash(parts[0]) : 0,
      hHyLast: parts ? strHash(parts[parts.length - 1]) : 0,
      hyGaz: parts ? (this.res.gaz.get(parts[0]) ?? 0) | ((this.res.gaz.get(parts[parts.length - 1]) ?? 0) << 16) : 0,
      hasLetter,
      allCaps: (flags & F_ALLCAPS) !== 0,
      keys: null,
      vecs: [],
    };
  }
}

/** True when the sentence is a headline in capitals (case tells nothing there). */
export function isCapsSentence(infos: WordInfo[]): boolean {
  let letters = 0, caps = 0;
  for (const w of infos) {
    if (!w.hasLetter) continue;
    letters++;
    if (w.allCaps || (w.norm.length === 1 && w.flags & F_INITCAP)) caps++;
  }
  if (letters === 0) return false;
  if (letters === 1) return caps === 1 && infos.some((w) => w.allCaps);
  return caps / letters >= 0.8;
}

/**
 * Longest gazetteer match, left to right. Returns per token 0 (no match) or
 * `((bits << 1) | inside) + 1`.
 */
export function gazetteerSpans(infos: WordInfo[], res: NerResources): Int32Array {
  const n = infos.length;
  const out = new Int32Array(n);
  let i = 0;
  while (i < n) {
    const max = infos[i].gazMax;
    let matched = 0;
    if (max > 0) {
      let phrase = infos[i].lower;
      const ends: [number, number][] = [];
      const single = res.gaz.get(phrase);
      if (single) ends.push([1, single]);
      for (let len = 2; len <= max && i + len <= n; len++) {
        phrase += ' ' + infos[i + len - 1].lower;
        const bits = res.gaz.get(phrase);
        if (bits) ends.push([len, bits]);
      }
      if (ends.length) {
        const [len, bits] = ends[ends.length - 1];
        for (let k = 0; k < len; k++) out[i + k] = ((bits << 1) | (k ? 1 : 0)) + 1;
        matched = len;
      }
    }
    i += matched || 1;
  }
  return out;
}

/**
 * Templates are split by what they read, so the tagger can cache the weights of the
 * word-only ones per word type:
 *  - `wordKeys(w, 'self' | 'prev' | 'next' | 'prev2' | 'next2')`: keys of a word at the
 *    token itself or at one of its neighbours (incl. the bias, counted with 'self');
 *  - `contextKeys`: keys that combine several words or sentence facts.
 */
export const WORD_SLOTS = ['self', 'prev', 'next', 'prev2', 'next2'] as const;
export type WordSlot = (typeof WORD_SLOTS)[number];
export const N_WORD_KEYS = { self: 22, prev: 6, next: 6, prev2: 1, next2: 1 } as const;
export const N_CONTEXT = 16;
/** Number of tag-independent keys per token. */
export const N_STATIC = 22 + 6 + 6 + 1 + 1 + N_CONTEXT;

export function wordKeys(w: WordInfo, slot: WordSlot, out: Int32Array, o: number): number {
  const L = w.hCl.length;
  switch (slot) {
    case 'self':
      out[o++] = key1(0, 0);
      out[o++] = key1(1, w.hWord);
      out[o++] = key1(2, w.hLower);
      out[o++] = key1(9, w.hShape);
      out[o++] = key1(13, w.hShapeT);
      out[o++] = key1(14, w.hPre[0]);
      out[o++] = key1(15, w.hPre[1]);
      out[o++] = key1(16, w.hPre[2]);
      out[o++] = key1(17, w.hPre[3]);
      out[o++] = key1(18, w.hSuf[0]);
      out[o++] = key1(19, w.hSuf[1]);
      out[o++] = key1(20, w.hSuf[2]);
      out[o++] = key1(21, w.hSuf[3]);
      out[o++] = key1(24, w.flags);
      out[o++] = key1(27, w.capClass);
      out[o++] = key1(30, w.hCl[0]);
      out[o++] = key1(31, w.hCl[Math.min(1, L - 1)]);
      out[o++] = key1(32, w.hCl[Math.min(2, L - 1)]);
      out[o++] = key2(37, w.hCl[Math.min(1, L - 1)], w.hShape);
      out[o++] = key1(60, w.hHyFirst);
      out[o++] = key1(61, w.hHyLast);
      out[o++] = key1(62, w.hyGaz);
      return o;
    case 'prev':
      out[o++] = key1(3, w.hLower);
      out[o++] = key1(7, w.hWord);
      out[o++] = key1(10, w.hShape);
      out[o++] = key1(33, w.hCl[0]);
      out[o++] = key1(34, w.hCl[Math.min(2, L - 1)]);
      out[o++] = key1(40, w.gaz1);
      return o;
    case 'next':
      out[o++] = key1(4, w.hLower);
      out[o++] = key1(8, w.hWord);
      out[o++] = key1(11, w.hShape);
      out[o++] = key1(35, w.hCl[0]);
      out[o++] = key1(36, w.hCl[Math.min(2, L - 1)]);
      out[o++] = key1(41, w.gaz1);
      return o;
    case 'prev2':
      out[o++] = key1(5, w.hLower);
      return o;
    case 'next2':
      out[o++] = key1(6, w.hLower);
      return o;
  }
}

/** Sentence facts the context keys need (computed once per sentence). */
export interface SentenceFacts {
  caps: number;
  gm: Int32Array;
  /** Capitalised runs ("Jones Medical Industries Inc", "Bank of Spain"): per token its
   *  position code (0 none, 1 first, 2 inside, 3 last, 4 single, 5 headline), length
   *  bucket, union of gazetteer bits, and the hashes of the run's first and last words. */
  runPos: Int32Array;
  runLen: Int32Array;
  runBits: Int32Array;
  runFirst: Int32Array;
  runLast: Int32Array;
}

const TITLE_BIT = 1 << GAZ_CATEGORIES.indexOf('title');
const CONNECTORS = new Set(['&', 'of', 'de', 'du', 'des', 'la', 'le', 'von', 'van', 'der', 'den', 'del', 'della', 'da', 'di', 'dos', 'bin', 'ibn', 'al', 'el', 'y']);

export function sentenceFacts(infos: WordInfo[], res: NerResources): SentenceFacts {
  const n = infos.length;
  const caps = isCapsSentence(infos) ? 1 : 0;
  const runPos = new Int32Array(n), runLen = new Int32Array(n), runBits = new Int32Array(n);
  const runFirst = new Int32Array(n), runLast = new Int32Array(n);
  if (caps) runPos.fill(5);
  else {
    const cap = (w: WordInfo) => w.hasLetter && (w.flags & F_INITCAP) !== 0;
    // a title ("Mayor", "President") stands alone: "New York Mayor | Bill de Blasio"
    const title = (w: WordInfo) => (w.gaz1 & TITLE_BIT) !== 0;
    let i = 0;
    while (i < n) {
      if (!cap(infos[i])) { i++; continue; }
      let j = i + 1;
      for (;;) {
        if (title(infos[i])) break;
        if (j < n && cap(infos[j]) && !title(infos[j])) { j++; continue; }
        if (j + 1 < n && CONNECTORS.has(infos[j].lower) && cap(infos[j + 1]) && !title(infos[j + 1])) { j += 2; continue; }
        break;
      }
      let bits = 0;
      for (let k = i; k < j; k++) bits |= infos[k].gaz1;
      const len = j - i;
      for (let k = i; k < j; k++) {
        runPos[k] = len === 1 ? 4 : k === i ? 1 : k === j - 1 ? 3 : 2;
        runLen[k] = Math.min(len, 4);
        runBits[k] = bits;
        runFirst[k] = infos[i].hLower;
        runLast[k] = infos[j - 1].hLower;
      }
      i = j;
    }
  }
  return { caps, gm: gazetteerSpans(infos, res), runPos, runLen, runBits, runFirst, runLast };
}

/** Keys of a word in all five slots, in `WORD_SLOTS` order (cached on the word). */
export function allWordKeys(w: WordInfo): Int32Array {
  if (w.keys) return w.keys;
  const out = new Int32Array(N_STATIC - N_CONTEXT);
  let o = 0;
  for (const slot of WORD_SLOTS) o = wordKeys(w, slot, out, o);
  w.keys = out;
  return out;
}

export function contextKeys(infos: WordInfo[], i: number, wf: WordFeatures, sf: SentenceFacts, out: Int32Array, o: number): number {
  const n = infos.length;
  const w = infos[i];
  const p1 = i > 0 ? infos[i - 1] : wf.bos;
  const n1 = i + 1 < n ? infos[i + 1] : wf.eos;
  // position class: sentence-initial, after an opening quote/colon/dash, else inside
  const pos = i === 0 ? 0 : (p1.norm === '"' || p1.norm === ':' || p1.norm === '-' || p1.norm === '(') ? 1 : 2;
  const gm = sf.gm[i];
  out[o++] = key3(12, p1.hShape, w.hShape, n1.hShape);
  out[o++] = key2(22, p1.hLower, w.hLower);
  out[o++] = key2(23, w.hLower, n1.hLower);
  out[o++] = key2(25, pos, w.hShape);
  out[o++] = key3(26, sf.caps, w.capClass, w.hShape);
  out[o++] = key3(28, w.capClass, pos, w.flags & (F_INITCAP | F_ALLCAPS));
  out[o++] = key2(29, sf.caps, w.hLower);
  out[o++] = key1(38, gm);
  out[o++] = key2(39, gm, w.flags & (F_INITCAP | F_ALLCAPS));
  out[o++] = key2(42, p1.hLower, w.hShape);
  out[o++] = key2(43, w.hShape, n1.hLower);
  const rp = sf.runPos[i];
  out[o++] = key2(50, rp, sf.runLen[i]);
  out[o++] = key2(51, rp, sf.runBits[i]);
  out[o++] = rp > 0 && rp < 5 ? key2(52, rp, sf.runLast[i]) : key1(52, rp);
  out[o++] = rp > 0 && rp < 5 ? key2(53, rp, sf.runFirst[i]) : key1(53, rp);
  out[o++] = key3(54, rp, sf.runLen[i], w.gaz1);
  return o;
}

/** All `N_STATIC` tag-independent keys of every token (training; the tagger caches). */
export function staticKeys(infos: WordInfo[], wf: WordFeatures, out: Int32Array): void {
  const n = infos.length;
  const sf = sentenceFacts(infos, wf.res);
  const at = (i: number) => (i < 0 ? wf.bos : i >= n ? wf.eos : infos[i]);
  for (let i = 0; i < n; i++) {
    let o = i * N_STATIC;
    o = wordKeys(infos[i], 'self', out, o);
    o = wordKeys(at(i - 1), 'prev', out, o);
    o = wordKeys(at(i + 1), 'next', out, o);
    o = wordKeys(at(i - 2), 'prev2', out, o);
    o = wordKeys(at(i + 2), 'next2', out, o);
    contextKeys(infos, i, wf, sf, out, o);
  }
}

/** Number of keys that depend on the previous tags. */
export const N_DYNAMIC = 6;

/**
 * Keys for token `w` given the previous two tags (`-1` before the sentence) and the
 * token's capitalised-run position (`SentenceFacts.runPos`: a new run rarely continues
 * the previous name).
 */
export function dynamicKeys(w: WordInfo, runPos: number, t1: number, t2: number, out: Int32Array, o: number): void {
  out[o + 5] = key2(105, t1, runPos);
  out[o] = key1(100, t1);
  out[o + 1] = key2(101, t2, t1);
  out[o + 2] = key2(102, t1, w.hLower);
  out[o + 3] = key2(103, t1, w.hShape);
  out[o + 4] = key2(104, t1, w.hCl[0]);
}
