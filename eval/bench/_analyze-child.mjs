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
const threads = /^hearsay-threads-(\d+)$/.exec(system);
if (threads) {
  // N worker threads of this process, texts dealt round-robin; the clock starts when all have warmed up
  const { Worker } = await import('node:worker_threads');
  const boot = new URL('../../src/store/worker-boot.mjs', import.meta.url);
  const entry = new URL('./_analyze-worker.mjs', import.meta.url).href;
  const n = Number(threads[1]);
  // the heap limits hearsay's own analysis threads run with (src/store/pool.ts)
  // and the model tables they share (made here once, as hearsay's pool does)
  const { ANALYSIS_WORKER_LIMITS, analysisTables } = await import(pipelineUrl.replace(/pipeline\/analyze\.(ts|js)$/, 'store/pool.$1'));
  const modelTables = analysisTables();
  const workers = Array.from({ length: n }, (_, w) => new Worker(boot, {
    workerData: { entry, batch: true, tsx: pipelineUrl.endsWith('.ts'), pipelineUrl, documentUrl, texts: docs.filter((_, k) => k % n === w), offset: w, modelTables },
    execArgv: [],
    resourceLimits: ANALYSIS_WORKER_LIMITS,
  }));
  await Promise.all(workers.map((w) => new Promise((r) => w.once('message', r))));
  const t0 = performance.now();
  await Promise.all(workers.map((w) => new Promise((r) => { w.once('message', r); w.postMessage('go'); })));
  secs = (performance.now() - t0) / 1000;
  await Promise.all(workers.map((w) => w.terminate()));
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
