/**
 * Greedy left-to-right tagger over the averaged-perceptron weights of a `NerModel`, in
 * two stages: stage 0 tags each sentence alone; stage 1 retags with document features
 * computed from stage 0's tags (document.ts). Pure computation: no I/O, usable in a
 * browser.
 *
 * The scores equal those of the training-time keys (features.ts, document.ts), but most
 * weights are summed once per word type (cached rows) or read from small dense tables,
 * so few keys are built and hashed per token (README.md, "Run time").
 */
import { key1, key2 } from './hash.ts';
import {
  caseBits, N_STATIC, N_WORD_KEYS, neighbourKeys, positionClass, positionKeys, runKeys, wordKeys,
  sentenceFacts, sentenceScratch, WORD_SLOTS, WordFeatures, wordTagKeys, type SentenceFacts, type WordInfo,
} from './features.ts';
import {
  DocScratch, docKey, documentValues, H_BOS, H_EOS, N_CONTAINED, N_MAJORITY, N_PRESENT, tagHash, typeIndex,
} from './document.ts';
import type { NerModel, StageWeights } from './model.ts';
import type { TableMaker } from '../../../learn/shared.ts';

/**
 * allowed[(prev + 1) * K + cur] for BIO or BILOU labels: I-X (and L-X) only right after
 * B-X or I-X; with BILOU, a chunk opened by B-X or continued by I-X must go on.
 */
export function transitionMask(labels: string[]): Uint8Array {
  const K = labels.length;
  const bilou = labels.some((l) => l.startsWith('U-'));
  const m = new Uint8Array((K + 1) * K);
  for (let p = -1; p < K; p++) {
    const prev = p < 0 ? 'O' : labels[p];
    const open = prev.startsWith('B-') || prev.startsWith('I-');
    for (let c = 0; c < K; c++) {
      const cur = labels[c];
      const cont = cur.startsWith('I-') || cur.startsWith('L-');
      let ok: boolean;
      if (cont) ok = open && prev.slice(2) === cur.slice(2);
      else ok = !bilou || !open;
      m[(p + 1) * K + c] = ok ? 1 : 0;
    }
  }
  return m;
}

/** For each label, the label to use when it is not allowed here: I-X / L-X -> B-X / U-X, else itself. */
export function repairMap(labels: string[]): Int32Array {
  const bilou = labels.some((l) => l.startsWith('U-'));
  return Int32Array.from(labels, (l, k) => {
    if (l.startsWith('I-')) return labels.indexOf('B-' + l.slice(2));
    if (l.startsWith('L-')) return labels.indexOf((bilou ? 'U-' : 'B-') + l.slice(2));
    return k;
  });
}

/**
 * The tag to take from scores `acc`: the best one; if the transitions forbid it (a
 * continuation with no name open), the tag that opens that name instead; if that is
 * forbidden too, the best allowed tag.
 */
export function choose(acc: ArrayLike<number>, K: number, allowed: Uint8Array, am: number, repair: Int32Array): number {
  let best = 0;
  for (let k = 1; k < K; k++) if (acc[k] > acc[best]) best = k;
  if (allowed[am + best]) return best;
  const r = repair[best];
  if (r >= 0 && allowed[am + r]) return r;
  best = -1;
  let bestScore = -Infinity;
  for (let k = 0; k < K; k++) if (allowed[am + k] && acc[k] > bestScore) { bestScore = acc[k]; best = k; }
  return best;
}

/** BILOU -> BIO (identity for BIO tags). */
export function toBio(tags: string[]): string[] {
  return tags.map((t) => (t.startsWith('L-') ? 'I-' + t.slice(2) : t.startsWith('U-') ? 'B-' + t.slice(2) : t));
}

/** BIO -> BILOU. */
export function toBilou(tags: string[]): string[] {
  return tags.map((t, i) => {
    if (t === 'O') return t;
    const ty = t.slice(2);
    const next = tags[i + 1];
    const ends = next !== 'I-' + ty;
    if (t.startsWith('B-')) return (ends ? 'U-' : 'B-') + ty;
    return (ends ? 'L-' : 'I-') + ty;
  });
}

/**
 * The weights of all stages in one open-addressing table keyed by feature key. A slot is
 * 5 int32 words (20 bytes): the key, then the R = K − 1 int8 weights of each of the two
 * stages (16 bytes for nine labels), so one lookup serves both passes (word and context
 * keys are shared by them) and touches one or two cache lines.
 */
