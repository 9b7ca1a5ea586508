// Child process of the ingest bench (eval/bench/ingest.ts), plain JavaScript so that it runs
// what `hearsay ingest` runs: the compiled tree (.build) when it is fresh, with no TypeScript
// loader in the process. Usage:
//   node _ingest-child.mjs CORPUS_DIR DB WORKERS STORE_URL INGEST_URL
// Ingests CORPUS_DIR into the new database DB and prints the rate, where the time went, the
// size and the peak memory; then times 100 `search` and 100 `who` queries drawn from it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { tuneHeap } from '../../bin/runtime.js';

const [corpus, dbPath, workersArg, storeUrl, ingestUrl] = process.argv.slice(2);
const workers = Number(workersArg);
tuneHeap(); // as bin/hearsay.js does
const store = await import(storeUrl);
const { readInputs } = await import(ingestUrl);

const STOP = new Set(`about above after again against because been before being below between both could does doing during
each further having here itself just more most other ought over same should some such than that their theirs them
themselves then there these they this those through under until very were what when where which while whom would your
yours said says will with from have into only also said told going think thing things people really want know make made
well year years much many even still like back first last time good going dont didnt cant wont isnt thats theyre youre`.split(/\s+/));

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** A small seeded generator, so the query mix is the same on every run. */
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function timeQueries(label, queries, run) {
  for (const q of queries.slice(0, 5)) run(q); // warm the page cache and statement cache
  const ms = [];
  for (const q of queries) {
    const t = performance.now();
    run(q);
    ms.push(performance.now() - t);
  }
  console.log(`query ${label}: p50 ${pct(ms, 50).toFixed(1)} ms, p95 ${pct(ms, 95).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms (${queries.length} queries)`);
}

function queryTerms(db) {
  const next = rng(20240315);
  const pick = (xs) => xs[Math.floor(next() * xs.length)];
  const top = store.speakers(db, { limit: 80, anonymous: false }).speakers;
  const people = top.filter((s) => s.type === 'PERSON');
  const names = [];
  for (let k = 0; k < 100; k++) {
    const s = pick(top);
    const tokens = store.personTokens(s.name);
    // full names, bare surnames (the ambiguity path), organisations
    names.push(k % 3 === 1 && s.type === 'PERSON' && tokens.length > 1 ? s.name.split(/\s+/).slice(-1)[0] : s.name);
  }
  const freq = new Map();
  for (const q of db.prepare('SELECT quote FROM statements ORDER BY id LIMIT 20000').pluck().iterate()) {
    for (const w of q.toLowerCase().match(/[a-z]{5,}/g) ?? []) if (!STOP.has(w)) freq.set(w, (freq.get(w) ?? 0) + 1);
  }
  const topics = [...freq.entries()].sort((a, b) => b[1] - a[1]).slice(0, 300).map(([w]) => w);
  const searches = [];
  for (let k = 0; k < 100; k++) {
    if (k % 4 === 0 && people.length) searches.push(`${pick(people).name.split(/\s+/).slice(-1)[0]} ${pick(topics)}`); // "Clinton emails"
    else if (k % 4 === 1) searches.push(`${pick(topics)} ${pick(topics)}`);
    else searches.push(pick(topics));
  }
  return { searches, names };
}

