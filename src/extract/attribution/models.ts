/**
 * The learned parts of attribution, all hashed linear models trained with the averaged
 * perceptron on PolNeAR train (scripts/train-attribution.ts):
 *  - a cue tagger (greedy B/I/O over tokens),
 *  - a content span chooser: given a cue, the best span left of it and the best span right
 *    of it (each may be "none"), inside the cue's paragraph,
 *  - a source span chooser: one span on either side of the cue, or none, outside the content.
 * Span choice scores decompose into start-token, end-token, length and "none" features, so
 * decoding is a quadratic scan over the paragraph with table lookups only.
 */
import { hashString, mix, mix3 } from '../../learn/hash.ts';
import { LinearModel } from '../../learn/linear.ts';
import { modelKey } from '../../learn/shared.ts';
import { bucket, NONE, type TokenFeatures } from './features.ts';

export const CUE_O = 0, CUE_B = 1, CUE_I = 2;

const T = (name: string) => {
  let x = 0;
  for (let i = 0; i < name.length; i++) x = (Math.imul(x, 31) + name.charCodeAt(i)) | 0;
  return x >>> 0;
};

// ---------------------------------------------------------------- cue tagger
const CT = {
  bias: T('c.bias'), w0: T('c.w0'), p0: T('c.p0'), l0: T('c.l0'), wm1: T('c.w-1'), wp1: T('c.w+1'),
  pm1: T('c.p-1'), pp1: T('c.p+1'), pm1p0: T('c.p-1p0'), p0pp1: T('c.p0p+1'), wm1w0: T('c.w-1w0'),
  w0wp1: T('c.w0w+1'), wm2: T('c.w-2'), wp2: T('c.w+2'), pm2pm1: T('c.p-2p-1'), pp1pp2: T('c.p+1p+2'),
  shape: T('c.shape'), q0: T('c.q0'), act: T('c.act'), actp0: T('c.actp0'), afterQuote: T('c.afterq'),
  spos: T('c.spos'), sq: T('c.sq'), qctx: T('c.qctx'), w0q: T('c.w0q'), prev: T('c.prev'), prevw: T('c.prevw'),
  prevp: T('c.prevp'), l0wp1: T('c.l0w+1'), l0pp1: T('c.l0p+1'), suf: T('c.suf'), l0q: T('c.l0q'),
  actq: T('c.actq'), l0wm1: T('c.l0w-1'), actn: T('c.act+1'), actn2: T('c.act+2'), w0actn: T('c.w0act+1'),
  actm1: T('c.act-1'), capm1: T('c.capm1'), subj: T('c.subj'), qdist: T('c.qdist'), l0w12: T('c.l0w12'),
};

const at = (arr: Uint32Array, i: number, n: number) => (i >= 0 && i < n ? arr[i] : NONE);
/** bucket(d) of a distance or length d >= 0, from a table below 512. */
const BUCKET_OF = Int8Array.from({ length: 512 }, (_, d) => bucket(d));
const bucketOf = (d: number) => (d < 512 ? BUCKET_OF[d] : bucket(d));
const POS_PRON = hashString('PRON'), POS_PROPN = hashString('PROPN'), POS_NOUN = hashString('NOUN');