const newTable: TableMaker = (_name, type, length, fill) => {
  const t = new type(length);
  fill(t);
  return t;
};

export class WeightTable {
  /** Slot s: key at keys32[s * S32]; stage j's weights at w[s * S8 + 4 + j * R ...]; key 0 = empty. */
  private readonly keys32: Int32Array;
  readonly w: Int8Array;
  private readonly mask: number;
  private readonly S32: number;
  private readonly S8: number;
  /** Weights per slot: R × stages. */
  readonly width: number;
  readonly size: number;
  readonly bytes: number;
  private readonly bloom: Int32Array;
  private readonly bshift: number;

  /** `table`: makes the slot table and the filter (shared by threads: src/learn/shared.ts); default new arrays. */
  constructor(stages: StageWeights[], R: number, table: TableMaker = newTable) {
    this.width = R * stages.length;
    // size of the union of the stages' keys (each sorted ascending)
    let nu = 0;
    if (stages.length === 1) nu = stages[0].keys.length;
    else {
      const pos = new Int32Array(stages.length);
      for (;;) {
        let min = 0, any = false;
        for (let j = 0; j < stages.length; j++) {
          const ks = stages[j].keys;
          if (pos[j] < ks.length && (!any || ks[pos[j]] < min)) { min = ks[pos[j]]; any = true; }
        }
        if (!any) break;
        for (let j = 0; j < stages.length; j++) if (pos[j] < stages[j].keys.length && stages[j].keys[pos[j]] === min) pos[j]++;
        nu++;
      }
    }
    this.size = nu;
    let cap = 1;
    while (cap * 0.7 < nu) cap <<= 1;
    this.mask = cap - 1;
    this.S32 = 1 + Math.ceil(this.width / 4);
    this.S8 = this.S32 * 4;
    // one bit per key in a filter of ~16 bits per key (about 6% false positives)
    let bits = 1024, lg = 10;
    while (bits < nu * 16) { bits <<= 1; lg++; }
    const bshift = (this.bshift = 32 - lg);
    const S = this.S32, S8 = this.S8, mask = this.mask;
    this.keys32 = table('slots', Int32Array, cap * S, (t) => {
      const w = new Int8Array(t.buffer);
      for (let j = 0; j < stages.length; j++) {
        const { keys, weights } = stages[j];
        for (let r = 0; r < keys.length; r++) {
          const key = keys[r];
          let s = slotOf(key, mask);
          while (t[s * S] !== 0 && t[s * S] !== key) s = (s + 1) & mask;
          t[s * S] = key;
          const d = s * S8 + 4 + j * R;
          for (let k = 0; k < R; k++) w[d + k] = weights[r * R + k];
        }
      }
    });
    this.w = new Int8Array(this.keys32.buffer);
    const t = this.keys32;
    this.bloom = table('filter', Int32Array, bits >>> 5, (f) => {
      for (let s = 0; s <= mask; s++) {
        const key = t[s * S];
        if (key === 0) continue;
        const h = Math.imul(key, 0x9e3779b1) >>> bshift;
        f[h >>> 5] |= 1 << (h & 31);
      }
    });
    this.bytes = this.keys32.byteLength + this.bloom.byteLength;
  }

  /**
   * `rows[f]` = offset of `keys[f]`'s weights in `w`, or −1, for f < n. The keys are looked
   * up in passes over all of them (filter bits, then home slots, then the rest), so the
   * cache misses of different keys overlap instead of queueing one after the other.
   */
  rows(keys: Int32Array, n: number, rows: Int32Array): void {
    const bloom = this.bloom, bs = this.bshift, t = this.keys32, S = this.S32, S8 = this.S8, mask = this.mask;
    for (let f = 0; f < n; f++) {
      const h = Math.imul(keys[f], 0x9e3779b1) >>> bs;
      // home slot + 1 where the filter lets the key through, else 0 (no branch)
      rows[f] = (((bloom[h >>> 5] >>> (h & 31)) & 1) * (slotOf(keys[f], mask) + 1)) - 1;
    }
    for (let f = 0; f < n; f++) {
      let s = rows[f];
      if (s < 0) continue;
      const key = keys[f];
      for (;;) {
        const k = t[s * S];
        if (k === key) { rows[f] = s * S8 + 4; break; }
        if (k === 0) { rows[f] = -1; break; }
        s = (s + 1) & mask;
      }
    }
  }

