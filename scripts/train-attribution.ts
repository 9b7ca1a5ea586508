/**
 * Trains the attribution models (cue tagger, content and source span choosers) on PolNeAR
 * train with the averaged perceptron and writes models/attribution.bin.
 *   npm run train:attribution [-- --epochs 8 --runs 1 --seed 12345 --limit N --out FILE]
 * Deterministic: each run shuffles the documents with its own seed (seed, seed + 1, ...).
 * With --runs N the weights written are the mean of the N runs' weights: one linear model that
 * scores as the runs together would, at the cost of one; single runs differ by up to 1.1 F1 on
 * PolNeAR dev (docs/EVALUATION.md). --cue-from FILE keeps the cue tagger of an existing model
 * file and trains only the span choosers; --span-bits (or --content-bits, --source-bits) sets
 * their table sizes.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createDocument } from '../src/core/document.ts';
import { analyzeNlp } from '../src/nlp/tokens.ts';
import { PerceptronTrainer, WeightMean } from '../src/learn/linear.ts';
import { prepare, type Prepared } from '../src/extract/attribution/prepare.ts';
import {
  CUE_B, CUE_FEATURES_MAX, CUE_I, CUE_O, bestOnSide, choiceFeatures, classFeature, cueFeatures, cueScores,
  packModels, unpackModels, type AttributionModels, type SpanChoice,
} from '../src/extract/attribution/models.ts';
import { blockMask, spanContext } from '../src/extract/attribution/decode.ts';
import { goldTokens, type TokenAttribution } from '../eval/polnear/gold.ts';
import { readPolnear } from '../eval/polnear/reader.ts';
import { repoRoot } from '../eval/data.ts';

const args = process.argv.slice(2);
const opt = (name: string, def: string) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : def; };
const EPOCHS = Number(opt('epochs', '8'));
const LIMIT = Number(opt('limit', 'Infinity'));
const OUT = opt('out', join(repoRoot, 'models', 'attribution.bin'));
const CUE_BITS = Number(opt('cue-bits', '21'));
const SPAN_BITS = opt('span-bits', '20');
const CONTENT_BITS = Number(opt('content-bits', SPAN_BITS));
const SOURCE_BITS = Number(opt('source-bits', SPAN_BITS));
const RUNS = Number(opt('runs', '1'));
const SEED = Number(opt('seed', '12345'));
for (const [name, v, min] of [['runs', RUNS, 1], ['seed', SEED, 0], ['epochs', EPOCHS, 1]] as const) {
  if (!Number.isInteger(v) || v < min) { console.error(`--${name} must be a whole number of at least ${min} (got ${v})`); process.exit(2); }
}
const CUE_FROM = opt('cue-from', '');
const keptCue = CUE_FROM ? readCue(CUE_FROM) : null;

function readCue(file: string) {
  try {
    return unpackModels(readFileSync(file)).cue;
  } catch (e) {
    console.error(`--cue-from ${file}: not an attribution model file (${(e as Error).message})`);
    process.exit(2);
  }
}

const gold = readPolnear('train', LIMIT);
if (!gold) { console.error('PolNeAR not found (../shared/datasets/polnear); nothing to train on'); process.exit(2); }

console.log(`preparing ${gold.length} articles ...`);
const t0 = Date.now();
const docs: { p: Prepared; attrs: TokenAttribution[]; tags: Uint8Array }[] = gold.map((g) => {
  const doc = createDocument(g.text, { id: g.id, published: g.published });
  const nlp = analyzeNlp(doc);
  const p = prepare(doc, nlp);
  const attrs = goldTokens(g.text, nlp, g.attributions);
  const tags = new Uint8Array(p.f.n);
  for (const a of attrs) {
    if (!a.cue) continue;
    tags[a.cue[0]] = CUE_B;
    for (let i = a.cue[0] + 1; i < a.cue[1]; i++) tags[i] = CUE_I;
  }
  return { p, attrs, tags };
});
console.log(`prepared in ${((Date.now() - t0) / 1000).toFixed(1)}s`);

const feats = new Uint32Array(CUE_FEATURES_MAX);
const scores = new Float64Array(3);
const same = (a: SpanChoice | null, b: SpanChoice | null) =>
  (!a && !b) || (!!a && !!b && a.first === b.first && a.last === b.last && a.side === b.side);

/** One run over the shuffled documents: the averaged perceptrons (no cue tagger when one is kept). */
function train(run: number): { cue: PerceptronTrainer | null; content: PerceptronTrainer; source: PerceptronTrainer } {
  let seed = SEED + run;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const shuffle = <T>(a: T[]): T[] => {
    for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [a[i], a[j]] = [a[j], a[i]]; }
    return a;
  };
  const cueT = keptCue ? null : new PerceptronTrainer(CUE_BITS);
  const contentT = new PerceptronTrainer(CONTENT_BITS);
  const sourceT = new PerceptronTrainer(SOURCE_BITS);
  const updateCue = (t: PerceptronTrainer, k: number, cls: number, delta: number) => {
    if (cls === CUE_O) return; // the O tag's weights stay zero (see cueScores)
    const f = new Uint32Array(k);
    for (let j = 0; j < k; j++) f[j] = classFeature(feats[j], cls);
    t.update(f, delta);
  };

  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    let cueErr = 0, cueTok = 0, conErr = 0, conN = 0, srcErr = 0, srcN = 0;
    for (const { p, attrs, tags } of shuffle([...docs])) {
      // cue tagger: greedy with its own previous predictions
      let prev = CUE_O;
      for (let i = 0; cueT && i < p.f.n; i++) {
        const k = cueFeatures(p.f, i, prev, feats);
        cueScores(cueT.model, feats, k, scores, prev);
        let best = CUE_O;
        if (scores[CUE_B] > scores[best]) best = CUE_B;
        if (prev !== CUE_O && scores[CUE_I] > scores[best]) best = CUE_I;
        const g = tags[i] === CUE_I && prev === CUE_O ? CUE_B : tags[i];
        cueTok++;
        if (best !== g) {
          cueErr++;
          updateCue(cueT, k, g, +1);
          updateCue(cueT, k, best, -1);
        }
        cueT.tick();
        prev = best;
      }
      // span choosers, on gold cues
      for (const a of attrs) {
        if (!a.cue) continue;
        const cue = { first: a.cue[0], last: a.cue[1] };
        const ctx = spanContext(p, cue, null);
        const goldSide: (SpanChoice | null | undefined)[] = [null, null];
        for (const [s, e] of a.content) {
          const side = e <= cue.first ? 0 : s >= cue.last ? 1 : -1;
          if (side < 0 || s < ctx.lo || e > ctx.hi) { goldSide[0] = goldSide[1] = undefined; break; }
          goldSide[side] = goldSide[side] === null ? { side: side as 0 | 1, first: s, last: e } : undefined; // two pieces on one side: skip
        }
        for (const side of [0, 1] as const) {
          const g = goldSide[side];
          if (g === undefined) continue;
          const pred = bestOnSide('content', contentT.model, ctx, side).span;
          conN++;
          if (!same(pred, g)) {
            conErr++;
            contentT.update(choiceFeatures('content', ctx, g, side), +1);
            contentT.update(choiceFeatures('content', ctx, pred, side), -1);
          }
          contentT.tick();
        }
        // source, with the gold content blocked
        const goldContent = a.content.map(([s, e]) => ({ side: (s >= cue.last ? 1 : 0) as 0 | 1, first: s, last: e }));
        const sctx = spanContext(p, cue, blockMask(p.f.n, cue, goldContent), undefined, 'source');
        let gsrc: SpanChoice | null = null;
        if (a.source.length === 1) {
          const [s, e] = a.source[0];
          if (s >= sctx.lo && e <= sctx.hi && (e <= cue.first || s >= cue.last)) gsrc = { side: s >= cue.last ? 1 : 0, first: s, last: e };
          else continue;
          let clash = false;
          for (let i = s; i < e; i++) if (sctx.blocked![i]) clash = true;
          if (clash) continue;
        } else if (a.source.length > 1) continue;
        const left = bestOnSide('source', sourceT.model, sctx, 0);
        const right = bestOnSide('source', sourceT.model, sctx, 1);
        let pred: SpanChoice | null = null;
        let best = left.noneScore;
        if (left.bestSpan && left.spanScore > best) { pred = left.bestSpan; best = left.spanScore; }
        if (right.bestSpan && right.spanScore > best) { pred = right.bestSpan; best = right.spanScore; }
        srcN++;
        if (!same(pred, gsrc)) {
          srcErr++;
          sourceT.update(choiceFeatures('source', sctx, gsrc, gsrc ? gsrc.side : 0), +1);
          sourceT.update(choiceFeatures('source', sctx, pred, pred ? pred.side : 0), -1);
        }
        sourceT.tick();
      }
    }
    const cueRate = cueT ? `cue token errors ${(100 * cueErr / cueTok).toFixed(2)}%, ` : '';
    console.log(
      `run ${run + 1}/${RUNS} epoch ${epoch}: ${cueRate}content side errors ${(100 * conErr / conN).toFixed(1)}%, source errors ${(100 * srcErr / srcN).toFixed(1)}%`,
    );
  }
  return { cue: cueT, content: contentT, source: sourceT };
}

// each role's weights: the mean over the runs of each run's averaged perceptron
const means = { cue: new WeightMean(), content: new WeightMean(), source: new WeightMean() };
let last: ReturnType<typeof train> | null = null;
for (let r = 0; r < RUNS; r++) {
  last = train(r);
  for (const role of ['cue', 'content', 'source'] as const) {
    const t = last[role];
    if (t) means[role].add(t.finalise());
  }
}
const mean = (role: keyof AttributionModels) => means[role].mean(last![role]!.model);
const models: AttributionModels = { cue: keptCue ?? mean('cue'), content: mean('content'), source: mean('source') };
const buf = packModels(models);
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, buf);
console.log(`wrote ${OUT} (${(buf.length / 1e6).toFixed(2)} MB) in ${((Date.now() - t0) / 1000).toFixed(0)}s`);