const before = process.memoryUsage().rss;
let peak = before;
const heap0 = getHeapStatistics().total_heap_size;
let mainHeapAtPeak = heap0;
let mainHeapMax = heap0;
const sampler = setInterval(() => {
  const rss = process.memoryUsage().rss;
  const heap = getHeapStatistics().total_heap_size; // this thread's V8 heap (the writer's), not the workers'
  mainHeapMax = Math.max(mainHeapMax, heap);
  if (rss > peak) { peak = rss; mainHeapAtPeak = heap; }
}, 50);
// each thread's CPU time (user + system, Linux: /proc/self/task/TID/stat, in clock ticks of
// 10 ms), the last reading kept: on a machine whose speed drifts, the split between threads
// and the share of the cores kept busy compare runs better than the rate alone
const threadCpu = new Map();
const readThreads = () => {
  let tids;
  try { tids = readdirSync('/proc/self/task'); } catch { return; }
  for (const tid of tids) {
    try {
      const st = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
      threadCpu.set(tid, Math.max(threadCpu.get(tid) ?? 0, (Number(f[11]) + Number(f[12])) / 100));
    } catch { /* the thread ended */ }
  }
};
const threadSampler = setInterval(readThreads, 500);
const cpuT0 = performance.now();
const db = store.openCorpus(dbPath, { create: true });
const writer = new store.CorpusWriter(db);
let lastLog = Date.now();
const summary = await store.ingest(writer, readInputs([corpus], { kinds: 'ingest' }), {
  workers,
  onFailure: (f) => console.log(`  failed: ${f.file}: ${f.reason}`),
  onProgress: (c) => {
    if (Date.now() - lastLog > 15000) {
      lastLog = Date.now();
      console.log(`  ... ${c.done} articles, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
    }
  },
});
clearInterval(sampler);
clearInterval(threadSampler);
readThreads();
const cpuWall = (performance.now() - cpuT0) / 1000;
peak = Math.max(peak, process.memoryUsage().rss);
const st = store.stats(db);
db.close();
const size = statSync(dbPath).size;
const secs = summary.ms / 1000;
const p = summary.profile;
const n = summary.ingested;
if (!n) {
  console.log(`ingest: no article stored (${summary.failed} failed); nothing to measure`);
  process.exit(0);
}
console.log(`ingest: ${n.toLocaleString('en-US')} articles in ${secs.toFixed(1)} s = ${(n / secs).toFixed(1)} articles/s (${summary.failed} failed, ${summary.unchanged} unchanged)`);
console.log(
  // wall times measured in the threads: with more busy threads than cores they include waits
  // for a core, so the thread CPU line below, not these, says where the cores' time went
  `ingest time: analysis ${(p.analyzeMs / 1000).toFixed(1)} s of wall time summed over ${workers} threads (${(p.analyzeMs / n).toFixed(1)} ms/article, ` +
    `waits for a core included); ` +
    `rows + JSON in workers ${(p.prepareMs / n).toFixed(2)} ms/article; writing ${(p.writeMs / 1000).toFixed(1)} s on the writer thread ` +
    `(${(p.writeMs / n).toFixed(2)} ms/article, ${p.batches} transactions); reading + hashing ${(p.readMs / 1000).toFixed(1)} s`,
);
if (threadCpu.size) {
  // this thread is the process's own (tid = pid); the busiest others are the analysis threads
  const own = threadCpu.get(String(process.pid)) ?? 0;
  const others = [...threadCpu].filter(([tid]) => tid !== String(process.pid)).map(([, c]) => c).sort((a, b) => b - a);
  const analysis = others.slice(0, workers);
  const rest = others.slice(workers).reduce((a, b) => a + b, 0);
  const total = own + analysis.reduce((a, b) => a + b, 0) + rest;
  console.log(`thread CPU (user + system since the start): this thread (reading, writing) ${own.toFixed(1)} s; analysis threads ${analysis.map((c) => c.toFixed(1)).join(' + ')} s; ` +
    `other threads (V8's helpers, libuv) ${rest.toFixed(1)} s; ${total.toFixed(1)} s in ${cpuWall.toFixed(1)} s = ${((100 * total) / (cpuWall * availableParallelism())).toFixed(0)}% of ${availableParallelism()} cores`);
}
console.log(`database: ${(size / 1e6).toFixed(1)} MB (${st.articles.toLocaleString('en-US')} articles, ${st.statements.toLocaleString('en-US')} statements, ${st.entities.toLocaleString('en-US')} entities; ${(size / st.articles / 1024).toFixed(1)} KB/article)`);
const maxRss = Math.max(peak, process.resourceUsage().maxRSS * 1024); // maxRSS is in KiB
console.log(`peak memory: ${(maxRss / 1e6).toFixed(0)} MB max RSS = ${(maxRss / 2 ** 20).toFixed(0)} MiB (one process: the writer and its ${workers} worker threads; MB = 10^6 bytes)`);
console.log(`memory: ${(before / 1e6).toFixed(0)} MB RSS before the workers started (Node, the store${storeUrl.endsWith('.ts') ? ', tsx' : ''}); at the peak the writer thread's V8 heap was ` +
  `${(mainHeapAtPeak / 1e6).toFixed(0)} MB (max ${(mainHeapMax / 1e6).toFixed(0)} MB), so the ${workers} workers (heaps, models) and native buffers held about ` +
  `${((peak - before - (mainHeapAtPeak - heap0)) / 1e6).toFixed(0)} MB`);

const qdb = store.openCorpus(dbPath, { readonly: true });
const { searches, names } = queryTerms(qdb);
let hits = 0;
timeQueries('search', searches, (q) => { hits += store.search(qdb, q, { limit: 20 }).statements.length; });
let profiles = 0, ambiguous = 0;
timeQueries('who', names, (q) => {
  const r = store.resolveSpeaker(qdb, q);
  if (r.kind === 'one') { profiles++; store.speakerProfile(qdb, r.speaker.id !== null ? { entity: r.speaker.id } : { group: r.speaker.group }, { limit: 20 }); }
  else if (r.kind === 'ambiguous') ambiguous++;
});
console.log(`queries: search e.g. ${searches.slice(0, 4).map((s) => JSON.stringify(s)).join(', ')} (${(hits / searches.length).toFixed(1)} hits each); ` +
  `who e.g. ${names.slice(0, 4).map((s) => JSON.stringify(s)).join(', ')} (${profiles} profiles, ${ambiguous} ambiguous)`);
qdb.close();