  /** Offset of a key's weights in `w`, or -1. */
  row(key: number): number {
    // most absent keys are turned away by the small bit filter
    const h = Math.imul(key, 0x9e3779b1) >>> this.bshift;
    if ((this.bloom[h >>> 5] & (1 << (h & 31))) === 0) return -1;
    const t = this.keys32, mask = this.mask, S = this.S32;
    let s = slotOf(key, mask);
    for (;;) {
      const k = t[s * S];
      if (k === key) return s * this.S8 + 4;
      if (k === 0) return -1;
      s = (s + 1) & mask;
    }
  }
}

/** Home slot of a key (keys are already well mixed hashes). */
const slotOf = (key: number, mask: number) => (key ^ (key >>> 16)) & mask;

export interface TagResult {
  tags: string[];
  /** Softmax probability of the chosen tag at each token (NaN where `TagOptions.probs` skipped it). */
  probs: Float64Array;
}

export interface TagOptions {
  /**
   * `all` (default): a probability for every token; `names`: only for tokens a name can
   * include (tagged as part of a name, capitalised, or a name particle such as "von").
   * With `names` and a tagger given joiners, a document whose sentences mostly start with a
   * capital has its `plain` words (all lower case, not a joiner such as "of") tagged O
   * without being scored: on 400 PolNeAR articles that is 55% of the words, of which the
   * full model tagged 8 in 205,000 as part of a name.
   */
  probs?: 'all' | 'names';
}


/**
 * True when at least half the sentences that have a letter start with a capital: then
 * case tells names apart and plain words can be skipped (`TagOptions.probs`).
 */
function casedText(infos: WordInfo[], start: Int32Array, nSent: number): boolean {
  let withLetter = 0, capital = 0;
  for (let s = 0; s < nSent; s++) {
    for (let x = start[s]; x < start[s + 1]; x++) {
      const wi = infos[x];
      if (!wi.hasLetter) continue;
      withLetter++;
      if (wi.capU) capital++;
      break;
    }
  }
  return withLetter > 0 && 2 * capital >= withLetter;
}

/**
 * Rows of the per-word cache `WordInfo.vec` (each `width` = R × stages wide, R = K − 1
 * labels after O), all filled when the word is first seen: the word's keys in the five
 * window slots; its position keys for the commonest position (inside a sentence that is
 * not in capitals); those plus the run and gazetteer keys of a word outside any run or
 * gazetteer match (most lower-case words); its word-and-previous-tag keys after an O.
 * Int16 is enough: a row sums at most 22 int8 weights.
 */
const ROW_POSITION = WORD_SLOTS.length, ROW_COMMON = ROW_POSITION + 1, ROW_AFTER_O = ROW_COMMON + 1, VEC_ROWS = ROW_AFTER_O + 1;
/** Keys looked up per new word: its five window slots, position keys, the run key with its gazetteer bits, tag keys after O. */
const ROW_KEYS = [...WORD_SLOTS.map((sl) => N_WORD_KEYS[sl]), 4];
const KEYS_PER_WORD = ROW_KEYS.reduce((a, b) => a + b, 0) + 1 + 3;
/** Words per pool of rows. */
const POOL_WORDS = 1024;
/** Marks a word whose rows are being made. */
const PENDING = new Int16Array(0);

/** Keys per token from `neighbourKeys`. */
const N_NEIGHBOUR = 5;
/** Number of run positions (`SentenceFacts.runPos`: 0..5). */
const N_RUNPOS = 6;

/** Typed-array scratch for one document, grown as needed and reused. */
class Scratch {
  cap = 0;
  base = new Int32Array(0);
  runPos = new Int32Array(0);
  tags0 = new Int32Array(0);
  type = new Int32Array(0);
  inside = new Uint8Array(0);
  majority = new Int32Array(0);
  present = new Int32Array(0);
  contained = new Int32Array(0);
  start = new Int32Array(1);
  caps = new Uint8Array(0);
  sf: SentenceFacts = sentenceScratch(64);
  /** 1 for a token tagged O without scoring (a plain word in cased text). */
  skip = new Uint8Array(0);
  infos: WordInfo[] = [];
  sentence: WordInfo[] = [];
  fresh: WordInfo[] = [];

