/**
 * Greedy left-to-right tagger over the averaged-perceptron weights of a `NerModel`, in
 * two stages: stage 0 tags each sentence alone; stage 1 retags with document features
 * computed from stage 0's tags (document.ts). Pure computation: no I/O, usable in a
 * browser.
 */
import {
  allWordKeys, contextKeys, dynamicKeys, N_CONTEXT, N_DYNAMIC, N_WORD_KEYS, sentenceFacts, WORD_SLOTS,
  WordFeatures, type WordInfo,
} from './features.ts';
import { docKeys, documentFacts, N_DOC, type DocumentFacts } from './document.ts';
import type { NerModel, StageWeights } from './model.ts';

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
 * The weights of all stages in one open-addressing table keyed by feature key: a slot
 * holds the key (int32) and then K int16 weights per stage, so one lookup serves every
 * stage (word and context keys are shared by both passes).
 */
class WeightTable {
  /** Slot s: key at keys32[s * S32], stage j's weights at w[s * S16 + 2 + j * K ...]; key 0 = empty. */
  private readonly keys32: Int32Array;
  readonly w: Int16Array;
  private readonly mask: number;
  private readonly S32: number;
  private readonly S16: number;
  /** Weights per slot: K × stages. */
  readonly width: number;
  private readonly bloom: Int32Array;
  private readonly bshift: number;

  constructor(stages: StageWeights[], K: number) {
    this.width = K * stages.length;
    // union of the stages' keys (each sorted ascending): merge
    const S = stages.length;
    const total = stages.reduce((a, st) => a + st.keys.length, 0);
    const pos = new Int32Array(S);
    const unionBuf = new Int32Array(total);
    const rowsOf = stages.map(() => new Int32Array(total));
    let nu = 0;
    for (;;) {
      let min = 0, any = false;
      for (let j = 0; j < S; j++) {
        if (pos[j] < stages[j].keys.length && (!any || stages[j].keys[pos[j]] < min)) { min = stages[j].keys[pos[j]]; any = true; }
      }
      if (!any) break;
      unionBuf[nu] = min;
      for (let j = 0; j < S; j++) {
        const ks = stages[j].keys;
        rowsOf[j][nu] = pos[j] < ks.length && ks[pos[j]] === min ? pos[j]++ : -1;
      }
      nu++;
    }
    const union = unionBuf.subarray(0, nu);
    let cap = 1;
    while (cap * 0.6 < union.length) cap <<= 1;
    this.mask = cap - 1;
    this.S32 = 1 + Math.ceil(this.width / 2);
    this.S16 = this.S32 * 2;
    const buf = new ArrayBuffer(cap * this.S32 * 4);
    this.keys32 = new Int32Array(buf);
    this.w = new Int16Array(buf);
    // one bit per key in a filter of ~16 bits per key (about 6% false positives)
    let bits = 1024, lg = 10;
    while (bits < union.length * 16) { bits <<= 1; lg++; }
    this.bloom = new Int32Array(bits >>> 5);
    this.bshift = 32 - lg;
    for (let u = 0; u < union.length; u++) {
      const h = Math.imul(union[u], 0x9e3779b1) >>> this.bshift;
      this.bloom[h >>> 5] |= 1 << (h & 31);
    }
    for (let u = 0; u < union.length; u++) {
      const key = union[u];
      let s = key & this.mask;
      while (this.keys32[s * this.S32] !== 0) s = (s + 1) & this.mask;
      this.keys32[s * this.S32] = key;
      const base = s * this.S16 + 2;
      for (let j = 0; j < S; j++) {
        const r = rowsOf[j][u];
        if (r < 0) continue;
        const src = stages[j].weights;
        for (let k = 0; k < K; k++) this.w[base + j * K + k] = src[r * K + k];
      }
    }
  }

  /** Offset of a key's weights in `w`, or -1. */
  row(key: number): number {
    // most absent keys are turned away by a small bit filter that stays in cache
    const h = Math.imul(key, 0x9e3779b1) >>> this.bshift;
    if ((this.bloom[h >>> 5] & (1 << (h & 31))) === 0) return -1;
    const t = this.keys32, mask = this.mask, S = this.S32;
    let s = key & mask;
    for (;;) {
      const k = t[s * S];
      if (k === key) return s * this.S16 + 2;
      if (k === 0) return -1;
      s = (s + 1) & mask;
    }
  }

  /** Summed weights (all stages) of a word's keys in each of the five slots, cached on the word. */
  wordVec(info: WordInfo): Int32Array {
    let v = info.vecs[0];
    if (v) return v;
    const W = this.width, w = this.w;
    v = new Int32Array(WORD_SLOTS.length * W);
    const keys = allWordKeys(info);
    let f = 0;
    for (let j = 0; j < WORD_SLOTS.length; j++) {
      for (let e = f + N_WORD_KEYS[WORD_SLOTS[j]]; f < e; f++) {
        const base = this.row(keys[f]);
        if (base >= 0) for (let k = 0; k < W; k++) v[j * W + k] += w[base + k];
      }
    }
    info.vecs[0] = v;
    return v;
  }
}

export interface TagResult {
  tags: string[];
  /** Softmax probability of the chosen tag at each token. */
  probs: Float64Array;
}

