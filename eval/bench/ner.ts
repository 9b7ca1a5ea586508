/**
 * `npm run bench -- ner`: the NER tagger alone (no wink, no pipeline) on CoNLL-2003
 * eng.testa, a document at a time as the pipeline runs it (both stages).
 *
 * Prints: model file size; load time (read + decode + table build, fresh each time,
 * median of 5); tokens/second after two warm-up passes, median of 5 passes, once with
 * the per-word feature cache kept across passes (steady state of a long-running
 * process) and once with it emptied before every pass (every word type computed
 * afresh, as for a first article); and peak RSS sampled during the run.
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { datasetPath } from '../data.ts';
import { conllDocuments } from '../conll/documents.ts';
import { readConll } from '../conll/reader.ts';
import { MODEL_URL } from '../../src/extract/entities/ner/index.ts';
import { decodeModel } from '../../src/extract/entities/ner/model.ts';
import { NerTagger } from '../../src/extract/entities/ner/tagger.ts';

export const isDefault = true;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(): Promise<void> {
  const file = fileURLToPath(MODEL_URL);
  let peak = process.memoryUsage().rss;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);

  const loads: number[] = [];
  let tagger: NerTagger | null = null;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    tagger = new NerTagger(decodeModel(readFileSync(file)));
    loads.push(performance.now() - t);
  }
  console.log(`ner model: ${file.replace(/.*\/models\//, 'models/')} ${(statSync(file).size / 1e6).toFixed(2)} MB`);
  console.log(`ner load: ${median(loads).toFixed(0)} ms (median of 5; read + decode + index)`);

  const path = datasetPath('conll2003', 'eng.testa');
  if (!path) {
    clearInterval(sample);
    console.log('ner throughput: skipped (CoNLL eng.testa not found)');
    return;
  }
  const docs = conllDocuments(readConll(path)).map((d) => d.map((s) => s.words));
  const tokens = docs.flat().reduce((a, s) => a + s.length, 0);
  const pass = (cold: boolean) => {
    if (cold) tagger!.features.clearCache();
    const t = performance.now();
    for (const d of docs) tagger!.tagDocument(d);
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
  clearInterval(sample);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(`ner peak rss: ${(peak / 1e6).toFixed(0)} MB`);
}