  ensure(nTok: number, nSent: number, W: number): void {
    if (nTok > this.cap) {
      const n = Math.max(nTok, this.cap * 2, 256);
      this.cap = n;
      this.base = new Int32Array(n * W);
      this.runPos = new Int32Array(n);
      this.tags0 = new Int32Array(n);
      this.type = new Int32Array(n);
      this.inside = new Uint8Array(n);
      this.majority = new Int32Array(n);
      this.present = new Int32Array(n);
      this.contained = new Int32Array(n);
      this.skip = new Uint8Array(n);
    }
    if (nSent + 1 > this.start.length) {
      const n = Math.max(nSent + 1, this.start.length * 2);
      this.start = new Int32Array(n);
      this.caps = new Uint8Array(n);
    }
  }

  facts(n: number): SentenceFacts {
    if (this.sf.runPos.length < n) {
      const m = Math.max(n, this.sf.runPos.length * 2);
      this.sf = sentenceScratch(m);
      this.nKeys = new Int32Array(m * N_NEIGHBOUR);
      this.nRows = new Int32Array(m * N_NEIGHBOUR);
      this.scored = new Int32Array(m);
    }
    return this.sf;
  }

  /** A sentence's neighbour keys and their rows. */
  nKeys = new Int32Array(64 * N_NEIGHBOUR);
  nRows = new Int32Array(64 * N_NEIGHBOUR);
  /** The sentence positions of the scored tokens, in order. */
  scored = new Int32Array(64);
}

export class NerTagger {
  readonly labels: string[];
  readonly features: WordFeatures;
  private readonly K: number;
  /** Weights per stage and key: the labels after O. */
  private readonly R: number;
  private readonly nStages: number;
  private readonly table: WeightTable;
  /** Weights per table row and per cached vector row: R × stages. */
  private readonly W: number;
  private readonly temperature: number;
  private readonly scale: number;
  private readonly allowed: Uint8Array;
  private readonly repair: Int32Array;
  private readonly bio: string[];
  private readonly bioType: Int32Array;
  private readonly bioInside: Uint8Array;
  private readonly keys = new Int32Array(N_STATIC);
  /** Per-word rows live in shared pools (no typed array per word). */
  private pool = new Int16Array(0);
  private poolUsed = 0;
  private bulkKeys = new Int32Array(0);
  private bulkRows = new Int32Array(0);
  private readonly acc: Int32Array;
  /** Per stage, R weights for each (t2, t1, runPos): keys 100, 101, 105. */
  private readonly tagTables: Int32Array[];
  /**
   * All stages: the run and gazetteer keys of a token outside any run and gazetteer match
   * (run position 0, or 5 in a headline), by [caps][case bits]; the last of them, which
   * also reads the word's own gazetteer bits, apart (for words without any) by [caps].
   */
  private readonly plainRun: Int32Array;
  private readonly plainRun54: Int32Array;
  /** Stage 1 (R wide): document keys by value (document.ts). */
  private readonly docMajority: Int32Array;
  private readonly docPresent: Int32Array;
  private readonly docContained: Int32Array;
  /** The first pass's tags before, at and after the token (K + 1 values at the ends: none). */
  private readonly docTags: Int32Array;
  private readonly scratch = new Scratch();
  private allProbs = true;
  private probBuf = new Float64Array(0);
  private readonly docScratch = new DocScratch();

