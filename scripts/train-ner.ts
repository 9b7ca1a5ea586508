/**
 * Trains the named-entity tagger on CoNLL-2003 eng.train and writes models/ner.bin.
 *
 *   npx tsx scripts/train-ner.ts [--epochs 12] [--clusters 600,120,24] [--min-freq 3]
 *       [--no-polnear] [--scheme bio|bilou] [--bag 1] [--prune 0.001] [--seed N]
 *       [--out models/ner.bin] [--dev]
 *
 * --dev prints the testa F1 after every epoch; NER_CACHE=file reuses the clusters
 * between experiments. Measured on testa (see the README): BILOU and --bag 3 did not help.
 *
 * Steps: (1) word clusters and capitalisation classes from unlabelled text (the words of
 * eng.train plus the PolNeAR train articles, tokenised like the run time); (2) gazetteer
 * from src/lexicons/ner-*.txt; (3) a greedy averaged perceptron over BIO tags, in two
 * stages: stage 0 from the sentence alone; stage 1 adds document features computed from
 * stage 0's tags, learnt from 5-fold jackknifed stage-0 tags so they are as noisy as at
 * run time; (4) weights made relative to O, int8 quantisation, and pruning; (5) when eng.testa is present, the shipped model
 * is reloaded and scored on it, and the confidence temperature is fitted there.
 * Deterministic: same data and options, same bytes.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { datasetPath, repoRoot } from '../eval/data.ts';
import { readConll, type ConllSentence } from '../eval/conll/reader.ts';
import { chunks, ChunkScorer } from '../eval/conll/score.ts';
import { createDocument } from '../src/core/document.ts';
import { analyzeNlp } from '../src/nlp/tokens.ts';
import {
  GAZ_CATEGORIES, N_STATIC, normWord, sentenceFacts, staticKeys, WordFeatures, type NerResources, type WordInfo,
} from '../src/extract/entities/ner/features.ts';
import { docKeys, documentFacts, N_DOC } from '../src/extract/entities/ner/document.ts';
import { decodeModel, encodeModel, type ModelHeader, type StageWeights } from '../src/extract/entities/ner/model.ts';
import { conllDocuments } from '../eval/conll/documents.ts';
import { NerTagger, toBilou, toBio, transitionMask } from '../src/extract/entities/ner/tagger.ts';
import { groupWords } from '../src/extract/entities/ner/words.ts';
import { wordClusters } from '../src/extract/entities/ner/train/clusters.ts';
import { Perceptron, type Instance } from '../src/extract/entities/ner/train/perceptron.ts';
import { buildGazetteer, capitalisationClasses } from '../src/extract/entities/ner/train/resources.ts';

const FOLDS = 5;


function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
const flag = (name: string) => process.argv.includes(name);

const epochs = Number(option('--epochs', '12'));
const scheme = option('--scheme', 'bio');
const LABELS = ['O', ...['PER', 'ORG', 'LOC', 'MISC'].flatMap((t) => (scheme === 'bilou' ? ['B', 'I', 'L', 'U'] : ['B', 'I']).map((p) => `${p}-${t}`))];
const encode = (tags: string[]) => (scheme === 'bilou' ? toBilou(tags) : tags);
const sizes = option('--clusters', '600,120,24').split(',').map(Number);
const minFreq = Number(option('--min-freq', '3'));
const usePolnear = !flag('--no-polnear');
const out = resolve(repoRoot, option('--out', 'models/ner.bin'));
const devEachEpoch = flag('--dev');
const bag = Number(option('--bag', '1'));
const prune = Number(option('--prune', '0.001'));
const t0 = Date.now();
const log = (s: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)}s] ${s}`);

const trainPath = datasetPath('conll2003', 'eng.train');
if (!trainPath) {
  console.error('train-ner: CoNLL-2003 eng.train not found (set HEARSAY_DATASETS or place ../shared/datasets)');
  process.exit(2);
}
const train = readConll(trainPath);
const devPath = datasetPath('conll2003', 'eng.testa');
const dev = devPath ? readConll(devPath) : null;
log(`eng.train: ${train.length} sentences, ${train.reduce((a, s) => a + s.words.length, 0)} tokens`);

// ---- (1) unlabelled text -------------------------------------------------------------
const unlabelled: string[][] = train.map((s) => s.words.map(normWord));
let polnearFiles = 0;
if (usePolnear) {
  const dir = datasetPath('polnear', 'train', 'text');
  if (dir) {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt')).sort()) {
      const text = readFileSync(join(dir, f), 'utf8');
      const nlp = analyzeNlp(createDocument(text, { id: f }));
      for (const s of nlp.sentences) {
        const words = groupWords(text, nlp.tokens.slice(s.first, s.last)).map((w) => normWord(w.text));
        if (words.length) unlabelled.push(words);
      }
      polnearFiles++;
    }
  } else log('PolNeAR train texts not found: clusters from eng.train only');
}
log(`unlabelled: ${unlabelled.length} sentences, ${unlabelled.reduce((a, s) => a + s.length, 0)} words (${polnearFiles} PolNeAR articles)`);

// NER_CACHE=file reuses clusters and capitalisation classes between experiments
const cacheFile = process.env.NER_CACHE;
let clusters: Map<string, number[]>;
let capClass: Map<string, number>;
if (cacheFile && existsSync(cacheFile)) {
  const c = JSON.parse(readFileSync(cacheFile, 'utf8')) as { clusters: [string, number[]][]; capClass: [string, number][] };
  clusters = new Map(c.clusters);
  capClass = new Map(c.capClass);
  log(`clusters and capitalisation classes from ${cacheFile}`);
} else {
  clusters = wordClusters(unlabelled, { sizes, minFreq, maxIter: 12, log });
  capClass = capitalisationClasses(unlabelled);
  if (cacheFile) writeFileSync(cacheFile, JSON.stringify({ clusters: [...clusters], capClass: [...capClass] }));
}
log(`clusters: ${clusters.size} words in ${sizes.join('/')} classes; capitalisation classes: ${capClass.size} words`);
const { gaz, gazFirst, files: gazFiles } = buildGazetteer();
log(`gazetteer: ${gaz.size} phrases`);
const resources: NerResources = { clusters, capClass, gaz, gazFirst };
const levels = sizes.length;

// ---- (2) instances --------------------------------------------------------------------
const K = LABELS.length;
const allowed = transitionMask(LABELS);
const wf = new WordFeatures(resources, levels, Infinity);
const trainDocs = conllDocuments(train);
const devDocs = dev ? conllDocuments(dev) : null;
log(`documents (rebuilt from datelines): train ${trainDocs.length}${devDocs ? `, testa ${devDocs.length}` : ''}`);

interface Doc { infos: WordInfo[][]; keys: Int32Array[]; gold: string[][] }
function prepare(docs: ConllSentence[][]): Doc[] {
  return docs.map((d) => {
    const infos = d.map((s) => s.words.map((w) => wf.info(w)));
    const keys = infos.map((inf) => {
      const k = new Int32Array(inf.length * N_STATIC);
      staticKeys(inf, wf, k);
      return k;
    });
    return { infos, keys, gold: d.map((s) => s.tags) };
  });
}
const trainD = prepare(trainDocs);
const devD = devDocs ? prepare(devDocs) : null;

/** Instances of one stage: stage 0 uses the static keys; stage 1 adds document keys over `tags0`. */
function instances(p: Perceptron, docs: Doc[], add: boolean, tags0: string[][][] | null): Instance[] {
  const out: Instance[] = [];
  const dk = new Int32Array(N_DOC);
  docs.forEach((d, di) => {
    const facts = tags0 ? documentFacts(d.infos, tags0[di]) : null;
    d.infos.forEach((inf, si) => {
      const n = inf.length;
      const stride = N_STATIC + (facts ? N_DOC : 0);
      const ids = new Int32Array(n * stride);
      const sf = sentenceFacts(inf, resources);
      const caps = facts ? (sf.caps ? 2 : 0) : 0;
      for (let i = 0; i < n; i++) {
        for (let f = 0; f < N_STATIC; f++) ids[i * stride + f] = p.id(d.keys[si][i * N_STATIC + f], add);
        if (facts) {
          docKeys(facts, si, i, caps | (i === 0 ? 1 : 0), dk, 0);
          for (let f = 0; f < N_DOC; f++) ids[i * stride + N_STATIC + f] = p.id(dk[f], add);
        }
      }
      out.push({ infos: inf, ids, stride, runPos: sf.runPos, gold: Int32Array.from(encode(d.gold[si]), (t) => LABELS.indexOf(t)) });
    });
  });
  return out;
}

