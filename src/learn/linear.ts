/**
 * A hashed linear model: features are 32-bit ids folded into a fixed table of weights.
 * Scoring is a sum of table lookups, so inference allocates nothing. Training uses the
 * averaged perceptron (Collins 2002) with lazy averaging; `finalise()` turns the running
 * weights into their average. Models serialise to a compact sparse binary form.
 */
import { modelTable } from './shared.ts';

export class LinearModel {
  readonly bits: number;
  readonly mask: number;
  /** Float weights (training), or 16-bit integers worth `scale` each (inference: half the memory). */
  weights: Float32Array | Int16Array;
  /** What one unit of `weights` is worth: 1 for float weights. Scores are in these units. */
  scale = 1;

  constructor(bits: number, weights?: Float32Array) {
    this.bits = bits;
    this.mask = (1 << bits) - 1;
    this.weights = weights ?? new Float32Array(1 << bits);
  }

  score(features: ArrayLike<number>, n = features.length): number {
    const w = this.weights, m = this.mask;
    let s = 0;
    for (let k = 0; k < n; k++) s += w[features[k] & m];
    return s;
  }

  /** Sparse binary form: magic, bits, count, then (index u32, weight f32) pairs. */
  serialise(threshold = 1e-4): Buffer {
    const idx: number[] = [];
    for (let i = 0; i < this.weights.length; i++) if (Math.abs(this.weights[i]) > threshold) idx.push(i);
    const buf = Buffer.alloc(12 + idx.length * 8);
    buf.write('HSLM', 0, 'latin1');
    buf.writeUInt32LE(this.bits, 4);
    buf.writeUInt32LE(idx.length, 8);
    let o = 12;
    for (const i of idx) { buf.writeUInt32LE(i, o); buf.writeFloatLE(this.weights[i] * this.scale, o + 4); o += 8; }
    return buf;
  }

  /**
   * Reads `serialise()`'s form. With `quantise`, straight into 16-bit weights, each rounded to a
   * multiple of max|w| / 32767 (`scale`): scores come out in units of `scale`; every decision
   * compares scores of one model, so only absolute uses (a confidence) multiply back.
   */
  static deserialise(buf: Uint8Array, opts: { quantise?: boolean; share?: string } = {}): LinearModel {
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const magic = String.fromCharCode(buf[0], buf[1], buf[2], buf[3]);
    if (magic !== 'HSLM') throw new Error('not a hearsay linear model');
    const bits = view.getUint32(4, true);
    const n = view.getUint32(8, true);
    if (!opts.quantise) {
      const m = new LinearModel(bits);
      for (let k = 0, o = 12; k < n; k++, o += 8) m.weights[view.getUint32(o, true)] = view.getFloat32(o + 4, true);
      return m;
    }
    let max = 0;
    for (let k = 0, o = 16; k < n; k++, o += 8) max = Math.max(max, Math.abs(view.getFloat32(o, true)));
    const scale = max > 0 ? max / 32767 : 1;
    const m = new LinearModel(bits, new Float32Array(0));
    // `share`: the table's key among the threads' shared tables (src/learn/shared.ts)
    m.weights = modelTable(opts.share ?? null, Int16Array, 1 << bits, (q) => {
      for (let k = 0, o = 12; k < n; k++, o += 8) q[view.getUint32(o, true)] = Math.round(view.getFloat32(o + 4, true) / scale);
    });
    m.scale = scale;
    return m;
  }
}

/** Averaged-perceptron trainer over a LinearModel. */
export class PerceptronTrainer {
  readonly model: LinearModel;
  private totals: Float64Array;
  private stamps: Float64Array;
  private acc: Float64Array;
  /** Number of examples seen (the averaging clock). */
  clock = 1;

  constructor(bits: number) {
    this.model = new LinearModel(bits, new Float32Array(1 << bits));
    this.acc = new Float64Array(1 << bits);
    this.totals = new Float64Array(1 << bits);
    this.stamps = new Float64Array(1 << bits);
  }

  tick(): void { this.clock++; }

  update(features: ArrayLike<number>, delta: number, n = features.length): void {
    const m = this.model.mask;
    for (let k = 0; k < n; k++) {
      const i = features[k] & m;
      this.totals[i] += (this.clock - this.stamps[i]) * this.acc[i];
      this.stamps[i] = this.clock;
      this.acc[i] += delta;
      this.model.weights[i] = this.acc[i];
    }
  }

  /** Replaces the live weights with their average over the whole run. */
  finalise(): LinearModel {
    const w = this.model.weights;
    for (let i = 0; i < w.length; i++) {
      const total = this.totals[i] + (this.clock - this.stamps[i]) * this.acc[i];
      w[i] = total / this.clock;
    }
    return this.model;
  }
}

/**
 * The mean of several models' weights, added one model at a time (models of one size): the
 * mean of linear models scores as their sum does, so it stands for the models together at
 * the cost of one.
 */
export class WeightMean {
  private sum: Float64Array | null = null;
  private count = 0;

  add(model: LinearModel): void {
    const w = model.weights;
    if (this.sum && this.sum.length !== w.length) {
      throw new Error(`WeightMean: a model of ${w.length} weights among models of ${this.sum.length}`);
    }
    const sum = (this.sum ??= new Float64Array(w.length));
    const scale = model.scale;
    for (let i = 0; i < w.length; i++) sum[i] += w[i] * scale;
    this.count++;
  }

  /** Writes the mean into `into` (float weights, the models' size) and returns it. */
  mean(into: LinearModel): LinearModel {
    const sum = this.sum;
    if (!sum) throw new Error('WeightMean: no model added');
    if (!(into.weights instanceof Float32Array) || into.weights.length !== sum.length) {
      throw new Error(`WeightMean: the mean needs a float model of ${sum.length} weights`);
    }
    for (let i = 0; i < sum.length; i++) into.weights[i] = sum[i] / this.count;
    into.scale = 1;
    return into;
  }
}