  /**
   * `joiners`: lower-case words that can stand inside a name (see `TagOptions.probs`);
   * `table`: makes the weight table's arrays (see `WeightTable`).
   */
  constructor(readonly model: NerModel, opts: { joiners?: ReadonlySet<string>; table?: TableMaker } = {}) {
    const h = model.header;
    this.labels = h.labels;
    const K = (this.K = h.labels.length);
    const R = (this.R = K - 1);
    this.features = new WordFeatures(model.resources, h.levels, undefined, opts.joiners ?? null);
    this.nStages = model.stages.length;
    this.table = new WeightTable(model.stages, R, opts.table);
    const W = (this.W = this.table.width);
    this.scale = model.stages[model.stages.length - 1].scale;
    this.temperature = h.temperature;
    this.allowed = transitionMask(h.labels);
    this.repair = repairMap(h.labels);
    this.acc = new Int32Array(K);
    this.bio = toBio(h.labels);
    this.bioType = Int32Array.from(this.bio, typeIndex);
    this.bioInside = Uint8Array.from(this.bio, (t) => (t.startsWith('I-') ? 1 : 0));

    // dense tables for the keys whose values come from small sets
    const K1 = K + 1;
    this.tagTables = [];
    for (let st = 0; st < this.nStages; st++) {
      const t = new Int32Array(K1 * K1 * N_RUNPOS * R);
      for (let t2 = -1; t2 < K; t2++) {
        for (let t1 = -1; t1 < K; t1++) {
          for (let rp = 0; rp < N_RUNPOS; rp++) {
            const d = (((t2 + 1) * K1 + (t1 + 1)) * N_RUNPOS + rp) * R;
            this.addKey(key1(100, t1), t, d, st * R, R);
            this.addKey(key2(101, t2, t1), t, d, st * R, R);
            this.addKey(key2(105, t1, rp), t, d, st * R, R);
          }
        }
      }
      this.tagTables.push(t);
    }
    this.plainRun = new Int32Array(2 * 4 * W);
    this.plainRun54 = new Int32Array(2 * W);
    const keys = this.keys;
    for (let caps = 0; caps < 2; caps++) {
      for (let cb = 0; cb < 4; cb++) {
        // a stand-in word with these case bits and no gazetteer bits (all runKeys reads)
        runKeys({ flags: cb, gaz1: 0 } as WordInfo, 0, caps ? 5 : 0, 0, 0, 0, 0, keys, 0);
        for (let f = 0; f < 6; f++) this.addKey(keys[f], this.plainRun, (caps * 4 + cb) * W, 0, W);
        if (cb === 0) this.addKey(keys[6], this.plainRun54, caps * W, 0, W);
      }
    }
    const DS = 1; // the stage that reads the document keys
    const so = DS * R, hasDoc = this.nStages > DS;
    const dense = (n: number, key: (i: number) => number) => {
      const t = new Int32Array(n * R);
      if (hasDoc) for (let i = 0; i < n; i++) this.addKey(key(i), t, i * R, so, R);
      return t;
    };
    const th = this.bio.map(tagHash);
    this.docMajority = dense(N_MAJORITY * 4, (i) => docKey.majority(i >> 2, i & 3));
    this.docPresent = dense(N_PRESENT, (i) => docKey.present(i - 1));
    this.docContained = dense(N_CONTAINED * 4, (i) => docKey.contained(i >> 2, i & 3));
    this.docTags = new Int32Array(K1 * K * K1 * R);
    if (hasDoc) {
      for (let gp = 0; gp <= K; gp++) {
        for (let g = 0; g < K; g++) {
          for (let gn = 0; gn <= K; gn++) {
            const d = ((gp * K + g) * K1 + gn) * R;
            this.addKey(docKey.tag(th[g]), this.docTags, d, so, R);
            this.addKey(docKey.prevTag(gp === K ? H_BOS : th[gp], th[g]), this.docTags, d, so, R);
            this.addKey(docKey.nextTag(th[g], gn === K ? H_EOS : th[gn]), this.docTags, d, so, R);
          }
        }
      }
    }
    this.buildRows([this.features.bos, this.features.eos], 2);
  }

  /** Bytes of the weight table (with its filter) and of the dense tables. */
  get weightBytes(): number {
    let n = this.table.bytes + this.plainRun.byteLength + this.plainRun54.byteLength;
    for (const t of this.tagTables) n += t.byteLength;
    for (const t of [this.docMajority, this.docPresent, this.docContained, this.docTags]) n += t.byteLength;
    return n;
  }

  /** Adds the `n` weights of `key` from offset `off` of its row to `dst[d ...]`. */
  private addKey(key: number, dst: Int32Array, d: number, off: number, n: number): void {
    const r = this.table.row(key);
    if (r < 0) return;
    const w = this.table.w;
    for (let k = 0; k < n; k++) dst[d + k] += w[r + off + k];
  }