/** Writes the cue-tagger features of token i into `out`; returns how many. */
export function cueFeatures(f: TokenFeatures, i: number, prev: number, out: Uint32Array): number {
  const n = f.n;
  let k = 0;
  const w0 = f.word[i], p0 = f.pos[i], l0 = f.lemma[i];
  const wm1 = at(f.word, i - 1, n), wp1 = at(f.word, i + 1, n), pm1 = at(f.pos, i - 1, n), pp1 = at(f.pos, i + 1, n);
  const q0 = f.quote[i];
  const qm = i > 0 ? f.quote[i - 1] : 3, qp = i + 1 < n ? f.quote[i + 1] : 3;
  const afterQuote = (i > 0 && f.qClose[i - 1]) || (i > 1 && f.qClose[i - 2]) || (i > 2 && f.qClose[i - 3]) ? 1 : 0;
  out[k++] = CT.bias;
  out[k++] = mix(CT.w0, w0);
  out[k++] = mix(CT.p0, p0);
  out[k++] = mix(CT.l0, l0);
  out[k++] = mix(CT.wm1, wm1);
  out[k++] = mix(CT.wp1, wp1);
  out[k++] = mix(CT.pm1, pm1);
  out[k++] = mix(CT.pp1, pp1);
  out[k++] = mix3(CT.pm1p0, pm1, p0);
  out[k++] = mix3(CT.p0pp1, p0, pp1);
  out[k++] = mix3(CT.wm1w0, wm1, w0);
  out[k++] = mix3(CT.w0wp1, w0, wp1);
  out[k++] = mix(CT.wm2, at(f.word, i - 2, n));
  out[k++] = mix(CT.wp2, at(f.word, i + 2, n));
  out[k++] = mix3(CT.pm2pm1, at(f.pos, i - 2, n), pm1);
  out[k++] = mix3(CT.pp1pp2, pp1, at(f.pos, i + 2, n));
  out[k++] = mix(CT.shape, f.shape[i]);
  out[k++] = mix(CT.q0, q0);
  out[k++] = mix3(CT.act, f.cueAct[i], f.cueLen[i]);
  out[k++] = mix3(CT.actp0, f.cueAct[i], p0);
  out[k++] = mix3(CT.afterQuote, afterQuote, p0);
  out[k++] = mix(CT.spos, Math.min(i - f.sentFirst[i], 6) * 4 + Math.min(f.sentLast[i] - 1 - i, 3));
  out[k++] = mix3(CT.sq, f.sentQuote[i], p0);
  out[k++] = mix3(CT.qctx, qm * 4 + q0, qp);
  out[k++] = mix3(CT.w0q, w0, q0);
  out[k++] = mix(CT.prev, prev);
  out[k++] = mix3(CT.prevw, prev, w0);
  out[k++] = mix3(CT.prevp, prev, p0);
  out[k++] = mix3(CT.l0wp1, l0, wp1);
  out[k++] = mix3(CT.l0pp1, l0, pp1);
  out[k++] = mix(CT.suf, f.suffix[i]);
  out[k++] = mix3(CT.l0q, l0, q0 * 2 + afterQuote);
  out[k++] = mix3(CT.actq, f.cueAct[i], f.sentQuote[i] * 2 + afterQuote);
  out[k++] = mix3(CT.l0wm1, l0, wm1);
  // auxiliaries and adverbs before a cue verb belong to the cue ("is demanding", "has said")
  const actN = i + 1 < n ? f.cueAct[i + 1] : 0, actN2 = i + 2 < n ? f.cueAct[i + 2] : 0;
  out[k++] = mix3(CT.actn, actN, p0);
  out[k++] = mix3(CT.actn2, actN2, p0);
  out[k++] = mix3(CT.w0actn, w0, actN > 0 ? 1 : actN2 > 0 ? 2 : 0);
  out[k++] = mix3(CT.actm1, i > 0 ? f.cueAct[i - 1] : 0, p0);
  out[k++] = mix3(CT.capm1, i > 0 ? f.shape[i - 1] : NONE, pm1);
  // a subject just before (a pronoun or name) and the lemma: "he said", "Peskov told"
  let subj = 0;
  for (let j = i - 1; j >= 0 && j >= i - 3 && f.sent[j] === f.sent[i]; j--) {
    if (f.pos[j] === POS_PRON) { subj = 1; break; }
    if (f.pos[j] === POS_PROPN) { subj = 2; break; }
    if (f.pos[j] === POS_NOUN) { subj = 3; break; }
  }
  out[k++] = mix3(CT.subj, subj, l0);
  // nearest quotation mark on each side within the sentence (bucketed)
  let ql = 0, qr = 0;
  for (let j = i - 1; j >= f.sentFirst[i] && i - j <= 6; j--) if (f.quote[j] === 2) { ql = i - j; break; }
  for (let j = i + 1; j < f.sentLast[i] && j - i <= 6; j++) if (f.quote[j] === 2) { qr = j - i; break; }
  out[k++] = mix3(CT.qdist, ql * 8 + qr, p0);
  out[k++] = mix3(CT.l0w12, mix(l0, wp1), at(f.word, i + 2, n));
  return k;
}

export const CUE_FEATURES_MAX = 52;

const CLASS_SALT = [0x5bd1e995, 0x1b873593, 0x68e31da4];
export function classFeature(feat: number, cls: number): number {
  return (feat ^ CLASS_SALT[cls]) >>> 0;
}

/**
 * Scores of the three tags for token i given the previous tag. The O tag's score is pinned
 * at zero (a linear multiclass model is unchanged by subtracting one class's weights from
 * all), so only B — and I after a cue token — are looked up.
 */
export function cueScores(model: LinearModel, feats: Uint32Array, k: number, scores: Float64Array, prev = CUE_B): void {
  const w = model.weights, m = model.mask;
  scores[CUE_O] = 0;
  let b = 0;
  const sb = CLASS_SALT[CUE_B];
  for (let j = 0; j < k; j++) b += w[(feats[j] ^ sb) & m];
  scores[CUE_B] = b;
  if (prev === CUE_O) { scores[CUE_I] = -Infinity; return; }
  let c = 0;
  const si = CLASS_SALT[CUE_I];
  for (let j = 0; j < k; j++) c += w[(feats[j] ^ si) & m];
  scores[CUE_I] = c;
}

