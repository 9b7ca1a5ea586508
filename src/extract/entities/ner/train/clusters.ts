/**
 * Word clusters by the exchange algorithm (Kneser & Ney 1993; Martin, Liermann & Ney
 * 1998): maximise the likelihood of a class bigram model by moving one word at a time to
 * the class that most improves it. Deterministic (fixed initialisation and order).
 *
 * `wordClusters` clusters the vocabulary into `sizes[0]` classes, then clusters those
 * classes into `sizes[1]` coarser classes, and so on, giving a small hierarchy
 * (finest first) comparable to Brown-cluster bit-prefixes.
 */

/** Sparse directed pair counts between items 0..n-1. */
interface Graph {
  n: number;
  /** CSR of out-edges and in-edges: item -> (neighbour, count). */
  outStart: Int32Array; outNbr: Int32Array; outCnt: Int32Array;
  inStart: Int32Array; inNbr: Int32Array; inCnt: Int32Array;
}

function buildGraph(n: number, pairs: Map<number, number>, keyN: number): Graph {
  const entries = [...pairs.entries()].sort((a, b) => a[0] - b[0]);
  const outDeg = new Int32Array(n + 1), inDeg = new Int32Array(n + 1);
  for (const [k] of entries) { outDeg[Math.floor(k / keyN) + 1]++; inDeg[(k % keyN) + 1]++; }
  for (let i = 0; i < n; i++) { outDeg[i + 1] += outDeg[i]; inDeg[i + 1] += inDeg[i]; }
  const m = entries.length;
  const outNbr = new Int32Array(m), outCnt = new Int32Array(m), inNbr = new Int32Array(m), inCnt = new Int32Array(m);
  const op = outDeg.slice(), ip = inDeg.slice();
  for (const [k, c] of entries) {
    const a = Math.floor(k / keyN), b = k % keyN;
    outNbr[op[a]] = b; outCnt[op[a]++] = c;
    inNbr[ip[b]] = a; inCnt[ip[b]++] = c;
  }
  return { n, outStart: outDeg, outNbr, outCnt, inStart: inDeg, inNbr, inCnt };
}

/**
 * Exchange clustering of items 0..movable-1 into `C` classes; items movable..n-1 are
 * fixed, each in a class of its own. Items are expected in decreasing frequency.
 */
function exchange(g: Graph, movable: number, C: number, maxIter: number, log?: (s: string) => void): Int32Array {
  const n = g.n;
  const C2 = C + (n - movable);
  const cls = new Int32Array(n);
  for (let i = 0; i < movable; i++) cls[i] = i % C;
  for (let i = movable; i < n; i++) cls[i] = C + (i - movable);
  const N = new Float64Array(C2 * C2); // N[a*C2+b]: count of (class a, class b) pairs
  const NT = new Float64Array(C2 * C2); // transpose
  const NL = new Float64Array(C2), NR = new Float64Array(C2); // left / right marginals
  const itemL = new Float64Array(n), itemR = new Float64Array(n);
  let total = 0;
  for (let a = 0; a < n; a++) {
    for (let e = g.outStart[a]; e < g.outStart[a + 1]; e++) {
      const b = g.outNbr[e], c = g.outCnt[e];
      N[cls[a] * C2 + cls[b]] += c;
      NT[cls[b] * C2 + cls[a]] += c;
      itemL[a] += c; itemR[b] += c;
      total += c;
    }
  }
  for (let a = 0; a < n; a++) { NL[cls[a]] += itemL[a]; NR[cls[a]] += itemR[a]; }
  const F = (x: number) => (x > 0 ? x * Math.log(x) : 0);
  // integer counts: tabulate x log x
  const ftab = new Float64Array(Math.max(2, total + 1));
  for (let x = 1; x <= total; x++) ftab[x] = x * Math.log(x);
  const f = (x: number) => (x <= total ? ftab[x] : F(x));

  const rw = new Float64Array(C2), lw = new Float64Array(C2);
  const rlist = new Int32Array(C2), llist = new Int32Array(C2);
  for (let iter = 0; iter < maxIter; iter++) {
    let moves = 0;
    for (let w = 0; w < movable; w++) {
      // neighbour class counts (excluding self pairs)
      let nr = 0, nl = 0, self = 0;
      for (let e = g.outStart[w]; e < g.outStart[w + 1]; e++) {
        const v = g.outNbr[e], c = g.outCnt[e];
        if (v === w) { self += c; continue; }
        const k = cls[v];
        if (rw[k] === 0) rlist[nr++] = k;
        rw[k] += c;
      }
      for (let e = g.inStart[w]; e < g.inStart[w + 1]; e++) {
        const u = g.inNbr[e], c = g.inCnt[e];
        if (u === w) continue;
        const k = cls[u];
        if (lw[k] === 0) llist[nl++] = k;
        lw[k] += c;
      }
      const a = cls[w];
      const nlw = itemL[w], nrw = itemR[w];
      // remove w from a
      for (let q = 0; q < nr; q++) { const c = rlist[q]; if (c !== a) { N[a * C2 + c] -= rw[c]; NT[c * C2 + a] -= rw[c]; } }
      for (let q = 0; q < nl; q++) { const c = llist[q]; if (c !== a) { N[c * C2 + a] -= lw[c]; NT[a * C2 + c] -= lw[c]; } }
      const aa = rw[a] + lw[a] + self;
      N[a * C2 + a] -= aa; NT[a * C2 + a] -= aa;
      NL[a] -= nlw; NR[a] -= nrw;
      // best class to add w to
      let best = a, bestGain = -Infinity;
      for (let b = 0; b < C; b++) {
        let d = 0;
        const rowB = b * C2;
        for (let q = 0; q < nr; q++) {
          const c = rlist[q];
          if (c === b) continue;
          const x = N[rowB + c];
          d += f(x + rw[c]) - f(x);
        }
        for (let q = 0; q < nl; q++) {
          const c = llist[q];
          if (c === b) continue;
          const x = NT[rowB + c];
          d += f(x + lw[c]) - f(x);
        }
        const xbb = N[rowB + b];
        d += f(xbb + rw[b] + lw[b] + self) - f(xbb);
        d -= f(NL[b] + nlw) - f(NL[b]) + f(NR[b] + nrw) - f(NR[b]);
        if (d > bestGain + 1e-9 || (b === a && d >= bestGain - 1e-9)) { bestGain = d; best = b; }
      }
      // add w to best
      const b = best;
      for (let q = 0; q < nr; q++) { const c = rlist[q]; if (c !== b) { N[b * C2 + c] += rw[c]; NT[c * C2 + b] += rw[c]; } }
      for (let q = 0; q < nl; q++) { const c = llist[q]; if (c !== b) { N[c * C2 + b] += lw[c]; NT[b * C2 + c] += lw[c]; } }
      const bb = rw[b] + lw[b] + self;
      N[b * C2 + b] += bb; NT[b * C2 + b] += bb;
      NL[b] += nlw; NR[b] += nrw;
      if (b !== a) { cls[w] = b; moves++; }
      for (let q = 0; q < nr; q++) rw[rlist[q]] = 0;
      for (let q = 0; q < nl; q++) lw[llist[q]] = 0;
    }
    log?.(`  exchange C=${C} iteration ${iter + 1}: ${moves} moves`);
    if (moves <= movable * 0.001) break;
  }
  return cls.subarray(0, movable);
}