let seed = Number(option('--seed', String(0x2545f491)));
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

function f1(p: Perceptron, xs: Instance[], gold: string[][], weights: Float64Array): number {
  const sc = new ChunkScorer();
  xs.forEach((x, i) => sc.add(chunks(gold[i]), chunks(toBio(Array.from(p.run(x, weights, false), (k) => LABELS[k])))));
  return sc.score().f;
}

function fit(name: string, p: Perceptron, xs: Instance[], dev?: () => { xs: Instance[]; gold: string[][] }): void {
  const order = xs.map((_, i) => i);
  for (let e = 1; e <= epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let wrong = 0, total = 0;
    for (const i of order) {
      const pred = p.run(xs[i], null, true);
      for (let k = 0; k < pred.length; k++) if (pred[k] !== xs[i].gold[k]) wrong++;
      total += pred.length;
    }
    let msg = '';
    if (dev && (devEachEpoch || e === epochs)) {
      const d = dev();
      msg = ` testa F1 ${f1(p, d.xs, d.gold, p.averaged()).toFixed(2)}`;
    }
    if (devEachEpoch || e === epochs) log(`${name} epoch ${e}: train token errors ${(100 * wrong / total).toFixed(2)}%${msg}`);
  }
}

/** Tags documents with a trained stage-0 perceptron (averaged weights). */
function predict0(p: Perceptron, docs: Doc[]): string[][][] {
  const w = p.averaged();
  return docs.map((d) => instances(p, [d], false, null).map((x) => toBio(Array.from(p.run(x, w, false), (k) => LABELS[k]))));
}