  /**
   * Gives every word in `words[0 .. n)` without cached rows its rows (a slot in the pool)
   * and fills them. All their keys are looked up together, so the cache misses of a
   * document's new words overlap.
   */
  private buildRows(words: WordInfo[], n: number): void {
    const W = this.W, w = this.table.w;
    let keys = this.bulkKeys, rows = this.bulkRows;
    if (keys.length < n * KEYS_PER_WORD) {
      keys = this.bulkKeys = new Int32Array(Math.max(n * KEYS_PER_WORD, keys.length * 2));
      rows = this.bulkRows = new Int32Array(keys.length);
    }
    const run = this.keys;
    for (let j = 0; j < n; j++) {
      const wi = words[j];
      let o = j * KEYS_PER_WORD;
      for (const slot of WORD_SLOTS) o = wordKeys(wi, slot, keys, o);
      o = positionKeys(wi, 2, 0, keys, o);
      runKeys(wi, 0, 0, 0, 0, 0, 0, run, 0);
      keys[o++] = run[6];
      wordTagKeys(wi, 0, keys, o);
    }
    this.table.rows(keys, n * KEYS_PER_WORD, rows);
    for (let j = 0; j < n; j++) {
      const wi = words[j];
      if (this.poolUsed + VEC_ROWS * W > this.pool.length) {
        this.pool = new Int16Array(POOL_WORDS * VEC_ROWS * W);
        this.poolUsed = 0;
      }
      const v = this.pool, vo = this.poolUsed;
      this.poolUsed += VEC_ROWS * W;
      let f = j * KEYS_PER_WORD;
      // the window slots, then the position keys
      for (let row = 0; row <= ROW_POSITION; row++) {
        for (let e = f + ROW_KEYS[row]; f < e; f++) {
          const r = rows[f];
          if (r >= 0) for (let k = 0; k < W; k++) v[vo + row * W + k] += w[r + k];
        }
      }
      // the commonest case: position keys and the run keys outside runs
      const c = vo + ROW_COMMON * W, pr = caseBits(wi) * W, t = this.plainRun;
      for (let k = 0; k < W; k++) v[c + k] = v[vo + ROW_POSITION * W + k] + t[pr + k];
      const r54 = rows[f++];
      if (r54 >= 0) for (let k = 0; k < W; k++) v[c + k] += w[r54 + k];
      for (let e = f + 3; f < e; f++) {
        const r = rows[f];
        if (r >= 0) for (let k = 0; k < W; k++) v[vo + ROW_AFTER_O * W + k] += w[r + k];
      }
      wi.vec = v;
      wi.vecOff = vo;
    }
  }

  /** Adds the run and gazetteer keys of a word outside any run and gazetteer match (run position 0, or 5 in capitals). */
  private addPlainRun(wi: WordInfo, caps: number, rp: number, dst: Int32Array, o: number): void {
    const W = this.W, r = (caps * 4 + caseBits(wi)) * W, t = this.plainRun;
    for (let k = 0; k < W; k++) dst[o + k] += t[r + k];
    // the last run key pairs the run with the word's gazetteer bits: in the table for none
    if (wi.gaz1 !== 0) {
      const keys = this.keys;
      runKeys(wi, 0, rp, 0, 0, 0, 0, keys, 0);
      this.addKey(keys[6], dst, o, 0, W);
    } else {
      const t54 = this.plainRun54;
      for (let k = 0; k < W; k++) dst[o + k] += t54[caps * W + k];
    }
  }

  /** BIO tags (`B-PER`, `I-ORG`, `O`, ...) for one sentence (a one-sentence document). */
  tag(words: string[]): string[] {
    return this.tagDocument([words])[0].tags;
  }

  /** Tags every sentence of a document; the second stage sees the whole document. */
  tagDocument(sentences: string[][], options: TagOptions = {}): TagResult[] {
    this.allProbs = options.probs !== 'names';
    const wf = this.features;
    const nSent = sentences.length;
    let nTok = 0;
    for (const ws of sentences) nTok += ws.length;
    const sc = this.scratch;
    sc.ensure(nTok, nSent, this.W);
    wf.reserve(nTok);
    const infos = sc.infos, start = sc.start;
    infos.length = nTok;
    let x = 0;
    for (let s = 0; s < nSent; s++) {
      start[s] = x;
      for (const word of sentences[s]) infos[x++] = wf.info(word);
    }
    start[nSent] = x;
    // rows for the words seen for the first time
    const fresh = sc.fresh;
    let nf = 0;
    for (let i = 0; i < nTok; i++) {
      const wi = infos[i];
      if (wi.vec === null) { wi.vec = PENDING; fresh[nf++] = wi; }
    }
    if (nf) this.buildRows(fresh, nf);
    fresh.length = 0;
    // tag-independent scores of every token, for all stages at once
    const skipPlain = !this.allProbs && casedText(infos, start, nSent);
    for (let s = 0; s < nSent; s++) this.prepareSentence(s, skipPlain);
    const last = this.nStages - 1;
    const results: TagResult[] = new Array(nSent);
    this.probBuf = new Float64Array(nTok);
    const tags0 = sc.tags0;
    for (let s = 0; s < nSent; s++) this.decode(0, s, tags0, last === 0 ? results : null);
    if (last > 0) {
      for (let i = 0; i < nTok; i++) {
        sc.type[i] = this.bioType[tags0[i]];
        sc.inside[i] = this.bioInside[tags0[i]];
      }
      documentValues(infos, start, nSent, sc.type, sc.inside, sc.majority, sc.present, sc.contained, this.docScratch);
      for (let s = 0; s < nSent; s++) this.decode(1, s, tags0, results);
    }
    infos.length = 0;
    return results;
  }

