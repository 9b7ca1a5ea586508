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
import { fmix, FNV_START, fnvStep, key1, key2, key3, strHash, strHashRange } from './hash.ts';

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
  /** An opening quote, colon, dash or bracket (the next word counts as sentence-initial-like). */
  opener: boolean;
  /** The raw word is one of `NAME_PARTICLES`. */
  particle: boolean;
  /** Starts with an upper-case letter (`/^\p{Lu}/u`): the document features key on such words. */
  capU: boolean;
  /**
   * All lower case (a lower-case letter, no capital, no digit) and not a word that can stand
   * inside a name (`WordFeatures`' joiners): in cased text such a word is never part of a name.
   * Always false without joiners.
   */
  plain: boolean;
  /** Shared by every casing of the same lower-cased word (document features group by it). */
  lowerRef: LowerRef;
  /** Run-time cache (tagger.ts): the word's summed weights, in a pool shared with other words from `vecOff` on. */
  vec: Int16Array | null;
  vecOff: number;
}

/** A lower-cased word, shared by its casings; the tagger keeps per-document scratch on it. */
export interface LowerRef {
  lower: string;
  /** Document serial the slot belongs to, and the word's slot in that document. */
  stamp: number;
  slot: number;
}

const newRef = (lower: string): LowerRef => ({ lower, stamp: -1, slot: -1 });

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

/** True when every code unit is printable ASCII (then case and shapes need no Unicode tables). */
function isAscii(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const x = w.charCodeAt(i);
    if (x < 0x20 || x > 0x7e) return false;
  }
  return true;
}

/** ASCII character class as `shapeOf` writes it: X, x, d or the character itself. */
const asciiClass = (x: number) => (x >= 65 && x <= 90 ? 88 : x >= 97 && x <= 122 ? 120 : x >= 48 && x <= 57 ? 100 : x);

/** `strHash(shapeOf(w, collapse, max))` for an ASCII word, without building the shape. */
function asciiShapeHash(w: string, collapse: boolean, max: number): number {
  let h = FNV_START, len = 0, last = -1;
  for (let i = 0; i < w.length && len < max; i++) {
    const s = asciiClass(w.charCodeAt(i));
    if (collapse && s === last) continue;
    h = fnvStep(h, s);
    len++;
    last = s;
  }
  return fmix(h);
}

/** `flagsOf` for an ASCII word. */
function asciiFlags(w: string): number {
  let up = 0, low = 0, dig = 0, numeric = true;
  for (let i = 0; i < w.length; i++) {
    const x = w.charCodeAt(i);
    if (x >= 65 && x <= 90) up++;
    else if (x >= 97 && x <= 122) low++;
    else if (x >= 48 && x <= 57) dig++;
    // [\d.,\-/:]
    if (!((x >= 48 && x <= 57) || x === 46 || x === 44 || x === 45 || x === 47 || x === 58)) numeric = false;
  }
  const x0 = w.length ? w.charCodeAt(0) : -1;
  const initCap = x0 >= 65 && x0 <= 90;
  let f = 0;
  if (initCap) f |= F_INITCAP;
  if (up > 0 && low === 0 && up + low > 1) f |= F_ALLCAPS;
  if (up > 0 && low > 0 && (up > 1 || !initCap)) f |= F_MIXED;
  if (dig) f |= F_DIGIT;
  if (dig && numeric) f |= F_NUMBER;
  if (w.includes('-')) f |= F_HYPHEN;
  if (w.includes("'")) f |= F_APOS;
  if (w.includes('.')) f |= F_PERIOD;
  if (up + low === 0) f |= F_NOLETTER;
  if (w.length === 1 && up === 1) f |= F_ONECAP;
  if (w.length === 2 && initCap && w.charCodeAt(1) === 46) f |= F_CAPPERIOD;
  return f;
}

const H_NONE = strHash('<none>');
const CAP_START = /^\p{Lu}/u;
/** A lower-case letter and no capital or digit. */
const PLAIN = /^[^\p{Lu}\p{Lt}\d]*\p{Ll}[^\p{Lu}\p{Lt}\d]*$/u;

/** Per-word feature values, cached by word form. */
export class WordFeatures {
  private cache = new Map<string, WordInfo>();
  private lowers = new Map<string, LowerRef>();
  /** The cluster words in lower case. */
  private readonly clusterLowers = new Set<string>();
  readonly levels: number;
  readonly bos: WordInfo;
  readonly eos: WordInfo;

