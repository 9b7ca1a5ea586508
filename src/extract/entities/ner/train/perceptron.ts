/**
 * Averaged perceptron for the greedy tagger (training only). Features are the 32-bit
 * keys of features.ts, interned to dense ids; averaging uses the usual trick of keeping
 * `U = Σ c·Δw` so the average is `W − U/c`.
 */
import { dynamicKeys, N_DYNAMIC, type WordInfo } from '../features.ts';
import { choose, repairMap } from '../tagger.ts';

export interface Instance {
  infos: WordInfo[];
  /** n × stride dense feature ids (−1: unknown feature). */
  ids: Int32Array;
  stride: number;
  /** Capitalised-run position per token (SentenceFacts.runPos). */
  runPos: Int32Array;
  gold: Int32Array;
}

export class Perceptron {
  readonly index = new Map<number, number>();
  readonly keys: number[] = [];
  W: Float64Array;
  U: Float64Array;
  c = 1;
  private acc: Float64Array;
  private dyn = new Int32Array(N_DYNAMIC);
  private dynIds = new Int32Array(N_DYNAMIC);

  private repair: Int32Array;

  constructor(readonly K: number, readonly allowed: Uint8Array, labels: string[], capacity = 1 << 20) {
    this.repair = repairMap(labels);
    this.W = new Float64Array(capacity * K);
    this.U = new Float64Array(capacity * K);
    this.acc = new Float64Array(K);
  }

  id(key: number, add: boolean): number {
    let i = this.index.get(key);
    if (i !== undefined) return i;
    if (!add) return -1;
    i = this.keys.length;
    this.keys.push(key);
    this.index.set(key, i);
    if ((i + 1) * this.K > this.W.length) {
      const W = new Float64Array(this.W.length * 2); W.set(this.W); this.W = W;
      const U = new Float64Array(this.U.length * 2); U.set(this.U); this.U = U;
    }
    return i;
  }

  /** Greedy decode; with `train`, updates on every wrong token (history = own predictions). */
  run(x: Instance, weights: Float64Array | null, train: boolean): Int32Array {
    const n = x.infos.length, K = this.K, acc = this.acc, allowed = this.allowed;
    const out = new Int32Array(n);
    let t1 = -1, t2 = -1;
    for (let i = 0; i < n; i++) {
      acc.fill(0);
      const S = x.stride, o = i * S;
      dynamicKeys(x.infos[i], x.runPos[i], t1, t2, this.dyn, 0);
      for (let f = 0; f < N_DYNAMIC; f++) this.dynIds[f] = this.id(this.dyn[f], train);
      // id() may have grown this.W: read it after
      const w = train || !weights ? this.W : weights;
      for (let f = 0; f < S; f++) {
        const id = x.ids[o + f];
        if (id < 0) continue;
        const b = id * K;
        for (let k = 0; k < K; k++) acc[k] += w[b + k];
      }
      for (let f = 0; f < N_DYNAMIC; f++) {
        const id = this.dynIds[f];
        if (id < 0) continue;
        const b = id * K;
        for (let k = 0; k < K; k++) acc[k] += w[b + k];
      }
      const best = choose(acc, K, allowed, (t1 + 1) * K, this.repair);
      if (train) {
        // learn from the raw best tag: a forbidden continuation counts as a mistake even
        // when the repair would have turned it into the right opening tag
        const g = x.gold[i];
        let raw = 0;
        for (let k = 1; k < K; k++) if (acc[k] > acc[raw]) raw = k;
        const wrong = allowed[(t1 + 1) * K + raw] ? best : raw;
        if (wrong !== g) {
          const W = this.W, U = this.U, c = this.c;
          const upd = (id: number) => {
            if (id < 0) return;
            const b = id * K;
            W[b + g] += 1; U[b + g] += c;
            W[b + wrong] -= 1; U[b + wrong] -= c;
          };
          for (let f = 0; f < S; f++) upd(x.ids[o + f]);
          for (let f = 0; f < N_DYNAMIC; f++) upd(this.dynIds[f]);
        }
        this.c++;
      }
      out[i] = best;
      t2 = t1;
      t1 = best;
    }
    return out;
  }

  /** Adds `share` × another perceptron's averaged weights (bagging several shuffles); use on a fresh perceptron only. */
  absorb(other: Perceptron, share: number): void {
    const avg = other.averaged();
    for (let r = 0; r < other.keys.length; r++) {
      const id = this.id(other.keys[r], true);
      for (let k = 0; k < this.K; k++) this.W[id * this.K + k] += share * avg[r * this.K + k];
    }
  }

  /** Averaged weights (n features × K). */
  averaged(): Float64Array {
    const n = this.keys.length * this.K;
    const avg = new Float64Array(n);
    for (let i = 0; i < n; i++) avg[i] = this.W[i] - this.U[i] / this.c;
    return avg;
  }
}