const NEVER_CUE = new Set(['PUNCT', 'CCONJ', 'NUM', 'SYM', 'X', 'INTJ', 'SCONJ', 'PRON'].map(hashString));
/**
 * Classes that start a cue in ~1 token in 400 on PolNeAR train (PROPN, DET, ADP, PART, ADJ:
 * 703 of ~289,000 tagged B) unless the cue lexicon has a cue starting there. Not scoring the
 * others skips 40% of the tagger's work and removes more false cues than true ones:
 * PolNeAR dev exact F1 69.7 / 66.9 / 51.3 → 69.9 / 67.5 / 51.6.
 */
const RARE_CUE = new Set(['PROPN', 'DET', 'ADP', 'PART', 'ADJ'].map(hashString));

/** Greedy tagging; returns cue token ranges [first, last). */
export function tagCues(model: LinearModel, f: TokenFeatures): [number, number][] {
  const feats = new Uint32Array(CUE_FEATURES_MAX);
  const scores = new Float64Array(3);
  const out: [number, number][] = [];
  let prev = CUE_O;
  let open = -1;
  for (let i = 0; i < f.n; i++) {
    // outside a cue, a token of these classes never starts one (the model tags 12 of their
    // ~93,000 tokens B on 400 PolNeAR train articles): O without scoring; nor does one of the
    // rare classes that the cue lexicon does not know there
    if (prev === CUE_O && (NEVER_CUE.has(f.pos[i]) || (RARE_CUE.has(f.pos[i]) && !f.cueAct[i]))) continue;
    const k = cueFeatures(f, i, prev, feats);
    cueScores(model, feats, k, scores, prev);
    let best = CUE_O;
    if (scores[CUE_B] > scores[best]) best = CUE_B;
    if (prev !== CUE_O && scores[CUE_I] > scores[best]) best = CUE_I;
    if (f.sent[i] !== (i > 0 ? f.sent[i - 1] : -1) && best === CUE_I) best = CUE_B;
    if (best !== CUE_I && open >= 0) { out.push([open, i]); open = -1; }
    if (best === CUE_B) open = i;
    prev = best;
  }
  if (open >= 0) out.push([open, f.n]);
  return out;
}

// ---------------------------------------------------------------- span choosers
export type SpanRole = 'content' | 'source';
const L = 0, R = 1;

export interface Cue { first: number; last: number }

export interface SpanChoice { side: 0 | 1; first: number; last: number } // last exclusive

/** Edge tokens (only punctuation and quotation marks) can be inside spans but never start or end one. */
const EDGE = /^[.,;:!?"'“”‘’«»‹›()[\]{}\u2014\u2013\-…]+$/;
export function edgeMask(f: TokenFeatures): Uint8Array {
  const m = new Uint8Array(f.n);
  for (let i = 0; i < f.n; i++) {
    const w = f.lower[i], c = w.charCodeAt(0) | 32;
    // an ASCII letter or digit first (| 32 folds case; nothing EDGE matches folds into these ranges): not an edge
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) continue;
    if (EDGE.test(w)) m[i] = 1;
  }
  return m;
}

function roleTemplates(role: SpanRole) {
  const p = role === 'content' ? 'k.' : 's.';
  const names = [
    'sdist', 'ssent', 'sadj', 'slemw', 'slemside', 'sfirstw', 'sfirstp', 'scomma', 'sqid',
    'edist', 'esent', 'eadj', 'elemw',
    'len', 'sents',
    'nbias', 'nlem', 'nwa', 'npa', 'nwb', 'npb', 'npos', 'nqa', 'nqb', 'nact', 'nqin',
  ] as const;
  const out = {} as Record<(typeof names)[number], number>;
  for (const n of names) out[n] = T(p + n);
  return out;
}
const TPL = { content: roleTemplates('content'), source: roleTemplates('source') };

/** Per-document memo of cue-independent scores, valid only while the model does not change. */
export type StaticCache = Map<string, { start: Float32Array; end: Float32Array }>;
function staticCache(c: StaticCache, role: SpanRole, s: number, n: number) {
  const key = role + s;
  let v = c.get(key);
  if (!v) { v = { start: new Float32Array(n).fill(NaN), end: new Float32Array(n).fill(NaN) }; c.set(key, v); }
  return v;
}

export interface SpanContext {
  f: TokenFeatures;
  edge: Uint8Array;
  cue: Cue;
  /** Window [lo, hi) of tokens eligible. */
  lo: number;
  hi: number;
  /** Tokens that may not be part of the span (cue, content for the source). */
  blocked: Uint8Array | null;
  /** Inference only: memo of cue-independent scores. */
  cache?: StaticCache;
}

function side(ctx: SpanContext, i: number): 0 | 1 {
  return i < ctx.cue.first ? L : R;
}
function dist(ctx: SpanContext, i: number): number {
  return i < ctx.cue.first ? ctx.cue.first - 1 - i : i - ctx.cue.last;
}