export class NerTagger {
  readonly labels: string[];
  readonly features: WordFeatures;
  private readonly K: number;
  private readonly nStages: number;
  private readonly table: WeightTable;
  private readonly temperature: number;
  private readonly scale: number;
  private readonly allowed: Uint8Array;
  private readonly repair: Int32Array;
  private readonly keys = new Int32Array(N_DOC + N_DYNAMIC);
  private readonly acc: Int32Array;

  constructor(readonly model: NerModel) {
    const h = model.header;
    this.labels = h.labels;
    this.K = h.labels.length;
    this.features = new WordFeatures(model.resources, h.levels);
    this.nStages = model.stages.length;
    this.table = new WeightTable(model.stages, this.K);
    this.scale = model.stages[model.stages.length - 1].scale;
    this.temperature = h.temperature;
    this.allowed = transitionMask(h.labels);
    this.repair = repairMap(h.labels);
    this.acc = new Int32Array(this.K);
  }

  /** BIO tags (`B-PER`, `I-ORG`, `O`, ...) for one sentence (a one-sentence document). */
  tag(words: string[]): string[] {
    return this.tagDocument([words])[0].tags;
  }

  /** Tags every sentence of a document; the second stage sees the whole document. */
  tagDocument(sentences: string[][]): TagResult[] {
    const wf = this.features, table = this.table, W = table.width, w = table.w;
    const bos = wf.bos, eos = wf.eos;
    const keys = new Int32Array(N_CONTEXT);
    // tag-independent scores of every token, for all stages at once
    const prepared = sentences.map((ws) => {
      const infos = ws.map((x) => wf.info(x));
      const n = infos.length;
      const sf = sentenceFacts(infos, wf.res);
      const base = new Int32Array(n * W);
      for (let i = 0; i < n; i++) {
        const vs = table.wordVec(infos[i]);
        const vp = table.wordVec(i > 0 ? infos[i - 1] : bos);
        const vn = table.wordVec(i + 1 < n ? infos[i + 1] : eos);
        const vp2 = table.wordVec(i > 1 ? infos[i - 2] : bos);
        const vn2 = table.wordVec(i + 2 < n ? infos[i + 2] : eos);
        const o = i * W;
        for (let k = 0; k < W; k++) base[o + k] = vs[k] + vp[W + k] + vn[2 * W + k] + vp2[3 * W + k] + vn2[4 * W + k];
        contextKeys(infos, i, wf, sf, keys, 0);
        for (let f = 0; f < N_CONTEXT; f++) {
          const r = table.row(keys[f]);
          if (r >= 0) for (let k = 0; k < W; k++) base[o + k] += w[r + k];
        }
      }
      return { infos, base, caps: sf.caps, runPos: sf.runPos };
    });
    const last = this.nStages - 1;
    let results = prepared.map((p, i) => this.decode(0, p.infos, p.base, p.caps, p.runPos, null, i, last === 0));
    if (last > 0) {
      const doc = documentFacts(prepared.map((p) => p.infos), results.map((r) => toBio(r.tags)));
      results = prepared.map((p, i) => this.decode(1, p.infos, p.base, p.caps, p.runPos, doc, i, true));
    }
    for (const r of results) r.tags = toBio(r.tags);
    return results;
  }

  private decode(
    stage: number, infos: WordInfo[], base: Int32Array, caps: number, runPos: Int32Array, doc: DocumentFacts | null, s: number,
    wantProbs: boolean,
  ): TagResult {
    const n = infos.length, K = this.K;
    const tags: string[] = new Array(n);
    const probs = new Float64Array(n);
    const acc = this.acc, allowed = this.allowed, keys = this.keys, table = this.table, w = table.w;
    const W = table.width, so = stage * K;
    const t = this.scale / this.temperature;
    let t1 = -1, t2 = -1;
    for (let i = 0; i < n; i++) {
      const o = i * W + so;
      for (let k = 0; k < K; k++) acc[k] = base[o + k];
      let m = 0;
      if (doc) {
        docKeys(doc, s, i, (caps ? 2 : 0) | (i === 0 ? 1 : 0), keys, 0);
        m = N_DOC;
      }
      dynamicKeys(infos[i], runPos[i], t1, t2, keys, m);
      m += N_DYNAMIC;
      for (let f = 0; f < m; f++) {
        const r = table.row(keys[f]);
        if (r >= 0) for (let k = 0; k < K; k++) acc[k] += w[r + so + k];
      }
      const am = (t1 + 1) * K;
      const best = choose(acc, K, allowed, am, this.repair);
      tags[i] = this.labels[best];
      if (wantProbs) {
        // probability of the chosen tag among the allowed ones (a repaired I-X counts for its B-X)
        let top = -Infinity;
        for (let k = 0; k < K; k++) if (allowed[am + k] || this.repair[k] === best) top = Math.max(top, acc[k]);
        let z = 0, mine = 0;
        for (let k = 0; k < K; k++) {
          if (!allowed[am + k] && this.repair[k] !== best) continue;
          const e = Math.exp((acc[k] - top) * t);
          z += e;
          if (k === best || (!allowed[am + k] && this.repair[k] === best)) mine += e;
        }
        probs[i] = mine / z;
      }
      t2 = t1;
      t1 = best;
    }
    return { tags, probs };
  }
}
