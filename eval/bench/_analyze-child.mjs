// Child process of the analyze bench (eval/bench/analyze.ts), plain JavaScript so that the
// hearsay child runs the engine as `hearsay` does: the compiled tree (.build) when it is
// fresh, with no TypeScript loader in the process. Usage:
//   node _analyze-child.mjs DIR hearsay|hearsay-threads-N|compromise PIPELINE_URL
// (PIPELINE_URL: src/pipeline/analyze.ts through tsx, or .build/src/pipeline/analyze.js).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tuneHeap } from '../../bin/runtime.js';

const [dir, system, pipelineUrl] = process.argv.slice(2);
// hearsay runs with the tuning its launcher (bin/hearsay.js) applies; the peer as a library does
if (system.startsWith('hearsay')) tuneHeap();
const docs = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(dir, f), 'utf8'));
const words = docs.reduce((n, t) => n + t.split(/\s+/).length, 0);
const documentUrl = pipelineUrl.replace(/pipeline\/analyze\.(ts|js)$/, 'core/document.$1');

let peak = process.memoryUsage().rss;
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
const steps = new Map();
let secs;
const threads = /^hearsay-(threads|whole)-(\d+)$/.exec(system);
if (threads) {
  // hearsay's own analysis pool (src/store/pool.ts), as `hearsay analyze --workers N` uses it:
  // N threads in pairs splitting the pipeline (threads), or each running all of it (whole);
  // each document is handed in and its analysis comes back as JSON text. The clock starts
  // once every thread has analysed a first document.
  const { createAnalyzer } = await import(pipelineUrl.replace(/pipeline\/analyze\.(ts|js)$/, 'store/pool.$1'));
  const { createDocument } = await import(documentUrl);
  const n = Number(threads[2]);
  const pool = createAnalyzer(n, { batch: true, split: threads[1] === 'threads' });
  await Promise.all(Array.from({ length: 2 * n }, (_, k) => pool.analyze(createDocument('Warm-up, he said.', { id: `warm${k}` }))));
  const t0 = performance.now();
  await Promise.all(docs.map((t, k) => pool.analyze(createDocument(t, { id: `d${k}` })).then(() => undefined)));
  secs = (performance.now() - t0) / 1000;
  await pool.close();
} else {
  let run;
  if (system === 'hearsay') {
    const { createDocument } = await import(documentUrl);
    const { analyze, PIPELINE } = await import(pipelineUrl);
    // time each step by wrapping it (the wrapper costs two clock reads per step)
    for (const step of PIPELINE) {
      const inner = step.run;
      step.run = (s, o) => {
        const t = performance.now();
        inner(s, o);
        steps.set(step.name, (steps.get(step.name) ?? 0) + performance.now() - t);
      };
    }
    const load = performance.now();
    analyze(createDocument('Warm-up, he said.', { id: 'warm' }));
    console.error(`  hearsay: models loaded in ${(performance.now() - load).toFixed(0)} ms`);
    steps.clear();
    run = (text, k) => { analyze(createDocument(text, { id: `d${k}` })); };
  } else {
    const nlp = (await import('compromise')).default;
    run = (text) => { const d = nlp(text); d.quotations().json(); d.people().json(); };
  }
  const t0 = performance.now();
  docs.forEach((t, k) => run(t, k));
  secs = (performance.now() - t0) / 1000;
}
clearInterval(sample);
peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024); // maxRSS is in KiB
process.stdout.write(JSON.stringify({ system, docs: docs.length, words, secs, peak, steps: Object.fromEntries(steps) }) + '\n');