/** Cue-independent start and end features of a token, before the role and side are folded in. */
const START_BASES = 11, END_BASES = 12, BASES = START_BASES + END_BASES;
const SB = {
  bias: T('b.sbias'), w: T('b.sw'), p: T('b.sp'), wm1: T('b.swm1'), pm1: T('b.spm1'), pm1p: T('b.spm1p'), wm1w: T('b.swm1w'),
  start: T('b.sstart'), q: T('b.sq'), shape: T('b.sshape'), gap: T('b.sgap'),
};
const EB = {
  bias: T('b.ebias'), w: T('b.ew'), p: T('b.ep'), wp1: T('b.ewp1'), pp1: T('b.epp1'), ppp: T('b.eppp'), ww: T('b.eww'),
  end: T('b.eend'), qclose: T('b.eqclose'), pp2: T('b.epp2'), shape: T('b.eshape'), q: T('b.eq'),
};
/** Role-and-side salts: a base feature b becomes b ^ SALT[role][side]. */
const SALT = { content: [0x3c6ef372, 0xa54ff53a], source: [0x510e527f, 0x9b05688c] } as const;

function tokenBases(f: TokenFeatures, edge: Uint8Array, i: number, out: Uint32Array, o: number): void {
  const n = f.n;
  const wm1 = at(f.word, i - 1, n), pm1 = at(f.pos, i - 1, n);
  out[o] = SB.bias;
  out[o + 1] = mix(SB.w, f.word[i]);
  out[o + 2] = mix(SB.p, f.pos[i]);
  out[o + 3] = mix(SB.wm1, wm1);
  out[o + 4] = mix(SB.pm1, pm1);
  out[o + 5] = mix3(SB.pm1p, pm1, f.pos[i]);
  out[o + 6] = mix3(SB.wm1w, wm1, f.word[i]);
  out[o + 7] = mix(SB.start, (i === f.sentFirst[i] ? 1 : 0) + (i > 0 && f.qOpen[i - 1] ? 2 : 0) + (i > 0 && i - 1 === f.sentFirst[i] && f.qOpen[i - 1] ? 4 : 0));
  out[o + 8] = mix(SB.q, f.quote[i] * 3 + (i > 0 ? f.quote[i - 1] : 3));
  out[o + 9] = mix(SB.shape, f.shape[i]);
  out[o + 10] = mix(SB.gap, bucket(i - f.sentFirst[i]));
  const wp1 = at(f.word, i + 1, n), pp1 = at(f.pos, i + 1, n);
  // sentence end: only edge tokens between i and the end of its sentence
  let toEnd = 0;
  for (let k = i + 1; k < f.sentLast[i]; k++) if (!edge[k]) { toEnd = 1; break; }
  const e = o + START_BASES;
  out[e] = EB.bias;
  out[e + 1] = mix(EB.w, f.word[i]);
  out[e + 2] = mix(EB.p, f.pos[i]);
  out[e + 3] = mix(EB.wp1, wp1);
  out[e + 4] = mix(EB.pp1, pp1);
  out[e + 5] = mix3(EB.ppp, f.pos[i], pp1);
  out[e + 6] = mix3(EB.ww, f.word[i], wp1);
  out[e + 7] = mix(EB.end, toEnd);
  out[e + 8] = mix(EB.qclose, (i + 1 < n && f.qClose[i + 1] ? 1 : 0) + (i + 2 < n && f.qClose[i + 2] ? 2 : 0));
  out[e + 9] = mix3(EB.pp2, pp1, at(f.pos, i + 2, n));
  out[e + 10] = mix(EB.shape, f.shape[i]);
  out[e + 11] = mix(EB.q, f.quote[i] * 4 + (i + 1 < n ? f.quote[i + 1] : 3));
}

const baseScratch = new Uint32Array(BASES);

/** Start-token features that do not depend on the cue beyond the side (cacheable per document). */
function startStatic(role: SpanRole, f: TokenFeatures, edge: Uint8Array, i: number, s: number, out: number[]): void {
  tokenBases(f, edge, i, baseScratch, 0);
  const salt = SALT[role][s];
  const count = s === L ? START_BASES : START_BASES - 1; // the gap to the sentence start only matters on the left
  for (let k = 0; k < count; k++) out.push((baseScratch[k] ^ salt) >>> 0);
}

function startDynamic(role: SpanRole, ctx: SpanContext, i: number, out: number[]): void {
  const t = TPL[role], f = ctx.f, n = f.n;
  const s = side(ctx, i);
  const d = bucket(dist(ctx, i));
  const cueLemma = f.lemma[ctx.cue.first];
  const sd = Math.max(-2, Math.min(2, f.sent[i] - f.sent[ctx.cue.first]));
  out.push(
    mix3(t.sdist, s, d),
    mix3(t.ssent, s, sd + 3),
    mix3(t.sadj, s, i === ctx.cue.last ? 1 : i === ctx.cue.last + 1 ? 2 : 0),
    mix3(t.slemw, mix(s, cueLemma), at(f.word, i - 1, n)),
    mix3(t.slemside, s, cueLemma),
  );
  if (s === R) {
    const a = ctx.cue.last;
    // what lies between the cue and the start
    const commas = f.commasBefore[i] - f.commasBefore[a], quotes = f.marksBefore[i] - f.marksBefore[a];
    out.push(
      mix3(t.sfirstw, at(f.word, a, n), d),
      mix3(t.sfirstp, at(f.pos, a, n), d),
      mix3(t.scomma, s, Math.min(commas, 2) * 3 + Math.min(quotes, 2)),
    );
  } else {
    out.push(mix3(t.sqid, s, f.quoteId[i] >= 0 && f.quoteId[i] === f.quoteId[Math.max(0, ctx.cue.first - 1)] ? 1 : 0));
  }
}