  /**
   * `maxCache` bounds the word types kept (the tagger adds about 1 kB of cached rows and
   * features per type): when a document would go past it, the cache is emptied first.
   * 25,000 types (~25 MB a thread) hold the words of ~700 PolNeAR articles; on the
   * 10,000-article ingest bench a bound of 100,000 let each worker's cache grow ~25 MB
   * further (peak 514–526 MB against 465 MB) for no measurable gain in speed.
   */
  constructor(
    readonly res: NerResources,
    levels: number,
    private maxCache = 25_000,
    /** Lower-case words that can stand inside a name ("of", "von"); null: no word is `plain`. */
    private readonly joiners: ReadonlySet<string> | null = null,
  ) {
    this.levels = levels;
    for (const w of res.clusters.keys()) this.clusterLowers.add(w.toLowerCase());
    this.bos = this.pad('<S>');
    this.eos = this.pad('</S>');
  }

  private pad(tok: string): WordInfo {
    const h = strHash(tok);
    return {
      norm: tok, lower: tok, hWord: h, hLower: h, hShape: h, hShapeT: h,
      hPre: [h, h, h, h], hSuf: [h, h, h, h], flags: -1, capClass: -1,
      hCl: new Array(this.levels).fill(h), gaz1: 0, gazMax: 0, hHyFirst: 0, hHyLast: 0, hyGaz: 0, hasLetter: false, allCaps: false,
      opener: false, particle: false, capU: false, plain: false, lowerRef: newRef(tok), vec: null, vecOff: 0,
    };
  }

  /** Forgets cached words (benchmarks measure the uncached path with it). */
  clearCache(): void {
    this.cache.clear();
    this.lowers.clear();
  }

  /** Number of cached word types. */
  get cacheSize(): number {
    return this.cache.size;
  }

  /**
   * Makes room for `n` new words: empties the cache now if they might not fit, so it is
   * not emptied half-way through a document (whose words must share `lowerRef`s).
   */
  reserve(n: number): void {
    if (this.cache.size + n > this.maxCache) this.clearCache();
  }

  info(raw: string): WordInfo {
    let wi = this.cache.get(raw);
    if (wi) return wi;
    if (this.cache.size >= this.maxCache) this.clearCache();
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
    // an ASCII word's casings all lower-case to `lower`: skip them when no cluster word does
    if (!this.clusterLowers.has(lower) && isAscii(w)) return undefined;
    const cap = lower.charAt(0).toUpperCase() + lower.slice(1);
    return cl.get(cap) ?? cl.get(lower) ?? cl.get(w.toUpperCase());
  }

