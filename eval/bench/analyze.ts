/**
 * `npm run bench` / `npm run bench -- analyze`: the whole engine (`analyze`) over every
 * PolNeAR train article in one process, then compromise's `quotations()` + `people()` on
 * the same texts in the same run. Prints articles/s, time per pipeline step and peak RSS.
 * Each system runs in its own child process so peak memory is its own.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { datasetPath } from '../data.ts';

export const isDefault = true;

function texts(): string[] | null {
  const dir = datasetPath('polnear', 'train', 'text');
  if (!dir) return null;
  return readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(dir, f), 'utf8'));
}

/**
 * hearsay on N worker threads of this one process (each loads its own models): texts are
 * dealt out round-robin; the clock starts when every thread has loaded and warmed up.
 */
async function threaded(n: number, docs: string[]): Promise<{ secs: number }> {
  const { Worker } = await import('node:worker_threads');
  const boot = new URL('../../src/store/worker-boot.mjs', import.meta.url);
  const entry = new URL('./_analyze-worker.ts', import.meta.url).href;
  const workers = Array.from({ length: n }, (_, w) => {
    const share = docs.filter((_, k) => k % n === w);
    return new Worker(boot, { workerData: { entry, texts: share, offset: w }, execArgv: [] });
  });
  await Promise.all(workers.map((w) => new Promise((r) => w.once('message', r))));
  const t0 = performance.now();
  await Promise.all(workers.map((w) => new Promise((r) => { w.once('message', r); w.postMessage('go'); })));
  const secs = (performance.now() - t0) / 1000;
  await Promise.all(workers.map((w) => w.terminate()));
  return { secs };
}

/** Child mode: `node --import tsx eval/bench/analyze.ts --child hearsay|compromise|hearsay-threads-N`. */
async function child(system: string): Promise<void> {
  const docs = texts()!;
  const threads = /^hearsay-threads-(\d+)$/.exec(system);
  if (threads) {
    let peak = process.memoryUsage().rss;
    const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
    const words = docs.reduce((n, t) => n + t.split(/\s+/).length, 0);
    const { secs } = await threaded(Number(threads[1]), docs);
    clearInterval(sample);
    process.stdout.write(JSON.stringify({ system, docs: docs.length, words, secs, peak, steps: {} }) + '\n');
    return;
  }
  let peak = process.memoryUsage().rss;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
  const words = docs.reduce((n, t) => n + t.split(/\s+/).length, 0);
  let run: (text: string, k: number) => void;
  const steps = new Map<string, number>();
  if (system === 'hearsay') {
    const { createDocument } = await import('../../src/core/document.ts');
    const { analyze, PIPELINE } = await import('../../src/pipeline/analyze.ts');
    // time each step by wrapping it (the wrapper costs two clock reads per step)
    for (const step of PIPELINE) {
      const inner = step.run;
      (step as { run: typeof inner }).run = (s, o) => {
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
  const secs = (performance.now() - t0) / 1000;
  clearInterval(sample);
  peak = Math.max(peak, process.memoryUsage().rss);
  process.stdout.write(JSON.stringify({ system, docs: docs.length, words, secs, peak, steps: Object.fromEntries(steps) }) + '\n');
}

export async function run(): Promise<void> {
  const docs = texts();
  if (!docs) { console.log('analyze bench: skipped (PolNeAR train texts not found)'); return; }
  const self = fileURLToPath(import.meta.url);
  console.log(`analyze bench: ${docs.length} PolNeAR train articles, one process each system, single thread`);
  console.log('system              articles/s   words/s    peak RSS   what');
  const cores = (await import('node:os')).availableParallelism();
  for (const system of ['hearsay', `hearsay-threads-${cores}`, 'compromise']) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', system], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) { console.log(`${system}: failed\n${r.stderr}`); continue; }
    process.stderr.write(r.stderr);
    const m = JSON.parse(r.stdout.trim().split('\n').pop()!);
    const what = system === 'hearsay' ? 'full analysis (statements, entities, coref, times, relations), one thread'
      : system.startsWith('hearsay-threads') ? `the same on ${system.split('-').pop()} worker threads of one process`
        : 'quotations() + people() only, one thread';
    console.log(`${system.padEnd(19)} ${(m.docs / m.secs).toFixed(1).padStart(10)} ${Math.round(m.words / m.secs).toLocaleString('en-US').padStart(9)} ${(m.peak / 2 ** 20).toFixed(0).padStart(7)} MB   ${what}`);
    if (system === 'hearsay') {
      const total = Object.values(m.steps as Record<string, number>).reduce((a, b) => a + b, 0);
      console.log('  per article: ' + Object.entries(m.steps as Record<string, number>).map(([k, v]) => `${k} ${(v / m.docs).toFixed(2)}`).join(', ') + ` ms (total ${(total / m.docs).toFixed(2)} ms)`);
    }
  }
}

if (process.argv[2] === '--child') await child(process.argv[3]);