interface CueFreeTables {
  sdist: Float64Array; edist: Float64Array; ssent: Float64Array; esent: Float64Array;
  sadj: Float64Array; eadj: Float64Array; scomma: Float64Array; sqid: Float64Array;
  len: Float64Array; sents: Float64Array;
}
const cueFree = new WeakMap<LinearModel, Map<string, CueFreeTables>>();

/** Weights of the small-domain features that depend only on the role and side: read once per model. */
function cueFreeTables(role: SpanRole, model: LinearModel, s: number): CueFreeTables {
  let byKey = cueFree.get(model);
  if (!byKey) { byKey = new Map(); cueFree.set(model, byKey); }
  const key = role + s;
  let tb = byKey.get(key);
  if (tb) return tb;
  const t = TPL[role], w = model.weights, m = model.mask;
  const get = (x: number) => w[x & m];
  const B = 9;
  tb = {
    sdist: new Float64Array(B), edist: new Float64Array(B), ssent: new Float64Array(6), esent: new Float64Array(6),
    sadj: new Float64Array(3), eadj: new Float64Array(3), scomma: new Float64Array(9), sqid: new Float64Array(2),
    len: new Float64Array(B), sents: new Float64Array(4),
  };
  for (let b = 0; b < B; b++) {
    tb.sdist[b] = get(mix3(t.sdist, s, b)); tb.edist[b] = get(mix3(t.edist, s, b));
    tb.len[b] = get(mix3(t.len, s, b));
  }
  for (let k = 1; k <= 5; k++) { tb.ssent[k] = get(mix3(t.ssent, s, k)); tb.esent[k] = get(mix3(t.esent, s, k)); }
  for (let v = 0; v < 3; v++) { tb.sadj[v] = get(mix3(t.sadj, s, v)); tb.eadj[v] = get(mix3(t.eadj, s, v)); }
  for (let v = 0; v < 9; v++) tb.scomma[v] = get(mix3(t.scomma, s, v));
  for (let v = 0; v < 2; v++) tb.sqid[v] = get(mix3(t.sqid, s, v));
  for (let k = 0; k < 4; k++) tb.sents[k] = get(mix3(t.sents, s, k));
  byKey.set(key, tb);
  return tb;
}

/**
 * The same sums as startDynamic/endDynamic (for one cue and side), with the small-domain
 * features read from tables built once per cue instead of hashed per token. Only valid
 * while the model's weights do not change (inference); a test checks both agree.
 * `start`/`end` leave out the cue-lemma-and-neighbouring-word weight, whose table slot
 * `startSlot`/`endSlot` give: the caller reads those for a whole window in one loop, so
 * that their cache misses overlap (the sums are of integers, so the order does not matter).
 */
interface DynamicScorer {
  start(i: number): number;
  end(j: number): number;
  startSlot(i: number): number;
  endSlot(j: number): number;
}
export function dynamicScorer(role: SpanRole, model: LinearModel, ctx: SpanContext, s: 0 | 1): DynamicScorer {
  const t = TPL[role], f = ctx.f, n = f.n, w = model.weights, m = model.mask;
  const cueLemma = f.lemma[ctx.cue.first];
  const cueSent = f.sent[ctx.cue.first];
  const get = (x: number) => w[x & m];
  const B = 9;
  const { sdist, edist, ssent, esent, sadj, eadj, scomma, sqid } = cueFreeTables(role, model, s);
  const slemside = get(mix3(t.slemside, s, cueLemma));
  const slemKey = mix(s, cueLemma), elemKey = mix(s, cueLemma);
  const a = ctx.cue.last;
  const firstW = new Float64Array(B);
  if (s === R) {
    const wa = at(f.word, a, n), pa = at(f.pos, a, n);
    for (let b = 0; b < B; b++) firstW[b] = get(mix3(t.sfirstw, wa, b)) + get(mix3(t.sfirstp, pa, b));
  }
  const cueQuote = f.quoteId[Math.max(0, ctx.cue.first - 1)];
  return {
    start(i) {
      const d = bucketOf(dist(ctx, i));
      const sd = Math.max(-2, Math.min(2, f.sent[i] - cueSent));
      let v = sdist[d] + ssent[sd + 3] + sadj[i === a ? 1 : i === a + 1 ? 2 : 0] + slemside;
      if (s === R) {
        const commas = f.commasBefore[i] - f.commasBefore[a], quotes = f.marksBefore[i] - f.marksBefore[a];
        v += firstW[d] + scomma[Math.min(commas, 2) * 3 + Math.min(quotes, 2)];
      } else {
        v += sqid[f.quoteId[i] >= 0 && f.quoteId[i] === cueQuote ? 1 : 0];
      }
      return v;
    },
    end(j) {
      const d = bucketOf(dist(ctx, j));
      const sd = Math.max(-2, Math.min(2, f.sent[j] - cueSent));
      return edist[d] + esent[sd + 3] + eadj[j + 1 === ctx.cue.first ? 1 : j + 2 === ctx.cue.first ? 2 : 0];
    },
    startSlot: (i) => mix3(t.slemw, slemKey, at(f.word, i - 1, n)) & m,
    endSlot: (j) => mix3(t.elemw, elemKey, at(f.word, j + 1, n)) & m,
  };
}

