/**
 * `npm run bench -- ner`: the NER tagger alone (no pipeline).
 *
 * Prints:
 *  - model file size; load time (read + decode + tables, fresh each time, median of 5);
 *    the memory one loaded model adds (RSS and JS heap, after a full GC);
 *  - the tagger on CoNLL-2003 eng.testa, a document at a time as the pipeline runs it
 *    (both stages): tokens/second after two warm-up passes, median of 5 passes, once
 *    with the per-word cache kept across passes (steady state of a long-running process)
 *    and once with it emptied before every pass (every word type computed afresh);
 *  - `recogniseEntities` (word regrouping + tagging + span and type mapping: the part of
 *    the pipeline's `names` step that is NER) on the PolNeAR train articles, analysed by
 *    wink beforehand: ms per article, median of 5 passes, with the word cache emptied
 *    before each pass and kept; wall time and CPU time (the machine is shared: CPU
 *    time is the steadier of the two); then the memory the word cache holds;
 *  - peak RSS sampled during the run.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { datasetPath } from '../data.ts';
import { conllDocuments } from '../conll/documents.ts';
import { readConll } from '../conll/reader.ts';
import { createDocument } from '../../src/core/document.ts';
import { analyzeNlp } from '../../src/nlp/tokens.ts';
import { MODEL_URL, recogniseEntities } from '../../src/extract/entities/ner/index.ts';
import { decodeModel } from '../../src/extract/entities/ner/model.ts';
import { NerTagger } from '../../src/extract/entities/ner/tagger.ts';

export const isDefault = true;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const mem = () => { gc(); gc(); const m = process.memoryUsage(); return { rss: m.rss, heap: m.heapUsed + m.arrayBuffers }; };
const mb = (x: number) => `${(x / 1e6).toFixed(1)} MB`;

export async function run(): Promise<void> {
  const file = fileURLToPath(MODEL_URL);
  let peak = process.memoryUsage().rss;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);

  const before = mem();
  let tagger = new NerTagger(decodeModel(readFileSync(file)));
  const after = mem();
  const loads: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    tagger = new NerTagger(decodeModel(readFileSync(file)));
    loads.push(performance.now() - t);
  }
  console.log(`ner model: ${file.replace(/.*\/models\//, 'models/')} ${(statSync(file).size / 1e6).toFixed(2)} MB`);
  console.log(`ner load: ${median(loads).toFixed(0)} ms (median of 5; read + decode + tables)`);
  console.log(`ner loaded model adds: RSS ${mb(after.rss - before.rss)}, JS heap + array buffers ${mb(after.heap - before.heap)} (weight tables ${mb(tagger.weightBytes)})`);

  const path = datasetPath('conll2003', 'eng.testa');
  if (!path) console.log('ner throughput: skipped (CoNLL eng.testa not found)');
  else {
    const docs = conllDocuments(readConll(path)).map((d) => d.map((s) => s.words));
    const tokens = docs.flat().reduce((a, s) => a + s.length, 0);
    const pass = (cold: boolean) => {
      if (cold) tagger.features.clearCache();
      const t = performance.now();
      for (const d of docs) tagger.tagDocument(d);
      return tokens / ((performance.now() - t) / 1000);
    };
    for (const cold of [false, true]) {
      pass(cold);
      pass(cold);
      const rates: number[] = [];
      for (let i = 0; i < 5; i++) rates.push(pass(cold));
      console.log(
        `ner tagger: ${Math.round(median(rates)).toLocaleString('en-US')} tokens/s ` +
          `(${cold ? 'word cache emptied before each pass' : 'word cache warm'}; eng.testa ${tokens} tokens, median of 5 passes)`,
      );
    }
  }

  const dir = datasetPath('polnear', 'train', 'text');
  if (!dir) console.log('ner on articles: skipped (PolNeAR train texts not found)');
  else {
    const articles = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => {
      const doc = createDocument(readFileSync(join(dir, f), 'utf8'), { id: f });
      return { doc, nlp: analyzeNlp(doc) };
    });
    const tokens = articles.reduce((a, x) => a + x.nlp.tokens.length, 0) / articles.length;
    const pass = (cold: boolean) => {
      if (cold) tagger.features.clearCache();
      const w = performance.now(), c = cpuMs();
      for (const a of articles) recogniseEntities(a.nlp, a.doc, tagger);
      return { wall: (performance.now() - w) / articles.length, cpu: (cpuMs() - c) / articles.length };
    };
    for (const cold of [true, false]) {
      pass(cold);
      const runs = [0, 1, 2, 3, 4].map(() => pass(cold));
      console.log(
        `ner recogniseEntities: ${median(runs.map((r) => r.wall)).toFixed(2)} ms/article wall, ${median(runs.map((r) => r.cpu)).toFixed(2)} ms CPU ` +
          `(${cold ? 'word cache emptied before each pass' : 'word cache warm'}; ${articles.length} PolNeAR train articles, ${tokens.toFixed(0)} wink tokens each, median of 5 passes)`,
      );
    }
    const types = tagger.features.cacheSize;
    const withCache = mem();
    tagger.features.clearCache();
    const without = mem();
    console.log(`ner word cache after those passes: ${types} word types, ${mb(withCache.heap - without.heap)} JS heap`);
  }
  clearInterval(sample);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(`ner peak rss: ${(peak / 1e6).toFixed(0)} MB`);
}
