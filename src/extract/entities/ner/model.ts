/**
 * The NER model file: a small binary container that works in Node and in a browser
 * (plain ArrayBuffer, no Node APIs).
 *
 *   bytes 0..7   magic "HSNER\0\0\x02"
 *   bytes 8..11  header length H (uint32 LE)
 *   H bytes      header, UTF-8 JSON (`ModelHeader`)
 *   then for each stage (header.stages[s], first pass then second pass):
 *     padding to a multiple of 4
 *     4·n bytes      feature keys (int32 LE, ascending)
 *     n·(K−1) bytes  weights (int8, one row per key); value = int · scale
 *
 * Rows hold the labels after the first (`O`), whose weight is always 0: the weights are
 * stored minus the O weight, which leaves every tag decision and probability the same
 * (scores only ever compete with each other).
 */
import type { NerResources } from './features.ts';

const MAGIC = [0x48, 0x53, 0x4e, 0x45, 0x52, 0, 0, 2];

export interface ModelHeader {
  format: 'hearsay-ner';
  version: 2;
  labels: string[];
  /** Cluster levels (finest first). */
  levels: number;
  /** Decoding: greedy left to right with the previous two tags, per stage. */
  decoder: 'greedy';
  /** Softmax temperature for confidences (scores are divided by it), last stage. */
  temperature: number;
  /** Stage 0 tags from the sentence alone; stage 1 adds document features over stage 0's tags. */
  stages: { nKeys: number; scale: number }[];
  /** Training facts (data, epochs, features) for humans. */
  meta: Record<string, unknown>;
  clusters: { words: string; ids: number[][] };
  capClass: Record<string, string>;
  gaz: { phrases: string; bits: number[] };
}

export interface StageWeights {
  keys: Int32Array;
  /** n × (K − 1): the weights of labels 1 .. K−1 (label 0, O, weighs 0). */
  weights: Int8Array;
  scale: number;
}

export interface NerModel {
  header: ModelHeader;
  resources: NerResources;
  stages: StageWeights[];
}

const align4 = (n: number) => n + ((4 - (n % 4)) % 4);

export function encodeModel(header: ModelHeader, stages: StageWeights[]): Uint8Array {
  const h: ModelHeader = { ...header, stages: stages.map((s) => ({ nKeys: s.keys.length, scale: s.scale })) };
  const json = new TextEncoder().encode(JSON.stringify(h));
  let total = 12 + json.length;
  for (const s of stages) total = align4(total) + s.keys.length * 4 + s.weights.length;
  const buf = new Uint8Array(total);
  buf.set(MAGIC, 0);
  const dv = new DataView(buf.buffer);
  dv.setUint32(8, json.length, true);
  buf.set(json, 12);
  let o = 12 + json.length;
  for (const s of stages) {
    o = align4(o);
    for (let i = 0; i < s.keys.length; i++, o += 4) dv.setInt32(o, s.keys[i], true);
    for (let i = 0; i < s.weights.length; i++, o++) dv.setInt8(o, s.weights[i]);
  }
  return buf;
}

export function decodeModel(bytes: Uint8Array): NerModel {
  const { header, stages } = decodeStages(bytes);
  return { header, resources: resourcesFromHeader(header), stages };
}

/** The header and the weights of a model file, without the word resources. */
export function decodeStages(bytes: Uint8Array): { header: ModelHeader; stages: StageWeights[] } {
  for (let i = 0; i < MAGIC.length; i++) {
    if (bytes[i] !== MAGIC[i]) throw new Error('not a hearsay NER model (bad magic)');
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jsonLen = dv.getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + jsonLen))) as ModelHeader;
  if (header.format !== 'hearsay-ner' || header.version !== 2) throw new Error('unsupported NER model version');
  const R = header.labels.length - 1;
  const le = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  let o = 12 + jsonLen;
  const stages: StageWeights[] = [];
  for (const st of header.stages) {
    o = align4(o);
    const n = st.nKeys;
    if (bytes.byteLength < o + n * 4 + n * R) throw new Error('NER model file is truncated');
    const keys = new Int32Array(n);
    if (le && (bytes.byteOffset + o) % 4 === 0) keys.set(new Int32Array(bytes.buffer, bytes.byteOffset + o, n));
    else for (let i = 0; i < n; i++) keys[i] = dv.getInt32(o + 4 * i, true);
    o += n * 4;
    const weights = new Int8Array(n * R);
    weights.set(new Int8Array(bytes.buffer, bytes.byteOffset + o, n * R));
    o += n * R;
    stages.push({ keys, weights, scale: st.scale });
  }
  return { header, stages };
}

export function resourcesFromHeader(h: ModelHeader): NerResources {
  const clusters = new Map<string, number[]>();
  const words = h.clusters.words ? h.clusters.words.split('\n') : [];
  for (let i = 0; i < words.length; i++) clusters.set(words[i], h.clusters.ids.map((lv) => lv[i]));
  const capClass = new Map<string, number>();
  for (const [cls, list] of Object.entries(h.capClass)) {
    if (list) for (const w of list.split('\n')) capClass.set(w, Number(cls));
  }
  const gaz = new Map<string, number>();
  const gazFirst = new Map<string, number>();
  const phrases = h.gaz.phrases ? h.gaz.phrases.split('\n') : [];
  for (let i = 0; i < phrases.length; i++) addGazetteer(gaz, gazFirst, phrases[i], h.gaz.bits[i]);
  return { clusters, capClass, gaz, gazFirst };
}

export function addGazetteer(gaz: Map<string, number>, first: Map<string, number>, phrase: string, bits: number): void {
  gaz.set(phrase, (gaz.get(phrase) ?? 0) | bits);
  const toks = phrase.split(' ');
  first.set(toks[0], Math.max(first.get(toks[0]) ?? 0, toks.length));
}