  /**
   * Sums the tag-independent weights of every token of sentence `s` into `scratch.base`;
   * with `skipPlain`, marks the plain words in `scratch.skip` instead.
   */
  private prepareSentence(s: number, skipPlain: boolean): void {
    const sc = this.scratch, W = this.W, keys = this.keys, table = this.table, w = table.w;
    const a = sc.start[s], n = sc.start[s + 1] - a;
    const ws = sc.sentence;
    ws.length = n;
    for (let i = 0; i < n; i++) ws[i] = sc.infos[a + i];
    const sf = sentenceFacts(ws, this.features.res, sc.facts(n));
    const nk = sc.nKeys;
    const caps = sf.caps;
    sc.caps[s] = caps;
    const wBos = this.features.bos, wEos = this.features.eos;
    const base = sc.base, skip = sc.skip, scored = sc.scored;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const wi = ws[i];
      if (skipPlain && wi.plain) { skip[a + i] = 1; continue; }
      skip[a + i] = 0;
      const p1 = i > 0 ? ws[i - 1] : wBos;
      const n1 = i + 1 < n ? ws[i + 1] : wEos;
      const p2 = i > 1 ? ws[i - 2] : wBos;
      const n2 = i + 2 < n ? ws[i + 2] : wEos;
      const vs = wi.vec!, os = wi.vecOff;
      const vp = p1.vec!, op = p1.vecOff + W, vn = n1.vec!, on = n1.vecOff + 2 * W;
      const vp2 = p2.vec!, op2 = p2.vecOff + 3 * W, vn2 = n2.vec!, on2 = n2.vecOff + 4 * W;
      const o = (a + i) * W;
      for (let k = 0; k < W; k++) base[o + k] = vs[os + k] + vp[op + k] + vn[on + k] + vp2[op2 + k] + vn2[on2 + k];
      const pos = positionClass(i, p1);
      const gm = sf.gm[i], rp = sf.runPos[i];
      sc.runPos[a + i] = rp;
      if (pos === 2 && caps === 0 && gm === 0 && rp === 0) {
        // the commonest case, one cached row: inside a sentence, outside runs and gazetteer matches
        const r = os + ROW_COMMON * W;
        for (let k = 0; k < W; k++) base[o + k] += vs[r + k];
      } else {
        // keys of the word at its position: cached for the commonest position
        if (pos === 2 && caps === 0) {
          const r = os + ROW_POSITION * W;
          for (let k = 0; k < W; k++) base[o + k] += vs[r + k];
        } else {
          positionKeys(wi, pos, caps, keys, 0);
          for (let f = 0; f < 4; f++) this.addKey(keys[f], base, o, 0, W);
        }
        // gazetteer and run keys: a dense table outside runs and gazetteer matches
        if (gm === 0 && (rp === 0 || rp === 5)) this.addPlainRun(wi, caps, rp, base, o);
        else {
          const m = runKeys(wi, gm, rp, sf.runLen[i], sf.runBits[i], sf.runFirst[i], sf.runLast[i], keys, 0);
          for (let f = 0; f < m; f++) this.addKey(keys[f], base, o, 0, W);
        }
      }
      neighbourKeys(p1, wi, n1, nk, m * N_NEIGHBOUR);
      scored[m++] = i;
    }
    // the neighbour keys of the whole sentence, looked up together
    const nr = sc.nRows;
    table.rows(nk, m * N_NEIGHBOUR, nr);
    for (let q = 0; q < m; q++) {
      const o = (a + scored[q]) * W;
      for (let f = q * N_NEIGHBOUR, e = f + N_NEIGHBOUR; f < e; f++) {
        const r = nr[f];
        if (r >= 0) for (let k = 0; k < W; k++) base[o + k] += w[r + k];
      }
    }
    ws.length = 0;
  }

  /**
   * Greedy decoding of sentence `s` in `stage`: writes the tags to `tags0` for stage 0,
   * and, when `results` is given, the sentence's BIO tags and probabilities.
   */
  private decode(stage: number, s: number, tags0: Int32Array, results: TagResult[] | null): void {
    const sc = this.scratch, K = this.K, K1 = K + 1, R = this.R, W = this.W, so = stage * R;
    const a = sc.start[s], n = sc.start[s + 1] - a;
    const base = sc.base, runPos = sc.runPos, infos = sc.infos, skip = sc.skip;
    const acc = this.acc, allowed = this.allowed, repair = this.repair, keys = this.keys, table = this.table, w = table.w;
    const tt = this.tagTables[stage];
    const doc = stage === 1;
    const capsFlag = sc.caps[s] ? 2 : 0;
    const tags: string[] | null = results ? new Array(n) : null;
    // one buffer per document for all sentences' probabilities (a view each)
    const probs = results ? this.probBuf.subarray(a, a + n) : null;
    const t = this.scale / this.temperature;
    // acc[0], the score of O, stays 0; acc[1 + k] is label 1 + k
    let t1 = -1, t2 = -1;
    for (let i = 0; i < n; i++) {
      const x = a + i;
      if (skip[x]) {
        // a plain word in cased text: O, unscored (only with probs: 'names')
        if (!results) tags0[x] = 0;
        else { tags![i] = this.bio[0]; probs![i] = NaN; }
        t2 = t1;
        t1 = 0;
        continue;
      }
      const o = x * W + so;
      const d = (((t2 + 1) * K1 + (t1 + 1)) * N_RUNPOS + runPos[x]) * R;
      for (let k = 0; k < R; k++) acc[1 + k] = base[o + k] + tt[d + k];
      // the word with the previous tag: cached after O
      const wi = infos[x];
      if (t1 === 0) {
        const v = wi.vec!, r = wi.vecOff + ROW_AFTER_O * W + so;
        for (let k = 0; k < R; k++) acc[1 + k] += v[r + k];
      } else {
        wordTagKeys(wi, t1, keys, 0);
        for (let f = 0; f < 3; f++) {
          const r = table.row(keys[f]);
          if (r >= 0) for (let k = 0; k < R; k++) acc[1 + k] += w[r + so + k];
        }
      }
      if (doc) {
        const cf = capsFlag | (i === 0 ? 1 : 0);
        const g = tags0[x], gp = i > 0 ? tags0[x - 1] : K, gn = i + 1 < n ? tags0[x + 1] : K;
        const dm = (sc.majority[x] * 4 + cf) * R, dp = (sc.present[x] + 1) * R, dc = (sc.contained[x] * 4 + cf) * R;
        const dt = ((gp * K + g) * K1 + gn) * R;
        const tm = this.docMajority, tp = this.docPresent, tc = this.docContained, tg = this.docTags;
        for (let k = 0; k < R; k++) acc[1 + k] += tm[dm + k] + tp[dp + k] + tc[dc + k] + tg[dt + k];
      }
      const am = (t1 + 1) * K;
      const best = choose(acc, K, allowed, am, repair);
      if (!results) tags0[x] = best;
      else if (best === 0 && !this.allProbs && !wi.capU && !wi.particle) {
        tags![i] = this.bio[0];
        probs![i] = NaN;
      } else {
        tags![i] = this.bio[best];
        // probability of the chosen tag among the allowed ones (a repaired I-X counts for its B-X)
        let top = -Infinity;
        for (let k = 0; k < K; k++) if (allowed[am + k] || repair[k] === best) top = Math.max(top, acc[k]);
        let z = 0, mine = 0;
        for (let k = 0; k < K; k++) {
          if (!allowed[am + k] && repair[k] !== best) continue;
          const e = Math.exp((acc[k] - top) * t);
          z += e;
          if (k === best || (!allowed[am + k] && repair[k] === best)) mine += e;
        }
        probs![i] = mine / z;
      }
      t2 = t1;
      t1 = best;
    }
    if (results) results[s] = { tags: tags!, probs: probs! };
  }
}