export function startFeatures(role: SpanRole, ctx: SpanContext, i: number, out: number[]): void {
  startStatic(role, ctx.f, ctx.edge, i, side(ctx, i), out);
  startDynamic(role, ctx, i, out);
}

function endStatic(role: SpanRole, f: TokenFeatures, edge: Uint8Array, j: number, s: number, out: number[]): void {
  tokenBases(f, edge, j, baseScratch, 0);
  const salt = SALT[role][s];
  for (let k = START_BASES; k < BASES; k++) out.push((baseScratch[k] ^ salt) >>> 0);
}

/**
 * Static start and end scores, for one role and side, of the tokens in [lo, hi) that may
 * start or end a span and have none in `into` yet (from per-document memoised bases). One
 * loop over the window, so the weight reads of consecutive tokens overlap.
 */
function staticScores(model: LinearModel, role: SpanRole, ctx: SpanContext, lo: number, hi: number, s: number, cache: StaticCache, into: { start: Float32Array; end: Float32Array }): void {
  let b = cache.get('bases') as unknown as { bases: Uint32Array; done: Uint8Array } | undefined;
  if (!b) { b = { bases: new Uint32Array(ctx.f.n * BASES), done: new Uint8Array(ctx.f.n) }; cache.set('bases', b as never); }
  const { edge, blocked } = ctx, bases = b.bases, done = b.done;
  const w = model.weights, m = model.mask, salt = SALT[role][s];
  const count = s === L ? START_BASES : START_BASES - 1;
  for (let i = lo; i < hi; i++) {
    if (edge[i] || (blocked && blocked[i]) || !Number.isNaN(into.start[i])) continue;
    const o = i * BASES;
    if (!done[i]) { tokenBases(ctx.f, edge, i, bases, o); done[i] = 1; }
    let st = 0, en = 0;
    for (let k = 0; k < count; k++) st += w[((bases[o + k] ^ salt) >>> 0) & m];
    for (let k = START_BASES; k < BASES; k++) en += w[((bases[o + k] ^ salt) >>> 0) & m];
    into.start[i] = st;
    into.end[i] = en;
  }
}

function endDynamic(role: SpanRole, ctx: SpanContext, j: number, out: number[]): void {
  const t = TPL[role], f = ctx.f, n = f.n;
  const s = side(ctx, j);
  const d = bucket(dist(ctx, j));
  const cueLemma = f.lemma[ctx.cue.first];
  const sd = Math.max(-2, Math.min(2, f.sent[j] - f.sent[ctx.cue.first]));
  out.push(
    mix3(t.edist, s, d),
    mix3(t.esent, s, sd + 3),
    mix3(t.eadj, s, j + 1 === ctx.cue.first ? 1 : j + 2 === ctx.cue.first ? 2 : 0),
    mix3(t.elemw, mix(s, cueLemma), at(f.word, j + 1, n)),
  );
}

export function endFeatures(role: SpanRole, ctx: SpanContext, j: number, out: number[]): void {
  endStatic(role, ctx.f, ctx.edge, j, side(ctx, j), out);
  endDynamic(role, ctx, j, out);
}

function pairFeatures(role: SpanRole, ctx: SpanContext, i: number, j: number, out: number[]): void {
  const t = TPL[role], f = ctx.f;
  const s = side(ctx, i);
  out.push(
    mix3(t.len, s, bucket(j - i + 1)),
    mix3(t.sents, s, Math.min(f.sent[j] - f.sent[i], 3)),
  );
}

const BUCKETS = 9;
/** Length and sentence-count weights for one side, looked up once per decision. */
function pairTables(role: SpanRole, model: LinearModel, s: number): { len: Float64Array; sents: Float64Array } {
  const t = TPL[role], w = model.weights, m = model.mask;
  const len = new Float64Array(BUCKETS), sents = new Float64Array(4);
  for (let b = 0; b < BUCKETS; b++) len[b] = w[mix3(t.len, s, b) & m];
  for (let k = 0; k < 4; k++) sents[k] = w[mix3(t.sents, s, k) & m];
  return { len, sents };
}
const TOP_K = 12;