  private compute(raw: string): WordInfo {
    const norm = normWord(raw);
    const lower = norm.toLowerCase();
    const ascii = isAscii(norm);
    const flags = ascii ? asciiFlags(norm) : flagsOf(norm);
    // prefixes and suffixes of 1-4 code units (hashes of lower.slice(0, k) and lower.slice(-k))
    const L = lower.length;
    const hPre = [H_NONE, H_NONE, H_NONE, H_NONE];
    const hSuf = [H_NONE, H_NONE, H_NONE, H_NONE];
    let h = FNV_START;
    for (let k = 0; k < 4 && k < L; k++) {
      h = fnvStep(h, lower.charCodeAt(k));
      hPre[k] = fmix(h);
      hSuf[k] = strHashRange(lower, L - k - 1, L);
    }
    let lowerRef = this.lowers.get(lower);
    if (!lowerRef) {
      lowerRef = newRef(lower);
      this.lowers.set(lower, lowerRef);
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
      hShape: ascii ? asciiShapeHash(norm, true, 64) : strHash(shapeOf(norm, true)),
      hShapeT: ascii ? asciiShapeHash(norm, false, 6) : strHash(shapeOf(norm, false, 6)),
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
      opener: norm === '"' || norm === ':' || norm === '-' || norm === '(',
      particle: NAME_PARTICLES.has(raw),
      capU: CAP_START.test(norm),
      plain: this.joiners !== null && PLAIN.test(norm) && !this.joiners.has(lower),
      lowerRef,
      vec: null,
      vecOff: 0,
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

/** The gazetteer as a trie over its phrases' words (built once per resources object). */
interface GazNode { bits: number; next: Map<string, GazNode> | null }
const gazTries = new WeakMap<NerResources, Map<string, GazNode>>();

function gazTrie(res: NerResources): Map<string, GazNode> {
  let root = gazTries.get(res);
  if (root) return root;
  root = new Map();
  for (const [phrase, bits] of res.gaz) {
    let level = root;
    let node: GazNode | undefined;
    for (const tok of phrase.split(' ')) {
      node = level.get(tok);
      if (!node) { node = { bits: 0, next: null }; level.set(tok, node); }
      level = node.next ??= new Map();
    }
    node!.bits = bits;
  }
  gazTries.set(res, root);
  return root;
}

/**
 * Longest gazetteer match, left to right. Returns per token 0 (no match) or
 * `((bits << 1) | inside) + 1`.
 */
export function gazetteerSpans(infos: WordInfo[], res: NerResources, out: Int32Array = new Int32Array(infos.length)): Int32Array {
  const n = infos.length;
  out.fill(0, 0, n);
  const trie = gazTrie(res);
  let i = 0;
  while (i < n) {
    let matched = 0;
    if (infos[i].gazMax > 0) {
      // the longest phrase in the gazetteer starting here: walk the trie word by word
      let bestLen = 0, bestBits = 0;
      let node = trie.get(infos[i].lower);
      for (let len = 1; node && i + len <= n; ) {
        if (node.bits) { bestLen = len; bestBits = node.bits; }
        if (++len > n - i || !node.next) break;
        node = node.next.get(infos[i + len - 1].lower);
      }
      if (infos[i].lower.includes(' ') || spaceWithin(infos, i + 1, Math.min(n, i + infos[i].gazMax))) {
        // words with spaces in them can make up phrases across word bounds: join them as words
        [bestLen, bestBits] = joinedMatch(infos, i, res);
      }
      if (bestLen) {
        for (let k = 0; k < bestLen; k++) out[i + k] = ((bestBits << 1) | (k ? 1 : 0)) + 1;
        matched = bestLen;
      }
    }
    i += matched || 1;
  }
  return out;
}

function spaceWithin(infos: WordInfo[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (infos[k].lower.includes(' ')) return true;
  return false;
}

/** The longest phrase from word `i` on, by joining the words' lower cases with spaces. */
function joinedMatch(infos: WordInfo[], i: number, res: NerResources): [number, number] {
  const n = infos.length, max = infos[i].gazMax;
  let phrase = infos[i].lower;
  let bestLen = 0, bestBits = 0;
  const single = res.gaz.get(phrase);
  if (single) { bestLen = 1; bestBits = single; }
  for (let len = 2; len <= max && i + len <= n; len++) {
    phrase += ' ' + infos[i + len - 1].lower;
    const bits = res.gaz.get(phrase);
    if (bits) { bestLen = len; bestBits = bits; }
  }
  return [bestLen, bestBits];
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
/** Lower-case particles inside person names ("von der Leyen", "bin Salman"); index.ts joins names across them. */
export const NAME_PARTICLES: ReadonlySet<string> = new Set(['von', 'van', 'der', 'den', 'de', 'du', 'des', 'da', 'di', 'del', 'della', 'dos', 'das', 'la', 'le', 'bin', 'ibn', 'bint', 'ben', 'al', 'el', 'ter', 'zu']);

const CONNECTORS = new Set(['&', 'of', 'de', 'du', 'des', 'la', 'le', 'von', 'van', 'der', 'den', 'del', 'della', 'da', 'di', 'dos', 'bin', 'ibn', 'al', 'el', 'y']);

/** Scratch arrays for `sentenceFacts` that are reused from sentence to sentence (each at least as long as the sentence). */
export function sentenceScratch(n: number): SentenceFacts {
  return {
    caps: 0, gm: new Int32Array(n), runPos: new Int32Array(n), runLen: new Int32Array(n), runBits: new Int32Array(n),
    runFirst: new Int32Array(n), runLast: new Int32Array(n),
  };
}

/** The facts of one sentence; with `into`, written into its arrays (entries past the sentence are left as they are). */
export function sentenceFacts(infos: WordInfo[], res: NerResources, into?: SentenceFacts): SentenceFacts {
  const n = infos.length;
  const caps = isCapsSentence(infos) ? 1 : 0;
  const sf = into ?? sentenceScratch(n);
  sf.caps = caps;
  const { runPos, runLen, runBits, runFirst, runLast } = sf;
  if (into) {
    runPos.fill(0, 0, n); runLen.fill(0, 0, n); runBits.fill(0, 0, n); runFirst.fill(0, 0, n); runLast.fill(0, 0, n);
  }
  if (caps) runPos.fill(5, 0, n);
  else {
    let i = 0;
    while (i < n) {
      if (!isCap(infos[i])) { i++; continue; }
      let j = i + 1;
      for (;;) {
        if (isTitle(infos[i])) break;
        if (j < n && isCap(infos[j]) && !isTitle(infos[j])) { j++; continue; }
        if (j + 1 < n && CONNECTORS.has(infos[j].lower) && isCap(infos[j + 1]) && !isTitle(infos[j + 1])) { j += 2; continue; }
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
  gazetteerSpans(infos, res, sf.gm);
  return sf;
}

const isCap = (w: WordInfo) => w.hasLetter && (w.flags & F_INITCAP) !== 0;
// a title ("Mayor", "President") stands alone: "New York Mayor | Bill de Blasio"
const isTitle = (w: WordInfo) => (w.gaz1 & TITLE_BIT) !== 0;

/** Keys of a word in all five slots, in `WORD_SLOTS` order. */
export function allWordKeys(w: WordInfo, out: Int32Array = new Int32Array(N_STATIC - N_CONTEXT)): Int32Array {
  let o = 0;
  for (const slot of WORD_SLOTS) o = wordKeys(w, slot, out, o);
  return out;
}

/** Position class of a token: 0 sentence-initial, 1 after an opening quote, colon, dash or bracket, 2 inside. */
export function positionClass(i: number, p1: WordInfo): number {
  return i === 0 ? 0 : p1.opener ? 1 : 2;
}

/** The 16 context keys: neighbours (5), word at its position (4), gazetteer match and capitalised run (7). */
export function contextKeys(infos: WordInfo[], i: number, wf: WordFeatures, sf: SentenceFacts, out: Int32Array, o: number): number {
  const n = infos.length;
  const w = infos[i];
  const p1 = i > 0 ? infos[i - 1] : wf.bos;
  const n1 = i + 1 < n ? infos[i + 1] : wf.eos;
  o = neighbourKeys(p1, w, n1, out, o);
  o = positionKeys(w, positionClass(i, p1), sf.caps, out, o);
  return runKeys(w, sf.gm[i], sf.runPos[i], sf.runLen[i], sf.runBits[i], sf.runFirst[i], sf.runLast[i], out, o);
}

/** Keys that pair the word with its neighbours. */
export function neighbourKeys(p1: WordInfo, w: WordInfo, n1: WordInfo, out: Int32Array, o: number): number {
  out[o++] = key3(12, p1.hShape, w.hShape, n1.hShape);
  out[o++] = key2(22, p1.hLower, w.hLower);
  out[o++] = key2(23, w.hLower, n1.hLower);
  out[o++] = key2(42, p1.hLower, w.hShape);
  out[o++] = key2(43, w.hShape, n1.hLower);
  return o;
}

/** Keys of the word at its position class in a sentence that is (`caps` 1) or is not a headline in capitals. */
export function positionKeys(w: WordInfo, pos: number, caps: number, out: Int32Array, o: number): number {
  out[o++] = key2(25, pos, w.hShape);
  out[o++] = key3(26, caps, w.capClass, w.hShape);
  out[o++] = key3(28, w.capClass, pos, w.flags & (F_INITCAP | F_ALLCAPS));
  out[o++] = key2(29, caps, w.hLower);
  return o;
}

/** Keys of the gazetteer match (`SentenceFacts.gm`) and the capitalised run around the word. */
export function runKeys(
  w: WordInfo, gm: number, rp: number, runLen: number, runBits: number, runFirst: number, runLast: number, out: Int32Array, o: number,
): number {
  out[o++] = key1(38, gm);
  out[o++] = key2(39, gm, w.flags & (F_INITCAP | F_ALLCAPS));
  out[o++] = key2(50, rp, runLen);
  out[o++] = key2(51, rp, runBits);
  out[o++] = rp > 0 && rp < 5 ? key2(52, rp, runLast) : key1(52, rp);
  out[o++] = rp > 0 && rp < 5 ? key2(53, rp, runFirst) : key1(53, rp);
  out[o++] = key3(54, rp, runLen, w.gaz1);
  return o;
}

/** The flag bits the position and run keys read (initial capital, all capitals). */
export const caseBits = (w: WordInfo) => w.flags & (F_INITCAP | F_ALLCAPS);

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
  wordTagKeys(w, t1, out, o + 2);
}

/** The 3 dynamic keys that pair the previous tag with the word itself. */
export function wordTagKeys(w: WordInfo, t1: number, out: Int32Array, o: number): void {
  out[o] = key2(102, t1, w.hLower);
  out[o + 1] = key2(103, t1, w.hShape);
  out[o + 2] = key2(104, t1, w.hCl[0]);
}