export interface ClusterOptions {
  /** Classes per level, finest first, e.g. [600, 120, 24]. */
  sizes: number[];
  /** Words seen fewer times are left unclustered. */
  minFreq: number;
  maxIter: number;
  log?: (s: string) => void;
}

/** Clusters the words of `sentences`; returns word -> class id per level (finest first). */
export function wordClusters(sentences: Iterable<string[]>, opt: ClusterOptions): Map<string, number[]> {
  const freq = new Map<string, number>();
  const sents: string[][] = [];
  for (const s of sentences) {
    sents.push(s);
    for (const w of s) freq.set(w, (freq.get(w) ?? 0) + 1);
  }
  const vocab = [...freq.entries()]
    .filter(([, c]) => c >= opt.minFreq)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([w]) => w);
  const V = vocab.length;
  const id = new Map(vocab.map((w, i) => [w, i]));
  const BOUND = V, UNK = V + 1, n = V + 2;
  const pairs = new Map<number, number>();
  for (const s of sents) {
    let prev = BOUND;
    for (const w of s) {
      const cur = id.get(w) ?? UNK;
      const k = prev * n + cur;
      pairs.set(k, (pairs.get(k) ?? 0) + 1);
      prev = cur;
    }
    const k = prev * n + BOUND;
    pairs.set(k, (pairs.get(k) ?? 0) + 1);
  }
  opt.log?.(`clusters: ${V} words (freq >= ${opt.minFreq}), ${pairs.size} bigram types`);
  let cls = exchange(buildGraph(n, pairs, n), V, opt.sizes[0], opt.maxIter, opt.log);
  const levels: Int32Array[] = [cls];
  // coarser levels: cluster the classes of the previous level
  let prevC = opt.sizes[0];
  for (let l = 1; l < opt.sizes.length; l++) {
    const C = opt.sizes[l];
    const m = prevC + 2; // classes + boundary + unknown
    const cpairs = new Map<number, number>();
    for (const [k, c] of pairs) {
      const a = Math.floor(k / n), b = k % n;
      const ca = a < V ? cls[a] : prevC + (a - V);
      const cb = b < V ? cls[b] : prevC + (b - V);
      const kk = ca * m + cb;
      cpairs.set(kk, (cpairs.get(kk) ?? 0) + c);
    }
    // order classes by frequency for the initialisation
    const cf = new Float64Array(prevC);
    for (const [k, c] of cpairs) { const a = Math.floor(k / m); if (a < prevC) cf[a] += c; }
    const order = [...Array(prevC).keys()].sort((x, y) => cf[y] - cf[x] || x - y);
    const rank = new Int32Array(prevC);
    order.forEach((c, r) => (rank[c] = r));
    const rp = new Map<number, number>();
    for (const [k, c] of cpairs) {
      const a = Math.floor(k / m), b = k % m;
      const ra = a < prevC ? rank[a] : a, rb = b < prevC ? rank[b] : b;
      rp.set(ra * m + rb, c);
    }
    const top = exchange(buildGraph(m, rp, m), prevC, C, opt.maxIter, opt.log);
    const next = new Int32Array(V);
    for (let w = 0; w < V; w++) next[w] = top[rank[cls[w]]];
    levels.push(next);
    cls = next;
    prevC = C;
  }
  const out = new Map<string, number[]>();
  for (let w = 0; w < V; w++) out.set(vocab[w], levels.map((lv) => lv[w]));
  return out;
}