/** Indices in [lo, hi) of the k highest scores, skipping edge and blocked tokens. */
function topK(scores: Float64Array, lo: number, hi: number, edge: Uint8Array, blocked: Uint8Array | null, k: number): number[] {
  const idx: number[] = [];
  for (let i = lo; i < hi; i++) {
    if (edge[i] || (blocked && blocked[i])) continue;
    const v = scores[i - lo];
    if (idx.length === k && v <= scores[idx[k - 1] - lo]) continue;
    let p = idx.length < k ? idx.length : k - 1;
    idx[p] = i;
    while (p > 0 && scores[idx[p - 1] - lo] < v) { idx[p] = idx[p - 1]; idx[p - 1] = i; p--; }
  }
  return idx;
}

let bufNext = new Int32Array(512);
/** `out[i - lo]` = the first blocked token at or after i (hi if none), for i in [lo, hi): a span [i, j] is clear when it is > j. */
function nextBlocked(blocked: Uint8Array, lo: number, hi: number): Int32Array {
  if (bufNext.length < hi - lo) bufNext = new Int32Array((hi - lo) * 2);
  const out = bufNext;
  let next = hi;
  for (let i = hi - 1; i >= lo; i--) {
    if (blocked[i]) next = i;
    out[i - lo] = next;
  }
  return out;
}

export function noneFeatures(role: SpanRole, ctx: SpanContext, s: 0 | 1, out: number[]): void {
  const t = TPL[role], f = ctx.f, n = f.n;
  const { first, last } = ctx.cue;
  const cueLemma = f.lemma[first];
  out.push(
    mix(t.nbias, s),
    mix3(t.nlem, s, cueLemma),
    mix3(t.nwa, s, at(f.word, last, n)),
    mix3(t.npa, s, at(f.pos, last, n)),
    mix3(t.nwb, s, at(f.word, first - 1, n)),
    mix3(t.npb, s, at(f.pos, first - 1, n)),
    mix3(t.npos, s, Math.min(first - f.sentFirst[first], 4) * 8 + Math.min(f.sentLast[first] - last, 7)),
    mix3(t.nqa, s, (last < n && f.qOpen[last] ? 1 : 0) + (last + 1 < n && f.qOpen[last + 1] ? 2 : 0)),
    mix3(t.nqb, s, (first > 0 && f.qClose[first - 1] ? 1 : 0) + (first > 1 && f.qClose[first - 2] ? 2 : 0) + (first > 2 && f.qClose[first - 3] ? 4 : 0)),
    mix3(t.nact, s, f.cueAct[first]),
    mix3(t.nqin, s, f.quote[first]),
  );
}

/** All features of a choice (for perceptron updates). */
export function choiceFeatures(role: SpanRole, ctx: SpanContext, c: SpanChoice | null, s: 0 | 1): number[] {
  const out: number[] = [];
  if (!c) noneFeatures(role, ctx, s, out);
  else {
    startFeatures(role, ctx, c.first, out);
    endFeatures(role, ctx, c.last - 1, out);
    pairFeatures(role, ctx, c.first, c.last - 1, out);
  }
  return out;
}

export interface SideBest { span: SpanChoice | null; score: number; spanScore: number; noneScore: number; bestSpan: SpanChoice | null }

const scratch: number[] = [];
let bufS = new Float64Array(512), bufE = new Float64Array(512);
let bufSlotS = new Int32Array(512), bufSlotE = new Int32Array(512);
function sumFeatures(model: LinearModel, feats: number[]): number {
  const w = model.weights, m = model.mask;
  let s = 0;
  for (const x of feats) s += w[x & m];
  return s;
}