// ---- (3) training -------------------------------------------------------------------------
// stage 0 on held-out folds (jackknife), so stage 1 learns from realistic first-pass tags
const tags0Train: string[][][] = new Array(trainD.length);
for (let fold = 0; fold < FOLDS; fold++) {
  const p = new Perceptron(K, allowed, LABELS, 1 << 20);
  const xs = instances(p, trainD.filter((_, i) => i % FOLDS !== fold), true, null);
  fit(`stage 0 fold ${fold + 1}/${FOLDS}`, p, xs);
  const held = trainD.map((d, i) => ({ d, i })).filter((x) => x.i % FOLDS === fold);
  const tags = predict0(p, held.map((x) => x.d));
  held.forEach((x, k) => (tags0Train[x.i] = tags[k]));
}
const devGold = devD ? devD.flatMap((d) => d.gold) : [];
/** Trains `bag` perceptrons on differently shuffled data and averages them. */
function bagged(name: string, tags0: string[][][] | null, devTags0: string[][][] | null): Perceptron {
  const master = new Perceptron(K, allowed, LABELS, 1 << 21);
  for (let b = 0; b < bag; b++) {
    const p = new Perceptron(K, allowed, LABELS, 1 << 21);
    const xs = instances(p, trainD, true, tags0);
    fit(`${name}${bag > 1 ? ` member ${b + 1}/${bag}` : ''}`, p, xs, devD ? () => ({ xs: instances(p, devD, false, devTags0), gold: devGold }) : undefined);
    master.absorb(p, 1 / bag);
  }
  if (devD && bag > 1) log(`${name} bagged: testa F1 ${f1(master, instances(master, devD, false, devTags0), devGold, master.averaged()).toFixed(2)}`);
  return master;
}
const p0 = bagged('stage 0', null, null);
const devTags0 = devD ? predict0(p0, devD) : null;
const p1 = bagged('stage 1', tags0Train, devTags0);