/** Best span on one side of the cue (or none), under the model. */
export function bestOnSide(role: SpanRole, model: LinearModel, ctx: SpanContext, s: 0 | 1, maxLen = 120): SideBest {
  if (maxLen > 500) maxLen = 500;
  const { f, edge, blocked } = ctx;
  const lo = s === L ? ctx.lo : ctx.cue.last;
  const hi = s === L ? ctx.cue.first : ctx.hi;
  scratch.length = 0;
  noneFeatures(role, ctx, s, scratch);
  const noneScore = sumFeatures(model, scratch);
  let best: SpanChoice | null = null;
  let bestScore = -Infinity;
  let bestI = -1, bestJ = -1;
  if (hi > lo) {
    const width = hi - lo;
    if (bufS.length < width) {
      bufS = new Float64Array(width * 2); bufE = new Float64Array(width * 2);
      bufSlotS = new Int32Array(width * 2); bufSlotE = new Int32Array(width * 2);
    }
    const S = bufS, E = bufE, slotS = bufSlotS, slotE = bufSlotE;
    const cache = ctx.cache ? staticCache(ctx.cache, role, s, f.n) : null;
    // at inference the cue-dependent features are read from small per-cue tables
    const dyn = ctx.cache ? dynamicScorer(role, model, ctx, s) : null;
    if (cache) staticScores(model, role, ctx, lo, hi, s, ctx.cache!, cache);
    for (let i = lo; i < hi; i++) {
      if (edge[i] || (blocked && blocked[i])) continue;
      let ss: number, es: number;
      if (cache) {
        ss = cache.start[i]; es = cache.end[i];
      } else {
        scratch.length = 0; startStatic(role, f, edge, i, s, scratch); ss = sumFeatures(model, scratch);
        scratch.length = 0; endStatic(role, f, edge, i, s, scratch); es = sumFeatures(model, scratch);
      }
      if (dyn) {
        S[i - lo] = ss + dyn.start(i);
        E[i - lo] = es + dyn.end(i);
        slotS[i - lo] = dyn.startSlot(i);
        slotE[i - lo] = dyn.endSlot(i);
      } else {
        scratch.length = 0; startDynamic(role, ctx, i, scratch); S[i - lo] = ss + sumFeatures(model, scratch);
        scratch.length = 0; endDynamic(role, ctx, i, scratch); E[i - lo] = es + sumFeatures(model, scratch);
      }
    }
    if (dyn) {
      // the cue-lemma-and-word weights of the whole window, read in one loop
      const w = model.weights;
      for (let i = lo; i < hi; i++) {
        if (edge[i] || (blocked && blocked[i])) continue;
        S[i - lo] += w[slotS[i - lo]];
        E[i - lo] += w[slotE[i - lo]];
      }
    }
    const tables = ctx.cache ? cueFreeTables(role, model, s) : pairTables(role, model, s);
    const lenW = tables.len, sentW = tables.sents, sent = f.sent;
    // Only the best few starts and ends are paired: the pair terms are small corrections.
    const starts = topK(S, lo, hi, edge, blocked, TOP_K);
    const ends = topK(E, lo, hi, edge, blocked, TOP_K);
    const next = blocked ? nextBlocked(blocked, lo, hi) : null;
    // both lists are sorted by score, best first: once a start (or the best start, for an
    // end) cannot beat the best pair even with the largest pair terms, the rest cannot either
    let maxPair = -Infinity, maxSent = -Infinity;
    for (let b = 0; b < BUCKETS; b++) maxPair = Math.max(maxPair, lenW[b]);
    for (let k = 0; k < 4; k++) maxSent = Math.max(maxSent, sentW[k]);
    maxPair += maxSent;
    const topS = starts.length ? S[starts[0] - lo] : -Infinity;
    for (const j of ends) {
      const ej = E[j - lo], sj = sent[j];
      if (topS + ej + maxPair < bestScore) break;
      for (const i of starts) {
        if (S[i - lo] + ej + maxPair < bestScore) break;
        if (i > j || j - i >= maxLen) continue;
        if (next && next[i - lo] <= j) continue;
        const sc = S[i - lo] + ej + lenW[bucketOf(j - i + 1)] + sentW[Math.min(sj - sent[i], 3)];
        if (sc > bestScore) { bestScore = sc; bestI = i; bestJ = j; }
      }
    }
    if (bestI >= 0) best = { side: s, first: bestI, last: bestJ + 1 };
  }
  const span = best && bestScore > noneScore ? best : null;
  return { span, score: Math.max(bestScore, noneScore), spanScore: bestScore, noneScore, bestSpan: best };
}

export interface AttributionModels {
  cue: LinearModel;
  content: LinearModel;
  source: LinearModel;
}

/** Serialised form: a small header then the three sparse models one after another. */
export function packModels(m: AttributionModels): Buffer {
  const parts = [m.cue.serialise(), m.content.serialise(), m.source.serialise()];
  const head = Buffer.alloc(4 + 4 * parts.length);
  head.writeUInt32LE(parts.length, 0);
  parts.forEach((p, k) => head.writeUInt32LE(p.length, 4 + 4 * k));
  return Buffer.concat([head, ...parts]);
}

/**
 * Reads `packModels`' form. `share`: a name for the file, under which the weight tables are
 * shared by a process's threads (src/learn/shared.ts).
 */
export function unpackModels(buf: Uint8Array, opts: { quantise?: boolean; share?: string } = {}): AttributionModels {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const count = view.getUint32(0, true);
  const models: LinearModel[] = [];
  const key = opts.share ? modelKey(opts.share, buf) : null;
  let o = 4 + 4 * count;
  for (let k = 0; k < count; k++) {
    const len = view.getUint32(4 + 4 * k, true);
    models.push(LinearModel.deserialise(buf.subarray(o, o + len), { quantise: opts.quantise, ...(key ? { share: `${key}/${k}` } : {}) }));
    o += len;
  }
  return { cue: models[0], content: models[1], source: models[2] };
}