// ---- (4) export: int8 weights relative to O -----------------------------------------------------------------------------
function quantise(p: Perceptron): StageWeights {
  const avg = p.averaged();
  const R = K - 1;
  // weights minus the O weight (label 0): the same decisions and probabilities, and O needs none
  const rel = (r: number, k: number) => avg[r * K + 1 + k] - avg[r * K];
  let maxAbs = 0;
  for (let r = 0; r < p.keys.length; r++) for (let k = 0; k < R; k++) maxAbs = Math.max(maxAbs, Math.abs(rel(r, k)));
  const scale = maxAbs / 127;
  // drop features whose largest weight is below `prune` × the largest weight of the stage,
  // or rounds to 0 anyway
  const floor = Math.max(prune * maxAbs, scale / 2);
  const rows: { key: number; row: number }[] = [];
  for (let r = 0; r < p.keys.length; r++) {
    for (let k = 0; k < R; k++) {
      if (Math.abs(rel(r, k)) > floor) { rows.push({ key: p.keys[r], row: r }); break; }
    }
  }
  rows.sort((a, b) => a.key - b.key);
  const keys = Int32Array.from(rows, (r) => r.key);
  const weights = new Int8Array(rows.length * R);
  rows.forEach((r, i) => {
    for (let k = 0; k < R; k++) weights[i * R + k] = Math.max(-127, Math.min(127, Math.round(rel(r.row, k) / scale)));
  });
  log(`quantised: ${rows.length} of ${p.keys.length} features kept`);
  return { keys, weights, scale };
}
const stages = [quantise(p0), quantise(p1)];

const clusterWords = [...clusters.keys()].sort();
const capLists: Record<string, string[]> = { '1': [], '2': [], '3': [], '4': [] };
for (const w of [...capClass.keys()].sort()) capLists[String(capClass.get(w))].push(w);
const gazPhrases = [...gaz.keys()].sort();
const header: ModelHeader = {
  format: 'hearsay-ner',
  version: 2,
  labels: LABELS,
  levels,
  decoder: 'greedy',
  temperature: 1,
  stages: [],
  meta: {
    trainedOn: 'CoNLL-2003 eng.train',
    sentences: train.length,
    documents: trainDocs.length,
    epochs,
    bag,
    prune,
    scheme,
    jackknifeFolds: FOLDS,
    clusters: { sizes, minFreq, words: clusters.size, unlabelledSentences: unlabelled.length, polnearArticles: polnearFiles },
    gazetteer: { phrases: gaz.size, categories: GAZ_CATEGORIES, files: gazFiles },
    capitalisationClasses: capClass.size,
  },
  clusters: { words: clusterWords.join('\n'), ids: sizes.map((_, l) => clusterWords.map((w) => clusters.get(w)![l])) },
  capClass: Object.fromEntries(Object.entries(capLists).map(([k, v]) => [k, v.join('\n')])),
  gaz: { phrases: gazPhrases.join('\n'), bits: gazPhrases.map((p) => gaz.get(p)!) },
};

// ---- (5) reload, score on eng.testa, fit the confidence temperature ----------------------
if (devDocs) {
  const tagged = (T: number) => {
    const tagger = new NerTagger(decodeModel(encodeModel({ ...header, temperature: T }, stages)));
    return devDocs.map((d) => tagger.tagDocument(d.map((s) => s.words)));
  };
  const sc = new ChunkScorer();
  tagged(1).forEach((d, di) => d.forEach((r, si) => sc.add(chunks(devDocs[di][si].tags), chunks(r.tags))));
  const f = sc.score();
  log(`shipped model on eng.testa: P ${f.p.toFixed(2)} R ${f.r.toFixed(2)} F1 ${f.f.toFixed(2)}`);
  // temperature: maximise the log-likelihood of "the chosen tag is right" under its probability
  let bestT = 1, bestLL = -Infinity;
  for (const T of [1, 2, 4, 8, 16, 32, 48, 64, 96, 128, 192, 256, 384, 512]) {
    let ll = 0;
    tagged(T).forEach((d, di) => d.forEach((r, si) => {
      for (let i = 0; i < r.tags.length; i++) {
        const p = Math.min(1 - 1e-9, Math.max(1e-9, r.probs[i]));
        ll += r.tags[i] === devDocs[di][si].tags[i] ? Math.log(p) : Math.log(1 - p);
      }
    }));
    if (ll > bestLL) { bestLL = ll; bestT = T; }
  }
  header.temperature = bestT;
  (header.meta as Record<string, unknown>).testa = { p: +f.p.toFixed(2), r: +f.r.toFixed(2), f1: +f.f.toFixed(2) };
  log(`confidence temperature ${bestT}`);
}

const bytes = encodeModel(header, stages);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, bytes);
log(`wrote ${out} (${(bytes.length / 1e6).toFixed(2)} MB)`);
